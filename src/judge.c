/*
 * judge.c - "Here is a change; may this actor make it?"
 *
 * A change is read into two records, before and after, and judged in two
 * passes: the invariants of DESIGN §5, which hold for every actor, the
 * rootdn included; then the authorisation rules of §6, which the rootdn and
 * the tenancy operators pass.  The first rule broken decides the answer.
 */
#include "engine.h"
#include "dn.h"
#include "record.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

struct judge {
	struct tn_model *m;
	const struct tn_actor *actor;
	const struct tn_change *c;
	struct tn_verdict *out;
	uint32_t me, my_tenant;
	int privileged, reader, inert;
	struct tn_pending *read;        /* an add read ahead, or NULL */
	struct buf dn;          /* canonical target DN */
	uint32_t id;            /* the target's node, 0 when unknown */
	uint32_t parent;        /* parent_node()'s answer, once parent_known */
	int parent_known;
	uint32_t tenant;        /* the target's tenant */
	enum kind kb, ka;       /* kind before, after */
	struct rec before, after;
	struct buf t1, t2;      /* scratch for DNs in messages */
	/* cached rights of the actor at one unit */
	uint32_t rights_unit;
	struct rights rights;
	int have_rights;
	int plain;              /* a modify of attributes the engine ignores */
	int outside;            /* outside_tenants(): tenancy has no say */
};

#define REFUSED(j) ((j)->out->code != TN_OK)

static const char *
dn_of(struct judge *j, struct buf *b, uint32_t id)
{
	buf_reset(b);
	node_dn_display(j->m, id, b);
	return b->s ? b->s : "";
}

static const char *
target(struct judge *j)
{
	return j->c->display_dn ? j->c->display_dn : j->c->dn;
}

/* A value quoted for a one-line text: at most 80 bytes of it, every byte
 * that is not printable ASCII (CR, LF...), a quote and a backslash as \xHH. */
static const char *
quoted(struct buf *b, const char *v)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	buf_reset(b);
	buf_addc(b, '"');
	for (i = 0; v[i] && i < 80; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"') {
			char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			buf_add(b, e, 4);
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_adds(b, v[i] ? "...\"" : "\"");
	return b->s ? b->s : "";
}

/* The first entry (not a mere path node) at or above node `id`. */
static uint32_t
entry_at_or_above(const struct tn_model *m, uint32_t id)
{
	while (id && m->nodes[id].kind == K_NONE)
		id = m->nodes[id].parent;
	return id;
}

/* The nearest entry at or above a canonical DN that the model holds: one
 * walk down the tree, then up to the first entry. */
static uint32_t
nearest(const struct tn_model *m, const char *cdn, size_t len)
{
	int exact;

	return entry_at_or_above(m, node_find_nearest(m, cdn, len, &exact));
}

/* The nearest entry above the target, found once. */
static uint32_t
parent_node(struct judge *j)
{
	size_t r;

	if (j->parent_known)
		return j->parent;
	r = dn_rdn_len(j->dn.s, j->dn.len);
	j->parent = r < j->dn.len ? nearest(j->m, j->dn.s + r + 1, j->dn.len - r - 1) : 0;
	j->parent_known = 1;
	return j->parent;
}

static const char *
role_display(const struct tn_model *m, uint32_t r, const char *fallback)
{
	if (r < m->nroles && m->roles[r].display)
		return m->roles[r].display;
	if (r < m->nroles && !fallback)
		return m->roles[r].name;
	return fallback ? fallback : "?";
}

/* A DN value of a record, as the schema spells it when the model knows it. */
static const char *
ref_display(struct judge *j, struct buf *b, const char *cdn)
{
	uint32_t id = node_find(j->m, cdn, strlen(cdn));

	buf_reset(b);
	if (id) {
		node_dn_display(j->m, id, b);
	} else {
		buf_adds(b, cdn);
		dn_pretty(b, 0);
	}
	return b->s && !b->oom ? b->s : cdn;
}

/* ---------------------------------------------------------- invariants */

static int
ref_fits(enum ref_attr a, enum kind k, uint32_t id, uint32_t tenant)
{
	switch (a) {
	case R_MEMBER:
		return k == K_USER || k == K_SHARED || k == K_GROUP;
	case R_UNIT:
		return k == K_UNIT;
	case R_SUBSCRIPTION:
		return k == K_SHARED || k == K_USER;
	case R_SCOPE:
		return k == K_UNIT || (k == K_DOMAIN && id == tenant);
	default:
		return k == K_USER || k == K_GROUP;
	}
}

static const char *
ref_expect(enum ref_attr a)
{
	switch (a) {
	case R_MEMBER: return "mailbox, shared mailbox or group";
	case R_UNIT: return "unit";
	case R_SUBSCRIPTION: return "mailbox";
	case R_SCOPE: return "unit or the grant's own domain";
	default: return "user or group";
	}
}

static void
check_references(struct judge *j)
{
	int a;
	size_t i;

	for (a = 0; a < R_NATTR && !REFUSED(j); a++) {
		if (a == R_MEMBER && j->ka != K_GROUP)
			continue;
		for (i = 0; i < j->after.ref[a].n && !REFUSED(j); i++) {
			const char *v = j->after.ref[a].v[i];
			uint32_t t;
			enum kind k;
			if (strv_has(&j->before.ref[a], v))
				continue;       /* only what the change adds */
			if (a == R_MEMBER && strcmp(v, j->dn.s) == 0)
				continue;       /* a group naming itself: a placeholder */
			t = node_find(j->m, v, strlen(v));
			k = t ? (enum kind)j->m->nodes[t].kind : K_NONE;
			if (k == K_NONE || (!j->privileged && tenant_of(j->m, t) != j->tenant &&
					!tenants_share_context(j->m, j->my_tenant, tenant_of(j->m, t)))) {
				/* The model holds only tenancy entries: a plain
				 * entry and a missing one look alike, and a hidden
				 * one must look the same. */
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "reference",
					"%s: %s names %s, which is not a %s of tenant %s", target(j),
					ref_attr_name[a], ref_display(j, &j->t1, v),
					ref_expect((enum ref_attr)a), tenant_primary(j->m, j->tenant));
			} else if (tenant_of(j->m, t) != j->tenant) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "reference",
					"%s: %s names %s, which belongs to another tenant", target(j),
					ref_attr_name[a], ref_display(j, &j->t1, v));
			} else if (!ref_fits((enum ref_attr)a, k, t, j->tenant)) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "reference",
					"%s: %s names %s, which is a %s, not a %s", target(j),
					ref_attr_name[a], ref_display(j, &j->t1, v), kind_name(k),
					ref_expect((enum ref_attr)a));
			} else if (a == R_SUBSCRIPTION &&
					(!j->id || share_level(j->m, t, j->id, NULL) < 0)) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "subscription",
					"%s: tenancySubscription names %s, which is not shared with this user",
					target(j), ref_display(j, &j->t1, v));
			}
		}
	}
}

