/*
 * fixture.c - the unit tests' world and helpers (see fixture.h).
 */
#define _GNU_SOURCE
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct tn_model *fx;
struct tn_verdict fx_verdict;
struct tn_answer fx_ans;
/* fx_judge()'s pending change, until apply() commits it. */
static struct tn_pending *fx_pending;
/* Which of the two fx_rule(), fx_text() and fx_code() read. */
static int fx_last_verdict;
const struct tn_actor fx_root = {ROOTDN, 1};
const char *fx_route_dn = "", *fx_route_attr = "", *fx_route_value = "";

/* ------------------------------------------------------------ memory */

static void **owned;
static size_t nowned, capowned;

static void *
keep(void *p)
{
	if (!p)
		cr_assert_fail("fixture: out of memory");
	if (nowned == capowned) {
		capowned = capowned ? capowned * 2 : 256;
		owned = realloc(owned, capowned * sizeof(*owned));
		if (!owned)
			cr_assert_fail("fixture: out of memory");
	}
	owned[nowned++] = p;
	return p;
}

void *
fx_alloc(size_t n)
{
	return keep(calloc(1, n ? n : 1));
}

char *
fx_strdup(const char *s)
{
	return keep(strdup(s));
}

char *
fx_printf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		s = NULL;
	return keep(s);
}

/* ----------------------------------------------------------- entries */

/* The tn_entry comes first so that a struct tn_entry * is one of these. */
struct fx_ent {
	struct tn_entry e;
	struct tn_attr *attrs;
	size_t cap;
};

static struct fx_ent *
ent_new(const char *dn)
{
	struct fx_ent *x = fx_alloc(sizeof(*x));

	x->e.dn = fx_strdup(dn);
	return x;
}

void
fx_entry_add(struct tn_entry *e, const char *attr, const char *val, size_t len)
{
	struct fx_ent *x = (struct fx_ent *)e;
	struct tn_attr *a = NULL;
	struct tn_value *nv;
	char *copy;
	size_t i;

	for (i = 0; i < x->e.nattrs; i++)
		if (strcasecmp(x->attrs[i].name, attr) == 0)
			a = &x->attrs[i];
	if (!a) {
		if (x->e.nattrs == x->cap) {
			struct tn_attr *na = fx_alloc((x->cap ? x->cap * 2 : 8) * sizeof(*na));
			if (x->e.nattrs)
				memcpy(na, x->attrs, x->e.nattrs * sizeof(*na));
			x->attrs = na;
			x->cap = x->cap ? x->cap * 2 : 8;
		}
		a = &x->attrs[x->e.nattrs++];
		a->name = fx_strdup(attr);
		a->nvals = 0;
		a->vals = NULL;
	}
	/* Values grow by doubling; the old arrays stay owned until teardown. */
	if ((a->nvals & (a->nvals - 1)) == 0) {
		nv = fx_alloc((a->nvals ? a->nvals * 2 : 1) * sizeof(*nv));
		if (a->nvals)
			memcpy(nv, a->vals, a->nvals * sizeof(*nv));
		a->vals = nv;
	}
	copy = fx_alloc(len + 1);
	memcpy(copy, val, len);
	nv = (struct tn_value *)a->vals;
	nv[a->nvals].len = len;
	nv[a->nvals].val = copy;
	a->nvals++;
	x->e.attrs = x->attrs;
}

/* "attr: value" into the entry. */
static void
entry_line(struct tn_entry *e, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	char name[128];
	size_t nl, v;

	if (!colon || (size_t)(colon - line) >= sizeof(name))
		cr_assert_fail("fixture: not an \"attr: value\" line: %.*s", (int)len, line);
	nl = (size_t)(colon - line);
	memcpy(name, line, nl);
	name[nl] = '\0';
	v = nl + 1;
	while (v < len && line[v] == ' ')
		v++;
	fx_entry_add(e, name, line + v, len - v);
}

