/*
 * Copyright 2026 The tenancy developers (see AUTHORS).
 * All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted only as authorized by the OpenLDAP
 * Public License.
 *
 * A copy of this license is available in the file LICENSE in the
 * top-level directory of the distribution or, alternatively, at
 * <http://www.OpenLDAP.org/license.html>.
 */
/*
 * dryrun.c - provisioning without writing: each change judged by the
 * engine as the live directory's overlay would judge it, and printed.
 *
 * Interface: dryrun_open() primes a model from the live directory, as
 * `lint --against` does, and finds the actor (the bound identity, by
 * "Who am I?"; an identity without an entry, under the base, is taken for
 * the rootdn); dryrun_change() turns an LDAPMod list into an engine change,
 * judges it and, when allowed, records it in the model (so that the next
 * change of the same command sees it) and prints it as LDIF;
 * dryrun_close() frees it all.
 *
 * The model holds what the bound identity may read: a change the engine
 * allows here may still be refused by the server for what it hides (an
 * address taken in another tenant).  Schema checks are the server's.
 *
 * Diagnostics: a refusal is printed as conn_report() prints the server's,
 * with --explain followed by the engine's evidence, indented.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

#include <ldif.h> /* after <ldap.h>, which it needs */

/* The bound identity, and whether it looks like the rootdn. */
static int
find_actor(struct prov *p)
{
	struct berval *authzid = NULL;
	const char *dn;
	int rc = ldap_whoami_s(p->ld, &authzid, NULL, NULL);

	if (rc != LDAP_SUCCESS) {
		conn_report(p->ld, "Who am I?", NULL, rc);
		return EXIT_USAGE;
	}
	dn = authzid && authzid->bv_len > 3 && strncasecmp(authzid->bv_val, "dn:", 3) == 0
	             ? authzid->bv_val + 3
	             : "";
	p->actor_dn = strdup(dn);
	ber_bvfree(authzid);
	if (p->actor_dn == NULL) {
		warnx_("out of memory");
		return EXIT_USAGE;
	}
	p->actor.dn = dn = p->actor_dn;
	if (*dn != '\0') {
		size_t n = strlen(dn), b = strlen(p->base);
		int under = n >= b && strcasecmp(dn + n - b, p->base) == 0;

		rc = prov_exists(p, dn);
		if (rc < 0)
			return EXIT_USAGE;
		p->actor.is_root = under && rc == 0;
	}
	return EXIT_OK;
}

int
dryrun_open(struct prov *p)
{
	int rc;

	if ((p->m = tn_model_new()) == NULL) {
		warnx_("out of memory");
		return EXIT_USAGE;
	}
	rc = source_load_ldap(p->m, p->ld, &p->co);
	if (rc == EXIT_OK)
		rc = find_actor(p);
	return rc;
}

void
dryrun_close(struct prov *p)
{
	tn_model_free(p->m);
	free(p->actor_dn);
	free(p->dry_ldif);
	p->m = NULL;
	p->actor_dn = NULL;
	p->dry_ldif = NULL;
}

/* The storage of one change built from LDAPMods. */
struct built {
	struct tn_change c;
	struct tn_entry e;
	struct tn_attr *attrs;
	struct tn_mod *mods;
	struct tn_value *vals;
};

static size_t
count_values(char **v)
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

static int
build_change(struct built *b, int kind, const char *dn, LDAPMod **mods)
{
	size_t n = 0, nv = 0, i, j, k = 0;
	struct tn_value *next;

	memset(b, 0, sizeof *b);
	for (i = 0; mods != NULL && mods[i] != NULL; i++) {
		n++;
		nv += count_values(mods[i]->mod_values);
	}
	b->attrs = calloc(n ? n : 1, sizeof *b->attrs);
	b->mods = calloc(n ? n : 1, sizeof *b->mods);
	b->vals = calloc(nv ? nv : 1, sizeof *b->vals);
	if (b->attrs == NULL || b->mods == NULL || b->vals == NULL)
		return -1;
	next = b->vals;
	for (i = 0; i < n; i++) {
		struct tn_attr *a = kind == TN_ADD ? &b->attrs[i] : &b->mods[i].attr;

		a->name = mods[i]->mod_type;
		a->vals = next;
		a->nvals = count_values(mods[i]->mod_values);
		for (j = 0; j < a->nvals; j++, k++) {
			b->vals[k].val = mods[i]->mod_values[j];
			b->vals[k].len = strlen(mods[i]->mod_values[j]);
		}
		next += a->nvals;
		switch (mods[i]->mod_op & ~LDAP_MOD_BVALUES) {
		case LDAP_MOD_ADD:
			b->mods[i].op = TN_MOD_ADD;
			break;
		case LDAP_MOD_DELETE:
			b->mods[i].op = TN_MOD_DELETE;
			break;
		default:
			b->mods[i].op = TN_MOD_REPLACE;
			break;
		}
	}
	b->c.kind = (enum tn_change_kind)kind;
	b->c.dn = dn;
	if (kind == TN_ADD) {
		b->e.dn = dn;
		b->e.attrs = b->attrs;
		b->e.nattrs = n;
		b->c.entry = &b->e;
	} else if (kind == TN_MODIFY) {
		b->c.mods = b->mods;
		b->c.nmods = n;
	}
	return 0;
}

