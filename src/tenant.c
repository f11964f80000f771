/*
 * tenant.c - tenants: which tenant an entry lives in, domain names and
 * alias domains, status, and who the actor is (operator, reader, member of
 * a tenant), with read isolation between tenants.
 *
 * Interface (tenant.h): tenant_of(), tenant_of_dn(), tenant_by_name(),
 * tenant_by_lower(), tenant_primary(), tenants_share_context(),
 * domain_name_valid(), status_parse(), status_name(), node_routable(),
 * kind_phrase(), actor_view(), view_sees(); tn_visible(), tn_visible_tenants(),
 * tn_sees_all(), tn_may_bind() and the principals and bases of the
 * configuration, tn_config_*() (tenancy.h).
 *
 * Failure modes: a DN the engine cannot read, memory running out
 * included, is taken as one that may lie inside any tenant: it is not
 * visible, may not bind, and as an actor sees no tenant and holds no
 * right.  tn_visible_tenants() returns (size_t)-1 when memory runs out;
 * the tn_config_*() functions return -1 for what is not a DN and when
 * memory runs out.
 */
#include "engine.h"
#include "dn.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

uint32_t
tenant_by_name(const struct tn_model *m, const char *name, size_t len)
{
	char low[256];
	size_t i;

	if (len == 0 || len >= sizeof(low))
		return 0;
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	return tenant_by_lower(m, low, len);
}

uint32_t
tenant_by_lower(const struct tn_model *m, const char *name, size_t len)
{
	return strmap_get(&m->domains, name, len, 0);
}

const char *
tenant_primary(const struct tn_model *m, uint32_t dom)
{
	const struct node *n = node_get(m, dom);

	return n && n->kind == K_DOMAIN && NODE_EXTRA(n) ? NODE_EXTRA(n) : "";
}

/* What each byte may be in a host name: a letter or digit, a hyphen, a
 * dot; 0 for anything else.  A table, not <ctype.h>: this runs on every
 * address looked up. */
enum { H_BAD = 0, H_LDH, H_HYPHEN, H_DOT };
#define LDH10(a)                                                                                   \
	[a] = H_LDH, [a + 1] = H_LDH, [a + 2] = H_LDH, [a + 3] = H_LDH, [a + 4] = H_LDH,           \
	[a + 5] = H_LDH, [a + 6] = H_LDH, [a + 7] = H_LDH, [a + 8] = H_LDH, [a + 9] = H_LDH
#define LDH6(a)                                                                                    \
	[a] = H_LDH, [a + 1] = H_LDH, [a + 2] = H_LDH, [a + 3] = H_LDH, [a + 4] = H_LDH,           \
	[a + 5] = H_LDH
static const unsigned char host_class[256] = {
        LDH10('0'),
        LDH10('a'),
        LDH10('k'),
        LDH6('u'),
        LDH10('A'),
        LDH10('K'),
        LDH6('U'),
        ['-'] = H_HYPHEN,
        ['.'] = H_DOT,
};

int
domain_name_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, label = 0; /* where the current label starts */

	if (len == 0 || len > 253 || s[0] == '.' || s[len - 1] == '.')
		return 0;
	for (i = 0; i < len; i++) {
		switch (host_class[p[i]]) {
		case H_LDH:
			continue; /* most bytes: one load and one compare */
		case H_DOT:
			if (i == label || i - label > 63)
				return 0; /* an empty or too long label */
			label = i + 1;
			continue;
		case H_HYPHEN:
			/* Not first or last in its label. */
			if (i == label || i + 1 == len || p[i + 1] == '.')
				return 0;
			continue;
		default:
			return 0;
		}
	}
	return len - label <= 63;
}

enum status
status_parse(const char *s, size_t len)
{
	static const char *const names[] = {"pending", "enabled", "failed", "disabled"};
	size_t i;

	/* As slapd matches it: blanks at either end do not count. */
	for (; len && *s == ' '; s++, len--)
		;
	for (; len && s[len - 1] == ' '; len--)
		;
	for (i = 0; i < 4; i++)
		if (strlen(names[i]) == len && strncasecmp(names[i], s, len) == 0)
			return (enum status)(ST_PENDING + i);
	return ST_INVALID;
}

