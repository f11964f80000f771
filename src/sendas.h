/*
 * sendas.h - sending as someone (sendas.c): who may send as an address, and
 * logins.
 */
#ifndef TN_SENDAS_H
#define TN_SENDAS_H

#include "model.h"

/* Every user allowed to send as `owner` (with `on_behalf`: on its behalf,
 * its tenancySendOnBehalfDelegate), each once: fn(ctx, user id, reason),
 * with a one-line reason when `reasons` is set, NULL otherwise (the hot
 * path: Postfix's tenancySender needs no reasons).  Only routable users of
 * owner's tenant count; fn's answer is ignored.  Returns the count; when
 * memory runs out, the members of a group that could not be flattened are
 * left out (fewer senders, never more). */
typedef int (*sender_fn)(void *ctx, uint32_t user, const char *reason);
size_t senders_of(const struct tn_model *m, uint32_t owner, int on_behalf, int reasons,
        sender_fn fn, void *ctx);
/* The login names of a user: with a login attribute configured, its values
 * packed (PACK_FOREACH), else its primary mail address as one string;
 * NULL when it has none.  Points into the model. */
const char *user_login(const struct tn_model *m, uint32_t user);
/* The user a login name (any case; or a DN, which names any node) names;
 * 0 when none, or when the name is longer than a login can be. */
uint32_t login_lookup(const struct tn_model *m, const char *login);
/* "member of cn=a, which is a member of cn=b" from groups_containing()'s
 * answer (groups and via) for `user`, up to the group `target`, appended
 * to out (at most 64 groups deep). */
void membership_chain(const struct tn_model *m, uint32_t user, uint32_t target,
        const uint32_t *groups, const uint32_t *via, struct buf *out);

#endif
