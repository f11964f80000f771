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
 * units.c - organisational units inside a tenant.
 *
 * Usage: tenancy unit add DOMAIN PATH          e.g. Europe/France
 *        tenancy unit delete UNIT-DN [--reassign-to-parent]
 *
 * A path becomes nested tenancyUnit entries under the domain's ou=units;
 * the missing ones are created, top down.  Deleting a unit that something
 * still uses is refused by the overlay (DESIGN §5.6); with
 * --reassign-to-parent the users, groups and mailboxes in it and the grants
 * scoped on it are moved to its parent unit first (the domain: their unit
 * reference is removed, which means the root unit); each change is printed,
 * since a grant moved up reaches every unit below the parent.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char unit_usage[] =
        "Usage: tenancy unit add DOMAIN PATH            (e.g. Europe/France)\n"
        "       tenancy unit delete UNIT-DN [--reassign-to-parent]\n"
        "       tenancy unit list [DOMAIN] [--json]\n"
        "       tenancy unit show UNIT-DN [--json]\n";

enum { OPT_REASSIGN = 300 };

static const struct option unit_options[] = {
        {"reassign-to-parent", no_argument, NULL, OPT_REASSIGN}, {NULL, 0, NULL, 0}};

static int
unit_option(void *ctx, int opt, const char *arg)
{
	(void)arg;
	if (opt != OPT_REASSIGN)
		return -1;
	*(int *)ctx = 1;
	return 0;
}

static int
add_unit(struct prov *p, const char *dn, const char *name, int last)
{
	struct modlist l = {0};
	int rc;

	/* Units on the way may exist already, and the actor may not be allowed
	 * to create them: look first.  The one asked for must be new. */
	if (!last && (rc = prov_exists(p, dn)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (modlist_add(&l, LDAP_MOD_ADD, "objectClass", "tenancyUnit") ||
	        modlist_add(&l, LDAP_MOD_ADD, "ou", name)) {
		modlist_free(&l);
		return EXIT_USAGE;
	}
	rc = prov_add(p, dn, &l);
	modlist_free(&l);
	return rc;
}

static int
unit_add(struct prov *p, const char *domain, const char *path)
{
	char *domain_dn = prov_domain_dn(p, domain), *dn = NULL, *next;
	char *copy = strdup(path), *save = NULL, *following;
	const char *part;
	int rc = EXIT_USAGE;

	if (domain_dn == NULL || copy == NULL)
		goto out;
	if ((rc = prov_container(p, domain_dn, "units", &dn)) != EXIT_OK)
		goto out;
	rc = EXIT_USAGE;
	for (part = strtok_r(copy, "/", &save); part != NULL && dn != NULL; part = following) {
		following = strtok_r(NULL, "/", &save);
		next = dn_child("ou", part, dn);
		free(dn);
		dn = next;
		rc = dn ? add_unit(p, dn, part, following == NULL) : EXIT_USAGE;
		if (rc != EXIT_OK)
			goto out;
	}
	if (dn != NULL && rc == EXIT_OK)
		prov_print_dn(p, dn);
out:
	free(copy);
	free(dn);
	free(domain_dn);
	return rc;
}

/* The DNs a search found, for reassign(). */
struct reassign {
	char **dns;
	size_t n;
};

static int
collect_dn(void *ctx, LDAP *ld, LDAPMessage *e)
{
	struct reassign *r = ctx;
	char **p = realloc(r->dns, (r->n + 1) * sizeof *p);

	if (p == NULL)
		return -1;
	r->dns = p;
	if ((r->dns[r->n] = ldap_get_dn(ld, e)) == NULL)
		return -1;
	r->n++;
	return 0;
}

/* Point every `attr` that names `unit` at `to` instead. */
static int
reassign(struct prov *p, const char *domain_dn, const char *unit, const char *attr, const char *to)
{
	static char *no_attrs[] = {LDAP_NO_ATTRS, NULL};
	struct reassign r = {NULL, 0};
	char *value = filter_escape(unit), *filter = NULL;
	size_t i;
	int rc = EXIT_USAGE;

	if (value == NULL || (filter = malloc(strlen(attr) + strlen(value) + 4)) == NULL)
		goto out;
	sprintf(filter, "(%s=%s)", attr, value);
	rc = conn_search(p->ld, domain_dn, LDAP_SCOPE_SUBTREE, filter, no_attrs, collect_dn, &r);
	rc = rc == LDAP_SUCCESS ? EXIT_OK : EXIT_DENIED;
	for (i = 0; i < r.n && rc == EXIT_OK; i++) {
		struct modlist l = {0};

		if (to != NULL ? modlist_add(&l, LDAP_MOD_REPLACE, attr, to)
		               : modlist_add(&l, LDAP_MOD_DELETE, attr, unit))
			rc = EXIT_USAGE;
		else
			rc = prov_modify(p, r.dns[i], &l);
		/* Say what moved: a grant moved up reaches the parent's other units too. */
		if (rc == EXIT_OK)
			printf("%s: %s %s\n", r.dns[i], attr, to ? to : "removed (the root unit)");
		modlist_free(&l);
	}
	for (i = 0; i < r.n; i++)
		ldap_memfree(r.dns[i]);
	free(r.dns);
out:
	ber_memfree(value);
	free(filter);
	return rc;
}

static int
unit_delete(struct prov *p, const char *dn, int move)
{
	char *domain_dn = NULL, *parent = NULL;
	int rc = EXIT_OK;

	if (move) {
		rc = prov_ancestors(p, dn, &domain_dn, &parent);
		if (rc == EXIT_OK)
			rc = reassign(
			        p, domain_dn, dn, "tenancyUnitRef", tn_unit_ref(parent, domain_dn));
		if (rc == EXIT_OK)
			rc = reassign(p, domain_dn, dn, "tenancyScope", parent);
	}
	if (rc == EXIT_OK)
		rc = prov_delete(p, dn);
	free(domain_dn);
	free(parent);
	return rc;
}

int
cmd_unit(int argc, char **argv)
{
	struct prov p = {0};
	const char *action = argc > 1 ? argv[1] : "";
	int rc, move = 0, n;

	if ((rc = prov_help(argc, argv, unit_usage)) >= 0)
		return rc;
	if (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "show") == 0)
		return listing_run("unit", argc, argv, unit_usage);

	rc = prov_parse(&p, argc - 1, argv + 1, unit_options, unit_option, &move, unit_usage);
	n = argc - 1 - optind;
	if (rc < 0 && !((strcmp(action, "add") == 0 && n == 2) ||
	                      (strcmp(action, "delete") == 0 && n == 1))) {
		fputs(unit_usage, stderr);
		rc = EXIT_USAGE;
	}
	if (rc >= 0 || (rc = prov_open(&p)) != EXIT_OK)
		return rc;
	argv += 1 + optind;
	if (strcmp(action, "add") == 0)
		rc = unit_add(&p, argv[0], argv[1]);
	else
		rc = unit_delete(&p, argv[0], move);
	prov_close(&p);
	return rc;
}
