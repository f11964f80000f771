/*
 * computed.c - the computed attributes of DESIGN §4, and address routing
 * for the overlay's (tenancyAddress=x) filter rewriting.
 *
 * All of these are pure reads of the model: several threads may ask at
 * once under a shared lock.  Each is asked by handle (a node id, checked
 * against the node array, never trusted) and enum, the by-name and by-DN
 * forms being wrappers: an adapter that routed an address, or holds the
 * DN the backend returned, asks without the DN being parsed again.
 *
 * Interface: addresses() (computed.h), tenancyAddress; tn_computed_h(),
 * tn_computed_as_h(), tn_computed(), tn_computed_name(),
 * tn_computed_find(), tn_is_computed(), tn_entry_handle(), tn_handle_is(),
 * tn_handle_dn(), tn_answers_nothing_h(), tn_route_h(), tn_route() and
 * tn_stored_name() (tenancy.h).
 * tn_computed_h() hands the other attributes to the modules that know
 * them: senders_of() (tenancySender), imap_groups(), conflict_values(),
 * identities_of().  tn_computed_as_h() asks as a reader who may not see
 * every entry: a value that would name an entry the reader may not see (a
 * conflict's winner, DESIGN §5a.8) says so instead, and an effective role
 * at such a scope, or through such a group, is left out.
 *
 * Failure modes: an unknown DN, handle or attribute has no values (0).  A
 * value that cannot be made for want of memory is left out: the count
 * says how many were produced.
 */
#include "engine.h"
#include "dn.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NAME(s)                                                                                    \
	{                                                                                          \
		s, sizeof(s) - 1                                                                   \
	}
/* In the order of enum tn_computed. */
static const struct {
	const char *name;
	size_t len;
} computed[TN_NCOMPUTED] = {NAME(TN_AT_ADDRESS), NAME(TN_AT_SENDER), NAME(TN_AT_DELIVER_TO),
        NAME(TN_AT_IMAP_GROUP), NAME(TN_AT_EFFECTIVE_ROLE), NAME(TN_AT_CONFLICT),
        NAME(TN_AT_IDENTITY)};

const char *
tn_computed_name(enum tn_computed c)
{
	return (unsigned)c < TN_NCOMPUTED ? computed[c].name : NULL;
}

/* Asked of every attribute of every entry lint reads: lengths first. */
int
tn_computed_find(const char *attr)
{
	size_t i, len = strlen(attr);

	for (i = 0; i < TN_NCOMPUTED; i++)
		if (computed[i].len == len && strcasecmp(attr, computed[i].name) == 0)
			return (int)i;
	return -1;
}

int
tn_is_computed(const char *attr)
{
	return tn_computed_find(attr) >= 0;
}

static size_t
emit(tn_value_fn fn, void *ctx, const char *v, size_t len)
{
	if (fn)
		fn(ctx, v, len);
	return 1;
}

size_t
addresses(const struct tn_model *m, uint32_t id, tn_value_fn fn, void *ctx)
{
	const struct node *n = &m->nodes[id];
	const struct node *d;
	const char *v, *name;
	size_t count = 0;
	struct buf b;

	if (node_answers_nothing(m, id))
		return 0; /* a loser of a conflict (§5b) */
	if (n->kind == K_DOMAIN) {
		PACK_FOREACH(NODE_EXTRA(n), name)
		if (domain_holds(m, id, name))
			count += emit(fn, ctx, name, strlen(name));
		return count;
	}
	if (n->kind != K_USER && n->kind != K_SHARED && n->kind != K_GROUP)
		return 0;
	d = node_get(m, tenant_of(m, id));
	if (!d || d->kind != K_DOMAIN)
		return 0;
	buf_init(&b);
	/* Each local part in every name of the tenant, primary first. */
	PACK_FOREACH(n->addrs, v)
	{
		const char *at = strchr(v + 1, '@');
		/* A local part already produced through an earlier value. */
		if (!at || !addr_first_with_local(n, v))
			continue;
		PACK_FOREACH(NODE_EXTRA(d), name)
		{
			if (!domain_holds(m, tenant_of(m, id), name))
				continue;
			buf_reset(&b);
			buf_add(&b, v + 1, (size_t)(at - v));
			buf_adds(&b, name);
			if (!b.oom)
				count += emit(fn, ctx, b.s, b.len);
		}
	}
	buf_free(&b);
	return count;
}

struct login_ctx {
	const struct tn_model *m;
	tn_value_fn fn;
	void *ctx;
	size_t n;
};

static int
emit_login(void *vctx, uint32_t user, const char *reason)
{
	struct login_ctx *l = vctx;
	const char *login = user_login(l->m, user);

	(void)reason;
	if (login) {
		emit(l->fn, l->ctx, login, strlen(login));
		l->n++;
	}
	return 0;
}

