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
 * provision.c - what the provisioning subcommands share.
 *
 * Provisioning goes over LDAP, where the overlay judges every write: the
 * command line builds the entries and changes of DESIGN §3, sends them, and
 * prints the server's refusal exactly as it came.  Nothing is checked here
 * that the server checks.
 *
 * Layout: domains at tenancyDomainName=NAME,ou=domains,BASE (BASE from -b
 * or ldap.conf), their containers ou=people|groups|shared|units|grants made
 * on demand, units nested under ou=units.
 *
 * --dry-run writes nothing: each change is judged by the engine over the
 * live directory's entries (dryrun.c) and printed as LDIF.  --json prints
 * the changes made (or, dry, that would be) as an array of objects.
 * --explain adds, under a dry refusal, the entries that decided it.
 *
 * Exit codes: 0 done, 1 refused by the server, 2 usage or connection.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

int
prov_parse(struct prov *p, int argc, char **argv, const struct option *extra, prov_opt_fn handle,
        void *ctx, const char *usage)
{
	enum { OPT_JSON = 1000, OPT_HELP, OPT_DRY_RUN, OPT_EXPLAIN };
	struct option *all;
	char shortopts[64];
	size_t n = 0, i;
	int c, status = -1;

	while (extra != NULL && extra[n].name != NULL)
		n++;
	all = calloc(n + 5, sizeof *all);
	if (all == NULL) {
		warnx_("out of memory");
		return EXIT_USAGE;
	}
	for (i = 0; i < n; i++)
		all[i] = extra[i];
	all[n].name = "json";
	all[n].val = OPT_JSON;
	all[n + 1].name = "help";
	all[n + 1].val = OPT_HELP;
	all[n + 2].name = "dry-run";
	all[n + 2].val = OPT_DRY_RUN;
	all[n + 3].name = "explain";
	all[n + 3].val = OPT_EXPLAIN;
	snprintf(shortopts, sizeof shortopts, "%s%s", CONN_SHORTOPTS,
	        p->shortopts ? p->shortopts : "");
	optind = 0;
	while (status < 0 && (c = getopt_long(argc, argv, shortopts, all, NULL)) != -1) {
		if (c == OPT_JSON) {
			p->json = 1;
		} else if (c == OPT_DRY_RUN) {
			p->dry_run = 1;
		} else if (c == OPT_EXPLAIN) {
			p->explain = 1;
		} else if (c == OPT_HELP) {
			printf("%s\n%s", usage, conn_help);
			status = EXIT_OK;
		} else if (conn_option(&p->co, c, optarg) != 0 &&
		           (handle == NULL || handle(ctx, c, optarg) != 0)) {
			fprintf(stderr, "%s\n", usage);
			status = EXIT_USAGE;
		}
	}
	free(all);
	return status;
}

int
prov_help(int argc, char **argv, const char *usage)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		printf("%s\n%s", usage, conn_help);
		return EXIT_OK;
	}
	return -1;
}