static void
check_domain(struct judge *j)
{
	struct strv *lists[2] = { &j->after.domname, &j->after.domalias };
	size_t l, i;

	if (j->after.domname.n != 1) {
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "domain-name",
			"%s: a tenant has exactly one tenancyDomainName", target(j));
		return;
	}
	if (j->tenant && j->tenant != j->id) {
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "domain-place",
			"%s: a tenant cannot live inside another tenant", target(j));
		return;
	}
	if (j->m->domains_base && j->c->kind == TN_ADD) {
		size_t bl = strlen(j->m->domains_base);
		if (j->dn.len <= bl + 1 || strcmp(j->dn.s + j->dn.len - bl, j->m->domains_base) ||
				j->dn.s[j->dn.len - bl - 1] != ',') {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "domain-place",
				"%s: tenants are created below %s", target(j), j->m->domains_base);
			return;
		}
	}
	for (l = 0; l < 2; l++) {
		for (i = 0; i < lists[l]->n; i++) {
			const char *name = lists[l]->v[i];
			uint32_t owner;
			if (!domain_name_valid(name, strlen(name))) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "address-syntax",
					"%s: %s is not a valid domain name (letters, digits and "
					"hyphens, at most 253 octets)", target(j),
					quoted(&j->t2, name));
				return;
			}
			owner = strmap_get(&j->m->domains, name, strlen(name), 0);
			if (owner && owner != j->id) {
				if (j->privileged)
					verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "domain-unique",
						"%s: domain name %s already belongs to %s", target(j), name,
						dn_of(j, &j->t1, owner));
				else
					verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "domain-unique",
						"%s: domain name %s is already taken", target(j), name);
				return;
			}
			if (l == 1 && strcmp(name, j->after.domname.v[0]) == 0) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "domain-name",
					"%s: %s is the primary name, not an alias", target(j), name);
				return;
			}
		}
	}
	/* Names the change removes must no longer carry addresses. */
	for (l = 0; l < 2; l++) {
		struct strv *bl = l ? &j->before.domalias : &j->before.domname;
		for (i = 0; i < bl->n; i++) {
			const char *name = bl->v[i], *ex = NULL;
			uint32_t exo = 0;
			size_t n;
			if (strv_has(&j->after.domname, name) || strv_has(&j->after.domalias, name))
				continue;
			n = addr_count_domain(j->m, j->id, name, &ex, &exo);
			if (n) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
					"%s: %s domain %s is still used by %zu address%s (first: %s on %s)",
					target(j), l ? "alias" : "primary", name, n, n == 1 ? "" : "es",
					ex, dn_of(j, &j->t1, exo));
				return;
			}
		}
	}
}

static void
check_addresses(struct judge *j)
{
	struct strv *lists[2] = { &j->after.mail, &j->after.alias };
	size_t l, i;

	for (l = 0; l < 2; l++) {
		for (i = 0; i < lists[l]->n; i++) {
			const char *a = lists[l]->v[i];
			size_t at, len = strlen(a);
			uint32_t owner;
			const char *why = addr_error(a, len, &at);
			if (why) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "address-syntax",
					"%s: %s is not a mail address: %s", target(j),
					quoted(&j->t2, a), why);
				return;
			}
			if (tenant_by_name(j->m, a + at + 1, len - at - 1) != j->tenant) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "address-domain",
					"%s: %s is not in tenant %s or its alias domains", target(j), a,
					tenant_primary(j->m, j->tenant));
				return;
			}
			owner = addr_owner(j->m, a, len);
			if (owner && owner != j->id) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "address-unique",
					"%s: %s is already an address of %s", target(j), a,
					dn_of(j, &j->t1, owner));
				return;
			}
		}
	}
}

/* With a login attribute other than mail, login names are unique across
 * every tenant: SASL names one account, and Postfix compares names. */
static void
check_logins(struct judge *j)
{
	size_t i;

	for (i = 0; j->m->login_attr && i < j->after.logins.n; i++) {
		const char *l = j->after.logins.v[i];
		uint32_t owner = strmap_get(&j->m->logins, l, strlen(l), 0);
		if (!owner || owner == j->id || j->m->nodes[owner].kind != K_USER)
			continue;
		if (j->privileged || tenant_of(j->m, owner) == j->tenant)
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "login-unique",
				"%s: login %s is already the login of %s", target(j), l,
				dn_of(j, &j->t1, owner));
		else
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "login-unique",
				"%s: login %s is already taken", target(j), l);
		return;
	}
}

static void
check_grant(struct judge *j)
{
	size_t i;
	uint32_t scope;

	if (j->after.ref[R_GRANTEE].n != 1 || j->after.ref[R_SCOPE].n != 1) {
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "grant",
			"%s: a grant names exactly one tenancyGrantee and one tenancyScope",
			target(j));
		return;
	}
	scope = node_find(j->m, j->after.ref[R_SCOPE].v[0],
		strlen(j->after.ref[R_SCOPE].v[0]));
	for (i = 0; i < j->after.roles.n; i++) {
		const char *rn = j->after.roles.v[i];
		uint32_t r = role_find(j->m, rn, strlen(rn));
		if (r == UINT32_MAX || !j->m->roles[r].node) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "grant-role",
				"%s: role %s is not defined", target(j), rn);
			return;
		}
		if (j->m->roles[r].rootonly && scope != j->tenant) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "root-only",
				"%s: role %s is granted only on the domain itself, not on %s",
				target(j), role_display(j->m, r, rn),
				ref_display(j, &j->t1, j->after.ref[R_SCOPE].v[0]));
			return;
		}
	}
}

/* The role defined by node `id`, or UINT32_MAX. */
static uint32_t
role_of_node(const struct tn_model *m, uint32_t id)
{
	uint32_t r;

	for (r = 0; r < m->nroles; r++)
		if (m->roles[r].node == id)
			return r;
	return UINT32_MAX;
}

/* Refuse when role r is still granted, or implied by another defined
 * role: deleting or renaming it would take permissions away silently. */
static void
refuse_role_in_use(struct judge *j, uint32_t r)
{
	const struct role *ro = &j->m->roles[r];
	uint32_t q, implied = 0, first = 0;
	struct buf b;

	for (q = 0; q < j->m->nroles; q++) {
		if (q == r || !j->m->roles[q].node || !idlist_has(j->m->roles[q].implies, r))
			continue;
		if (!implied++)
			first = q;
	}
	if (!ro->uses && !implied)
		return;
	buf_init(&b);
	if (ro->uses)
		buf_printf(&b, "granted by %u grant%s", ro->uses, ro->uses == 1 ? "" : "s");
	if (implied) {
		buf_printf(&b, "%simplied by %u role%s (first: %s)", ro->uses ? " and " : "",
			implied, implied == 1 ? "" : "s", role_display(j->m, first, NULL));
	}
	verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use", "%s: role %s is still %s",
		target(j), role_display(j->m, r, NULL), b.s ? b.s : "");
	buf_free(&b);
}

