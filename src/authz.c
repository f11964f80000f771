/*
 * authz.c - the authorisation rules of DESIGN §6: may this actor make
 * this change?
 *
 * First, who may write at all (authorize_actor()): not a reader, not an
 * actor of no tenant or an account that is not an enabled mailbox, and
 * only in its own tenant; what the actor may not see stays hidden.  Then
 * the permission each change needs at the unit concerned (perm_for_attr(),
 * rights_at()): to create, delete, rename or move an entry, and for each
 * attribute a modify touches, with self-service on one's own mailbox and
 * the holder of a manage share running the shares.  Roles are granted and
 * revoked only by who holds them at that scope, and no one takes over an
 * account, or changes the members of a group, that holds roles they lack.
 * The rootdn and the tenancy operators pass every rule here.  The actor's
 * rights are computed once a unit per judgement.
 *
 * Interface (judge.h): authorize_actor(), authorize_add(),
 * authorize_delete(), authorize_modify(), authorize_rename(), judge_sees().
 *
 * Failure modes: refusals are written to j->out as TN_INSUFFICIENT_ACCESS,
 * or as TN_NO_SUCH_OBJECT for what the actor may not see.  Rights that
 * cannot be computed for want of memory refuse (verdict_oom()).  When
 * asked, a refusal writes its evidence (evidence.c): the units, and the
 * grants of the actor (and of the account or group it is about) there.
 */
#include "judge.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

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
	if (!(j->rights.perms & (1u << p))) {
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "permission",
		        "%s: %s lacks %s at %s (needed to %s)", target(j), j->actor->dn,
		        perm_name(p), dn_of(j, &j->t1, unit), why);
		if (EXPLAINING(j)) {
			char what[192];
			snprintf(what, sizeof(what), "%s is needed to %s", perm_name(p), why);
			evidence_units(j, unit, what);
			evidence_grants(j, j->me, unit);
		}
	}
}

/* The evidence of a refusal over a role held at `scope`: the units, the
 * grants of `holder` there (when not the actor), and the actor's. */
static void
explain_role_at(struct judge *j, uint32_t holder, uint32_t role, uint32_t scope, const char *name)
{
	char what[192];

	if (!EXPLAINING(j) || !scope)
		return;
	snprintf(what, sizeof(what), "%s role %s", holder ? "the holder has" : "the grant gives",
	        role_display(j->m, role, name));
	evidence_units(j, scope, what);
	if (holder)
		evidence_grants(j, holder, scope);
	evidence_grants(j, j->me, scope);
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
		return; /* the invariants refuse it as a reference */
	{
		char w[64];
		snprintf(w, sizeof(w), "%s",
		        strcmp(why, "change") == 0   ? "change a grant"
		        : strcmp(why, "revoke") == 0 ? "revoke roles"
		                                     : "grant roles");
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
			explain_role_at(j, 0, r, scope, g->roles.v[i]);
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
		        target(j), dn_of(j, &j->t2, who), role_display(j->m, role, NULL),
		        dn_of(j, &j->t1, scope), j->actor->dn, why);
		explain_role_at(j, who, role, scope, NULL);
	}
}

static uint32_t
rec_unit(const struct judge *j, const struct rec *r, enum kind k)
{
	if (kind_is_unit(k))
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
	uint32_t p = unit_at_or_above(j->m, parent_node(j));

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
	id = unit_at_or_above(j->m, nearest(j->m, p.s ? p.s : "", p.len));
	buf_free(&p);
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
			continue; /* the kind, and the unit it is created in */
		p = perm_for_attr(j->ka, attr, &self);
		if (p == create)
			continue;
		snprintf(why, sizeof(why), "set %s on a new entry", attr);
		need(j, p, unit, why);
	}
}

void
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
	case K_UNIT:
		need(j, P_UNITS, new_unit_parent(j), "create a unit");
		break;
	case K_GRANT:
		need_roles(j, &j->after, "grant");
		break;
	default:
		need(j, P_USERS_FIELDS, j->tenant, "create a directory entry");
		break;
	}
}

