/*
 * shares.h - shared mailboxes (shares.c): share levels, tenancyImapGroup.
 */
#ifndef TN_SHARES_H
#define TN_SHARES_H

#include "model.h"

/* "read", "readreply", "write", "manage": by level, R_SHARE_* less
 * R_SHARE_READ. */
extern const char *const share_level_name[SHARE_LEVELS];
/* The highest share level (R_SHARE_*) `user` holds on `mbox`, itself or
 * through a group (nested), or -1; *via (optional) gets the user or group
 * the mailbox names.  When memory runs out, only direct shares count. */
int share_level(const struct tn_model *m, uint32_t mbox, uint32_t user, uint32_t *via);
/* share_level() in two steps, for a caller asking of many mailboxes for
 * one user (a write subscribing to thousands): share_who() puts the user
 * and every group containing it in *who (idset_free() it; -1 when memory
 * ran out, *who then partial), share_level_of() answers from it. */
int share_who(const struct tn_model *m, uint32_t user, struct idset *who);
int share_level_of(const struct tn_model *m, uint32_t mbox, uint32_t user, const struct idset *who,
        uint32_t *via);

/* tenancyImapGroup of a user, appended to out: "<address>:<level>" for
 * every routable mailbox shared with it (directly or through a group),
 * comma-separated, each at its highest level.  Returns the mailbox count;
 * when memory runs out, the mailboxes found so far are left out. */
size_t imap_groups(const struct tn_model *m, uint32_t user, struct buf *out);

#endif