struct tn_entry *
fx_entry(const char *dn, ...)
{
	struct fx_ent *x = ent_new(dn);
	const char *line;
	va_list ap;

	va_start(ap, dn);
	while ((line = va_arg(ap, const char *)) != NULL)
		entry_line(&x->e, line, strlen(line));
	va_end(ap);
	return &x->e;
}

struct tn_entry *
fx_record(const char *text)
{
	struct fx_ent *x = NULL;
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		while (len && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		if (len && *p != '#') {
			if (!x) {
				if (len < 4 || strncasecmp(p, "dn:", 3) != 0)
					cr_assert_fail("fixture: a record starts with dn: (%.*s)",
					        (int)len, p);
				{
					char *dn = fx_alloc(len);
					size_t s = 3;
					while (s < len && p[s] == ' ')
						s++;
					memcpy(dn, p + s, len - s);
					x = ent_new(dn);
				}
			} else {
				entry_line(&x->e, p, len);
			}
		}
		p += len + (nl ? 1 : 0);
		if (!nl)
			break;
	}
	if (!x)
		cr_assert_fail("fixture: empty record");
	return &x->e;
}

void
fx_record_unjudged(const char *text)
{
	struct tn_entry *e = fx_record(text);
	struct tn_change c;

	memset(&c, 0, sizeof(c));
	c.kind = TN_ADD;
	c.dn = e->dn;
	c.entry = e;
	cr_assert_eq(tn_record(fx, &c), 0);
}

/* ----------------------------------------------------------- changes */

enum tn_result
fx_judge(const struct tn_actor *actor, const struct tn_change *c)
{
	tn_discard(fx_pending);
	fx_pending = NULL;
	tn_verdict_clear(&fx_verdict);
	fx_last_verdict = 1;
	if (tn_judge(fx, actor, c, &fx_verdict, &fx_pending) != 0)
		cr_assert_fail("fixture: tn_judge ran out of memory");
	if ((fx_verdict.code == TN_OK) != (fx_pending != NULL))
		cr_assert_fail("fixture: tn_judge %s a pending change",
		        fx_pending ? "refused, yet gave" : "allowed, yet gave no");
	return fx_verdict.code;
}

/* The change fx_judge() allowed happened: commit it. */
static void
apply(const struct tn_change *c)
{
	struct tn_pending *p = fx_pending;

	fx_pending = NULL;
	if (tn_commit(fx, p) != 0)
		cr_assert_fail("fixture: tn_commit failed on %s", c->dn);
}

enum tn_result
fx_change(const struct tn_actor *actor, const struct tn_change *c)
{
	if (fx_judge(actor, c) != TN_OK)
		return fx_verdict.code;
	apply(c);
	return TN_OK;
}

enum tn_result
fx_add_entry(const struct tn_actor *actor, const struct tn_entry *e)
{
	struct tn_change c = {.kind = TN_ADD, .dn = e->dn, .entry = e};

	if (fx_judge(actor, &c) != TN_OK)
		return fx_verdict.code;
	/* The pending change holds the entry with the status it is stored
	 * with (set_status), as the overlay then stores it. */
	apply(&c);
	return TN_OK;
}

enum tn_result
fx_add(const struct tn_actor *actor, const char *dn, ...)
{
	struct fx_ent *x = ent_new(dn);
	const char *line;
	va_list ap;

	va_start(ap, dn);
	while ((line = va_arg(ap, const char *)) != NULL)
		entry_line(&x->e, line, strlen(line));
	va_end(ap);
	return fx_add_entry(actor, &x->e);
}

size_t
fx_ldif(const struct tn_actor *actor, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *rec = fx_alloc(len + 1);
		const char *q;
		memcpy(rec, p, len);
		for (q = rec; *q == '\n' || *q == ' ' || *q == '\t'; q++)
			;
		if (*q && fx_add_entry(actor, fx_record(rec)) != TN_OK)
			return 1;
		p += len;
		while (*p == '\n')
			p++;
	}
	return 0;
}

