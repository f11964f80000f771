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
 * ldif.c - LDIF records as engine changes.
 *
 * Reads LDIF with libldap's own reader (ldif_open, ldif_read_record) and
 * parser (ldap_parse_ldif_record), so that a file means here exactly what it
 * means to ldapadd and ldapmodify.  Each record becomes one tn_change: add
 * records (with or without "changetype: add") become TN_ADD with the whole
 * entry; modify, delete and modrdn/moddn records become TN_MODIFY, TN_DELETE
 * and TN_RENAME.  Operational attributes (entryUUID, entryCSN, timestamps,
 * structuralObjectClass...) and the engine's computed attributes are dropped:
 * the server maintains them, content does not carry them.
 *
 * One record is held at a time: the caller streams through the file.
 *
 * Diagnostics: ldif_reader_open() prints why a file cannot be opened;
 * ldif_reader_next() returns -1 for a record that does not parse, and
 * ldif_reader_error() says where and what was expected.
 */
#include <errno.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

#include <ldif.h> /* after <ldap.h>, which it needs */

struct ldif_reader {
	LDIFFP *fp;
	const char *path;
	unsigned long lineno; /* lines consumed so far */
	char *buf;
	int buflen;
	long size;
	char err[160]; /* why the last record did not parse */
	unsigned long errline;
};

struct name {
	const char *s;
	size_t len;
};

/* clang-format off */
#define NAME(s) { s, sizeof s - 1 }
/* clang-format on */

/* Maintained by the server, never part of an entry's content. */
static const struct name operational[] = {NAME("entryUUID"), NAME("entryCSN"), NAME("entryDN"),
        NAME("createTimestamp"), NAME("modifyTimestamp"), NAME("creatorsName"),
        NAME("modifiersName"), NAME("structuralObjectClass"), NAME("subschemaSubentry"),
        NAME("hasSubordinates"), NAME("numSubordinates"), NAME("contextCSN"), NAME("memberOf"),
        NAME("pwdChangedTime"), NAME("pwdAccountLockedTime"), NAME("pwdFailureTime"),
        NAME("pwdHistory"), NAME("pwdGraceUseTime"), NAME("pwdReset"), NAME("pwdPolicySubentry"),
        NAME("pwdLastSuccess"), NAME("authTimestamp"), {NULL, 0}};

/* The attributes by which slapcat output betrays itself. */
static const struct name slapcat_marks[] = {
        NAME("entryUUID"), NAME("entryCSN"), NAME("structuralObjectClass"), {NULL, 0}};

/* Lengths first: most names are nobody's, and this runs for every value. */
static int
in_list(const struct name *list, const char *name)
{
	size_t len = strlen(name);

	for (; list->s != NULL; list++) {
		if (list->len == len && strcasecmp(list->s, name) == 0)
			return 1;
	}
	return 0;
}

int
attr_is_operational(const char *name)
{
	return in_list(operational, name) || tn_is_computed(name);
}

int
attr_is_claim_date(const char *name)
{
	return strcasecmp(name, "entryCSN") == 0;
}

struct ldif_reader *
ldif_reader_open(const char *path)
{
	struct ldif_reader *r = calloc(1, sizeof *r);
	struct stat st;

	if (r == NULL) {
		warnx_("out of memory");
		return NULL;
	}
	r->path = path;
	if (strcmp(path, "-") == 0) {
		/* ldif_open() takes only a path: wrap stdin as it would. */
		r->fp = ber_memcalloc(1, sizeof *r->fp);
		if (r->fp != NULL)
			r->fp->fp = stdin;
	} else {
		r->fp = ldif_open(path, "r");
	}
	if (r->fp == NULL) {
		warnx_("%s: %s", path, strerror(errno));
		free(r);
		return NULL;
	}
	if (fstat(fileno(r->fp->fp), &st) == 0 && S_ISREG(st.st_mode))
		r->size = (long)st.st_size;
	return r;
}

void
ldif_reader_close(struct ldif_reader *r)
{
	if (r == NULL)
		return;
	ldif_close(r->fp);
	ber_memfree(r->buf);
	free(r);
}

const char *
ldif_reader_path(const struct ldif_reader *r)
{
	return r->path;
}

long
ldif_reader_pos(const struct ldif_reader *r)
{
	return ftell(r->fp->fp);
}

long
ldif_reader_size(const struct ldif_reader *r)
{
	return r->size;
}

/*
 * ldif_read_record() counts the lines it consumes, blank separators
 * included, and keeps leading comments in the record.  The record's first
 * line is found from its last: the separator that ended it was counted
 * unless the file ended there.
 */
static unsigned long
first_line(const struct ldif_reader *r, const char *buf)
{
	unsigned long n = 0, last;
	const char *p;

	for (p = buf; *p != '\0'; p++) {
		if (*p == '\n')
			n++;
	}
	if (p > buf && p[-1] != '\n')
		n++;
	last = feof(r->fp->fp) ? r->lineno : r->lineno - 1;
	last = last - n + 1;
	/* Skip comments (and their continuations) ahead of the dn: line. */
	for (p = buf; *p == '#' || (*p == ' ' && p > buf);) {
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
		last++;
	}
	return last;
}

