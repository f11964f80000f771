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
 * query.c - the questions: check send-as, rights, who-can send-as.
 *
 * Usage: tenancy check send-as LOGIN ADDRESS [--on-behalf] [--explain] [--json]
 *        tenancy rights DN [--unit UNIT-DN] [--explain] [--json]
 *        tenancy who-can send-as ADDRESS [--json]
 *
 * The model comes from a live directory (the LDAP options: every tenancy
 * entry is searched and loaded) or from LDIF files given with -f FILE.  The
 * answers are the engine's (tn_sendas_check, tn_rights, tn_sendas_who):
 * nothing is decided here, only printed, as text or as JSON.
 *
 * Exit: 0 allowed (or someone may), 1 denied (or no one may), 2 usage or
 * connection errors.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct query {
	struct conn_opts co;
	const char **files;
	size_t nfiles;
	int explain;
	int json;
	int on_behalf;
	const char *unit;
	const char *login_attr;
	const char *config;
};

enum { OPT_EXPLAIN = 256, OPT_JSON, OPT_ON_BEHALF, OPT_UNIT, OPT_LOGIN, OPT_CONFIG, OPT_HELP };

static const struct option query_options[] = {
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {"json", no_argument, NULL, OPT_JSON},
        {"on-behalf", no_argument, NULL, OPT_ON_BEHALF},
        {"unit", required_argument, NULL, OPT_UNIT},
        {"login-attribute", required_argument, NULL, OPT_LOGIN},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
};

static const char model_help[] =
        "The model: a live directory (LDAP options below), or LDIF files:\n"
        "  -f FILE              load FILE instead of searching (repeatable)\n"
        "  --login-attribute A  the attribute holding login names (default " TN_DEFAULT_LOGIN_ATTR
        ")\n"
        "  --config FILE        the overlay's settings from slapd.conf, cn=config LDIF\n"
        "                       or the slapd.d directory\n";

static void
query_usage(FILE *f, const char *synopsis, const char *what)
{
	fprintf(f,
	        "Usage: tenancy %s\n\n%s\n\n%s\n%s\n"
	        "Exit status: 0 allowed, 1 denied, 2 usage or connection errors.\n",
	        synopsis, what, model_help, conn_help);
}

/*
 * Parse the options; positional arguments are left in argv[optind..].
 * Returns -1 to go on, else the exit code to return at once.
 */