static enum tn_mod_op
mod_op(const char *s, size_t len)
{
	if (len == 3 && strncmp(s, "add", 3) == 0)
		return TN_MOD_ADD;
	if (len == 6 && strncmp(s, "delete", 6) == 0)
		return TN_MOD_DELETE;
	if (len == 7 && strncmp(s, "replace", 7) == 0)
		return TN_MOD_REPLACE;
	if (len == 9 && strncmp(s, "increment", 9) == 0)
		return TN_MOD_INCREMENT;
	cr_assert_fail("fixture: unknown modification %.*s", (int)len, s);
	return TN_MOD_ADD;
}

enum tn_result
fx_modify(const struct tn_actor *actor, const char *dn, ...)
{
	struct tn_mod *mods = NULL;
	size_t nmods = 0, cap = 0;
	const char *line;
	va_list ap;

	va_start(ap, dn);
	while ((line = va_arg(ap, const char *)) != NULL) {
		const char *c1 = strchr(line, ':'), *name, *c2, *val = NULL;
		size_t nlen;
		enum tn_mod_op op;
		struct tn_mod *m;
		cr_assert(c1 != NULL, "fixture: modification without op: %s", line);
		op = mod_op(line, (size_t)(c1 - line));
		name = c1 + 1;
		while (*name == ' ')
			name++;
		c2 = strchr(name, ':');
		nlen = c2 ? (size_t)(c2 - name) : strlen(name);
		if (c2) {
			val = c2 + 1;
			while (*val == ' ')
				val++;
		}
		m = nmods ? &mods[nmods - 1] : NULL;
		if (!m || m->op != op || strlen(m->attr.name) != nlen ||
		        strncasecmp(m->attr.name, name, nlen) != 0) {
			if (nmods == cap) {
				struct tn_mod *nm = fx_alloc((cap ? cap * 2 : 8) * sizeof(*nm));
				if (nmods)
					memcpy(nm, mods, nmods * sizeof(*nm));
				mods = nm;
				cap = cap ? cap * 2 : 8;
			}
			m = &mods[nmods++];
			m->op = op;
			m->attr.name = fx_printf("%.*s", (int)nlen, name);
			m->attr.nvals = 0;
			m->attr.vals = NULL;
		}
		if (val) {
			struct tn_value *nv = fx_alloc((m->attr.nvals + 1) * sizeof(*nv));
			if (m->attr.nvals)
				memcpy(nv, m->attr.vals, m->attr.nvals * sizeof(*nv));
			nv[m->attr.nvals].val = fx_strdup(val);
			nv[m->attr.nvals].len = strlen(val);
			m->attr.vals = nv;
			m->attr.nvals++;
		}
	}
	va_end(ap);
	{
		struct tn_change c = {.kind = TN_MODIFY, .dn = dn, .mods = mods, .nmods = nmods};
		if (fx_judge(actor, &c) == TN_OK)
			apply(&c);
	}
	return fx_verdict.code;
}

enum tn_result
fx_delete(const struct tn_actor *actor, const char *dn)
{
	struct tn_change c = {.kind = TN_DELETE, .dn = dn};

	if (fx_judge(actor, &c) == TN_OK)
		apply(&c);
	return fx_verdict.code;
}

enum tn_result
fx_rename(const struct tn_actor *actor, const char *dn, const char *newrdn, const char *newsup)
{
	struct tn_change c = {
	        .kind = TN_RENAME, .dn = dn, .newrdn = newrdn, .newsup = newsup, .deleteoldrdn = 1};

	if (fx_judge(actor, &c) == TN_OK)
		apply(&c);
	return fx_verdict.code;
}

const char *
fx_rule(void)
{
	const char *rule = fx_last_verdict ? fx_verdict.rule : fx_ans.rule;

	return rule ? rule : "";
}

