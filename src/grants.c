/*
 * grants.c - effective roles and permissions.
 *
 * The effective permissions of actor A at unit U are the union, over every
 * grant whose scope is U or an ancestor of U and whose grantee is A or a
 * group containing A (nested), of the permissions of the grant's roles and
 * of every role they imply (DESIGN §6).  Everything is read from the
 * model's reverse references: no search, no scan.  A grantee that lost a
 * replication conflict (§5b) holds nothing, and a grant counts only when
 * it, its grantee and its scope lie in one tenant (grant_scope()).
 *
 * Interface (grants.h): rights_at(), rights_free(), rights_has_role(),
 * holds_all_roles_of(), grant_scope(); tn_rights() (tenancy.h).
 *
 * Failure modes: rights_at() and tn_rights() return -1 when memory runs
 * out (tn_rights() then answers answer_oom()); holds_all_roles_of()
 * answers "no", which refuses.  tn_rights() of an unknown entry or unit
 * answers TN_NO_SUCH_OBJECT.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

void
rights_free(struct rights *r)
{
	if (r->roles != r->inline_roles)
		free(r->roles);
	r->roles = NULL;
	r->nwords = 0;
	r->perms = 0;
}

int
rights_has_role(const struct rights *r, uint32_t role)
{
	return role / 64 < r->nwords && (r->roles[role / 64] & (1ull << (role % 64)));
}

uint32_t
grant_scope(const struct tn_model *m, uint32_t grant, uint32_t tenant)
{
	const struct node *g = &m->nodes[grant];
	uint32_t scope;

	if (g->kind != K_GRANT || !idlist_len(FWD(g, R_SCOPE)))
		return 0;
	scope = IDLIST_AT(FWD(g, R_SCOPE), 0);
	if (!ref_counts(m, tenant, grant) || !ref_counts(m, tenant, scope))
		return 0; /* across tenants: absent (DESIGN §5.4, §5b) */
	return scope;
}

static void
explain_grant(const struct tn_model *m, struct buf *ex, uint32_t grant, uint32_t principal,
        uint32_t actor, uint32_t via_member)
{
	const struct node *g = &m->nodes[grant];
	uint32_t j;

	buf_adds(ex, "grant ");
	node_dn_display(m, grant, ex);
	buf_adds(ex, ": ");
	for (j = 0; j < idlist_len(NODE_ROLES(g)); j++) {
		const struct role *ro = &m->roles[IDLIST_AT(NODE_ROLES(g), j)];
		buf_printf(ex, "%s%s", j ? ", " : "", ro->display ? ro->display : ro->name);
	}
	buf_adds(ex, " at ");
	if (idlist_len(FWD(g, R_SCOPE)))
		node_dn_display(m, IDLIST_AT(FWD(g, R_SCOPE), 0), ex);
	if (principal == actor) {
		buf_adds(ex, " (direct)");
	} else {
		buf_adds(ex, " (through group ");
		node_dn_display(m, principal, ex);
		if (via_member != actor) {
			buf_adds(ex, ", which contains ");
			node_dn_display(m, via_member, ex);
		}
		buf_adds(ex, ")");
	}
	buf_addc(ex, '\n');
}

int
rights_at(const struct tn_model *m, uint32_t actor, uint32_t unit, struct rights *r,
        struct buf *explain)
{
	uint32_t *groups = NULL, *via = NULL, i, w, tenant = 0;
	struct idset chain;
	int rc = 0, across = 0;