static int
query_parse(struct query *q, int argc, char **argv, const char *synopsis, const char *what)
{
	int c;

	q->files = calloc((size_t)argc, sizeof *q->files);
	if (q->files == NULL) {
		warnx_("out of memory");
		return EXIT_USAGE;
	}
	optind = 0;
	while ((c = getopt_long(argc, argv, CONN_SHORTOPTS "f:", query_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			q->files[q->nfiles++] = optarg;
			break;
		case OPT_EXPLAIN:
			q->explain = 1;
			break;
		case OPT_JSON:
			q->json = 1;
			break;
		case OPT_ON_BEHALF:
			q->on_behalf = 1;
			break;
		case OPT_UNIT:
			q->unit = optarg;
			break;
		case OPT_CONFIG:
			q->config = optarg;
			break;
		case OPT_LOGIN:
			q->login_attr = optarg;
			break;
		case OPT_HELP:
			query_usage(stdout, synopsis, what);
			return EXIT_OK;
		default:
			if (conn_option(&q->co, c, optarg) == 0)
				break;
			query_usage(stderr, synopsis, what);
			return EXIT_USAGE;
		}
	}
	return -1;
}

/* The model from -f files, else from the directory; NULL on failure. */
static struct tn_model *
query_model(const struct query *q)
{
	struct tn_model *m = tn_model_new();
	int rc = EXIT_OK;

	if (m == NULL) {
		warnx_("out of memory");
		return NULL;
	}
	if (q->config != NULL && config_read(m, NULL, q->config) != EXIT_OK) {
		tn_model_free(m);
		return NULL;
	}
	if (q->login_attr != NULL && tn_config_set_login_attr(m, q->login_attr) != 0) {
		warnx_("out of memory");
		tn_model_free(m);
		return NULL;
	}
	if (q->nfiles > 0) {
		size_t i;
		for (i = 0; i < q->nfiles && rc == EXIT_OK; i++)
			rc = source_load_file(m, q->files[i]);
	} else {
		LDAP *ld = conn_open(&q->co);

		rc = ld ? source_load_ldap(m, ld, &q->co) : EXIT_USAGE;
		conn_close(ld);
	}
	if (rc != EXIT_OK) {
		tn_model_free(m);
		return NULL;
	}
	return m;
}

/*
 * The chain behind a verdict, indented; a line that repeats `verdict` (the
 * engine closes its chain with it) is not printed again.  lint prints its
 * findings' chains with it too.
 */
void
print_explain(FILE *f, const char *explain, const char *verdict)
{
	const char *p = explain;
	size_t vlen = verdict ? strlen(verdict) : 0;

	while (p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (verdict == NULL || vlen == 0 || (size_t)(nl - p) != vlen ||
		        strncmp(p, verdict, vlen) != 0)
			fprintf(f, "  %.*s\n", (int)(nl - p), p);
		p = *nl ? nl + 1 : nl;
	}
}

/* Free the query's storage and the model; pass the exit code through. */
static int
query_done(struct query *q, struct tn_model *m, int status)
{
	tn_model_free(m);
	free(q->files);
	return status;
}

int
cmd_check(int argc, char **argv)
{
	static const char synopsis[] =
	        "check send-as LOGIN ADDRESS [--on-behalf] [--explain] [--json]";
	struct query q = {0};
	struct tn_model *m = NULL;
	struct tn_answer a;
	const char *login, *address;
	int rc = query_parse(&q, argc, argv, synopsis,
	        "May LOGIN put ADDRESS in From: (with --on-behalf: in Sender:)?");

	if (rc >= 0)
		return query_done(&q, NULL, rc);
	if (argc - optind != 3 || strcmp(argv[optind], "send-as") != 0) {
		query_usage(stderr, synopsis, "");
		return query_done(&q, NULL, EXIT_USAGE);
	}
	login = argv[optind + 1];
	address = argv[optind + 2];
	if ((m = query_model(&q)) == NULL)
		return query_done(&q, NULL, EXIT_USAGE);
	tn_answer_init(&a);
	/* JSON always carries the explanation. */
	a.want_explain = q.explain || q.json;
	if (tn_sendas_check(m, login, address, q.on_behalf, &a) != 0) {
		warnx_("out of memory");
		tn_answer_clear(&a);
		return query_done(&q, m, EXIT_USAGE);
	}
	if (q.json) {
		fputs("{\"login\": ", stdout);
		json_cstring(stdout, login);
		fputs(", \"address\": ", stdout);
		json_cstring(stdout, address);
		printf(", \"on_behalf\": %s, \"allowed\": %s, \"code\": %d, \"rule\": ",
		        q.on_behalf ? "true" : "false", a.code == TN_OK ? "true" : "false",
		        (int)a.code);
		json_cstring(stdout, a.rule);
		fputs(", \"text\": ", stdout);
		json_cstring(stdout, a.text);
		fputs(", \"explain\": ", stdout);
		json_lines(stdout, a.explain);
		fputs("}\n", stdout);
	} else {
		/* The engine's text says who may send as what, and why. */
		const char *word = a.code == TN_OK ? "allowed" : "denied";
		const char *rule = a.rule ? a.rule : "send-as";
		const char *may = a.code == TN_OK ? "may send as" : "may not send as";
		size_t size = strlen(word) + strlen(rule) + strlen(login) + strlen(may) +
		              strlen(address) + (a.text ? strlen(a.text) : 0) + 16;
		char *verdict = malloc(size);

		if (verdict != NULL && a.text != NULL)
			snprintf(verdict, size, "%s: %s", word, a.text);
		else if (verdict != NULL)
			snprintf(
			        verdict, size, "%s: %s: %s %s %s", word, rule, login, may, address);
		if (verdict == NULL) {
			warnx_("out of memory");
			tn_answer_clear(&a);
			return query_done(&q, m, EXIT_USAGE);
		}
		printf("%s\n", verdict);
		if (q.explain)
			print_explain(stdout, a.explain, verdict);
		free(verdict);
	}
	rc = a.code == TN_OK ? EXIT_OK : EXIT_DENIED;
	tn_answer_clear(&a);
	return query_done(&q, m, rc);
}

/* The engine's space-separated permissions: one per line, or JSON strings. */
static void
print_permissions(const char *p, int json)
{
	int first = 1;

	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, " \n");

		if (n > 0 && json) {
			fputs(first ? "" : ", ", stdout);
			json_string(stdout, p, n);
		} else if (n > 0) {
			printf("%.*s\n", (int)n, p);
		}
		first &= n == 0;
		p += n + (p[n] != '\0');
	}
}