const char *
fx_text(void)
{
	const char *text = fx_last_verdict ? fx_verdict.text : fx_ans.text;

	return text ? text : "";
}

int
fx_may_bind(const char *dn)
{
	tn_answer_clear(&fx_ans);
	fx_last_verdict = 0;
	return tn_may_bind(fx, dn, &fx_ans);
}

enum tn_result
fx_code(void)
{
	return fx_last_verdict ? fx_verdict.code : fx_ans.code;
}

const char *
fx_explain(void)
{
	const char *explain = fx_last_verdict ? fx_verdict.explain : fx_ans.explain;

	return explain ? explain : "";
}

/* --------------------------------------------------------- questions */

static int
route_cb(void *ctx, const char *dn, const char *attr, const char *value)
{
	size_t *calls = ctx;

	if ((*calls)++ == 0) {
		fx_route_dn = fx_strdup(dn);
		fx_route_attr = fx_strdup(attr);
		fx_route_value = fx_strdup(value);
	}
	return 0;
}

size_t
fx_route(const char *address)
{
	size_t calls = 0;

	fx_route_dn = fx_route_attr = fx_route_value = "";
	return tn_route(fx, address, strlen(address), route_cb, &calls);
}

struct values {
	char **v;
	size_t n, cap;
};

static int
value_cb(void *ctx, const char *val, size_t len)
{
	struct values *vs = ctx;

	if (vs->n == vs->cap) {
		char **nv = fx_alloc((vs->cap ? vs->cap * 2 : 16) * sizeof(*nv));
		if (vs->n)
			memcpy(nv, vs->v, vs->n * sizeof(*nv));
		vs->v = nv;
		vs->cap = vs->cap ? vs->cap * 2 : 16;
	}
	vs->v[vs->n] = fx_alloc(len + 1);
	memcpy(vs->v[vs->n], val, len);
	vs->n++;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *
fx_computed(const char *attr, const char *dn, const char *sep, size_t *n)
{
	struct values vs = {NULL, 0, 0};
	size_t count = tn_computed(fx, attr, dn, value_cb, &vs), i, len = 1;
	char *out;

	cr_assert_eq(count, vs.n, "tn_computed returned %zu but produced %zu values", count, vs.n);
	if (n)
		*n = vs.n;
	if (vs.n)
		qsort(vs.v, vs.n, sizeof(*vs.v), cmp_str);
	for (i = 0; i < vs.n; i++)
		len += strlen(vs.v[i]) + strlen(sep);
	out = fx_alloc(len);
	for (i = 0; i < vs.n; i++) {
		if (i)
			strcat(out, sep);
		strcat(out, vs.v[i]);
	}
	return out;
}

enum tn_result
fx_sendas(const char *login, const char *address, int on_behalf)
{
	tn_answer_clear(&fx_ans);
	fx_last_verdict = 0;
	if (tn_sendas_check(fx, login, address, on_behalf, &fx_ans) != 0)
		cr_assert_fail("fixture: tn_sendas_check ran out of memory");
	return fx_ans.code;
}

const char *
fx_rights(const char *dn, const char *unit)
{
	tn_answer_clear(&fx_ans);
	fx_last_verdict = 0;
	if (tn_rights(fx, dn, unit, &fx_ans) != 0)
		cr_assert_fail("fixture: tn_rights ran out of memory");
	return fx_text();
}

int
fx_has_word(const char *list, const char *word)
{
	size_t wl = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[wl] == '\0' || p[wl] == ' '))
			return 1;
		p += wl;
	}
	return 0;
}

/* ------------------------------------------------------------- world */

