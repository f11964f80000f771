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
 * lint.c - tenancy lint: the engine over LDIF files, offline.
 *
 * Usage: tenancy lint [--unordered] [--against URI]... [-f FILE]... [--as DN]
 *        [--operator DN]... [--login-attribute A] [--explain] [--json] FILE.ldif...
 *
 * Ordered input (the default): each record is judged in turn as the
 * directory's administrator would write it (the rootdn, like slapadd; or
 * --as DN), and applied to the model when allowed, so later records see
 * earlier ones.  A refused record prints one line
 *
 *	FILE:LINE: DN: RULE: TEXT
 *
 * and the run goes on; with --explain, the engine's evidence follows it,
 * one entry a line, indented.  Unordered input (--unordered, or a file whose first
 * record carries entryUUID, entryCSN or structuralObjectClass: slapcat
 * output) is loaded whole, then checked for references left dangling.
 * --against URI first loads the live directory's tenancy entries, and
 * -f FILE an LDIF file's, unjudged, so a change file is judged against what
 * is there (with --as, as a delegated administrator would be).
 *
 * The schema: the live directory's with --against, the definitions of
 * --config and --schema when given; otherwise the local slapd's own
 * configuration when it is readable (/etc/ldap/slapd.d, then slapd.conf),
 * else the installed schema files (core, cosine, inetorgperson, nis when
 * there, tenancy).  The source is named on stderr; with none, lint stops
 * (exit 2) rather than pass entries slapadd would refuse.  The environment's
 * TENANCY_SLAPD_CONFIG and TENANCY_SCHEMA_DIR (colon-separated) replace
 * the places looked at.
 *
 * Exit: 0 no finding, 1 findings, 2 usage, connection or I/O errors.
 * Memory is the model's: records are streamed, never kept.
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

/* Where slapd's configuration is on Debian, and where schema files are. */
#define DEFAULT_SLAPD_CONFIG "/etc/ldap/slapd.d:/etc/ldap/slapd.conf"
#ifndef TENANCY_SCHEMADIR
#define TENANCY_SCHEMADIR "/etc/ldap/schema"
#endif
#define DEFAULT_SCHEMA_DIRS TENANCY_SCHEMADIR ":/etc/ldap/schema"

struct lint {
	struct tn_model *m;
	struct tn_actor actor;
	unsigned long findings;
	const char *unordered_path; /* unordered input not yet checked */
	struct strtab where;        /* of the unordered entries */
	struct schema *schema;      /* LDAP schema checks when definitions are known */
	int no_schema;
	/* Types dn_plain() found the schema spells as written (a few names
	 * make nearly every DN). */
	char plain_types[8][32];
	int json;
	int explain; /* --explain: each finding's evidence under it */
	int fatal;
	struct progress *bar; /* the file being read, if any */
};

static void
lint_usage(FILE *f)
{
	fprintf(f,
	        "Usage: tenancy lint [OPTIONS] FILE.ldif...\n\n"
	        "Check LDIF content and change records against every invariant,\n"
	        "as the overlay would, one finding per line: FILE:LINE: DN: RULE: TEXT\n\n"
	        "  --unordered          load every entry first, then check every invariant\n"
	        "                       (automatic for slapcat output)\n"
	        "  --against URI        judge the files against a live directory's\n"
	        "                       entries (repeatable; LDAP options below apply)\n"
	        "  -f FILE              load FILE first, unjudged, as the directory's\n"
	        "                       present content (repeatable)\n"
	        "  --as DN              judge as this actor instead of the administrator\n"
	        "  --operator DN        a tenancy-operator (repeatable)\n"
	        "  --login-attribute A  the attribute holding login names (default mail)\n"
	        "  --domains BASE       where tenancyDomain entries live (tenancy-domains)\n"
	        "  --roles BASE         where tenancyRole entries live (tenancy-roles)\n"
	        "  --config FILE        the overlay's settings and the schema from\n"
	        "                       slapd.conf (and its includes), cn=config LDIF,\n"
	        "                       or the slapd.d directory\n"
	        "  --schema FILE        schema definitions (.schema, or LDIF) to check\n"
	        "                       entries against, as slapd does (repeatable)\n"
	        "  --no-schema          no schema checks; otherwise the schema is the\n"
	        "                       server's with --against, that of --config or\n"
	        "                       --schema, else the local slapd's configuration\n"
	        "                       (/etc/ldap/slapd.d or slapd.conf) when readable,\n"
	        "                       else the installed schema files: lint says which\n"
	        "  --explain            under each finding, the entries that decided it\n"
	        "  --json               the findings as a JSON array\n"
	        "  --help               this text\n\n%s\n"
	        "Exit status: 0 no finding, 1 findings, 2 usage or connection errors.\n",
	        conn_help);
}