	r->perms = 0;
	r->nwords = (m->nroles + 63) / 64;
	if (r->nwords <= RIGHTS_INLINE) {
		memset(r->inline_roles, 0, sizeof(r->inline_roles));
		r->roles = r->inline_roles;
	} else if (!(r->roles = calloc(r->nwords, sizeof(uint64_t)))) {
		r->nwords = 0;
		return -1;
	}
	/* The unit and its ancestors, walked up only once a grant is met:
	 * most actors hold none, and the walk is a node a level. */
	chain.slots = NULL;
	if (groups_containing(m, actor, &groups, explain ? &via : NULL) < 0)
		rc = -1;
	for (i = 0; rc == 0 && i <= idlist_len(groups); i++) {
		uint32_t p = i == 0 ? actor : IDLIST_AT(groups, i - 1), j;
		const struct node *pn = &m->nodes[p];
		if (!(pn->mark & NM_LINKED))
			continue; /* no grant names it */
		if (node_answers_nothing(m, p))
			continue; /* a conflict's loser is no grantee (§5b) */
		for (j = 0; j < refs_len(pn); j++) {
			uint32_t ref = refs_at(pn, j), gid = REF_ID(ref), k, scope;
			const struct node *g = &m->nodes[gid];
			if (REF_ATTR(ref) != R_GRANTEE || g->kind != K_GRANT ||
			        !idlist_len(FWD(g, R_SCOPE)))
				continue;
			if (!chain.slots) {
				idset_init(&chain);
				for (k = unit; k; k = unit_parent(m, k)) {
					idset_add(&chain, k);
					if (m->nodes[k].kind == K_DOMAIN)
						break;
				}
				/* Every unit of the chain lies in the unit's
				 * tenant, k (0: none): grant_scope()'s test of
				 * the scope, once for all grants. */
				tenant = tenant_of(m, actor);
				across = k != tenant;
			}
			scope = IDLIST_AT(FWD(g, R_SCOPE), 0);
			if (across || !idset_has(&chain, scope) || !ref_counts(m, tenant, gid))
				continue;
			for (k = 0; k < idlist_len(NODE_ROLES(g)); k++) {
				uint32_t ro = IDLIST_AT(NODE_ROLES(g), k);
				if (m->roles[ro].node)
					role_expand(m, ro, r->roles);
			}
			if (explain)
				explain_grant(m, explain, gid, p, actor,
				        i == 0 ? actor : IDLIST_AT(via, i - 1));
		}
	}
	for (w = 0; w < r->nwords; w++)
		for (i = 0; r->roles[w] && i < 64; i++)
			if (r->roles[w] & (1ull << i))
				r->perms |= m->roles[w * 64 + i].perms;
	if (chain.slots) {
		if (chain.oom)
			rc = -1;
		idset_free(&chain);
	}
	idlist_free(&groups);
	idlist_free(&via);
	return rc;
}

/* The holder's rights at the scopes holds_all_roles_of() met, the last
 * few: a target named by 100,000 grants (a unit's administrator may make
 * them) mostly at one or two scopes had the holder's rights, a walk of
 * all their groups and grants, computed again for each grant. */
#define SCOPES_KEPT 8
struct scope_rights {
	uint32_t scope[SCOPES_KEPT];
	struct rights r[SCOPES_KEPT];
	unsigned n, next;
};

/* The holder's rights at `scope`, kept or computed; NULL when memory ran
 * out. */
static const struct rights *
rights_kept(const struct tn_model *m, struct scope_rights *k, uint32_t holder, uint32_t scope)
{
	unsigned i;

	for (i = 0; i < k->n; i++)
		if (k->scope[i] == scope)
			return &k->r[i];
	if (k->n < SCOPES_KEPT)
		i = k->n++;
	else {
		i = k->next;
		k->next = (k->next + 1) % SCOPES_KEPT;
		rights_free(&k->r[i]);
	}
	k->scope[i] = 0;
	if (rights_at(m, holder, scope, &k->r[i], NULL) < 0) {
		rights_free(&k->r[i]);
		return NULL;
	}
	k->scope[i] = scope;
	return &k->r[i];
}