static void
check_role_def(struct judge *j)
{
	size_t i;

	if (j->m->roles_base && j->c->kind == TN_ADD) {
		size_t bl = strlen(j->m->roles_base);
		if (j->dn.len <= bl + 1 || strcmp(j->dn.s + j->dn.len - bl, j->m->roles_base)) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "role-place",
				"%s: roles are defined below %s", target(j), j->m->roles_base);
			return;
		}
	}
	for (i = 0; i < j->after.perms.n; i++) {
		const char *p = j->after.perms.v[i];
		if (perm_parse(p, strlen(p)) < 0) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "role-permission",
				"%s: %s is not a tenancy permission (see slapo-tenancy(5))",
				target(j), p);
			return;
		}
	}
	if (j->after.cn.n) {
		const char *name = j->after.cn.v[0];
		uint32_t r = role_find(j->m, name, strlen(name));
		if (r != UINT32_MAX && j->m->roles[r].node && j->m->roles[r].node != j->id) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "role-unique",
				"%s: role %s is already defined by %s", target(j), name,
				dn_of(j, &j->t1, j->m->roles[r].node));
			return;
		}
	}
	if (j->after.rootonly == T_TRUE && j->before.rootonly != T_TRUE && j->id) {
		uint32_t r = role_of_node(j->m, j->id), g;
		for (g = 1; r != UINT32_MAX && g < j->m->nnodes; g++) {
			const struct node *gn = &j->m->nodes[g];
			if (!node_rdn(gn) || gn->kind != K_GRANT || !idlist_has(NODE_ROLES(gn), r) ||
					!idlist_len(FWD(gn, R_SCOPE)) ||
					IDLIST_AT(FWD(gn, R_SCOPE), 0) == tenant_of(j->m, g))
				continue;
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "root-only",
				"%s: role %s is granted on a unit by %s, so it cannot become root-only",
				target(j), role_display(j->m, r, NULL), dn_of(j, &j->t1, g));
			return;
		}
	}
	if (j->c->kind != TN_ADD && j->id && j->before.cn.n && j->after.cn.n &&
			strcasecmp(j->before.cn.v[0], j->after.cn.v[0]) != 0) {
		uint32_t r = role_of_node(j->m, j->id);
		if (r != UINT32_MAX)
			refuse_role_in_use(j, r);
	}
}

/* Everything an added or modified entry must satisfy. */
static void
check_entry(struct judge *j)
{
	if (j->after.err) {
		verdict_set(j->out, j->after.err, j->after.err_rule, "%s: %s", target(j),
			j->after.err_text ? j->after.err_text : "");
		return;
	}
	if (j->after.status.n &&
			status_parse(j->after.status.v[0], strlen(j->after.status.v[0])) == ST_INVALID) {
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "status",
			"%s: tenancyStatus is one of pending, enabled, failed, disabled", target(j));
		return;
	}
	switch (j->ka) {
	case K_DOMAIN:
		check_domain(j);
		return;
	case K_ROLE:
		check_role_def(j);
		return;
	case K_USER: case K_SHARED: case K_GROUP: case K_UNIT: case K_GRANT:
		if (!j->tenant) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "tenant",
				"%s: a %s lives below a tenancyDomain entry", target(j),
				kind_name(j->ka));
			return;
		}
		break;
	default:
		return;
	}
	if (j->ka != K_UNIT && j->ka != K_GRANT)
		check_addresses(j);
	if (!REFUSED(j) && j->ka == K_USER)
		check_logins(j);
	if (!REFUSED(j))
		check_references(j);
	if (!REFUSED(j) && j->ka == K_GRANT)
		check_grant(j);
}

static int c_newsup_tenant(struct judge *j, uint32_t *newt);

/* Is `name` (an attribute description, options and all, or an RDN's
 * "type=value") one of the credential attributes a simple bind checks? */
static int
is_credential(const char *name)
{
	static const char *const creds[] = {
		"userPassword", "2.5.4.35",
		"authPassword", "1.3.6.1.4.1.4203.1.3.4",
	};
	size_t i, n;

	/* Asked of every attribute of every write: most names end here. */
	if (!name || !name[0] || !strchr("uUaA12", name[0]))
		return 0;
	n = strcspn(name, ";=");
	for (i = 0; i < sizeof(creds) / sizeof(creds[0]); i++)
		if (strlen(creds[i]) == n && strncasecmp(name, creds[i], n) == 0)
			return 1;
	return 0;
}

/* Does the change store a credential: an add or a kept value, or an
 * RDN whose type is one? */
static int
sets_credentials(const struct tn_change *c)
{
	size_t i;

	switch (c->kind) {
	case TN_ADD:
		for (i = 0; c->entry && i < c->entry->nattrs; i++)
			if (c->entry->attrs[i].nvals && is_credential(c->entry->attrs[i].name))
				return 1;
		return 0;
	case TN_MODIFY:
		for (i = 0; i < c->nmods; i++)
			if (c->mods[i].op != TN_MOD_DELETE && c->mods[i].attr.nvals &&
					is_credential(c->mods[i].attr.name))
				return 1;
		return 0;
	case TN_RENAME:
		if (c->newrdn) {
			const char *p = c->newrdn;
			do {
				p += strspn(p, " +");
				if (is_credential(p))
					return 1;
			} while ((p = strchr(p, '+')) != NULL);
		}
		return 0;
	default:
		return 0;
	}
}

/*
 * Only mailboxes bind (DESIGN §5a.6): inside a tenant, credentials are
 * stored on tenancyMailbox entries only, whoever writes them, the rootdn
 * included: a group, shared mailbox, unit, grant, domain or plain entry
 * that could bind would be an account outside every rule of §6.
 */
static void
check_credentials(struct judge *j)
{
	const struct tn_change *c = j->c;
	uint32_t near, tenant;
	enum kind k;

	if (!sets_credentials(c))
		return;
	near = nearest(j->m, j->dn.s, j->dn.len);
	tenant = tenant_of(j->m, near);
	if (c->kind == TN_ADD)
		k = j->ka;
	else if (near && node_find(j->m, j->dn.s, j->dn.len) == near)
		k = (enum kind)j->m->nodes[near].kind;
	else
		k = K_OTHER;
	if (c->kind == TN_RENAME && c->newsup) {
		uint32_t newt;
		if (c_newsup_tenant(j, &newt) < 0)
			return;
		tenant = tenant ? tenant : newt;
	}
	if (k == K_USER || (!tenant && k != K_DOMAIN))
		return;
	verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "credentials",
		"%s: inside a tenant only a tenancyMailbox holds a password, and this is %s",
		target(j), kind_phrase(k));
}

/* The lifecycle of DESIGN §5.8, for new mailboxes and groups. */
static void
check_lifecycle(struct judge *j)
{
	const struct node *d = node_get(j->m, j->tenant);

	if (!d || (j->ka != K_USER && j->ka != K_SHARED && j->ka != K_GROUP))
		return;
	if (d->status == ST_DISABLED) {
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "domain-disabled",
			"%s: tenant %s is disabled; no mailbox is created in it", target(j),
			tenant_primary(j->m, j->tenant));
		return;
	}
	if ((d->status == ST_PENDING || d->status == ST_FAILED) &&
			!(j->after.status.n && strcmp(j->after.status.v[0], "disabled") == 0))
		j->out->set_status = "pending";
}

static void
describe_refs(struct judge *j, const struct node *n, struct buf *b)
{
	size_t count[R_NATTR] = { 0 };
	uint32_t first[R_NATTR] = { 0 }, i;
	int a, parts = 0;

	for (i = 0; i < idlist_len(n->refs); i++) {
		uint32_t r = IDLIST_AT(n->refs, i);
		if (REF_ID(r) == j->id)
			continue;
		if (!count[REF_ATTR(r)]++)
			first[REF_ATTR(r)] = REF_ID(r);
	}
	for (a = 0; a < R_NATTR; a++) {
		if (!count[a])
			continue;
		buf_printf(b, "%s%zu %s (first: ", parts++ ? ", " : "", count[a],
			ref_attr_name[a]);
		node_dn_display(j->m, first[a], b);
		buf_addc(b, ')');
	}
}

static size_t
foreign_refs(struct judge *j, const struct node *n)
{
	size_t c = 0;
	uint32_t i;

	for (i = 0; i < idlist_len(n->refs); i++)
		if (REF_ID(IDLIST_AT(n->refs, i)) != j->id)
			c++;
	return c;
}

