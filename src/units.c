/*
 * units.c - the unit tree inside a tenant.
 *
 * The root unit ("Racine") is the domain entry itself.  A tenancyUnit's
 * parent is its nearest tenancyUnit ancestor in the DIT, else the domain.
 * A mailbox, group or shared mailbox belongs to the unit its
 * tenancyUnitRef names, or to the root when it names none, or names a
 * unit of another tenant (only an entry loaded unjudged can: it counts as
 * absent, ref_counts()).  These rules are decided here once: the judge
 * finds a new unit's parent with unit_at_or_above(), and the tools walk
 * the DIT with tn_unit_kind() and write references with tn_unit_ref().
 *
 * Interface (units.h): unit_of(), unit_parent(), unit_at_or_above(),
 * kind_is_unit(); (tenancy.h) tn_unit_kind(), tn_unit_ref().
 *
 * Failure modes: none; the walks allocate nothing, and tn_unit_ref()
 * compares the DNs as given when they cannot be put in canonical form.
 */
#include "engine.h"
#include "dn.h"
#include "record.h"

#include <string.h>

int
kind_is_unit(enum kind k)
{
	return k == K_UNIT || k == K_DOMAIN;
}

uint32_t
unit_at_or_above(const struct tn_model *m, uint32_t id)
{
	while (id && !kind_is_unit((enum kind)m->nodes[id].kind))
		id = m->nodes[id].parent;
	return id;
}

uint32_t
unit_parent(const struct tn_model *m, uint32_t unit)
{
	return unit_at_or_above(m, m->nodes[unit].parent);
}

enum tn_unit_kind
tn_unit_kind(const struct tn_value *classes, size_t n)
{
	enum kind k = kind_of_classes(classes, n);

	if (!kind_is_unit(k))
		return TN_UNIT_NONE;
	return k == K_DOMAIN ? TN_UNIT_ROOT : TN_UNIT_UNIT;
}

const char *
tn_unit_ref(const char *unit_dn, const char *domain_dn)
{
	struct buf u, d;
	int root;

	buf_init(&u);
	buf_init(&d);
	if (dn_canon(unit_dn, strlen(unit_dn), &u) < 0 ||
	        dn_canon(domain_dn, strlen(domain_dn), &d) < 0)
		root = strcmp(unit_dn, domain_dn) == 0;
	else
		root = u.len == d.len && memcmp(u.s, d.s, u.len) == 0;
	buf_free(&u);
	buf_free(&d);
	return root ? NULL : unit_dn;
}

uint32_t
unit_of(const struct tn_model *m, uint32_t id)
{
	const struct node *n = node_get(m, id);

	if (!n)
		return 0;
	switch ((enum kind)n->kind) {
	case K_DOMAIN:
		return id;
	case K_UNIT:
		return unit_parent(m, id);
	case K_GRANT:
		if (idlist_len(FWD(n, R_SCOPE)) &&
		        ref_counts(m, tenant_of(m, id), IDLIST_AT(FWD(n, R_SCOPE), 0)))
			return IDLIST_AT(FWD(n, R_SCOPE), 0);
		return tenant_of(m, id);
	default:
		/* A unit of another tenant (loaded unjudged) counts as absent:
		 * the entry is in its tenant's root unit. */
		if (n->unit && ref_counts(m, tenant_of(m, id), n->unit))
			return n->unit;
		return tenant_of(m, id);
	}
}
