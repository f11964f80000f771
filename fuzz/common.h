/*
 * common.h - what the fuzz targets share: a fixed directory to start from,
 * and a tiny "attr: value" reader to build it.
 *
 * The reader takes plain LDIF text only (no base64, no folded lines, no
 * change records): it is for the fixtures written in these files, never
 * for fuzz input, which goes through libldap's own LDIF parser (lint.c).
 */
#ifndef TENANCY_FUZZ_COMMON_H
#define TENANCY_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "tenancy.h"

/* The layout, roles and two tenants (a.test aliased by a-alias.test, and
 * b.test), with units, users, a group, a shared mailbox and grants. */
extern const char fz_fixture[];

/* Load plain LDIF text, unjudged.  Aborts on a malformed fixture. */
void fz_load_text(struct tn_model *m, const char *text);

/* A fresh model configured as the test slapd is, holding fz_fixture. */
struct tn_model *fz_fixture_model(void);

/* Sinks for the engine's callbacks, which also touch what they are given
 * so that the sanitizers see every byte. */
int fz_value_sink(void *ctx, const char *val, size_t len);
int fz_route_sink(void *ctx, const char *dn, const char *attr, const char *stored);
int fz_who_sink(void *ctx, const char *login, const char *reason);
int fz_grant_sink(void *ctx, const char *mailbox_dn, const char *address, const char *grantee,
        const char *level, const char *recipient);
void fz_report_sink(void *ctx, const char *dn, const struct tn_verdict *v);

/* Check an answer is well formed: a refusal has a rule; with one_line,
 * its text holds no newline (it becomes an LDAP diagnostic message). */
void fz_check_answer(const struct tn_answer *a, int one_line);
/* The same for a verdict, whose text must also be the one composed from
 * its rule, entry and message. */
void fz_check_verdict(const struct tn_verdict *v, int one_line);

/* Ask every question the engine answers about `dn` (and `text` as an
 * address or login), checking only that the answers are well formed. */
void fz_ask_all(const struct tn_model *m, const char *dn, const char *text);

/* FUZZ_SKIP_EMPTY=1 (fuzz/known.sh): leave out empty values, which crash
 * the engine (fuzz/crashes/dn-empty-value-strv-has) until it is fixed. */
int fz_skip_empty(void);

/* Is the switch NAME on: set, and not "0"?  (fuzz/known.sh sets them.) */
int fz_env_on(const char *name);

/* A byte reader over fuzz input. */
struct fz_in {
	const uint8_t *p;
	size_t n;
};
unsigned fz_byte(struct fz_in *in);             /* 0 when exhausted */
unsigned fz_pick(struct fz_in *in, unsigned n); /* in [0, n) */

#endif