static void
check_delete(struct judge *j)
{
	const struct node *n = node_get(j->m, j->id);
	struct buf b;

	if (!n || n->kind == K_NONE)
		return;
	buf_init(&b);
	if (n->kind == K_ROLE) {
		uint32_t r = role_of_node(j->m, j->id);
		if (r != UINT32_MAX)
			refuse_role_in_use(j, r);
	} else if (n->kind == K_UNIT) {
		size_t members = 0, grants = 0;
		uint32_t i, sub = 0;
		for (i = 0; i < idlist_len(n->refs); i++) {
			enum ref_attr a = REF_ATTR(IDLIST_AT(n->refs, i));
			members += a == R_UNIT;
			grants += a == R_SCOPE;
		}
		for (i = 1; i < j->m->nnodes && n->nchildren; i++)
			if (node_rdn(&j->m->nodes[i]) && j->m->nodes[i].kind == K_UNIT &&
					unit_parent(j->m, i) == j->id)
				sub++;
		if (members || grants || sub)
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
				"%s: unit still has %zu member%s, %u sub-unit%s and %zu grant%s",
				target(j), members, members == 1 ? "" : "s", sub, sub == 1 ? "" : "s",
				grants, grants == 1 ? "" : "s");
	} else if (n->kind == K_DOMAIN) {
		size_t entries = 0;
		uint32_t i;
		for (i = 1; i < j->m->nnodes; i++)
			if (i != j->id && node_rdn(&j->m->nodes[i]) && j->m->nodes[i].kind != K_NONE &&
					tenant_of(j->m, i) == j->id)
				entries++;
		if (entries)
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
				"%s: tenant still holds %zu tenancy entr%s", target(j), entries,
				entries == 1 ? "y" : "ies");
	} else if (foreign_refs(j, n)) {
		describe_refs(j, n, &b);
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
			"%s: still referenced by %s; remove those references first", target(j),
			b.s ? b.s : "");
	}
	buf_free(&b);
}

/* Is the new superior the entry itself or below it? */
static int
below_itself(struct judge *j)
{
	struct buf p;
	int below;

	buf_init(&p);
	if (dn_canon(j->c->newsup, strlen(j->c->newsup), &p) < 0 || !p.s) {
		buf_free(&p);
		return 0;
	}
	below = p.len >= j->dn.len && strcmp(p.s + p.len - j->dn.len, j->dn.s) == 0 &&
		(p.len == j->dn.len || p.s[p.len - j->dn.len - 1] == ',');
	buf_free(&p);
	return below;
}

/* The tenant a rename lands in (its own, without newSuperior). */
static int
c_newsup_tenant(struct judge *j, uint32_t *newt)
{
	struct buf p;
	int rc;

	*newt = j->tenant;
	if (!j->c->newsup)
		return 0;
	buf_init(&p);
	if ((rc = dn_canon(j->c->newsup, strlen(j->c->newsup), &p)) < 0) {
		buf_free(&p);
		if (rc == DN_TOO_BIG)
			verdict_set(j->out, TN_UNWILLING_TO_PERFORM, "dn",
				"%s: newSuperior is longer than tenancy can place", target(j));
		else
			verdict_set(j->out, TN_INVALID_DN_SYNTAX, "dn",
				"%s: newSuperior is not a valid DN", target(j));
		return -1;
	}
	if (p.len + dn_rdn_len(j->dn.s, j->dn.len) + 1 > DN_MAX_LEN) {
		buf_free(&p);
		verdict_set(j->out, TN_UNWILLING_TO_PERFORM, "dn",
			"%s: the new DN is longer than tenancy can place", target(j));
		return -1;
	}
	*newt = tenant_of(j->m, nearest(j->m, p.s ? p.s : "", p.len));
	buf_free(&p);
	return 0;
}

static void
check_rename(struct judge *j)
{
	const struct node *n = node_get(j->m, j->id);
	uint32_t newt = j->tenant;

	uint32_t path = node_find(j->m, j->dn.s, j->dn.len);

	if (c_newsup_tenant(j, &newt) < 0)
		return;
	if (j->c->newsup && below_itself(j)) {
		verdict_set(j->out, TN_UNWILLING_TO_PERFORM, "move",
			"%s: an entry does not move below itself", target(j));
		return;
	}
	if (newt != j->tenant && (j->tenant || (path && j->m->nodes[path].nchildren))) {
		/* Name both ends, as far as the actor may see them. */
		const char *from = j->tenant ? tenant_primary(j->m, j->tenant) : NULL;
		const char *to = newt ? tenant_primary(j->m, newt) : NULL;
		if (newt && !j->privileged &&
				!tenants_share_context(j->m, j->my_tenant, newt))
			to = "another tenant";
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "tenant-move",
			"%s: an entry does not move from %s%s to %s%s", target(j),
			from ? "tenant " : "", from ? from : "outside every tenant",
			to && strcmp(to, "another tenant") ? "tenant " : "",
			to ? to : "outside every tenant");
		return;
	}
	if (!n || n->kind == K_NONE) {
		/* A plain entry: it may not carry tenancy entries with it. */
		if (path && j->m->nodes[path].nchildren)
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
				"%s: tenancy entries live below it; renaming it would change their DNs",
				target(j));
		return;
	}
	if (n->kind == K_DOMAIN) {
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "tenant-move",
			"%s: a tenant entry is not renamed or moved", target(j));
		return;
	}
	if (n->nchildren) {
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
			"%s: has entries below it; rename or move those first", target(j));
		return;
	}
	if (n->kind == K_ROLE) {
		uint32_t r = role_of_node(j->m, j->id);
		if (r != UINT32_MAX)
			refuse_role_in_use(j, r);
		if (REFUSED(j))
			return;
	}
	if (idlist_len(n->refs)) {
		/* Its own references too: slapd would leave the stored value
		 * naming the old DN (a group that is its own member). */
		struct buf b;
		buf_init(&b);
		describe_refs(j, n, &b);
		if (!b.len)
			buf_adds(&b, "itself");
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
			"%s: still referenced%s%s; renaming would leave them dangling",
			target(j), b.len ? " by " : "", b.s ? b.s : "");
		buf_free(&b);
	}
}

/* ------------------------------------------------------- authorisation */

static int
rights_for(struct judge *j, uint32_t unit)
{
	if (j->have_rights && j->rights_unit == unit)
		return 0;
	if (j->have_rights)
		rights_free(&j->rights);
	j->have_rights = 0;
	if (rights_at(j->m, j->me, unit, &j->rights, NULL) < 0) {
		rights_free(&j->rights);
		return -1;
	}
	j->have_rights = 1;
	j->rights_unit = unit;
	return 0;
}

/* Refuse unless the actor holds `p` at `unit`. */
static void
need(struct judge *j, enum perm p, uint32_t unit, const char *why)
{
	if (REFUSED(j) || j->privileged)
		return;
	if (rights_for(j, unit) < 0) {
		verdict_oom(j->out);
		return;
	}
	if (!(j->rights.perms & (1u << p)))
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "permission",
			"%s: %s lacks %s at %s (needed to %s)", target(j), j->actor->dn,
			perm_name(p), dn_of(j, &j->t1, unit), why);
}

