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
 * accounts.c - users, groups and shared mailboxes.
 *
 * Usage: tenancy user add DOMAIN UID [--mail M] [--cn CN] [--sn SN]
 *                 [--unit UNIT] [--generate-password]
 *        tenancy user move USER-DN UNIT
 *        tenancy user status USER-DN STATUS
 *        tenancy user delete USER-DN
 *        tenancy group add DOMAIN CN --member DN... [--mail M] [--send-as]
 *                 [--delivery] [--unit UNIT]
 *        tenancy group member add|delete GROUP-DN MEMBER-DN...
 *        tenancy shared add DOMAIN CN --mail M [--unit UNIT]
 *
 * UNIT is a unit DN or a path below the domain ("Europe/France"; "/" is the
 * domain itself).  Entries go in the domain's ou=people, ou=groups and
 * ou=shared; the overlay decides whether they may.  A generated password is
 * printed once on stdout and stored hashed.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct account_opts {
	const char *mail, *cn, *sn, *unit;
	int generate, send_as, delivery;
	const char **members;
	size_t nmembers;
};

enum {
	OPT_MAIL = 300,
	OPT_CN,
	OPT_SN,
	OPT_UNIT,
	OPT_GENERATE,
	OPT_SEND_AS,
	OPT_DELIVERY,
	OPT_MEMBER
};

static const struct option account_options[] = {{"mail", required_argument, NULL, OPT_MAIL},
        {"cn", required_argument, NULL, OPT_CN}, {"sn", required_argument, NULL, OPT_SN},
        {"unit", required_argument, NULL, OPT_UNIT},
        {"generate-password", no_argument, NULL, OPT_GENERATE},
        {"send-as", no_argument, NULL, OPT_SEND_AS}, {"delivery", no_argument, NULL, OPT_DELIVERY},
        {"member", required_argument, NULL, OPT_MEMBER}, {NULL, 0, NULL, 0}};

static int
account_option(void *ctx, int opt, const char *arg)
{
	struct account_opts *a = ctx;

	switch (opt) {
	case OPT_MAIL:
		a->mail = arg;
		return 0;
	case OPT_CN:
		a->cn = arg;
		return 0;
	case OPT_SN:
		a->sn = arg;
		return 0;
	case OPT_UNIT:
		a->unit = arg;
		return 0;
	case OPT_GENERATE:
		a->generate = 1;
		return 0;
	case OPT_SEND_AS:
		a->send_as = 1;
		return 0;
	case OPT_DELIVERY:
		a->delivery = 1;
		return 0;
	case OPT_MEMBER:
		a->members[a->nmembers++] = arg;
		return 0;
	default:
		return -1;
	}
}