/* One LDIF line a line: clang-format would stair it after each ROLE(). */
/* clang-format off */
static const char roles_ldif[] =
	"dn: " ROLES "\n"
	"objectClass: organizationalUnit\n"
	"ou: roles\n"
	"\n"
	"dn: " ROLE("adminConsole") "\n"
	"objectClass: tenancyRole\n"
	"cn: adminConsole\n"
	"tenancyPermission: console\n"
	"tenancyRootOnly: TRUE\n"
	"\n"
	"dn: " ROLE("domainManager") "\n"
	"objectClass: tenancyRole\n"
	"cn: domainManager\n"
	"tenancyPermission: domain\n"
	"tenancyRootOnly: TRUE\n"
	"tenancyImplies: adminConsole\n"
	"\n"
	"dn: " ROLE("unitManager") "\n"
	"objectClass: tenancyRole\n"
	"cn: unitManager\n"
	"tenancyPermission: units\n"
	"\n"
	"dn: " ROLE("directoryEditor") "\n"
	"objectClass: tenancyRole\n"
	"cn: directoryEditor\n"
	"tenancyPermission: users.fields\n"
	"\n"
	"dn: " ROLE("userManager") "\n"
	"objectClass: tenancyRole\n"
	"cn: userManager\n"
	"tenancyPermission: users.create\n"
	"tenancyPermission: users.delete\n"
	"tenancyPermission: users.move\n"
	"tenancyPermission: users.password\n"
	"tenancyPermission: users.mail\n"
	"tenancyImplies: directoryEditor\n"
	"\n"
	"dn: " ROLE("quotaManager") "\n"
	"objectClass: tenancyRole\n"
	"cn: quotaManager\n"
	"tenancyPermission: quota\n"
	"\n"
	"dn: " ROLE("serviceManager") "\n"
	"objectClass: tenancyRole\n"
	"cn: serviceManager\n"
	"tenancyPermission: services\n"
	"\n"
	"dn: " ROLE("groupManager") "\n"
	"objectClass: tenancyRole\n"
	"cn: groupManager\n"
	"tenancyPermission: groups\n"
	"tenancyPermission: groups.members\n"
	"\n"
	"dn: " ROLE("sharedMailboxManager") "\n"
	"objectClass: tenancyRole\n"
	"cn: sharedMailboxManager\n"
	"tenancyPermission: shared\n"
	"tenancyPermission: shares\n"
	"\n"
	"dn: " ROLE("delegationManager") "\n"
	"objectClass: tenancyRole\n"
	"cn: delegationManager\n"
	"tenancyPermission: grants\n"
	"\n"
	"dn: " ROLE("tenantAdmin") "\n"
	"objectClass: tenancyRole\n"
	"cn: tenantAdmin\n"
	"tenancyImplies: userManager\n"
	"tenancyImplies: groupManager\n"
	"\n"
	"dn: " ROLE("unused") "\n"
	"objectClass: tenancyRole\n"
	"cn: unused\n"
	"tenancyPermission: quota\n";
/* clang-format on */

#define CONTAINER(ou, dom) "dn: ou=" ou "," dom "\nobjectClass: organizationalUnit\nou: " ou "\n\n"

#define PERSON(uid, extra)                                                                         \
	"dn: " USER(uid) "\n"                                                                      \
	                 "objectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"               \
	                 "uid: " uid "\ncn: " uid "\nsn: " uid "\n"                                \
	                 "mail: " uid "@iwdemo.fr\n" extra "\n"

#define GRANT_OF(name, grantee, scope, roles)                                                      \
	"dn: " GRANT(name) "\nobjectClass: tenancyGrant\ncn: " name "\n"                           \
	                   "tenancyGrantee: " grantee "\ntenancyScope: " scope "\n" roles "\n"