/* "You grant only what you hold": every role of a grant, at its scope. */
static void
need_roles(struct judge *j, const struct rec *g, const char *why)
{
	size_t i;
	uint32_t scope;

	if (REFUSED(j) || j->privileged || g->ref[R_SCOPE].n != 1)
		return;
	scope = node_find(j->m, g->ref[R_SCOPE].v[0], strlen(g->ref[R_SCOPE].v[0]));
	if (!scope || tenant_of(j->m, scope) != j->tenant)
		return;         /* the invariants refuse it as a reference */
	{
		char w[64];
		snprintf(w, sizeof(w), "%s", strcmp(why, "change") == 0 ? "change a grant" :
			strcmp(why, "revoke") == 0 ? "revoke roles" : "grant roles");
		need(j, P_GRANTS, scope, w);
	}
	if (REFUSED(j) || rights_for(j, scope) < 0)
		return;
	for (i = 0; i < g->roles.n; i++) {
		uint32_t r = role_find(j->m, g->roles.v[i], strlen(g->roles.v[i]));
		if (r == UINT32_MAX || !rights_has_role(&j->rights, r)) {
			verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "grant-held",
				"%s: %s does not hold role %s at %s, so cannot %s it", target(j),
				j->actor->dn, role_display(j->m, r, g->roles.v[i]),
				ref_display(j, &j->t1, g->ref[R_SCOPE].v[0]), why);
			return;
		}
	}
}

/* No takeover of an account holding roles the actor lacks. */
static void
need_stronger(struct judge *j, uint32_t who, const char *why)
{
	uint32_t role = 0, scope = 0;

	if (REFUSED(j) || j->privileged || who == j->me || !who)
		return;
	if (!holds_all_roles_of(j->m, j->me, who, &role, &scope)) {
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "takeover",
			"%s: %s holds role %s at %s, which %s does not hold, so cannot %s it",
			target(j), dn_of(j, &j->t2, who),
			role_display(j->m, role, NULL), dn_of(j, &j->t1, scope),
			j->actor->dn, why);
	}
}

static uint32_t
rec_unit(struct judge *j, const struct rec *r, enum kind k)
{
	if (k == K_UNIT || k == K_DOMAIN)
		return 0;
	if (r->ref[R_UNIT].n) {
		uint32_t u = node_find(j->m, r->ref[R_UNIT].v[0], strlen(r->ref[R_UNIT].v[0]));
		/* Another tenant's unit is judged as an absent one: at the
		 * actor's domain, and refused as a reference afterwards. */
		if (u && j->m->nodes[u].kind == K_UNIT && tenant_of(j->m, u) == j->tenant)
			return u;
	}
	return j->tenant;
}

/* The unit a new unit would hang under. */
static uint32_t
new_unit_parent(struct judge *j)
{
	uint32_t p = parent_node(j);

	while (p && j->m->nodes[p].kind != K_UNIT && j->m->nodes[p].kind != K_DOMAIN)
		p = j->m->nodes[p].parent;
	return p ? p : j->tenant;
}

/* The unit (or domain) a move's new superior lies in. */
static uint32_t
newsup_unit(struct judge *j)
{
	struct buf p;
	uint32_t id;

	buf_init(&p);
	if (!j->c->newsup || dn_canon(j->c->newsup, strlen(j->c->newsup), &p) < 0) {
		buf_free(&p);
		return j->tenant;
	}
	id = nearest(j->m, p.s ? p.s : "", p.len);
	buf_free(&p);
	while (id && j->m->nodes[id].kind != K_UNIT && j->m->nodes[id].kind != K_DOMAIN)
		id = j->m->nodes[id].parent;
	return id ? id : j->tenant;
}

/* What an add sets beyond creating the entry needs its own permission:
 * a userManager does not hand out quotas or services it could not set. */
static void
need_add_attrs(struct judge *j, enum perm create, uint32_t unit)
{
	const struct tn_entry *e = j->c->entry;
	size_t i;

	for (i = 0; e && i < e->nattrs && !REFUSED(j); i++) {
		const char *attr = e->attrs[i].name;
		int self;
		enum perm p;
		char why[160];
		if (!attr || strcasecmp(attr, "objectClass") == 0 ||
				strcasecmp(attr, "tenancyUnitRef") == 0)
			continue;       /* the kind, and the unit it is created in */
		p = perm_for_attr(j->ka, attr, &self);
		if (p == create)
			continue;
		snprintf(why, sizeof(why), "set %s on a new entry", attr);
		need(j, p, unit, why);
	}
}

static void
authorize_add(struct judge *j)
{
	uint32_t u = rec_unit(j, &j->after, j->ka);

	if (j->privileged)
		return;

	switch (j->ka) {
	case K_DOMAIN:
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "operator",
			"%s: only tenancy operators create tenants", target(j));
		break;
	case K_ROLE:
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "operator",
			"%s: only tenancy operators define roles", target(j));
		break;
	case K_USER:
		need(j, P_USERS_CREATE, u, "create a mailbox user");
		need_add_attrs(j, P_USERS_CREATE, u);
		break;
	case K_GROUP:
		need(j, P_GROUPS, u, "create a group");
		need_add_attrs(j, P_GROUPS, u);
		break;
	case K_SHARED:
		need(j, P_SHARED, u, "create a shared mailbox");
		need_add_attrs(j, P_SHARED, u);
		break;
	case K_UNIT: need(j, P_UNITS, new_unit_parent(j), "create a unit"); break;
	case K_GRANT: need_roles(j, &j->after, "grant"); break;
	default: need(j, P_USERS_FIELDS, j->tenant, "create a directory entry"); break;
	}
}

static void
authorize_delete(struct judge *j)
{
	uint32_t u = j->id ? unit_of(j->m, j->id) : j->tenant;

	if (j->privileged)
		return;

	switch (j->kb) {
	case K_DOMAIN: need(j, P_DOMAIN_DELETE, j->id, "delete the tenant"); break;
	case K_ROLE:
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "operator",
			"%s: only tenancy operators delete roles", target(j));
		break;
	case K_USER:
		need(j, P_USERS_DELETE, u, "delete a mailbox user");
		need_stronger(j, j->id, "delete");
		break;
	case K_GROUP: need(j, P_GROUPS, u, "delete a group"); break;
	case K_SHARED: need(j, P_SHARED, u, "delete a shared mailbox"); break;
	case K_UNIT: need(j, P_UNITS, u, "delete a unit"); break;
	case K_GRANT: need_roles(j, &j->before, "revoke"); break;
	default: need(j, P_USERS_FIELDS, j->tenant, "delete a directory entry"); break;
	}
}

