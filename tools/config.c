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
 * config.c - the overlay's settings and the schema, read from slapd's
 * configuration.
 *
 * `--config FILE` gives lint and the queries the settings the overlay runs
 * with (DESIGN §8), so that a directory laid out differently needs no
 * options repeated by hand, and gives lint the schema slapd checks entries
 * against.  FILE is either slapd.conf or LDIF from cn=config:
 *
 *   slapd.conf  tenancy-domains, tenancy-roles, tenancy-operator,
 *               tenancy-reader and tenancy-login-attribute lines; the
 *               attributetype and objectclass definitions, in the file or
 *               in the files it includes (continuation lines and double
 *               quotes as slapd reads them);
 *   LDIF        olcTenancy* attributes (the olcOverlay=...tenancy file of
 *               slapd.d, or slapcat -n0 output), olcAttributeTypes and
 *               olcObjectClasses (cn=schema entries), attributeTypes and
 *               objectClasses (a subschema subentry);
 *   a directory every .ldif file below it: slapd.d, the cn=config
 *               directory (Debian's default).
 *
 * Schema files (`lint --schema`) are read the same way.  Other directives
 * are ignored; settings of several tenancy overlays add up.  Returns an
 * exit code; prints what it could not read.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

struct conf {
	struct tn_model *m; /* or NULL: settings are not wanted */
	struct schema *s;   /* or NULL: schema definitions are not wanted */
	int depth;          /* of includes */
};

static int read_file(struct conf *c, const char *path);

/* An overlay setting (tn_directive_find); 0, 1 when `name` is none, -1 out
 * of memory.  The overlay's own settings (the spool) are read and left. */
static int
apply_setting(struct tn_model *m, const char *name, const char *value)
{
	const struct tn_directive *d = tn_directive_find(name);

	if (d == NULL || d->set == NULL)
		return 1;
	return m == NULL || d->set(m, value) == 0 ? 0 : -1;
}

/*
 * 1 attribute type, 2 object class, 0 neither: by slapd.conf directive, or
 * by LDIF attribute (where objectClass is just the entry's classes).
 */
static int
schema_kind(const char *name, int ldif)
{
	if (ldif ? strcasecmp(name, "olcAttributeTypes") == 0 ||
	                        strcasecmp(name, "attributeTypes") == 0
	         : strcasecmp(name, "attributetype") == 0)
		return 1;
	if (ldif ? strcasecmp(name, "olcObjectClasses") == 0 ||
	                        strcasecmp(name, "objectClasses") == 0
	         : strcasecmp(name, "objectclass") == 0)
		return 2;
	return 0;
}

static int
apply(struct conf *c, const char *name, const char *value, const char *where, int ldif)
{
	int kind = schema_kind(name, ldif);

	if (kind != 0)
		return c->s == NULL || schema_define(c->s, kind == 2, value, where) == 0 ? 0 : -1;
	return apply_setting(c->m, name, value) < 0 ? -1 : 0;
}

static int
read_ldif(struct conf *c, const char *path)
{
	struct ldif_reader *r = ldif_reader_open(path);
	struct ldif_rec rec;
	size_t i, j;
	int rc, status = EXIT_OK;

	if (r == NULL)
		return EXIT_USAGE;
	while (status == EXIT_OK && (rc = ldif_reader_next(r, &rec)) != 0) {
		if (rc == -1) {
			unsigned long line;
			const char *why = ldif_reader_error(r, &line);

			warnx_("%s:%lu: %s", path, line, why);
			status = EXIT_USAGE;
			break;
		}
		if (rc < 0) {
			warnx_("%s:%lu: cannot read the record", path, rec.line);
			status = EXIT_USAGE;
			break;
		}
		for (i = 0; rec.change.kind == TN_ADD && i < rec.entry.nattrs; i++) {
			const struct tn_attr *a = &rec.entry.attrs[i];

			for (j = 0; j < a->nvals; j++) {
				char *v = strndup(a->vals[j].val, a->vals[j].len);

				if (v == NULL || apply(c, a->name, v, path, 1) != 0)
					status = EXIT_USAGE;
				free(v);
			}
		}
		ldif_rec_clear(&rec);
	}
	ldif_reader_close(r);
	return status;
}

/* The next word of a slapd.conf line: quotes and backslashes as slapd's. */
static char *
next_word(char **p)
{
	char *s = *p, *out, *w;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return NULL;
	out = w = s;
	if (*s == '"') {
		for (s++; *s != '\0' && *s != '"'; s++) {
			if (*s == '\\' && s[1] != '\0')
				s++;
			*w++ = *s;
		}
		if (*s == '"')
			s++;
	} else {
		while (*s != '\0' && !isspace((unsigned char)*s))
			*w++ = *s++;
	}
	if (*s != '\0')
		s++;
	*w = '\0';
	*p = s;
	return out;
}

static int
apply_line(struct conf *c, char *line, const char *path, unsigned long n)
{
	char *p = line, *name = next_word(&p), where[512];
	const char *value;

	if (name == NULL || *name == '#')
		return EXIT_OK;
	snprintf(where, sizeof where, "%s:%lu", path, n);
	if (schema_kind(name, 0) != 0) {
		while (isspace((unsigned char)*p))
			p++;
		return apply(c, name, p, where, 0) == 0 ? EXIT_OK : EXIT_USAGE;
	}
	if (strcasecmp(name, "include") == 0) {
		if ((value = next_word(&p)) == NULL)
			return EXIT_OK;
		if (c->depth >= 16) {
			warnx_("%s: includes nest too deep", where);
			return EXIT_USAGE;
		}
		return read_file(c, value);
	}
	if (strncasecmp(name, "tenancy-", 8) != 0)
		return EXIT_OK;
	value = next_word(&p);
	if (value == NULL) {
		const struct tn_directive *d = tn_directive_find(name);

		if (d != NULL && d->set == NULL)
			return EXIT_OK;
		warnx_("%s: %s needs a value", where, name);
		return EXIT_USAGE;
	}
	return apply(c, name, value, where, 0) == 0 ? EXIT_OK : EXIT_USAGE;
}

static int
read_slapd_conf(struct conf *c, FILE *f, const char *path)
{
	char *line = NULL, *logical = NULL;
	size_t cap = 0, len = 0;
	unsigned long n = 0, start = 0;
	int status = EXIT_OK;

	/* A line that starts with white space continues the one before. */
	while (status == EXIT_OK && getline(&line, &cap, f) >= 0) {
		size_t l;
		char *p;

		n++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] != '\0' && !isspace((unsigned char)line[0])) {
			if (len > 0)
				status = apply_line(c, logical, path, start);
			len = 0;
			start = n;
		} else if (line[0] == '\0' || len == 0) {
			continue;
		}
		l = strlen(line);
		if ((p = realloc(logical, len + l + 2)) == NULL) {
			status = EXIT_USAGE;
			break;
		}
		logical = p;
		if (len > 0)
			logical[len++] = ' ';
		memcpy(logical + len, line, l + 1);
		len += l;
	}
	if (status == EXIT_OK && len > 0)
		status = apply_line(c, logical, path, start);
	free(line);
	free(logical);
	return status;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .ldif file below `path`, in name order (slapd.d's layout). */
static int
read_dir(struct conf *c, const char *path)
{
	DIR *d = opendir(path);
	const struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	int status = EXIT_OK;

	if (d == NULL) {
		warnx_("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	while ((e = readdir(d)) != NULL) {
		char **p;

		if (e->d_name[0] == '.')
			continue;
		if ((p = realloc(names, (n + 1) * sizeof *p)) == NULL ||
		        (p[n] = malloc(strlen(path) + strlen(e->d_name) + 2)) == NULL) {
			names = p ? p : names;
			status = EXIT_USAGE;
			break;
		}
		names = p;
		sprintf(names[n++], "%s/%s", path, e->d_name);
	}
	closedir(d);
	if (names != NULL)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n && status == EXIT_OK; i++) {
		struct stat st;
		size_t len = strlen(names[i]);

		if (stat(names[i], &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && c->depth < 16) {
			c->depth++;
			status = read_dir(c, names[i]);
			c->depth--;
		} else if (S_ISREG(st.st_mode) && len > 5 &&
		           strcmp(names[i] + len - 5, ".ldif") == 0) {
			status = read_ldif(c, names[i]);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return status;
}

static int
read_file(struct conf *c, const char *path)
{
	struct stat st;
	FILE *f;
	char first[4] = "";
	int ch, status;
	size_t i = 0;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return read_dir(c, path);
	if ((f = fopen(path, "r")) == NULL) {
		warnx_("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	/* LDIF when the first line that is not a comment starts with dn: */
	while ((ch = getc(f)) != EOF) {
		if (ch == '#') {
			while ((ch = getc(f)) != EOF && ch != '\n')
				;
			continue;
		}
		if (isspace(ch))
			continue;
		first[i++] = (char)ch;
		while (i < 3 && (ch = getc(f)) != EOF)
			first[i++] = (char)ch;
		break;
	}
	if (strncasecmp(first, "dn:", 3) == 0) {
		fclose(f);
		return read_ldif(c, path);
	}
	rewind(f);
	c->depth++;
	status = read_slapd_conf(c, f, path);
	c->depth--;
	fclose(f);
	return status;
}

int
config_read(struct tn_model *m, struct schema *s, const char *path)
{
	struct conf c = {m, s, 0};

	return read_file(&c, path);
}
