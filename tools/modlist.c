/*
 * modlist.c - LDAPMod arrays for the provisioning commands.
 *
 * Builds the NULL-terminated LDAPMod* array that ldap_add_ext_s() and
 * ldap_modify_ext_s() take, copying every string so callers may pass
 * temporaries.  Values of one attribute added in a row share one LDAPMod.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static size_t
count(char **v)
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

static LDAPMod *
new_mod(struct modlist *l, int op, const char *attr)
{
	LDAPMod *m;

	if (l->n + 2 > l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		LDAPMod **p = realloc(l->mods, cap * sizeof *p);

		if (p == NULL)
			return NULL;
		l->mods = p;
		l->cap = cap;
	}
	m = calloc(1, sizeof *m);
	if (m == NULL || (m->mod_type = strdup(attr)) == NULL) {
		free(m);
		return NULL;
	}
	m->mod_op = op;
	l->mods[l->n++] = m;
	l->mods[l->n] = NULL;
	return m;
}

int
modlist_add(struct modlist *l, int op, const char *attr, const char *value)
{
	LDAPMod *m = l->n ? l->mods[l->n - 1] : NULL;
	char **vals;
	size_t n;

	if (m == NULL || m->mod_op != op || strcasecmp(m->mod_type, attr) != 0)
		m = new_mod(l, op, attr);
	if (m == NULL)
		return -1;
	if (value == NULL)
		return 0;
	n = count(m->mod_values);
	vals = realloc(m->mod_values, (n + 2) * sizeof *vals);
	if (vals == NULL)
		return -1;
	m->mod_values = vals;
	if ((vals[n] = strdup(value)) == NULL)
		return -1;
	vals[n + 1] = NULL;
	return 0;
}

void
modlist_free(struct modlist *l)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		for (j = 0; l->mods[i]->mod_values && l->mods[i]->mod_values[j]; j++)
			free(l->mods[i]->mod_values[j]);
		free(l->mods[i]->mod_values);
		free(l->mods[i]->mod_type);
		free(l->mods[i]);
	}
	free(l->mods);
	memset(l, 0, sizeof *l);
}
