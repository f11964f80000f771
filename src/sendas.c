/*
 * sendas.c - who may put which address in From: (DESIGN §7).
 *
 * Login L of tenant T may use address A, taken modulo T's alias domains,
 * when A is L's own; when A is a send-as group's and L a member (nested);
 * when A's mailbox lists L, or a group containing L, as send-as delegate;
 * or when A is a shared mailbox on which L holds manage.  Never across
 * tenants, never for an entry or tenant that is not enabled.
 *
 * Every answer names its rule and the chain of entries behind it.
 *
 * Interface (sendas.h): senders_of() (tenancySender, from the address
 * outwards), user_login(), login_lookup(), membership_chain();
 * tn_sendas_check() and tn_sendas_who() (tenancy.h).
 *
 * Failure modes: tn_sendas_check() answers answer_oom() and returns -1
 * when memory runs out.  senders_of() and tn_sendas_who() leave out the
 * members of a group they could not flatten: fewer senders, never more.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *
user_login(const struct tn_model *m, uint32_t user)
{
	const struct node *n = &m->nodes[user];

	if (m->login_attr)
		return NODE_LOGINS(n);
	return addr_primary(n);
}

uint32_t
login_lookup(const struct tn_model *m, const char *login)
{
	size_t len = strlen(login);
	uint32_t id;

	if (memchr(login, '=', len))
		return node_lookup(m, login);
	if (m->login_attr) {
		char low[256];
		size_t i;
		if (len >= sizeof(low))
			return 0;
		for (i = 0; i < len; i++)
			low[i] = (char)((login[i] >= 'A' && login[i] <= 'Z') ? login[i] + 32
			                                                     : login[i]);
		return strmap_get(&m->logins, low, len, 0);
	}
	id = addr_owner(m, login, len);
	return id && m->nodes[id].kind == K_USER ? id : 0;
}

/* "cn=a, which is a member of cn=b, which is a member of cn=c" from the
 * breadth-first search that found `target` among `user`'s groups. */
void
membership_chain(const struct tn_model *m, uint32_t user, uint32_t target, const uint32_t *groups,
        const uint32_t *via, struct buf *out)
{
	uint32_t path[64], n = 0, cur = target, i;

	while (cur != user && n < 64) {
		path[n++] = cur;
		for (i = 0; i < idlist_len(groups); i++)
			if (IDLIST_AT(groups, i) == cur)
				break;
		if (i == idlist_len(groups))
			break;
		cur = IDLIST_AT(via, i);
	}
	buf_adds(out, "member of ");
	while (n--) {
		node_dn_display(m, path[n], out);
		if (n)
			buf_adds(out, ", which is a member of ");
	}
}

/* The groups containing a user, with the member each was reached
 * through: found once, and only when a rule needs them (an own address
 * or a delegate listed directly does not). */
struct memberships {
	uint32_t *groups, *via;
	int known;
};

static int
memberships_find(const struct tn_model *m, uint32_t user, struct memberships *ms)
{
	if (ms->known)
		return 0;
	ms->known = 1;
	return groups_containing(m, user, &ms->groups, &ms->via);
}

/* Is `user` in the idlist `who` directly or through a group?  1 when it
 * is (the chain in `why` when through a group), 0 when not, -1 when
 * memory ran out. */
static int
listed(const struct tn_model *m, uint32_t user, const uint32_t *who, struct memberships *ms,
        struct buf *why)
{
	uint32_t i;

	if (!idlist_len(who))
		return 0;
	if (idlist_has(who, user))
		return 1;
	if (memberships_find(m, user, ms) < 0)
		return -1;
	if ((uint64_t)idlist_len(who) * idlist_len(ms->groups) > 1024) {
		/* Many delegates and many groups: each group looked up in a
		 * set of the delegates, not in the list (a product of the
		 * two, which a mailbox's owner and a unit's administrator can
		 * each make large, was scanned on every send-as question). */
		struct idset set;
		int found = 0, oom;
		idset_init(&set);
		for (i = 0; i < idlist_len(who); i++)
			idset_add(&set, IDLIST_AT(who, i));
		for (i = 0; !set.oom && i < idlist_len(ms->groups) && !found; i++)
			found = idset_has(&set, IDLIST_AT(ms->groups, i));
		oom = set.oom;
		idset_free(&set);
		if (oom)
			return -1;
		if (found) {
			buf_adds(why, "through ");
			membership_chain(
			        m, user, IDLIST_AT(ms->groups, i - 1), ms->groups, ms->via, why);
		}
		return found;
	}
	for (i = 0; i < idlist_len(ms->groups); i++) {
		uint32_t g = IDLIST_AT(ms->groups, i);
		if (idlist_has(who, g)) {
			buf_adds(why, "through ");
			membership_chain(m, user, g, ms->groups, ms->via, why);
			return 1;
		}
	}
	return 0;
}

