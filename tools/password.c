/*
 * password.c - generated passwords, hashed for userPassword.
 *
 * The password is drawn from OpenSSL's RAND_bytes (rejection sampling, so
 * every character is equally likely) and shown once; the directory keeps
 * only "{CRYPT}" + crypt(3) SHA-512 ("$6$") with a random salt, which
 * slapd verifies through its {CRYPT} scheme.
 */
#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "cli.h"

enum { PASSWORD_LENGTH = 20, SALT_BYTES = 16 };

/* Unambiguous characters only: no 0/O, 1/l/I. */
static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.";

static int
random_password(char *out, size_t len)
{
	const size_t n = sizeof alphabet - 1;
	const unsigned limit = 256 - 256 % n; /* reject the biased tail */
	unsigned char buf[64];
	size_t got = 0, i;

	while (got < len) {
		if (RAND_bytes(buf, sizeof buf) != 1)
			return -1;
		for (i = 0; i < sizeof buf && got < len; i++) {
			if (buf[i] < limit)
				out[got++] = alphabet[buf[i] % n];
		}
	}
	out[len] = '\0';
	return 0;
}

int
password_generate(char **clear, char **hashed)
{
	char pw[PASSWORD_LENGTH + 1], setting[CRYPT_GENSALT_OUTPUT_SIZE];
	unsigned char salt[SALT_BYTES];
	struct crypt_data *cd;
	const char *h;

	*clear = *hashed = NULL;
	if (random_password(pw, PASSWORD_LENGTH) != 0 || RAND_bytes(salt, sizeof salt) != 1) {
		warnx_("no random bytes from OpenSSL");
		return -1;
	}
	if (crypt_gensalt_rn("$6$", 0, (const char *)salt, sizeof salt, setting, sizeof setting) ==
	        NULL) {
		warnx_("crypt_gensalt: SHA-512 is not available");
		return -1;
	}
	cd = calloc(1, sizeof *cd);
	if (cd == NULL)
		return -1;
	h = crypt_r(pw, setting, cd);
	if (h == NULL || h[0] == '*') {
		warnx_("crypt: cannot hash with SHA-512");
		free(cd);
		return -1;
	}
	*hashed = malloc(strlen("{CRYPT}") + strlen(h) + 1);
	*clear = strdup(pw);
	if (*hashed != NULL)
		strcat(strcpy(*hashed, "{CRYPT}"), h);
	explicit_bzero(pw, sizeof pw);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	if (*hashed == NULL || *clear == NULL) {
		free(*hashed);
		free(*clear);
		*clear = *hashed = NULL;
		return -1;
	}
	return 0;
}