int
holds_all_roles_of(const struct tn_model *m, uint32_t holder, uint32_t target,
        uint32_t *missing_role, uint32_t *missing_scope)
{
	uint32_t *groups = NULL, i, tenant = tenant_of(m, target);
	struct scope_rights kept;
	int ok = 1;

	kept.n = kept.next = 0;

	if (groups_containing(m, target, &groups, NULL) < 0) {
		idlist_free(&groups);
		return 0; /* cannot tell: refuse */
	}
	for (i = 0; ok && i <= idlist_len(groups); i++) {
		uint32_t p = i == 0 ? target : IDLIST_AT(groups, i - 1), j;
		const struct node *pn = &m->nodes[p];
		for (j = 0; ok && j < refs_len(pn); j++) {
			uint32_t ref = refs_at(pn, j), gid = REF_ID(ref), k, scope;
			const struct node *g = &m->nodes[gid];
			const struct rights *hr;
			if (REF_ATTR(ref) != R_GRANTEE || !(scope = grant_scope(m, gid, tenant)))
				continue;
			if (!(hr = rights_kept(m, &kept, holder, scope))) {
				ok = 0;
				*missing_role = UINT32_MAX;
				*missing_scope = scope;
				break;
			}
			for (k = 0; k < idlist_len(NODE_ROLES(g)); k++) {
				uint32_t ro = IDLIST_AT(NODE_ROLES(g), k);
				if (!rights_has_role(hr, ro)) {
					ok = 0;
					*missing_role = ro;
					*missing_scope = scope;
					break;
				}
			}
		}
	}
	for (i = 0; i < kept.n; i++)
		rights_free(&kept.r[i]);
	idlist_free(&groups);
	return ok;
}

int
tn_rights(const struct tn_model *m, const char *dn, const char *unit, struct tn_answer *out)
{
	uint32_t actor = node_lookup(m, dn), u;
	struct rights r;
	struct buf text, ex;
	int p;

	tn_answer_clear(out);
	if (!actor || m->nodes[actor].kind == K_NONE) {
		answer_set(out, TN_NO_SUCH_OBJECT, "rights", "%s: no such entry", dn);
		return 0;
	}
	if (unit) {
		u = node_lookup(m, unit);
		if (!u || !kind_is_unit((enum kind)m->nodes[u].kind)) {
			answer_set(
			        out, TN_NO_SUCH_OBJECT, "rights", "%s: not a unit or domain", unit);
			return 0;
		}
	} else {
		u = unit_of(m, actor);
		if (m->nodes[actor].kind == K_UNIT)
			u = actor;
	}
	if (m->nodes[actor].kind == K_USER && !node_routable(m, actor)) {
		/* Disabled means disabled (§6): its grants give nothing. */
		out->code = TN_OK;
		out->rule = "rights";
		out->text = strdup("");
		if (out->want_explain)
			out->explain =
			        strdup("the mailbox or its domain is not enabled: no rights\n");
		if (!out->text || (out->want_explain && !out->explain)) {
			answer_oom(out);
			return -1;
		}
		return 0;
	}
	buf_init(&text);
	buf_init(&ex);
	if (rights_at(m, actor, u, &r, out->want_explain ? &ex : NULL) < 0) {
		rights_free(&r);
		buf_free(&text);
		buf_free(&ex);
		answer_oom(out);
		return -1;
	}
	/* Room for every permission's name at once (they come to 170 bytes):
	 * the text is written without growing. */
	buf_reserve(&text, 255);
	for (p = 0; p < P_COUNT; p++) {
		if (r.perms & (1u << p)) {
			if (text.len)
				buf_addc(&text, ' ');
			buf_adds(&text, perm_name((enum perm)p));
		}
	}
	rights_free(&r);
	out->code = TN_OK;
	out->rule = "rights";
	out->text = buf_take(&text);
	if (out->want_explain)
		out->explain = buf_take(&ex);
	if (!out->text || (out->want_explain && !out->explain)) {
		answer_oom(out);
		return -1;
	}
	return 0;
}