/* Parse, check the argument count, connect.  -1 to go on, else exit code. */
static int
account_begin(struct prov *p, struct account_opts *a, int argc, char **argv, const char *usage,
        int nargs, char ***args)
{
	int rc;

	a->members = calloc((size_t)argc, sizeof *a->members);
	if (a->members == NULL)
		return EXIT_USAGE;
	rc = prov_parse(p, argc - 1, argv + 1, account_options, account_option, a, usage);
	if (rc >= 0)
		return rc;
	if ((nargs >= 0 && argc - 1 - optind != nargs) ||
	        (nargs < 0 && argc - 1 - optind < -nargs)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	*args = argv + 1 + optind;
	rc = prov_open(p);
	return rc == EXIT_OK ? -1 : rc;
}

static int
account_end(struct prov *p, struct account_opts *a, int rc)
{
	prov_close(p);
	free(a->members);
	return rc;
}

/* The unit reference for --unit, relative to the domain; 0 or -1. */
static int
add_unit_ref(struct prov *p, struct modlist *l, const char *domain_dn, const char *unit)
{
	const char *ref;
	char *dn;
	int rc;

	if (unit == NULL)
		return 0;
	dn = prov_unit_dn(p, domain_dn, unit);
	if (dn == NULL)
		return -1;
	/* The root unit takes no reference (tn_unit_ref). */
	ref = tn_unit_ref(dn, domain_dn);
	rc = ref == NULL ? 0 : modlist_add(l, LDAP_MOD_ADD, "tenancyUnitRef", ref);
	free(dn);
	return rc;
}

static const char user_usage[] =
        "Usage: tenancy user add DOMAIN UID [--mail M] [--cn CN] [--sn SN]\n"
        "                        [--unit UNIT] [--generate-password]\n"
        "       tenancy user move USER-DN UNIT\n"
        "       tenancy user status USER-DN pending|enabled|failed|disabled\n"
        "       tenancy user delete USER-DN\n"
        "       tenancy user list [DOMAIN] [--json]\n"
        "       tenancy user show USER-DN|ADDRESS [--json]\n";

static int
user_add(struct prov *p, struct account_opts *a, char **args)
{
	const char *domain = args[0], *uid = args[1];
	struct modlist l = {0};
	char *domain_dn = prov_domain_dn(p, domain), *people = NULL, *dn = NULL;
	char *mail = NULL, *clear = NULL, *hashed = NULL;
	const char *cn = a->cn ? a->cn : uid;
	int rc = EXIT_USAGE;

	if (domain_dn == NULL || (rc = prov_container(p, domain_dn, "people", &people)) != EXIT_OK)
		goto out;
	rc = EXIT_USAGE;
	if ((dn = dn_child("uid", uid, people)) == NULL)
		goto out;
	if (a->mail == NULL) {
		mail = malloc(strlen(uid) + strlen(domain) + 2);
		if (mail == NULL)
			goto out;
		sprintf(mail, "%s@%s", uid, domain);
	}
	if (a->generate && password_generate(&clear, &hashed) != 0)
		goto out;
	if (modlist_add(&l, LDAP_MOD_ADD, "objectClass", "inetOrgPerson") ||
	        modlist_add(&l, LDAP_MOD_ADD, "objectClass", "tenancyMailbox") ||
	        modlist_add(&l, LDAP_MOD_ADD, "uid", uid) ||
	        modlist_add(&l, LDAP_MOD_ADD, "cn", cn) ||
	        modlist_add(&l, LDAP_MOD_ADD, "sn", a->sn ? a->sn : cn) ||
	        modlist_add(&l, LDAP_MOD_ADD, "mail", a->mail ? a->mail : mail) ||
	        add_unit_ref(p, &l, domain_dn, a->unit) ||
	        (hashed && modlist_add(&l, LDAP_MOD_ADD, "userPassword", hashed)))
		goto out;
	rc = prov_add(p, dn, &l);
	if (rc == EXIT_OK && !p->dry_run) {
		prov_print_dn(p, dn);
		if (clear != NULL && p->json)
			prov_note(p, "password", clear);
		else if (clear != NULL)
			printf("password: %s\n", clear);
	}
out:
	if (clear != NULL)
		explicit_bzero(clear, strlen(clear));
	free(clear);
	free(hashed);
	modlist_free(&l);
	free(mail);
	free(dn);
	free(people);
	free(domain_dn);
	return rc;
}

static int
user_move(struct prov *p, const char *dn, const char *unit)
{
	char *domain_dn = NULL, *parent = NULL, *unit_dn = NULL;
	int rc = prov_ancestors(p, dn, &domain_dn, &parent);

	if (rc == EXIT_OK && (unit_dn = prov_unit_dn(p, domain_dn, unit)) == NULL)
		rc = EXIT_USAGE;
	if (rc == EXIT_OK)
		rc = prov_modify1(
		        p, dn, LDAP_MOD_REPLACE, "tenancyUnitRef", tn_unit_ref(unit_dn, domain_dn));
	free(domain_dn);
	free(parent);
	free(unit_dn);
	return rc;
}

int
cmd_user(int argc, char **argv)
{
	struct prov p = {0};
	struct account_opts a = {0};
	const char *action = argc > 1 ? argv[1] : "";
	char **args = NULL;
	int rc, nargs;

	if ((rc = prov_help(argc, argv, user_usage)) >= 0)
		return rc;
	if (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "show") == 0)
		return listing_run("user", argc, argv, user_usage);
	if (strcmp(action, "add") == 0 || strcmp(action, "move") == 0 ||
	        strcmp(action, "status") == 0)
		nargs = 2;
	else if (strcmp(action, "delete") == 0)
		nargs = 1;
	else
		return prov_help(0, argv, user_usage);
	rc = account_begin(&p, &a, argc, argv, user_usage, nargs, &args);
	if (rc >= 0)
		return account_end(&p, &a, rc);
	if (strcmp(action, "add") == 0)
		rc = user_add(&p, &a, args);
	else if (strcmp(action, "move") == 0)
		rc = user_move(&p, args[0], args[1]);
	else if (strcmp(action, "status") == 0)
		rc = prov_modify1(&p, args[0], LDAP_MOD_REPLACE, "tenancyStatus", args[1]);
	else
		rc = prov_delete(&p, args[0]);
	return account_end(&p, &a, rc);
}

static const char group_usage[] =
        "Usage: tenancy group add DOMAIN CN --member DN... [--mail M]\n"
        "                         [--send-as] [--delivery] [--unit UNIT]\n"
        "       tenancy group member add|delete GROUP-DN MEMBER-DN...\n"
        "       tenancy group list [DOMAIN] [--json]\n"
        "       tenancy group show GROUP-DN|ADDRESS [--json]\n";

