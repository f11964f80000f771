/*
 * dn.c - canonical DNs (see dn.h).
 */
#include "dn.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

static int
ishex(int c)
{
	return isxdigit((unsigned char)c);
}

static void
add_escaped(struct buf *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[3] = { '\\', hex[c >> 4], hex[c & 15] };

	buf_add(out, e, 3);
}

/* Does this byte need an escape to be unambiguous inside a value? */
static int
special(unsigned char c)
{
	return c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' ||
		c == '>' || c == ';' || c == '=' || c == '#' || c < 0x20;
}

/* The bytes a simple value holds, a bit each: - . 0-9 in the first word,
 * @ _ a-z in the second (values are most of a DN's bytes). */
static const uint64_t simple_value[2] = {
	(3ull << ('-' - 0)) | (0x3ffull << ('0' - 0)),
	(1ull << ('@' - 64)) | (1ull << ('_' - 64)) | (0x3ffffffull << ('a' - 64)),
};

int
dn_canon_simple(const char *dn, size_t len, char *out)
{
	size_t i = 0, type;
	unsigned char c;

	/* ASCII tests, not <ctype.h>: a byte the locale might call a letter
	 * takes the full path, which gives it the same treatment.  One loop
	 * for the type, one for the value: the state is where we are. */
	while (i < len) {
		for (type = i; i < len && (c = (unsigned char)dn[i]) != '='; i++) {
			if ((unsigned)(c - 'a') < 26 || (unsigned)(c - '0') < 10 || c == '-')
				out[i] = (char)c;
			else if ((unsigned)(c - 'A') < 26)
				out[i] = (char)(c + ('a' - 'A'));
			else
				return 0;
		}
		if (i == type || i == len)
			return 0;       /* no type, or no '=' */
		out[i++] = '=';
		for (; i < len && (c = (unsigned char)dn[i]) != ','; i++) {
			if (c >= 128 || !(simple_value[c >> 6] >> (c & 63) & 1))
				return 0;
			out[i] = (char)c;
		}
		if (i < len) {
			if (++i == len)
				return 0;       /* a trailing ',' */
			out[i - 1] = ',';
		}
	}
	if (len == 0)
		return 0;
	out[len] = '\0';
	return 1;
}

int
dn_canon(const char *dn, size_t len, struct buf *out)
{
	size_t i = 0;
	size_t start = out->len;

	if (len > DN_MAX_LEN || buf_reserve(out, 3 * len + 1) < 0)
		return -1;
	out->s[out->len] = '\0';
	if (dn_canon_simple(dn, len, out->s + out->len)) {
		out->len += len;
		return 0;
	}
	while (i < len && dn[i] == ' ')
		i++;
	if (i == len)
		return 0;
	for (;;) {
		size_t vstart, vend_len;
		int has_type = 0;

		/* Attribute type. */
		while (i < len && dn[i] == ' ')
			i++;
		while (i < len && (isalnum((unsigned char)dn[i]) || dn[i] == '-' ||
				dn[i] == '.' || dn[i] == ';')) {
			buf_addc(out, (char)tolower((unsigned char)dn[i]));
			i++;
			has_type = 1;
		}
		while (i < len && dn[i] == ' ')
			i++;
		if (!has_type || i == len || dn[i] != '=')
			goto bad;
		buf_addc(out, '=');
		i++;
		while (i < len && dn[i] == ' ')
			i++;
		/* Value: trailing unescaped blanks are dropped. */
		vstart = out->len;
		vend_len = out->len;
		if (i < len && dn[i] == '"')
			goto bad;       /* quoted values: not in LDAPv3 DNs */
		while (i < len && dn[i] != ',' && dn[i] != '+') {
			unsigned char c = (unsigned char)dn[i];
			if (c == '\\') {
				if (i + 1 >= len)
					goto bad;
				if (ishex(dn[i + 1])) {
					unsigned v;
					if (i + 2 >= len || !ishex(dn[i + 2]))
						goto bad;
					v = (unsigned)(isdigit((unsigned char)dn[i + 1]) ?
						dn[i + 1] - '0' : (tolower((unsigned char)dn[i + 1]) - 'a' + 10)) << 4;
					v |= (unsigned)(isdigit((unsigned char)dn[i + 2]) ?
						dn[i + 2] - '0' : (tolower((unsigned char)dn[i + 2]) - 'a' + 10));
					c = (unsigned char)v;
					i += 3;
				} else {
					c = (unsigned char)dn[i + 1];
					i += 2;
				}
				if (special(c) || c == ' ')
					add_escaped(out, c);
				else
					buf_addc(out, (char)tolower(c));
				vend_len = out->len;
				continue;
			}
			if (special(c) && c != ',' && c != '+') {
				if (c == '=' || c == '#') {
					add_escaped(out, c);
					vend_len = out->len;
					i++;
					continue;
				}
				goto bad;
			}
			buf_addc(out, (char)tolower(c));
			if (c != ' ')
				vend_len = out->len;
			i++;
		}
		(void)vstart;
		out->len = vend_len;
		if (out->s)
			out->s[out->len] = '\0';
		if (i == len)
			break;
		buf_addc(out, dn[i]);   /* ',' or '+' */
		i++;
		if (i == len)
			goto bad;
	}
	if (out->oom)
		return -1;
	return 0;
bad:
	out->len = start;
	if (out->s)
		out->s[start] = '\0';
	return -1;
}

size_t
dn_rdn_len(const char *cdn, size_t len)
{
	const char *c = memchr(cdn, ',', len);

	return c ? (size_t)(c - cdn) : len;
}
