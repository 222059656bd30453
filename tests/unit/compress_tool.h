/*
 * Host helpers for the decompressor tests: run Debian's real compressors
 * (xz, gzip, lz4) on test data, and make test inputs of several kinds.
 */
#ifndef UNIT_COMPRESS_TOOL_H
#define UNIT_COMPRESS_TOOL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Runs "@command < input > output" through the shell on @data and returns
 * the output (malloc'd, *@out_len bytes), or NULL if the command failed.
 */
uint8_t *tool_filter(const char *command, const uint8_t *data, size_t len, size_t *out_len);

/* Reads a whole file (malloc'd); NULL if it cannot be read. */
uint8_t *tool_read_file(const char *path, size_t *len);

enum input_kind { INPUT_ZEROS, INPUT_RANDOM, INPUT_TEXT, INPUT_CODE, INPUT_KINDS };

/* @len bytes of @kind (INPUT_CODE: x86 machine code, from this very binary). */
uint8_t *make_input(enum input_kind kind, size_t len, uint64_t seed);

#endif