const char *
status_name(enum status s)
{
	switch (s) {
	case ST_PENDING:
		return "pending";
	case ST_ENABLED:
		return "enabled";
	case ST_FAILED:
		return "failed";
	case ST_DISABLED:
		return "disabled";
	case ST_INVALID:
		return "invalid";
	default:
		return "enabled";
	}
}

/*
 * A domain routes when it is enabled (or says nothing).  A mailbox or group
 * routes when its tenant does and it is enabled, or pending: "pending" on an
 * entry means "waiting for its domain", so the domain's move to enabled
 * makes it active without anyone touching it (DESIGN §5.8).
 */
int
node_routable(const struct tn_model *m, uint32_t id)
{
	const struct node *n = node_get(m, id), *d;
	uint32_t t;

	if (!n)
		return 0;
	/* A domain that lost a name keeps the others (the name index says
	 * which); an entry that lost an address answers to nothing (§5b). */
	if (n->kind == K_DOMAIN)
		return n->status == ST_NONE || n->status == ST_ENABLED;
	if (n->mark & NM_LOSER)
		return 0;
	t = tenant_of(m, id);
	d = node_get(m, t);
	if (!t || !(d->status == ST_NONE || d->status == ST_ENABLED))
		return 0;
	return n->status == ST_NONE || n->status == ST_ENABLED || n->status == ST_PENDING;
}

int
tenants_share_context(const struct tn_model *m, uint32_t t1, uint32_t t2)
{
	const struct node *a = node_get(m, t1), *b = node_get(m, t2);
	const char *ca = a ? NODE_CONTEXT(a) : NULL, *cb = b ? NODE_CONTEXT(b) : NULL;

	if (t1 == t2)
		return 1;
	return ca && cb && strcmp(ca, cb) == 0;
}

/* The tenant a DN lies in, by its nearest ancestor the model holds: a bind
 * DN below a tenant is that tenant's even when the model does not hold the
 * entry itself (isolation must not fail open). */
static uint32_t
tenant_of_cdn(const struct tn_model *m, const char *cdn, size_t len)
{
	int exact;
	uint32_t id = node_find_nearest(m, cdn, len, &exact);

	return id ? tenant_of(m, id) : 0;
}

/*
 * The tenant of a DN, by its nearest ancestor the model holds.  *placed
 * is 0 when the DN cannot be canonicalised: it then lies nowhere the
 * engine can tell, and callers fail closed.  A DN in slapd's normal form
 * is canonicalised on the stack: this runs for every entry a search
 * returns.
 */
static uint32_t
tenant_of_dn_placed(const struct tn_model *m, const char *dn, int *placed)
{
	char simple[512];
	struct buf b;
	size_t len;
	uint32_t t = 0;

	*placed = 1;
	if (!dn || !*dn)
		return 0;
	len = strlen(dn);
	if (len < sizeof(simple) && dn_canon_simple(dn, len, simple))
		return tenant_of_cdn(m, simple, len);
	buf_init(&b);
	if (dn_canon(dn, len, &b) == 0 && !b.oom)
		t = b.s ? tenant_of_cdn(m, b.s, b.len) : 0;
	else
		*placed = 0;
	buf_free(&b);
	return t;
}

uint32_t
tenant_of_dn(const struct tn_model *m, const char *dn)
{
	int placed;

	return tenant_of_dn_placed(m, dn, &placed);
}

/*
 * May an entry inside a tenant act as an account?  Only an enabled
 * tenancyMailbox of an enabled tenant (DESIGN §5a.6 and §6: only mailboxes
 * bind, and disabled means disabled).
 */
static int
node_is_account(const struct tn_model *m, uint32_t id)
{
	const struct node *n = node_get(m, id);

	return n && n->kind == K_USER && node_routable(m, id);
}

