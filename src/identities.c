/*
 * identities.c - every address a user may put in From: (tenancyIdentity).
 *
 * The reverse of tenancySender (sendas.c, senders_of): an address is in
 * L's identities exactly when L's login is in the tenancySender of the
 * entry answering to it.  Webmail identity pickers read it from the user's
 * own entry, once per login, so it is computed as cheaply as tenancySender:
 * from the user outwards, through the reverse references the model keeps,
 * never by a scan of the addresses.
 *
 *   1. the user's own addresses;
 *   2. the addresses of every send-as group that contains it (nested);
 *   3. the addresses of every mailbox naming it, or a group containing it,
 *      in tenancySendAsDelegate;
 *   4. the addresses of every shared mailbox on which it, or a group
 *      containing it, holds manage.
 *
 * Each entry's addresses are its tenancyAddress forms (every local part in
 * every name of the tenant), kept only where the entry still answers to
 * the form (a replication conflict's loser answers to nothing).  The user
 * and each entry must be routable and of the user's tenant, as in
 * senders_of().
 *
 * Interface: identities_of() (identities.h) for the computed attribute,
 * tn_identities() (tenancy.h) with the rule and chain behind each address.
 *
 * Failure modes: both return the number of addresses; running out of
 * memory shortens the list, never lengthens it.
 */
#include "engine.h"

#include <string.h>
#include <strings.h>

/* One identity: the address, its rule, its chain (NULL without explain). */
typedef int (*identity_fn)(
        void *ctx, const char *address, size_t len, const char *rule, const char *chain);

struct walk {
	const struct tn_model *m;
	uint32_t user, tenant;
	const uint32_t *groups, *via; /* groups_containing(user) */
	int explain;
	identity_fn fn;
	void *ctx;
	const char *primary; /* emitted first, not again */
	struct idset owners; /* entries already produced */
	/* of the entry being produced: */
	uint32_t owner;
	const char *rule;
	struct buf chain;
	char local[ADDR_MAX + 1]; /* the local part last looked up */
	size_t local_len;
	int local_owned; /* and whether owner answers to it */
	size_t count;
};

/* A tenancyAddress form of w->owner: produced when it still answers to
 * it.  The forms of one local part come one after another, and an entry
 * answers to all of them or to none (the index is keyed by local part and
 * tenant): one lookup per local part. */
static int
walk_form(void *vctx, const char *val, size_t len)
{
	struct walk *w = vctx;
	const char *at = memchr(val, '@', len);
	size_t llen = at ? (size_t)(at - val) : len;

	if (llen > ADDR_MAX)
		return 0;
	if (llen != w->local_len || strncasecmp(w->local, val, llen) != 0) {
		memcpy(w->local, val, llen);
		w->local_len = llen;
		w->local_owned = addr_owner(w->m, val, len) == w->owner;
	}
	if (!w->local_owned)
		return 0;
	if (w->primary && strlen(w->primary) == len && strncasecmp(w->primary, val, len) == 0)
		return 0;
	w->fn(w->ctx, val, len, w->rule, w->explain ? w->chain.s : NULL);
	w->count++;
	return 0;
}

/* Produce the addresses of `owner` under `rule`, once per owner: the first
 * rule that reaches an entry is the one tn_sendas_check() names too. */
static void
walk_owner(struct walk *w, uint32_t owner, const char *rule)
{
	if (!idset_add(&w->owners, owner))
		return;
	if (!node_routable(w->m, owner) || tenant_of(w->m, owner) != w->tenant)
		return;
	w->owner = owner;
	w->rule = rule;
	w->local_len = (size_t)-1;
	addresses(w->m, owner, walk_form, w);
}

/* The chain for the entry `owner` reached from `p` (the user or one of its
 * groups) through the reference named `what`. */
static void
chain_through(struct walk *w, const char *what, uint32_t owner, uint32_t p)
{
	buf_reset(&w->chain);
	buf_adds(&w->chain, what);
	node_dn_display(w->m, owner, &w->chain);
	if (p == w->user) {
		buf_adds(&w->chain, " directly");
		return;
	}
	buf_adds(&w->chain, " through ");
	membership_chain(w->m, w->user, p, w->groups, w->via, &w->chain);
}