static int
group_add(struct prov *p, const struct account_opts *a, char **args)
{
	struct modlist l = {0};
	char *domain_dn = prov_domain_dn(p, args[0]), *groups = NULL, *dn = NULL;
	size_t i;
	int rc = EXIT_USAGE;

	if (a->nmembers == 0) {
		/* groupOfNames MUST have a member. */
		warnx_("group add: give at least one --member DN");
		goto out;
	}
	if (domain_dn == NULL || (rc = prov_container(p, domain_dn, "groups", &groups)) != EXIT_OK)
		goto out;
	rc = EXIT_USAGE;
	if ((dn = dn_child("cn", args[1], groups)) == NULL)
		goto out;
	if (modlist_add(&l, LDAP_MOD_ADD, "objectClass", "groupOfNames") ||
	        modlist_add(&l, LDAP_MOD_ADD, "objectClass", "tenancyGroup") ||
	        modlist_add(&l, LDAP_MOD_ADD, "cn", args[1]) ||
	        (a->mail && modlist_add(&l, LDAP_MOD_ADD, "mail", a->mail)) ||
	        (a->send_as && modlist_add(&l, LDAP_MOD_ADD, "tenancyGroupSendAs", "TRUE")) ||
	        (a->delivery && modlist_add(&l, LDAP_MOD_ADD, "tenancyGroupDelivery", "TRUE")) ||
	        add_unit_ref(p, &l, domain_dn, a->unit))
		goto out;
	for (i = 0; i < a->nmembers; i++) {
		if (modlist_add(&l, LDAP_MOD_ADD, "member", a->members[i]))
			goto out;
	}
	rc = prov_add(p, dn, &l);
	if (rc == EXIT_OK)
		prov_print_dn(p, dn);
out:
	modlist_free(&l);
	free(dn);
	free(groups);
	free(domain_dn);
	return rc;
}

static int
group_members(struct prov *p, int op, char **args, int n)
{
	struct modlist l = {0};
	int i, rc = EXIT_USAGE;

	for (i = 1; i < n; i++) {
		if (modlist_add(&l, op, "member", args[i]))
			goto out;
	}
	rc = prov_modify(p, args[0], &l);
out:
	modlist_free(&l);
	return rc;
}

int
cmd_group(int argc, char **argv)
{
	struct prov p = {0};
	struct account_opts a = {0};
	const char *action = argc > 1 ? argv[1] : "";
	char **args = NULL;
	int rc, op = -1;

	if ((rc = prov_help(argc, argv, group_usage)) >= 0)
		return rc;
	if (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "show") == 0)
		return listing_run("group", argc, argv, group_usage);
	if (strcmp(action, "add") == 0) {
		rc = account_begin(&p, &a, argc, argv, group_usage, 2, &args);
		if (rc < 0)
			rc = group_add(&p, &a, args);
		return account_end(&p, &a, rc);
	}
	if (strcmp(action, "member") == 0 && argc > 2) {
		if (strcmp(argv[2], "add") == 0)
			op = LDAP_MOD_ADD;
		else if (strcmp(argv[2], "delete") == 0)
			op = LDAP_MOD_DELETE;
	}
	if (op < 0) {
		fputs(group_usage, stderr);
		return EXIT_USAGE;
	}
	rc = account_begin(&p, &a, argc - 1, argv + 1, group_usage, -2, &args);
	if (rc < 0)
		rc = group_members(&p, op, args, argc - 2 - optind);
	return account_end(&p, &a, rc);
}

static const char shared_usage[] = "Usage: tenancy shared add DOMAIN CN --mail M [--unit UNIT]\n"
                                   "       tenancy shared list [DOMAIN] [--json]\n"
                                   "       tenancy shared show SHARED-DN|ADDRESS [--json]\n";

int
cmd_shared(int argc, char **argv)
{
	struct prov p = {0};
	struct account_opts a = {0};
	struct modlist l = {0};
	char **args = NULL, *domain_dn = NULL, *shared = NULL, *dn = NULL;
	int rc;

	if ((rc = prov_help(argc, argv, shared_usage)) >= 0)
		return rc;
	if (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "show") == 0)
		return listing_run("shared", argc, argv, shared_usage);
	if (strcmp(argv[1], "add") != 0)
		return prov_help(0, argv, shared_usage);
	rc = account_begin(&p, &a, argc, argv, shared_usage, 2, &args);
	if (rc < 0 && a.mail == NULL) {
		fputs(shared_usage, stderr);
		rc = EXIT_USAGE;
	}
	if (rc >= 0)
		return account_end(&p, &a, rc);
	if ((domain_dn = prov_domain_dn(&p, args[0])) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	if ((rc = prov_container(&p, domain_dn, "shared", &shared)) != EXIT_OK)
		goto out;
	rc = EXIT_USAGE;
	if ((dn = dn_child("cn", args[1], shared)) == NULL)
		goto out;
	if (modlist_add(&l, LDAP_MOD_ADD, "objectClass", "tenancySharedMailbox") ||
	        modlist_add(&l, LDAP_MOD_ADD, "cn", args[1]) ||
	        modlist_add(&l, LDAP_MOD_ADD, "mail", a.mail) ||
	        add_unit_ref(&p, &l, domain_dn, a.unit))
		goto out;
	rc = prov_add(&p, dn, &l);
	if (rc == EXIT_OK)
		prov_print_dn(&p, dn);
out:
	modlist_free(&l);
	free(dn);
	free(shared);
	free(domain_dn);
	return account_end(&p, &a, rc);
}
