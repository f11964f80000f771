/*
 * main.c - the tenancy command: dispatch to subcommands.
 *
 * Usage: tenancy [--help | --version] SUBCOMMAND [ARGS...]
 *
 * Each subcommand parses its own options (tools/<idea>.c) and returns an
 * exit code: 0 success or allowed, 1 denied or findings, 2 usage or
 * connection errors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char *progname = "tenancy";

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct subcommand subcommands[] = {
        {"lint", cmd_lint, "check LDIF files against every invariant and the schema"},
        {"audit", cmd_audit, "judge a live directory: broken invariants and replication conflicts"},
        {"check", cmd_check, "check send-as LOGIN ADDRESS: may LOGIN send as ADDRESS?"},
        {"rights", cmd_rights, "effective permissions of an entry at a unit"},
        {"who-can", cmd_who_can, "who-can send-as ADDRESS: every login allowed"},
        {"identities", cmd_identities, "every address LOGIN may put in From:, and why"},
        {"domain", cmd_domain, "add, list, change the status of tenants"},
        {"alias", cmd_alias, "add or delete alias domains"},
        {"unit", cmd_unit, "add or delete organisational units"},
        {"user", cmd_user, "add, move, disable, delete users"},
        {"group", cmd_group, "add groups, add or remove members"},
        {"shared", cmd_shared, "add shared mailboxes"},
        {"grant", cmd_grant, "grant or revoke roles"},
        {"share", cmd_share, "share a mailbox, or stop sharing it"},
        {"sendas", cmd_sendas, "add or remove send-as delegates"},
        {"addressbook", cmd_addressbook, "export or import a tenant's address book (xCard)"},
        {"notify", cmd_notify, "send the spooled share notifications"},
};

void
warnx_(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: tenancy [--help | --version] SUBCOMMAND [OPTIONS] [ARGS]\n\n"
	           "Subcommands:\n");
	for (i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		fprintf(f, "  %-12s %s\n", subcommands[i].name, subcommands[i].summary);
	fprintf(f, "\n'tenancy SUBCOMMAND --help' describes each one.\n"
	           "Exit status: 0 success or allowed, 1 denied or findings,\n"
	           "2 usage or connection errors.\n");
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	        strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("tenancy %s\n", TENANCY_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
		if (strcmp(argv[1], subcommands[i].name) == 0)
			return subcommands[i].run(argc - 1, argv + 1);
	}
	warnx_("unknown subcommand '%s'", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
