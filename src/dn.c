/*
 * dn.c - canonical DNs (see dn.h).
 *
 * Interface (dn.h): dn_canon(), dn_canon_simple(), dn_rdn_len().
 *
 * Failure modes: dn_canon() returns -1 for what is not a DN (the output
 * buffer as it was) and when memory runs out (out->oom set), DN_TOO_BIG
 * for a DN beyond the engine's limits.  dn_canon_simple() declines (0)
 * any DN it does not handle, for dn_canon() to take the long way.
 */
#include "dn.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
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
	const char e[3] = {'\\', hex[c >> 4], hex[c & 15]};

	buf_add(out, e, 3);
}

/* Does this byte need an escape to be unambiguous inside a value? */
static int
special(unsigned char c)
{
	return c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';' ||
	       c == '=' || c == '#' || c < 0x20;
}

/* What each byte may be in a simple DN (see dn_canon_simple()). */
enum {
	S_BAD = 0, /* anything else (and '=', ','): the long way */
	S_TYPE = 1,
	S_VALUE = 2,
	S_UP = S_TYPE,            /* A-Z: lower-cased in a type, not simple in a value */
	S_VAL = S_VALUE,          /* . _ @: in a value only */
	S_LOW = S_TYPE | S_VALUE, /* a-z 0-9 -: in a type or a value as it is */
};

#define LOWER_RANGE(a)                                                                             \
	[a] = S_LOW, [a + 1] = S_LOW, [a + 2] = S_LOW, [a + 3] = S_LOW, [a + 4] = S_LOW,           \
	[a + 5] = S_LOW, [a + 6] = S_LOW, [a + 7] = S_LOW, [a + 8] = S_LOW, [a + 9] = S_LOW
#define UPPER_RANGE(a)                                                                             \
	[a] = S_UP, [a + 1] = S_UP, [a + 2] = S_UP, [a + 3] = S_UP, [a + 4] = S_UP,                \
	[a + 5] = S_UP, [a + 6] = S_UP, [a + 7] = S_UP, [a + 8] = S_UP, [a + 9] = S_UP

static const unsigned char simple_class[256] = {
        LOWER_RANGE('0'),
        LOWER_RANGE('a'),
        LOWER_RANGE('k'),
        ['u'] = S_LOW,
        ['v'] = S_LOW,
        ['w'] = S_LOW,
        ['x'] = S_LOW,
        ['y'] = S_LOW,
        ['z'] = S_LOW,
        ['-'] = S_LOW,
        UPPER_RANGE('A'),
        UPPER_RANGE('K'),
        ['U'] = S_UP,
        ['V'] = S_UP,
        ['W'] = S_UP,
        ['X'] = S_UP,
        ['Y'] = S_UP,
        ['Z'] = S_UP,
        ['.'] = S_VAL,
        ['_'] = S_VAL,
        ['@'] = S_VAL,
};

int
dn_canon_simple(const char *dn, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)dn;
	size_t i = 0, type;

	/* A byte table, not <ctype.h>: a byte the locale might call a
	 * letter takes the full path, which gives it the same treatment.
	 * One loop for the type, one for the value, each a load, a test and
	 * a store per byte; a type byte is lower-cased by setting 0x20,
	 * which leaves a-z, 0-9 and '-' as they are. */
	while (i < len) {
		for (type = i; i < len && (simple_class[p[i]] & S_TYPE); i++)
			out[i] = (char)(p[i] | 0x20);
		if (i == type || i == len || p[i] != '=')
			return 0; /* no type, no '=', or a byte for the long way */
		out[i++] = '=';
		for (; i < len && (simple_class[p[i]] & S_VALUE); i++)
			out[i] = (char)p[i];
		if (i < len) {
			if (p[i] != ',' || i + 1 == len)
				return 0; /* a byte for the long way, or a trailing ',' */
			out[i++] = ',';
		}
	}
	if (len == 0)
		return 0;
	out[len] = '\0';
	return 1;
}

/* Rewrite the value from `vstart` to the end of `out` with a leading and a
 * trailing blank as \20; -1 when memory ran out. */
static int
escape_end_blanks(struct buf *out, size_t vstart)
{
	size_t n = out->len - vstart, i;
	char *v = malloc(n + 1);

	if (!v)
		return -1;
	memcpy(v, out->s + vstart, n);
	out->len = vstart;
	for (i = 0; i < n; i++) {
		if (v[i] == ' ' && (i == 0 || i + 1 == n))
			add_escaped(out, ' ');
		else
			buf_addc(out, v[i]);
	}
	free(v);
	return out->oom ? -1 : 0;
}

