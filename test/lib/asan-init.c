/*
 * asan-init.c - preloaded after libasan into slapd's programs by the test
 * harness, in sanitized builds only.
 *
 * slapd is not instrumented, so AddressSanitizer starts lazily, at the first
 * malloc().  That happens inside libp11-kit's constructor, in newlocale(),
 * while glibc's locale lock is held for writing; ASan's start-up then probes
 * for swift_demangle with dlsym(), and dlerror() translates the failure
 * through gettext, which takes and releases the same lock.  The lock's
 * reader count goes negative and the program hangs in its exit handlers.
 * Defining the symbol makes the probe succeed, so no message is made.
 *
 * Interface: swift_demangle() never demangles (returns NULL), which ASan
 * takes as "not a Swift name".
 */
#include <stddef.h>
#include <stdint.h>

char *swift_demangle(const char *mangled, size_t len, char *out, size_t *out_len,
	uint32_t flags);

char *
swift_demangle(const char *mangled, size_t len, char *out, size_t *out_len, uint32_t flags)
{
	(void)mangled;
	(void)len;
	(void)out;
	(void)out_len;
	(void)flags;
	return NULL;
}