/* The entries behind a send-as answer, one per line, for --explain;
 * NULL when memory ran out. */
static char *
sendas_explain(const struct tn_model *m, const char *login, uint32_t user, const char *address,
        uint32_t owner, const struct tn_answer *a)
{
	struct buf ex;

	buf_init(&ex);
	/* Two DNs, the texts and a little: one allocation in practice. */
	buf_reserve(&ex, 512 + strlen(login) + strlen(address) + (a->text ? strlen(a->text) : 0));
	buf_adds(&ex, "login ");
	buf_adds(&ex, login);
	buf_adds(&ex, " is ");
	node_dn_display(m, user, &ex);
	buf_adds(&ex, "\naddress ");
	buf_adds(&ex, address);
	buf_adds(&ex, " belongs to ");
	node_dn_display(m, owner, &ex);
	buf_addc(&ex, '\n');
	if (a->text) {
		buf_adds(&ex, a->code == TN_OK ? "allowed: " : "refused: ");
		buf_adds(&ex, a->text);
		buf_addc(&ex, '\n');
	}
	return buf_take(&ex);
}

int
tn_sendas_check(const struct tn_model *m, const char *login, const char *address, int on_behalf,
        struct tn_answer *out)
{
	uint32_t user, owner = 0;
	struct addr_query aq;
	struct memberships ms = {NULL, NULL, 0};
	const struct node *on;
	struct buf why;
	const char *verb = on_behalf ? "send on behalf of" : "send as";
	int rc = 0, yes, known;

	tn_answer_clear(out);
	buf_init(&why);
	/* The address's index slot is fetched while the login is looked up. */
	known = addr_query(m, address, strlen(address), &aq);
	if (known && login && !m->login_attr && !strchr(login, '=') &&
	        strcmp(login, address) == 0) {
		/* One's own address, as written at login: one lookup answers
		 * both questions. */
		owner = addr_query_owner(m, &aq);
		user = owner && m->nodes[owner].kind == K_USER ? owner : 0;
	} else if (login && !m->login_attr && !strchr(login, '=')) {
		/* The login is an address too (login_lookup()'s last case):
		 * both are looked up at once, each step of the one waiting
		 * for memory while the other's does. */
		struct addr_query lq;
		user = 0;
		if (addr_query(m, login, strlen(login), &lq)) {
			uint32_t a1 = 0, l1;
			if (known)
				a1 = addr_query_ahead(m, &aq, 0);
			l1 = addr_query_ahead(m, &lq, 0);
			if (a1)
				addr_query_ahead(m, &aq, a1);
			if (l1)
				addr_query_ahead(m, &lq, l1);
			user = addr_query_owner(m, &lq);
			if (user && m->nodes[user].kind != K_USER)
				user = 0;
		}
	} else {
		user = login ? login_lookup(m, login) : 0;
	}
	if (!user || m->nodes[user].kind != K_USER) {
		answer_cat(out, TN_INSUFFICIENT_ACCESS, "login", login ? login : "",
		        " is not the login of any mailbox user", (char *)NULL);
		goto out;
	}
	if (!owner && known)
		owner = addr_query_owner(m, &aq);
	if (!owner) {
		answer_cat(out, TN_INSUFFICIENT_ACCESS, "address", "no entry answers to ", address,
		        (char *)NULL);
		goto out;
	}
	on = &m->nodes[owner];
	if (owner != user) {
		/* What the rules below read first: the owner's delegates and
		 * the user's groups, fetched while the tenant is checked. */
		PREFETCH(on->fwd);
		if (m->nodes[user].mark & NM_LINKED)
			refs_prefetch(&m->nodes[user]);
	}
	if (tenant_of(m, user) != tenant_of(m, owner)) {
		answer_cat(out, TN_INSUFFICIENT_ACCESS, "tenant", login, " may not ", verb, " ",
		        address, ": it belongs to another tenant", (char *)NULL);
		goto out;
	}
	if (!node_routable(m, user)) {
		answer_cat(out, TN_INSUFFICIENT_ACCESS, "status", login,
		        " may not send: its mailbox or tenant is not enabled", (char *)NULL);
		goto out;
	}
	if (!node_routable(m, owner)) {
		answer_cat(out, TN_INSUFFICIENT_ACCESS, "status", login, " may not ", verb, " ",
		        address, ": that entry or its tenant is not enabled", (char *)NULL);
		goto out;
	}

