/*
 * dnlines.c - where each entry of unordered input was, for its findings.
 *
 * lint --unordered loads a whole file before checking it; the engine then
 * reports dangling references by DN.  This table remembers the file and
 * line of each DN, keyed by a normal form (parsed and printed again by
 * libldap, then lower-cased), so a finding can say FILE:LINE and the DN as
 * the file spelled it, like the ordered ones.  Memory grows with the entries, as the model does.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct dnline {
	char *key;
	char *dn;         /* as the file spelled it */
	const char *path; /* not owned: the command line's argument */
	unsigned long line;
};

/* The key for a DN: libldap's LDAPv3 form, lower-cased; malloc'd. */
static char *
dn_key(const char *dn)
{
	LDAPDN parsed = NULL;
	char *out = NULL, *p;

	if (ldap_str2dn(dn, &parsed, LDAP_DN_FORMAT_LDAPV3) == LDAP_SUCCESS)
		ldap_dn2str(parsed, &out, LDAP_DN_FORMAT_LDAPV3);
	ldap_dnfree(parsed);
	if (out == NULL)
		out = strdup(dn);
	for (p = out; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

static size_t
hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct dnline *
slot(struct dnlines *t, const char *key)
{
	size_t i = hash(key) & (t->cap - 1);

	while (t->slots[i].key != NULL && strcmp(t->slots[i].key, key) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static int
grow(struct dnlines *t)
{
	struct dnlines bigger = {NULL, 0, 0};
	size_t i;

	bigger.cap = t->cap ? t->cap * 2 : 1024;
	bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
	if (bigger.slots == NULL)
		return -1;
	for (i = 0; i < t->cap; i++) {
		if (t->slots[i].key != NULL)
			*slot(&bigger, t->slots[i].key) = t->slots[i];
	}
	bigger.n = t->n;
	free(t->slots);
	*t = bigger;
	return 0;
}

int
dnlines_put(struct dnlines *t, const char *dn, const char *path, unsigned long line)
{
	struct dnline *s;
	char *key;

	if ((t->n + 1) * 2 > t->cap && grow(t) != 0)
		return -1;
	if ((key = dn_key(dn)) == NULL)
		return -1;
	s = slot(t, key);
	if (s->key != NULL) {
		free(key); /* the same entry again: the last one counts */
		free(s->dn);
	} else {
		s->key = key;
		t->n++;
	}
	if ((s->dn = strdup(dn)) == NULL)
		return -1;
	s->path = path;
	s->line = line;
	return 0;
}

int
dnlines_get(const struct dnlines *t, const char *dn, const char **spelled, const char **path,
        unsigned long *line)
{
	struct dnline *s;
	char *key;

	if (t->cap == 0 || (key = dn_key(dn)) == NULL)
		return -1;
	s = slot((struct dnlines *)t, key);
	free(key);
	if (s->key == NULL)
		return -1;
	*spelled = s->dn;
	*path = s->path;
	*line = s->line;
	return 0;
}

void
dnlines_free(struct dnlines *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++) {
		free(t->slots[i].key);
		free(t->slots[i].dn);
	}
	free(t->slots);
	memset(t, 0, sizeof *t);
}
