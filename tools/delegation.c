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
 * delegation.c - grants, shares and send-as delegates.
 *
 * Usage: tenancy grant add DOMAIN --grantee DN [--scope UNIT] --role R...
 *        tenancy grant delete GRANT-DN
 *        tenancy share add|delete MAILBOX-DN LEVEL GRANTEE-DN
 *        tenancy sendas add|delete MAILBOX-DN DELEGATE-DN [--on-behalf]
 *
 * LEVEL is read, readreply, write or manage (tenancyShareRead, ...ReadReply,
 * ...Write, ...Manage).  A grant is its own entry under the domain's
 * ou=grants, named grant-<random>; --scope is a unit DN or path, default
 * the domain.  Who may grant what, share with whom, delegate to whom: the
 * overlay decides (DESIGN §6).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/rand.h>

#include "cli.h"

struct grant_opts {
	const char *grantee, *scope;
	const char **roles;
	size_t nroles;
	int on_behalf;
};

enum { OPT_GRANTEE = 300, OPT_SCOPE, OPT_ROLE, OPT_ON_BEHALF };

static const struct option grant_options[] = {{"grantee", required_argument, NULL, OPT_GRANTEE},
        {"scope", required_argument, NULL, OPT_SCOPE}, {"role", required_argument, NULL, OPT_ROLE},
        {NULL, 0, NULL, 0}};

static const struct option sendas_options[] = {
        {"on-behalf", no_argument, NULL, OPT_ON_BEHALF}, {NULL, 0, NULL, 0}};

static int
grant_option(void *ctx, int opt, const char *arg)
{
	struct grant_opts *g = ctx;

	switch (opt) {
	case OPT_GRANTEE:
		g->grantee = arg;
		return 0;
	case OPT_SCOPE:
		g->scope = arg;
		return 0;
	case OPT_ROLE:
		g->roles[g->nroles++] = arg;
		return 0;
	case OPT_ON_BEHALF:
		g->on_behalf = 1;
		return 0;
	default:
		return -1;
	}
}

static const char grant_usage[] =
        "Usage: tenancy grant add DOMAIN --grantee DN [--scope UNIT] --role ROLE...\n"
        "       tenancy grant delete GRANT-DN\n"
        "       tenancy grant list [DOMAIN] [--json]\n"
        "       tenancy grant show GRANT-DN [--json]\n";

/* A name for a new grant: grant-<12 random hex digits>. */
static int
grant_name(char *out, size_t size)
{
	unsigned char r[6];

	if (size < 18 || RAND_bytes(r, sizeof r) != 1)
		return -1;
	snprintf(out, size, "grant-%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5]);
	return 0;
}

static int
grant_add(struct prov *p, struct grant_opts *g, const char *domain)
{
	struct modlist l = {0};
	char *domain_dn = prov_domain_dn(p, domain), *grants = NULL, *dn = NULL;
	char *scope = NULL, name[32];
	size_t i;
	int rc = EXIT_USAGE;

	if (domain_dn == NULL || grant_name(name, sizeof name) != 0 ||
	        (scope = prov_unit_dn(p, domain_dn, g->scope ? g->scope : "/")) == NULL ||
	        (rc = prov_container(p, domain_dn, "grants", &grants)) != EXIT_OK)
		goto out;
	rc = EXIT_USAGE;
	if ((dn = dn_child("cn", name, grants)) == NULL)
		goto out;
	if (modlist_add(&l, LDAP_MOD_ADD, "objectClass", "tenancyGrant") ||
	        modlist_add(&l, LDAP_MOD_ADD, "cn", name) ||
	        modlist_add(&l, LDAP_MOD_ADD, "tenancyGrantee", g->grantee) ||
	        modlist_add(&l, LDAP_MOD_ADD, "tenancyScope", scope))
		goto out;
	for (i = 0; i < g->nroles; i++) {
		if (modlist_add(&l, LDAP_MOD_ADD, "tenancyRole", g->roles[i]))
			goto out;
	}
	rc = prov_add(p, dn, &l);
	if (rc == EXIT_OK)
		prov_print_dn(p, dn);
out:
	modlist_free(&l);
	free(dn);
	free(grants);
	free(scope);
	free(domain_dn);
	return rc;
}

int
cmd_grant(int argc, char **argv)
{
	struct prov p = {0};
	struct grant_opts g = {0};
	const char *action = argc > 1 ? argv[1] : "";
	int rc, n;

	if ((rc = prov_help(argc, argv, grant_usage)) >= 0)
		return rc;
	if (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "show") == 0)
		return listing_run("grant", argc, argv, grant_usage);
	if ((g.roles = calloc((size_t)argc, sizeof *g.roles)) == NULL)
		return EXIT_USAGE;
	rc = prov_parse(&p, argc - 1, argv + 1, grant_options, grant_option, &g, grant_usage);
	n = argc - 1 - optind;
	if (rc < 0 &&
	        !((strcmp(action, "add") == 0 && n == 1 && g.grantee != NULL && g.nroles > 0) ||
	                (strcmp(action, "delete") == 0 && n == 1))) {
		fputs(grant_usage, stderr);
		rc = EXIT_USAGE;
	}
	if (rc < 0 && (rc = prov_open(&p)) == EXIT_OK) {
		argv += 1 + optind;
		if (strcmp(action, "add") == 0)
			rc = grant_add(&p, &g, argv[0]);
		else
			rc = prov_delete(&p, argv[0]);
		prov_close(&p);
	}
	free(g.roles);
	return rc;
}

