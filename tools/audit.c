/*
 * audit.c - the whole live directory judged by the engine (DESIGN §5b, §9).
 *
 * Usage: tenancy audit [--json] [--config FILE] [-f FILE]... [LDAP options]
 *
 * Every tenancy entry is loaded (entryCSN included, so that claims order
 * as the overlay orders them), then two lists are printed, sorted so that
 * two nodes of one directory print the same lines:
 *   - every broken invariant (tn_check_model: each entry judged as if it
 *     were added last, dangling references included);
 *   - every replication conflict (tn_conflicts: an address or domain name
 *     claimed twice, with the entry that lost and the one that won).
 * The engine decides; this file only prints, as text or as JSON.
 *
 * Exit: 0 nothing found, 1 findings, 2 usage or connection errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct audit {
	char **lines;
	size_t n, cap;
	int oom;
};

static void
audit_add(struct audit *a, const char *kind, const char *dn, const char *rule, const char *text)
{
	size_t len = strlen(kind) + strlen(dn) + strlen(rule) + strlen(text) + 8;
	char *line;

	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 64;
		char **nl = realloc(a->lines, cap * sizeof(*nl));
		if (nl == NULL) {
			a->oom = 1;
			return;
		}
		a->lines = nl;
		a->cap = cap;
	}
	if ((line = malloc(len)) == NULL) {
		a->oom = 1;
		return;
	}
	/* Kind, DN, rule and text, tab-separated until printed. */
	snprintf(line, len, "%s\t%s\t%s\t%s", kind, dn, rule, text);
	a->lines[a->n++] = line;
}

static void
report_invariant(void *ctx, const char *dn, const struct tn_verdict *v)
{
	audit_add(ctx, "invariant", dn, v->rule, v->text);
}

static void
report_conflict(void *ctx, const char *loser, const char *rule, const char *key, const char *winner)
{
	char *text;
	size_t len = strlen(key) + strlen(winner) + 64;

	if ((text = malloc(len)) == NULL) {
		((struct audit *)ctx)->oom = 1;
		return;
	}
	snprintf(text, len, "%s is claimed earlier by %s", key, winner);
	audit_add(ctx, "conflict", loser, rule, text);
	free(text);
}

static int
cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is line i an invariant finding that a conflict already says (the same
 * entry, the same rule)?  The conflict names the winner: it is the one
 * kept.  Lines are sorted, so "conflict" ones come first. */
static int
said_by_conflict(const struct audit *a, size_t i)
{
	const char *l = a->lines[i], *dn = strchr(l, '\t'), *end;
	size_t j, len;

	if (strncmp(l, "invariant\t", 10) != 0 || dn == NULL ||
	        (end = strchr(dn + 1, '\t')) == NULL || (end = strchr(end + 1, '\t')) == NULL)
		return 0;
	len = (size_t)(end - dn); /* "\tDN\tRULE" */
	for (j = 0; j < a->n; j++)
		if (strncmp(a->lines[j], "conflict\t", 9) == 0 &&
		        strncmp(a->lines[j] + 8, dn, len) == 0 && a->lines[j][8 + len] == '\t')
			return 1;
	return 0;
}

