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
 * domains.c - tenants and their alias domains.
 *
 * Usage: tenancy domain add NAME [--alias A]... [--status S]
 *        tenancy domain list [--json]
 *        tenancy domain status NAME STATUS
 *        tenancy alias add|delete DOMAIN ALIAS
 *
 * A new domain gets its containers (ou=people, groups, shared, units,
 * grants).  Whether a name is free, an alias unused, a status change
 * allowed: the overlay answers, and its refusal is printed as it came.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char domain_usage[] =
        "Usage: tenancy domain add NAME [--alias ALIAS]... [--status STATUS]\n"
        "       tenancy domain list [--json]\n"
        "       tenancy domain status NAME pending|enabled|failed|disabled\n"
        "       tenancy domain check NAME|--every [--apply] [--json] [--resolver HOST[:PORT]]\n";

static const char *const containers[] = {"people", "groups", "shared", "units", "grants", NULL};

struct domain_opts {
	struct modlist extra;
	int oom;
};

enum { OPT_ALIAS = 300, OPT_STATUS };

static int
domain_option(void *ctx, int opt, const char *arg)
{
	struct domain_opts *d = ctx;

	switch (opt) {
	case OPT_ALIAS:
		d->oom |= modlist_add(&d->extra, LDAP_MOD_ADD, "tenancyDomainAlias", arg);
		return 0;
	case OPT_STATUS:
		d->oom |= modlist_add(&d->extra, LDAP_MOD_ADD, "tenancyStatus", arg);
		return 0;
	default:
		return -1;
	}
}

static int
domain_add(struct prov *p, const char *name, struct modlist *extra)
{
	struct modlist l = {0};
	char *domains = NULL, *dn = NULL, *c;
	size_t i;
	int rc = prov_container(p, p->base, "domains", &domains);

	if (rc != EXIT_OK)
		goto out;
	rc = EXIT_USAGE;
	if ((dn = dn_child("tenancyDomainName", name, domains)) == NULL)
		goto out;
	if (modlist_add(&l, LDAP_MOD_ADD, "objectClass", "tenancyDomain") ||
	        modlist_add(&l, LDAP_MOD_ADD, "tenancyDomainName", name))
		goto out;
	for (i = 0; i < extra->n; i++) {
		char **v = extra->mods[i]->mod_values;

		for (; v != NULL && *v != NULL; v++) {
			if (modlist_add(&l, LDAP_MOD_ADD, extra->mods[i]->mod_type, *v))
				goto out;
		}
	}
	rc = prov_add(p, dn, &l);
	for (i = 0; rc == EXIT_OK && containers[i] != NULL; i++) {
		rc = prov_container(p, dn, containers[i], &c);
		free(c);
	}
	if (rc == EXIT_OK)
		prov_print_dn(p, dn);
out:
	modlist_free(&l);
	free(domains);
	free(dn);
	return rc;
}

struct listing {
	int json;
	size_t n;
};

static void
print_values(LDAP *ld, LDAPMessage *e, const char *attr, int json, const char *sep)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	int i;

	for (i = 0; v != NULL && v[i] != NULL; i++) {
		fputs(i ? sep : "", stdout);
		if (json)
			json_string(stdout, v[i]->bv_val, v[i]->bv_len);
		else
			fwrite(v[i]->bv_val, 1, v[i]->bv_len, stdout);
	}
	if ((v == NULL || v[0] == NULL) && !json)
		fputc('-', stdout);
	ldap_value_free_len(v);
}

static int
list_domain(void *ctx, LDAP *ld, LDAPMessage *e)
{
	struct listing *ls = ctx;
	char *dn = ldap_get_dn(ld, e);

	if (ls->json) {
		fputs(ls->n ? ",\n {\"dn\": " : "\n {\"dn\": ", stdout);
		json_cstring(stdout, dn);
		fputs(", \"name\": ", stdout);
		print_values(ld, e, "tenancyDomainName", 1, ", ");
		fputs(", \"status\": [", stdout);
		print_values(ld, e, "tenancyStatus", 1, ", ");
		fputs("], \"aliases\": [", stdout);
		print_values(ld, e, "tenancyDomainAlias", 1, ", ");
		fputs("]}", stdout);
	} else {
		print_values(ld, e, "tenancyDomainName", 0, " ");
		fputc('\t', stdout);
		print_values(ld, e, "tenancyStatus", 0, " ");
		fputc('\t', stdout);
		print_values(ld, e, "tenancyDomainAlias", 0, " ");
		fputc('\n', stdout);
	}
	ldap_memfree(dn);
	ls->n++;
	return 0;
}

