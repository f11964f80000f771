/*
 * tenant.h - tenants (tenant.c): the tenant of an entry, domain names, status,
 * and who an actor is.
 */
#ifndef TN_TENANT_H
#define TN_TENANT_H

#include "model.h"

/* The tenant (domain node) of node `id`: the nearest tenancyDomain at or
 * above it, so a domain is its own tenant; 0 when none.  Inline: every
 * reference a walk follows asks it (ref_counts()). */
static inline uint32_t
tenant_of(const struct tn_model *m, uint32_t id)
{
	while (id && id < m->nnodes) {
		if (m->nodes[id].kind == K_DOMAIN)
			return id;
		id = m->nodes[id].parent;
	}
	return 0;
}
/*
 * Does a reference count (DESIGN §5.4, §5b)?  Only between entries of one
 * tenant, as a local write accepts (invariants.c refuses any other, shared
 * context or not).  One that arrived unjudged (replication, slapadd, a
 * forced lint) from an entry of tenant `tenant` to node `to` of another
 * tenant counts as absent, as a reference to a missing entry does: in
 * every decision and every computed answer.  Every walk that follows a
 * reference asks this of the entry it reaches; a walk starting from one
 * entry keeps only what lies in that entry's tenant.
 */
static inline int
ref_counts(const struct tn_model *m, uint32_t tenant, uint32_t to)
{
	return tenant_of(m, to) == tenant;
}
/* The domain a domain name (primary or alias) belongs to; 0 when none. */
uint32_t tenant_by_name(const struct tn_model *m, const char *name, size_t len);
/* The same for a name already in lower case. */
uint32_t tenant_by_lower(const struct tn_model *m, const char *name, size_t len);
/* The primary domain name of domain node `dom`; "" when it is none. */
const char *tenant_primary(const struct tn_model *m, uint32_t dom);
/* Is name[0..len) a host name: LDH labels of 1 to 63 octets, no hyphen
 * at either end of a label, at most 253 octets in all? */
int domain_name_valid(const char *name, size_t len);
/* Enabled: the entry and its tenant route, authenticate and send. */
int node_routable(const struct tn_model *m, uint32_t id);
/* tenancyStatus read (any case): ST_INVALID when it is none of pending,
 * enabled, failed, disabled. */
enum status status_parse(const char *s, size_t len);
/* A status's name; ST_NONE (absent) reads "enabled". */
const char *status_name(enum status s);
/* "a group", "the domain entry", "a plain entry": for texts. */
const char *kind_phrase(enum kind k);
/* Who an actor is, from one canonicalisation of its DN. */
struct actor_view {
	int privileged;  /* the rootdn or a tenancy operator */
	int reader;      /* a tenancy reader (and not privileged) */
	uint32_t node;   /* its own node, or 0 */
	uint32_t tenant; /* the tenant its DN lies in, or 0 */
	int unplaced;    /* its DN cannot be canonicalised: it may lie
	                         * in any tenant, so it sees none (§5a.2) */
	int inert;       /* inside a tenant but no account (not an
	                         * enabled mailbox of an enabled tenant), or
	                         * a DN the engine cannot read: no rights,
	                         * sees no tenant entry */
};
/* Fill *v for actor `a` (NULL: anonymous, which is no one).  Cannot fail:
 * a DN it cannot canonicalise, memory running out included, makes an
 * unplaced, inert actor. */
void actor_view(const struct tn_model *m, const struct tn_actor *a, struct actor_view *v);
/* May the actor of view `v` see node `id` (as tn_visible() answers for
 * its DN): everything for the rootdn, operators and readers; outside
 * every tenant, yes; inside one, only an account of that tenant or of one
 * sharing its context. */
int view_sees(const struct tn_model *m, const struct actor_view *v, uint32_t id);
/* What a text says instead of the DN of an entry its reader may not see. */
#define DN_UNSEEN "an entry you cannot see"
/* The tenant of a DN in any string form, by its nearest ancestor-or-self
 * the model holds; 0 when none, or when the DN cannot be read. */
uint32_t tenant_of_dn(const struct tn_model *m, const char *dn);
/* Do tenants t1 and t2 see each other: the same tenant, or two that carry
 * the same tenancyContext? */
int tenants_share_context(const struct tn_model *m, uint32_t t1, uint32_t t2);

#endif
