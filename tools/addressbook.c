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
 * addressbook.c - a tenant's address book as xCard (RFC 6351), out and in.
 *
 * Usage: tenancy addressbook export DOMAIN [-o FILE]
 *        tenancy addressbook import DOMAIN FILE [--prune]
 *
 * export writes one <vcard> per user, shared mailbox and group with an
 * address: uid (urn:uuid: from entryUUID, else the entry's LDAP URL), kind,
 * fn, n, every address as email (the primary one pref=1), telephones, title
 * and note.
 *
 * import makes each vCard an inetOrgPerson contact under the target
 * domain's ou=contacts, named by the vCard's uid (uid=<uid>), so that a
 * second import of the same book updates the contacts it made instead of
 * adding new ones.  Contacts carry no tenancy class: their mail is contact
 * data, claiming no address (DESIGN §5.2).  --book NAME keeps a book in its
 * own ou=NAME below ou=contacts, so that books from several tenants live
 * side by side; --prune deletes the contacts of that container that the
 * file no longer holds.  The overlay judges every
 * write; a refused card is reported and the import goes on.
 *
 * Exit: 0 done, 1 some card refused, 2 usage, connection or file errors.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "cli.h"

#define VCARD_NS "urn:ietf:params:xml:ns:vcard-4.0"

static const char addressbook_usage[] =
        "Usage: tenancy addressbook export DOMAIN [-o FILE]\n"
        "       tenancy addressbook import DOMAIN FILE [--book NAME] [--prune]\n"
        "xCard (RFC 6351).  Imported cards become contacts under the domain's\n"
        "ou=contacts (with --book, ou=NAME below it), updated in place when the\n"
        "same book is imported again; --prune removes those no longer in it.\n";

/* ------------------------------------------------------------- export */

struct exporter {
	xmlTextWriterPtr w;
	size_t n;
	int failed;
};

/* <NAME><TYPE>value</TYPE></NAME> for each value of ATTR. */
static void
write_values(struct exporter *x, LDAP *ld, LDAPMessage *e, const char *attr, const char *name,
        const char *type, const char *prefix)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	int i;

	for (i = 0; v != NULL && v[i] != NULL; i++) {
		xmlTextWriterStartElement(x->w, BAD_CAST name);
		xmlTextWriterStartElement(x->w, BAD_CAST type);
		if (prefix != NULL)
			xmlTextWriterWriteString(x->w, BAD_CAST prefix);
		xmlTextWriterWriteFormatString(x->w, "%.*s", (int)v[i]->bv_len, v[i]->bv_val);
		xmlTextWriterEndElement(x->w);
		xmlTextWriterEndElement(x->w);
	}
	ldap_value_free_len(v);
}

static char *
first_value(LDAP *ld, LDAPMessage *e, const char *attr)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	char *s = NULL;

	if (v != NULL && v[0] != NULL)
		s = strndup(v[0]->bv_val, v[0]->bv_len);
	ldap_value_free_len(v);
	return s;
}

static void
write_text(xmlTextWriterPtr w, const char *name, const char *text)
{
	xmlTextWriterStartElement(w, BAD_CAST name);
	xmlTextWriterWriteElement(w, BAD_CAST "text", BAD_CAST text);
	xmlTextWriterEndElement(w);
}

/* The vCard kind of an entry, from its classes (tn_addressbook_kind). */
static const char *
kind_of(LDAP *ld, LDAPMessage *e)
{
	struct berval **v = ldap_get_values_len(ld, e, "objectClass");
	struct tn_value classes[64];
	size_t n = 0;
	const char *kind;

	while (v != NULL && v[n] != NULL && n < sizeof classes / sizeof classes[0]) {
		classes[n].len = v[n]->bv_len;
		classes[n].val = v[n]->bv_val;
		n++;
	}
	kind = tn_addressbook_kind(classes, n);
	ldap_value_free_len(v);
	return kind;
}

