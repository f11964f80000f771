/*
 * store.h - storing records into the model (store.c).
 */
#ifndef TN_STORE_H
#define TN_STORE_H

#include "record.h"

/* Store a record into node `id` (replacing what it held) / clear a node. */
int node_store(struct tn_model *m, uint32_t id, const struct rec *r);
void node_clear(struct tn_model *m, uint32_t id);

#endif