	if (on_behalf) {
		if ((yes = listed(m, user, FWD(on, R_ONBEHALF), &ms, &why)) < 0)
			goto oom;
		if (yes) {
			answer_cat(out, TN_OK, "send-on-behalf", login, " may send on behalf of ",
			        address, ": listed in tenancySendOnBehalfDelegate ",
			        why.len ? why.s : "directly", (char *)NULL);
			goto explained;
		}
		answer_cat(out, TN_INSUFFICIENT_ACCESS, "send-on-behalf", login,
		        " may not send on behalf of ", address,
		        ": not listed in its tenancySendOnBehalfDelegate", (char *)NULL);
		goto explained;
	}
	if (owner == user) {
		answer_cat(out, TN_OK, "own-address", login, " may send as ", address,
		        ": it is one of its own addresses", (char *)NULL);
		goto explained;
	}
	if (on->kind == K_GROUP) {
		if (memberships_find(m, user, &ms) < 0)
			goto oom;
		if (idlist_has(ms.groups, owner) && (on->flags & NF_SENDAS)) {
			membership_chain(m, user, owner, ms.groups, ms.via, &why);
			answer_cat(out, TN_OK, "group-send-as", login, " may send as ", address,
			        ": ", why.s ? why.s : "", " (tenancyGroupSendAs TRUE)",
			        (char *)NULL);
			goto explained;
		}
		if (idlist_has(ms.groups, owner)) {
			answer_cat(out, TN_INSUFFICIENT_ACCESS, "group-send-as", login,
			        " may not send as ", address,
			        ": it is a member, but the group's tenancyGroupSendAs is not TRUE",
			        (char *)NULL);
			goto explained;
		}
	}
	if (on->kind == K_USER || on->kind == K_SHARED) {
		if ((yes = listed(m, user, FWD(on, R_SENDAS), &ms, &why)) < 0)
			goto oom;
		if (yes) {
			answer_cat(out, TN_OK, "delegate", login, " may send as ", address,
			        ": listed in tenancySendAsDelegate ", why.len ? why.s : "directly",
			        (char *)NULL);
			goto explained;
		}
	}
	if (on->kind == K_SHARED) {
		uint32_t by = 0;
		if (share_level(m, owner, user, &by) == R_SHARE_MANAGE) {
			if (by != user) {
				if (memberships_find(m, user, &ms) < 0)
					goto oom;
				buf_adds(&why, " through ");
				membership_chain(m, user, by, ms.groups, ms.via, &why);
			}
			answer_cat(out, TN_OK, "manage-share", login, " may send as ", address,
			        ": holds the manage share", why.len ? why.s : "", (char *)NULL);
			goto explained;
		}
	}
	answer_cat(out, TN_INSUFFICIENT_ACCESS, "send-as", login, " may not send as ", address,
	        ": not its address, not a member of a send-as group, "
	        "not a delegate, no manage share",
	        (char *)NULL);
explained:
	if (out->want_explain)
		out->explain = sendas_explain(m, login, user, address, owner, out);
	goto out;
oom:
	answer_oom(out);
	rc = -1;
out:
	buf_free(&why);
	idlist_free(&ms.groups);
	idlist_free(&ms.via);
	return rc;
}

