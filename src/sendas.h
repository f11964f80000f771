/*
 * sendas.h - sending as someone (sendas.c): who may send as an address, and
 * logins.
 */
#ifndef TN_SENDAS_H
#define TN_SENDAS_H

#include "model.h"

/* Every user allowed to send as `owner`; fn(ctx, user id, reason), with a
 * one-line reason when `reasons` is set, NULL otherwise (the hot path:
 * Postfix's tenancySender needs no reasons). */
typedef int (*sender_fn)(void *ctx, uint32_t user, const char *reason);
size_t senders_of(const struct tn_model *m, uint32_t owner, int on_behalf,
	int reasons, sender_fn fn, void *ctx);
/* The login names of a user (login attribute values, or its mail). */
const char *user_login(const struct tn_model *m, uint32_t user);
/* The user a login name (or a DN) names; 0 when none. */
uint32_t login_lookup(const struct tn_model *m, const char *login);
/* "member of cn=a, which is a member of cn=b" from groups_containing()'s
 * answer for `user`, up to the group `target`. */
void membership_chain(const struct tn_model *m, uint32_t user, uint32_t target,
	const uint32_t *groups, const uint32_t *via, struct buf *out);

#endif
