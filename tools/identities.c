/*
 * identities.c - tenancy identities: every address a login may put in From:.
 *
 * Usage: tenancy identities LOGIN [--json] [-f FILE]... [LDAP options]
 *
 * The list is tenancyIdentity's (the engine's tn_identities): the login's
 * own primary address first, then every address allowed by DESIGN §7, each
 * with the rule and the chain of entries behind it.  The model comes from a
 * live directory or from LDIF files given with -f, as for `check send-as`.
 *
 * Exit: 0 when the login has an identity, 1 when it has none (no such
 * login, or it may not send), 2 usage or connection errors.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char identities_usage[] =
        "Usage: tenancy identities LOGIN [--json] [-f FILE]... [--login-attribute A]\n"
        "                         [--config FILE] [LDAP options]\n\n"
        "Every address LOGIN may put in From: (tenancyIdentity), own primary address\n"
        "first, each with the rule and the chain of entries that allow it.\n\n"
        "  -f FILE              load FILE instead of searching the directory (repeatable)\n"
        "  --login-attribute A  the attribute holding login names (default " TN_DEFAULT_LOGIN_ATTR
        ")\n"
        "  --config FILE        the overlay's settings (slapd.conf, cn=config LDIF, slapd.d)\n"
        "  --json               one JSON object\n\n"
        "Exit status: 0 identities found, 1 none, 2 usage or connection errors.\n";

enum { OPT_JSON = 256, OPT_LOGIN, OPT_CONFIG, OPT_HELP };

static const struct option identities_options[] = {
        {"json", no_argument, NULL, OPT_JSON},
        {"login-attribute", required_argument, NULL, OPT_LOGIN},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
};

struct printer {
	int json;
	size_t n;
};

static int
print_identity(void *ctx, const char *address, const char *rule, const char *chain)
{
	struct printer *p = ctx;

	if (p->json) {
		fputs(p->n ? ",\n  {\"address\": " : "\n  {\"address\": ", stdout);
		json_cstring(stdout, address);
		fputs(", \"rule\": ", stdout);
		json_cstring(stdout, rule);
		fputs(", \"chain\": ", stdout);
		json_cstring(stdout, chain);
		fputc('}', stdout);
	} else {
		printf("%s\t%s: %s\n", address, rule, chain ? chain : "");
	}
	p->n++;
	return 0;
}

/* The model from the files, else from the directory; NULL on failure
 * (the reason printed). */
static struct tn_model *
identities_model(const struct conn_opts *co, const char **files, size_t nfiles, const char *config,
        const char *login_attr)
{
	struct tn_model *m = tn_model_new();
	size_t i;
	int rc = EXIT_OK;

	if (m == NULL) {
		warnx_("out of memory");
		return NULL;
	}
	if (config != NULL && config_read(m, NULL, config) != EXIT_OK)
		rc = EXIT_USAGE;
	if (rc == EXIT_OK && login_attr != NULL && tn_config_set_login_attr(m, login_attr) != 0) {
		warnx_("out of memory");
		rc = EXIT_USAGE;
	}
	for (i = 0; rc == EXIT_OK && i < nfiles; i++)
		rc = source_load_file(m, files[i]);
	if (rc == EXIT_OK && nfiles == 0) {
		LDAP *ld = conn_open(co);

		rc = ld ? source_load_ldap(m, ld, co) : EXIT_USAGE;
		conn_close(ld);
	}
	if (rc != EXIT_OK) {
		tn_model_free(m);
		return NULL;
	}
	return m;
}

int
cmd_identities(int argc, char **argv)
{
	struct conn_opts co = {0};
	struct printer p = {0, 0};
	const char **files, *config = NULL, *login_attr = NULL, *login;
	size_t nfiles = 0;
	struct tn_model *m;
	int c;

	if ((files = calloc((size_t)argc, sizeof *files)) == NULL) {
		warnx_("out of memory");
		return EXIT_USAGE;
	}
	optind = 0;
	while ((c = getopt_long(argc, argv, CONN_SHORTOPTS "f:", identities_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			files[nfiles++] = optarg;
			break;
		case OPT_JSON:
			p.json = 1;
			break;
		case OPT_LOGIN:
			login_attr = optarg;
			break;
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_HELP:
			fputs(identities_usage, stdout);
			fputs(conn_help, stdout);
			free(files);
			return EXIT_OK;
		default:
			if (conn_option(&co, c, optarg) == 0)
				break;
			fputs(identities_usage, stderr);
			free(files);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fputs(identities_usage, stderr);
		free(files);
		return EXIT_USAGE;
	}
	login = argv[optind];
	m = identities_model(&co, files, nfiles, config, login_attr);
	free(files);
	if (m == NULL)
		return EXIT_USAGE;
	if (p.json) {
		fputs("{\"login\": ", stdout);
		json_cstring(stdout, login);
		fputs(", \"identities\": [", stdout);
	}
	tn_identities(m, login, 1, print_identity, &p);
	if (p.json)
		fputs(p.n ? "\n]}\n" : "]}\n", stdout);
	else if (p.n == 0)
		printf("%s: no identity: not the login of an enabled mailbox user\n", login);
	tn_model_free(m);
	return p.n > 0 ? EXIT_OK : EXIT_DENIED;
}
