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
		return n->logins ? n->logins : NULL;
	return addr_primary(n);
}

static uint32_t
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
			low[i] = (char)((login[i] >= 'A' && login[i] <= 'Z') ? login[i] + 32 : login[i]);
		return strmap_get(&m->logins, low, len, 0);
	}
	id = addr_owner(m, login, len);
	return id && m->nodes[id].kind == K_USER ? id : 0;
}

/* "cn=a, which is a member of cn=b, which is a member of cn=c" from the
 * breadth-first search that found `target` among `user`'s groups. */
static void
membership_chain(const struct tn_model *m, uint32_t user, uint32_t target,
	const uint32_t *groups, const uint32_t *via, struct buf *out)
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

/* Is `user` in the idlist `who` directly or through a group?  Sets the
 * explanation when it is. */
static int
listed(const struct tn_model *m, uint32_t user, const uint32_t *who,
	const uint32_t *groups, const uint32_t *via, struct buf *why)
{
	uint32_t i;

	if (idlist_has(who, user))
		return 1;
	for (i = 0; i < idlist_len(groups); i++) {
		uint32_t g = IDLIST_AT(groups, i);
		if (idlist_has(who, g)) {
			buf_adds(why, "through ");
			membership_chain(m, user, g, groups, via, why);
			return 1;
		}
	}
	return 0;
}

int
tn_sendas_check(struct tn_model *m, const char *login, const char *address,
	int on_behalf, struct tn_answer *out)
{
	uint32_t user, owner, *groups = NULL, *via = NULL;
	const struct node *on;
	struct buf why, ex;
	const char *verb = on_behalf ? "send on behalf of" : "send as";
	int rc = 0;

	tn_answer_clear(out);
	buf_init(&why);
	buf_init(&ex);
	user = login ? login_lookup(m, login) : 0;
	if (!user || m->nodes[user].kind != K_USER) {
		answer_set(out, TN_INSUFFICIENT_ACCESS, "login",
			"%s is not the login of any mailbox user", login ? login : "");
		goto out;
	}
	owner = addr_owner(m, address, strlen(address));
	if (!owner) {
		answer_set(out, TN_INSUFFICIENT_ACCESS, "address",
			"no entry answers to %s", address);
		goto out;
	}
	on = &m->nodes[owner];
	if (tenant_of(m, user) != tenant_of(m, owner)) {
		answer_set(out, TN_INSUFFICIENT_ACCESS, "tenant",
			"%s may not %s %s: it belongs to another tenant", login, verb, address);
		goto out;
	}
	if (!node_routable(m, user)) {
		answer_set(out, TN_INSUFFICIENT_ACCESS, "status",
			"%s may not send: its mailbox or tenant is not enabled", login);
		goto out;
	}
	if (!node_routable(m, owner)) {
		answer_set(out, TN_INSUFFICIENT_ACCESS, "status",
			"%s may not %s %s: that entry or its tenant is not enabled",
			login, verb, address);
		goto out;
	}
	if (groups_containing(m, user, &groups, &via) < 0) {
		answer_oom(out);
		rc = -1;
		goto out;
	}
	if (out->want_explain) {
		buf_adds(&ex, "login ");
		buf_adds(&ex, login);
		buf_adds(&ex, " is ");
		node_dn_display(m, user, &ex);
		buf_adds(&ex, "\naddress ");
		buf_adds(&ex, address);
		buf_adds(&ex, " belongs to ");
		node_dn_display(m, owner, &ex);
		buf_addc(&ex, '\n');
	}

	if (on_behalf) {
		if (listed(m, user, FWD(on, R_ONBEHALF), groups, via, &why)) {
			answer_set(out, TN_OK, "send-on-behalf",
				"%s may send on behalf of %s: listed in tenancySendOnBehalfDelegate %s",
				login, address, why.len ? why.s : "directly");
			goto explained;
		}
		answer_set(out, TN_INSUFFICIENT_ACCESS, "send-on-behalf",
			"%s may not send on behalf of %s: not listed in its tenancySendOnBehalfDelegate",
			login, address);
		goto explained;
	}
	if (owner == user) {
		answer_set(out, TN_OK, "own-address",
			"%s may send as %s: it is one of its own addresses", login, address);
		goto explained;
	}
	if (on->kind == K_GROUP) {
		uint32_t i;
		int member = 0;
		for (i = 0; i < idlist_len(groups); i++)
			if (IDLIST_AT(groups, i) == owner)
				member = 1;
		if (member && (on->flags & NF_SENDAS)) {
			membership_chain(m, user, owner, groups, via, &why);
			answer_set(out, TN_OK, "group-send-as",
				"%s may send as %s: %s (tenancyGroupSendAs TRUE)",
				login, address, why.s ? why.s : "");
			goto explained;
		}
		if (member) {
			answer_set(out, TN_INSUFFICIENT_ACCESS, "group-send-as",
				"%s may not send as %s: it is a member, but the group's tenancyGroupSendAs is not TRUE",
				login, address);
			goto explained;
		}
	}
	if ((on->kind == K_USER || on->kind == K_SHARED) &&
			listed(m, user, FWD(on, R_SENDAS), groups, via, &why)) {
		answer_set(out, TN_OK, "delegate",
			"%s may send as %s: listed in tenancySendAsDelegate %s",
			login, address, why.len ? why.s : "directly");
		goto explained;
	}
	if (on->kind == K_SHARED) {
		uint32_t by = 0;
		if (share_level(m, owner, user, &by) == R_SHARE_MANAGE) {
			if (by != user) {
				buf_adds(&why, " through ");
				membership_chain(m, user, by, groups, via, &why);
			}
			answer_set(out, TN_OK, "manage-share",
				"%s may send as %s: holds the manage share%s", login, address,
				why.len ? why.s : "");
			goto explained;
		}
	}
	answer_set(out, TN_INSUFFICIENT_ACCESS, "send-as",
		"%s may not send as %s: not its address, not a member of a send-as group, not a delegate, no manage share",
		login, address);
explained:
	if (!out->want_explain)
		goto out;
	if (out->text) {
		buf_adds(&ex, out->code == TN_OK ? "allowed: " : "refused: ");
		buf_adds(&ex, out->text);
		buf_addc(&ex, '\n');
	}
	out->explain = buf_take(&ex);
out:
	buf_free(&why);
	buf_free(&ex);
	idlist_free(&groups);
	idlist_free(&via);
	return rc;
}

