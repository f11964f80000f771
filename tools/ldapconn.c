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
 * ldapconn.c - connecting to a directory the way OpenLDAP's clients do.
 *
 * conn_option() takes -H URI, -x, -D DN, -w PW, -W, -y FILE, -Z[Z], -Y MECH and
 * -b BASE; conn_open() initialises libldap (NULL URI when -H is absent, so
 * ldap.conf's URI applies), runs StartTLS when asked and binds: simple bind
 * with -D, SASL (e.g. EXTERNAL over ldapi://) with -Y, anonymous otherwise.
 * conn_search() pages through a subtree search.
 *
 * Diagnostics: every failure is printed on stderr with libldap's message
 * and the server's own text; callers only map it to an exit code.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include <sasl/sasl.h>

#include "cli.h"

const char conn_help[] = "LDAP options (as in ldapsearch; ldap.conf is honoured):\n"
                         "  -H URI      server URI (default: ldap.conf's URI)\n"
                         "  -x          simple bind (the default unless -Y is given)\n"
                         "  -D DN       bind DN (simple bind)\n"
                         "  -w PW       bind password\n"
                         "  -W          prompt for the bind password\n"
                         "  -y FILE     read the bind password from FILE\n"
                         "  -Z          StartTLS; -ZZ requires it to succeed\n"
                         "  -Y MECH     SASL mechanism, e.g. EXTERNAL over ldapi://\n"
                         "  -b BASE     base DN (default: the server's naming context that\n"
                         "              holds ou=domains, else ldap.conf's BASE)\n";

int
conn_option(struct conn_opts *o, int opt, const char *arg)
{
	switch (opt) {
	case 'H':
		o->uri = arg;
		return 0;
	case 'x':
		if (o->mech != NULL) {
			warnx_("-x (simple bind) and -Y (SASL) exclude each other");
			return -1;
		}
		o->simple = 1;
		return 0;
	case 'D':
		o->binddn = arg;
		return 0;
	case 'w':
		o->passwd = arg;
		return 0;
	case 'W':
		o->prompt = 1;
		return 0;
	case 'y':
		o->pwfile = arg;
		return 0;
	case 'Z':
		o->starttls++;
		return 0;
	case 'Y':
		if (o->simple) {
			warnx_("-x (simple bind) and -Y (SASL) exclude each other");
			return -1;
		}
		o->mech = arg;
		return 0;
	case 'b':
		o->base = arg;
		return 0;
	default:
		return -1;
	}
}

/* Read the whole of FILE as the password, as ldapsearch -y does. */
static int
read_pwfile(const char *path, struct berval *pw)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n;

	if (f == NULL) {
		warnx_("%s: %s", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	pw->bv_val = malloc(n + 1);
	if (pw->bv_val == NULL)
		return -1;
	memcpy(pw->bv_val, buf, n);
	pw->bv_val[n] = '\0';
	pw->bv_len = n;
	return 0;
}

static int
prompt_password(struct berval *pw)
{
	struct termios old, quiet;
	char buf[1024];
	FILE *tty = fopen("/dev/tty", "r+");
	int echo_off = 0;
	size_t n;

	if (tty == NULL)
		tty = stdin;
	fputs("Enter LDAP Password: ", stderr);
	fflush(stderr);
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		echo_off = tcsetattr(fileno(tty), TCSAFLUSH, &quiet) == 0;
	}
	if (fgets(buf, sizeof buf, tty) == NULL)
		buf[0] = '\0';
	if (echo_off)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', stderr);
	if (tty != stdin)
		fclose(tty);
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	pw->bv_val = strdup(buf);
	pw->bv_len = n;
	return pw->bv_val ? 0 : -1;
}

/* SASL EXTERNAL asks nothing; answer any prompt with its default. */
static int
sasl_interact(LDAP *ld, unsigned flags, void *defaults, void *in)
{
	sasl_interact_t *i;

	(void)ld;
	(void)flags;
	(void)defaults;
	for (i = in; i->id != SASL_CB_LIST_END; i++) {
		i->result = i->defresult ? i->defresult : "";
		i->len = (unsigned)strlen(i->result);
	}
	return LDAP_SUCCESS;
}

void
conn_report(LDAP *ld, const char *what, const char *dn, int rc)
{
	char *text = NULL;

	ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &text);
	if (dn != NULL)
		fprintf(stderr, "%s: %s %s: %s (%d)\n", progname, what, dn, ldap_err2string(rc),
		        rc);
	else
		fprintf(stderr, "%s: %s: %s (%d)\n", progname, what, ldap_err2string(rc), rc);
	if (text != NULL && *text != '\0')
		fprintf(stderr, "\t%s\n", text);
	ldap_memfree(text);
}

static int
conn_bind(LDAP *ld, const struct conn_opts *o)
{
	struct berval pw = {0, NULL};
	int rc;

	if (o->mech != NULL) {
		rc = ldap_sasl_interactive_bind_s(
		        ld, o->binddn, o->mech, NULL, NULL, LDAP_SASL_QUIET, sasl_interact, NULL);
		if (rc != LDAP_SUCCESS)
			conn_report(ld, "SASL bind", NULL, rc);
		return rc;
	}
	if (o->passwd != NULL) {
		pw.bv_val = strdup(o->passwd);
		pw.bv_len = strlen(o->passwd);
		if (pw.bv_val == NULL)
			return LDAP_NO_MEMORY;
	} else if (o->pwfile != NULL) {
		if (read_pwfile(o->pwfile, &pw) != 0)
			return LDAP_OTHER;
	} else if (o->prompt) {
		if (prompt_password(&pw) != 0)
			return LDAP_NO_MEMORY;
	}
	if (o->binddn == NULL && pw.bv_val == NULL)
		return LDAP_SUCCESS; /* anonymous: no bind needed */
	rc = ldap_sasl_bind_s(ld, o->binddn, LDAP_SASL_SIMPLE, &pw, NULL, NULL, NULL);
	if (pw.bv_val != NULL) {
		memset(pw.bv_val, 0, pw.bv_len);
		free(pw.bv_val);
	}
	if (rc != LDAP_SUCCESS)
		conn_report(ld, "bind", o->binddn, rc);
	return rc;
}

LDAP *
conn_open(const struct conn_opts *o)
{
	LDAP *ld = NULL;
	int version = LDAP_VERSION3;
	int rc;

	rc = ldap_initialize(&ld, o->uri);
	if (rc != LDAP_SUCCESS) {
		warnx_("%s: %s", o->uri ? o->uri : "ldap.conf URI", ldap_err2string(rc));
		return NULL;
	}
	ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
	ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
	if (o->starttls > 0) {
		rc = ldap_start_tls_s(ld, NULL, NULL);
		if (rc != LDAP_SUCCESS) {
			conn_report(ld, "StartTLS", NULL, rc);
			if (o->starttls > 1)
				goto fail;
		}
	}
	if (conn_bind(ld, o) != LDAP_SUCCESS)
		goto fail;
	return ld;
fail:
	ldap_unbind_ext_s(ld, NULL, NULL);
	return NULL;
}

void
conn_close(LDAP *ld)
{
	if (ld != NULL)
		ldap_unbind_ext_s(ld, NULL, NULL);
}

static int
collect_contexts(void *ctx, LDAP *ld, LDAPMessage *entry)
{
	char ***out = ctx;
	struct berval **v = ldap_get_values_len(ld, entry, "namingContexts");
	size_t n = (size_t)ldap_count_values_len(v), i;
	char **list = calloc(n + 1, sizeof *list);

	if (list == NULL) {
		ldap_value_free_len(v);
		return -1;
	}
	for (i = 0; i < n; i++) {
		list[i] = ber_strdup(v[i]->bv_val);
		if (list[i] == NULL) {
			ber_memvfree((void **)list);
			ldap_value_free_len(v);
			return -1;
		}
	}
	ldap_value_free_len(v);
	ber_memvfree((void **)*out);
	*out = list;
	return 0;
}

/* A one-base list; NULL when memory ran out. */
static char **
one_base(const char *base)
{
	char **list = calloc(2, sizeof *list);

	if (list != NULL && (list[0] = ber_strdup(base)) == NULL) {
		free(list);
		list = NULL;
	}
	return list;
}

char **
conn_bases(LDAP *ld, const struct conn_opts *o)
{
	static char *attrs[] = {"namingContexts", NULL};
	char **list = NULL, *base = NULL;

	if (o->base != NULL)
		return one_base(o->base);
	/* The whole directory, not ldap.conf's BASE, which may be narrower. */
	if (conn_search(ld, "", LDAP_SCOPE_BASE, "(objectClass=*)", attrs, collect_contexts,
	            &list) != LDAP_SUCCESS)
		return NULL;
	if (list != NULL && list[0] != NULL)
		return list;
	ber_memvfree((void **)list);
	list = NULL;
	if (ldap_get_option(ld, LDAP_OPT_DEFBASE, &base) == LDAP_OPT_SUCCESS && base != NULL &&
	        *base != '\0')
		list = one_base(base);
	else
		warnx_("the server names no naming context: give -b BASE");
	ldap_memfree(base);
	return list;
}

/* Does `dn` hold ou=domains?  Its absence, or an error, says no. */
static int
holds_domains(LDAP *ld, const char *dn)
{
	LDAPMessage *res = NULL;
	char *domains = dn_child("ou", "domains", dn);
	int rc = LDAP_OTHER;

	if (domains != NULL) {
		static char *no_attrs[] = {LDAP_NO_ATTRS, NULL};
		rc = ldap_search_ext_s(ld, domains, LDAP_SCOPE_BASE, "(objectClass=*)", no_attrs, 0,
		        NULL, NULL, NULL, 1, &res);
	}
	ldap_msgfree(res);
	free(domains);
	return rc == LDAP_SUCCESS;
}

char *
conn_base(LDAP *ld, const struct conn_opts *o)
{
	char **list = conn_bases(ld, o), *base = NULL;
	size_t i, n = 0;

	if (list == NULL)
		return NULL;
	while (list[n] != NULL)
		n++;
	for (i = 0; i < n && base == NULL && n > 1 && o->base == NULL; i++) {
		if (holds_domains(ld, list[i]))
			base = strdup(list[i]);
	}
	if (base == NULL && n == 1)
		base = strdup(list[0]);
	else if (base == NULL)
		warnx_("the server has %zu naming contexts and none holds ou=domains: give -b BASE",
		        n);
	ber_memvfree((void **)list);
	return base;
}

/* Read the results of one page; returns an LDAP code, and the cookie. */
static int
read_page(LDAP *ld, int msgid, conn_entry_fn fn, void *ctx, struct berval *cookie)
{
	LDAPMessage *res = NULL, *msg;
	int err = LDAP_SUCCESS, done = 0;

	while (!done) {
		int rc = ldap_result(ld, msgid, LDAP_MSG_ONE, NULL, &res);
		if (rc <= 0) {
			ldap_get_option(ld, LDAP_OPT_RESULT_CODE, &err);
			conn_report(ld, "search", NULL, err);
			return err ? err : LDAP_OTHER;
		}
		for (msg = ldap_first_message(ld, res); msg != NULL;
		        msg = ldap_next_message(ld, msg)) {
			int type = ldap_msgtype(msg);

			if (type == LDAP_RES_SEARCH_ENTRY) {
				if (err == LDAP_SUCCESS && fn(ctx, ld, msg) != 0)
					err = LDAP_OTHER;
			} else if (type == LDAP_RES_SEARCH_RESULT) {
				LDAPControl **ctrls = NULL, *page;
				char *text = NULL;
				int code = LDAP_SUCCESS;

				done = 1;
				rc = ldap_parse_result(
				        ld, msg, &code, NULL, &text, NULL, &ctrls, 0);
				if (rc == LDAP_SUCCESS)
					rc = code;
				if (rc != LDAP_SUCCESS) {
					fprintf(stderr, "%s: search: %s (%d)\n", progname,
					        ldap_err2string(rc), rc);
					if (text != NULL && *text != '\0')
						fprintf(stderr, "\t%s\n", text);
					/* A model cut short would give wrong answers. */
					if (rc == LDAP_SIZELIMIT_EXCEEDED)
						fprintf(stderr,
						        "\tbind as an identity the server "
						        "sets no size limit for (its limits "
						        "directive)\n");
					if (err == LDAP_SUCCESS)
						err = rc;
				}
				ldap_memfree(text);
				page = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, ctrls, NULL);
				if (page != NULL) {
					ber_int_t count;

					ldap_parse_pageresponse_control(ld, page, &count, cookie);
				}
				ldap_controls_free(ctrls);
			}
		}
		ldap_msgfree(res);
	}
	return err;
}