/*
 * One finding: FILE:LINE: DN: RULE: WHAT, and with --explain the engine's
 * evidence (NULL: none) under it, indented.  With --json, one object per
 * finding in an array, the evidence as an array of lines.
 */
static void
finding_explained(struct lint *l, const char *path, unsigned long line, const char *dn,
        const char *rule, const char *what, const char *explain)
{
	dn = dn ? dn : "";
	rule = rule ? rule : "error";
	what = what ? what : "";
	l->findings++;
	/* Never over the progress bar: erase it, the next record redraws it. */
	progress_clear(l->bar);
	if (l->bar != NULL)
		l->bar->findings++;
	if (l->json) {
		fputs(l->findings > 1 ? ",\n {\"file\": " : "\n {\"file\": ", stdout);
		json_cstring(stdout, path);
		if (line > 0)
			printf(", \"line\": %lu, \"dn\": ", line);
		else
			fputs(", \"line\": null, \"dn\": ", stdout);
		json_cstring(stdout, dn);
		fputs(", \"rule\": ", stdout);
		json_cstring(stdout, rule);
		fputs(", \"text\": ", stdout);
		json_cstring(stdout, what);
		if (l->explain) {
			fputs(", \"explain\": ", stdout);
			json_lines(stdout, explain);
		}
		fputc('}', stdout);
	} else {
		if (line > 0)
			printf("%s:%lu: %s: %s: %s\n", path, line, dn, rule, what);
		else
			printf("%s: %s: %s: %s\n", path, dn, rule, what);
		if (l->explain)
			print_explain(stdout, explain, NULL);
	}
	if (l->bar != NULL)
		fflush(stdout);
}

/* A finding of lint's own (LDIF, schema, DN syntax): no evidence. */
static void
finding(struct lint *l, const char *path, unsigned long line, const char *dn, const char *rule,
        const char *what)
{
	finding_explained(l, path, line, dn, rule, what, NULL);
}

/*
 * A refusal of the engine as a finding about `dn`: its rule, and its
 * message, after the entry it is about when that is another one.
 */
static void
finding_verdict(struct lint *l, const char *path, unsigned long line, const char *dn,
        const struct tn_verdict *v)
{
	char *what = NULL;

	if (v->entry != NULL && v->message != NULL && strcmp(v->entry, dn ? dn : "") != 0 &&
	        (what = malloc(strlen(v->entry) + strlen(v->message) + 3)) != NULL)
		sprintf(what, "%s: %s", v->entry, v->message);
	finding_explained(l, path, line, dn, v->rule, what ? what : v->message, v->explain);
	free(what);
}

static void
report_model(void *ctx, const char *dn, const struct tn_verdict *v)
{
	struct lint *l = ctx;
	const char *path = l->unordered_path, *spelled = dn;
	unsigned long line = 0;

	dnlines_get(&l->where, dn, &spelled, &path, &line);
	finding_verdict(l, path, line, spelled, v);
}

/* Every invariant, once unordered input has all been loaded. */
static void
check_unordered(struct lint *l)
{
	if (l->unordered_path == NULL)
		return;
	if (l->explain)
		tn_check_model_explained(l->m, report_model, l);
	else
		tn_check_model(l->m, report_model, l);
	l->unordered_path = NULL;
	dnlines_free(&l->where);
}

struct schema_finding {
	struct lint *l;
	const char *path;
	const struct ldif_rec *rec;
};

static void
report_schema(void *ctx, const char *dn, const char *what)
{
	struct schema_finding *f = ctx;

	(void)dn; /* the record's */
	finding(f->l, f->path, f->rec->line, f->rec->change.dn, "schema", what);
}