/*
 * Who the actor is, from one canonicalisation of its DN: the rootdn or an
 * operator, a reader, its own node, and the tenant its DN lies in (by its
 * nearest ancestor the model holds, so that isolation does not fail open
 * for a bind DN the model does not hold).  An actor inside a tenant that
 * is no account (a group, a disabled mailbox, a mailbox of a domain that
 * is not enabled, a plain entry) is `inert`: it keeps its tenant, for the
 * texts, but holds no right and sees no tenant entry.
 */
void
actor_view(const struct tn_model *m, const struct tn_actor *a, struct actor_view *v)
{
	char simple[512];
	const char *cdn = NULL;
	struct buf b;
	size_t len;

	memset(v, 0, sizeof(*v));
	if (!a)
		return;
	v->privileged = a->is_root;
	if (!a->dn || !*a->dn)
		return;
	len = strlen(a->dn);
	buf_init(&b);
	/* Asked on every operation: a DN already in normal form (as slapd
	 * hands it over) is canonicalised on the stack. */
	if (len < sizeof(simple) && dn_canon_simple(a->dn, len, simple))
		cdn = simple;
	else if (dn_canon(a->dn, len, &b) == 0 && b.len && !b.oom) {
		cdn = b.s;
		len = b.len;
	}
	if (cdn) {
		int exact;
		v->privileged |= strmap_find(&m->operators, cdn, len) != NULL;
		v->reader = !v->privileged && strmap_find(&m->readers, cdn, len);
		/* Who the rootdn or an operator is in the tree decides
		 * nothing: every rule that asks is an authorisation rule. */
		if (!v->privileged) {
			uint32_t near = node_find_nearest(m, cdn, len, &exact);
			v->node = exact ? near : 0;
			v->tenant = near ? tenant_of(m, near) : 0;
		}
	} else if (!v->privileged) {
		/* A DN the engine cannot read is no one it can trust. */
		v->inert = 1;
		v->unplaced = 1;
	}
	if (v->tenant && !v->reader && !node_is_account(m, v->node))
		v->inert = 1;
	buf_free(&b);
}

/*
 * Secure by default (DESIGN §5a.8): only the rootdn, operators and readers
 * see every tenant.  Anonymous clients and every other identity outside
 * the tenants see none, whatever slapd's ACLs allow.
 */
int
tn_sees_all(const struct tn_model *m, const struct tn_actor *a)
{
	struct actor_view v;

	actor_view(m, a, &v);
	return v.privileged || v.reader;
}

int
tn_visible(const struct tn_model *m, const struct tn_actor *a, const char *dn)
{
	struct actor_view v;
	uint32_t target;
	int placed;

	actor_view(m, a, &v);
	if (v.privileged || v.reader)
		return 1;
	target = tenant_of_dn_placed(m, dn, &placed);
	if (!placed)
		return 0; /* fail closed: it may lie inside a tenant */
	if (!target)
		return 1;
	if (!v.tenant || v.inert)
		return 0;
	return tenants_share_context(m, v.tenant, target);
}

int
view_sees(const struct tn_model *m, const struct actor_view *v, uint32_t id)
{
	uint32_t t;

	if (v->privileged || v->reader || !(t = tenant_of(m, id)))
		return 1;
	return v->tenant && !v->inert && tenants_share_context(m, v->tenant, t);
}

size_t
tn_visible_tenants(const struct tn_model *m, const struct tn_actor *a, tn_value_fn fn, void *ctx)
{
	struct actor_view v;
	struct buf b;
	uint32_t id;
	size_t n = 0;

	actor_view(m, a, &v);
	if (v.privileged || v.reader || !v.tenant || v.inert)
		return 0;
	for (id = 1; id < m->nnodes; id++) {
		int stop;
		if (m->nodes[id].kind != K_DOMAIN || !tenants_share_context(m, v.tenant, id))
			continue;
		buf_init(&b);
		node_dn(m, id, &b);
		if (b.oom || !b.s) {
			buf_free(&b);
			return (size_t)-1;
		}
		n++;
		stop = fn(ctx, b.s, b.len);
		buf_free(&b);
		if (stop)
			break;
	}
	return n;
}

