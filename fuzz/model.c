/*
 * model.c - libFuzzer target: the engine's model updates, checked against
 * a slow reference.
 *
 * The input is read as a sequence of entry changes over a small universe:
 * three tenants (a.test, b.test, and x.test that comes and goes), a few
 * user, group, shared mailbox, unit and grant slots in each, four local
 * parts and four domain names.  Each change is judged by the engine
 * (tn_judge), passed through a simulation of what the backend itself
 * refuses (an existing DN, a missing parent, an existing or missing value,
 * a second value of a single-valued attribute, a missing MUST), and, when
 * both allow it, committed to the engine (tn_commit, or tn_record as a
 * replica would) and to a plain store of entries kept here.
 *
 * After every accepted change the reference recomputes, by brute force
 * over every live entry of the store:
 *   - domain names (primary and alias) are unique across tenants;
 *   - every address's domain part is a name of its entry's tenant;
 *   - no two entries answer to one address, alias-domain forms included;
 *   - every DN-valued reference names a live entry of the same tenant;
 *   - no entry changed tenant;
 *   - tn_route of every address of the universe finds the entry the store
 *     says holds it (or nothing when it is not routable or not held).
 * Every few steps and at the end, a second model is loaded from scratch
 * from the store (tn_model_load) and must give
 * the same tenancyAddress, tenancySender, tenancyDeliverTo,
 * tenancyImapGroup and tenancyEffectiveRole values, and the same routes,
 * as the model that followed the changes.
 *
 * A disagreement prints the steps and aborts: the input is a reproducer.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"

#define SUFFIX  "dc=example,dc=net"
#define DOMAINS "ou=domains," SUFFIX
#define ROLES   "ou=roles," SUFFIX

/* ------------------------------------------------------------ universe */

enum skind { S_BASE, S_DOMAIN, S_PEOPLE, S_UNIT, S_USER, S_GROUP, S_SHARED, S_GRANT, S_ROLE };

struct slot {
	enum skind kind;
	int tenant; /* 0, 1, 2; -1 outside every tenant */
	int parent; /* slot index, -1 for the suffix */
	char rdn_attr[8];
	char rdn_val[24];
	char dn[160]; /* canonical: lower case, no blanks */
};

#define NTENANTS 3
#define USERS    4
#define GROUPS   2
#define MAXSLOTS 64

static struct slot slots[MAXSLOTS];
static int nslots;
static int domain_slot[NTENANTS], people_slot[NTENANTS];
static int first_fixed_end; /* slots below this are always live */

static const char *const tenant_names[NTENANTS] = {"a.test", "b.test", "x.test"};
static const char *const domain_pool[] = {"a.test", "b.test", "x.test", "y.test"};
static const char *const local_pool[] = {"x", "y", "z", "w"};
static const char *const status_pool[] = {"enabled", "pending", "disabled", "failed"};
static const char *const role_pool[] = {"userManager", "groupManager"};

static int
add_slot(enum skind k, int tenant, int parent, const char *attr, const char *val)
{
	struct slot *s = &slots[nslots];

	s->kind = k;
	s->tenant = tenant;
	s->parent = parent;
	snprintf(s->rdn_attr, sizeof s->rdn_attr, "%s", attr);
	snprintf(s->rdn_val, sizeof s->rdn_val, "%s", val);
	snprintf(
	        s->dn, sizeof s->dn, "%s=%s,%s", attr, val, parent < 0 ? SUFFIX : slots[parent].dn);
	return nslots++;
}

static void
universe_init(void)
{
	int base, doms, roles, t, i;
	char name[16];

	if (nslots)
		return;
	base = nslots;
	slots[nslots].kind = S_BASE;
	slots[nslots].tenant = -1;
	slots[nslots].parent = -1;
	snprintf(slots[nslots].dn, sizeof slots[nslots].dn, "%s", SUFFIX);
	nslots++;
	doms = add_slot(S_BASE, -1, base, "ou", "domains");
	roles = add_slot(S_BASE, -1, base, "ou", "roles");
	add_slot(S_ROLE, -1, roles, "cn", "usermanager");
	add_slot(S_ROLE, -1, roles, "cn", "groupmanager");
	for (t = 0; t < 2; t++) {
		domain_slot[t] = add_slot(S_DOMAIN, t, doms, "tenancydomainname", tenant_names[t]);
		people_slot[t] = add_slot(S_PEOPLE, t, domain_slot[t], "ou", "people");
	}
	first_fixed_end = nslots;
	domain_slot[2] = add_slot(S_DOMAIN, 2, doms, "tenancydomainname", tenant_names[2]);
	people_slot[2] = -1;
	for (t = 0; t < 2; t++) {
		int u1 = add_slot(S_UNIT, t, domain_slot[t], "ou", "u1");
		add_slot(S_UNIT, t, u1, "ou", "u2");
		for (i = 0; i < USERS; i++) {
			snprintf(name, sizeof name, "p%d", i);
			add_slot(S_USER, t, people_slot[t], "uid", name);
		}
		for (i = 0; i < GROUPS; i++) {
			snprintf(name, sizeof name, "g%d", i);
			add_slot(S_GROUP, t, people_slot[t], "cn", name);
		}
		add_slot(S_SHARED, t, people_slot[t], "cn", "s0");
		add_slot(S_GRANT, t, people_slot[t], "cn", "gr0");
	}
}

/* --------------------------------------------------------------- store */

#define MAXATTRS 16
#define MAXVALS  8

struct sattr {
	const char *name; /* static */
	int n;
	char v[MAXVALS][96];
};

struct sentry {
	int live;
	int na;
	struct sattr a[MAXATTRS];
};

static struct sentry store[MAXSLOTS];

static struct sattr *
s_find(struct sentry *e, const char *name)
{
	int i;

	for (i = 0; i < e->na; i++)
		if (strcasecmp(e->a[i].name, name) == 0)
			return &e->a[i];
	return NULL;
}

