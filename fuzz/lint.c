/*
 * lint.c - libFuzzer target: the lint path, LDIF in, findings out.
 *
 * The input is LDIF, read by tools/ldif.c (libldap's own reader and
 * parser, as `tenancy lint` reads it) and judged record by record, each
 * accepted record applied, exactly as tools/lint.c does.  Records before a
 * line "# bind: DN" are judged as the administrator (the rootdn, like
 * slapadd); records after it as DN, so that seeds made of a scenario's
 * setup followed by one of its steps replay the step as its author.
 * Input whose first record carries entryUUID or entryCSN (slapcat output)
 * is loaded unordered and checked for dangling references, as lint does.
 * Afterwards every DN and address the input named is asked every question
 * the engine answers.
 *
 * Input holding ":<" is skipped: an LDIF value can name a URL to read
 * (file:///...), which libldap then opens, like ldapadd does.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <fcntl.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"

/* What tools/ldif.c needs from tools/main.c. */
const char *progname = "tenancy-fuzz";
void
warnx_(const char *fmt, ...)
{
	(void)fmt;
}

/* libldap reports unparsable records on stderr: the fuzzer would spend
 * its time printing them. */
static void
quiet(const char *msg)
{
	(void)msg;
}

#define MAX_NAMES 64

struct names {
	char *s[MAX_NAMES];
	size_t n;
};

static void
remember(struct names *nm, const char *s, size_t len)
{
	if (nm->n < MAX_NAMES && (nm->s[nm->n] = strndup(s, len)) != NULL)
		nm->n++;
}

static void
judge_record(struct tn_model *m, const struct tn_actor *actor, const struct ldif_rec *rec)
{
	struct tn_pending *pending = NULL;
	struct tn_verdict a;

	tn_verdict_init(&a);
	a.want_explain = 1; /* as lint --explain: the longer code */
	if (tn_judge(m, actor, &rec->change, &a, &pending) != 0)
		abort();
	fz_check_verdict(&a, 1);
	if (a.code == TN_OK) {
		/* As tools/lint.c: the pending change holds the status the
		 * entry is stored with. */
		tn_share_grants(m, &rec->change, fz_grant_sink, NULL);
		if (tn_commit(m, pending) != 0)
			abort();
	}
	tn_verdict_clear(&a);
}

static void
remember_rec(struct names *dns, struct names *addrs, const struct ldif_rec *rec)
{
	size_t i, j;

	if (rec->change.dn != NULL)
		remember(dns, rec->change.dn, strlen(rec->change.dn));
	if (rec->change.kind != TN_ADD)
		return;
	for (i = 0; i < rec->entry.nattrs; i++) {
		const struct tn_attr *at = &rec->entry.attrs[i];
		for (j = 0; j < at->nvals; j++) {
			if (strcasecmp(at->name, "mail") == 0 ||
			        strcasecmp(at->name, "tenancyMailAlias") == 0)
				remember(addrs, at->vals[j].val, at->vals[j].len);
		}
	}
}

/* libldap's parser also prints to stderr itself: silence it there only,
 * so that a sanitizer's report elsewhere still shows. */
static int
next_record(struct ldif_reader *r, struct ldif_rec *rec)
{
	static int saved = -1, null = -1;
	int rc;

	if (null < 0) {
		saved = dup(2);
		null = open("/dev/null", O_WRONLY);
	}
	if (null >= 0 && saved >= 0)
		dup2(null, 2);
	rc = ldif_reader_next(r, rec);
	if (null >= 0 && saved >= 0)
		dup2(saved, 2);
	return rc;
}

static int
has_empty_value(const struct ldif_rec *rec)
{
	const struct tn_attr *attrs = NULL;
	size_t n = 0, i, j;

	if (rec->change.kind == TN_ADD) {
		attrs = rec->entry.attrs;
		n = rec->entry.nattrs;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < attrs[i].nvals; j++)
			if (attrs[i].vals[j].len == 0)
				return 1;
	for (i = 0; rec->change.kind == TN_MODIFY && i < rec->change.nmods; i++)
		for (j = 0; j < rec->change.mods[i].attr.nvals; j++)
			if (rec->change.mods[i].attr.vals[j].len == 0)
				return 1;
	return 0;
}

/* A modrdn whose newSuperior is the entry or below it (fuzz/known.sh):
 * compared without case or blanks, which is enough to step around it. */