static void
count_mods(LDAPMod **mods, size_t *nmods, size_t *nvals)
{
	size_t i;

	*nmods = *nvals = 0;
	for (i = 0; mods != NULL && mods[i] != NULL; i++) {
		(*nmods)++;
		*nvals += (size_t)ldap_count_values_len(mods[i]->mod_bvalues);
	}
}

/* Fill `a` from `mod`, taking value slots from *next. */
static void
attr_from_mod(struct tn_attr *a, const LDAPMod *mod, struct tn_value **next)
{
	size_t j;

	a->name = mod->mod_type;
	a->vals = *next;
	a->nvals = 0;
	for (j = 0; mod->mod_bvalues != NULL && mod->mod_bvalues[j] != NULL; j++) {
		(*next)[j].val = mod->mod_bvalues[j]->bv_val;
		(*next)[j].len = mod->mod_bvalues[j]->bv_len;
		a->nvals++;
	}
	*next += a->nvals;
}

static int
convert_add(struct ldif_rec *rec)
{
	LDAPMod **mods = rec->lr.lrop_mods;
	struct tn_value *next;
	size_t nmods, nvals, i, n = 0;

	count_mods(mods, &nmods, &nvals);
	rec->attrs = calloc(nmods ? nmods : 1, sizeof *rec->attrs);
	rec->vals = calloc(nvals ? nvals : 1, sizeof *rec->vals);
	if (rec->attrs == NULL || rec->vals == NULL)
		return -2;
	next = rec->vals;
	for (i = 0; i < nmods; i++) {
		if (in_list(slapcat_marks, mods[i]->mod_type))
			rec->had_operational = 1;
		if (attr_is_operational(mods[i]->mod_type) &&
		        !attr_is_claim_date(mods[i]->mod_type))
			continue;
		attr_from_mod(&rec->attrs[n++], mods[i], &next);
	}
	rec->entry.dn = rec->change.dn;
	rec->entry.attrs = rec->attrs;
	rec->entry.nattrs = n;
	rec->change.kind = TN_ADD;
	rec->change.entry = &rec->entry;
	return 1;
}

static int
convert_modify(struct ldif_rec *rec)
{
	LDAPMod **mods = rec->lr.lrop_mods;
	struct tn_value *next;
	size_t nmods, nvals, i, n = 0;

	count_mods(mods, &nmods, &nvals);
	rec->mods = calloc(nmods ? nmods : 1, sizeof *rec->mods);
	rec->vals = calloc(nvals ? nvals : 1, sizeof *rec->vals);
	if (rec->mods == NULL || rec->vals == NULL)
		return -2;
	next = rec->vals;
	for (i = 0; i < nmods; i++) {
		struct tn_mod *m = &rec->mods[n];

		if (attr_is_operational(mods[i]->mod_type))
			continue;
		switch (mods[i]->mod_op & ~LDAP_MOD_BVALUES) {
		case LDAP_MOD_ADD:
			m->op = TN_MOD_ADD;
			break;
		case LDAP_MOD_DELETE:
			m->op = TN_MOD_DELETE;
			break;
		case LDAP_MOD_REPLACE:
			m->op = TN_MOD_REPLACE;
			break;
		case LDAP_MOD_INCREMENT:
			m->op = TN_MOD_INCREMENT;
			break;
		default:
			return -1;
		}
		attr_from_mod(&m->attr, mods[i], &next);
		n++;
	}
	rec->change.kind = TN_MODIFY;
	rec->change.mods = rec->mods;
	rec->change.nmods = n;
	return 1;
}

static int
convert_rename(struct ldif_rec *rec)
{
	rec->change.kind = TN_RENAME;
	rec->change.newrdn = rec->lr.lrop_newrdn.bv_val;
	if (rec->lr.lrop_newsup.bv_val != NULL) {
		rec->newsup = strndup(rec->lr.lrop_newsup.bv_val, rec->lr.lrop_newsup.bv_len);
		if (rec->newsup == NULL)
			return -2;
	}
	rec->change.newsup = rec->newsup;
	rec->change.deleteoldrdn = rec->lr.lrop_delold;
	return 1;
}

/*
 * libldap's own parser (ldap_parse_ldif_record; ldapadd -n too) crashes on
 * some malformed lines, ": value" among them, and says nothing of what it
 * refuses.  Every line of a record that is neither a continuation, a
 * comment nor a "-" separator must start with an attribute description
 * (RFC 2849: letters, digits, '-', ';', '.') and a colon; a changetype must
 * be one RFC 2849 knows, and each change of a modify must start with add:,
 * delete:, replace: or increment:.  The first line that breaks one of these
 * is described in r->err, and its line in r->errline; 0 when none does.
 */