static int
s_has(const struct sattr *a, const char *v)
{
	int i;

	for (i = 0; a != NULL && i < a->n; i++)
		if (strcasecmp(a->v[i], v) == 0)
			return 1;
	return 0;
}

/* Add a value; -1 when the attribute is full. */
static int
s_add(struct sentry *e, const char *name, const char *v)
{
	struct sattr *a = s_find(e, name);

	if (a == NULL) {
		if (e->na == MAXATTRS)
			return -1;
		a = &e->a[e->na++];
		a->name = name;
		a->n = 0;
	}
	if (a->n == MAXVALS)
		return -1;
	snprintf(a->v[a->n++], sizeof a->v[0], "%s", v);
	return 0;
}

static void
s_del_attr(struct sentry *e, const struct sattr *a)
{
	int i = (int)(a - e->a);

	memmove(&e->a[i], &e->a[i + 1], (size_t)(e->na - i - 1) * sizeof *a);
	e->na--;
}

static int
s_del_value(struct sentry *e, struct sattr *a, const char *v)
{
	int i;

	for (i = 0; i < a->n; i++) {
		if (strcasecmp(a->v[i], v) == 0) {
			memmove(a->v[i], a->v[i + 1], (size_t)(a->n - i - 1) * sizeof a->v[0]);
			if (--a->n == 0)
				s_del_attr(e, a);
			return 0;
		}
	}
	return -1;
}

/* Build a tn_entry from a store entry; the arrays are the caller's. */
struct flat {
	struct tn_attr attrs[MAXATTRS];
	struct tn_value vals[MAXATTRS * MAXVALS];
	struct tn_entry e;
};

static void
flatten(const struct sentry *se, const char *dn, struct flat *f)
{
	int i, j, nv = 0;

	for (i = 0; i < se->na; i++) {
		f->attrs[i].name = se->a[i].name;
		f->attrs[i].vals = &f->vals[nv];
		f->attrs[i].nvals = (size_t)se->a[i].n;
		for (j = 0; j < se->a[i].n; j++, nv++) {
			f->vals[nv].val = se->a[i].v[j];
			f->vals[nv].len = strlen(se->a[i].v[j]);
		}
	}
	f->e.dn = dn;
	f->e.nattrs = (size_t)se->na;
	f->e.attrs = f->attrs;
}

/* ------------------------------------------------------------ the log */

static char steps[64][400];
static int nsteps;
static int verbose = -1;

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void
logf_(const char *fmt, ...)
{
	va_list ap;

	if (nsteps == 64)
		return;
	va_start(ap, fmt);
	vsnprintf(steps[nsteps++], sizeof steps[0], fmt, ap);
	va_end(ap);
}

