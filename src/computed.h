/*
 * computed.h - tenancyAddress (computed.c): every address of an entry.
 */
#ifndef TN_COMPUTED_H
#define TN_COMPUTED_H

#include "model.h"

/* tenancyAddress of an addressable entry: each of its local parts in every
 * name of its tenant, primary first.  Returns the count. */
size_t addresses(const struct tn_model *m, uint32_t id, tn_value_fn fn,
	void *ctx);

#endif
