/*
 * dnlines.c - where each entry of unordered input was, for its findings.
 *
 * lint --unordered loads a whole file before checking it; the engine then
 * reports its findings by DN.  This table remembers the file and line of
 * each DN, keyed by libldap's form of the DN (lower-cased by the table),
 * so a finding can say FILE:LINE and the DN as the file spelled it, like
 * the ordered ones.  Memory grows with the entries, as the model does.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct dnline {
	char *dn;         /* as the file spelled it */
	const char *path; /* not owned: the command line's argument */
	unsigned long line;
};

/* The key for a DN: libldap's LDAPv3 form; malloc'd. */
static char *
dn_key(const char *dn)
{
	LDAPDN parsed = NULL;
	char *out = NULL;

	if (ldap_str2dn(dn, &parsed, LDAP_DN_FORMAT_LDAPV3) == LDAP_SUCCESS)
		ldap_dn2str(parsed, &out, LDAP_DN_FORMAT_LDAPV3);
	ldap_dnfree(parsed);
	return out != NULL ? out : strdup(dn);
}

static void
dnline_free(void *p)
{
	struct dnline *d = p;

	if (d != NULL)
		free(d->dn);
	free(d);
}

int
dnlines_put(struct strtab *t, const char *dn, const char *path, unsigned long line)
{
	struct dnline *d = calloc(1, sizeof *d);
	char *key = dn_key(dn);
	void *old = NULL;
	int rc = -1;

	if (d != NULL && key != NULL && (d->dn = strdup(dn)) != NULL) {
		d->path = path;
		d->line = line;
		rc = strtab_put(t, key, d, &old);
	}
	if (rc == 0)
		dnline_free(old); /* the same entry again: the last one counts */
	else
		dnline_free(d);
	free(key);
	return rc;
}

int
dnlines_get(const struct strtab *t, const char *dn, const char **spelled, const char **path,
        unsigned long *line)
{
	char *key = dn_key(dn);
	const struct dnline *d = key ? strtab_get(t, key) : NULL;

	free(key);
	if (d == NULL)
		return -1;
	*spelled = d->dn;
	*path = d->path;
	*line = d->line;
	return 0;
}

void
dnlines_free(struct strtab *t)
{
	strtab_free(t, dnline_free);
}