static void dump_store(void);
static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void
fail(const char *fmt, ...)
{
	va_list ap;
	int i;

	fprintf(stderr, "model: the engine and the reference disagree after:\n");
	for (i = 0; i < nsteps; i++)
		fprintf(stderr, "  %2d %s\n", i, steps[i]);
	if (verbose > 0)
		dump_store();
	fprintf(stderr, "model: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

/* ------------------------------------------------------- the reference */

/* FUZZ_VERBOSE=1: the store, as LDIF, when the reference disagrees. */
static void
dump_store(void)
{
	int s, i, j;

	fprintf(stderr, "model: the store:\n");
	for (s = 0; s < nslots; s++) {
		if (!store[s].live)
			continue;
		fprintf(stderr, "dn: %s\n", slots[s].dn);
		for (i = 0; i < store[s].na; i++)
			for (j = 0; j < store[s].a[i].n; j++)
				fprintf(stderr, "%s: %s\n", store[s].a[i].name, store[s].a[i].v[j]);
		fprintf(stderr, "\n");
	}
}

static int
slot_of_dn(const char *dn)
{
	int i;

	for (i = 0; i < nslots; i++)
		if (strcasecmp(slots[i].dn, dn) == 0)
			return i;
	return -1;
}

/* The tenant a domain name belongs to in the store, or -1. */
static int
ref_tenant_by_name(const char *name)
{
	int t;

	for (t = 0; t < NTENANTS; t++) {
		struct sentry *d = &store[domain_slot[t]];
		if (!d->live)
			continue;
		if (s_has(s_find(d, "tenancyDomainName"), name) ||
		        s_has(s_find(d, "tenancyDomainAlias"), name))
			return t;
	}
	return -1;
}

static int
addressable(enum skind k)
{
	return k == S_USER || k == S_GROUP || k == S_SHARED;
}

static const char *
status_of(int s)
{
	struct sattr *a = s_find(&store[s], "tenancyStatus");

	return a ? a->v[0] : NULL;
}

static int
ref_routable(int s)
{
	const char *ds = status_of(domain_slot[slots[s].tenant]);
	const char *es = status_of(s);

	if (ds != NULL && strcasecmp(ds, "enabled") != 0)
		return 0;
	return es == NULL || strcasecmp(es, "enabled") == 0 || strcasecmp(es, "pending") == 0;
}

/* Which live entry holds local@domain (alias forms included): -1 none,
 * -2 more than one. */
static int
ref_holder(const char *local, const char *domain)
{
	int t = ref_tenant_by_name(domain), s, holder = -1;
	size_t ll = strlen(local);

	if (t < 0)
		return -1;
	for (s = 0; s < nslots; s++) {
		static const char *const attrs[] = {"mail", "tenancyMailAlias"};
		int k, i;
		if (!store[s].live || !addressable(slots[s].kind) || slots[s].tenant != t)
			continue;
		for (k = 0; k < 2; k++) {
			struct sattr *a = s_find(&store[s], attrs[k]);
			for (i = 0; a != NULL && i < a->n; i++) {
				const char *at = strchr(a->v[i], '@');
				if (at == NULL || (size_t)(at - a->v[i]) != ll ||
				        strncasecmp(a->v[i], local, ll) != 0 ||
				        ref_tenant_by_name(at + 1) != t)
					continue;
				if (holder >= 0 && holder != s)
					return -2;
				holder = s;
			}
		}
	}
	return holder;
}

struct route_seen {
	int n;
	char dn[160];
};

static int
route_fn(void *ctx, const char *dn, const char *attr, const char *stored)
{
	struct route_seen *r = ctx;

	(void)attr;
	(void)stored;
	if (r->n == 0 || strcasecmp(r->dn, dn) != 0)
		r->n++;
	snprintf(r->dn, sizeof r->dn, "%s", dn);
	return 0;
}

/* A model's route of an address: the DN found, or "" */
static void
route_of(const struct tn_model *m, const char *addr, struct route_seen *r)
{
	memset(r, 0, sizeof *r);
	tn_route(m, addr, strlen(addr), route_fn, r);
}

static void
ref_check(struct tn_model *m)
{
	int s, t, t2, i, k, d, l;

	/* Domain names unique across tenants. */
	for (t = 0; t < NTENANTS; t++) {
		static const char *const dattrs[] = {"tenancyDomainName", "tenancyDomainAlias"};
		if (!store[domain_slot[t]].live)
			continue;
		for (k = 0; k < 2; k++) {
			struct sattr *a = s_find(&store[domain_slot[t]], dattrs[k]);
			for (i = 0; a != NULL && i < a->n; i++)
				for (t2 = 0; t2 < NTENANTS; t2++) {
					if (t2 == t || !store[domain_slot[t2]].live)
						continue;
					if (s_has(s_find(&store[domain_slot[t2]],
					                  "tenancyDomainName"),
					            a->v[i]) ||
					        s_has(s_find(&store[domain_slot[t2]],
					                      "tenancyDomainAlias"),
					                a->v[i]))
						fail("domain name %s is held by tenants %s and %s",
						        a->v[i], tenant_names[t], tenant_names[t2]);
				}
		}
	}
	for (s = 0; s < nslots; s++) {
		static const char *const refs[] = {"member", "tenancyUnitRef", "tenancyShareRead",
		        "tenancyShareManage", "tenancySendAsDelegate", "tenancyGrantee",
		        "tenancyScope"};
		if (!store[s].live)
			continue;
		/* Addresses in the entry's own tenant. */
		if (addressable(slots[s].kind)) {
			static const char *const attrs[] = {"mail", "tenancyMailAlias"};
			for (k = 0; k < 2; k++) {
				struct sattr *a = s_find(&store[s], attrs[k]);
				for (i = 0; a != NULL && i < a->n; i++) {
					const char *at = strchr(a->v[i], '@');
					if (at == NULL ||
					        ref_tenant_by_name(at + 1) != slots[s].tenant)
						fail("%s holds %s, outside its tenant", slots[s].dn,
						        a->v[i]);
				}
			}
		}
		/* References name live entries of the same tenant. */
		for (k = 0; k < (int)(sizeof refs / sizeof *refs); k++) {
			struct sattr *a = s_find(&store[s], refs[k]);
			for (i = 0; a != NULL && i < a->n; i++) {
				int r = slot_of_dn(a->v[i]);
				if (r < 0 || !store[r].live)
					fail("%s: %s names %s, which does not exist", slots[s].dn,
					        refs[k], a->v[i]);
				if (slots[r].tenant != slots[s].tenant)
					fail("%s: %s names %s, in another tenant", slots[s].dn,
					        refs[k], a->v[i]);
			}
		}
	}
	/* One holder per address; the engine routes to it. */
	for (l = 0; l < 4; l++)
		for (d = 0; d < 4; d++) {
			char addr[64];
			struct route_seen r;
			int h = ref_holder(local_pool[l], domain_pool[d]);

			snprintf(addr, sizeof addr, "%s@%s", local_pool[l], domain_pool[d]);
			if (h == -2)
				fail("two entries answer to %s", addr);
			route_of(m, addr, &r);
			if (r.n > 1)
				fail("%s routes to %d entries", addr, r.n);
			if (h >= 0 && ref_routable(h)) {
				if (r.n != 1 || strcasecmp(r.dn, slots[h].dn) != 0)
					fail("%s: held by %s, but routes to %s", addr, slots[h].dn,
					        r.n ? r.dn : "nothing");
			} else if (r.n != 0) {
				fail("%s: %s, but routes to %s", addr,
				        h >= 0 ? "held by a non-routable entry" : "held by no one",
				        r.dn);
			}
		}
}

/* ------------------------------------------ from scratch vs. incremental */

struct values {
	int n;
	char v[32][200];
};

static int
collect(void *ctx, const char *val, size_t len)
{
	struct values *vs = ctx;

	if (vs->n < 32)
		snprintf(vs->v[vs->n++], sizeof vs->v[0], "%.*s", (int)len, val);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void
computed_of(const struct tn_model *m, const char *attr, const char *dn, struct values *vs)
{
	vs->n = 0;
	tn_computed(m, attr, dn, collect, vs);
	qsort(vs->v, (size_t)vs->n, sizeof vs->v[0], cmp_str);
}

static struct tn_model *
configured_model(void)
{
	struct tn_model *m = tn_model_new();

	if (m == NULL || tn_config_add_operator(m, "cn=operator," SUFFIX) != 0 ||
	        tn_config_set_domains_base(m, DOMAINS) != 0 ||
	        tn_config_set_roles_base(m, ROLES) != 0)
		abort();
	return m;
}

static void
load_store(struct tn_model *m, int reverse)
{
	int i;

	for (i = 0; i < nslots; i++) {
		int s = reverse ? nslots - 1 - i : i;
		struct flat f;
		if (!store[s].live)
			continue;
		flatten(&store[s], slots[s].dn, &f);
		if (tn_model_load(m, &f.e) != 0)
			abort();
	}
}

static void
compare_scratch(struct tn_model *m)
{
	static const char *const attrs[] = {TN_AT_ADDRESS, TN_AT_SENDER, TN_AT_DELIVER_TO,
	        TN_AT_IMAP_GROUP, TN_AT_EFFECTIVE_ROLE};
	static struct values a, b;
	struct tn_model *fresh = configured_model();
	int s, k, i, l, d;

	/* Parent-first, as slapd's start-up usually reads; FUZZ_LOAD_REVERSE=1
	 * loads children before their tenant (a known finding: their
	 * addresses are then never indexed). */
	load_store(fresh, fz_env_on("FUZZ_LOAD_REVERSE"));
	for (s = 0; s < nslots; s++) {
		if (!store[s].live)
			continue;
		for (k = 0; k < 5; k++) {
			computed_of(m, attrs[k], slots[s].dn, &a);
			computed_of(fresh, attrs[k], slots[s].dn, &b);
			if (a.n != b.n)
				fail("%s of %s: %d values as changed, %d loaded from scratch%s%s",
				        attrs[k], slots[s].dn, a.n, b.n, a.n ? " (first: " : "",
				        a.n ? a.v[0] : (b.n ? b.v[0] : ""));
			for (i = 0; i < a.n; i++)
				if (strcmp(a.v[i], b.v[i]) != 0)
					fail("%s of %s: \"%s\" as changed, \"%s\" loaded from "
					     "scratch",
					        attrs[k], slots[s].dn, a.v[i], b.v[i]);
		}
	}
	for (l = 0; l < 4; l++)
		for (d = 0; d < 4; d++) {
			char addr[64];
			struct route_seen r1, r2;
			snprintf(addr, sizeof addr, "%s@%s", local_pool[l], domain_pool[d]);
			route_of(m, addr, &r1);
			route_of(fresh, addr, &r2);
			if (r1.n != r2.n || (r1.n && strcasecmp(r1.dn, r2.dn) != 0))
				fail("%s routes to %s as changed, to %s loaded from scratch", addr,
				        r1.n ? r1.dn : "nothing", r2.n ? r2.dn : "nothing");
		}
	tn_model_free(fresh);
}

/* ---------------------------------------------------- the backend's say */

static int
single_valued(const char *name)
{
	static const char *const sv[] = {"tenancyDomainName", "tenancyStatus", "tenancyUnitRef",
	        "tenancyGroupSendAs", "tenancyGroupDelivery", "tenancyGrantee", "tenancyScope"};
	size_t i;

	for (i = 0; i < sizeof sv / sizeof *sv; i++)
		if (strcasecmp(sv[i], name) == 0)
			return 1;
	return 0;
}

/* May an entry of this kind hold the attribute (its object classes)? */
static int
allowed(enum skind k, const char *name)
{
	static const char *const groups_only[] = {
	        "member", "tenancyGroupSendAs", "tenancyGroupDelivery"};
	static const char *const mailboxes_only[] = {
	        "tenancyShareRead", "tenancyShareManage", "tenancySendAsDelegate"};
	size_t i;

	for (i = 0; i < 3; i++) {
		if (strcasecmp(name, groups_only[i]) == 0)
			return k == S_GROUP;
		if (strcasecmp(name, mailboxes_only[i]) == 0)
			return k == S_USER || k == S_SHARED;
	}
	if (strcasecmp(name, "tenancyDomainAlias") == 0)
		return k == S_DOMAIN;
	return 1;
}

/* What the schema requires of an entry; 0 when it holds. */
static int
backend_schema(int s, const struct sentry *e)
{
	struct sentry *w = (struct sentry *)e;
	int i;

	for (i = 0; i < e->na; i++) {
		if (e->a[i].n > 1 && single_valued(e->a[i].name))
			return -1;
		if (!allowed(slots[s].kind, e->a[i].name))
			return -1; /* objectClassViolation */
	}
	switch (slots[s].kind) {
	case S_USER:
		return s_find(w, "mail") && s_find(w, "uid") ? 0 : -1;
	case S_SHARED:
		return s_find(w, "mail") && s_find(w, "cn") ? 0 : -1;
	case S_GROUP:
		return s_find(w, "member") && s_find(w, "cn") ? 0 : -1;
	case S_GRANT:
		return s_find(w, "tenancyGrantee") && s_find(w, "tenancyScope") &&
		                       s_find(w, "tenancyRole")
		               ? 0
		               : -1;
	case S_DOMAIN:
		return s_find(w, "tenancyDomainName") ? 0 : -1;
	default:
		return 0;
	}
}

static int
has_children(int s)
{
	int i;

	for (i = 0; i < nslots; i++)
		if (slots[i].parent == s && store[i].live)
			return 1;
	return 0;
}

/* Apply mods to a copy of the store entry; 0 and *out when the backend
 * would accept them. */
static int
backend_modify(int s, const struct tn_mod *mods, size_t n, struct sentry *out)
{
	size_t i, j;

	*out = store[s];
	for (i = 0; i < n; i++) {
		const struct tn_mod *md = &mods[i];
		struct sattr *a = s_find(out, md->attr.name);
		switch (md->op) {
		case TN_MOD_ADD:
			for (j = 0; j < md->attr.nvals; j++) {
				if (s_has(a, md->attr.vals[j].val))
					return -1; /* typeOrValueExists */
				if (s_add(out, md->attr.name, md->attr.vals[j].val) < 0)
					return -1;
				a = s_find(out, md->attr.name);
			}
			break;
		case TN_MOD_DELETE:
			if (a == NULL)
				return -1; /* noSuchAttribute */
			if (md->attr.nvals == 0) {
				s_del_attr(out, a);
				break;
			}
			for (j = 0; j < md->attr.nvals; j++) {
				a = s_find(out, md->attr.name);
				if (a == NULL || s_del_value(out, a, md->attr.vals[j].val) < 0)
					return -1;
			}
			break;
		case TN_MOD_REPLACE:
			if (a != NULL)
				s_del_attr(out, a);
			for (j = 0; j < md->attr.nvals; j++)
				if (s_add(out, md->attr.name, md->attr.vals[j].val) < 0)
					return -1;
			break;
		default:
			return -1;
		}
	}
	return backend_schema(s, out);
}

/* -------------------------------------------------------- the changes */

static struct tn_model *model;
static struct tn_actor actor;

/* Is `who` in group g, directly or through nested groups (store)? */
static int
ref_member(int g, int who, int depth)
{
	const struct sattr *a = s_find(&store[g], "member");
	int i;

	if (depth > 8 || !store[g].live)
		return 0;
	for (i = 0; a != NULL && i < a->n; i++) {
		int m = slot_of_dn(a->v[i]);
		if (m == who ||
		        (m >= 0 && slots[m].kind == S_GROUP && ref_member(m, who, depth + 1)))
			return 1;
	}
	return 0;
}

/* Does `who` hold anything that lets a non-operator write: a grant (to
 * itself or a group it is in), or a manage share on `target`? */
static int
ref_holds_something(int who, int target)
{
	int s;

	for (s = 0; s < nslots; s++) {
		const struct sattr *g;
		int gr;
		if (!store[s].live || slots[s].kind != S_GRANT)
			continue;
		g = s_find(&store[s], "tenancyGrantee");
		gr = g ? slot_of_dn(g->v[0]) : -1;
		if (gr == who || (gr >= 0 && slots[gr].kind == S_GROUP && ref_member(gr, who, 0)))
			return 1;
	}
	if (target >= 0 && store[target].live) {
		const struct sattr *a = s_find(&store[target], "tenancyShareManage");
		int i;
		for (i = 0; a != NULL && i < a->n; i++) {
			int h = slot_of_dn(a->v[i]);
			if (h == who ||
			        (h >= 0 && slots[h].kind == S_GROUP && ref_member(h, who, 0)))
				return 1;
		}
	}
	return 0;
}

/* What a delegated actor (a user of a.test) must never be allowed. */
static void
ref_authorised(const struct tn_change *c)
{
	int who, target;

	if (actor.is_root || actor.dn == NULL)
		return;
	who = slot_of_dn(actor.dn);
	target = slot_of_dn(c->dn);
	if (who < 0)
		return;
	if (target < 0 || slots[target].tenant != slots[who].tenant)
		fail("%s was allowed to write %s, outside its tenant", actor.dn, c->dn);
	if (slots[target].kind == S_DOMAIN && c->kind != TN_MODIFY)
		fail("%s was allowed to create, delete or move a tenant", actor.dn);
	if (target != who && !ref_holds_something(who, target))
		fail("%s, holding no grant and no manage share, was allowed to write %s", actor.dn,
		        c->dn);
	if (c->kind == TN_RENAME && c->newsup != NULL) {
		int to = slot_of_dn(c->newsup);
		if (to < 0 || slots[to].tenant != slots[who].tenant)
			fail("%s was allowed to move %s out of its tenant", actor.dn, c->dn);
	}
}

/* The change being run, judged and not yet committed, in the steps that
 * take the overlay's path (the others are recorded as a replica would). */
static struct tn_pending *pending;

/* Judge; when allowed, ask the backend (`commit`), then apply.  Returns 1
 * when applied. */
static int
run_change(struct tn_change *c, const char *what)
{
	struct tn_verdict a;
	int ok;

	tn_verdict_init(&a);
	/* The evidence, every other pair of steps. */
	a.want_explain = (nsteps >> 1) & 1;
	tn_discard(pending); /* the last change's, not committed */
	pending = NULL;
	if (tn_judge(model, &actor, c, &a, nsteps & 1 ? &pending : NULL) != 0)
		abort();
	fz_check_verdict(&a, 0);
	ok = a.code == TN_OK;
	logf_("%s %s as %s: %s", what, c->dn, actor.dn ? actor.dn : "rootdn",
	        ok ? "allowed" : (a.text ? a.text : a.rule));
	if (verbose > 0)
		fprintf(stderr, "%s\n", steps[nsteps - 1]);

	if (ok && a.set_status != NULL && c->kind == TN_ADD) {
		/* The adapter stores the status the engine asked for. */
		static char status[16];
		struct tn_entry *e = (struct tn_entry *)c->entry;
		struct tn_attr *at = (struct tn_attr *)e->attrs;
		size_t i;
		static struct tn_value v;
		snprintf(status, sizeof status, "%s", a.set_status);
		v.val = status;
		v.len = strlen(status);
		for (i = 0; i < e->nattrs; i++)
			if (strcasecmp(at[i].name, "tenancyStatus") == 0)
				break;
		at[i].name = "tenancyStatus";
		at[i].nvals = 1;
		at[i].vals = &v;
		if (i == e->nattrs)
			e->nattrs++; /* the caller left room */
	}
	tn_verdict_clear(&a);
	return ok;
}

/* The backend accepted it too: record it (after checking that a
 * delegated actor could not have reached this far by right). */
static void
commit(const struct tn_change *c)
{
	ref_authorised(c);
	tn_share_grants(model, c, fz_grant_sink, NULL);
	if ((pending ? tn_commit(model, pending) : tn_record(model, c)) != 0)
		abort();
	pending = NULL;
}

/* A DN for a slot, in a random spelling: the engine canonicalises. */
static const char *
spell(struct fz_in *in, int s, char *buf, size_t size)
{
	snprintf(buf, size, "%s", slots[s].dn);
	if (fz_pick(in, 4) == 0) {
		size_t i;
		for (i = 0; buf[i] != '\0'; i++)
			if (i % 3 == 0)
				buf[i] = (char)toupper((unsigned char)buf[i]);
	}
	return buf;
}

static void
pick_address(struct fz_in *in, char *buf, size_t size)
{
	unsigned b = fz_byte(in);

	snprintf(buf, size, "%s@%s", local_pool[b & 3], domain_pool[(b >> 2) & 3]);
	if (b & 0x40)
		buf[0] = (char)toupper((unsigned char)buf[0]);
}

/* The slot being written, so that pick_ref() can leave it out under
 * FUZZ_NO_SELF_REF=1 (fuzz/known.sh: a self-reference survives a rename,
 * fuzz/crashes/model-rename-self-reference). */
static int writing = -1;

/* A reference: mostly a slot of the same tenant, sometimes any slot. */
static int
pick_ref(struct fz_in *in, int tenant)
{
	static int no_self = -1;
	unsigned b = fz_byte(in);
	int tries, s;

	if (no_self < 0)
		no_self = getenv("FUZZ_NO_SELF_REF") != NULL &&
		          strcmp(getenv("FUZZ_NO_SELF_REF"), "0") != 0;
	for (tries = 0; tries < 3; tries++) {
		s = (int)((b + (unsigned)tries * 7) % (unsigned)nslots);
		if (no_self && s == writing)
			continue;
		if ((b & 0x80) || slots[s].tenant == tenant)
			return s;
	}
	return no_self && s == writing ? (s + 1) % nslots : s;
}

/* Build the attributes of a new entry for slot s, into se. */
static void
build_entry(struct fz_in *in, int s, struct sentry *se)
{
	int t = slots[s].tenant;
	unsigned flags = fz_byte(in);

	memset(se, 0, sizeof *se);
	switch (slots[s].kind) {
	case S_DOMAIN:
		s_add(se, "objectClass", "tenancyDomain");
		s_add(se, "tenancyDomainName", tenant_names[t]);
		if (flags & 1)
			s_add(se, "tenancyDomainAlias", domain_pool[fz_pick(in, 4)]);
		break;
	case S_UNIT:
		s_add(se, "objectClass", "tenancyUnit");
		s_add(se, "ou", slots[s].rdn_val);
		break;
	case S_USER:
		s_add(se, "objectClass", "inetOrgPerson");
		s_add(se, "objectClass", "tenancyMailbox");
		s_add(se, "uid", slots[s].rdn_val);
		s_add(se, "cn", slots[s].rdn_val);
		s_add(se, "sn", slots[s].rdn_val);
		break;
	case S_GROUP:
		s_add(se, "objectClass", "groupOfNames");
		s_add(se, "objectClass", "tenancyGroup");
		s_add(se, "cn", slots[s].rdn_val);
		s_add(se, "member", slots[pick_ref(in, t)].dn);
		if (flags & 1)
			s_add(se, "member", slots[pick_ref(in, t)].dn);
		if (flags & 2)
			s_add(se, "tenancyGroupSendAs", (flags & 4) ? "TRUE" : "FALSE");
		if (flags & 8)
			s_add(se, "tenancyGroupDelivery", "TRUE");
		break;
	case S_SHARED:
		s_add(se, "objectClass", "tenancySharedMailbox");
		s_add(se, "cn", slots[s].rdn_val);
		break;
	case S_GRANT:
		s_add(se, "objectClass", "tenancyGrant");
		s_add(se, "cn", slots[s].rdn_val);
		s_add(se, "tenancyGrantee", slots[pick_ref(in, t)].dn);
		s_add(se, "tenancyScope", slots[(flags & 1) ? domain_slot[t] : pick_ref(in, t)].dn);
		s_add(se, "tenancyRole", role_pool[flags >> 7]);
		break;
	default:
		break;
	}
	if (slots[s].kind == S_USER || slots[s].kind == S_SHARED ||
	        (slots[s].kind == S_GROUP && (flags & 16))) {
		char v[96];
		pick_address(in, v, sizeof v);
		s_add(se, "mail", v);
		if (flags & 32) {
			pick_address(in, v, sizeof v);
			if (!s_has(s_find(se, "tenancyMailAlias"), v))
				s_add(se, "tenancyMailAlias", v);
		}
	}
	if (addressable(slots[s].kind)) {
		if (flags & 64)
			s_add(se, "tenancyUnitRef", slots[pick_ref(in, t)].dn);
		if ((flags & 0x21) == 0x21)
			s_add(se, "tenancyStatus", status_pool[fz_pick(in, 4)]);
		if (slots[s].kind != S_GROUP && (flags & 0x11) == 0x11)
			s_add(se, (flags & 2) ? "tenancyShareManage" : "tenancySendAsDelegate",
			        slots[pick_ref(in, t)].dn);
	}
}

static void
op_add(struct fz_in *in)
{
	int s = first_fixed_end + (int)fz_pick(in, (unsigned)(nslots - first_fixed_end));
	struct sentry se;
	struct flat f;
	struct tn_change c;
	char dn[160];

	writing = s;
	build_entry(in, s, &se);
	flatten(&se, spell(in, s, dn, sizeof dn), &f);
	memset(&c, 0, sizeof c);
	c.kind = TN_ADD;
	c.dn = dn;
	c.entry = &f.e;
	if (verbose > 0) {
		size_t i, j;
		for (i = 0; i < f.e.nattrs; i++)
			for (j = 0; j < f.e.attrs[i].nvals; j++)
				fprintf(stderr, "    %s: %.*s\n", f.e.attrs[i].name,
				        (int)f.e.attrs[i].vals[j].len, f.e.attrs[i].vals[j].val);
	}
	if (!run_change(&c, "add"))
		return;
	/* The backend: no duplicate, a parent, the schema. */
	if (store[s].live || (slots[s].parent >= 0 && !store[slots[s].parent].live))
		return;
	if (backend_schema(s, &se) != 0)
		return;
	{
		/* The status the entry is stored with (run_change may have set
		 * the one the engine asked for): read before commit, written to
		 * the store after, since f's values point into se. */
		char st[16] = "";
		size_t i;
		for (i = 0; i < f.e.nattrs; i++)
			if (strcasecmp(f.e.attrs[i].name, "tenancyStatus") == 0)
				snprintf(st, sizeof st, "%.*s", (int)f.e.attrs[i].vals[0].len,
				        f.e.attrs[i].vals[0].val);
		commit(&c);
		if (st[0] != '\0') {
			const struct sattr *old = s_find(&se, "tenancyStatus");
			if (old != NULL)
				s_del_attr(&se, old);
			s_add(&se, "tenancyStatus", st);
		}
	}
	se.live = 1;
	store[s] = se;
}

static void
op_delete(struct fz_in *in)
{
	int s = first_fixed_end + (int)fz_pick(in, (unsigned)(nslots - first_fixed_end));
	struct tn_change c;
	char dn[160];

	memset(&c, 0, sizeof c);
	c.kind = TN_DELETE;
	c.dn = spell(in, s, dn, sizeof dn);
	if (!run_change(&c, "delete") || !store[s].live || has_children(s))
		return;
	commit(&c);
	store[s].live = 0;
}

/* One modification of slot s's kind, into md (values in vbuf). */
static void
pick_mod(struct fz_in *in, int s, struct tn_mod *md, struct tn_value *val, char *vbuf, size_t vsize)
{
	static const char *const addr_attrs[] = {"mail", "tenancyMailAlias"};
	static const char *const ref_attrs[] = {"member", "tenancyShareRead", "tenancyShareManage",
	        "tenancySendAsDelegate", "tenancyUnitRef"};
	unsigned b = fz_byte(in);
	int t = slots[s].tenant;
	const struct sattr *a;

	md->attr.vals = val;
	md->attr.nvals = 1;
	switch (slots[s].kind) {
	case S_DOMAIN:
		if (b & 1) {
			md->attr.name = "tenancyStatus";
			md->op = TN_MOD_REPLACE;
			snprintf(vbuf, vsize, "%s", status_pool[(b >> 1) & 3]);
		} else {
			md->attr.name = "tenancyDomainAlias";
			md->op = (b & 2) ? TN_MOD_DELETE : TN_MOD_ADD;
			snprintf(vbuf, vsize, "%s", domain_pool[(b >> 2) & 3]);
		}
		break;
	case S_GRANT:
		md->op = TN_MOD_REPLACE;
		switch (b % 3) {
		case 0:
			md->attr.name = "tenancyRole";
			snprintf(vbuf, vsize, "%s", role_pool[(b >> 2) & 1]);
			break;
		case 1:
			md->attr.name = "tenancyGrantee";
			snprintf(vbuf, vsize, "%s", slots[pick_ref(in, t)].dn);
			break;
		default:
			md->attr.name = "tenancyScope";
			snprintf(vbuf, vsize, "%s", slots[pick_ref(in, t)].dn);
			break;
		}
		break;
	default:
		switch (b & 7) {
		case 0:
		case 1:
		case 2:
			md->attr.name = addr_attrs[b & 1];
			md->op = (enum tn_mod_op)((b >> 3) % 3);
			/* FUZZ_SINGLE_MAIL=1 (fuzz/known.sh): one mail value only. */
			if ((b & 1) == 0 && md->op == TN_MOD_ADD &&
			        getenv("FUZZ_SINGLE_MAIL") != NULL &&
			        strcmp(getenv("FUZZ_SINGLE_MAIL"), "0") != 0)
				md->op = TN_MOD_REPLACE;
			a = s_find(&store[s], md->attr.name);
			if (md->op == TN_MOD_DELETE && a != NULL && (b & 0x40))
				snprintf(vbuf, vsize, "%s", a->v[(b >> 4) % a->n]);
			else
				pick_address(in, vbuf, vsize);
			if (md->op == TN_MOD_DELETE && (b & 0x80))
				md->attr.nvals = 0;
			break;
		case 3:
			md->attr.name = "tenancyStatus";
			md->op = (b & 8) ? TN_MOD_DELETE : TN_MOD_REPLACE;
			md->attr.nvals = (b & 8) ? 0 : 1;
			snprintf(vbuf, vsize, "%s", status_pool[(b >> 4) & 3]);
			break;
		case 4:
			md->attr.name = (b & 8) ? "tenancyGroupSendAs" : "tenancyGroupDelivery";
			md->op = TN_MOD_REPLACE;
			snprintf(vbuf, vsize, "%s", (b & 16) ? "TRUE" : "FALSE");
			break;
		default:
			md->attr.name = ref_attrs[(b >> 3) % 5];
			md->op = strcmp(md->attr.name, "tenancyUnitRef") == 0 ? TN_MOD_REPLACE
			         : (b & 0x80)                                 ? TN_MOD_DELETE
			                                                      : TN_MOD_ADD;
			a = s_find(&store[s], md->attr.name);
			if (md->op == TN_MOD_DELETE && a != NULL)
				snprintf(vbuf, vsize, "%s", a->v[(b >> 5) % a->n]);
			else
				snprintf(vbuf, vsize, "%s", slots[pick_ref(in, t)].dn);
			break;
		}
		break;
	}
	val->val = vbuf;
	val->len = strlen(vbuf);
}

static void
op_modify(struct fz_in *in)
{
	int s, pick = (int)fz_pick(in, 8);
	struct tn_mod mods[3];
	struct tn_value vals[3];
	char vbuf[3][96], dn[160];
	struct tn_change c;
	struct sentry after;
	size_t n = 1 + fz_pick(in, 3), i;

	if (pick == 0)
		s = domain_slot[fz_pick(in, NTENANTS)];
	else
		s = first_fixed_end + (int)fz_pick(in, (unsigned)(nslots - first_fixed_end));
	writing = s;
	for (i = 0; i < n; i++)
		pick_mod(in, s, &mods[i], &vals[i], vbuf[i], sizeof vbuf[i]);
	memset(&c, 0, sizeof c);
	c.kind = TN_MODIFY;
	c.dn = spell(in, s, dn, sizeof dn);
	c.mods = mods;
	c.nmods = n;
	for (i = 0; verbose > 0 && i < n; i++)
		fprintf(stderr, "    %s %s: %.*s\n",
		        mods[i].op == TN_MOD_ADD      ? "add"
		        : mods[i].op == TN_MOD_DELETE ? "delete"
		                                      : "replace",
		        mods[i].attr.name, mods[i].attr.nvals ? (int)mods[i].attr.vals[0].len : 0,
		        mods[i].attr.nvals ? mods[i].attr.vals[0].val : "");
	if (!run_change(&c, "modify") || !store[s].live || backend_modify(s, mods, n, &after) != 0)
		return;
	commit(&c);
	store[s] = after;
}

static void
op_rename(struct fz_in *in)
{
	int s = first_fixed_end + (int)fz_pick(in, (unsigned)(nslots - first_fixed_end));
	int to = first_fixed_end + (int)fz_pick(in, (unsigned)(nslots - first_fixed_end));
	/* cppcheck-suppress variableScope ; c.newsup points into newsup until run_change() */
	char dn[160], newrdn[64], newsup[160];
	struct tn_change c;
	struct sentry after;
	struct sattr *a;
	unsigned b = fz_byte(in);

	snprintf(newrdn, sizeof newrdn, "%s=%s", slots[to].rdn_attr, slots[to].rdn_val);
	memset(&c, 0, sizeof c);
	c.kind = TN_RENAME;
	c.dn = spell(in, s, dn, sizeof dn);
	c.newrdn = newrdn;
	c.deleteoldrdn = (int)(b & 1);
	if (slots[to].parent != slots[s].parent)
		c.newsup = spell(in, slots[to].parent, newsup, sizeof newsup);
	if (!run_change(&c, "rename"))
		return;
	{
		/* Below itself: the backend refuses; the engine must too, or
		 * its tree gets a cycle (fuzz/crashes/lint-move-below-itself.ldif). */
		int p;
		for (p = slots[to].parent; p >= 0; p = slots[p].parent)
			if (p == s && store[s].live && !fz_env_on("FUZZ_ALLOW_SELF_MOVE"))
				fail("%s was allowed to move below itself, as %s", slots[s].dn,
				        slots[to].dn);
			else if (p == s)
				return;
	}
	if (!store[s].live || store[to].live || to == s || !store[slots[to].parent].live ||
	        has_children(s) || slots[to].kind != slots[s].kind)
		return; /* the backend refuses, or the universe has no slot */
	if (slots[to].tenant != slots[s].tenant)
		fail("%s moved to another tenant, as %s", slots[s].dn, slots[to].dn);
	after = store[s];
	if (!s_has(s_find(&after, slots[to].rdn_attr), slots[to].rdn_val) &&
	        s_add(&after, slots[to].rdn_attr, slots[to].rdn_val) < 0)
		return;
	if (c.deleteoldrdn && strcasecmp(slots[to].rdn_val, slots[s].rdn_val) != 0 &&
	        (a = s_find(&after, slots[s].rdn_attr)) != NULL)
		s_del_value(&after, a, slots[s].rdn_val);
	if (backend_schema(to, &after) != 0)
		return;
	commit(&c);
	store[s].live = 0;
	after.live = 1;
	store[to] = after;
	/* References to s follow it (refint), which the engine must have
	 * refused to leave dangling: ref_check() will tell. */
}

/* ------------------------------------------------------------- driver */

static void
reset(void)
{
	int t;

	memset(store, 0, sizeof store);
	nsteps = 0;
	tn_discard(pending);
	pending = NULL;
	if (model != NULL)
		tn_model_free(model);
	model = configured_model();
	store[0].live = store[1].live = store[2].live = 1;
	s_add(&store[0], "objectClass", "organization");
	s_add(&store[0], "o", "example");
	s_add(&store[1], "objectClass", "organizationalUnit");
	s_add(&store[1], "ou", "domains");
	s_add(&store[2], "objectClass", "organizationalUnit");
	s_add(&store[2], "ou", "roles");
	/* Roles: userManager (users.*, implies nothing), groupManager. */
	store[3].live = store[4].live = 1;
	s_add(&store[3], "objectClass", "tenancyRole");
	s_add(&store[3], "cn", "userManager");
	s_add(&store[3], "tenancyPermission", "users.create");
	s_add(&store[3], "tenancyPermission", "users.mail");
	s_add(&store[3], "tenancyPermission", "grants");
	s_add(&store[4], "objectClass", "tenancyRole");
	s_add(&store[4], "cn", "groupManager");
	s_add(&store[4], "tenancyPermission", "groups");
	s_add(&store[4], "tenancyPermission", "groups.members");
	for (t = 0; t < 2; t++) {
		struct sentry *d = &store[domain_slot[t]], *p = &store[people_slot[t]];
		d->live = p->live = 1;
		s_add(d, "objectClass", "tenancyDomain");
		s_add(d, "tenancyDomainName", tenant_names[t]);
		s_add(p, "objectClass", "organizationalUnit");
		s_add(p, "ou", "people");
	}
	s_add(&store[domain_slot[0]], "tenancyDomainAlias", "y.test");
	s_add(&store[domain_slot[0]], "tenancyStatus", "enabled");
	load_store(model, 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = {data, size};
	int step = 0;

	if (size > 512)
		return 0;
	if (verbose < 0)
		verbose = fz_env_on("FUZZ_VERBOSE");
	universe_init();
	reset();
	ref_check(model);
	while (in.n > 0 && step < 48) {
		unsigned op = fz_byte(&in);
		/* Mostly the rootdn: invariants; sometimes a user of a.test. */
		if ((op & 0xe0) == 0xe0) {
			actor.dn = slots[first_fixed_end + 3 + (op & 3)].dn;
			actor.is_root = 0;
		} else {
			actor.dn = NULL;
			actor.is_root = 1;
		}
		switch (op % 5) {
		case 0:
			op_add(&in);
			break;
		case 1:
			op_delete(&in);
			break;
		case 2:
		case 3:
			op_modify(&in);
			break;
		default:
			op_rename(&in);
			break;
		}
		ref_check(model);
		if (++step % 8 == 0)
			compare_scratch(model);
	}
	compare_scratch(model);
	return 0;
}