static int
moves_below_itself(const struct ldif_rec *rec)
{
	char a[512], b[512];
	size_t i, na = 0, nb = 0, la, lb;

	if (rec->change.kind != TN_RENAME || rec->change.newsup == NULL)
		return 0;
	for (i = 0; rec->change.dn[i] != '\0' && na + 1 < sizeof a; i++)
		if (rec->change.dn[i] != ' ')
			a[na++] = (char)tolower((unsigned char)rec->change.dn[i]);
	for (i = 0; rec->change.newsup[i] != '\0' && nb + 1 < sizeof b; i++)
		if (rec->change.newsup[i] != ' ')
			b[nb++] = (char)tolower((unsigned char)rec->change.newsup[i]);
	a[na] = b[nb] = '\0';
	la = na;
	lb = nb;
	return lb >= la && strcmp(b + lb - la, a) == 0 && (lb == la || b[lb - la - 1] == ',');
}

/* Lint one stretch of LDIF text as `actor`. */
static void
lint_text(struct tn_model *m, const struct tn_actor *actor, char *text, size_t len, int *unordered,
        int *first, struct names *dns, struct names *addrs)
{
	FILE *saved = stdin, *f;
	struct ldif_reader *r;
	struct ldif_rec rec;
	int rc;

	if (len == 0 || (f = fmemopen(text, len, "r")) == NULL)
		return;
	stdin = f; /* ldif_reader_open("-") wraps stdin */
	r = ldif_reader_open("-");
	stdin = saved;
	if (r == NULL) {
		fclose(f);
		return;
	}
	while ((rc = next_record(r, &rec)) != 0) {
		if (rc == -1)
			continue; /* a finding: "the record does not parse" */
		if (rc < 0)
			break;
		if ((fz_skip_empty() && has_empty_value(&rec)) ||
		        (fz_env_on("FUZZ_ALLOW_SELF_MOVE") && moves_below_itself(&rec))) {
			ldif_rec_clear(&rec);
			continue;
		}
		if (*first && rec.had_operational)
			*unordered = 1;
		*first = 0;
		remember_rec(dns, addrs, &rec);
		if (!*unordered)
			judge_record(m, actor, &rec);
		else if (rec.change.kind == TN_ADD && tn_model_load(m, &rec.entry) != 0)
			abort();
		ldif_rec_clear(&rec);
	}
	ldif_reader_close(r); /* closes f */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tn_actor root = {NULL, 1}, as = {NULL, 0};
	struct names dns = {{0}, 0}, addrs = {{0}, 0};
	struct tn_model *m;
	char *text, *bind, *dn_end;
	int unordered = 0, first = 1;
	size_t i, j;

	static int init;

	if (!init) {
		ber_set_option(NULL, LBER_OPT_LOG_PRINT_FN, (void *)quiet);
		init = 1;
	}
	if (size > 65536 || memmem(data, size, ":<", 2) != NULL)
		return 0;
	/* A line with an empty attribute description (": value") crashes
	 * libldap's own parser (fuzz/known.sh): step around it on request. */
	if (fz_env_on("FUZZ_SKIP_EMPTY_TYPE") &&
	        ((size > 0 && data[0] == ':') || memmem(data, size, "\n:", 2) != NULL))
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	m = tn_model_new();
	if (m == NULL)
		abort();
	bind = memmem(text, size, "\n# bind: ", 9);
	if (bind != NULL) {
		*bind = '\0';
		as.dn = bind + 9;
		dn_end = strchr(as.dn, '\n');
		if (dn_end != NULL)
			*dn_end = '\0';
	}
	lint_text(m, &root, text, strlen(text), &unordered, &first, &dns, &addrs);
	if (bind != NULL && dn_end != NULL)
		lint_text(m, &as, dn_end + 1, strlen(dn_end + 1), &unordered, &first, &dns, &addrs);
	tn_check_dangling(m, fz_report_sink, NULL);
	for (i = 0; i < dns.n; i++)
		fz_ask_all(m, dns.s[i], addrs.n ? addrs.s[i % addrs.n] : dns.s[i]);
	for (j = 0; j < addrs.n; j++)
		fz_ask_all(m, dns.n ? dns.s[j % dns.n] : "", addrs.s[j]);
	for (i = 0; i < dns.n; i++)
		free(dns.s[i]);
	for (j = 0; j < addrs.n; j++)
		free(addrs.s[j]);
	tn_model_free(m);
	free(text);
	return 0;
}
