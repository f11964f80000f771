/*
 * inuse.c - what still depends on an entry: may it be deleted, renamed or
 * moved?
 *
 * A change that would leave references dangling is refused, naming the
 * first referrer of each kind: deleting or renaming a role still granted
 * or implied, a unit with members, sub-units or grants, a tenant that
 * still holds entries, an entry something refers to.  A rename or move is
 * refused too below the entry itself, from one tenant to another (or into
 * or out of every tenant), for a tenant entry, and for an entry with
 * entries below it.
 *
 * Interface (judge.h): check_delete(), check_rename(), c_newsup_tenant(),
 * role_of_node(), refuse_role_in_use().
 *
 * Failure modes: refusals are written to j->out as TN_CONSTRAINT_VIOLATION
 * ("in-use", "tenant-move"), TN_UNWILLING_TO_PERFORM ("move"; "dn" for a
 * new DN beyond the engine's limits) or TN_INVALID_DN_SYNTAX (a
 * newSuperior that is not a DN).  Memory running out leaves a text short.
 * When asked, a refusal writes its evidence (evidence.c): the entries
 * that still refer to the target, or live below it.
 */
#include "judge.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

/* The most entries of one kind a chain lists; the rest are counted. */
#define EVIDENCE_LIST 10

/* The rest of a list that evidence left out, as one line about `id`. */
static void
evidence_more(struct judge *j, uint32_t id, size_t listed, size_t all, const char *what)
{
	if (all > listed)
		evidence(j, id, "and %zu more %s", all - listed, what);
}

/* The role defined by node `id`, or UINT32_MAX. */
uint32_t
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
void
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
	verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use", "%s: role %s is still %s", target(j),
	        role_display(j->m, r, NULL), b.s ? b.s : "");
	buf_free(&b);
	if (EXPLAINING(j)) {
		size_t listed = 0, all = 0;
		for (q = 1; ro->uses && q < j->m->nnodes; q++) {
			const struct node *g = &j->m->nodes[q];
			if (!node_rdn(g) || g->kind != K_GRANT || !idlist_has(NODE_ROLES(g), r))
				continue;
			if (all++ < EVIDENCE_LIST) {
				listed++;
				evidence(j, q, "grants role %s", role_display(j->m, r, NULL));
			}
		}
		evidence_more(j, ro->node, listed, all, "grants of it");
		for (q = 0, listed = all = 0; q < j->m->nroles; q++) {
			if (q == r || !j->m->roles[q].node ||
			        !idlist_has(j->m->roles[q].implies, r))
				continue;
			if (all++ < EVIDENCE_LIST) {
				listed++;
				evidence(j, j->m->roles[q].node, "role %s implies role %s",
				        role_display(j->m, q, NULL), role_display(j->m, r, NULL));
			}
		}
		evidence_more(j, ro->node, listed, all, "roles implying it");
	}
}

/*
 * Which references to the target hold it in use.  A delete counts those
 * of its own tenant only: one from another tenant, which only data that
 * arrived unjudged holds, counts as absent (ref_counts(), scenario 94),
 * so it neither blocks the delete nor tells the actor it is there.  A
 * rename counts them all, and its own: slapd would leave each stored
 * value naming the old DN, where the model's reference follows the node.
 */
enum holds { HOLD_DELETE, HOLD_RENAME };

static int
holds(const struct judge *j, uint32_t r, enum holds why)
{
	if (why == HOLD_RENAME)
		return 1;
	return REF_ID(r) != j->id && ref_counts(j->m, tenant_of(j->m, j->id), REF_ID(r));
}

/* The entries that refer to node n and hold it, one line each, for the
 * evidence of an in-use refusal. */
static void
explain_refs(struct judge *j, const struct node *n, enum holds why)
{
	size_t listed = 0, all = 0;
	uint32_t i;

	if (!EXPLAINING(j))
		return;
	for (i = 0; i < refs_len(n); i++) {
		uint32_t r = refs_at(n, i);
		if (!holds(j, r, why))
			continue;
		if (all++ < EVIDENCE_LIST) {
			listed++;
			evidence(j, REF_ID(r), "its %s names %s", ref_attr_name[REF_ATTR(r)],
			        dn_of(j, &j->t1, j->id));
		}
	}
	evidence_more(j, j->id, listed, all, "references to it");
}

/* The entries right below node `id` that the model holds, for the
 * evidence of a refusal about what lives below it. */
static void
explain_children(struct judge *j, uint32_t id)
{
	size_t listed = 0, all = 0;
	uint32_t i;

	if (!EXPLAINING(j) || !id)
		return;
	for (i = 1; i < j->m->nnodes && j->m->nodes[id].nchildren; i++) {
		const struct node *c = &j->m->nodes[i];
		if (!node_rdn(c) || c->parent != id)
			continue;
		if (all++ < EVIDENCE_LIST) {
			listed++;
			evidence(j, i, "%s below it",
			        c->kind == K_NONE ? "an entry" : kind_phrase((enum kind)c->kind));
		}
	}
	evidence_more(j, id, listed, all, "entries below it");
}