static const char iwdemo_ldif[] =
        "dn: " DOMAINS "\n"
        "objectClass: organizationalUnit\n"
        "ou: domains\n"
        "\n"
        "dn: " DOM "\n"
        "objectClass: tenancyDomain\n"
        "tenancyDomainName: iwdemo.fr\n"
        "tenancyDomainAlias: iwdemo.com\n"
        "tenancyStatus: enabled\n"
        "\n" CONTAINER("people", DOM) CONTAINER("groups", DOM) CONTAINER("shared", DOM) CONTAINER(
                "units", DOM) CONTAINER("grants",
                DOM) "dn: " EUROPE "\nobjectClass: tenancyUnit\nou: Europe\n\n"
                     "dn: " FRANCE "\nobjectClass: tenancyUnit\nou: France\n\n"
                     "dn: " PARIS "\nobjectClass: tenancyUnit\nou: Paris\n\n"
                     "dn: " ASIA "\nobjectClass: tenancyUnit\nou: Asia\n\n" PERSON(
                             "bob", "tenancyUnitRef: " PARIS "\n") PERSON("carol",
                             "tenancyUnitRef: " FRANCE
                             "\n") PERSON("dave", "tenancyUnitRef: " FRANCE "\n") PERSON("erin",
                             "tenancyUnitRef: " PARIS
                             "\n") PERSON("frank", "tenancyUnitRef: " ASIA "\n") PERSON("grace",
                             "tenancyUnitRef: " PARIS "\ntenancyStatus: disabled\n"
                             "tenancySendAsDelegate: " USER("bob") "\n") PERSON("henri",
                             "tenancyUnitRef: " FRANCE "\n") PERSON("ivan", "") PERSON("judy",
                             "tenancyUnitRef: " FRANCE
                             "\n") PERSON("boss", "tenancyUnitRef: " PARIS "\n") PERSON("alice",
                             "tenancyUnitRef: " PARIS "\n"
                             "tenancyMailAlias: alice.smith@iwdemo.fr\n"
                             "tenancySendAsDelegate: " USER(
                                     "bob") "\n"
                                            "tenancySendOnBehalfDelegate: " USER("erin") "\n")
        /* support-l2 is nested in support, which may send as and delivers. */
        "dn: " GROUP(
                "support-l2") "\n"
                              "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: "
                              "support-l2\n"
                              "member: " USER(
                                      "erin") "\n"
                                              "member: " USER(
                                                      "grace") "\n"
                                                               "\n"
                                                               "dn: " GROUP(
                                                                       "support") "\n"
                                                                                  "objectClass: "
                                                                                  "groupOfNames\nob"
                                                                                  "jectClass: "
                                                                                  "tenancyGroup\ncn"
                                                                                  ": support\n"
                                                                                  "mail: "
                                                                                  "support@iwdemo."
                                                                                  "fr\n"
                                                                                  "tenancyGroupSend"
                                                                                  "As: TRUE\n"
                                                                                  "tenancyGroupDeli"
                                                                                  "very: TRUE\n"
                                                                                  "member: " GROUP("support-l2") "\n"
                                                                                                                 "member: " USER("alice") "\n"
                                                                                                                                          "\n"
                                                                                                                                          "dn: " GROUP("sales") "\n"
                                                                                                                                                                "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: sales\n"
                                                                                                                                                                "mail: sales@iwdemo.fr\n"
                                                                                                                                                                "tenancyGroupDelivery: TRUE\n"
                                                                                                                                                                "member: " USER("bob") "\n"
                                                                                                                                                                                       "\n"
                                                                                                                                                                                       "dn: " GROUP("admins-inner") "\n"
                                                                                                                                                                                                                    "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: admins-inner\n"
                                                                                                                                                                                                                    "member: " USER("dave") "\n"
                                                                                                                                                                                                                                            "\n"
                                                                                                                                                                                                                                            "dn: " GROUP(
                                                                                                                                                                                                                                                    "admins") "\n"
                                                                                                                                                                                                                                                              "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: admins\n"
                                                                                                                                                                                                                                                              "member: " GROUP(
                                                                                                                                                                                                                                                                      "admins-inner") "\n"
                                                                                                                                                                                                                                                                                      "\n"
                                                                                                                                                                                                                                                                                      "dn: " GROUP("delegates-inner") "\n"
                                                                                                                                                                                                                                                                                                                      "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: delegates-inner\n"
                                                                                                                                                                                                                                                                                                                      "member: " USER(
                                                                                                                                                                                                                                                                                                                              "frank") "\n"
                                                                                                                                                                                                                                                                                                                                       "\n"
                                                                                                                                                                                                                                                                                                                                       "dn: " GROUP("delegates") "\n"
                                                                                                                                                                                                                                                                                                                                                                 "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: delegates\n"
                                                                                                                                                                                                                                                                                                                                                                 "member: " GROUP("delegates-inner") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                     "\n"
                                                                                                                                                                                                                                                                                                                                                                                                     "dn: " GROUP("power") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                           "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: power\n"
                                                                                                                                                                                                                                                                                                                                                                                                                           "member: " USER(
                                                                                                                                                                                                                                                                                                                                                                                                                                   "boss") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                           "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                           "dn: " GROUP("cycle-a") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                   "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: cycle-a\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                   "mail: cycle@iwdemo.fr\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                   "tenancyGroupSendAs: TRUE\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                   "tenancyGroupDelivery: TRUE\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                   "member: " USER("bob") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                          "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                          "dn: " GROUP("cycle-b") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                  "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: cycle-b\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                  "member: " GROUP("cycle-a") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                              "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                              "dn: " SHARED("contact") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                       "objectClass: tenancySharedMailbox\ncn: contact\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                       "mail: contact@iwdemo.fr\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                       "tenancyUnitRef: " PARIS "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                       "tenancyShareRead: " USER("bob") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                        "tenancyShareRead: " GROUP(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "support-l2") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                              "tenancyShareWrite: " GROUP(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                      "support") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                 "tenancyShareManage: " USER("alice") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                      "tenancySendAsDelegate: " GROUP(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                              "delegates") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           "dn: " SHARED(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                   "sales-box") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "objectClass: tenancySharedMailbox\ncn: sales-box\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "mail: sales-box@iwdemo.fr\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "tenancyShareManage: " GROUP("sales") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                      "tenancyShareReadReply: " USER("erin") "\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             "\n" GRANT_OF(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "carol-users", USER("carol"),
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     EUROPE,
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "tenancyRole: userManager\n") GRANT_OF("admins-groups",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     GROUP("admins"),
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     EUROPE,
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "tenancyRole: groupManager\n") GRANT_OF("boss-domain",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     USER("boss"), DOM,
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "tenancyRole: domainManager\ntenancyRole: userManager\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "tenancyRole: delegationManager\n") GRANT_OF("henri-deleg",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     USER("henri"),
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     FRANCE,
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "tenancyRole: delegationManager\ntenancyRole: userManager\n")
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     GRANT_OF(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             "ivan-groups", USER("ivan"),
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             DOM,
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             "tenancyRole: groupManager\n") GRANT_OF("power-users",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             GROUP("power"),
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             DOM,
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             "tenancyRole: userManager\n")
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             GRANT_OF(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "judy-admin",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     USER("judy"),
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     FRANCE,
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "tenancyRole: tenantAdmin\n")
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     GRANT_OF(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             "cycle-quota",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             GROUP("cycle-a"),
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             ASIA,
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             "tenancyRole: quotaManager\n");

