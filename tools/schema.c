/*
 * schema.c - LDAP schema checks for lint.
 *
 * slapd checks every entry against its schema; lint does the same so that
 * an LDIF it accepts is one slapd accepts (DESIGN §9).  Definitions come
 * from schema files and slapd.conf includes (config.c), from cn=config LDIF,
 * or from a live server's subschema subentry (lint --against), and are
 * parsed by libldap (ldap_str2attributetype, ldap_str2objectclass).
 *
 * schema_check() checks one change as slapd would after the overlay: for an
 * add, that every object class and attribute type is defined, that the
 * classes form one structural chain, that each attribute is allowed by a
 * class (or extensibleObject) and each required one present, that
 * and single-valued attributes hold one value (slapd adds missing RDN
 * values itself: not a finding); for a modify, that the attributes and classes named exist and
 * that no single-valued attribute is given two values.  Each finding is
 * reported as the DN and what is wrong.  This is LDAP's schema, not tenancy policy:
 * the tenancy rules are the engine's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldap_schema.h>

#include "cli.h"

struct at {
	LDAPAttributeType *def;
	struct at *sup;
};

struct oc {
	LDAPObjectClass *def;
	struct oc **sups;
	struct at **must, **may;
	size_t nsups, nmust, nmay;
};

struct schema {
	struct strtab ats, ocs; /* by every name and OID */
	struct at **at;         /* every definition, for freeing */
	struct oc **oc;
	size_t nat, noc;
	size_t defined; /* from the sources, beyond the built-in ones */
	int resolved;
};

static int define_one(struct schema *s, int objectclass, const char *text, const char *where);

/*
 * What slapd knows without any schema file: the user-application types and
 * the classes of its system schema (servers/slapd/schema_prep.c, 2.5), which
 * core.schema lists only in comments.
 */
static const char *const builtin_at[] = {
        "( 2.5.4.0 NAME 'objectClass' EQUALITY objectIdentifierMatch "
        "SYNTAX 1.3.6.1.4.1.1466.115.121.1.38 )",
        "( 2.5.4.1 NAME ( 'aliasedObjectName' 'aliasedEntryName' ) "
        "EQUALITY distinguishedNameMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 SINGLE-VALUE )",
        "( 2.16.840.1.113730.3.1.34 NAME 'ref' EQUALITY caseExactMatch "
        "SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 USAGE distributedOperation )",
        "( 2.5.4.49 NAME 'distinguishedName' EQUALITY distinguishedNameMatch "
        "SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 )",
        "( 2.5.4.41 NAME 'name' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch "
        "SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{32768} )",
        "( 2.5.4.3 NAME ( 'cn' 'commonName' ) SUP name )",
        "( 0.9.2342.19200300.100.1.1 NAME ( 'uid' 'userid' ) EQUALITY caseIgnoreMatch "
        "SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{256} )",
        "( 1.3.6.1.1.1.1.0 NAME 'uidNumber' EQUALITY integerMatch "
        "ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
        "( 1.3.6.1.1.1.1.1 NAME 'gidNumber' EQUALITY integerMatch "
        "ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
        "( 2.5.4.35 NAME 'userPassword' EQUALITY octetStringMatch "
        "SYNTAX 1.3.6.1.4.1.1466.115.121.1.40{128} )",
        "( 1.3.6.1.4.1.250.1.57 NAME 'labeledURI' EQUALITY caseExactMatch "
        "SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )",
        "( 2.5.4.13 NAME 'description' EQUALITY caseIgnoreMatch "
        "SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{1024} )",
        "( 2.5.4.34 NAME 'seeAlso' SUP distinguishedName )",
        "( 1.3.6.1.4.1.4203.666.1.60 NAME 'pKCS8PrivateKey' EQUALITY privateKeyMatch "
        "SYNTAX 1.2.840.113549.1.8.1.1 )",
        NULL,
};
static const char *const builtin_oc[] = {
        "( 2.5.6.0 NAME 'top' ABSTRACT MUST objectClass )",
        "( 1.3.6.1.4.1.1466.101.120.111 NAME 'extensibleObject' SUP top AUXILIARY )",
        "( 2.5.6.1 NAME 'alias' SUP top STRUCTURAL MUST aliasedObjectName )",
        "( 2.16.840.1.113730.3.2.6 NAME 'referral' SUP top STRUCTURAL MUST ref )",
        "( 1.3.6.1.4.1.1466.101.119.2 NAME 'dynamicObject' SUP top AUXILIARY )",
        "( 1.3.6.1.4.1.4203.666.3.4 NAME 'glue' SUP top STRUCTURAL )",
        NULL,
};