static void
built_free(struct built *b)
{
	free(b->attrs);
	free(b->mods);
	free(b->vals);
}

/* One "name: value" line, base64 when LDIF wants it. */
static void
put_line(FILE *f, const char *name, const char *value)
{
	char *line = ldif_put_wrap(
	        LDIF_PUT_VALUE, name, value, value ? strlen(value) : 0, LDIF_LINE_WIDTH_MAX);

	if (line != NULL)
		fputs(line, f);
	ber_memfree(line);
}

/* The change as an LDIF change record, to f; `status`: the tenancyStatus
 * the overlay adds to a new entry, or NULL. */
static void
print_ldif(FILE *f, int kind, const char *dn, LDAPMod **mods, const char *status)
{
	static const char *const changetype[] = {"add", "modify", "delete", "modrdn"};
	size_t i, j;

	put_line(f, "dn", dn);
	fprintf(f, "changetype: %s\n", changetype[kind]);
	for (i = 0; kind != TN_DELETE && mods != NULL && mods[i] != NULL; i++) {
		const char *type = mods[i]->mod_type;

		if (kind == TN_MODIFY) {
			switch (mods[i]->mod_op & ~LDAP_MOD_BVALUES) {
			case LDAP_MOD_ADD:
				fprintf(f, "add: %s\n", type);
				break;
			case LDAP_MOD_DELETE:
				fprintf(f, "delete: %s\n", type);
				break;
			default:
				fprintf(f, "replace: %s\n", type);
				break;
			}
		}
		for (j = 0; mods[i]->mod_values && mods[i]->mod_values[j]; j++)
			put_line(f, type, mods[i]->mod_values[j]);
		if (kind == TN_MODIFY)
			fputs("-\n", f);
	}
	if (kind == TN_ADD && status != NULL)
		put_line(f, "tenancyStatus", status);
	fputc('\n', f);
}

int
dryrun_change(struct prov *p, int kind, const char *what, const char *dn, LDAPMod **mods)
{
	struct tn_pending *pending = NULL;
	struct tn_verdict a;
	struct built b;
	int rc = EXIT_USAGE;

	tn_verdict_init(&a);
	a.want_explain = p->explain;
	if (build_change(&b, kind, dn, mods) != 0 ||
	        tn_judge(p->m, &p->actor, &b.c, &a, &pending) != 0) {
		warnx_("out of memory");
		goto out;
	}
	if (a.code != TN_OK) {
		/* As the server would answer: its code, its text. */
		fprintf(stderr, "%s: %s %s: %s (%d)\n", progname, what, dn,
		        ldap_err2string((int)a.code), (int)a.code);
		if (a.text != NULL)
			fprintf(stderr, "\t%s\n", a.text);
		print_explain(stderr, a.explain, NULL);
		rc = EXIT_DENIED;
		goto out;
	}
	rc = tn_commit(p->m, pending);
	pending = NULL;
	if (rc != 0) {
		rc = EXIT_USAGE;
		warnx_("out of memory");
		goto out;
	}
	free(p->dry_ldif);
	if ((p->dry_ldif = dryrun_ldif(kind, dn, mods, a.set_status)) == NULL) {
		warnx_("out of memory");
		goto out;
	}
	if (!p->json)
		fputs(p->dry_ldif, stdout);
	rc = EXIT_OK;
out:
	tn_discard(pending);
	tn_verdict_clear(&a);
	built_free(&b);
	return rc;
}

char *
dryrun_ldif(int kind, const char *dn, LDAPMod **mods, const char *status)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	if (f == NULL)
		return NULL;
	print_ldif(f, kind, dn, mods, status);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