static void
authorize_modify(struct judge *j)
{
	uint32_t u = j->id ? unit_of(j->m, j->id) : j->tenant;
	size_t i;
	int is_mailbox = j->kb == K_USER || j->kb == K_SHARED;
	int manager = is_mailbox && j->me &&
		share_level(j->m, j->id, j->me, NULL) == R_SHARE_MANAGE;
	enum kind k = j->id ? j->kb : K_OTHER;

	if (j->privileged)
		return;

	if (k == K_ROLE) {
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "operator",
			"%s: only tenancy operators change roles", target(j));
		return;
	}
	if (k == K_GRANT) {
		need_roles(j, &j->before, "change");
		need_roles(j, &j->after, "grant");
		return;
	}
	for (i = 0; i < j->after.touched.n && !REFUSED(j); i++) {
		const char *attr = j->after.touched.v[i];
		int self;
		enum perm p = perm_for_attr(k, attr, &self);
		char why[128];
		if (k == K_DOMAIN && strcasecmp(attr, "tenancyContext") == 0) {
			/* Contexts are boundaries between customers: an
			 * operator draws them, not a tenant's administrator. */
			verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "operator",
				"%s: only tenancy operators set tenancyContext", target(j));
			break;
		}
		if (self && j->me == j->id && k == K_USER)
			continue;       /* self-service on one's own mailbox */
		if (self == 1 && manager)
			continue;       /* a manage share holder runs the shares */
		snprintf(why, sizeof(why), "change %s", attr);
		if (strcasecmp(attr, "tenancyUnitRef") == 0 && k != K_DOMAIN && k != K_UNIT) {
			uint32_t nu = rec_unit(j, &j->after, k);
			need(j, p, u, "move it out of its unit");
			need(j, p, nu, "move it into this unit");
		} else {
			need(j, p, k == K_DOMAIN ? j->id : u, why);
		}
		if (!REFUSED(j) && k == K_GROUP && strcasecmp(attr, "member") == 0) {
			/* No self-promotion by joining a powerful group. */
			uint32_t role = 0, scope = 0;
			if (!j->privileged &&
					!holds_all_roles_of(j->m, j->me, j->id, &role, &scope))
				verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "group-roles",
					"%s: the group holds role %s at %s, which %s does not hold, so cannot change its members",
					target(j), role_display(j->m, role, NULL),
					dn_of(j, &j->t1, scope), j->actor->dn);
		}
	}
	if (k == K_USER && !(j->me == j->id))
		need_stronger(j, j->id, "modify");
}

static void
authorize_rename(struct judge *j)
{
	uint32_t u = j->id ? unit_of(j->m, j->id) : j->tenant;

	if (j->privileged)
		return;

	switch (j->kb) {
	case K_USER:
		need(j, P_USERS_MAIL, u, "rename a mailbox user");
		need_stronger(j, j->id, "rename");
		break;
	case K_GROUP: need(j, P_GROUPS, u, "rename a group"); break;
	case K_SHARED: need(j, P_SHARED, u, "rename a shared mailbox"); break;
	case K_UNIT:
		need(j, P_UNITS, u, "rename or move a unit");
		if (j->c->newsup)
			need(j, P_UNITS, newsup_unit(j), "move a unit here");
		break;
	case K_GRANT: need_roles(j, &j->before, "change"); break;
	case K_ROLE:
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "operator",
			"%s: only tenancy operators rename roles", target(j));
		break;
	default: need(j, P_USERS_FIELDS, j->tenant, "rename a directory entry"); break;
	}
}

/* May the actor see node `id` (tn_visible, from the judge's view)? */
static int
judge_sees(struct judge *j, uint32_t id)
{
	uint32_t t = tenant_of(j->m, id);

	if (j->privileged || j->reader || !t)
		return 1;
	return j->my_tenant && !j->inert &&
		tenants_share_context(j->m, j->my_tenant, t);
}

/* Who may write at all, before any permission is looked at. */
static int
authorize_actor(struct judge *j)
{
	if (j->privileged)
		return 0;
	/* Outside every tenant, an actor that is no tenant's member writes
	 * what slapd's ACLs let it write: that is not the engine's business. */
	if (j->outside && !j->my_tenant && !j->reader)
		return 0;
	if (j->reader) {
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "reader",
			"%s: %s is a tenancy-reader service account: it reads, it does not write",
			target(j), j->actor->dn);
		return -1;
	}
	if (!j->my_tenant && j->tenant) {
		/* Secure by default (§5a.8): no tenant entry is there for an
		 * identity outside every tenant. */
		j->out->code = TN_NO_SUCH_OBJECT;
		j->out->rule = "hidden";
		return -1;
	}
	if (!j->my_tenant) {
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "tenant",
			"%s: %s is neither a tenancy operator nor an entry of a tenant",
			target(j), j->actor && j->actor->dn && *j->actor->dn ?
			j->actor->dn : "anonymous");
		return -1;
	}
	/* Only an enabled mailbox acts (DESIGN §6, disabled means
	 * disabled; §5a.6, only mailboxes bind): to anything else, its own
	 * tenant refuses, and every other tenant is hidden. */
	if (j->inert && (j->tenant == j->my_tenant || !j->tenant)) {
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "account",
			"%s: %s is not an enabled mailbox of an enabled domain: it holds no rights",
			target(j), j->actor->dn);
		return -1;
	}
	if (j->inert) {
		j->out->code = TN_NO_SUCH_OBJECT;
		j->out->rule = "hidden";
		return -1;
	}
	/* A tenant's member writes in its tenant only: not in another, and
	 * not outside every tenant (service accounts, the suffix, roles). */
	if (j->tenant != j->my_tenant) {
		if (j->tenant && !tenants_share_context(j->m, j->my_tenant, j->tenant)) {
			/* Hidden entries behave as absent. */
			j->out->code = TN_NO_SUCH_OBJECT;
			j->out->rule = "hidden";
			return -1;
		}
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "tenant",
			"%s: %s writes only in tenant %s", target(j), j->actor->dn,
			tenant_primary(j->m, j->my_tenant));
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- entry */

/* A modify of attributes the engine does not read (a phone number, a
 * description): its records would be the node's, unchanged.  Only the
 * names it touches matter, for the permissions. */
static int
read_plain_modify(struct judge *j)
{
	const struct tn_change *c = j->c;
	size_t i;

	if (c->kind != TN_MODIFY || rec_mods_read(j->m, c->mods, c->nmods))
		return 0;
	j->plain = 1;
	if (j->privileged) {
		/* No invariant reads these attributes, and the rootdn or an
		 * operator needs no permission: nothing more to find. */
		j->kb = j->ka = K_OTHER;
		return 1;
	}
	j->id = node_find(j->m, j->dn.s, j->dn.len);
	if (j->id && j->m->nodes[j->id].kind == K_NONE)
		j->id = 0;
	j->kb = j->ka = j->id ? (enum kind)j->m->nodes[j->id].kind : K_OTHER;
	if (!j->id)
		j->kb = j->ka = K_OTHER;
	for (i = 0; i < c->nmods; i++) {
		const char *a = c->mods[i].attr.name;
		if (a && !strv_has(&j->after.touched, a) &&
				strv_add(&j->after.touched, a, strlen(a)) < 0)
			return -1;
	}
	j->tenant = j->id ? tenant_of(j->m, j->id) : tenant_of(j->m, parent_node(j));
	return 1;
}

static int
read_change(struct judge *j)
{
	const struct tn_change *c = j->c;
	int plain = read_plain_modify(j);

	if (plain)
		return plain < 0 ? -1 : 0;
	if (j->read) {
		/* An add read before the judgement: the entry as it was read.
		 * One walk finds the target, or else how far its DN exists:
		 * the nearest entry above it is the parent_node(). */
		int exact;
		uint32_t near = node_find_nearest(j->m, j->dn.s, j->dn.len, &exact);
		j->id = exact ? near : 0;
		if (!exact) {
			j->parent = entry_at_or_above(j->m, near);
			j->parent_known = 1;
		}
		j->after = j->read->after;
		rec_init(&j->read->after);
	} else if (rec_pair(j->m, c, j->dn.s, j->dn.len, &j->id, &j->before,
			&j->after) < 0) {
		return -1;
	}
	j->kb = j->id ? (enum kind)j->m->nodes[j->id].kind : K_NONE;
	j->ka = rec_kind(&j->after);
	if (c->kind == TN_ADD && j->ka == K_DOMAIN)
		j->tenant = 0;
	else if (c->kind == TN_ADD || !j->id)
		j->tenant = tenant_of(j->m, j->id ? j->id : parent_node(j));
	else
		j->tenant = tenant_of(j->m, j->id);
	if (c->kind == TN_ADD && (j->ka == K_DOMAIN ||
			(j->id && j->m->nodes[j->id].kind == K_DOMAIN))) {
		/* A tenant nested in another would have that one as tenant;
		 * an add over an existing tenant's DN is judged where it
		 * would hang, as if that tenant were not there (§5a.7). */
		uint32_t p = parent_node(j);
		j->tenant = tenant_of(j->m, p);
	}
	return 0;
}

