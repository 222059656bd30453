/*
 * Force-included (-include) when the host unit tests compile the
 * hypervisor's string.c and vsnprintf.c and their tests: gives our
 * functions hv_* names so they neither clash with nor get replaced by the
 * host C library's.  The host's <stdio.h> and <string.h> come first, so
 * they declare the real names and a test can still reach the host
 * snprintf() as a reference after an #undef.
 */
#ifndef UNIT_STRING_RENAME_H
#define UNIT_STRING_RENAME_H

#include <stdio.h>
#include <string.h>

#define memcpy hv_memcpy
#define memmove hv_memmove
#define memset hv_memset
#define memcmp hv_memcmp
#define strlen hv_strlen
#define strnlen hv_strnlen
#define strcmp hv_strcmp
#define strncmp hv_strncmp
#define strchr hv_strchr
#define strlcpy hv_strlcpy
#define parse_ulong hv_parse_ulong
#define vsnprintf hv_vsnprintf
#define snprintf hv_snprintf

/* Declares the hv_* names for every file compiled with this header. */
#include "lib/string.h"
#include "lib/vsnprintf.h"

#endif
