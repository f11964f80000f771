/*
 * roles.h - roles and permissions (roles.c): the permission names, the
 * permission a change needs, role definitions and what they imply.
 */
#ifndef TN_ROLES_H
#define TN_ROLES_H

#include "model.h"

enum perm {
	P_CONSOLE, P_DOMAIN, P_DOMAIN_DELETE, P_UNITS,
	P_USERS_CREATE, P_USERS_DELETE, P_USERS_MOVE, P_USERS_PASSWORD,
	P_USERS_FIELDS, P_USERS_MAIL, P_QUOTA, P_SERVICES,
	P_GROUPS, P_GROUPS_MEMBERS, P_SHARED, P_SHARES, P_GRANTS,
	P_COUNT
};
const char *perm_name(enum perm p);
int perm_parse(const char *s, size_t len);      /* -1 when unknown */
/* The permission a change to `attr` of an entry of `kind` needs. */
enum perm perm_for_attr(enum kind k, const char *attr, int *self_service);
uint32_t role_intern(struct tn_model *m, const char *name, size_t len);
uint32_t role_find(const struct tn_model *m, const char *name, size_t len);
/* The role's permissions with everything it implies. */
uint32_t role_perms(const struct tn_model *m, uint32_t r);
/* Add r and every role it implies to a role set (bitmap of nroles bits). */
void role_expand(const struct tn_model *m, uint32_t r, uint64_t *set);

#endif