static size_t
deliver_to(const struct tn_model *m, uint32_t id, tn_value_fn fn, void *ctx)
{
	const struct node *n = &m->nodes[id];
	uint32_t *flat = NULL;
	size_t count = 0;

	if (n->kind != K_GROUP || !(n->flags & NF_DELIVERY) || !node_routable(m, id))
		return 0;
	if (group_flatten(m, id, &flat) == 0) {
		uint32_t i;
		for (i = 0; i < idlist_len(flat); i++) {
			uint32_t u = IDLIST_AT(flat, i);
			const char *a = addr_primary(&m->nodes[u]);
			if (a && node_routable(m, u))
				count += emit(fn, ctx, a, strlen(a));
		}
	}
	idlist_free(&flat);
	return count;
}

static size_t
implied_roles(const struct tn_model *m, uint32_t root, uint32_t scope, uint64_t *seen,
        tn_value_fn fn, void *ctx, struct buf *b)
{
	size_t words = (m->nroles + 63) / 64, count = 0;
	uint32_t *queue = NULL, qi;

	memset(seen, 0, words * sizeof(uint64_t));
	seen[root / 64] |= 1ull << (root % 64);
	if (idlist_add(&queue, root) < 0)
		return 0;
	for (qi = 0; qi < idlist_len(queue); qi++) {
		const struct role *r = &m->roles[IDLIST_AT(queue, qi)];
		uint32_t i;
		for (i = 0; i < idlist_len(r->implies); i++) {
			uint32_t q = IDLIST_AT(r->implies, i);
			const struct role *ir = &m->roles[q];
			if (seen[q / 64] & (1ull << (q % 64)))
				continue;
			seen[q / 64] |= 1ull << (q % 64);
			if (idlist_add(&queue, q) < 0)
				break;
			buf_reset(b);
			buf_printf(b, "%s at ", ir->display ? ir->display : ir->name);
			node_dn_display(m, scope, b);
			buf_printf(b, " (implied by %s)", r->display ? r->display : r->name);
			if (!b->oom)
				count += emit(fn, ctx, b->s, b->len);
		}
	}
	idlist_free(&queue);
	return count;
}

/* May `reader` see node `x` (NULL: sees every entry)?  Its view is made
 * at the first question. */
struct sight {
	const struct tn_model *m;
	const struct tn_actor *reader;
	int made;
	struct actor_view v;
};

static int
sight_sees(struct sight *s, uint32_t x)
{
	if (!s->reader)
		return 1;
	if (!s->made) {
		actor_view(s->m, s->reader, &s->v);
		s->made = 1;
	}
	return view_sees(s->m, &s->v, x);
}

/* A grant, scope or group of another tenant (loaded unjudged) counts as
 * absent (grant_scope(), groups_containing()): it is no role.  One the
 * reader may not see is left out too: its DN is not the reader's to learn
 * (DESIGN §5a.8). */
static size_t
effective_roles(const struct tn_model *m, uint32_t id, const struct tn_actor *reader,
        tn_value_fn fn, void *ctx)
{
	size_t count = 0, words = (m->nroles + 63) / 64;
	struct sight sight = {m, reader, 0, {0}};
	uint32_t *groups = NULL, i, tenant = tenant_of(m, id);
	uint64_t *set;
	struct buf b;

	/* Disabled means disabled (§6): a mailbox that may not bind holds
	 * no role, whatever its grants and groups say. */
	if (m->nodes[id].kind != K_USER || !node_routable(m, id))
		return 0;
	if (!(set = calloc(words ? words : 1, sizeof(uint64_t))))
		return 0;
	if (groups_containing(m, id, &groups, NULL) < 0) {
		free(set);
		return 0;
	}
	buf_init(&b);
	for (i = 0; i <= idlist_len(groups); i++) {
		uint32_t p = i == 0 ? id : IDLIST_AT(groups, i - 1), j;
		const struct node *pn = &m->nodes[p];
		for (j = 0; j < refs_len(pn); j++) {
			uint32_t r = refs_at(pn, j), g = REF_ID(r), k, scope;
			const struct node *gn = &m->nodes[g];
			if (REF_ATTR(r) != R_GRANTEE || !(scope = grant_scope(m, g, tenant)))
				continue;
			if (!sight_sees(&sight, scope) || (p != id && !sight_sees(&sight, p)))
				continue;
			for (k = 0; k < idlist_len(NODE_ROLES(gn)); k++) {
				const struct role *ro = &m->roles[IDLIST_AT(NODE_ROLES(gn), k)];
				buf_reset(&b);
				buf_printf(&b, "%s at ", ro->display ? ro->display : ro->name);
				node_dn_display(m, scope, &b);
				if (p == id) {
					buf_adds(&b, " (direct)");
				} else {
					buf_adds(&b, " (through group ");
					node_dn_display(m, p, &b);
					buf_addc(&b, ')');
				}
				if (!b.oom)
					count += emit(fn, ctx, b.s, b.len);
				/* Every role it implies, at any depth, each named
				 * with the role that implies it: breadth first. */
				count += implied_roles(
				        m, IDLIST_AT(NODE_ROLES(gn), k), scope, set, fn, ctx, &b);
			}
		}
	}
	buf_free(&b);
	idlist_free(&groups);
	free(set);
	return count;
}