static int
is_tenancy_kind(enum kind k)
{
	return k != K_NONE && k != K_OTHER && k != K_CONTACT;
}

/* Exactly one RDN: "type=value", no separator left over: 1, or 0; or
 * DN_TOO_BIG when the engine cannot place it.  *len gets its canonical
 * length. */
static int
valid_rdn(const char *rdn, size_t *len)
{
	struct buf b;
	int rc, ok;

	*len = 0;
	if (!rdn)
		return 0;
	buf_init(&b);
	rc = dn_canon(rdn, strlen(rdn), &b);
	ok = rc == 0 && b.len > 0 && dn_rdn_len(b.s, b.len) == b.len;
	*len = b.len;
	buf_free(&b);
	return rc == DN_TOO_BIG ? DN_TOO_BIG : ok;
}

/* Is the canonical DN dn[0..len) the canonical `base` or below it? */
static int
at_or_below(const char *dn, size_t len, const char *base)
{
	size_t bl = base ? strlen(base) : 0;

	if (!base || len < bl || strcmp(dn + len - bl, base) != 0)
		return 0;
	return len == bl || bl == 0 || dn[len - bl - 1] == ',';
}

/*
 * Does the change lie outside every tenant, where tenancy has no say and
 * slapd's ACLs and syntax rules decide alone?  Only with certainty: the
 * entry is of no tenancy class before or after, no tenant holds it, it is
 * not at or below the tenancy-domains base (where an entry that cannot be
 * placed is judged, never waved through) nor the tenancy-roles container,
 * and a rename neither lands in a tenant or below the domains base nor
 * carries an entry the model holds.
 */
static int
outside_tenants(struct judge *j)
{
	const struct tn_model *m = j->m;
	uint32_t path;

	if (j->plain && j->privileged)
		return 0;       /* read_plain_modify() did not look: no claim */
	if (is_tenancy_kind(j->kb) || is_tenancy_kind(j->ka) || j->tenant)
		return 0;
	if (at_or_below(j->dn.s, j->dn.len, m->domains_base) ||
			(m->roles_base && strcmp(j->dn.s, m->roles_base) == 0))
		return 0;
	if (j->c->kind != TN_RENAME)
		return 1;
	path = node_find(m, j->dn.s, j->dn.len);
	if (path && (m->nodes[path].nchildren || idlist_len(m->nodes[path].refs)))
		return 0;
	if (j->c->newsup) {
		struct buf p;
		int out;

		buf_init(&p);
		out = dn_canon(j->c->newsup, strlen(j->c->newsup), &p) == 0 && !p.oom &&
			!at_or_below(p.s ? p.s : "", p.len, m->domains_base) &&
			!tenant_of(m, nearest(m, p.s ? p.s : "", p.len));
		buf_free(&p);
		return out;
	}
	return 1;
}

/* Keep in *pending what the commit of an allowed change needs: the
 * record the judge read (the judge gives it and its DN up) and, for a
 * commit against a model that moved, a copy of the change.  Returns 0, or
 * -1 when memory ran out. */
static int
prepare(struct judge *j, struct tn_pending **pending)
{
	struct tn_pending *p;

	if (!(p = calloc(1, sizeof(*p))))
		return -1;
	*pending = p;
	p->kind = j->c->kind;
	p->changes = j->m->changes;
	rec_init(&p->after);
	if (j->c->kind == TN_MODIFY && j->plain &&
			!rec_mods_csn(j->m, j->c->mods, j->c->nmods)) {
		/* Recorded as nothing, whatever happens in between. */
		p->plain = 1;
		return 0;
	}
	/* An add's record depends on the configuration only: it holds
	 * whatever the model does meanwhile. */
	if (j->c->kind != TN_ADD && !(p->change = change_copy(j->m, j->c)))
		return -1;
	if (j->c->kind == TN_MODIFY ? !j->id || j->plain : j->c->kind != TN_ADD)
		return 0;       /* the commit reads its copy */
	if (j->out->set_status) {
		strv_free(&j->after.status);
		if (strv_add(&j->after.status, j->out->set_status,
				strlen(j->out->set_status)) < 0)
			return -1;
	}
	p->len = j->dn.len;
	if (!(p->dn = buf_take(&j->dn)))
		return -1;
	p->after = j->after;
	rec_init(&j->after);
	p->has_rec = 1;
	return 0;
}

/* An added entry is read into a record before it is judged: one walk of
 * the model then finds the target or the entry above it (read_change). */
static int
read_ahead(struct tn_model *m, const struct tn_change *c,
	struct tn_pending **ahead)
{
	struct tn_pending *p;
	struct buf dn;

	*ahead = NULL;
	if (c->kind != TN_ADD || !c->entry || !c->dn)
		return 0;       /* nothing worth reading ahead */
	buf_init(&dn);
	if (dn_canon(c->dn, strlen(c->dn), &dn) < 0 || dn.len == 0) {
		buf_free(&dn);
		return dn.oom ? -1 : 0;         /* the judge says what is wrong */
	}
	if (!(p = calloc(1, sizeof(*p)))) {
		buf_free(&dn);
		return -1;
	}
	p->kind = TN_ADD;
	p->len = dn.len;
	p->dn = buf_take(&dn);
	if (!p->dn || rec_from_entry(m, &p->after, c->entry) < 0 ||
			rec_add_rdn(m, &p->after, c, p->dn, p->len) < 0) {
		tn_discard(p);
		return -1;
	}
	*ahead = p;
	return 0;
}

/*
 * DESIGN §5b: claims are ordered by entryCSN, and every write re-dates the
 * entry.  A write to the winner of a replication conflict that keeps the
 * contested claim would hand it to the loser: it waits until the conflict
 * is resolved (the loser's claim removed, or either entry deleted).
 */
static void
check_redate(struct judge *j)
{
	uint32_t id = node_find(j->m, j->dn.s, j->dn.len), loser;

	buf_reset(&j->t1);
	buf_reset(&j->t2);
	if (!id || !claim_won_kept(j->m, id,
			j->c->kind == TN_MODIFY && !j->plain ? &j->after : NULL,
			&j->t1, &loser))
		return;
	node_dn_display(j->m, loser, &j->t2);
	verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "replication-conflict",
		"%s: %s is also claimed by %s (a replication conflict this entry "
		"wins); a write would re-date the claim: resolve the conflict "
		"first (tenancy audit)", target(j), j->t1.s ? j->t1.s : "",
		j->t2.s ? j->t2.s : "");
}

int
judge_change(struct tn_model *m, const struct tn_actor *actor,
	const struct tn_change *c, struct tn_verdict *out,
	struct tn_pending **prep)
{
	struct judge j;
	int rc = 0, crc = 0;

