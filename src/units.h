/*
 * units.h - units (units.c): the unit an entry belongs to for authorisation,
 * and the unit above a unit.
 */
#ifndef TN_UNITS_H
#define TN_UNITS_H

#include "model.h"

/* The unit an entry belongs to for authorisation: unit, domain or 0. */
uint32_t unit_of(const struct tn_model *m, uint32_t id);
uint32_t unit_parent(const struct tn_model *m, uint32_t unit);

#endif
