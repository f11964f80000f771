/*
 * invariants.c - the rules of DESIGN §5 that every change must keep,
 * whoever makes it, the rootdn included.
 *
 * check_entry() takes the entry as the change would leave it (j->after)
 * and checks, by its kind: a tenant's names (one primary name, valid,
 * unique, not inside another tenant, below the domains base, none removed
 * while addresses use it); addresses (the grammar of §5a.5, a name of the
 * entry's tenant, unique in it); logins (unique across tenants when the
 * login attribute is not mail); references (to an entry of the right kind
 * in the same tenant, a hidden one looking like a missing one); grants
 * (one grantee, one scope, defined roles, root-only roles at the domain);
 * role definitions (known permissions, a unique name, below the roles
 * base).  check_credentials() keeps credentials on mailboxes (§5a.6),
 * check_lifecycle() applies the statuses of §5.8, and check_redate() keeps
 * replication conflicts in order (§5b).
 *
 * Interface (judge.h): check_entry(), check_credentials(),
 * check_lifecycle(), check_redate().
 *
 * Failure modes: the first rule broken is written to j->out, as
 * TN_CONSTRAINT_VIOLATION with the rule's name; a value the record could
 * not read is refused with the code and rule record.c gave it.  The checks
 * allocate only for their texts, which memory running out leaves short.
 * When asked, a refusal writes its evidence (evidence.c): the entry that
 * holds the address or name, the reference and what it names.
 */
#include "judge.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

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
	case R_MEMBER:
		return "mailbox, shared mailbox or group";
	case R_UNIT:
		return "unit";
	case R_SUBSCRIPTION:
		return "mailbox";
	case R_SCOPE:
		return "unit or the grant's own domain";
	default:
		return "user or group";
	}
}

static void
check_references(struct judge *j)
{
	int a, who_made = 0;
	size_t i;
	/* The user and its groups, found once for all the subscriptions a
	 * write adds (each was a walk of the user's groups). */
	struct idset who;

	for (a = 0; a < R_NATTR && !REFUSED(j); a++) {
		if (a == R_MEMBER && j->ka != K_GROUP)
			continue;
		for (i = 0; i < j->after.ref[a].n && !REFUSED(j); i++) {
			const char *v = j->after.ref[a].v[i];
			uint32_t t;
			enum kind k;
			/* Only what the change adds.  A value whose id is known
			 * was read from the model, and a judged record is read
			 * once, then copied: it was there before. */
			if (i < j->after.ref_known[a] || strv_has(&j->before.ref[a], v))
				continue;
			if (a == R_MEMBER && strcmp(v, j->dn.s) == 0)
				continue; /* a group naming itself: a placeholder */
			t = node_find(j->m, v, strlen(v));
			k = t ? (enum kind)j->m->nodes[t].kind : K_NONE;
			if (a == R_SUBSCRIPTION && j->id && !who_made) {
				/* Partial when memory ran out: fewer shares seen,
				 * so a refusal, never a wrong yes. */
				(void)share_who(j->m, j->id, &who);
				who_made = 1;
			}
			if (k == K_NONE || (!j->privileged && tenant_of(j->m, t) != j->tenant &&
			                           !tenants_share_context(j->m, j->my_tenant,
			                                   tenant_of(j->m, t)))) {
				/* The model holds only tenancy entries: a plain
				 * entry and a missing one look alike, and a hidden
				 * one must look the same. */
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "reference",
				        "%s: %s names %s, which is not a %s of tenant %s",
				        target(j), ref_attr_name[a], ref_display(j, &j->t1, v),
				        ref_expect((enum ref_attr)a),
				        tenant_primary(j->m, j->tenant));
				evidence_ref(j, v, "named by %s: no %s of tenant %s has this DN",
				        ref_attr_name[a], ref_expect((enum ref_attr)a),
				        tenant_primary(j->m, j->tenant));
			} else if (tenant_of(j->m, t) != j->tenant) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "reference",
				        "%s: %s names %s, which belongs to another tenant",
				        target(j), ref_attr_name[a], ref_display(j, &j->t1, v));
				evidence(j, t, "named by %s: %s of tenant %s", ref_attr_name[a],
				        kind_phrase(k), tenant_primary(j->m, tenant_of(j->m, t)));
			} else if (!ref_fits((enum ref_attr)a, k, t, j->tenant)) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "reference",
				        "%s: %s names %s, which is a %s, not a %s", target(j),
				        ref_attr_name[a], ref_display(j, &j->t1, v), kind_name(k),
				        ref_expect((enum ref_attr)a));
				evidence(j, t, "named by %s: %s, not a %s", ref_attr_name[a],
				        kind_phrase(k), ref_expect((enum ref_attr)a));
			} else if (a == R_SUBSCRIPTION &&
			           (!j->id || share_level_of(j->m, t, j->id, &who, NULL) < 0)) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "subscription",
				        "%s: tenancySubscription names %s, which is not shared "
				        "with this user",
				        target(j), ref_display(j, &j->t1, v));
				evidence(j, t,
				        "named by tenancySubscription: %s that shares nothing with "
				        "this user",
				        kind_phrase(k));
			}
		}
	}
	if (who_made)
		idset_free(&who);
}

