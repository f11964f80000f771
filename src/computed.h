/*
 * computed.h - tenancyAddress (computed.c): every address of an entry.
 */
#ifndef TN_COMPUTED_H
#define TN_COMPUTED_H

#include "model.h"

/* tenancyAddress of an addressable entry (mailbox, shared mailbox,
 * group): each of its local parts in every name its tenant holds, primary
 * first; of a domain, the names it holds.  Through fn, which may be NULL,
 * to count.  Returns the count: 0 for a conflict's loser (§5b) and for any
 * other entry; a value that cannot be made (memory) is left out. */
size_t addresses(const struct tn_model *m, uint32_t id, tn_value_fn fn, void *ctx);

#endif
