/*
 * fixture.h - a small world for the engine's unit tests.
 *
 * Entries are written as LDIF-like text ("attr: value" lines, one record
 * per paragraph, "dn:" first) and turned into struct tn_entry values by a
 * few lines of plain C: no libldap.  Every change goes through tn_judge()
 * and, when allowed, tn_commit(), exactly as the overlay drives the engine.
 *
 * The world (fx_setup):
 *   ou=roles           the default roles of ldif/roles.ldif, plus tenantAdmin
 *                      (implies userManager and groupManager) and unused
 *   iwdemo.fr          alias iwdemo.com; units Europe > France > Paris, Asia;
 *                      users alice bob carol dave erin frank grace(disabled)
 *                      henri ivan judy boss; nested groups, a send-as group,
 *                      a two-group cycle, shared mailboxes contact, sales-box;
 *                      grants (see fixture.c)
 *   other.org          alias other.net; user oscar, group team
 *   alpha.fr, beta.fr  two tenants sharing tenancyContext "acme"
 *   pending.fr         tenancyStatus pending
 *   closed.fr          tenancyStatus disabled
 * fx_setup_uid_logins() builds the same world with uid as the login
 * attribute.
 *
 * Ownership: everything the helpers return is owned by the fixture and
 * freed by fx_teardown(), so tests never free anything themselves.
 */
#ifndef TEST_UNIT_FIXTURE_H
#define TEST_UNIT_FIXTURE_H

#include <stddef.h>

#include "tenancy.h"

#define BASE     "dc=example,dc=net"
#define ROOTDN   "cn=admin," BASE
#define OPERATOR "cn=operator," BASE
#define READER   "cn=postfix,ou=services," BASE
#define ROLES    "ou=roles," BASE
#define ROLE(r)  "cn=" r "," ROLES
#define DOMAINS  "ou=domains," BASE

#define DOM       "tenancyDomainName=iwdemo.fr," DOMAINS
#define USER(u)   "uid=" u ",ou=people," DOM
#define GROUP(g)  "cn=" g ",ou=groups," DOM
#define SHARED(s) "cn=" s ",ou=shared," DOM
#define GRANT(g)  "cn=" g ",ou=grants," DOM
#define UNITS     "ou=units," DOM
#define EUROPE    "ou=Europe," UNITS
#define FRANCE    "ou=France," EUROPE
#define PARIS     "ou=Paris," FRANCE
#define ASIA      "ou=Asia," UNITS

#define ODOM     "tenancyDomainName=other.org," DOMAINS
#define OUSER(u) "uid=" u ",ou=people," ODOM
#define ADOM     "tenancyDomainName=alpha.fr," DOMAINS
#define BDOM     "tenancyDomainName=beta.fr," DOMAINS
#define PDOM     "tenancyDomainName=pending.fr," DOMAINS
#define CDOM     "tenancyDomainName=closed.fr," DOMAINS

/* The model every test works on, built by fx_setup(). */
extern struct tn_model *fx;
/* The last verdict (fx_judge, and the writes that judge) and the last
 * answer (the questions). */
extern struct tn_verdict fx_verdict;
extern struct tn_answer fx_ans;
extern const struct tn_actor fx_root;

/* An actor bound as `dn` (not the rootdn). */
#define AS(dn) (&(const struct tn_actor){(dn), 0})
#define ROOT   (&fx_root)

void fx_setup(void);
void fx_teardown(void);
/* The same world with `uid` as the login attribute, set before loading. */
void fx_setup_uid_logins(void);
/* A model with configuration only, no entries (replaces fx). */
void fx_setup_empty(void);

/* The end of an "attr: value" list (a typed null pointer, as variadic
 * functions need). */
#define FX_END ((const char *)NULL)

/* ---- entries */

/* An entry from "dn: ..." followed by "attr: value" lines, ended by FX_END. */
struct tn_entry *fx_entry(const char *dn, ...);
/* An entry from one LDIF-like record ("dn: x\nattr: v\n..."). */
struct tn_entry *fx_record(const char *text);
/* Record one LDIF-like record as an add that nobody judged (tn_record()),
 * as replication or slapadd brings it. */
void fx_record_unjudged(const char *text);
/* Add a value (counted bytes, need not be NUL-terminated). */
void fx_entry_add(struct tn_entry *e, const char *attr, const char *val, size_t len);

/* ---- changes: judged as `actor`, applied when allowed.  Each returns the
 * verdict's code; the verdict stays in fx_ans. */
enum tn_result fx_add_entry(const struct tn_actor *actor, const struct tn_entry *e);
/* fx_add(actor, dn, "attr: value", ..., FX_END) */
enum tn_result fx_add(const struct tn_actor *actor, const char *dn, ...);
/* Every record of an LDIF-like text; returns the number refused (and
 * stops at the first, leaving its verdict in fx_verdict). */
size_t fx_ldif(const struct tn_actor *actor, const char *text);
/* fx_modify(actor, dn, "add: attr: value", "replace: attr: value",
 * "delete: attr: value", "delete: attr", ..., FX_END); consecutive lines with
 * the same operation and attribute form one modification. */
enum tn_result fx_modify(const struct tn_actor *actor, const char *dn, ...);
enum tn_result fx_delete(const struct tn_actor *actor, const char *dn);
enum tn_result fx_rename(
        const struct tn_actor *actor, const char *dn, const char *newrdn, const char *newsup);
/* Judge only, apply nothing. */
enum tn_result fx_judge(const struct tn_actor *actor, const struct tn_change *c);
/* Judge any change, and apply it when allowed. */
enum tn_result fx_change(const struct tn_actor *actor, const struct tn_change *c);

/* The last verdict's rule ("" when none), text and explanation ("" when
 * none; want_explain is set by the setup). */
const char *fx_rule(void);
/* The code of the last verdict or answer. */
enum tn_result fx_code(void);
/* tn_may_bind(), its answer in fx_ans. */
int fx_may_bind(const char *dn);
const char *fx_text(void);
const char *fx_explain(void);

/* ---- questions */

/* tn_route(); the DN found, the attribute and stored value of the first
 * match go to fx_route_dn / fx_route_attr / fx_route_value ("" if none). */
size_t fx_route(const char *address);
extern const char *fx_route_dn, *fx_route_attr, *fx_route_value;

/* tn_computed(): the values, sorted and joined with `sep`; the count in *n
 * when n is not NULL. */
const char *fx_computed(const char *attr, const char *dn, const char *sep, size_t *n);
/* tn_sendas_check(); returns the code, answer in fx_ans. */
enum tn_result fx_sendas(const char *login, const char *address, int on_behalf);
/* tn_rights(): the permission list ("" when none). */
const char *fx_rights(const char *dn, const char *unit);
/* Does the space-separated list hold `word`? */
int fx_has_word(const char *list, const char *word);

/* ---- memory the fixture frees at teardown */
void *fx_alloc(size_t n);
char *fx_strdup(const char *s);
char *fx_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