static void
audit_print(const struct audit *a, int json)
{
	size_t i;

	if (json)
		printf("[");
	for (i = 0; i < a->n; i++) {
		char *f[4], *p = a->lines[i];
		int k;
		for (k = 0; k < 4; k++) {
			f[k] = p;
			if (k < 3 && (p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
			else if (k < 3)
				p = "";
		}
		if (!json) {
			/* An invariant's text already reads "<rule>: <entry>: ...". */
			if (strcmp(f[0], "invariant") == 0)
				printf("%s: %s\n", f[0], f[3]);
			else
				printf("%s: %s: %s: %s\n", f[0], f[2], f[1], f[3]);
			continue;
		}
		printf("%s\n  {\"kind\": ", i ? "," : "");
		json_string(stdout, f[0], strlen(f[0]));
		printf(", \"dn\": ");
		json_string(stdout, f[1], strlen(f[1]));
		printf(", \"rule\": ");
		json_string(stdout, f[2], strlen(f[2]));
		printf(", \"text\": ");
		json_string(stdout, f[3], strlen(f[3]));
		printf("}");
	}
	if (json)
		printf("%s]\n", a->n ? "\n" : "");
}

enum { OPT_JSON = 256, OPT_CONFIG, OPT_HELP };

static const struct option audit_options[] = {
        {"json", no_argument, NULL, OPT_JSON},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
};

static void
audit_usage(FILE *f)
{
	fprintf(f,
	        "Usage: tenancy audit [--json] [--config FILE] [-f FILE]... [LDAP options]\n\n"
	        "Judge a whole live directory: every broken invariant and every\n"
	        "replication conflict (an address or domain name claimed twice: the\n"
	        "earlier entryCSN wins, the loser answers to nothing).\n\n"
	        "  -f FILE              judge an LDIF file (slapcat output) instead\n"
	        "  --config FILE        the overlay's settings from slapd.conf, cn=config\n"
	        "                       LDIF or the slapd.d directory\n"
	        "  --json               the findings as a JSON array\n\n%s\n"
	        "Exit status: 0 nothing found, 1 findings, 2 usage or connection errors.\n",
	        conn_help);
}

int
cmd_audit(int argc, char **argv)
{
	struct conn_opts co;
	struct audit a;
	struct tn_model *m;
	const char *config = NULL;
	char **files, **dropped = NULL;
	size_t nfiles = 0, i, ndropped = 0;
	int c, json = 0, rc = EXIT_OK;

	memset(&co, 0, sizeof co);
	memset(&a, 0, sizeof a);
	if ((files = calloc((size_t)argc, sizeof *files)) == NULL) {
		warnx_("out of memory");
		return EXIT_USAGE;
	}
	optind = 0;
	while ((c = getopt_long(argc, argv, CONN_SHORTOPTS "f:", audit_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			files[nfiles++] = optarg;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_HELP:
			audit_usage(stdout);
			free(files);
			return EXIT_OK;
		default:
			if (conn_option(&co, c, optarg) == 0)
				break;
			audit_usage(stderr);
			free(files);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		audit_usage(stderr);
		free(files);
		return EXIT_USAGE;
	}
	if ((m = tn_model_new()) == NULL) {
		warnx_("out of memory");
		free(files);
		return EXIT_USAGE;
	}
	if (config != NULL)
		rc = config_read(m, NULL, config);
	for (i = 0; rc == EXIT_OK && i < nfiles; i++)
		rc = source_load_file(m, files[i]);
	if (rc == EXIT_OK && nfiles == 0) {
		LDAP *ld = conn_open(&co);
		rc = ld ? source_load_ldap(m, ld, &co) : EXIT_USAGE;
		conn_close(ld);
	}
	if (rc == EXIT_OK) {
		tn_check_model(m, report_invariant, &a);
		tn_conflicts(m, report_conflict, &a);
		if (!a.oom && a.n && (dropped = calloc(a.n, sizeof(*dropped))) == NULL)
			a.oom = 1;
		if (a.oom) {
			warnx_("out of memory");
			rc = EXIT_USAGE;
		} else {
			size_t k;
			qsort(a.lines, a.n, sizeof(*a.lines), cmp_line);
			for (i = 0, k = 0; i < a.n; i++) {
				if (said_by_conflict(&a, i))
					dropped[ndropped++] = a.lines[i];
				else
					a.lines[k++] = a.lines[i];
			}
			a.n = k;
			audit_print(&a, json);
			rc = a.n ? EXIT_DENIED : EXIT_OK;
		}
	}
	for (i = 0; i < a.n; i++)
		free(a.lines[i]);
	for (i = 0; i < ndropped; i++)
		free(dropped[i]);
	free(dropped);
	free(a.lines);
	tn_model_free(m);
	free(files);
	return rc;
}