int
cmd_rights(int argc, char **argv)
{
	static const char synopsis[] = "rights DN [--unit UNIT-DN] [--explain] [--json]";
	struct query q = {0};
	struct tn_model *m = NULL;
	struct tn_answer a;
	const char *dn;
	int rc = query_parse(&q, argc, argv, synopsis,
	        "The effective permissions of DN at UNIT-DN (default: DN's own unit).");

	if (rc >= 0)
		return query_done(&q, NULL, rc);
	if (argc - optind != 1) {
		query_usage(stderr, synopsis, "");
		return query_done(&q, NULL, EXIT_USAGE);
	}
	dn = argv[optind];
	if ((m = query_model(&q)) == NULL)
		return query_done(&q, NULL, EXIT_USAGE);
	tn_answer_init(&a);
	a.want_explain = q.explain || q.json;
	if (tn_rights(m, dn, q.unit, &a) != 0) {
		warnx_("out of memory");
		tn_answer_clear(&a);
		return query_done(&q, m, EXIT_USAGE);
	}
	if (q.json) {
		fputs("{\"dn\": ", stdout);
		json_cstring(stdout, dn);
		fputs(", \"unit\": ", stdout);
		json_cstring(stdout, q.unit);
		printf(", \"code\": %d, \"permissions\": [", (int)a.code);
		print_permissions(a.code == TN_OK ? a.text : NULL, 1);
		fputs("], \"text\": ", stdout);
		json_cstring(stdout, a.code == TN_OK ? NULL : a.text);
		fputs(", \"explain\": ", stdout);
		json_lines(stdout, a.explain);
		fputs("}\n", stdout);
	} else if (a.code != TN_OK) {
		printf("%s\n", a.text ? a.text : ldap_err2string((int)a.code));
	} else {
		print_permissions(a.text, 0);
		if (q.explain)
			print_explain(stdout, a.explain, NULL);
	}
	rc = a.code == TN_OK ? EXIT_OK : EXIT_DENIED;
	tn_answer_clear(&a);
	return query_done(&q, m, rc);
}

struct who {
	int json;
	size_t n;
};

static int
print_sender(void *ctx, const char *login, const char *reason)
{
	struct who *w = ctx;

	if (w->json) {
		fputs(w->n ? ", {\"login\": " : "{\"login\": ", stdout);
		json_cstring(stdout, login);
		fputs(", \"reason\": ", stdout);
		json_cstring(stdout, reason);
		fputc('}', stdout);
	} else {
		printf("%s: %s\n", login, reason ? reason : "");
	}
	w->n++;
	return 0;
}

int
cmd_who_can(int argc, char **argv)
{
	static const char synopsis[] = "who-can send-as ADDRESS [--json]";
	struct query q = {0};
	struct tn_model *m = NULL;
	struct who w = {0, 0};
	const char *address;
	int rc = query_parse(
	        &q, argc, argv, synopsis, "Every login allowed to put ADDRESS in From:, and why.");

	if (rc >= 0)
		return query_done(&q, NULL, rc);
	if (argc - optind != 2 || strcmp(argv[optind], "send-as") != 0) {
		query_usage(stderr, synopsis, "");
		return query_done(&q, NULL, EXIT_USAGE);
	}
	address = argv[optind + 1];
	if ((m = query_model(&q)) == NULL)
		return query_done(&q, NULL, EXIT_USAGE);
	w.json = q.json;
	if (q.json) {
		fputs("{\"address\": ", stdout);
		json_cstring(stdout, address);
		fputs(", \"senders\": [", stdout);
	}
	tn_sendas_who(m, address, print_sender, &w);
	if (q.json)
		fputs("]}\n", stdout);
	return query_done(&q, m, w.n > 0 ? EXIT_OK : EXIT_DENIED);
}