static void
check_domain(struct judge *j)
{
	struct strv *lists[2] = {&j->after.domname, &j->after.domalias};
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
				        "hyphens, at most 253 octets)",
				        target(j), quoted(&j->t2, name));
				return;
			}
			owner = strmap_get(&j->m->domains, name, strlen(name), 0);
			if (owner && owner != j->id) {
				if (j->privileged) {
					verdict_set(j->out, TN_CONSTRAINT_VIOLATION,
					        "domain-unique",
					        "%s: domain name %s already belongs to %s",
					        target(j), name, dn_of(j, &j->t1, owner));
					evidence(j, owner, "holds domain name %s", name);
				} else {
					verdict_set(j->out, TN_CONSTRAINT_VIOLATION,
					        "domain-unique",
					        "%s: domain name %s is already taken", target(j),
					        name);
				}
				return;
			}
			if (l == 1 && strcmp(name, j->after.domname.v[0]) == 0) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "domain-name",
				        "%s: %s is the primary name, not an alias", target(j),
				        name);
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
				        "%s: %s domain %s is still used by %zu address%s (first: "
				        "%s on %s)",
				        target(j), l ? "alias" : "primary", name, n,
				        n == 1 ? "" : "es", ex, dn_of(j, &j->t1, exo));
				evidence(j, exo, "holds address %s, in domain %s", ex, name);
				return;
			}
		}
	}
}

static void
check_addresses(struct judge *j)
{
	struct strv *lists[2] = {&j->after.mail, &j->after.alias};
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
			if ((owner = tenant_by_name(j->m, a + at + 1, len - at - 1)) != j->tenant) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "address-domain",
				        "%s: %s is not in tenant %s or its alias domains",
				        target(j), a, tenant_primary(j->m, j->tenant));
				evidence(j, j->tenant, "the entry's tenant, %s",
				        tenant_primary(j->m, j->tenant));
				/* Another tenant's name is named to whom sees it. */
				if (owner && judge_sees(j, owner))
					evidence(j, owner, "holds domain name %s", a + at + 1);
				return;
			}
			owner = addr_owner(j->m, a, len);
			if (owner && owner != j->id) {
				verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "address-unique",
				        "%s: %s is already an address of %s", target(j), a,
				        dn_of(j, &j->t1, owner));
				evidence(j, owner, "holds address %s", a);
				return;
			}
		}
	}
	j->after.addr_tenant = j->tenant;
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
		if (j->privileged || tenant_of(j->m, owner) == j->tenant) {
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "login-unique",
			        "%s: login %s is already the login of %s", target(j), l,
			        dn_of(j, &j->t1, owner));
			evidence(j, owner, "holds login %s", l);
		} else
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
	scope = node_find(j->m, j->after.ref[R_SCOPE].v[0], strlen(j->after.ref[R_SCOPE].v[0]));
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
			evidence(j, j->m->roles[r].node, "defines role %s as root-only",
			        role_display(j->m, r, rn));
			evidence_ref(j, j->after.ref[R_SCOPE].v[0],
			        "the grant's scope, not the domain %s",
			        tenant_primary(j->m, j->tenant));
			return;
		}
	}
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
			evidence(j, j->m->roles[r].node, "defines role %s", name);
			return;
		}
	}
	if (j->after.rootonly == T_TRUE && j->before.rootonly != T_TRUE && j->id) {
		uint32_t r = role_of_node(j->m, j->id), g;
		for (g = 1; r != UINT32_MAX && g < j->m->nnodes; g++) {
			const struct node *gn = &j->m->nodes[g];
			if (!node_rdn(gn) || gn->kind != K_GRANT ||
			        !idlist_has(NODE_ROLES(gn), r) || !idlist_len(FWD(gn, R_SCOPE)) ||
			        IDLIST_AT(FWD(gn, R_SCOPE), 0) == tenant_of(j->m, g))
				continue;
			verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "root-only",
			        "%s: role %s is granted on a unit by %s, so it cannot become "
			        "root-only",
			        target(j), role_display(j->m, r, NULL), dn_of(j, &j->t1, g));
			evidence(j, g, "grants role %s on a unit", role_display(j->m, r, NULL));
			if (idlist_len(FWD(gn, R_SCOPE)))
				evidence(j, IDLIST_AT(FWD(gn, R_SCOPE), 0),
				        "the unit it is granted on");
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

/* The object classes that each make an entry of one tenancy kind. */
static const struct {
	unsigned bit;
	const char *name;
} kind_classes[] = {
        {C_DOMAIN, "tenancyDomain"},
        {C_MAILBOX, "tenancyMailbox"},
        {C_SHARED, "tenancySharedMailbox"},
        {C_GROUP, "tenancyGroup"},
        {C_UNIT, "tenancyUnit"},
        {C_GRANT, "tenancyGrant"},
        {C_ROLE, "tenancyRole"},
};

/*
 * One tenancy kind per entry (DESIGN §5a: the model never knows less than
 * a search would find).  The engine judges an entry as one kind, while
 * Postfix, Dovecot and webmails find it by each of its classes: a group or
 * a unit that is also a tenancyMailbox would be created by a group or unit
 * manager and served as a mailbox.  An add, or a modify that changes the
 * tenancy classes, whose entry names two of them is refused; an entry
 * stored so before (slapadd) is judged as it was.  Returns 1 when refused.
 */
static int
check_one_kind(struct judge *j)
{
	unsigned all = 0, kinds;
	size_t i, first = 0, second = 0, n = 0;

	for (i = 0; i < sizeof(kind_classes) / sizeof(kind_classes[0]); i++)
		all |= kind_classes[i].bit;
	kinds = j->after.classes & all;
	if (!(kinds & (kinds - 1)) || (j->c->kind != TN_ADD && kinds == (j->before.classes & all)))
		return 0;
	for (i = 0; i < sizeof(kind_classes) / sizeof(kind_classes[0]); i++) {
		if (!(kinds & kind_classes[i].bit))
			continue;
		if (n++ == 0)
			first = i;
		else if (n == 2)
			second = i;
	}
	verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "kind",
	        "%s: an entry is of one tenancy kind, and this one would be both %s and %s",
	        target(j), kind_classes[first].name, kind_classes[second].name);
	return 1;
}