static const char others_ldif[] =
        "dn: " ODOM "\n"
        "objectClass: tenancyDomain\n"
        "tenancyDomainName: other.org\n"
        "tenancyDomainAlias: other.net\n"
        "\n" CONTAINER("people", ODOM) CONTAINER("groups", ODOM) "dn: " OUSER(
                "oscar") "\n"
                         "objectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
                         "uid: oscar\ncn: oscar\nsn: oscar\nmail: oscar@other.org\n"
                         "\n"
                         "dn: cn=team,ou=groups," ODOM "\n"
                         "objectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: team\n"
                         "mail: team@other.org\n"
                         "member: " OUSER("oscar") "\n"
                                                   "\n"
                                                   "dn: " ADOM "\n"
                                                   "objectClass: tenancyDomain\n"
                                                   "tenancyDomainName: alpha.fr\n"
                                                   "tenancyContext: acme\n"
                                                   "\n"
                                                   "dn: uid=al," ADOM "\n"
                                                   "objectClass: inetOrgPerson\nobjectClass: "
                                                   "tenancyMailbox\n"
                                                   "uid: al\ncn: al\nsn: al\nmail: al@alpha.fr\n"
                                                   "\n"
                                                   "dn: " BDOM "\n"
                                                   "objectClass: tenancyDomain\n"
                                                   "tenancyDomainName: beta.fr\n"
                                                   "tenancyContext: acme\n"
                                                   "\n"
                                                   "dn: uid=bea," BDOM "\n"
                                                   "objectClass: inetOrgPerson\nobjectClass: "
                                                   "tenancyMailbox\n"
                                                   "uid: bea\ncn: bea\nsn: bea\nmail: bea@beta.fr\n"
                                                   "\n"
                                                   "dn: " PDOM "\n"
                                                   "objectClass: tenancyDomain\n"
                                                   "tenancyDomainName: pending.fr\n"
                                                   "tenancyStatus: pending\n"
                                                   "\n"
                                                   "dn: " CDOM "\n"
                                                   "objectClass: tenancyDomain\n"
                                                   "tenancyDomainName: closed.fr\n"
                                                   "tenancyStatus: disabled\n";