static int
emit_flat(const struct tn_model *m, uint32_t owner, uint32_t who, const char *rule, sender_fn fn,
        void *ctx, struct idset *seen, struct idset *visited, struct buf *reason)
{
	uint32_t *flat = NULL, i;
	size_t n = 0;

	if (m->nodes[who].kind == K_USER) {
		if (idset_add(seen, who) && node_routable(m, who) &&
		        tenant_of(m, who) == tenant_of(m, owner)) {
			fn(ctx, who, reason ? rule : NULL);
			n++;
		}
		return (int)n;
	}
	/* A delegate group of another tenant counts as absent, whatever
	 * members of the owner's tenant it names (ref_counts()).  The groups
	 * and mailboxes an earlier delegate reached are not walked again
	 * (`visited`): a thousand delegate groups that each contain one
	 * group of 100,000 members cost it once, not a thousand times. */
	if (m->nodes[who].kind != K_GROUP || !ref_counts(m, tenant_of(m, owner), who) ||
	        group_flatten_seen(m, who, visited, &flat) < 0) {
		idlist_free(&flat);
		return 0;
	}
	for (i = 0; i < idlist_len(flat); i++) {
		uint32_t u = IDLIST_AT(flat, i);
		if (m->nodes[u].kind != K_USER || !idset_add(seen, u) || !node_routable(m, u) ||
		        tenant_of(m, u) != tenant_of(m, owner))
			continue;
		if (reason) {
			buf_reset(reason);
			buf_printf(reason, "%s, through group ", rule);
			node_dn_display(m, who, reason);
		}
		fn(ctx, u, reason ? reason->s : NULL);
		n++;
	}
	idlist_free(&flat);
	return (int)n;
}

size_t
senders_of(const struct tn_model *m, uint32_t owner, int on_behalf, int reasons, sender_fn fn,
        void *ctx)
{
	const struct node *on = node_get(m, owner);
	struct idset seen, visited;
	struct buf rbuf, *reason = NULL;
	size_t n = 0;
	uint32_t i;

	if (!on || !node_routable(m, owner))
		return 0;
	/* Most mailboxes: only the user itself (routable, in its own tenant),
	 * and no set to keep. */
	if (!on_behalf && on->kind == K_USER && !idlist_len(FWD(on, R_SENDAS))) {
		fn(ctx, owner, reasons ? "own address" : NULL);
		return 1;
	}
	idset_init(&seen);
	idset_init(&visited);
	buf_init(&rbuf);
	if (reasons)
		reason = &rbuf;
	if (on_behalf) {
		for (i = 0; i < idlist_len(FWD(on, R_ONBEHALF)); i++)
			n += (size_t)emit_flat(m, owner, IDLIST_AT(FWD(on, R_ONBEHALF), i),
			        "send-on-behalf delegate", fn, ctx, &seen, &visited, reason);
		goto out;
	}
	if (on->kind == K_USER)
		n += (size_t)emit_flat(
		        m, owner, owner, "own address", fn, ctx, &seen, &visited, reason);
	if (on->kind == K_GROUP && (on->flags & NF_SENDAS))
		n += (size_t)emit_flat(m, owner, owner, "member of a send-as group", fn, ctx, &seen,
		        &visited, reason);
	if (on->kind == K_USER || on->kind == K_SHARED)
		for (i = 0; i < idlist_len(FWD(on, R_SENDAS)); i++)
			n += (size_t)emit_flat(m, owner, IDLIST_AT(FWD(on, R_SENDAS), i),
			        "send-as delegate", fn, ctx, &seen, &visited, reason);
	if (on->kind == K_SHARED)
		for (i = 0; i < idlist_len(FWD(on, R_SHARE_MANAGE)); i++)
			n += (size_t)emit_flat(m, owner, IDLIST_AT(FWD(on, R_SHARE_MANAGE), i),
			        "manage share", fn, ctx, &seen, &visited, reason);
out:
	idset_free(&seen);
	idset_free(&visited);
	buf_free(&rbuf);
	return n;
}

struct who_ctx {
	const struct tn_model *m;
	tn_who_fn fn;
	void *ctx;
};

static int
who_emit(void *vctx, uint32_t user, const char *reason)
{
	struct who_ctx *w = vctx;
	const char *login = user_login(w->m, user);

	if (login && w->fn)
		w->fn(w->ctx, login, reason);
	return 0;
}

size_t
tn_sendas_who(const struct tn_model *m, const char *address, tn_who_fn fn, void *ctx)
{
	struct who_ctx w = {m, fn, ctx};
	uint32_t owner = address ? addr_owner(m, address, strlen(address)) : 0;

	if (!owner)
		return 0;
	return senders_of(m, owner, 0, 1, who_emit, &w);
}