void
authorize_delete(struct judge *j)
{
	uint32_t u = j->id ? unit_of(j->m, j->id) : j->tenant;

	if (j->privileged)
		return;

	switch (j->kb) {
	case K_DOMAIN:
		need(j, P_DOMAIN_DELETE, j->id, "delete the tenant");
		break;
	case K_ROLE:
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "operator",
		        "%s: only tenancy operators delete roles", target(j));
		break;
	case K_USER:
		need(j, P_USERS_DELETE, u, "delete a mailbox user");
		need_stronger(j, j->id, "delete");
		break;
	case K_GROUP:
		need(j, P_GROUPS, u, "delete a group");
		break;
	case K_SHARED:
		need(j, P_SHARED, u, "delete a shared mailbox");
		break;
	case K_UNIT:
		need(j, P_UNITS, u, "delete a unit");
		break;
	case K_GRANT:
		need_roles(j, &j->before, "revoke");
		break;
	default:
		need(j, P_USERS_FIELDS, j->tenant, "delete a directory entry");
		break;
	}
}

void
authorize_modify(struct judge *j)
{
	uint32_t u = j->id ? unit_of(j->m, j->id) : j->tenant;
	size_t i;
	int is_mailbox = j->kb == K_USER || j->kb == K_SHARED;
	int manager =
	        is_mailbox && j->me && share_level(j->m, j->id, j->me, NULL) == R_SHARE_MANAGE;
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
			continue; /* self-service on one's own mailbox */
		if (self == 1 && manager)
			continue; /* a manage share holder runs the shares */
		snprintf(why, sizeof(why), "change %s", attr);
		if (strcasecmp(attr, "tenancyUnitRef") == 0 && !kind_is_unit(k)) {
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
			        !holds_all_roles_of(j->m, j->me, j->id, &role, &scope)) {
				verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "group-roles",
				        "%s: the group holds role %s at %s, which %s does not "
				        "hold, so cannot change its members",
				        target(j), role_display(j->m, role, NULL),
				        dn_of(j, &j->t1, scope), j->actor->dn);
				explain_role_at(j, j->id, role, scope, NULL);
			}
		}
	}
	if (k == K_USER && !(j->me == j->id))
		need_stronger(j, j->id, "modify");
}

void
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
	case K_GROUP:
		need(j, P_GROUPS, u, "rename a group");
		break;
	case K_SHARED:
		need(j, P_SHARED, u, "rename a shared mailbox");
		break;
	case K_UNIT:
		need(j, P_UNITS, u, "rename or move a unit");
		if (j->c->newsup)
			need(j, P_UNITS, newsup_unit(j), "move a unit here");
		break;
	case K_GRANT:
		need_roles(j, &j->before, "change");
		break;
	case K_ROLE:
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "operator",
		        "%s: only tenancy operators rename roles", target(j));
		break;
	default:
		need(j, P_USERS_FIELDS, j->tenant, "rename a directory entry");
		break;
	}
}

/* May the actor see node `id` (tn_visible, from the judge's view)? */
int
judge_sees(const struct judge *j, uint32_t id)
{
	uint32_t t = tenant_of(j->m, id);

	if (j->privileged || j->reader || !t)
		return 1;
	return j->my_tenant && !j->inert && tenants_share_context(j->m, j->my_tenant, t);
}

/* Who may write at all, before any permission is looked at. */
int
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
		        "%s: %s is neither a tenancy operator nor an entry of a tenant", target(j),
		        j->actor && j->actor->dn && *j->actor->dn ? j->actor->dn : "anonymous");
		return -1;
	}
	/* Only an enabled mailbox acts (DESIGN §6, disabled means
	 * disabled; §5a.6, only mailboxes bind): to anything else, its own
	 * tenant refuses, and every other tenant is hidden. */
	if (j->inert && (j->tenant == j->my_tenant || !j->tenant)) {
		verdict_set(j->out, TN_INSUFFICIENT_ACCESS, "account",
		        "%s: %s is not an enabled mailbox of an enabled domain: it holds no rights",
		        target(j), j->actor->dn);
		if (j->me && j->my_tenant)
			evidence(j, j->me, "the actor: %s, %s, in tenant %s with status %s",
			        kind_phrase((enum kind)j->m->nodes[j->me].kind),
			        status_name((enum status)j->m->nodes[j->me].status),
			        tenant_primary(j->m, j->my_tenant),
			        status_name((enum status)j->m->nodes[j->my_tenant].status));
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
		evidence(j, j->me, "the actor, an entry of tenant %s",
		        tenant_primary(j->m, j->my_tenant));
		if (j->tenant)
			evidence(j, j->tenant,
			        "the target's tenant, %s, which shares a tenancyContext with the "
			        "actor's: it is read, not written",
			        tenant_primary(j->m, j->tenant));
		else
			evidence_ref(j, j->dn.s, "the target, outside every tenant");
		return -1;
	}
	return 0;
}