static int
find_bad_line(struct ldif_reader *r, const char *buf, unsigned long first)
{
	static const char *const changetypes[] = {
	        "add", "delete", "modify", "modrdn", "moddn", NULL};
	static const char *const modops[] = {"add", "delete", "replace", "increment", NULL};
	const char *p = buf;
	unsigned long idx = 0, skipped = 0;
	int modify = 0, change_start = 0, head = 1, i;

	while (p && *p) {
		const char *eol = p + strcspn(p, "\r\n"), *q = p;
		int len = (int)(eol - p) > 60 ? 60 : (int)(eol - p);
		int sep = *p == '-' && (eol == p + 1);

		if (head && (*p == '#' || (*p == ' ' && idx > 0)))
			skipped++;
		else
			head = 0;
		if (*p == ' ' || *p == '#' || p == eol)
			goto next;
		if (sep) {
			if (!modify) {
				snprintf(r->err, sizeof r->err,
				        "'-' separates the changes of a modify record only");
				goto bad;
			}
			change_start = 1;
			goto next;
		}
		while (isalnum((unsigned char)*q) || *q == '-' || *q == ';' || *q == '.')
			q++;
		if (q == p || *q != ':') {
			snprintf(r->err, sizeof r->err,
			        "expected \"attribute: value\", found \"%.*s\"", len, p);
			goto bad;
		}
		if (change_start) {
			for (i = 0; modops[i] != NULL; i++) {
				size_t n = strlen(modops[i]);

				if ((size_t)(q - p) == n && strncasecmp(p, modops[i], n) == 0)
					break;
			}
			if (modops[i] == NULL) {
				snprintf(r->err, sizeof r->err,
				        "expected add:, delete:, replace: or increment: to start "
				        "a change of the modify, found \"%.*s\"",
				        (int)(q - p) + 1, p);
				goto bad;
			}
			change_start = 0;
		}
		if ((size_t)(q - p) == 10 && strncasecmp(p, "changetype", 10) == 0) {
			const char *v = q + 1;
			size_t n;

			while (*v == ' ')
				v++;
			n = strcspn(v, " \r\n");
			for (i = 0; changetypes[i] != NULL; i++) {
				if (n == strlen(changetypes[i]) &&
				        strncasecmp(v, changetypes[i], n) == 0)
					break;
			}
			if (changetypes[i] == NULL) {
				snprintf(r->err, sizeof r->err,
				        "unknown changetype \"%.*s\" (expected add, delete, "
				        "modify, modrdn or moddn)",
				        n > 40 ? 40 : (int)n, v);
				goto bad;
			}
			modify = change_start = i == 2;
		}
	next:
		p = strchr(p, '\n');
		if (p)
			p++;
		idx++;
	}
	return 0;
bad:
	r->errline = first + idx - skipped;
	return 1;
}

const char *
ldif_reader_error(const struct ldif_reader *r, unsigned long *line)
{
	*line = r->errline;
	return r->err;
}

int
ldif_reader_next(struct ldif_reader *r, struct ldif_rec *rec)
{
	struct berval rbuf;
	int rc;

	do {
		memset(rec, 0, sizeof *rec);
		rc = ldif_read_record(r->fp, &r->lineno, &r->buf, &r->buflen);
		if (rc <= 0)
			return ferror(r->fp->fp) ? -2 : 0;
		rec->line = first_line(r, r->buf);
		rbuf.bv_val = r->buf;
		rbuf.bv_len = strlen(r->buf);
		if (find_bad_line(r, r->buf, rec->line))
			return -1;
		/* The parser writes into the buffer; it stays ours until the next read. */
		if (ldap_parse_ldif_record(&rbuf, rec->line, &rec->lr, progname,
		            LDIF_DEFAULT_ADD | LDIF_NO_CONTROLS) != 0) {
			ldap_ldif_record_done(&rec->lr);
			memset(&rec->lr, 0, sizeof rec->lr);
			snprintf(r->err, sizeof r->err,
			        "not an LDIF record (RFC 2849): a dn: line, then "
			        "\"attribute: value\" lines or a change");
			r->errline = rec->line;
			return -1;
		}
		/* No dn: a "version: 1" line alone; ldapmodify skips it too. */
		if (rec->lr.lr_dn.bv_val == NULL)
			ldap_ldif_record_done(&rec->lr);
	} while (rec->lr.lr_dn.bv_val == NULL);
	rec->change.dn = rec->lr.lr_dn.bv_val;
	switch (rec->lr.lr_op) {
	case LDAP_REQ_ADD:
		rc = convert_add(rec);
		break;
	case LDAP_REQ_MODIFY:
		rc = convert_modify(rec);
		break;
	case LDAP_REQ_DELETE:
		rec->change.kind = TN_DELETE;
		rc = 1;
		break;
	case LDAP_REQ_MODRDN:
		rc = convert_rename(rec);
		break;
	default:
		rc = -1;
		break; /* extended operations, compare */
	}
	if (rc != 1)
		ldif_rec_clear(rec);
	return rc;
}

void
ldif_rec_clear(struct ldif_rec *rec)
{
	unsigned long line = rec->line;

	ldap_ldif_record_done(&rec->lr);
	free(rec->attrs);
	free(rec->mods);
	free(rec->vals);
	free(rec->newsup);
	memset(rec, 0, sizeof *rec);
	rec->line = line;
}