/* slapd's own schema checks; returns the number of findings. */
static size_t
check_schema(struct lint *l, const char *path, const struct ldif_rec *rec)
{
	struct schema_finding f = {l, path, rec};

	if (l->no_schema)
		return 0;
	return schema_check(l->schema, &rec->change, report_schema, &f);
}

/* Names rewritten for one record, freed once it is judged. */
struct names {
	char **v;
	size_t n;
};

static void
names_free(struct names *ns)
{
	while (ns->n > 0)
		free(ns->v[--ns->n]);
	free(ns->v);
	ns->v = NULL;
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9'                     ? c - '0'
	       : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
	                                                : -1;
}

/* Has dn_plain() already found `type` (t bytes) spelled as the schema
 * spells it? */
static int
plain_type_known(const struct lint *l, const char *type, size_t t)
{
	size_t i;

	for (i = 0; i < sizeof l->plain_types / sizeof l->plain_types[0]; i++)
		if (memcmp(l->plain_types[i], type, t + 1) == 0)
			return 1;
	return 0;
}

/* Remember it, in the first free place (none left: not remembered). */
static void
plain_type_learn(struct lint *l, const char *type, size_t t)
{
	size_t i;

	if (t + 1 > sizeof l->plain_types[0])
		return;
	for (i = 0; i < sizeof l->plain_types / sizeof l->plain_types[0]; i++) {
		if (l->plain_types[i][0] == '\0') {
			memcpy(l->plain_types[i], type, t + 1);
			return;
		}
	}
}

/*
 * Is the DN written the plain way nearly every DN is: RDNs of one
 * "type=value" each, the type a name (a letter, then letters, digits and
 * hyphens) that the schema, if any, spells the same, ignoring case, and
 * the value of letters, digits and ". - _ @" only?  Such a DN holds nothing
 * dn_unprovable() looks for and nothing respell_dn() rewrites, so both
 * answer it without libldap's parse, which was most of lint's time.  Any
 * other DN (escapes, blanks, '+', OIDs, a type the schema names
 * otherwise, anything libldap might read differently) takes their long
 * way.
 */
static int
dn_plain(struct lint *l, const char *dn, size_t len)
{
	size_t i = 0;

	if (len == 0)
		return 0;
	while (i < len) {
		char type[64];
		size_t t = 0;

		if (!((dn[i] >= 'a' && dn[i] <= 'z') || (dn[i] >= 'A' && dn[i] <= 'Z')))
			return 0;
		for (; i < len && dn[i] != '='; i++) {
			char c = dn[i];
			if (t + 1 == sizeof type ||
			        !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			                (c >= '0' && c <= '9') || c == '-'))
				return 0;
			type[t++] = c;
		}
		if (i == len)
			return 0;
		type[t] = '\0';
		if (l != NULL && !l->no_schema && !plain_type_known(l, type, t)) {
			const char *name;

			if ((name = schema_type_name(l->schema, type)) != NULL &&
			        strcasecmp(name, type) != 0)
				return 0; /* renamed: the long way */
			plain_type_learn(l, type, t);
		}
		for (i++; i < len && dn[i] != ','; i++) {
			char c = dn[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			            (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
			            c == '@'))
				return 0;
		}
		if (i < len && ++i == len)
			return 0; /* a trailing ',' */
	}
	return 1;
}

/*
 * What in a DN lint cannot compare as slapd does, or NULL: a byte above
 * 0x7f (raw or as a hex escape), which slapd compares after Unicode
 * normalisation; or, in a value, a blank at either end (escaped) or two in
 * a row, which slapd's matching rules ignore or fold for most attributes
 * and not for others.
 */