/* A handle as a node id: 0 unless it names a node the model holds. */
static uint32_t
handle_node(const struct tn_model *m, tn_handle h)
{
	return h && h < m->nnodes && node_rdn(&m->nodes[h]) ? (uint32_t)h : 0;
}

tn_handle
tn_entry_handle(const struct tn_model *m, const char *dn, size_t len)
{
	return node_lookup_len(m, dn, len);
}

/* Equal but for the case of ASCII letters? */
static int
same_lower(const char *a, const char *canon, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = a[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != canon[i])
			return 0;
	}
	return 1;
}

/* The node's RDNs from itself up, each followed by ',' but the last.  The
 * canonical form is in lower case, and lower-casing a DN does not change
 * its canonical form: a DN equal to it but for case (as slapd spells the
 * types) is its DN. */
int
tn_handle_is(const struct tn_model *m, tn_handle h, const char *dn, size_t len)
{
	uint32_t i = handle_node(m, h);
	size_t pos = 0;

	if (!i || !dn)
		return 0;
	for (; i && i < m->nnodes; i = m->nodes[i].parent) {
		const char *r = node_rdn(&m->nodes[i]);
		size_t l;
		if (!r)
			return 0;
		l = strlen(r);
		if (len - pos < l || (memcmp(dn + pos, r, l) != 0 && !same_lower(dn + pos, r, l)))
			return 0;
		pos += l;
		if (m->nodes[i].parent) {
			if (pos >= len || dn[pos] != ',')
				return 0;
			pos++;
		}
	}
	return pos == len;
}

size_t
tn_handle_dn(const struct tn_model *m, tn_handle h, char *out, size_t size)
{
	uint32_t i = handle_node(m, h);
	size_t len = 0;

	if (!i)
		return 0;
	/* The leaf's RDN comes first: written as the walk up reads them, and
	 * only measured once they no longer fit. */
	for (; i && i < m->nnodes; i = m->nodes[i].parent) {
		const char *r = node_rdn(&m->nodes[i]);
		size_t l = strlen(r);
		if (out && len + l + 1 < size) {
			memcpy(out + len, r, l);
			out[len + l] = ',';
		}
		len += l + 1;
	}
	len--; /* no ',' after the last RDN */
	if (out && len < size)
		out[len] = '\0';
	return len;
}

int
tn_answers_nothing_h(const struct tn_model *m, tn_handle h)
{
	uint32_t id = handle_node(m, h);

	return id && node_answers_nothing(m, id);
}

/* The values of `c` for `h`, as `reader` may read them (NULL: as the
 * rootdn, who sees every entry). */
static size_t
computed_h(const struct tn_model *m, const struct tn_actor *reader, tn_handle h, enum tn_computed c,
        tn_value_fn fn, void *ctx)
{
	uint32_t id = handle_node(m, h);

	if (!id || m->nodes[id].kind == K_NONE)
		return 0;
	switch (c) {
	case TN_C_ADDRESS:
		return addresses(m, id, fn, ctx);
	case TN_C_SENDER: {
		struct login_ctx l = {m, fn, ctx, 0};
		senders_of(m, id, 0, 0, emit_login, &l);
		return l.n;
	}
	case TN_C_DELIVER_TO:
		return deliver_to(m, id, fn, ctx);
	case TN_C_IMAP_GROUP: {
		struct buf b;
		size_t n;
		if (m->nodes[id].kind != K_USER)
			return 0;
		buf_init(&b);
		n = imap_groups(m, id, &b);
		if (n && !b.oom)
			emit(fn, ctx, b.s, b.len);
		buf_free(&b);
		return n ? 1 : 0;
	}
	case TN_C_EFFECTIVE_ROLE:
		return effective_roles(m, id, reader, fn, ctx);
	case TN_C_CONFLICT:
		return conflict_values(m, id, reader, fn, ctx);
	case TN_C_IDENTITY:
		return identities_of(m, id, fn, ctx);
	default:
		return 0;
	}
}

size_t
tn_computed_h(const struct tn_model *m, tn_handle h, enum tn_computed c, tn_value_fn fn, void *ctx)
{
	return computed_h(m, NULL, h, c, fn, ctx);
}