static int
emit_flat(const struct tn_model *m, uint32_t owner, uint32_t who, const char *rule,
	sender_fn fn, void *ctx, struct idset *seen, struct buf *reason)
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
	if (m->nodes[who].kind != K_GROUP || group_flatten(m, who, &flat) < 0) {
		idlist_free(&flat);
		return 0;
	}
	for (i = 0; i < idlist_len(flat); i++) {
		uint32_t u = IDLIST_AT(flat, i);
		if (m->nodes[u].kind != K_USER || !idset_add(seen, u) ||
				!node_routable(m, u) || tenant_of(m, u) != tenant_of(m, owner))
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
senders_of(const struct tn_model *m, uint32_t owner, int on_behalf,
	int reasons, sender_fn fn, void *ctx)
{
	const struct node *on = node_get(m, owner);
	struct idset seen;
	struct buf rbuf, *reason = reasons ? &rbuf : NULL;
	size_t n = 0;
	uint32_t i;

	if (!on || !node_routable(m, owner))
		return 0;
	idset_init(&seen);
	buf_init(&rbuf);
	if (on_behalf) {
		for (i = 0; i < idlist_len(FWD(on, R_ONBEHALF)); i++)
			n += (size_t)emit_flat(m, owner, IDLIST_AT(FWD(on, R_ONBEHALF), i),
				"send-on-behalf delegate", fn, ctx, &seen, reason);
		goto out;
	}
	if (on->kind == K_USER)
		n += (size_t)emit_flat(m, owner, owner, "own address", fn, ctx, &seen, reason);
	if (on->kind == K_GROUP && (on->flags & NF_SENDAS))
		n += (size_t)emit_flat(m, owner, owner, "member of a send-as group",
			fn, ctx, &seen, reason);
	if (on->kind == K_USER || on->kind == K_SHARED)
		for (i = 0; i < idlist_len(FWD(on, R_SENDAS)); i++)
			n += (size_t)emit_flat(m, owner, IDLIST_AT(FWD(on, R_SENDAS), i),
				"send-as delegate", fn, ctx, &seen, reason);
	if (on->kind == K_SHARED)
		for (i = 0; i < idlist_len(FWD(on, R_SHARE_MANAGE)); i++)
			n += (size_t)emit_flat(m, owner, IDLIST_AT(FWD(on, R_SHARE_MANAGE), i),
				"manage share", fn, ctx, &seen, reason);
out:
	idset_free(&seen);
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
tn_sendas_who(struct tn_model *m, const char *address, tn_who_fn fn, void *ctx)
{
	struct who_ctx w = { m, fn, ctx };
	uint32_t owner = address ? addr_owner(m, address, strlen(address)) : 0;

	if (!owner)
		return 0;
	return senders_of(m, owner, 0, 1, who_emit, &w);
}