static int
export_entry(void *ctx, LDAP *ld, LDAPMessage *e)
{
	struct exporter *x = ctx;
	char *uuid = first_value(ld, e, "entryUUID"), *dn = ldap_get_dn(ld, e);
	char *cn = first_value(ld, e, "cn"), *sn = first_value(ld, e, "sn");
	char *given = first_value(ld, e, "givenName");
	const char *kind = kind_of(ld, e);

	xmlTextWriterStartElement(x->w, BAD_CAST "vcard");
	xmlTextWriterStartElement(x->w, BAD_CAST "uid");
	if (uuid != NULL)
		xmlTextWriterWriteFormatElement(x->w, BAD_CAST "uri", "urn:uuid:%s", uuid);
	else
		xmlTextWriterWriteFormatElement(x->w, BAD_CAST "uri", "ldap:///%s", dn);
	xmlTextWriterEndElement(x->w);
	write_text(x->w, "kind", kind);
	write_text(x->w, "fn", cn ? cn : "");
	if (sn != NULL || given != NULL) {
		xmlTextWriterStartElement(x->w, BAD_CAST "n");
		xmlTextWriterWriteElement(x->w, BAD_CAST "surname", BAD_CAST(sn ? sn : ""));
		xmlTextWriterWriteElement(x->w, BAD_CAST "given", BAD_CAST(given ? given : ""));
		xmlTextWriterWriteElement(x->w, BAD_CAST "additional", BAD_CAST "");
		xmlTextWriterWriteElement(x->w, BAD_CAST "prefix", BAD_CAST "");
		xmlTextWriterWriteElement(x->w, BAD_CAST "suffix", BAD_CAST "");
		xmlTextWriterEndElement(x->w);
	}
	{
		char *mail = first_value(ld, e, "mail");

		if (mail != NULL) {
			xmlTextWriterStartElement(x->w, BAD_CAST "email");
			xmlTextWriterStartElement(x->w, BAD_CAST "parameters");
			xmlTextWriterStartElement(x->w, BAD_CAST "pref");
			xmlTextWriterWriteElement(x->w, BAD_CAST "integer", BAD_CAST "1");
			xmlTextWriterEndElement(x->w);
			xmlTextWriterEndElement(x->w);
			xmlTextWriterWriteElement(x->w, BAD_CAST "text", BAD_CAST mail);
			xmlTextWriterEndElement(x->w);
		}
		free(mail);
	}
	write_values(x, ld, e, "tenancyMailAlias", "email", "text", NULL);
	write_values(x, ld, e, "telephoneNumber", "tel", "uri", "tel:");
	write_values(x, ld, e, "mobile", "tel", "uri", "tel:");
	write_values(x, ld, e, "title", "title", "text", NULL);
	write_values(x, ld, e, "description", "note", "text", NULL);
	if (xmlTextWriterEndElement(x->w) < 0)
		x->failed = 1;
	x->n++;
	free(uuid);
	ldap_memfree(dn);
	free(cn);
	free(sn);
	free(given);
	return x->failed ? -1 : 0;
}