struct schema *
schema_new(void)
{
	struct schema *s = calloc(1, sizeof(struct schema));
	size_t i;

	for (i = 0; s != NULL && builtin_at[i] != NULL; i++) {
		if (define_one(s, 0, builtin_at[i], "built-in") != 0)
			goto fail;
	}
	for (i = 0; s != NULL && builtin_oc[i] != NULL; i++) {
		if (define_one(s, 1, builtin_oc[i], "built-in") != 0)
			goto fail;
	}
	return s;
fail:
	schema_free(s);
	return NULL;
}

static void
oc_free(struct oc *o)
{
	ldap_objectclass_free(o->def);
	free(o->sups);
	free(o->must);
	free(o->may);
	free(o);
}

void
schema_free(struct schema *s)
{
	size_t i;

	if (s == NULL)
		return;
	strtab_free(&s->ats, NULL);
	strtab_free(&s->ocs, NULL);
	for (i = 0; i < s->nat; i++) {
		ldap_attributetype_free(s->at[i]->def);
		free(s->at[i]);
	}
	for (i = 0; i < s->noc; i++)
		oc_free(s->oc[i]);
	free(s->at);
	free(s->oc);
	free(s);
}

int
schema_empty(const struct schema *s)
{
	return s == NULL || s->defined == 0;
}

/* Enter `item` under its OID and each of its names. */
static int
enter(struct strtab *t, const char *oid, char **names, void *item)
{
	size_t i;

	if (oid != NULL && strtab_put(t, oid, item, NULL) != 0)
		return -1;
	for (i = 0; names != NULL && names[i] != NULL; i++) {
		if (strtab_put(t, names[i], item, NULL) != 0)
			return -1;
	}
	return 0;
}

static int
append(void ***list, size_t *n, void *item)
{
	void **p = realloc(*list, (*n + 1) * sizeof *p);

	if (p == NULL)
		return -1;
	p[(*n)++] = item;
	*list = p;
	return 0;
}

int
schema_define(struct schema *s, int objectclass, const char *text, const char *where)
{
	int rc = define_one(s, objectclass, text, where);

	if (rc == 0)
		s->defined++;
	return rc;
}

static int
define_one(struct schema *s, int objectclass, const char *text, const char *where)
{
	const unsigned flags = LDAP_SCHEMA_ALLOW_ALL;
	const char *err = NULL;
	int code = 0;

	/* cn=config prefixes each value with its position: "{3}( ... )". */
	if (*text == '{') {
		const char *end = strchr(text, '}');

		if (end != NULL)
			text = end + 1;
	}
	s->resolved = 0;
	if (objectclass) {
		struct oc *o = calloc(1, sizeof *o);

		if (o == NULL)
			return -1;
		o->def = ldap_str2objectclass(text, &code, &err, flags);
		if (o->def == NULL) {
			warnx_("%s: object class: %s near '%.20s'", where, ldap_scherr2str(code),
			        err ? err : "");
			free(o);
			return -1;
		}
		if (append((void ***)&s->oc, &s->noc, o) != 0) {
			oc_free(o);
			return -1;
		}
		return enter(&s->ocs, o->def->oc_oid, o->def->oc_names, o);
	} else {
		struct at *a = calloc(1, sizeof *a);

		if (a == NULL)
			return -1;
		a->def = ldap_str2attributetype(text, &code, &err, flags);
		if (a->def == NULL) {
			warnx_("%s: attribute type: %s near '%.20s'", where, ldap_scherr2str(code),
			        err ? err : "");
			free(a);
			return -1;
		}
		if (append((void ***)&s->at, &s->nat, a) != 0) {
			ldap_attributetype_free(a->def);
			free(a);
			return -1;
		}
		return enter(&s->ats, a->def->at_oid, a->def->at_names, a);
	}
}