/* Most AVAs a multi-valued RDN may have; more make the DN invalid. */
#define RDN_AVAS_MAX 16

/*
 * Put the AVAs of one canonical RDN (len bytes at s) in byte order:
 * "cn=x+mail=y" and "mail=y+cn=x" are one RDN, as they are to slapd (which
 * sorts them in its normalised DN too, by type).  In canonical form an
 * unescaped '+' always separates AVAs.  Returns 0, or -1 for too many.
 */
static int
sort_avas(char *s, size_t len)
{
	char tmp[DN_MAX_LEN * 3 + 1];
	const char *ava[RDN_AVAS_MAX];
	size_t alen[RDN_AVAS_MAX], n = 0, i, j, k = 0, start = 0;

	if (len >= sizeof(tmp))
		return -1;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '+')
			continue;
		if (n == RDN_AVAS_MAX)
			return -1;
		ava[n] = s + start;
		alen[n++] = i - start;
		start = i + 1;
	}
	for (i = 1; i < n; i++) {
		const char *a = ava[i];
		size_t al = alen[i];
		for (j = i; j > 0; j--) {
			size_t l = al < alen[j - 1] ? al : alen[j - 1];
			int c = memcmp(ava[j - 1], a, l);
			if (c < 0 || (c == 0 && alen[j - 1] <= al))
				break;
			ava[j] = ava[j - 1];
			alen[j] = alen[j - 1];
		}
		ava[j] = a;
		alen[j] = al;
	}
	for (i = 0; i < n; i++) {
		if (i)
			tmp[k++] = '+';
		memcpy(tmp + k, ava[i], alen[i]);
		k += alen[i];
	}
	memcpy(s, tmp, len);
	return 0;
}

int
dn_canon(const char *dn, size_t len, struct buf *out)
{
	size_t i = 0;
	size_t start = out->len, rdn_start = out->len;
	int multi = 0;

	if (len > DN_MAX_LEN)
		return DN_TOO_BIG;
	if (buf_reserve(out, 3 * len + 1) < 0)
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

		if (!multi)
			rdn_start = out->len;

		/* Attribute type. */
		while (i < len && dn[i] == ' ')
			i++;
		while (i < len && (isalnum((unsigned char)dn[i]) || dn[i] == '-' || dn[i] == '.' ||
		                          dn[i] == ';')) {
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
			goto bad; /* quoted values: not in LDAPv3 DNs */
		while (i < len && dn[i] != ',' && dn[i] != '+') {
			unsigned char c = (unsigned char)dn[i];
			if (c == '\\') {
				if (i + 1 >= len)
					goto bad;
				if (ishex(dn[i + 1])) {
					unsigned v;
					if (i + 2 >= len || !ishex(dn[i + 2]))
						goto bad;
					v = (unsigned)(isdigit((unsigned char)dn[i + 1])
					                       ? dn[i + 1] - '0'
					                       : (tolower((
					                                  unsigned char)dn[i + 1]) -
					                                 'a' + 10))
					    << 4;
					v |= (unsigned)(isdigit((unsigned char)dn[i + 2])
					                        ? dn[i + 2] - '0'
					                        : (tolower((unsigned char)
					                                           dn[i + 2]) -
					                                  'a' + 10));
					c = (unsigned char)v;
					i += 3;
				} else {
					c = (unsigned char)dn[i + 1];
					i += 2;
				}
				if (special(c))
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
		out->len = vend_len;
		if (out->s)
			out->s[out->len] = '\0';
		/* A blank is one form wherever it came from: as it is inside
		 * the value, escaped at either end ("a b" is "a\20b"). */
		if (out->s && out->len > vstart &&
		        (out->s[vstart] == ' ' || out->s[out->len - 1] == ' ') &&
		        escape_end_blanks(out, vstart) < 0)
			goto bad;
		if (multi && (i == len || dn[i] == ',')) {
			multi = 0;
			if (out->oom)
				goto bad;
			if (sort_avas(out->s + rdn_start, out->len - rdn_start) < 0) {
				out->len = start;
				out->s[start] = '\0';
				return DN_TOO_BIG;
			}
		}
		if (i == len)
			break;
		if (dn[i] == '+')
			multi = 1;
		buf_addc(out, dn[i]); /* ',' or '+' */
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
