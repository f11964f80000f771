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
 * listing.c - what an administrator reads every day: list and show.
 *
 * Usage: tenancy user|group|shared|unit|grant|share list [DOMAIN] [--json]
 *        tenancy user|group|shared|unit|grant show DN|ADDRESS [--json]
 *
 * list: every entry of the kind in DOMAIN's tenant (default: under the
 * base), as the bound identity sees them: the overlay hides the tenants it
 * may not read.  One line per entry, tab-separated, the DN last ("-" for
 * an attribute without values); `share list`, one line per share:
 * mailbox, level, grantee.  With --json, an array of objects.
 *
 * show: every attribute of one entry, as LDIF (--json: an object of
 * arrays), but for password hashes, which are never printed.  An argument without '=' is an address, found by mail or
 * tenancyMailAlias.
 *
 * Exit: 0 shown, 1 no such entry (or not of that kind) or the server
 * refused the search, 2 usage or connection errors.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

struct kind {
	const char *name;   /* the subcommand */
	const char *filter; /* the entries of this kind */
	const char *oc;     /* the object class show checks */
	const char *cols[5];
};

static const struct kind kinds[] = {
        {"user", "(objectClass=tenancyMailbox)", "tenancyMailbox",
                {"uid", "mail", "tenancyStatus", "tenancyUnitRef", NULL}},
        {"group", "(objectClass=tenancyGroup)", "tenancyGroup",
                {"cn", "mail", "tenancyGroupSendAs", "tenancyGroupDelivery", NULL}},
        {"shared", "(objectClass=tenancySharedMailbox)", "tenancySharedMailbox",
                {"cn", "mail", "tenancyStatus", "tenancyUnitRef", NULL}},
        {"unit", "(objectClass=tenancyUnit)", "tenancyUnit", {"ou", "description", NULL}},
        {"grant", "(objectClass=tenancyGrant)", "tenancyGrant",
                {"tenancyGrantee", "tenancyRole", "tenancyScope", NULL}},
        /* The filter: a mailbox holding any share level (share_filter). */
        {"share", NULL, NULL, {"mail", NULL}},
};

/* Room for the share levels' attributes (tn_share_level_attr) in a
 * search's attribute list. */
#define MAX_SHARE_LEVELS 8

struct listing {
	const struct kind *k;
	int json;
	size_t n;
};

static void
print_text_values(LDAP *ld, LDAPMessage *e, const char *attr)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	int i;

	for (i = 0; v != NULL && v[i] != NULL; i++) {
		fputs(i ? " " : "", stdout);
		fwrite(v[i]->bv_val, 1, v[i]->bv_len, stdout);
	}
	if (v == NULL || v[0] == NULL)
		fputc('-', stdout);
	ldap_value_free_len(v);
}

static void
print_json_values(LDAP *ld, LDAPMessage *e, const char *attr)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	int i;

	fputc('[', stdout);
	for (i = 0; v != NULL && v[i] != NULL; i++) {
		fputs(i ? ", " : "", stdout);
		json_string(stdout, v[i]->bv_val, v[i]->bv_len);
	}
	fputc(']', stdout);
	ldap_value_free_len(v);
}

/* One line, or one object, per share of a mailbox. */
static void
list_shares(struct listing *ls, LDAP *ld, LDAPMessage *e, const char *dn)
{
	size_t i;
	int j;

	for (i = 0; i < tn_share_level_count(); i++) {
		struct berval **v = ldap_get_values_len(ld, e, tn_share_level_attr(i));

		for (j = 0; v != NULL && v[j] != NULL; j++) {
			if (ls->json) {
				fputs(ls->n++ ? ",\n {\"mailbox\": " : "\n {\"mailbox\": ", stdout);
				json_cstring(stdout, dn);
				fputs(", \"mail\": ", stdout);
				print_json_values(ld, e, "mail");
				printf(", \"level\": \"%s\", \"grantee\": ",
				        tn_share_level_name(i));
				json_string(stdout, v[j]->bv_val, v[j]->bv_len);
				fputc('}', stdout);
			} else {
				print_text_values(ld, e, "mail");
				printf("\t%s\t%.*s\t%s\n", tn_share_level_name(i),
				        (int)v[j]->bv_len, v[j]->bv_val, dn);
				ls->n++;
			}
		}
		ldap_value_free_len(v);
	}
}