static const char *
dn_unprovable(const char *dn, size_t len)
{
	static const char *const beyond = "characters beyond ASCII, which slapd compares "
	                                  "after Unicode normalisation";
	LDAPDN parsed = NULL;
	const char *why = NULL;
	char *z;
	size_t i;

	if (dn_plain(NULL, dn, len))
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)dn[i];

		if (c >= 0x80)
			return beyond;
		if (c == '\\' && i + 2 < len && hexval(dn[i + 1]) >= 0 && hexval(dn[i + 2]) >= 0) {
			if (hexval(dn[i + 1]) >= 8)
				return beyond;
			i += 2;
		} else if (c == '\\') {
			i++;
		}
	}
	if (memchr(dn, '\0', len) || (z = strndup(dn, len)) == NULL)
		return NULL; /* the engine refuses it, or memory ran out */
	if (ldap_str2dn(z, &parsed, LDAP_DN_FORMAT_LDAPV3) == LDAP_SUCCESS) {
		for (i = 0; why == NULL && parsed != NULL && parsed[i] != NULL; i++) {
			size_t j;
			for (j = 0; why == NULL && parsed[i][j] != NULL; j++) {
				const struct berval *v = &parsed[i][j]->la_value;
				size_t k;

				if (parsed[i][j]->la_flags & LDAP_AVA_BINARY || v->bv_len == 0)
					continue;
				if (v->bv_val[0] == ' ' || v->bv_val[v->bv_len - 1] == ' ')
					why = "a value with a blank at an end, which slapd's "
					      "matching ignores";
				for (k = 0; why == NULL && k + 1 < v->bv_len; k++)
					if (v->bv_val[k] == ' ' && v->bv_val[k + 1] == ' ')
						why = "a value with blanks in a row, which slapd's "
						      "matching folds";
			}
		}
		ldap_dnfree(parsed);
	}
	free(z);
	return why;
}

/* An attribute's name as the engine knows it (see schema_engine_name). */
static int
rename_attr(struct lint *l, struct names *ns, const char **name)
{
	char buf[512], **v;
	const char *n;

	if (l->no_schema || *name == NULL)
		return 0;
	n = schema_engine_name(l->schema, *name, buf, sizeof buf);
	if (n == *name)
		return 0;
	if (n == buf) {
		if ((n = strdup(buf)) == NULL)
			return -1;
		if ((v = realloc(ns->v, (ns->n + 1) * sizeof *v)) == NULL) {
			free((char *)n);
			return -1;
		}
		ns->v = v;
		ns->v[ns->n++] = (char *)n;
	}
	*name = n;
	return 0;
}

static int attr_is_dn(struct lint *l, const char *name);

static int
names_keep(struct names *ns, char *s)
{
	char **v = realloc(ns->v, (ns->n + 1) * sizeof *v);

	if (v == NULL) {
		free(s);
		return -1;
	}
	ns->v = v;
	ns->v[ns->n++] = s;
	return 0;
}

/*
 * A DN with its attribute types named as slapd names them in its normal
 * form (the schema's first name: "userid" and 0.9.2342.19200300.100.1.1
 * are uid), the values written with escapes the engine reads.  *dn is
 * replaced (the new string kept in ns) only when a type was renamed; a DN
 * libldap cannot parse is left for the engine to refuse.  0, or -1 out of
 * memory.
 */