int
conn_search(LDAP *ld, const char *base, int scope, const char *filter, char **attrs,
        conn_entry_fn fn, void *ctx)
{
	struct berval cookie = {0, NULL};
	int rc, msgid;

	do {
		LDAPControl *page = NULL, *ctrls[2] = {NULL, NULL};
		struct berval next = {0, NULL};

		if (scope != LDAP_SCOPE_BASE) {
			rc = ldap_create_page_control(ld, 500, &cookie, 0, &page);
			if (rc != LDAP_SUCCESS)
				return rc;
			ctrls[0] = page;
		}
		rc = ldap_search_ext(ld, base, scope, filter, attrs, 0, page ? ctrls : NULL, NULL,
		        NULL, LDAP_NO_LIMIT, &msgid);
		if (page != NULL)
			ldap_control_free(page);
		if (rc != LDAP_SUCCESS) {
			conn_report(ld, "search", base, rc);
			break;
		}
		rc = read_page(ld, msgid, fn, ctx, &next);
		ber_memfree(cookie.bv_val);
		cookie = next;
	} while (rc == LDAP_SUCCESS && cookie.bv_val != NULL && cookie.bv_len > 0);
	ber_memfree(cookie.bv_val);
	return rc;
}

int
entry_has_class(LDAP *ld, LDAPMessage *e, const char *oc)
{
	struct berval **v = ldap_get_values_len(ld, e, "objectClass");
	int i, found = 0;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		found |= strcasecmp(v[i]->bv_val, oc) == 0;
	ldap_value_free_len(v);
	return found;
}