const char *
kind_phrase(enum kind k)
{
	switch (k) {
	case K_DOMAIN:
		return "the domain entry";
	case K_USER:
		return "a mailbox";
	case K_SHARED:
		return "a shared mailbox";
	case K_GROUP:
		return "a group";
	case K_UNIT:
		return "a unit";
	case K_GRANT:
		return "a grant";
	case K_ROLE:
		return "a role";
	case K_CONTACT:
		return "a contact";
	default:
		return "a plain entry";
	}
}

int
tn_may_bind(const struct tn_model *m, const char *dn, struct tn_answer *out)
{
	struct tn_actor a = {dn, 0};
	struct actor_view v;
	const struct node *n, *d;
	struct buf shown;

	tn_answer_clear(out);
	actor_view(m, &a, &v);
	if (v.privileged || v.reader || !v.inert)
		return 1;
	n = node_get(m, v.node);
	d = node_get(m, v.tenant);
	buf_init(&shown);
	if (v.node)
		node_dn_display(m, v.node, &shown);
	if (!v.tenant)
		answer_set(out, TN_INVALID_CREDENTIALS, "bind",
		        "%s: the DN cannot be placed, it may lie inside a tenant", dn);
	else if (!n || n->kind != K_USER)
		answer_set(out, TN_INVALID_CREDENTIALS, "bind",
		        "%s: only a tenancyMailbox binds inside a tenant, and this is %s",
		        shown.s ? shown.s : dn, kind_phrase(n ? (enum kind)n->kind : K_NONE));
	else if (d && !(d->status == ST_NONE || d->status == ST_ENABLED))
		answer_set(out, TN_INVALID_CREDENTIALS, "disabled", "%s: its domain %s is %s",
		        shown.s ? shown.s : dn, tenant_primary(m, v.tenant),
		        status_name((enum status)d->status));
	else
		answer_set(out, TN_INVALID_CREDENTIALS, "disabled", "%s: the mailbox is %s",
		        shown.s ? shown.s : dn, status_name((enum status)n->status));
	buf_free(&shown);
	return 0;
}

static int
config_dn(struct strmap *set, const char *dn)
{
	struct buf b;
	int rc = -1;

	buf_init(&b);
	if (dn && dn_canon(dn, strlen(dn), &b) == 0 && b.len)
		rc = strmap_put(set, b.s, b.len, 1) ? 0 : -1;
	buf_free(&b);
	return rc;
}

int
tn_config_add_operator(struct tn_model *m, const char *dn)
{
	return config_dn(&m->operators, dn);
}

int
tn_config_add_reader(struct tn_model *m, const char *dn)
{
	return config_dn(&m->readers, dn);
}

void
tn_config_clear_principals(struct tn_model *m)
{
	strmap_free(&m->operators);
	strmap_free(&m->readers);
}

static int
set_string(char **dst, const char *v, int canon)
{
	struct buf b;

	free(*dst);
	*dst = NULL;
	if (!v || !*v)
		return 0;
	buf_init(&b);
	if (canon) {
		if (dn_canon(v, strlen(v), &b) < 0) {
			buf_free(&b);
			return -1;
		}
	} else {
		buf_adds(&b, v);
	}
	*dst = buf_take(&b);
	return *dst ? 0 : -1;
}

int
tn_config_set_login_attr(struct tn_model *m, const char *attr)
{
	if (attr && strcasecmp(attr, TN_DEFAULT_LOGIN_ATTR) == 0)
		attr = NULL;
	return set_string(&m->login_attr, attr, 0);
}

int
tn_config_set_domains_base(struct tn_model *m, const char *dn)
{
	return set_string(&m->domains_base, dn, 1);
}

int
tn_config_set_roles_base(struct tn_model *m, const char *dn)
{
	return set_string(&m->roles_base, dn, 1);
}