static int
list_entry(void *ctx, LDAP *ld, LDAPMessage *e)
{
	struct listing *ls = ctx;
	char *dn = ldap_get_dn(ld, e);
	size_t i;

	if (dn == NULL)
		return -1;
	if (ls->k->oc == NULL) {
		list_shares(ls, ld, e, dn);
	} else if (ls->json) {
		fputs(ls->n++ ? ",\n {\"dn\": " : "\n {\"dn\": ", stdout);
		json_cstring(stdout, dn);
		for (i = 0; ls->k->cols[i] != NULL; i++) {
			printf(", \"%s\": ", ls->k->cols[i]);
			print_json_values(ld, e, ls->k->cols[i]);
		}
		fputc('}', stdout);
	} else {
		for (i = 0; ls->k->cols[i] != NULL; i++) {
			print_text_values(ld, e, ls->k->cols[i]);
			fputc('\t', stdout);
		}
		printf("%s\n", dn);
		ls->n++;
	}
	ldap_memfree(dn);
	return 0;
}

static int
search_result(int rc)
{
	if (rc == LDAP_SUCCESS)
		return EXIT_OK;
	return rc < 0 ? EXIT_USAGE : EXIT_DENIED;
}

/* (|(tenancyShareRead=*)...): an entry holding any share level. */
static void
share_filter(char *out, size_t len)
{
	size_t i, n = (size_t)snprintf(out, len, "(|");

	for (i = 0; i < tn_share_level_count() && n < len; i++)
		n += (size_t)snprintf(out + n, len - n, "(%s=*)", tn_share_level_attr(i));
	if (n < len)
		snprintf(out + n, len - n, ")");
}

static int
run_list(struct prov *p, const struct kind *k, const char *domain)
{
	char *attrs[MAX_SHARE_LEVELS + 6], filter[512];
	struct listing ls = {k, p->json, 0};
	char *base = domain ? prov_domain_dn(p, domain) : strdup(p->base);
	size_t i, n = 0;
	int rc;

	if (base == NULL)
		return EXIT_USAGE;
	for (i = 0; k->cols[i] != NULL; i++)
		attrs[n++] = (char *)k->cols[i];
	if (k->oc == NULL) {
		for (i = 0; i < tn_share_level_count() && i < MAX_SHARE_LEVELS; i++)
			attrs[n++] = (char *)tn_share_level_attr(i);
		share_filter(filter, sizeof filter);
	}
	attrs[n] = NULL;
	if (domain != NULL && prov_exists(p, base) == 0) {
		warnx_("%s list: no tenant %s (or not one you may read)", k->name, domain);
		free(base);
		return EXIT_DENIED;
	}
	if (p->json)
		fputc('[', stdout);
	rc = conn_search(p->ld, base, LDAP_SCOPE_SUBTREE, k->filter ? k->filter : filter, attrs,
	        list_entry, &ls);
	if (p->json)
		fputs(ls.n ? "\n]\n" : "]\n", stdout);
	free(base);
	return search_result(rc);
}

struct shown {
	int json;
	int found;
	char *dn;
	const struct kind *k;
	int wrong_kind;
};

static void
show_entry_text(LDAP *ld, LDAPMessage *e, const char *dn)
{
	BerElement *ber = NULL;
	char *a;
	int i;

	printf("dn: %s\n", dn);
	for (a = ldap_first_attribute(ld, e, &ber); a != NULL;
	        a = ldap_next_attribute(ld, e, ber)) {
		struct berval **v =
		        strcasecmp(a, "userPassword") ? ldap_get_values_len(ld, e, a) : NULL;

		for (i = 0; v != NULL && v[i] != NULL; i++)
			printf("%s: %.*s\n", a, (int)v[i]->bv_len, v[i]->bv_val);
		ldap_value_free_len(v);
		ldap_memfree(a);
	}
	ber_free(ber, 0);
}