static int
respell_dn(struct lint *l, struct names *ns, const char **dn, size_t *len)
{
	static const char hex[] = "0123456789abcdef";
	LDAPDN parsed = NULL;
	char *out;
	size_t cap, k = 0, i, j, b;
	int renamed = 0;

	if (l->no_schema || *dn == NULL || **dn == '\0' || dn_plain(l, *dn, strlen(*dn)) ||
	        ldap_str2dn(*dn, &parsed, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
		return 0;
	cap = 3 * strlen(*dn) + 64;
	for (i = 0; parsed[i] != NULL; i++)
		for (j = 0; parsed[i][j] != NULL; j++)
			cap += 64;
	if ((out = malloc(cap)) == NULL) {
		ldap_dnfree(parsed);
		return -1;
	}
	for (i = 0; parsed[i] != NULL; i++) {
		for (j = 0; parsed[i][j] != NULL; j++) {
			LDAPAVA *ava = parsed[i][j];
			const char *type = ava->la_attr.bv_val;
			const char *name = schema_type_name(l->schema, type);

			if (ava->la_flags & LDAP_AVA_BINARY)
				goto keep; /* #BER values: as written */
			if (name != NULL && strcasecmp(name, type) != 0) {
				renamed = 1;
				type = name;
			}
			if (k + strlen(type) + 3 * ava->la_value.bv_len + 3 >= cap)
				goto keep;
			if (i || j)
				out[k++] = j ? '+' : ',';
			memcpy(out + k, type, strlen(type));
			k += strlen(type);
			out[k++] = '=';
			for (b = 0; b < ava->la_value.bv_len; b++) {
				unsigned char c = (unsigned char)ava->la_value.bv_val[b];

				if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				        (c >= '0' && c <= '9') || c == '.' || c == '-' ||
				        c == '@') {
					out[k++] = (char)c;
				} else {
					out[k++] = '\\';
					out[k++] = hex[c >> 4];
					out[k++] = hex[c & 15];
				}
			}
		}
	}
	out[k] = '\0';
	ldap_dnfree(parsed);
	if (!renamed) {
		free(out);
		return 0;
	}
	*dn = out;
	if (len != NULL)
		*len = k;
	return names_keep(ns, out);
keep:
	free(out);
	ldap_dnfree(parsed);
	return 0;
}

/* The DN-valued values of an attribute, respelled (see respell_dn). */
static int
respell_values(struct lint *l, struct names *ns, struct tn_attr *a)
{
	size_t i;

	if (!attr_is_dn(l, a->name))
		return 0;
	for (i = 0; i < a->nvals; i++) {
		struct tn_value *v = (struct tn_value *)&a->vals[i];
		const char *s = v->val;
		char *z;

		if (memchr(v->val, '\0', v->len) || (z = strndup(v->val, v->len)) == NULL) {
			if (memchr(v->val, '\0', v->len))
				continue;
			return -1;
		}
		s = z;
		if (respell_dn(l, ns, &s, &v->len) < 0) {
			free(z);
			return -1;
		}
		if (s != z)
			v->val = s;
		free(z);
	}
	return 0;
}

/* Is this attribute's value a DN?  By the schema when it knows the type,
 * else by whether the engine reads the attribute as a reference or not
 * (the others it reads are no DNs but are ASCII by their own rules). */
static int
attr_is_dn(struct lint *l, const char *name)
{
	int dn = l->no_schema ? -1 : schema_is_dn(l->schema, name);

	return dn >= 0 ? dn : tn_attr_subtype_name(name) != NULL;
}

/* The first DN value of an attribute lint cannot compare (dn_unprovable);
 * *attr gets the attribute's name. */
static const char *
unprovable_values(struct lint *l, const struct tn_attr *a, const char **attr)
{
	size_t i;

	if (!attr_is_dn(l, a->name))
		return NULL;
	for (i = 0; i < a->nvals; i++) {
		const char *why;
		if ((why = dn_unprovable(a->vals[i].val, a->vals[i].len)) != NULL) {
			*attr = a->name;
			return why;
		}
	}
	return NULL;
}

/*
 * DESIGN §5a.1 and §5a.3 for records read offline.  slapd knows an entry
 * by its normalised DN, which folds case and Unicode compatibility forms
 * beyond ASCII and, for most attributes, blanks; lint reproduces ASCII's
 * rules (the engine's canonical form) and refuses a DN or DN value it
 * cannot prove equal or distinct to another (dn_unprovable).  Attribute names are put as
 * the overlay hands them over.  Returns 1 when the record was refused (a
 * finding), 0 to judge it, -1 out of memory.
 */
static int
lint_identity(struct lint *l, const char *path, struct ldif_rec *rec, struct names *ns)
{
	struct tn_change *c = &rec->change;
	const char *what = NULL, *why = NULL;
	size_t i;

	if (c->dn && (why = dn_unprovable(c->dn, strlen(c->dn))) != NULL)
		what = "the DN";
	else if (c->newrdn && (why = dn_unprovable(c->newrdn, strlen(c->newrdn))) != NULL)
		what = "the new RDN";
	else if (c->newsup && (why = dn_unprovable(c->newsup, strlen(c->newsup))) != NULL)
		what = "the new superior";
	for (i = 0; what == NULL && c->kind == TN_ADD && i < rec->entry.nattrs; i++)
		why = unprovable_values(l, &rec->entry.attrs[i], &what);
	for (i = 0; what == NULL && c->kind == TN_MODIFY && i < c->nmods; i++)
		why = unprovable_values(l, &c->mods[i].attr, &what);
	if (what != NULL) {
		char *text = malloc(strlen(what) + strlen(why) + 100);

		if (text == NULL)
			return -1;
		sprintf(text,
		        "%s holds %s, and lint cannot compare it as slapd does; "
		        "the overlay judges it when written online",
		        what, why);
		finding(l, path, rec->line, c->dn, "dn", text);
		free(text);
		return 1;
	}
	/* Types by the names slapd's normal form uses: the identity, and
	 * the RDN values the engine adds from it. */
	if (respell_dn(l, ns, &c->dn, NULL) < 0 || respell_dn(l, ns, &c->newrdn, NULL) < 0 ||
	        respell_dn(l, ns, &c->newsup, NULL) < 0)
		return -1;
	if (c->kind == TN_ADD)
		rec->entry.dn = c->dn;
	for (i = 0; i < rec->entry.nattrs; i++)
		if (respell_values(l, ns, &rec->attrs[i]) < 0 ||
		        rename_attr(l, ns, &rec->attrs[i].name) < 0)
			return -1;
	for (i = 0; c->kind == TN_MODIFY && i < c->nmods; i++)
		if (respell_values(l, ns, &rec->mods[i].attr) < 0 ||
		        rename_attr(l, ns, &rec->mods[i].attr.name) < 0)
			return -1;
	return 0;
}

/*
 * Judge a record as slapd would: the overlay first (the engine), then the
 * backend's schema checks.  Accepted records change the model.
 */
static void
judge_record(struct lint *l, const char *path, const struct ldif_rec *rec)
{
	struct tn_pending *pending = NULL;
	struct tn_verdict v;
	int rc;

	tn_verdict_init(&v);
	v.want_explain = l->explain;
	/* The pending change holds the entry the engine read, with the
	 * status it must be stored with (DESIGN §5.8). */
	rc = tn_judge(l->m, &l->actor, &rec->change, &v, &pending);
	if (rc == 0 && v.code == TN_OK && check_schema(l, path, rec) > 0)
		tn_discard(pending); /* refused by the schema */
	else if (rc == 0 && v.code == TN_OK)
		rc = tn_commit(l->m, pending);
	else if (rc == 0)
		finding_verdict(l, path, rec->line, rec->change.dn, &v);
	if (rc != 0) {
		warnx_("out of memory");
		l->fatal = 1;
	}
	tn_verdict_clear(&v);
}

static void
lint_file(struct lint *l, const char *path, int unordered)
{
	struct ldif_reader *r = ldif_reader_open(path);
	struct progress bar;
	struct ldif_rec rec;
	int rc, first = 1;

	if (r == NULL) {
		l->fatal = 1;
		return;
	}
	progress_start(&bar, path, ldif_reader_size(r));
	bar.findings = l->findings;
	/* cppcheck-suppress autoVariables ; l->bar is set back to NULL before lint_file() returns */
	l->bar = &bar;
	while (!l->fatal && (rc = ldif_reader_next(r, &rec)) != 0) {
		struct names ns = {NULL, 0};
		int id;

		bar.records++;
		if (rc == -1) {
			unsigned long line;
			const char *why = ldif_reader_error(r, &line);

			finding(l, path, line, NULL, "ldif-syntax", why);
			continue;
		}
		if (rc < 0) {
			warnx_("%s: read error or out of memory", path);
			l->fatal = 1;
			break;
		}
		if (first && rec.had_operational)
			unordered = 1; /* slapcat output: entries in any order */
		first = 0;
		if ((id = lint_identity(l, path, &rec, &ns)) != 0) {
			names_free(&ns);
			ldif_rec_clear(&rec);
			if (id < 0) {
				warnx_("out of memory");
				l->fatal = 1;
			}
			continue;
		}
		if (!unordered) {
			check_unordered(l);
			judge_record(l, path, &rec);
		} else if (rec.change.kind != TN_ADD) {
			finding(l, path, rec.line, rec.change.dn, "lint-unordered",
			        "unordered input holds entries only, not changes");
		} else {
			l->unordered_path = path;
			check_schema(l, path, &rec);
			if (tn_model_load(l->m, &rec.entry) != 0 ||
			        dnlines_put(&l->where, rec.entry.dn, path, rec.line) != 0) {
				warnx_("out of memory");
				l->fatal = 1;
			}
		}
		ldif_rec_clear(&rec);
		names_free(&ns);
		progress_update(&bar, ldif_reader_pos(r));
	}
	progress_end(&bar);
	l->bar = NULL;
	ldif_reader_close(r);
}

/* Is `path` a slapd configuration we may read (slapd.d, or a file)? */
static int
config_readable(const char *path)
{
	char sub[PATH_MAX];

	if (access(path, R_OK) != 0)
		return 0;
	if (strlen(path) + sizeof "/cn=config.ldif" > sizeof sub)
		return 0;
	strcpy(sub, path);
	strcat(sub, "/cn=config.ldif");
	if (access(sub, F_OK) != 0)
		return access(path, X_OK) != 0; /* a file: slapd.conf */
	strcpy(sub + strlen(path), "/cn=config");
	return access(path, X_OK) == 0 && access(sub, R_OK | X_OK) == 0;
}

/* Find `name` in the colon-separated `dirs`; 0 with *out filled, or -1. */
static int
find_schema_file(const char *dirs, const char *name, char *out, size_t size)
{
	const char *p = dirs;

	while (*p != '\0') {
		const char *end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		if (end > p) {
			snprintf(out, size, "%.*s/%s", (int)(end - p), p, name);
			if (access(out, R_OK) == 0)
				return 0;
		}
		p = *end ? end + 1 : end;
	}
	return -1;
}

/*
 * No schema was named: the local slapd's, else the installed files.
 * Says which on stderr.  Returns an exit code.
 */
static int
default_schema(struct lint *l)
{
	static const char *const files[] = {"core.schema", "cosine.schema", "inetorgperson.schema",
	        "tenancy.schema", "nis.schema", NULL};
	const char *configs = getenv("TENANCY_SLAPD_CONFIG");
	const char *dirs = getenv("TENANCY_SCHEMA_DIR");
	char path[PATH_MAX], list[4 * PATH_MAX] = "";
	const char *p, *end;
	size_t i;

	if (configs == NULL)
		configs = DEFAULT_SLAPD_CONFIG;
	if (dirs == NULL)
		dirs = DEFAULT_SCHEMA_DIRS;
	for (p = configs; *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		snprintf(path, sizeof path, "%.*s", (int)(end - p), p);
		if (end == p || !config_readable(path))
			continue;
		if (config_read(NULL, l->schema, path) != EXIT_OK)
			return EXIT_USAGE;
		if (schema_empty(l->schema))
			continue;
		warnx_("lint: schema from slapd's configuration %s", path);
		return EXIT_OK;
	}
	for (i = 0; files[i] != NULL; i++) {
		if (find_schema_file(dirs, files[i], path, sizeof path) != 0) {
			if (strcmp(files[i], "nis.schema") == 0)
				continue; /* Debian's slapd loads it; not needed */
			warnx_("lint: no schema to check against: no readable slapd configuration "
			       "(%s), and no %s in %s; give --config FILE, --schema FILE, "
			       "--against URI, or --no-schema",
			        *configs ? configs : "none", files[i], dirs);
			return EXIT_USAGE;
		}
		if (config_read(NULL, l->schema, path) != EXIT_OK)
			return EXIT_USAGE;
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", *list ? ", " : "",
		        path);
	}
	warnx_("lint: schema from the installed schema files %s", list);
	return EXIT_OK;
}

