/*
 * tenant.h - tenants (tenant.c): the tenant of an entry, domain names, status,
 * and who an actor is.
 */
#ifndef TN_TENANT_H
#define TN_TENANT_H

#include "model.h"

uint32_t tenant_of(const struct tn_model *m, uint32_t id);
/* The domain a domain name (primary or alias) belongs to; 0 when none. */
uint32_t tenant_by_name(const struct tn_model *m, const char *name, size_t len);
/* The same for a name already in lower case. */
uint32_t tenant_by_lower(const struct tn_model *m, const char *name, size_t len);
const char *tenant_primary(const struct tn_model *m, uint32_t dom);
int domain_name_valid(const char *name, size_t len);
/* Enabled: the entry and its tenant route, authenticate and send. */
int node_routable(const struct tn_model *m, uint32_t id);
enum status status_parse(const char *s, size_t len);
const char *status_name(enum status s);
/* "a group", "the domain entry", "a plain entry": for texts. */
const char *kind_phrase(enum kind k);
/* Who an actor is, from one canonicalisation of its DN. */
struct actor_view {
	int privileged;         /* the rootdn or a tenancy operator */
	int reader;             /* a tenancy reader (and not privileged) */
	uint32_t node;          /* its own node, or 0 */
	uint32_t tenant;        /* the tenant its DN lies in, or 0 */
	int unplaced;           /* its DN cannot be canonicalised: it may lie
	                         * in any tenant, so it sees none (§5a.2) */
	int inert;              /* inside a tenant but no account (not an
	                         * enabled mailbox of an enabled tenant), or
	                         * a DN the engine cannot read: no rights,
	                         * sees no tenant entry */
};
void actor_view(const struct tn_model *m, const struct tn_actor *a,
	struct actor_view *v);
/* The tenant of a DN, by its nearest ancestor the model holds; 0: none. */
uint32_t tenant_of_dn(const struct tn_model *m, const char *dn);
int tenants_share_context(const struct tn_model *m, uint32_t t1, uint32_t t2);

#endif
