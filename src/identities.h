/*
 * identities.h - tenancyIdentity (identities.c): the addresses a user may put
 * in From:.
 */
#ifndef TN_IDENTITIES_H
#define TN_IDENTITIES_H

#include "model.h"

/* tenancyIdentity of the entry `id` (a user): every address it may put in
 * From:, own primary first, each once, through fn (which may be NULL, to
 * count).  Returns the count; running out of memory shortens the list,
 * never lengthens it. */
size_t identities_of(const struct tn_model *m, uint32_t id, tn_value_fn fn, void *ctx);

#endif