static int
load_model(struct lint *l, struct conn_opts *co, char **uris, size_t n, char **files, size_t nfiles)
{
	size_t i;

	for (i = 0; i < nfiles; i++) {
		if (source_load_file(l->m, files[i]) != EXIT_OK)
			return EXIT_USAGE;
	}

	for (i = 0; i < n; i++) {
		LDAP *ld;
		int rc;

		co->uri = uris[i];
		ld = conn_open(co);
		if (ld == NULL)
			return EXIT_USAGE;
		rc = source_load_ldap(l->m, ld, co);
		/* The live directory's own schema is the one to check against. */
		if (rc == EXIT_OK && !l->no_schema)
			rc = schema_load_ldap(l->schema, ld);
		conn_close(ld);
		if (rc != EXIT_OK)
			return rc;
	}
	return EXIT_OK;
}

enum {
	OPT_UNORDERED = 256,
	OPT_AGAINST,
	OPT_AS,
	OPT_OPERATOR,
	OPT_LOGIN,
	OPT_DOMAINS,
	OPT_ROLES,
	OPT_CONFIG,
	OPT_SCHEMA,
	OPT_NO_SCHEMA,
	OPT_JSON,
	OPT_EXPLAIN,
	OPT_HELP
};

static const struct option lint_options[] = {
        {"unordered", no_argument, NULL, OPT_UNORDERED},
        {"against", required_argument, NULL, OPT_AGAINST},
        {"as", required_argument, NULL, OPT_AS},
        {"operator", required_argument, NULL, OPT_OPERATOR},
        {"login-attribute", required_argument, NULL, OPT_LOGIN},
        {"domains", required_argument, NULL, OPT_DOMAINS},
        {"roles", required_argument, NULL, OPT_ROLES},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"schema", required_argument, NULL, OPT_SCHEMA},
        {"no-schema", no_argument, NULL, OPT_NO_SCHEMA},
        {"json", no_argument, NULL, OPT_JSON},
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
};

