/*
 * config.c - the overlay's own settings, read from its configuration.
 *
 * `--config FILE` gives lint and the queries the settings the overlay runs
 * with (DESIGN §8), so that a directory laid out differently needs no
 * options repeated by hand.  FILE is either slapd.conf (tenancy-domains,
 * tenancy-roles, tenancy-operator, tenancy-reader, tenancy-login-attribute
 * lines; continuation lines and double quotes as slapd reads them) or LDIF
 * from cn=config (olcTenancy* attributes: the olcOverlay=...tenancy file of
 * slapd.d, or slapcat -n0 output).  Other directives are ignored; settings
 * of several tenancy overlays add up.
 *
 * Returns an exit code; prints what it could not read.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

/* Apply one setting; 0, 1 when `name` is none of ours, -1 out of memory. */
static int
apply(struct tn_model *m, const char *name, const char *value)
{
	static const struct {
		const char *conf, *olc;
		int (*set)(struct tn_model *, const char *);
	} settings[] = {
	        {"tenancy-domains", "olcTenancyDomains", tn_config_set_domains_base},
	        {"tenancy-roles", "olcTenancyRoles", tn_config_set_roles_base},
	        {"tenancy-operator", "olcTenancyOperator", tn_config_add_operator},
	        {"tenancy-reader", "olcTenancyReader", tn_config_add_reader},
	        {"tenancy-login-attribute", "olcTenancyLoginAttribute", tn_config_set_login_attr},
	};
	size_t i;

	for (i = 0; i < sizeof settings / sizeof settings[0]; i++) {
		if (strcasecmp(name, settings[i].conf) == 0 ||
		        strcasecmp(name, settings[i].olc) == 0)
			return settings[i].set(m, value) ? -1 : 0;
	}
	return 1;
}

static int
read_ldif(struct tn_model *m, const char *path)
{
	struct ldif_reader *r = ldif_reader_open(path);
	struct ldif_rec rec;
	size_t i, j;
	int rc, status = EXIT_OK;

	if (r == NULL)
		return EXIT_USAGE;
	while (status == EXIT_OK && (rc = ldif_reader_next(r, &rec)) != 0) {
		if (rc < 0) {
			warnx_("%s:%lu: cannot read the record", path, rec.line);
			status = EXIT_USAGE;
			break;
		}
		for (i = 0; rec.change.kind == TN_ADD && i < rec.entry.nattrs; i++) {
			const struct tn_attr *a = &rec.entry.attrs[i];

			for (j = 0; j < a->nvals; j++) {
				char *v = strndup(a->vals[j].val, a->vals[j].len);

				if (v == NULL || apply(m, a->name, v) < 0)
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
apply_line(struct tn_model *m, char *line, const char *path, unsigned long n)
{
	char *p = line, *name = next_word(&p), *value;

	if (name == NULL || *name == '#' || strncasecmp(name, "tenancy-", 8) != 0)
		return EXIT_OK;
	value = next_word(&p);
	if (value == NULL) {
		if (strcasecmp(name, "tenancy-spool") == 0)
			return EXIT_OK;
		warnx_("%s:%lu: %s needs a value", path, n, name);
		return EXIT_USAGE;
	}
	return apply(m, name, value) < 0 ? EXIT_USAGE : EXIT_OK;
}

static int
read_slapd_conf(struct tn_model *m, FILE *f, const char *path)
{
	char *line = NULL, *logical = NULL;
	size_t cap = 0, len = 0;
	unsigned long n = 0, start = 0;
	ssize_t got;
	int status = EXIT_OK;

	/* A line that starts with white space continues the one before. */
	while (status == EXIT_OK && (got = getline(&line, &cap, f)) >= 0) {
		n++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] != '\0' && !isspace((unsigned char)line[0])) {
			if (logical != NULL)
				status = apply_line(m, logical, path, start);
			len = 0;
			start = n;
		} else if (line[0] == '\0' || len == 0) {
			continue;
		}
		{
			size_t l = strlen(line);
			char *p = realloc(logical, len + l + 2);

			if (p == NULL) {
				status = EXIT_USAGE;
				break;
			}
			logical = p;
			if (len > 0)
				logical[len++] = ' ';
			memcpy(logical + len, line, l + 1);
			len += l;
		}
	}
	if (status == EXIT_OK && logical != NULL && len > 0)
		status = apply_line(m, logical, path, start);
	free(line);
	free(logical);
	return status;
}

int
config_read(struct tn_model *m, const char *path)
{
	FILE *f = fopen(path, "r");
	char first[8] = "";
	int c, status;
	size_t i = 0;

	if (f == NULL) {
		warnx_("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	/* LDIF when the first line that is not a comment starts with dn: */
	while ((c = getc(f)) != EOF) {
		if (c == '#') {
			while ((c = getc(f)) != EOF && c != '\n')
				;
			continue;
		}
		if (isspace(c))
			continue;
		first[i++] = (char)c;
		while (i < 3 && (c = getc(f)) != EOF)
			first[i++] = (char)c;
		break;
	}
	if (strncasecmp(first, "dn:", 3) == 0) {
		fclose(f);
		return read_ldif(m, path);
	}
	rewind(f);
	status = read_slapd_conf(m, f, path);
	fclose(f);
	return status;
}
