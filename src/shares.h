/*
 * shares.h - shared mailboxes (shares.c): share levels, tenancyImapGroup.
 */
#ifndef TN_SHARES_H
#define TN_SHARES_H

#include "model.h"

extern const char *const share_level_name[SHARE_LEVELS];
/* The highest share level (R_SHARE_*) `user` holds on `mbox`, or -1. */
int share_level(const struct tn_model *m, uint32_t mbox, uint32_t user,
	uint32_t *via);

/* tenancyImapGroup of a user, appended to out; returns the mailbox count. */
size_t imap_groups(const struct tn_model *m, uint32_t user, struct buf *out);

#endif
