/*
 * units.h - units (units.c): the unit an entry belongs to for authorisation,
 * and the unit above a unit.
 */
#ifndef TN_UNITS_H
#define TN_UNITS_H

#include "model.h"

/* The unit an entry belongs to for authorisation: unit, domain or 0.  A
 * domain is its own; a unit belongs to the unit above it; a grant to its
 * scope; anything else to its tenancyUnitRef, else to its tenant. */
uint32_t unit_of(const struct tn_model *m, uint32_t id);
/* The unit above `unit`: its nearest ancestor that is a unit or a domain;
 * 0 above the domain. */
uint32_t unit_parent(const struct tn_model *m, uint32_t unit);

#endif