static void
configure(void)
{
	cr_assert_eq(tn_config_add_operator(fx, OPERATOR), 0);
	cr_assert_eq(tn_config_add_reader(fx, READER), 0);
	cr_assert_eq(tn_config_set_domains_base(fx, DOMAINS), 0);
	cr_assert_eq(tn_config_set_roles_base(fx, ROLES), 0);
}

void
fx_setup_empty(void)
{
	/* Cleared, not initialised: a test may set the world up again. */
	tn_answer_clear(&fx_ans);
	tn_verdict_clear(&fx_verdict);
	fx_verdict.want_explain = 1;
	tn_discard(fx_pending);
	fx_pending = NULL;
	fx_last_verdict = 0;
	/* Tests read explanations through fx_explain(); test_sendas.c asks
	 * without them too. */
	fx_ans.want_explain = 1;
	if (fx)
		tn_model_free(fx);
	fx = tn_model_new();
	cr_assert_not_null(fx, "tn_model_new");
	configure();
}

static void
load(const char *what, const char *ldif)
{
	if (fx_ldif(ROOT, ldif) != 0)
		cr_assert_fail("fixture: %s refused: %s", what, fx_text());
}

static void
load_world(void)
{
	load("roles", roles_ldif);
	load("iwdemo.fr", iwdemo_ldif);
	/* Close the cycle: cycle-a contains cycle-b, which contains cycle-a. */
	if (fx_modify(ROOT, GROUP("cycle-a"), "add: member: " GROUP("cycle-b"), FX_END))
		cr_assert_fail("fixture: closing the group cycle refused: %s", fx_text());
	load("other tenants", others_ldif);
	tn_answer_clear(&fx_ans);
	tn_verdict_clear(&fx_verdict);
}

void
fx_setup(void)
{
	fx_setup_empty();
	load_world();
}

void
fx_setup_uid_logins(void)
{
	fx_setup_empty();
	cr_assert_eq(tn_config_set_login_attr(fx, "uid"), 0);
	load_world();
}

void
fx_teardown(void)
{
	size_t i;

	tn_answer_clear(&fx_ans);
	tn_discard(fx_pending);
	fx_pending = NULL;
	tn_verdict_clear(&fx_verdict);
	tn_model_free(fx);
	fx = NULL;
	for (i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	owned = NULL;
	nowned = capowned = 0;
}
