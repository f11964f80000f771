/*
 * dn.h - distinguished names in the engine's one canonical form.
 *
 * The canonical form is what the engine keys its model on: attribute types
 * and values in lower case, no blanks around ',', '=' or '+', and every
 * escaped character written as a two-digit lower-case hex escape.  slapd's
 * normalised DNs and libldap's string DNs both map onto it, so the overlay
 * and the command line agree on identity.  In canonical form an unescaped
 * ',' always separates RDNs.
 */
#ifndef TN_DN_H
#define TN_DN_H

#include <stddef.h>

#include "util/buf.h"

/* Longest DN the engine accepts; longer input is refused as invalid. */
#define DN_MAX_LEN 8192

/* What dn_canon() returns for a DN beyond the engine's limits (longer than
 * DN_MAX_LEN, an RDN of more than 16 AVAs) rather than malformed: slapd may
 * hold it, and the engine cannot place it (DESIGN §5a.2). */
#define DN_TOO_BIG (-2)

/*
 * Append the canonical form of `dn` (len bytes) to `out`.  Returns 0, -1
 * when `dn` is not a DN (empty RDN, missing '=', bad escape) or memory ran
 * out, DN_TOO_BIG (also < 0) when it is beyond the engine's limits.  The
 * AVAs of a multi-valued RDN are put in one order.  The empty DN is valid
 * and canonicalises to "".
 */
int dn_canon(const char *dn, size_t len, struct buf *out);

/*
 * The common case of dn_canon(), a DN slapd has already normalised: types
 * of letters, digits and hyphens in any case, values of lower-case
 * letters, digits and . - _ @, no blanks, no escapes, one '=' an RDN.
 * Writes its canonical form (the types lower-cased: len bytes and a NUL)
 * to `out` and returns 1; returns 0, out undefined, for any other DN,
 * which dn_canon() then takes the long way.
 */
int dn_canon_simple(const char *dn, size_t len, char *out);

/* Byte length of the first (leftmost) RDN of a canonical DN. */
size_t dn_rdn_len(const char *cdn, size_t len);

#endif