/* The attribute types named in `oids` (unknown ones are left out). */
static int
resolve_ats(const struct schema *s, char **oids, struct at ***out, size_t *n)
{
	size_t i;

	free(*out);
	*out = NULL;
	*n = 0;
	for (i = 0; oids != NULL && oids[i] != NULL; i++) {
		struct at *a = strtab_get(&s->ats, oids[i]);

		if (a != NULL && append((void ***)out, n, a) != 0)
			return -1;
	}
	return 0;
}

/* Link every definition to those it names, once all are loaded. */
static int
resolve(struct schema *s)
{
	size_t i, j;

	if (s->resolved)
		return 0;
	for (i = 0; i < s->nat; i++) {
		const char *sup = s->at[i]->def->at_sup_oid;

		s->at[i]->sup = sup ? strtab_get(&s->ats, sup) : NULL;
	}
	for (i = 0; i < s->noc; i++) {
		struct oc *o = s->oc[i];

		free(o->sups);
		o->sups = NULL;
		o->nsups = 0;
		for (j = 0; o->def->oc_sup_oids && o->def->oc_sup_oids[j]; j++) {
			struct oc *sup = strtab_get(&s->ocs, o->def->oc_sup_oids[j]);

			if (sup != NULL && sup != o && append((void ***)&o->sups, &o->nsups, sup))
				return -1;
		}
		if (resolve_ats(s, o->def->oc_at_oids_must, &o->must, &o->nmust) ||
		        resolve_ats(s, o->def->oc_at_oids_may, &o->may, &o->nmay))
			return -1;
	}
	s->resolved = 1;
	return 0;
}

/* ------------------------------------------------------------- checks */

struct check {
	const struct schema *s;
	const char *dn;
	schema_report_fn report;
	void *ctx;
	size_t findings;
	struct oc **classes; /* the entry's classes and their superclasses */
	size_t nclasses;
	int oom;
};