int
prov_open(struct prov *p)
{
	p->ld = conn_open(&p->co);
	if (p->ld == NULL)
		return EXIT_USAGE;
	p->base = conn_base(p->ld, &p->co);
	if (p->base == NULL) {
		prov_close(p);
		return EXIT_USAGE;
	}
	if (p->dry_run && dryrun_open(p) != EXIT_OK) {
		prov_close(p);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

void
prov_close(struct prov *p)
{
	if (p->json_open)
		fputs("}\n]\n", stdout);
	p->json_open = 0;
	dryrun_close(p);
	conn_close(p->ld);
	free(p->base);
	p->ld = NULL;
	p->base = NULL;
}

int
prov_result(struct prov *p, int rc, const char *what, const char *dn)
{
	if (rc == LDAP_SUCCESS)
		return EXIT_OK;
	conn_report(p->ld, what, dn, rc);
	/* Negative codes are libldap's own: the server was not reached. */
	return rc < 0 ? EXIT_USAGE : EXIT_DENIED;
}

/* With --json: one object per change, in an array (dry: with its LDIF). */
static void
record_json(struct prov *p, const char *what, const char *dn)
{
	fputs(p->json_open ? "},\n {\"op\": " : "[\n {\"op\": ", stdout);
	json_cstring(stdout, what);
	fputs(", \"dn\": ", stdout);
	json_cstring(stdout, dn);
	printf(", \"dry_run\": %s", p->dry_run ? "true" : "false");
	if (p->dry_run) {
		fputs(", \"ldif\": ", stdout);
		json_cstring(stdout, p->dry_ldif);
	}
	p->json_open = 1;
}

void
prov_note(const struct prov *p, const char *key, const char *value)
{
	if (!p->json || !p->json_open)
		return;
	fputs(", ", stdout);
	json_cstring(stdout, key);
	fputs(": ", stdout);
	json_cstring(stdout, value);
}

void
prov_print_dn(const struct prov *p, const char *dn)
{
	if (!p->json && !p->dry_run)
		printf("%s\n", dn);
}

/*
 * Send one change (kind TN_ADD, TN_MODIFY, TN_DELETE), or judge it with
 * --dry-run.  `exists_ok`: an add of an entry already there is success.
 */
static int
prov_write(struct prov *p, int kind, const char *dn, LDAPMod **mods, int exists_ok)
{
	static const char *const what[] = {"add", "modify", "delete"};
	int rc;

	if (p->dry_run) {
		rc = dryrun_change(p, kind, what[kind], dn, mods);
	} else {
		if (kind == TN_ADD)
			rc = ldap_add_ext_s(p->ld, dn, mods, NULL, NULL);
		else if (kind == TN_MODIFY)
			rc = ldap_modify_ext_s(p->ld, dn, mods, NULL, NULL);
		else
			rc = ldap_delete_ext_s(p->ld, dn, NULL, NULL);
		if (rc == LDAP_ALREADY_EXISTS && exists_ok)
			return EXIT_OK; /* hidden from us, or made meanwhile */
		rc = prov_result(p, rc, what[kind], dn);
	}
	if (rc == EXIT_OK && p->json)
		record_json(p, what[kind], dn);
	return rc;
}

int
prov_add(struct prov *p, const char *dn, struct modlist *l)
{
	return prov_write(p, TN_ADD, dn, l->mods, 0);
}

int
prov_modify(struct prov *p, const char *dn, struct modlist *l)
{
	return prov_write(p, TN_MODIFY, dn, l->mods, 0);
}

int
prov_modify1(struct prov *p, const char *dn, int op, const char *attr, const char *value)
{
	struct modlist l = {0};
	int rc;

	if (modlist_add(&l, op, attr, value) != 0) {
		modlist_free(&l);
		warnx_("out of memory");
		return EXIT_USAGE;
	}
	rc = prov_modify(p, dn, &l);
	modlist_free(&l);
	return rc;
}

int
prov_delete(struct prov *p, const char *dn)
{
	return prov_write(p, TN_DELETE, dn, NULL, 0);
}

char *
prov_domain_dn(struct prov *p, const char *name)
{
	char *domains = dn_child("ou", "domains", p->base), *dn = NULL;

	if (domains != NULL)
		dn = dn_child("tenancyDomainName", name, domains);
	free(domains);
	if (dn == NULL)
		warnx_("'%s' under '%s' does not make a DN", name, p->base);
	return dn;
}

int
prov_exists(struct prov *p, const char *dn)
{
	static char *no_attrs[] = {LDAP_NO_ATTRS, NULL};
	LDAPMessage *res = NULL;
	int rc = ldap_search_ext_s(p->ld, dn, LDAP_SCOPE_BASE, "(objectClass=*)", no_attrs, 0, NULL,
	        NULL, NULL, 1, &res);

	ldap_msgfree(res);
	if (rc == LDAP_SUCCESS)
		return 1;
	if (rc == LDAP_NO_SUCH_OBJECT)
		return 0;
	conn_report(p->ld, "search", dn, rc);
	return -1;
}

int
prov_container(struct prov *p, const char *parent, const char *name, char **out)
{
	struct modlist l = {0};
	char *dn = dn_child("ou", name, parent);
	int rc;

	*out = NULL;
	if (dn == NULL) {
		warnx_("'%s' does not parse as a DN", parent);
		return EXIT_USAGE;
	}
	/* Look first: who may add to it need not be allowed to create it. */
	switch (prov_exists(p, dn)) {
	case 1:
		*out = dn;
		return EXIT_OK;
	case -1:
		free(dn);
		return EXIT_USAGE;
	}
	if (modlist_add(&l, LDAP_MOD_ADD, "objectClass", "organizationalUnit") ||
	        modlist_add(&l, LDAP_MOD_ADD, "ou", name)) {
		modlist_free(&l);
		free(dn);
		return EXIT_USAGE;
	}
	rc = prov_write(p, TN_ADD, dn, l.mods, 1);
	modlist_free(&l);
	if (rc == EXIT_OK)
		*out = dn;
	else
		free(dn);
	return rc;
}

char *
prov_unit_dn(struct prov *p, const char *domain_dn, const char *unit)
{
	char *dn, *next, *path, *save = NULL;
	const char *part;

	if (strchr(unit, '=') != NULL)
		return strdup(unit); /* already a DN */
	(void)p;
	dn = strdup(domain_dn);
	if (dn == NULL || *unit == '\0' || strcmp(unit, "/") == 0)
		return dn;
	next = dn_child("ou", "units", domain_dn);
	free(dn);
	dn = next;
	path = strdup(unit);
	if (path == NULL) {
		free(dn);
		return NULL;
	}
	for (part = strtok_r(path, "/", &save); part != NULL && dn != NULL;
	        part = strtok_r(NULL, "/", &save)) {
		next = dn_child("ou", part, dn);
		free(dn);
		dn = next;
	}
	free(path);
	return dn;
}

/* What an entry is in the unit tree (tn_unit_kind), from its classes. */
static int
read_unit_kind(void *ctx, LDAP *ld, LDAPMessage *entry)
{
	enum tn_unit_kind *kind = ctx;
	struct berval **v = ldap_get_values_len(ld, entry, "objectClass");
	struct tn_value classes[64];
	size_t n = 0;

	while (v != NULL && v[n] != NULL && n < sizeof classes / sizeof classes[0]) {
		classes[n].len = v[n]->bv_len;
		classes[n].val = v[n]->bv_val;
		n++;
	}
	*kind = tn_unit_kind(classes, n);
	ldap_value_free_len(v);
	return 0;
}

int
prov_ancestors(struct prov *p, const char *dn, char **domain_dn, char **parent_unit)
{
	static char *attrs[] = {"objectClass", NULL};
	char *cur = dn_parent(dn), *next;

	*domain_dn = *parent_unit = NULL;
	while (cur != NULL && *cur != '\0') {
		enum tn_unit_kind kind = TN_UNIT_NONE;
		int rc = conn_search(p->ld, cur, LDAP_SCOPE_BASE, "(objectClass=*)", attrs,
		        read_unit_kind, &kind);

		if (rc != LDAP_SUCCESS && rc != LDAP_NO_SUCH_OBJECT) {
			free(cur);
			return rc < 0 ? EXIT_USAGE : EXIT_DENIED;
		}
		if (*parent_unit == NULL && kind != TN_UNIT_NONE)
			*parent_unit = strdup(cur);
		if (kind == TN_UNIT_ROOT) {
			*domain_dn = cur;
			return *parent_unit ? EXIT_OK : EXIT_USAGE;
		}
		next = dn_parent(cur);
		free(cur);
		cur = next;
	}
	free(cur);
	free(*parent_unit);
	*parent_unit = NULL;
	warnx_("%s is in no tenant", dn);
	return EXIT_DENIED;
}