static const char share_usage[] = "Usage: tenancy share add|delete MAILBOX-DN LEVEL GRANTEE-DN\n"
                                  "       tenancy share list [DOMAIN] [--json]\n"
                                  "LEVEL: read, readreply, write or manage\n";

static int
action_op(const char *action)
{
	if (strcmp(action, "add") == 0)
		return LDAP_MOD_ADD;
	if (strcmp(action, "delete") == 0)
		return LDAP_MOD_DELETE;
	return -1;
}

int
cmd_share(int argc, char **argv)
{
	struct prov p = {0};
	const char *attr = NULL;
	int rc, op;

	if ((rc = prov_help(argc, argv, share_usage)) >= 0)
		return rc;
	if (strcmp(argv[1], "list") == 0)
		return listing_run("share", argc, argv, share_usage);
	op = action_op(argv[1]);
	rc = prov_parse(&p, argc - 1, argv + 1, NULL, NULL, NULL, share_usage);
	if (rc < 0 && argc - 1 - optind == 3) {
		int lvl = tn_share_level_find(argv[1 + optind + 1]);

		if (lvl >= 0)
			attr = tn_share_level_attr((size_t)lvl);
	}
	if (rc < 0 && (op < 0 || attr == NULL)) {
		fputs(share_usage, stderr);
		rc = EXIT_USAGE;
	}
	if (rc >= 0 || (rc = prov_open(&p)) != EXIT_OK)
		return rc;
	argv += 1 + optind;
	rc = prov_modify1(&p, argv[0], op, attr, argv[2]);
	prov_close(&p);
	return rc;
}

static const char sendas_usage[] =
        "Usage: tenancy sendas add|delete MAILBOX-DN DELEGATE-DN [--on-behalf]\n"
        "--on-behalf: the Sender: delegate (tenancySendOnBehalfDelegate)\n";

int
cmd_sendas(int argc, char **argv)
{
	struct prov p = {0};
	struct grant_opts g = {0};
	int rc, op;

	if ((rc = prov_help(argc, argv, sendas_usage)) >= 0)
		return rc;
	op = action_op(argv[1]);
	rc = prov_parse(&p, argc - 1, argv + 1, sendas_options, grant_option, &g, sendas_usage);
	if (rc < 0 && (op < 0 || argc - 1 - optind != 2)) {
		fputs(sendas_usage, stderr);
		rc = EXIT_USAGE;
	}
	if (rc >= 0 || (rc = prov_open(&p)) != EXIT_OK)
		return rc;
	argv += 1 + optind;
	rc = prov_modify1(&p, argv[0], op,
	        g.on_behalf ? "tenancySendOnBehalfDelegate" : "tenancySendAsDelegate", argv[1]);
	prov_close(&p);
	return rc;
}