static void say(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(struct check *c, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	c->report(c->ctx, c->dn, what);
	c->findings++;
}

static const char *
oc_name(const struct oc *o)
{
	return o->def->oc_names && o->def->oc_names[0] ? o->def->oc_names[0] : o->def->oc_oid;
}

static const char *
at_name(const struct at *a)
{
	return a->def->at_names && a->def->at_names[0] ? a->def->at_names[0] : a->def->at_oid;
}

/* The attribute type of a description ("cn;lang-fr" is cn). */
static struct at *
lookup_at(const struct schema *s, const char *desc)
{
	char name[256];
	size_t n = strcspn(desc, ";");

	if (n >= sizeof name)
		return NULL;
	memcpy(name, desc, n);
	name[n] = '\0';
	return strtab_get(&s->ats, name);
}

const char *
schema_engine_name(struct schema *s, const char *desc, char *buf, size_t n)
{
	const struct at *a, *up;
	const char *opts = desc + strcspn(desc, ";");

	if (resolve(s) != 0 || (a = lookup_at(s, desc)) == NULL)
		return desc;
	/* As slapd's overlay sees it: a type declared SUP one the engine
	 * reads goes by the engine's subtype name. */
	for (up = a->sup; up != NULL; up = up->sup) {
		const char *sub;
		if ((sub = tn_attr_subtype_name(at_name(up))) != NULL)
			return sub;
		if (up->sup == up)
			break;
	}
	/* Already spelled so, as nearly every name is: nothing to write. */
	if (strncmp(at_name(a), desc, (size_t)(opts - desc)) == 0 &&
	        at_name(a)[opts - desc] == '\0')
		return desc;
	if ((size_t)snprintf(buf, n, "%s%s", at_name(a), opts) >= n)
		return desc;
	return buf;
}

const char *
schema_type_name(struct schema *s, const char *type)
{
	const struct at *a;

	if (resolve(s) != 0 || strchr(type, ';') || (a = lookup_at(s, type)) == NULL)
		return NULL;
	return at_name(a);
}

int
schema_is_dn(struct schema *s, const char *desc)
{
	const struct at *a;
	int depth = 0;

	if (resolve(s) != 0 || (a = lookup_at(s, desc)) == NULL)
		return -1;
	for (; a != NULL && depth < 32; a = a->sup, depth++) {
		if (a->def->at_syntax_oid != NULL)
			return strcmp(a->def->at_syntax_oid, "1.3.6.1.4.1.1466.115.121.1.12") == 0;
	}
	return 0;
}

static int
has_class(const struct check *c, const struct oc *o)
{
	size_t i;

	for (i = 0; i < c->nclasses; i++) {
		if (c->classes[i] == o)
			return 1;
	}
	return 0;
}

/* Add `o` and its superclasses to the entry's classes. */
static void
add_class(struct check *c, struct oc *o)
{
	size_t i;

	if (has_class(c, o))
		return;
	if (append((void ***)&c->classes, &c->nclasses, o) != 0) {
		c->oom = 1;
		return;
	}
	for (i = 0; i < o->nsups; i++)
		add_class(c, o->sups[i]);
}

/* Is `sup` `o` or one of its superclasses? */
static int
inherits(const struct oc *o, const struct oc *sup)
{
	size_t i;

	if (o == sup)
		return 1;
	for (i = 0; i < o->nsups; i++) {
		if (inherits(o->sups[i], sup))
			return 1;
	}
	return 0;
}

/* slapd's rule: the structural classes form one chain. */
static void
check_structural(struct check *c)
{
	const struct oc *most = NULL;
	size_t i;

	for (i = 0; i < c->nclasses; i++) {
		const struct oc *o = c->classes[i];

		if (o->def->oc_kind != LDAP_SCHEMA_STRUCTURAL)
			continue;
		if (most == NULL || inherits(o, most))
			most = o;
		else if (!inherits(most, o)) {
			say(c, "object classes %s and %s are both structural and not one chain",
			        oc_name(most), oc_name(o));
			return;
		}
	}
	if (most == NULL)
		say(c, "no structural object class");
}

/* Does some class of the entry allow `a` (or a supertype of it)? */
static int
allowed(const struct check *c, const struct at *a)
{
	size_t i, j;
	int depth;

	for (depth = 0; a != NULL && depth < 16; a = a->sup, depth++) {
		for (i = 0; i < c->nclasses; i++) {
			const struct oc *o = c->classes[i];

			for (j = 0; j < o->nmust; j++) {
				if (o->must[j] == a)
					return 1;
			}
			for (j = 0; j < o->nmay; j++) {
				if (o->may[j] == a)
					return 1;
			}
		}
	}
	return 0;
}

static const struct tn_attr *
entry_attr(const struct check *c, const struct tn_entry *e, const struct at *a)
{
	size_t i;

	for (i = 0; i < e->nattrs; i++) {
		if (lookup_at(c->s, e->attrs[i].name) == a)
			return &e->attrs[i];
	}
	return NULL;
}

static void
check_entry(struct check *c, const struct tn_entry *e)
{
	const struct oc *extensible = strtab_get(&c->s->ocs, "extensibleObject");
	const struct tn_attr *classes = NULL;
	struct oc *top;
	size_t i, j;

	for (i = 0; i < e->nattrs; i++) {
		if (strcasecmp(e->attrs[i].name, "objectClass") == 0)
			classes = &e->attrs[i];
	}
	if (classes == NULL) {
		say(c, "no objectClass");
		return;
	}
	for (i = 0; i < classes->nvals; i++) {
		char name[256];
		struct oc *o;

		snprintf(
		        name, sizeof name, "%.*s", (int)classes->vals[i].len, classes->vals[i].val);
		if ((o = strtab_get(&c->s->ocs, name)) == NULL)
			say(c, "object class %s is not defined", name);
		else
			add_class(c, o);
	}
	/* Every class descends from top, whether its definition says so or not. */
	if ((top = strtab_get(&c->s->ocs, "top")) != NULL)
		add_class(c, top);
	check_structural(c);
	for (i = 0; i < e->nattrs; i++) {
		const struct at *a = lookup_at(c->s, e->attrs[i].name);

		if (a == NULL && attr_is_operational(e->attrs[i].name))
			continue; /* slapd's own (entryCSN, kept for the engine) */
		if (a == NULL) {
			say(c, "attribute %s is not defined", e->attrs[i].name);
			continue;
		}
		if (a->def->at_usage != LDAP_SCHEMA_USER_APPLICATIONS)
			continue; /* operational: the server's */
		if ((extensible == NULL || !has_class(c, extensible)) && !allowed(c, a))
			say(c, "attribute %s is not allowed by the entry's object classes",
			        e->attrs[i].name);
		if (a->def->at_single_value && e->attrs[i].nvals > 1)
			say(c, "attribute %s is single-valued but has %zu values", e->attrs[i].name,
			        e->attrs[i].nvals);
	}
	for (i = 0; i < c->nclasses; i++) {
		const struct oc *o = c->classes[i];

		for (j = 0; j < o->nmust; j++) {
			if (entry_attr(c, e, o->must[j]) == NULL)
				say(c, "object class %s requires attribute %s", oc_name(o),
				        at_name(o->must[j]));
		}
	}
	/* No check of the RDN's values: slapd adds the missing ones itself. */
}

static void
check_mods(struct check *c, const struct tn_mod *mods, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct tn_attr *t = &mods[i].attr;
		const struct at *a = lookup_at(c->s, t->name);

		if (a == NULL) {
			say(c, "attribute %s is not defined", t->name);
			continue;
		}
		if (a->def->at_single_value && t->nvals > 1 &&
		        (mods[i].op == TN_MOD_ADD || mods[i].op == TN_MOD_REPLACE))
			say(c, "attribute %s is single-valued but is given %zu values", t->name,
			        t->nvals);
		if (strcasecmp(t->name, "objectClass") != 0 || mods[i].op == TN_MOD_DELETE)
			continue;
		for (j = 0; j < t->nvals; j++) {
			char name[256];

			snprintf(name, sizeof name, "%.*s", (int)t->vals[j].len, t->vals[j].val);
			if (strtab_get(&c->s->ocs, name) == NULL)
				say(c, "object class %s is not defined", name);
		}
	}
}