static void
show_entry_json(LDAP *ld, LDAPMessage *e, const char *dn)
{
	BerElement *ber = NULL;
	const char *sep = "";
	char *a;

	fputs("{\"dn\": ", stdout);
	json_cstring(stdout, dn);
	fputs(", \"attributes\": {", stdout);
	for (a = ldap_first_attribute(ld, e, &ber); a != NULL;
	        a = ldap_next_attribute(ld, e, ber)) {
		if (strcasecmp(a, "userPassword") == 0) {
			ldap_memfree(a);
			continue;
		}
		fputs(sep, stdout);
		json_cstring(stdout, a);
		fputs(": ", stdout);
		print_json_values(ld, e, a);
		ldap_memfree(a);
		sep = ", ";
	}
	ber_free(ber, 0);
	fputs("}}\n", stdout);
}

static int
show_one(void *ctx, LDAP *ld, LDAPMessage *e)
{
	struct shown *s = ctx;
	char *dn = ldap_get_dn(ld, e);

	if (dn == NULL)
		return -1;
	if (s->k->oc != NULL && !entry_has_class(ld, e, s->k->oc)) {
		s->wrong_kind = 1;
		s->dn = dn;
		return 0;
	}
	s->found++;
	if (s->found == 1) {
		if (s->json)
			show_entry_json(ld, e, dn);
		else
			show_entry_text(ld, e, dn);
	}
	ldap_memfree(s->dn);
	s->dn = dn;
	return 0;
}

static int
run_show(struct prov *p, const struct kind *k, const char *what)
{
	static char *attrs[] = {"*", NULL};
	struct shown s = {p->json, 0, NULL, k, 0};
	char *filter = NULL, *esc = NULL;
	int rc;

	if (strchr(what, '=') != NULL) {
		rc = conn_search(
		        p->ld, what, LDAP_SCOPE_BASE, "(objectClass=*)", attrs, show_one, &s);
		if (rc == LDAP_NO_SUCH_OBJECT)
			rc = LDAP_SUCCESS; /* said below */
	} else {
		size_t size;

		if ((esc = filter_escape(what)) == NULL)
			return EXIT_USAGE;
		size = 2 * strlen(esc) + 64;
		if ((filter = malloc(size)) == NULL) {
			ber_memfree(esc);
			return EXIT_USAGE;
		}
		snprintf(filter, size, "(|(mail=%s)(tenancyMailAlias=%s))", esc, esc);
		rc = conn_search(p->ld, p->base, LDAP_SCOPE_SUBTREE, filter, attrs, show_one, &s);
	}
	free(filter);
	ber_memfree(esc);
	if (rc == LDAP_SUCCESS && s.found == 0) {
		if (s.wrong_kind)
			warnx_("%s show: %s is not a %s", k->name, s.dn, k->name);
		else
			warnx_("%s show: no %s %s (or not one you may read)", k->name, k->name,
			        what);
		rc = LDAP_NO_SUCH_OBJECT;
	} else if (rc == LDAP_SUCCESS && s.found > 1) {
		warnx_("%s show: %s names %d entries; give a DN", k->name, what, s.found);
	}
	ldap_memfree(s.dn);
	return search_result(rc);
}

int
listing_run(const char *kind, int argc, char **argv, const char *usage)
{
	struct prov p = {0};
	const struct kind *k = NULL;
	const char *action = argv[1];
	int rc, n;
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (strcmp(kinds[i].name, kind) == 0)
			k = &kinds[i];
	}
	if (k == NULL || (strcmp(action, "show") == 0 && k->oc == NULL)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	rc = prov_parse(&p, argc - 1, argv + 1, NULL, NULL, NULL, usage);
	if (rc >= 0)
		return rc;
	n = argc - 1 - optind;
	if ((strcmp(action, "list") == 0 && n > 1) || (strcmp(action, "show") == 0 && n != 1)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((rc = prov_open(&p)) != EXIT_OK)
		return rc;
	argv += 1 + optind;
	if (strcmp(action, "list") == 0)
		rc = run_list(&p, k, n ? argv[0] : NULL);
	else
		rc = run_show(&p, k, argv[0]);
	prov_close(&p);
	return rc;
}