	memset(&j, 0, sizeof(j));
	j.m = m;
	j.actor = actor;
	j.c = c;
	j.out = out;
	tn_verdict_clear(out);
	buf_init(&j.dn);
	buf_init(&j.t1);
	buf_init(&j.t2);
	rec_init(&j.before);
	rec_init(&j.after);
	if (prep)
		*prep = NULL;
	if (read_ahead(m, c, &j.read) < 0) {
		verdict_oom(out);
		rc = -1;
		goto out;
	}
	if (j.read) {
		j.dn.s = j.read->dn;
		j.dn.len = j.read->len;
		j.dn.cap = j.read->len + 1;
		j.read->dn = NULL;
	}
	if (j.read) {
		/* canonical already */
	} else if (!c->dn || (crc = dn_canon(c->dn, strlen(c->dn), &j.dn)) < 0 ||
			j.dn.len == 0) {
		const char *shown = c->display_dn ? c->display_dn : c->dn ? c->dn : "";
		/* DESIGN §5a.2: a DN slapd holds and the engine cannot place is
		 * refused, never taken as lying outside every tenant. */
		if (crc == DN_TOO_BIG)
			verdict_set(out, TN_UNWILLING_TO_PERFORM, "dn",
				"%.200s%s: the DN is longer or has more values in an RDN "
				"than tenancy can place", shown, strlen(shown) > 200 ? "..." : "");
		else
			verdict_set(out, TN_INVALID_DN_SYNTAX, "dn", "%.200s%s: not a valid DN",
				shown, strlen(shown) > 200 ? "..." : "");
		goto out;
	}
	{
		struct actor_view v;
		actor_view(m, actor, &v);
		if (v.unplaced) {
			verdict_set(out, TN_UNWILLING_TO_PERFORM, "dn",
				"%.200s: the bound DN is longer than tenancy can place",
				actor->dn);
			goto out;
		}
		j.privileged = v.privileged;
		j.reader = v.reader;
		j.me = v.node;
		j.my_tenant = v.tenant;
		j.inert = v.inert;
	}
	if (read_change(&j) < 0) {
		verdict_oom(out);
		rc = -1;
		goto out;
	}

	/* An add over an entry the actor may not see is judged as an add
	 * at a free DN (§5a.7): the answer must not tell them apart. */
	if (c->kind == TN_ADD && j.id && !judge_sees(&j, j.id)) {
		j.id = 0;
		j.kb = K_NONE;
	}

	/* Authorisation of the actor first: a hidden target stays hidden,
	 * even from the invariants' texts. */
	j.outside = outside_tenants(&j);
	if (authorize_actor(&j) < 0)
		goto out;
	/* Staff directories, service accounts, application groups: the
	 * overlay governs tenancy data and only that. */
	if (j.outside)
		goto out;

	/* Then permissions, then invariants: an actor without the right to
	 * make a change learns nothing about what else it would break. */
	switch (c->kind) {
	case TN_ADD:
		if (j.id && m->nodes[j.id].kind != K_NONE) {
			/* As the backend would answer; lint has no backend. */
			verdict_set(out, TN_ALREADY_EXISTS, "exists", "%s: the entry already exists",
				target(&j));
			break;
		}
		authorize_add(&j);
		if (!REFUSED(&j))
			check_entry(&j);
		if (!REFUSED(&j))
			check_lifecycle(&j);
		break;
	case TN_MODIFY:
		if (j.kb != j.ka && (is_tenancy_kind(j.kb) || is_tenancy_kind(j.ka))) {
			verdict_set(out, TN_CONSTRAINT_VIOLATION, "kind-change",
				"%s: a %s does not become a %s; tenancy object classes are given when the entry is created",
				target(&j), kind_name(j.kb), kind_name(j.ka));
			break;
		}
		if (!is_tenancy_kind(j.kb) && !j.tenant)
			break;
		authorize_modify(&j);
		if (!REFUSED(&j) && !j.plain)
			check_entry(&j);
		break;
	case TN_DELETE:
		if (j.id || j.tenant)
			authorize_delete(&j);
		if (!REFUSED(&j))
			check_delete(&j);
		break;
	case TN_RENAME: {
		size_t rl;
		int v = valid_rdn(c->newrdn, &rl);
		if (v == DN_TOO_BIG || (v == 1 && !c->newsup &&
				j.dn.len - dn_rdn_len(j.dn.s, j.dn.len) + rl > DN_MAX_LEN)) {
			/* §5a.2: a new DN the engine cannot place. */
			verdict_set(out, TN_UNWILLING_TO_PERFORM, "dn",
				"%s: the new DN is longer than tenancy can place", target(&j));
			break;
		}
		if (v != 1) {
			verdict_set(out, TN_INVALID_DN_SYNTAX, "dn", "%s: new RDN \"%.200s\" is not an RDN",
				target(&j), c->newrdn ? c->newrdn : "");
			break;
		}
		if (j.id || j.tenant)
			authorize_rename(&j);
		if (!REFUSED(&j))
			check_rename(&j);
		if (!REFUSED(&j) && is_tenancy_kind(j.kb))
			check_entry(&j);        /* what the new RDN's value claims */
		break;
	}
	}
	if (!REFUSED(&j))
		check_credentials(&j);
	if (!REFUSED(&j) && (c->kind == TN_MODIFY || c->kind == TN_RENAME) &&
			idlist_len(m->contenders))
		check_redate(&j);
out:
	if (out->code != TN_OK)
		out->set_status = NULL;
	else if (prep && rc == 0 && prepare(&j, prep) < 0) {
		verdict_oom(out);
		out->set_status = NULL;
		tn_discard(*prep);
		*prep = NULL;
		rc = -1;
	}
	if (j.have_rights)
		rights_free(&j.rights);
	rec_free(&j.before);
	rec_free(&j.after);
	tn_discard(j.read);
	buf_free(&j.dn);
	buf_free(&j.t1);
	buf_free(&j.t2);
	return rc;
}

/*
 * The invariants over a whole model, for loads that come in any order
 * (lint of slapcat output): every stored entry is checked as if it were
 * added with everything else already there.
 */
size_t
tn_check_model(struct tn_model *m, tn_report_fn report, void *ctx)
{
	struct tn_actor root = { NULL, 1 };
	struct tn_verdict out;
	size_t found = 0;
	uint32_t id;

	tn_verdict_init(&out);
	for (id = 1; id < m->nnodes; id++) {
		struct judge j;
		const struct node *n = &m->nodes[id];
		if (!node_rdn(n) || n->kind == K_NONE)
			continue;
		memset(&j, 0, sizeof(j));
		j.m = m;
		j.actor = &root;
		j.out = &out;
		j.privileged = 1;
		j.id = id;
		buf_init(&j.dn);
		buf_init(&j.t1);
		buf_init(&j.t2);
		rec_init(&j.before);
		rec_init(&j.after);
		node_dn(m, id, &j.dn);
		{
			struct buf shown;
			struct tn_change c = { .kind = TN_MODIFY };
			buf_init(&shown);
			node_dn_display(m, id, &shown);
			c.dn = shown.s;
			j.c = &c;
			j.kb = j.ka = (enum kind)n->kind;
			/* A domain's own tenant is the one above it, if any. */
			j.tenant = tenant_of(m, n->kind == K_DOMAIN ? n->parent : id);
			if (!j.dn.oom && !shown.oom && rec_from_node(m, &j.after, id) == 0) {
				check_entry(&j);
				if (out.code != TN_OK) {
					if (report)
						report(ctx, shown.s, &out);
					found++;
				}
			}
			tn_verdict_clear(&out);
			buf_free(&shown);
		}
		rec_free(&j.before);
		rec_free(&j.after);
		buf_free(&j.dn);
		buf_free(&j.t1);
		buf_free(&j.t2);
	}
	return found;
}