size_t
tn_computed_as_h(const struct tn_model *m, const struct tn_actor *actor, tn_handle h,
        enum tn_computed c, tn_value_fn fn, void *ctx)
{
	static const struct tn_actor anonymous = {NULL, 0};

	return computed_h(m, actor ? actor : &anonymous, h, c, fn, ctx);
}

size_t
tn_computed(const struct tn_model *m, const char *attr, const char *dn, tn_value_fn fn, void *ctx)
{
	int c = attr ? tn_computed_find(attr) : -1;

	if (c < 0 || !dn)
		return 0;
	return tn_computed_h(m, tn_entry_handle(m, dn, strlen(dn)), (enum tn_computed)c, fn, ctx);
}

static const char *const stored_names[TN_NSTORED] = {
        "mail", "tenancyMailAlias", "tenancyDomainName", "tenancyDomainAlias"};

const char *
tn_stored_name(enum tn_stored s)
{
	return (unsigned)s < TN_NSTORED ? stored_names[s] : NULL;
}

/* The routable entry an address (or a domain name) routes to, or 0. */
static uint32_t
route_find(const struct tn_model *m, const char *address, size_t len)
{
	uint32_t id;

	if (!memchr(address, '@', len)) {
		id = tenant_by_name(m, address, len);
		return id && node_routable(m, id) && len < 256 ? id : 0;
	}
	id = addr_owner(m, address, len);
	return id && node_routable(m, id) ? id : 0;
}

struct route_match {
	tn_route_h_fn fn;
	void *ctx;
};

static void
route_match_one(void *vctx, const char *v)
{
	struct route_match *rm = vctx;

	rm->fn(rm->ctx, v[0] == 'm' ? TN_S_MAIL : TN_S_MAIL_ALIAS, v + 1, strlen(v + 1));
}

/* The stored values of `id` that the address matched. */
static void
route_values(const struct tn_model *m, uint32_t id, const char *address, size_t len,
        tn_route_h_fn fn, void *ctx)
{
	const char *at = memchr(address, '@', len);

	if (!at) {
		int first = 1;
		char low[256];
		const char *v;
		size_t i;
		for (i = 0; i < len; i++)
			low[i] = (char)((address[i] >= 'A' && address[i] <= 'Z') ? address[i] + 32
			                                                         : address[i]);
		low[len] = '\0';
		PACK_FOREACH(NODE_EXTRA(&m->nodes[id]), v)
		{
			if (strcmp(v, low) == 0)
				fn(ctx, first ? TN_S_DOMAIN_NAME : TN_S_DOMAIN_ALIAS, v, len);
			first = 0;
		}
		return;
	}
	{
		/* The owner's values of this local part, by its index of
		 * them when it has many: a filter naming thousands of an
		 * entry's 100,000 aliases does not scan them all for each. */
		struct route_match rm = {fn, ctx};
		size_t llen = (size_t)(at - address), i;
		char low[ADDR_MAX + 1];
		if (llen > ADDR_MAX)
			return;
		for (i = 0; i < llen; i++)
			low[i] = (char)((address[i] >= 'A' && address[i] <= 'Z') ? address[i] + 32
			                                                         : address[i]);
		addr_each_with_local(&m->nodes[id], low, llen, route_match_one, &rm);
	}
}

tn_handle
tn_route_h(const struct tn_model *m, const char *address, size_t len, tn_route_h_fn fn, void *ctx)
{
	uint32_t id = route_find(m, address, len);

	if (id && fn)
		route_values(m, id, address, len, fn, ctx);
	return id;
}

/* tn_route() on top of the same: the DN written once. */
struct route_ctx {
	tn_route_fn fn;
	void *ctx;
	const char *dn;
};

static int
route_one(void *vctx, enum tn_stored attr, const char *value, size_t len)
{
	struct route_ctx *r = vctx;

	(void)len;
	return r->fn(r->ctx, r->dn, stored_names[attr], value);
}

size_t
tn_route(const struct tn_model *m, const char *address, size_t len, tn_route_fn fn, void *ctx)
{
	uint32_t id = route_find(m, address, len);
	struct route_ctx r;
	struct buf dn;
	char small[512];

	if (!id)
		return 0;
	if (fn) {
		/* Asked for every mail Postfix routes: the DN of the common
		 * size is written on the stack, with no allocation. */
		buf_init(&dn);
		if (node_dn_into(m, id, small, sizeof(small)) != (size_t)-1) {
			r.dn = small;
		} else {
			node_dn(m, id, &dn);
			r.dn = dn.s ? dn.s : "";
		}
		r.fn = fn;
		r.ctx = ctx;
		route_values(m, id, address, len, route_one, &r);
		buf_free(&dn);
	}
	return 1;
}
