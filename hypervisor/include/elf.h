/*
 * The few ELF64 structures and constants the hypervisor reads, written
 * from the System V ABI ELF specification (generic part and the x86-64
 * supplement).  Only what the PV domain builder needs: the file header,
 * program and section headers and the note header.  All fields are
 * little-endian on x86-64; readers copy them out with memcpy() because an
 * image in memory gives no alignment guarantee.
 */
#ifndef ELF_H
#define ELF_H

#include <stdint.h>

/* e_ident[] indexes and values. */
#define ELF_NIDENT 16
#define ELF_IDENT_CLASS 4
#define ELF_IDENT_DATA 5
#define ELF_IDENT_VERSION 6
#define ELF_MAGIC "\177ELF"
#define ELF_MAGIC_LEN 4
#define ELF_CLASS32 1
#define ELF_CLASS64 2
#define ELF_DATA_LSB 1
#define ELF_VERSION_CURRENT 1

/* e_type and e_machine. */
#define ELF_TYPE_EXEC 2
#define ELF_TYPE_DYN 3
#define ELF_MACHINE_X86_64 62

/* p_type and p_flags. */
#define ELF_PT_LOAD 1
#define ELF_PT_NOTE 4
#define ELF_PF_X 0x1
#define ELF_PF_W 0x2
#define ELF_PF_R 0x4

/* sh_type. */
#define ELF_SHT_NOTE 7

struct elf64_ehdr {
	uint8_t e_ident[ELF_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
};

struct elf64_shdr {
	uint32_t sh_name;
	uint32_t sh_type;
	uint64_t sh_flags;
	uint64_t sh_addr;
	uint64_t sh_offset;
	uint64_t sh_size;
	uint32_t sh_link;
	uint32_t sh_info;
	uint64_t sh_addralign;
	uint64_t sh_entsize;
};

/* A note: this header, then the name and the descriptor, each padded. */
struct elf64_nhdr {
	uint32_t n_namesz;
	uint32_t n_descsz;
	uint32_t n_type;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 file header size");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header size");
_Static_assert(sizeof(struct elf64_shdr) == 64, "ELF64 section header size");
_Static_assert(sizeof(struct elf64_nhdr) == 12, "ELF note header size");

#endif
