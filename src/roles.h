/*
 * roles.h - roles and permissions (roles.c): the permission names, the
 * permission a change needs, role definitions and what they imply.
 */
#ifndef TN_ROLES_H
#define TN_ROLES_H

#include "model.h"

/* The permissions of DESIGN §6, as bits of a role's or a rights' perms. */
enum perm {
	P_CONSOLE,
	P_DOMAIN,
	P_DOMAIN_DELETE,
	P_UNITS,
	P_USERS_CREATE,
	P_USERS_DELETE,
	P_USERS_MOVE,
	P_USERS_PASSWORD,
	P_USERS_FIELDS,
	P_USERS_MAIL,
	P_QUOTA,
	P_SERVICES,
	P_GROUPS,
	P_GROUPS_MEMBERS,
	P_SHARED,
	P_SHARES,
	P_GRANTS,
	P_COUNT
};
/* A permission's name, as tenancyPermission spells it ("usersCreate"). */
const char *perm_name(enum perm p);
/* The permission a name (any case) names; -1 when none. */
int perm_parse(const char *s, size_t len);
/* The permission a change to `attr` (options ignored) of an entry of kind
 * `k` needs.  *self_service: 0; 1 when the mailbox's own user or a holder
 * of its manage share may change it without the permission (shares,
 * delegates); 2 when only its own user may (password, subscriptions). */
enum perm perm_for_attr(enum kind k, const char *attr, int *self_service);
/* The index of role `name` (any case), made when new (undefined, no
 * permissions); UINT32_MAX when memory ran out. */
uint32_t role_intern(struct tn_model *m, const char *name, size_t len);
/* The index of role `name` (any case); UINT32_MAX when unknown, or when
 * memory ran out, which then reads as unknown. */
uint32_t role_find(const struct tn_model *m, const char *name, size_t len);
/* The role's permissions with everything it implies; 0 when memory ran
 * out (no permission: the safe side). */
uint32_t role_perms(const struct tn_model *m, uint32_t r);
/* Add r and every role it implies to a role set (bitmap of nroles bits),
 * each role once: cycles of implication are harmless. */
void role_expand(const struct tn_model *m, uint32_t r, uint64_t *set);

#endif