size_t
schema_check(struct schema *s, const struct tn_change *change, schema_report_fn report, void *ctx)
{
	struct check c = {s, change->dn, report, ctx, 0, NULL, 0, 0};

	if (schema_empty(s))
		return 0;
	if (resolve(s) != 0) {
		warnx_("out of memory");
		return 0;
	}
	if (change->kind == TN_ADD)
		check_entry(&c, change->entry);
	else if (change->kind == TN_MODIFY)
		check_mods(&c, change->mods, change->nmods);
	free(c.classes);
	if (c.oom)
		warnx_("out of memory");
	return c.findings;
}

/* ------------------------------------------------------------ sources */

static int
define_values(void *ctx, LDAP *ld, LDAPMessage *e)
{
	static const struct {
		const char *attr;
		int objectclass;
	} kinds[] = {{"attributeTypes", 0}, {"objectClasses", 1}};
	struct schema *s = ctx;
	size_t k;
	int i;

	for (k = 0; k < 2; k++) {
		struct berval **v = ldap_get_values_len(ld, e, kinds[k].attr);

		for (i = 0; v != NULL && v[i] != NULL; i++)
			schema_define(s, kinds[k].objectclass, v[i]->bv_val, "subschema");
		ldap_value_free_len(v);
	}
	return 0;
}

static int
subschema_dn(void *ctx, LDAP *ld, LDAPMessage *e)
{
	char **dn = ctx;
	struct berval **v = ldap_get_values_len(ld, e, "subschemaSubentry");

	if (v != NULL && v[0] != NULL)
		*dn = strndup(v[0]->bv_val, v[0]->bv_len);
	ldap_value_free_len(v);
	return 0;
}

int
schema_load_ldap(struct schema *s, LDAP *ld)
{
	static char *dse_attrs[] = {"subschemaSubentry", NULL};
	char *dn = NULL;
	int rc;

	rc = conn_search(ld, "", LDAP_SCOPE_BASE, "(objectClass=*)", dse_attrs, subschema_dn, &dn);
	if (rc == LDAP_SUCCESS && dn == NULL)
		return EXIT_OK; /* the server publishes no schema: nothing to check */
	if (rc == LDAP_SUCCESS) {
		static char *attrs[] = {"attributeTypes", "objectClasses", NULL};
		rc = conn_search(ld, dn, LDAP_SCOPE_BASE, "(objectClass=subschema)", attrs,
		        define_values, s);
	}
	free(dn);
	return rc == LDAP_SUCCESS ? EXIT_OK : EXIT_USAGE;
}