/* Everything an added or modified entry must satisfy. */
void
check_entry(struct judge *j)
{
	if (j->after.err) {
		verdict_set(j->out, j->after.err, j->after.err_rule, "%s: %s", target(j),
		        j->after.err_text ? j->after.err_text : "");
		return;
	}
	if (check_one_kind(j))
		return;
	if (j->after.status.n &&
	        status_parse(j->after.status.v[0], strlen(j->after.status.v[0])) == ST_INVALID) {
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "status",
		        "%s: tenancyStatus is one of pending, enabled, failed, disabled",
		        target(j));
		return;
	}
	switch (j->ka) {
	case K_DOMAIN:
		check_domain(j);
		return;
	case K_ROLE:
		check_role_def(j);
		return;
	case K_USER:
	case K_SHARED:
	case K_GROUP:
	case K_UNIT:
	case K_GRANT:
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

/* Is `name` (an attribute description, options and all, or an RDN's
 * "type=value") one of the credential attributes a simple bind checks? */
static int
is_credential(const char *name)
{
	static const char *const creds[] = {
	        "userPassword",
	        "2.5.4.35",
	        "authPassword",
	        "1.3.6.1.4.1.4203.1.3.4",
	};
	size_t i, n;

	/* Asked of every attribute of every write: most names end here. */
	if (!name)
		return 0;
	switch (name[0]) {
	case 'u':
	case 'U':
	case 'a':
	case 'A':
	case '1':
	case '2':
		break;
	default:
		return 0;
	}
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
void
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
void
check_lifecycle(struct judge *j)
{
	const struct node *d = node_get(j->m, j->tenant);

	if (!d || (j->ka != K_USER && j->ka != K_SHARED && j->ka != K_GROUP))
		return;
	if (d->status == ST_DISABLED) {
		verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "domain-disabled",
		        "%s: tenant %s is disabled; no mailbox is created in it", target(j),
		        tenant_primary(j->m, j->tenant));
		evidence(j, j->tenant, "the tenant, with status disabled");
		return;
	}
	if ((d->status == ST_PENDING || d->status == ST_FAILED) &&
	        !(j->after.status.n && strcmp(j->after.status.v[0], "disabled") == 0))
		j->out->set_status = "pending";
}

/*
 * DESIGN §5b: claims are ordered by entryCSN, and every write re-dates the
 * entry.  A write to the winner of a replication conflict that keeps the
 * contested claim would hand it to the loser: it waits until the conflict
 * is resolved (the loser's claim removed, or either entry deleted).  The
 * text names the loser only to an actor who may see it.
 */
void
check_redate(struct judge *j)
{
	uint32_t id = node_find(j->m, j->dn.s, j->dn.len), loser;

	buf_reset(&j->t1);
	buf_reset(&j->t2);
	if (!id || !claim_won_kept(j->m, id,
	                   j->c->kind == TN_MODIFY && !j->plain ? &j->after : NULL, &j->t1, &loser))
		return;
	/* The loser may lie in a tenant the actor does not see (§5a.8). */
	dn_shown(j, &j->t2, loser);
	verdict_set(j->out, TN_CONSTRAINT_VIOLATION, "replication-conflict",
	        "%s: %s is also claimed by %s (a replication conflict this entry "
	        "wins); a write would re-date the claim: resolve the conflict "
	        "first (tenancy audit)",
	        target(j), j->t1.s ? j->t1.s : "", j->t2.s ? j->t2.s : "");
	evidence(j, loser, "also claims %s, and loses the conflict", j->t1.s ? j->t1.s : "");
}