static void
describe_refs(const struct judge *j, const struct node *n, enum holds why, struct buf *b)
{
	size_t count[R_NATTR] = {0};
	uint32_t first[R_NATTR] = {0}, i;
	int a, parts = 0;

	/* The first one the actor may see is named: data that arrived
	 * unjudged may refer across tenants (§5a.8). */
	for (i = 0; i < refs_len(n); i++) {
		uint32_t r = refs_at(n, i);
		if (REF_ID(r) == j->id || !holds(j, r, why))
			continue;
		if (!count[REF_ATTR(r)]++ ||
		        (!judge_sees(j, first[REF_ATTR(r)]) && judge_sees(j, REF_ID(r))))
			first[REF_ATTR(r)] = REF_ID(r);
	}
	for (a = 0; a < R_NATTR; a++) {
		if (!count[a])
			continue;
		buf_printf(b, "%s%zu %s (first: ", parts++ ? ", " : "", count[a], ref_attr_name[a]);
		dn_shown(j, b, first[a]);
		buf_addc(b, ')');
	}
}

/* The references that hold node n against a delete. */
static size_t
delete_holds(const struct judge *j, const struct node *n)
{
	size_t c = 0;
	uint32_t i;

	for (i = 0; i < refs_len(n); i++)
		if (holds(j, refs_at(n, i), HOLD_DELETE))
			c++;
	return c;
}

void
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
		for (i = 0; i < refs_len(n); i++) {
			enum ref_attr a = REF_ATTR(refs_at(n, i));
			if (!holds(j, refs_at(n, i), HOLD_DELETE))
				continue;
			members += a == R_UNIT;
			grants += a == R_SCOPE;
		}
		for (i = 1; i < j->m->nnodes && n->nchildren; i++)
			if (node_rdn(&j->m->nodes[i]) && j->m->nodes[i].kind == K_UNIT &&
			        unit_parent(j->m, i) == j->id)
				sub++;
		if (members || grants || sub) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
			        "%s: unit still has %zu member%s, %u sub-unit%s and %zu grant%s",
			        target(j), members, members == 1 ? "" : "s", sub,
			        sub == 1 ? "" : "s", grants, grants == 1 ? "" : "s");
			explain_refs(j, n, HOLD_DELETE);
			for (i = 1, members = 0; EXPLAINING(j) && sub && i < j->m->nnodes; i++)
				if (node_rdn(&j->m->nodes[i]) && j->m->nodes[i].kind == K_UNIT &&
				        unit_parent(j->m, i) == j->id && members++ < EVIDENCE_LIST)
					evidence(j, i, "a sub-unit of it");
			evidence_more(j, j->id, sub < EVIDENCE_LIST ? sub : EVIDENCE_LIST, sub,
			        "sub-units");
		}
	} else if (n->kind == K_DOMAIN) {
		size_t entries = 0;
		uint32_t i;
		for (i = 1; i < j->m->nnodes; i++)
			if (i != j->id && node_rdn(&j->m->nodes[i]) &&
			        j->m->nodes[i].kind != K_NONE && tenant_of(j->m, i) == j->id)
				entries++;
		if (entries) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
			        "%s: tenant still holds %zu tenancy entr%s", target(j), entries,
			        entries == 1 ? "y" : "ies");
			for (i = 1, entries = 0;
			        EXPLAINING(j) && i < j->m->nnodes && entries < EVIDENCE_LIST; i++)
				if (i != j->id && node_rdn(&j->m->nodes[i]) &&
				        j->m->nodes[i].kind != K_NONE &&
				        tenant_of(j->m, i) == j->id) {
					entries++;
					evidence(j, i, "%s of the tenant",
					        kind_phrase((enum kind)j->m->nodes[i].kind));
				}
		}
	} else if (delete_holds(j, n)) {
		describe_refs(j, n, HOLD_DELETE, &b);
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
		        "%s: still referenced by %s; remove those references first", target(j),
		        b.s ? b.s : "");
		explain_refs(j, n, HOLD_DELETE);
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
int
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

void
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
		if (newt && !j->privileged && !tenants_share_context(j->m, j->my_tenant, newt))
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
		if (path && j->m->nodes[path].nchildren) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
			        "%s: tenancy entries live below it; renaming it would change their "
			        "DNs",
			        target(j));
			explain_children(j, path);
		}
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
		explain_children(j, j->id);
		return;
	}
	if (n->kind == K_ROLE) {
		uint32_t r = role_of_node(j->m, j->id);
		if (r != UINT32_MAX)
			refuse_role_in_use(j, r);
		if (REFUSED(j))
			return;
	}
	if (refs_len(n)) {
		/* Its own references too: slapd would leave the stored value
		 * naming the old DN (a group that is its own member). */
		struct buf b;
		buf_init(&b);
		describe_refs(j, n, HOLD_RENAME, &b);
		if (!b.len)
			buf_adds(&b, "itself");
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "in-use",
		        "%s: still referenced%s%s; renaming would leave them dangling", target(j),
		        b.len ? " by " : "", b.s ? b.s : "");
		explain_refs(j, n, HOLD_RENAME);
		buf_free(&b);
	}
}
