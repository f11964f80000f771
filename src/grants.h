/*
 * grants.h - grants (grants.c): the effective rights of an actor at a unit.
 */
#ifndef TN_GRANTS_H
#define TN_GRANTS_H

#include "model.h"

/* Roles a rights bitmap holds without an allocation: 256, more than a
 * directory defines in practice. */
#define RIGHTS_INLINE 4
struct rights {
	uint32_t perms;  /* bits of enum perm */
	uint64_t *roles; /* bitmap over m->nroles: `inline_roles` or heap */
	size_t nwords;
	uint64_t inline_roles[RIGHTS_INLINE]; /* roles points here: no copies */
};
/* Effective permissions and roles of `actor` at `unit`: the roles of every
 * grant to it or a group containing it (nested) scoped at `unit` or a unit
 * above it, with every role they imply.  `explain` (optional) gets one line
 * per grant that counts.  Returns 0, or -1 when memory ran out, r then
 * holding part of the answer.  Either way, free *r with rights_free(). */
int rights_at(const struct tn_model *m, uint32_t actor, uint32_t unit, struct rights *r,
        struct buf *explain);
/* Release what rights_at() allocated; *r then holds nothing. */
void rights_free(struct rights *r);
/* Do the rights hold role `role` (by grant or implication)? */
int rights_has_role(const struct rights *r, uint32_t role);
/* Does `holder` (or the rootdn/operator: holder == 0 handled by callers)
 * hold every role that `target` holds, at each scope it holds it?
 * Returns 1, or 0 and names the first missing role and scope.  Memory
 * running out answers 0 (refuse), the role UINT32_MAX when unknown. */
int holds_all_roles_of(const struct tn_model *m, uint32_t holder, uint32_t target,
        uint32_t *missing_role, uint32_t *missing_scope);
/* The scope of grant `grant` as it counts for a grantee of tenant
 * `tenant`: 0 when it is no grant, names no scope, or when the grant or
 * its scope lies in another tenant (ref_counts()). */
uint32_t grant_scope(const struct tn_model *m, uint32_t grant, uint32_t tenant);

#endif