int
cmd_lint(int argc, char **argv)
{
	struct conn_opts co = {0};
	struct lint l = {0};
	char **against = calloc((size_t)argc, sizeof *against);
	char **files = calloc((size_t)argc, sizeof *files);
	size_t nagainst = 0, nfiles = 0;
	int c, unordered = 0, status = EXIT_USAGE, cfg = 0, schema_named = 0;

	if (against == NULL || files == NULL || (l.m = tn_model_new()) == NULL ||
	        (l.schema = schema_new()) == NULL) {
		warnx_("out of memory");
		tn_model_free(l.m);
		free(against);
		free(files);
		return EXIT_USAGE;
	}
	optind = 0;
	while ((c = getopt_long(argc, argv, CONN_SHORTOPTS "f:", lint_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			files[nfiles++] = optarg;
			break;
		case OPT_UNORDERED:
			unordered = 1;
			break;
		case OPT_AGAINST:
			against[nagainst++] = optarg;
			break;
		case OPT_AS:
			l.actor.dn = optarg;
			break;
		case OPT_OPERATOR:
			cfg |= tn_config_add_operator(l.m, optarg);
			break;
		case OPT_LOGIN:
			cfg |= tn_config_set_login_attr(l.m, optarg);
			break;
		case OPT_DOMAINS:
			cfg |= tn_config_set_domains_base(l.m, optarg);
			break;
		case OPT_ROLES:
			cfg |= tn_config_set_roles_base(l.m, optarg);
			break;
		case OPT_JSON:
			l.json = 1;
			break;
		case OPT_EXPLAIN:
			l.explain = 1;
			break;
		case OPT_CONFIG:
			schema_named = 1;
			if (config_read(l.m, l.schema, optarg) != EXIT_OK)
				goto out;
			break;
		case OPT_SCHEMA:
			schema_named = 1;
			if (config_read(NULL, l.schema, optarg) != EXIT_OK)
				goto out;
			break;
		case OPT_NO_SCHEMA:
			l.no_schema = 1;
			break;
		case OPT_HELP:
			lint_usage(stdout);
			status = EXIT_OK;
			goto out;
		default:
			if (conn_option(&co, c, optarg) == 0)
				break;
			lint_usage(stderr);
			goto out;
		}
	}
	if (cfg != 0) {
		warnx_("out of memory");
		goto out;
	}
	if (optind >= argc) {
		warnx_("lint: no LDIF file given");
		lint_usage(stderr);
		goto out;
	}
	if (!schema_named && nagainst == 0 && !l.no_schema && default_schema(&l) != EXIT_OK)
		goto out;
	/* Like slapadd, the administrator: invariants only, unless --as. */
	l.actor.is_root = l.actor.dn == NULL;
	if (load_model(&l, &co, against, nagainst, files, nfiles) != EXIT_OK)
		goto out;
	if (l.json)
		fputc('[', stdout);
	for (; optind < argc && !l.fatal; optind++)
		lint_file(&l, argv[optind], unordered);
	if (!l.fatal)
		check_unordered(&l);
	if (l.json)
		fputs(l.findings ? "\n]\n" : "]\n", stdout);
	fflush(stdout);
	status = l.fatal ? EXIT_USAGE : l.findings ? EXIT_DENIED : EXIT_OK;
out:
	dnlines_free(&l.where);
	schema_free(l.schema);
	tn_model_free(l.m);
	free(against);
	free(files);
	return status;
}