/* Rules 3 and 4: the entries that name `p` as delegate or manager. */
static void
walk_referrers(struct walk *w, uint32_t p, enum ref_attr attr)
{
	const struct node *pn = &w->m->nodes[p];
	uint32_t j;

	for (j = 0; j < refs_len(pn); j++) {
		uint32_t r = refs_at(pn, j), o = REF_ID(r);
		enum kind k = (enum kind)w->m->nodes[o].kind;

		if (REF_ATTR(r) != attr)
			continue;
		if (attr == R_SENDAS && k != K_USER && k != K_SHARED)
			continue;
		if (attr == R_SHARE_MANAGE && k != K_SHARED)
			continue;
		if (idset_has(&w->owners, o))
			continue;
		if (w->explain)
			chain_through(w,
			        attr == R_SENDAS ? "listed in tenancySendAsDelegate of "
			                         : "holds the manage share on ",
			        o, p);
		walk_owner(w, o, attr == R_SENDAS ? "delegate" : "manage-share");
	}
}

static size_t
walk_identities(const struct tn_model *m, uint32_t user, int explain, identity_fn fn, void *ctx)
{
	struct walk w;
	uint32_t *groups = NULL, *via = NULL, i;
	const char *primary;

	if (!user || m->nodes[user].kind != K_USER || !node_routable(m, user))
		return 0;
	memset(&w, 0, sizeof(w));
	w.m = m;
	w.user = user;
	w.tenant = tenant_of(m, user);
	w.explain = explain;
	w.fn = fn;
	w.ctx = ctx;
	idset_init(&w.owners);
	buf_init(&w.chain);
	/* Memory running out here leaves the groups partly known: the list
	 * is then shorter, never wrong. */
	(void)groups_containing(m, user, &groups, explain ? &via : NULL);
	w.groups = groups;
	w.via = via;

	/* 1. Own addresses, the stored primary first. */
	if (explain) {
		buf_adds(&w.chain, "own address of ");
		node_dn_display(m, user, &w.chain);
	}
	primary = addr_primary(&m->nodes[user]);
	if (primary && addr_owner(m, primary, strlen(primary)) == user) {
		fn(ctx, primary, strlen(primary), "own-address", explain ? w.chain.s : NULL);
		w.count++;
		w.primary = primary;
	}
	walk_owner(&w, user, "own-address");

	/* 2. Send-as groups containing the user. */
	for (i = 0; i < idlist_len(groups); i++) {
		uint32_t g = IDLIST_AT(groups, i);
		if (!(m->nodes[g].flags & NF_SENDAS) || idset_has(&w.owners, g))
			continue;
		if (explain) {
			buf_reset(&w.chain);
			membership_chain(m, user, g, groups, via, &w.chain);
			buf_adds(&w.chain, " (tenancyGroupSendAs TRUE)");
		}
		walk_owner(&w, g, "group-send-as");
	}

	/* 3. Delegations naming the user or one of its groups. */
	walk_referrers(&w, user, R_SENDAS);
	for (i = 0; i < idlist_len(groups); i++)
		walk_referrers(&w, IDLIST_AT(groups, i), R_SENDAS);

	/* 4. Manage shares held by the user or one of its groups. */
	walk_referrers(&w, user, R_SHARE_MANAGE);
	for (i = 0; i < idlist_len(groups); i++)
		walk_referrers(&w, IDLIST_AT(groups, i), R_SHARE_MANAGE);

	idset_free(&w.owners);
	buf_free(&w.chain);
	idlist_free(&groups);
	idlist_free(&via);
	return w.count;
}

struct value_ctx {
	tn_value_fn fn;
	void *ctx;
};

static int
value_emit(void *vctx, const char *address, size_t len, const char *rule, const char *chain)
{
	struct value_ctx *v = vctx;

	(void)rule;
	(void)chain;
	if (v->fn)
		v->fn(v->ctx, address, len);
	return 0;
}

size_t
identities_of(const struct tn_model *m, uint32_t id, tn_value_fn fn, void *ctx)
{
	struct value_ctx v = {fn, ctx};

	return walk_identities(m, id, 0, value_emit, &v);
}

struct named_ctx {
	tn_identity_fn fn;
	void *ctx;
	struct buf addr;
};

static int
named_emit(void *vctx, const char *address, size_t len, const char *rule, const char *chain)
{
	struct named_ctx *n = vctx;

	buf_reset(&n->addr);
	buf_add(&n->addr, address, len);
	if (!n->addr.oom && n->fn)
		n->fn(n->ctx, n->addr.s, rule, chain);
	return 0;
}

size_t
tn_identities(
        const struct tn_model *m, const char *login, int explain, tn_identity_fn fn, void *ctx)
{
	struct named_ctx n = {fn, ctx, {0}};
	size_t count;

	if (!login)
		return 0;
	buf_init(&n.addr);
	count = walk_identities(m, login_lookup(m, login), explain, named_emit, &n);
	buf_free(&n.addr);
	return count;
}