static int
domain_list(struct prov *p)
{
	static char *attrs[] = {"tenancyDomainName", "tenancyStatus", "tenancyDomainAlias", NULL};
	struct listing ls = {p->json, 0};
	int rc;

	if (p->json)
		fputs("[", stdout);
	rc = conn_search(p->ld, p->base, LDAP_SCOPE_SUBTREE, "(objectClass=tenancyDomain)", attrs,
	        list_domain, &ls);
	if (p->json)
		fputs(ls.n ? "\n]\n" : "]\n", stdout);
	return rc == LDAP_SUCCESS ? EXIT_OK : rc < 0 ? EXIT_USAGE : EXIT_DENIED;
}

static const struct option domain_options[] = {{"alias", required_argument, NULL, OPT_ALIAS},
        {"status", required_argument, NULL, OPT_STATUS}, {NULL, 0, NULL, 0}};

int
cmd_domain(int argc, char **argv)
{
	struct prov p = {0};
	struct domain_opts d = {{0}, 0};
	const char *action = argc > 1 ? argv[1] : "";
	int rc, n;
	char *dn;

	if ((rc = prov_help(argc, argv, domain_usage)) >= 0)
		return rc;
	if (strcmp(action, "check") == 0)
		return cmd_domain_check(argc - 1, argv + 1);

	rc = prov_parse(&p, argc - 1, argv + 1, domain_options, domain_option, &d, domain_usage);
	n = argc - 1 - optind; /* arguments after the action */
	if (rc < 0 && d.oom) {
		warnx_("out of memory");
		rc = EXIT_USAGE;
	}
	if (rc < 0 && !((strcmp(action, "add") == 0 && n == 1) ||
	                      (strcmp(action, "list") == 0 && n == 0) ||
	                      (strcmp(action, "status") == 0 && n == 2))) {
		fputs(domain_usage, stderr);
		rc = EXIT_USAGE;
	}
	if (rc >= 0 || (rc = prov_open(&p)) != EXIT_OK) {
		modlist_free(&d.extra);
		return rc;
	}
	argv += 1 + optind;
	if (strcmp(action, "add") == 0) {
		rc = domain_add(&p, argv[0], &d.extra);
	} else if (strcmp(action, "list") == 0) {
		rc = domain_list(&p);
	} else {
		dn = prov_domain_dn(&p, argv[0]);
		rc = dn ? prov_modify1(&p, dn, LDAP_MOD_REPLACE, "tenancyStatus", argv[1])
		        : EXIT_USAGE;
		free(dn);
	}
	modlist_free(&d.extra);
	prov_close(&p);
	return rc;
}

static const char alias_usage[] = "Usage: tenancy alias add|delete DOMAIN ALIAS\n";

int
cmd_alias(int argc, char **argv)
{
	struct prov p = {0};
	const char *action = argc > 1 ? argv[1] : "";
	int rc, op;
	char *dn;

	if ((rc = prov_help(argc, argv, alias_usage)) >= 0)
		return rc;

	rc = prov_parse(&p, argc - 1, argv + 1, NULL, NULL, NULL, alias_usage);
	if (strcmp(action, "add") == 0)
		op = LDAP_MOD_ADD;
	else if (strcmp(action, "delete") == 0)
		op = LDAP_MOD_DELETE;
	else
		op = -1;
	if (rc < 0 && (op < 0 || argc - 1 - optind != 2)) {
		fputs(alias_usage, stderr);
		rc = EXIT_USAGE;
	}
	if (rc >= 0 || (rc = prov_open(&p)) != EXIT_OK)
		return rc;
	argv += 1 + optind;
	dn = prov_domain_dn(&p, argv[0]);
	rc = dn ? prov_modify1(&p, dn, op, "tenancyDomainAlias", argv[1]) : EXIT_USAGE;
	free(dn);
	prov_close(&p);
	return rc;
}