static int
addressbook_export(struct prov *p, const char *domain, const char *out)
{
	static char *attrs[] = {"entryUUID", "objectClass", "cn", "sn", "givenName", "mail",
	        "tenancyMailAlias", "telephoneNumber", "mobile", "title", "description", NULL};
	static const char filter[] = TN_ADDRESSBOOK_FILTER;
	struct exporter x = {NULL, 0, 0};
	char *dn = prov_domain_dn(p, domain);
	int rc;

	if (dn == NULL)
		return EXIT_USAGE;
	x.w = xmlNewTextWriterFilename(out ? out : "-", 0);
	if (x.w == NULL) {
		warnx_("%s: cannot write", out ? out : "stdout");
		free(dn);
		return EXIT_USAGE;
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElementNS(x.w, NULL, BAD_CAST "vcards", BAD_CAST VCARD_NS);
	rc = conn_search(p->ld, dn, LDAP_SCOPE_SUBTREE, filter, attrs, export_entry, &x);
	xmlTextWriterEndElement(x.w);
	if (xmlTextWriterEndDocument(x.w) < 0)
		x.failed = 1;
	xmlFreeTextWriter(x.w);
	free(dn);
	if (x.failed) {
		warnx_("%s: write error", out ? out : "stdout");
		return EXIT_USAGE;
	}
	return rc == LDAP_SUCCESS ? EXIT_OK : rc < 0 ? EXIT_USAGE : EXIT_DENIED;
}

/* ------------------------------------------------------------- import */

static int
is_vcard(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       xmlStrcmp(n->ns->href, BAD_CAST VCARD_NS) == 0 &&
	       xmlStrcmp(n->name, BAD_CAST name) == 0;
}

static xmlNode *
child(const xmlNode *n, const char *name)
{
	xmlNode *c;

	for (c = n ? n->children : NULL; c != NULL; c = c->next) {
		if (is_vcard(c, name))
			return c;
	}
	return NULL;
}

/* The text of the value element (text, uri...) of a property; malloc'd. */
static char *
value_of(const xmlNode *prop, const char *type)
{
	xmlNode *v = child(prop, type);
	xmlChar *s = v ? xmlNodeGetContent(v) : NULL;
	char *out = NULL;

	if (s != NULL && *s != '\0')
		out = strdup((const char *)s);
	xmlFree(s);
	return out;
}

struct import {
	struct prov *p;
	const char *contacts; /* ou=contacts,DOMAIN */
	char **kept;          /* the uids imported, for --prune */
	size_t nkept;
	size_t added, updated, refused, deleted;
	int fatal;
	int json; /* --json: the counts as an object, nothing else */
};

/* Add every value of property `prop` (value element `type`) as `attr`. */
static int
add_all(struct modlist *l, int op, const xmlNode *card, const char *prop, const char *type,
        const char *attr, const char *strip)
{
	const xmlNode *c;
	int rc = 0;

	for (c = card->children; c != NULL && rc == 0; c = c->next) {
		char *v;
		const char *s;

		if (!is_vcard(c, prop) || (v = value_of(c, type)) == NULL)
			continue;
		s = v;
		if (strip != NULL && strncasecmp(s, strip, strlen(strip)) == 0)
			s += strlen(strip);
		rc = modlist_add(l, op, attr, s);
		free(v);
	}
	return rc;
}

/* The contact's attributes, with `op` (add, or replace on update). */
static int
card_mods(struct modlist *l, int op, const xmlNode *card, const char *uid)
{
	const xmlNode *n = child(card, "n");
	char *fn = value_of(child(card, "fn"), "text");
	char *sn = value_of(n, "surname"), *given = value_of(n, "given");
	char *mail = value_of(child(card, "email"), "text");
	const char *name = fn ? fn : mail ? mail : uid;
	int rc;

	if (op == LDAP_MOD_REPLACE) {
		/* What the card no longer has goes; what it has comes after. */
		rc = modlist_add(l, op, "givenName", NULL) || modlist_add(l, op, "mail", NULL) ||
		     modlist_add(l, op, "telephoneNumber", NULL) ||
		     modlist_add(l, op, "title", NULL) || modlist_add(l, op, "description", NULL);
		if (rc)
			goto out;
	}
	rc = modlist_add(l, op, "cn", name) || modlist_add(l, op, "sn", sn ? sn : name) ||
	     (given && modlist_add(l, op, "givenName", given)) ||
	     add_all(l, op, card, "email", "text", "mail", NULL) ||
	     add_all(l, op, card, "tel", "uri", "telephoneNumber", "tel:") ||
	     add_all(l, op, card, "tel", "text", "telephoneNumber", NULL) ||
	     add_all(l, op, card, "title", "text", "title", NULL) ||
	     add_all(l, op, card, "note", "text", "description", NULL);
out:
	free(fn);
	free(sn);
	free(given);
	free(mail);
	return rc ? -1 : 0;
}

static int
keep_uid(struct import *im, const char *uid)
{
	char **k = realloc(im->kept, (im->nkept + 1) * sizeof *k);

	if (k == NULL)
		return -1;
	im->kept = k;
	if ((k[im->nkept] = strdup(uid)) == NULL)
		return -1;
	im->nkept++;
	return 0;
}

static void
import_card(struct import *im, const xmlNode *card)
{
	struct modlist l = {0};
	char *uid = value_of(child(card, "uid"), "uri"), *dn = NULL;
	int rc;

	if (uid == NULL)
		uid = value_of(child(card, "uid"), "text");
	if (uid == NULL) {
		warnx_("line %ld: a vCard without uid is skipped", xmlGetLineNo(card));
		im->refused++;
		return;
	}
	if ((dn = dn_child("uid", uid, im->contacts)) == NULL || keep_uid(im, uid) != 0 ||
	        modlist_add(&l, LDAP_MOD_ADD, "objectClass", "inetOrgPerson") ||
	        modlist_add(&l, LDAP_MOD_ADD, "uid", uid) ||
	        card_mods(&l, LDAP_MOD_ADD, card, uid) != 0) {
		warnx_("out of memory");
		im->fatal = 1;
		goto out;
	}
	rc = ldap_add_ext_s(im->p->ld, dn, l.mods, NULL, NULL);
	if (rc == LDAP_ALREADY_EXISTS) {
		/* Imported before: bring it up to date, dropping what went. */
		modlist_free(&l);
		if (card_mods(&l, LDAP_MOD_REPLACE, card, uid) != 0) {
			im->fatal = 1;
			goto out;
		}
		rc = prov_modify(im->p, dn, &l);
		if (rc == EXIT_OK)
			im->updated++;
	} else {
		rc = prov_result(im->p, rc, "add", dn);
		if (rc == EXIT_OK)
			im->added++;
	}
	if (rc == EXIT_USAGE)
		im->fatal = 1;
	else if (rc != EXIT_OK)
		im->refused++;
out:
	modlist_free(&l);
	free(dn);
	free(uid);
}

static int
prune_contact(void *ctx, LDAP *ld, LDAPMessage *e)
{
	struct import *im = ctx;
	char *uid = first_value(ld, e, "uid"), *dn;
	size_t i;

	for (i = 0; uid != NULL && i < im->nkept; i++) {
		if (strcmp(uid, im->kept[i]) == 0) {
			free(uid);
			return 0;
		}
	}
	free(uid);
	if ((dn = ldap_get_dn(ld, e)) == NULL)
		return -1;
	/* Deleting while the search runs: the server handles one at a time. */
	if (ldap_delete_ext_s(ld, dn, NULL, NULL) != LDAP_SUCCESS)
		conn_report(ld, "delete", dn, LDAP_OTHER);
	else if (!im->json)
		printf("deleted %s\n", dn);
	im->deleted++;
	ldap_memfree(dn);
	return 0;
}

static int
addressbook_import(
        struct prov *p, const char *domain, const char *path, const char *book, int prune)
{
	static char *attrs[] = {"uid", NULL};
	struct import im = {p, NULL, NULL, 0, 0, 0, 0, 0, 0, p->json};
	char *dn = prov_domain_dn(p, domain), *contacts = NULL, *all = NULL;
	xmlDoc *doc = NULL;
	const xmlNode *root, *c;
	size_t i;
	int rc = EXIT_USAGE;

	p->json = 0; /* the changes are counted, not listed */
	/* No network, no entity expansion: the file is data. */
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (doc == NULL) {
		warnx_("%s: not an XML file", path);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!is_vcard(root, "vcards")) {
		warnx_("%s: not xCard: the root is not <vcards xmlns=\"%s\">", path, VCARD_NS);
		goto out;
	}
	if (dn == NULL || (rc = prov_container(p, dn, "contacts", &all)) != EXIT_OK)
		goto out;
	if (book == NULL) {
		contacts = all;
		all = NULL;
	} else if ((rc = prov_container(p, all, book, &contacts)) != EXIT_OK) {
		goto out;
	}
	im.contacts = contacts;
	for (c = root->children; c != NULL && !im.fatal; c = c->next) {
		if (is_vcard(c, "vcard"))
			import_card(&im, c);
	}
	if (prune && !im.fatal && im.refused == 0)
		conn_search(p->ld, contacts, LDAP_SCOPE_ONELEVEL, "(objectClass=inetOrgPerson)",
		        attrs, prune_contact, &im);
	if (im.json)
		printf("{\"added\": %zu, \"updated\": %zu, \"refused\": %zu, \"deleted\": %zu}\n",
		        im.added, im.updated, im.refused, im.deleted);
	else
		printf("%zu added, %zu updated, %zu refused\n", im.added, im.updated, im.refused);
	rc = im.fatal ? EXIT_USAGE : im.refused ? EXIT_DENIED : EXIT_OK;
out:
	for (i = 0; i < im.nkept; i++)
		free(im.kept[i]);
	free(im.kept);
	xmlFreeDoc(doc);
	free(contacts);
	free(all);
	free(dn);
	return rc;
}

enum { OPT_PRUNE = 300, OPT_BOOK };

static const struct option addressbook_options[] = {
        {"prune", no_argument, NULL, OPT_PRUNE},
        {"book", required_argument, NULL, OPT_BOOK},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
};

struct ab_opts {
	int prune;
	const char *out;
	const char *book;
};

static int
addressbook_option(void *ctx, int opt, const char *arg)
{
	struct ab_opts *o = ctx;

	if (opt == OPT_PRUNE)
		o->prune = 1;
	else if (opt == OPT_BOOK)
		o->book = arg;
	else if (opt == 'o')
		o->out = arg;
	else
		return -1;
	return 0;
}

int
cmd_addressbook(int argc, char **argv)
{
	struct prov p = {0};
	struct ab_opts o = {0, NULL, NULL};
	const char *action = argc > 1 ? argv[1] : "";
	int rc, n;

	p.shortopts = "o:";
	if ((rc = prov_help(argc, argv, addressbook_usage)) >= 0)
		return rc;
	rc = prov_parse(&p, argc - 1, argv + 1, addressbook_options, addressbook_option, &o,
	        addressbook_usage);
	n = argc - 1 - optind;
	if (rc < 0 && !((strcmp(action, "export") == 0 && n == 1) ||
	                      (strcmp(action, "import") == 0 && n == 2))) {
		fputs(addressbook_usage, stderr);
		rc = EXIT_USAGE;
	}
	if (rc < 0 && p.dry_run) {
		warnx_("addressbook: --dry-run does not apply: import writes each card in turn");
		rc = EXIT_USAGE;
	}
	if (rc < 0 && p.json && strcmp(action, "export") == 0) {
		warnx_("addressbook export: --json does not apply: the output is xCard (XML)");
		rc = EXIT_USAGE;
	}
	if (rc >= 0 || (rc = prov_open(&p)) != EXIT_OK)
		return rc;
	argv += 1 + optind;
	LIBXML_TEST_VERSION
	if (strcmp(action, "export") == 0)
		rc = addressbook_export(&p, argv[0], o.out);
	else
		rc = addressbook_import(&p, argv[0], argv[1], o.book, o.prune);
	prov_close(&p);
	xmlCleanupParser();
	return rc;
}
