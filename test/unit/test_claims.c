/*
 * test_claims.c - two entries claiming one address or domain name
 * (DESIGN §5b): the earliest entryCSN wins, then the lower DN; the loser
 * answers to nothing; the next claimant takes over; and the answers do
 * not depend on the order the entries arrived in.
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

TestSuite(claims, .init = fx_setup_empty, .fini = fx_teardown);

#define CSN(t, sid) "entryCSN: 20261203" t ".000000Z#000000#" sid "#000000\n"

#define D1    "tenancyDomainName=iwdemo.fr," DOMAINS
#define D2    "tenancyDomainName=iwdemo.com," DOMAINS
#define U1(u) "uid=" u ",ou=people," D1
#define U2(u) "uid=" u ",ou=people," D2

/* The records of a directory that two providers filled at once: the
 * same address made twice, once in an alias-domain form; an alias
 * domain on one tenant while another tenant took that name; a group and
 * a grant that name the entries at stake. */
static const char *const world[] = {
        "dn: " ROLE("userManager") "\nobjectClass: tenancyRole\ncn: userManager\n"
                                   "tenancyPermission: users.create\n" CSN("100000", "001"),
        "dn: " D1
        "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.fr\n" CSN("100001", "001"),
        "dn: " D2
        "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.com\n" CSN("100003", "002"),
        "dn: " U1("bob") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
                         "uid: bob\ncn: Bob\nsn: B\nmail: bob@iwdemo.fr\n" CSN("100010", "001"),
        "dn: " U1("robert") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
                            "uid: robert\ncn: Robert\nsn: R\nmail: robert@iwdemo.fr\n"
                            "tenancyMailAlias: bob@iwdemo.fr\n" CSN("100010", "002"),
        "dn: " U1("zed") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
                         "uid: zed\ncn: Zed\nsn: Z\nmail: bob@iwdemo.fr\n" CSN("100009", "002"),
        "dn: " U1("carol") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
                           "uid: carol\ncn: Carol\nsn: C\nmail: carol@iwdemo.fr\n" CSN(
                                   "100011", "001"),
        "dn: " U1("carla") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
                           "uid: carla\ncn: Carla\nsn: C\nmail: carol@iwdemo.fr\n" CSN(
                                   "100011", "001"),
        "dn: cn=team,ou=groups," D1 "\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\n"
        "cn: team\nmail: team@iwdemo.fr\ntenancyGroupDelivery: TRUE\n"
        "tenancyGroupSendAs: TRUE\n"
        "member: " U1("bob") "\nmember: " U1("zed") "\nmember: " U1(
                "carol") "\n"
                         "member: " U1("carla") "\nmember: " U1("gone") "\n" CSN("100012", "001"),
        "dn: " U2("dan") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
                         "uid: dan\ncn: Dan\nsn: D\nmail: dan@iwdemo.com\n" CSN("100013", "002"),
        "dn: cn=g1,ou=grants," D1 "\nobjectClass: tenancyGrant\ncn: g1\n"
        "tenancyGrantee: " U1("carla") "\ntenancyScope: " D1 "\n"
                                       "tenancyRole: userManager\n" CSN("100014", "001"),
        "dn: cn=g2,ou=grants," D1 "\nobjectClass: tenancyGrant\ncn: g2\n"
        "tenancyGrantee: " U1("carol") "\ntenancyScope: " D1 "\n"
                                       "tenancyRole: userManager\n" CSN("100014", "001"),
};
#define NWORLD (sizeof(world) / sizeof(world[0]))

/* D1 later takes iwdemo.com as an alias: a modify with its new CSN. */
static const struct tn_value alias_v = {10, "iwdemo.com"};
static const struct tn_value alias_csn = {40, "20261203100020.000000Z#000000#001#000000"};
static const struct tn_mod alias_mods[] = {
        {TN_MOD_ADD, {"tenancyDomainAlias", 1, &alias_v}},
        {TN_MOD_REPLACE, {"entryCSN", 1, &alias_csn}},
};

static const char *const addresses[] = {
        "bob@iwdemo.fr",
        "robert@iwdemo.fr",
        "carol@iwdemo.fr",
        "team@iwdemo.fr",
        "dan@iwdemo.com",
        "iwdemo.com",
        "iwdemo.fr",
        "bob@iwdemo.com",
};
static const char *const dns[] = {
        U1("bob"),
        U1("robert"),
        U1("zed"),
        U1("carol"),
        U1("carla"),
        "cn=team,ou=groups," D1,
        U2("dan"),
        D1,
        D2,
};

static void
conflict_line(void *ctx, const char *loser, const char *rule, const char *key, const char *winner)
{
	char *out = ctx;
	size_t len = strlen(out);

	snprintf(out + len, 8192 - len, "%s|%s|%s|%s\n", loser, rule, key, winner);
}

static int
cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every answer the model gives about the world, as one string; the
 * conflicts sorted (their order is the model's business). */
static char *
answers(void)
{
	char *s = fx_alloc(65536), conf[8192] = "", *lines[64] = {NULL};
	size_t i, n = 0;
	char *p;

	for (i = 0; i < sizeof(addresses) / sizeof(addresses[0]); i++) {
		fx_route(addresses[i]);
		snprintf(s + strlen(s), 65536 - strlen(s), "route %s=%s\n", addresses[i],
		        fx_route_dn);
	}
	for (i = 0; i < sizeof(dns) / sizeof(dns[0]); i++)
		snprintf(s + strlen(s), 65536 - strlen(s),
		        "%s\n addr=%s\n sender=%s\n deliver=%s\n conflict=%s\n imap=%s\n"
		        " rights=%s\n",
		        dns[i], fx_computed("tenancyAddress", dns[i], ",", NULL),
		        fx_computed("tenancySender", dns[i], ",", NULL),
		        fx_computed("tenancyDeliverTo", dns[i], ",", NULL),
		        fx_computed("tenancyConflict", dns[i], ";", NULL),
		        fx_computed("tenancyImapGroup", dns[i], ",", NULL), fx_rights(dns[i], D1));
	tn_conflicts(fx, conflict_line, conf);
	for (p = strtok(conf, "\n"); p && n < 64; p = strtok(NULL, "\n"))
		lines[n++] = p;
	qsort(lines, n, sizeof(*lines), cmp_line);
	for (i = 0; i < n; i++)
		snprintf(s + strlen(s), 65536 - strlen(s), "conflict %s\n", lines[i]);
	return s;
}

/* Does `text` hold `want`, DNs compared without case? */
static int
has(const char *text, const char *want)
{
	char *t = fx_strdup(text), *w = fx_strdup(want), *p;

	for (p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (p = w; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return strstr(t, w) != NULL;
}

static void
shuffle(size_t *order, size_t n, unsigned *seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n - 1; i > 0; i--) {
		size_t j = (size_t)rand_r(seed) % (i + 1), t;
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}

/* The world in the given order; `applied`: as replicated adds, otherwise
 * loaded as at start.  The alias modify comes after D1, anywhere. */
/* A fresh model; the fixture's answer keeps no text of the last one. */
static void
reset_world(void)
{
	tn_answer_clear(&fx_ans);
	fx_setup_empty();
}

static void
build(const size_t *order, int applied, size_t alias_after)
{
	size_t i;
	struct tn_change c;

	reset_world();
	for (i = 0; i < NWORLD; i++) {
		struct tn_entry *e = fx_record(world[order[i]]);
		if (applied) {
			memset(&c, 0, sizeof(c));
			c.kind = TN_ADD;
			c.dn = e->dn;
			c.entry = e;
			cr_assert_eq(tn_record(fx, &c), 0);
		} else {
			cr_assert_eq(tn_model_load(fx, e), 0);
		}
		if (i == alias_after) {
			memset(&c, 0, sizeof(c));
			c.kind = TN_MODIFY;
			c.dn = D1;
			c.mods = alias_mods;
			c.nmods = 2;
			cr_assert_eq(tn_record(fx, &c), 0);
		}
	}
}

/* The alias is applied once D1 is there: at the first position at or
 * after `from` where it is. */
static size_t
alias_slot(const size_t *order, size_t from)
{
	size_t i, d1 = 0;

	for (i = 0; i < NWORLD; i++)
		if (order[i] == 1)
			d1 = i;
	return from > d1 ? from : d1;
}

Test(claims, any_order_of_the_same_writes_gives_the_same_answers)
{
	size_t order[NWORLD], round;
	unsigned seed = 14;
	char *first;

	for (round = 0; round < NWORLD; round++)
		order[round] = round;
	build(order, 0, alias_slot(order, 0));
	first = answers();
	/* The expected resolution, not only agreement. */
	cr_assert(has(first, "route bob@iwdemo.fr=" U1("zed") "\n"), "%s", first);
	cr_assert(has(first, "route carol@iwdemo.fr=" U1("carla") "\n"), "%s", first);
	cr_assert(has(first, "route iwdemo.com=" D2 "\n"), "%s", first);
	cr_assert(has(first, "route bob@iwdemo.com=\n"), "%s", first);
	cr_assert(has(first, "conflict " U1("bob") "|address-unique|bob@iwdemo.fr|" U1("zed") "\n"),
	        "%s", first);
	cr_assert(has(first, "conflict " D1 "|domain-unique|iwdemo.com|" D2 "\n"), "%s", first);
	for (round = 0; round < 60; round++) {
		char *again;
		shuffle(order, NWORLD, &seed);
		build(order, round % 2, alias_slot(order, (size_t)rand_r(&seed) % NWORLD));
		again = answers();
		cr_assert_str_eq(again, first, "round %zu (%s) differs", round,
		        round % 2 ? "applied" : "loaded");
	}
}

static void
delete_dn(const char *dn)
{
	struct tn_change c;

	memset(&c, 0, sizeof(c));
	c.kind = TN_DELETE;
	c.dn = dn;
	cr_assert_eq(tn_record(fx, &c), 0);
}

#define DOM_REC                                                                                    \
	"dn: " D1                                                                                  \
	"\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.fr\n" CSN("090000", "001")
#define USER_REC(u, a, t, sid)                                                                     \
	"dn: " U1(u) "\nobjectClass: inetOrgPerson\n"                                              \
	             "objectClass: tenancyMailbox\nuid: " u "\ncn: " u "\nsn: " u "\nmail: " a     \
	             "\n" CSN(t, sid)

Test(claims, the_earlier_csn_wins_and_the_loser_answers_to_nothing)
{
	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(USER_REC("late", "x@iwdemo.fr", "100002", "001"));
	fx_record_unjudged(USER_REC("early", "x@iwdemo.fr", "100001", "002"));
	cr_assert_eq(fx_route("x@iwdemo.fr"), 1);
	cr_assert(strcasecmp(fx_route_dn, U1("early")) == 0, "%s", fx_route_dn);
	cr_assert_str_eq(fx_computed("tenancyAddress", U1("late"), ",", NULL), "");
	cr_assert_str_eq(fx_computed("tenancyConflict", U1("late"), ",", NULL),
	        "address-unique: x@iwdemo.fr: won by " U1("early"));
	cr_assert_str_eq(fx_computed("tenancyConflict", U1("early"), ",", NULL), "");
	cr_assert(tn_answers_nothing(fx, U1("late")));
	cr_assert(!tn_answers_nothing(fx, U1("early")));
	/* the same by handle: the address routes to the winner only */
	cr_assert(tn_answers_nothing_h(fx, tn_entry_handle(fx, U1("late"), strlen(U1("late")))));
	cr_assert_eq(tn_route_h(fx, "x@iwdemo.fr", 11, NULL, NULL),
	        tn_entry_handle(fx, U1("early"), strlen(U1("early"))));
	cr_assert(!tn_answers_nothing_h(fx, tn_route_h(fx, "x@iwdemo.fr", 11, NULL, NULL)));
}

Test(claims, equal_csns_go_to_the_lower_dn)
{
	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(USER_REC("b", "x@iwdemo.fr", "100001", "001"));
	fx_record_unjudged(USER_REC("a", "x@iwdemo.fr", "100001", "001"));
	fx_route("x@iwdemo.fr");
	cr_assert(strcasecmp(fx_route_dn, U1("a")) == 0, "%s", fx_route_dn);
}

Test(claims, the_next_claimant_takes_over_when_the_winner_goes)
{
	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(USER_REC("one", "x@iwdemo.fr", "100001", "001"));
	fx_record_unjudged(USER_REC("two", "x@iwdemo.fr", "100002", "001"));
	fx_record_unjudged(USER_REC("three", "x@iwdemo.fr", "100003", "001"));
	delete_dn(U1("one"));
	fx_route("x@iwdemo.fr");
	cr_assert(strcasecmp(fx_route_dn, U1("two")) == 0, "%s", fx_route_dn);
	cr_assert_eq(tn_conflicts(fx, NULL, NULL), 1);
	/* A third write of the address is refused: it is taken. */
	cr_assert_eq(fx_add(ROOT, U1("four"), "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "uid: four", "cn: four", "sn: f",
	                     "mail: x@iwdemo.fr", FX_END),
	        TN_CONSTRAINT_VIOLATION);
	delete_dn(U1("two"));
	fx_route("x@iwdemo.fr");
	cr_assert(strcasecmp(fx_route_dn, U1("three")) == 0, "%s", fx_route_dn);
	cr_assert_eq(tn_conflicts(fx, NULL, NULL), 0);
	cr_assert(!tn_answers_nothing(fx, U1("three")));
}

Test(claims, a_claim_dropped_by_a_modify_passes_to_the_next)
{
	static const struct tn_value v = {11, "y@iwdemo.fr"};
	static const struct tn_mod mods[] = {
	        {TN_MOD_REPLACE, {"mail", 1, &v}},
	};
	struct tn_change c;

	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(USER_REC("one", "x@iwdemo.fr", "100001", "001"));
	fx_record_unjudged(USER_REC("two", "x@iwdemo.fr", "100002", "001"));
	memset(&c, 0, sizeof(c));
	c.kind = TN_MODIFY;
	c.dn = U1("one");
	c.mods = mods;
	c.nmods = 1;
	cr_assert_eq(tn_record(fx, &c), 0);
	fx_route("x@iwdemo.fr");
	cr_assert(strcasecmp(fx_route_dn, U1("two")) == 0, "%s", fx_route_dn);
	fx_route("y@iwdemo.fr");
	cr_assert(strcasecmp(fx_route_dn, U1("one")) == 0, "%s", fx_route_dn);
	cr_assert_eq(tn_conflicts(fx, NULL, NULL), 0);
}

static int hook_calls;

static void
count_hook(void *ctx, const char *loser, const char *rule, const char *key, const char *winner)
{
	(void)ctx;
	cr_assert_str_eq(loser, U1("late"));
	cr_assert_str_eq(rule, "address-unique");
	cr_assert_str_eq(key, "x@iwdemo.fr");
	cr_assert_str_eq(winner, U1("early"));
	hook_calls++;
}

Test(claims, each_conflict_is_reported_once_when_it_arises)
{
	static const struct tn_value v = {5, "+3312"};
	static const struct tn_value csn = {40, "20261203100005.000000Z#000000#001#000000"};
	static const struct tn_mod mods[] = {
	        {TN_MOD_REPLACE, {"telephoneNumber", 1, &v}},
	        {TN_MOD_REPLACE, {"entryCSN", 1, &csn}},
	};
	struct tn_change c;

	hook_calls = 0;
	tn_config_set_conflict_hook(fx, count_hook, NULL);
	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(USER_REC("early", "x@iwdemo.fr", "100001", "001"));
	fx_record_unjudged(USER_REC("late", "x@iwdemo.fr", "100009", "001"));
	cr_assert_eq(hook_calls, 1);
	/* A write to the winner that keeps it first reports nothing new. */
	memset(&c, 0, sizeof(c));
	c.kind = TN_MODIFY;
	c.dn = U1("early");
	c.mods = mods;
	c.nmods = 2;
	cr_assert_eq(tn_record(fx, &c), 0);
	cr_assert_eq(hook_calls, 1);
	fx_route("x@iwdemo.fr");
	cr_assert(strcasecmp(fx_route_dn, U1("early")) == 0, "%s", fx_route_dn);
}

Test(claims, a_loser_is_no_grantee)
{
	fx_record_unjudged(
	        "dn: " ROLE("userManager") "\nobjectClass: tenancyRole\ncn: userManager\n"
	                                   "tenancyPermission: users.create\n");
	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(USER_REC("early", "x@iwdemo.fr", "100001", "001"));
	fx_record_unjudged(USER_REC("late", "x@iwdemo.fr", "100009", "001"));
	fx_record_unjudged("dn: cn=g,ou=grants," D1 "\nobjectClass: tenancyGrant\ncn: g\n"
	                   "tenancyGrantee: " U1("late") "\ntenancyScope: " D1 "\n"
	                                                 "tenancyRole: userManager\n");
	cr_assert_str_eq(fx_rights(U1("late"), D1), "");
	delete_dn(U1("early"));
	cr_assert(fx_has_word(fx_rights(U1("late"), D1), "users.create"));
}

Test(claims, a_domain_name_goes_to_the_earlier_tenant_and_back)
{
	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(
	        "dn: " D2 "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.com\n" CSN(
	                "090005", "002"));
	fx_record_unjudged("dn: " U2(
	        "dan") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	               "uid: dan\ncn: Dan\nsn: D\nmail: dan@iwdemo.com\n" CSN("090006", "002"));
	fx_record_unjudged(USER_REC("bob", "bob@iwdemo.fr", "090007", "001"));
	/* A replace of D1 that brings an alias, earlier than D2 (its CSN
	 * as the other node stamped it): D1 takes the name. */
	fx_record_unjudged("dn: " D1 "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.fr\n"
	                   "tenancyDomainAlias: iwdemo.com\n" CSN("090001", "001"));
	fx_route("iwdemo.com");
	cr_assert(strcasecmp(fx_route_dn, D1) == 0, "%s", fx_route_dn);
	cr_assert_eq(fx_route("dan@iwdemo.com"), 0);
	cr_assert_eq(fx_route("bob@iwdemo.com"), 1);
	/* The alias gone, the name and its addresses go back to D2. */
	fx_record_unjudged(DOM_REC);
	fx_route("iwdemo.com");
	cr_assert(strcasecmp(fx_route_dn, D2) == 0, "%s", fx_route_dn);
	cr_assert_eq(fx_route("dan@iwdemo.com"), 1);
	cr_assert_eq(fx_route("bob@iwdemo.com"), 0);
	cr_assert_eq(tn_conflicts(fx, NULL, NULL), 0);
}

Test(claims, csns_order_by_time_then_server)
{
	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(
	        "dn: " U1("s2") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	                        "uid: s2\ncn: s\nsn: s\nmail: x@iwdemo.fr\n"
	                        "entryCSN: 20261203100001.000001Z#000000#001#000000\n");
	fx_record_unjudged(
	        "dn: " U1("s1") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	                        "uid: s1\ncn: s\nsn: s\nmail: x@iwdemo.fr\n"
	                        "entryCSN: 20261203100001.000001Z#000005#002#000000\n");
	fx_record_unjudged(
	        "dn: " U1("s0") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	                        "uid: s0\ncn: s\nsn: s\nmail: x@iwdemo.fr\n"
	                        "entryCSN: 20261203100001.000002Z#000000#000#000000\n");
	fx_route("x@iwdemo.fr");
	cr_assert(strcasecmp(fx_route_dn, U1("s2")) == 0, "%s", fx_route_dn);
}

/* A write re-dates its entry: one to the winner of a conflict that keeps
 * the contested claim would hand the claim to the loser.  It waits until
 * the conflict is resolved; writes that resolve it go through. */
static void
conflict_world(void)
{
	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(USER_REC("early", "x@iwdemo.fr", "100001", "001"));
	fx_record_unjudged(USER_REC("late", "x@iwdemo.fr", "100009", "001"));
}

Test(claims, a_write_to_the_winner_that_keeps_the_claim_waits)
{
	conflict_world();
	cr_assert_eq(fx_modify(ROOT, U1("early"), "replace: telephoneNumber: +331", FX_END),
	        TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "replication-conflict");
	cr_assert(
	        strstr(fx_text(), "x@iwdemo.fr") && strstr(fx_text(), "uid=late"), "%s", fx_text());
}

Test(claims, a_rename_of_the_winner_waits_too)
{
	conflict_world();
	cr_assert_eq(fx_rename(ROOT, U1("early"), "uid=earliest", NULL), TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "replication-conflict");
}

Test(claims, a_write_to_the_winner_that_keeps_an_alias_form_waits_too)
{
	fx_record_unjudged("dn: " D1 "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.fr\n"
	                   "tenancyDomainAlias: iwdemo.com\n" CSN("090000", "001"));
	fx_record_unjudged(USER_REC("early", "x@iwdemo.fr", "100001", "001"));
	fx_record_unjudged(USER_REC("late", "x@iwdemo.com", "100009", "001"));
	cr_assert_eq(fx_modify(ROOT, U1("early"), "replace: mail: x@iwdemo.com", FX_END),
	        TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "replication-conflict");
}

Test(claims, writes_that_resolve_the_conflict_go_through)
{
	conflict_world();
	cr_assert_eq(fx_modify(ROOT, U1("late"), "replace: mail: y@iwdemo.fr", FX_END), TN_OK, "%s",
	        fx_text());
	cr_assert_eq(fx_modify(ROOT, U1("early"), "replace: mail: z@iwdemo.fr", FX_END), TN_OK,
	        "%s", fx_text());
	cr_assert_eq(fx_delete(ROOT, U1("early")), TN_OK, "%s", fx_text());
}

Test(claims, the_loser_may_be_deleted_and_the_winner_is_then_free)
{
	conflict_world();
	delete_dn(U1("late"));
	cr_assert_eq(tn_conflicts(fx, NULL, NULL), 0);
	cr_assert_eq(fx_modify(ROOT, U1("early"), "replace: telephoneNumber: +331", FX_END), TN_OK,
	        "%s", fx_text());
}

/* The DN of world[i]: its first line. */
static const char *
world_dn(size_t i)
{
	return fx_record(world[i])->dn;
}

Test(claims, deletes_in_any_order_leave_what_a_fresh_load_of_the_rest_gives)
{
	size_t order[NWORLD], rest[NWORLD], gone[NWORLD], round, i;
	unsigned seed = 1414;

	for (round = 0; round < 40; round++) {
		char *after_deletes, *fresh;
		size_t nrest, ngone;
		/* Leaves only: the role, and the tenants, which hold entries,
		 * stay. */
		shuffle(order, NWORLD, &seed);
		build(order, 1, alias_slot(order, (size_t)rand_r(&seed) % NWORLD));
		nrest = ngone = 0;
		shuffle(order, NWORLD, &seed);
		for (i = 0; i < NWORLD; i++) {
			size_t w = order[i];
			if (w > 2 && rand_r(&seed) % 2)
				gone[ngone++] = w;
			else
				rest[nrest++] = w;
		}
		for (i = 0; i < ngone; i++)
			delete_dn(world_dn(gone[i]));
		after_deletes = answers();
		/* The same remaining records, loaded as at start. */
		reset_world();
		for (i = 0; i < nrest; i++) {
			cr_assert_eq(tn_model_load(fx, fx_record(world[rest[i]])), 0);
			if (rest[i] == 1) {
				struct tn_change c;
				memset(&c, 0, sizeof(c));
				c.kind = TN_MODIFY;
				c.dn = D1;
				c.mods = alias_mods;
				c.nmods = 2;
				cr_assert_eq(tn_record(fx, &c), 0);
			}
		}
		fresh = answers();
		cr_assert_str_eq(after_deletes, fresh, "round %zu: %zu deleted", round, ngone);
	}
}

/* ---- who may read a conflict's winner (DESIGN §5a.8) */

#define D3    "tenancyDomainName=iwdemo.de," DOMAINS
#define U3(u) "uid=" u ",ou=people," D3

#define HIDDEN_FR "domain-unique: iwdemo.fr: won by an entry you cannot see"

/* iwdemo.com claims iwdemo.fr as an alias, at `alias_time`: later than
 * iwdemo.fr's own entry (090000), it loses the name; earlier, iwdemo.fr
 * loses its own.  ctx1 and ctx2: the tenancyContext lines of iwdemo.fr and
 * iwdemo.com; iwdemo.de carries "south".  One account in each, and a
 * disabled mailbox of iwdemo.fr. */
static void
cross_tenant_world(const char *alias_time, const char *ctx1, const char *ctx2)
{
	fx_record_unjudged(
	        fx_printf("dn: " D1 "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.fr\n"
	                  "%s" CSN("090000", "001"),
	                ctx1));
	fx_record_unjudged(
	        fx_printf("dn: " D2 "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.com\n"
	                  "tenancyDomainAlias: iwdemo.fr\n%s"
	                  "entryCSN: 20261203%s.000000Z#000000#002#000000\n",
	                ctx2, alias_time));
	fx_record_unjudged("dn: " D3 "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.de\n"
	                   "tenancyContext: south\n" CSN("090002", "001"));
	fx_record_unjudged(USER_REC("ann", "ann@iwdemo.fr", "090010", "001"));
	fx_record_unjudged(
	        "dn: " U1("gone") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	                          "uid: gone\ncn: g\nsn: g\nmail: gone@iwdemo.fr\ntenancyStatus: "
	                          "disabled\n" CSN("090011", "001"));
	fx_record_unjudged("dn: " U2(
	        "dan") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	               "uid: dan\ncn: Dan\nsn: D\nmail: dan@iwdemo.com\n" CSN("090012", "002"));
	fx_record_unjudged("dn: " U3(
	        "ivy") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	               "uid: ivy\ncn: Ivy\nsn: I\nmail: ivy@iwdemo.de\n" CSN("090013", "001"));
}

static int
join_value(void *ctx, const char *v, size_t len)
{
	char *out = ctx;
	size_t l = strlen(out);

	snprintf(out + l, 1024 - l, "%s%.*s", l ? ";" : "", (int)len, v);
	return 0;
}

/* tenancyConflict of `dn` as `actor` reads it. */
static const char *
conflict_as(const struct tn_actor *actor, const char *dn)
{
	char *out = fx_alloc(1024);

	tn_computed_as_h(
	        fx, actor, tn_entry_handle(fx, dn, strlen(dn)), TN_C_CONFLICT, join_value, out);
	return out;
}

Test(claims, a_conflict_names_its_winner_only_to_who_may_see_it)
{
	const char *named = "domain-unique: iwdemo.fr: won by " D1;

	cross_tenant_world("090005", "", "tenancyContext: south\n");
	/* The loser's own account, and one of a tenant sharing the loser's
	 * context but not the winner's. */
	cr_assert_str_eq(conflict_as(AS(U2("dan")), D2), HIDDEN_FR);
	cr_assert_str_eq(conflict_as(AS(U3("ivy")), D2), HIDDEN_FR);
	/* No one, someone outside every tenant, a disabled mailbox of the
	 * winner's tenant (no account), a DN the engine cannot read. */
	cr_assert_str_eq(conflict_as(NULL, D2), HIDDEN_FR);
	cr_assert_str_eq(conflict_as(AS(""), D2), HIDDEN_FR);
	cr_assert_str_eq(conflict_as(AS("cn=someone," BASE), D2), HIDDEN_FR);
	cr_assert_str_eq(conflict_as(AS(U1("gone")), D2), HIDDEN_FR);
	cr_assert_str_eq(conflict_as(AS("uid=x,,," DOMAINS), D2), HIDDEN_FR);
	/* Those who see the winner: the rootdn, operators, readers, the
	 * winner's own accounts; tn_computed() answers as the rootdn. */
	cr_assert(strcasecmp(conflict_as(ROOT, D2), named) == 0, "%s", conflict_as(ROOT, D2));
	cr_assert(strcasecmp(conflict_as(AS(OPERATOR), D2), named) == 0);
	cr_assert(strcasecmp(conflict_as(AS(READER), D2), named) == 0);
	cr_assert(strcasecmp(conflict_as(AS(U1("ann")), D2), named) == 0);
	cr_assert(strcasecmp(fx_computed("tenancyConflict", D2, ";", NULL), named) == 0);
	/* The winner has no conflict to show, whoever reads. */
	cr_assert_str_eq(conflict_as(AS(U1("ann")), D1), "");
	cr_assert_str_eq(conflict_as(ROOT, D1), "");
}

Test(claims, the_winner_is_named_to_the_tenants_sharing_its_context)
{
	const char *named = "domain-unique: iwdemo.fr: won by " D1;

	cross_tenant_world("090005", "tenancyContext: south\n", "tenancyContext: south\n");
	cr_assert(strcasecmp(conflict_as(AS(U2("dan")), D2), named) == 0, "%s",
	        conflict_as(AS(U2("dan")), D2));
	cr_assert(strcasecmp(conflict_as(AS(U3("ivy")), D2), named) == 0);
	/* Sharing the winner's context only is seeing the winner. */
	reset_world();
	cross_tenant_world("090005", "tenancyContext: south\n", "");
	cr_assert(strcasecmp(conflict_as(AS(U3("ivy")), D2), named) == 0);
	cr_assert_str_eq(conflict_as(AS(U2("dan")), D2), HIDDEN_FR);
}

Test(claims, a_primary_name_lost_to_an_earlier_alias_names_no_hidden_winner)
{
	cross_tenant_world("080000", "", "");
	cr_assert_str_eq(conflict_as(AS(U1("ann")), D1), HIDDEN_FR);
	cr_assert_str_eq(conflict_as(AS(U2("dan")), D2), "");
	cr_assert(strcasecmp(conflict_as(AS(U2("dan")), D1),
	                  "domain-unique: iwdemo.fr: won by " D2) == 0,
	        "%s", conflict_as(AS(U2("dan")), D1));
}

Test(claims, a_write_to_the_winner_names_no_loser_hidden_from_the_writer)
{
	cross_tenant_world("090005", "", "");
	fx_record_unjudged(
	        "dn: " ROLE("domainManager") "\nobjectClass: tenancyRole\ncn: domainManager\n"
	                                     "tenancyPermission: domain\n");
	fx_record_unjudged("dn: cn=g,ou=grants," D1 "\nobjectClass: tenancyGrant\ncn: g\n"
	                   "tenancyGrantee: " U1("ann") "\ntenancyScope: " D1 "\n"
	                                                "tenancyRole: domainManager\n");
	cr_assert_eq(
	        fx_modify(AS(U1("ann")), D1, "replace: tenancyDefaultQuota: 1073741824", FX_END),
	        TN_CONSTRAINT_VIOLATION, "%s", fx_text());
	cr_assert_str_eq(fx_rule(), "replication-conflict");
	cr_assert(strstr(fx_text(), "iwdemo.fr is also claimed by an entry you cannot see ("), "%s",
	        fx_text());
	cr_assert(!strstr(fx_text(), "iwdemo.com"), "%s", fx_text());
	/* The rootdn is told which entry. */
	cr_assert_eq(fx_modify(ROOT, D1, "replace: tenancyDefaultQuota: 1073741824", FX_END),
	        TN_CONSTRAINT_VIOLATION);
	cr_assert(has(fx_text(), "iwdemo.fr is also claimed by " D2 " ("), "%s", fx_text());
}

/* An address in another tenant's domain is no claim (claims are made
 * within the tenant that owns the address's domain): it contends with
 * nothing, however early, and names no one. */
Test(claims, an_address_in_another_tenants_domain_claims_nothing)
{
	fx_record_unjudged(DOM_REC);
	fx_record_unjudged(
	        "dn: " D2 "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.com\n" CSN(
	                "090001", "002"));
	fx_record_unjudged(USER_REC("ann", "ann@iwdemo.fr", "090010", "001"));
	fx_record_unjudged("dn: " U2(
	        "mal") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	               "uid: mal\ncn: M\nsn: M\nmail: ann@iwdemo.fr\n" CSN("080000", "002"));
	cr_assert_eq(fx_route("ann@iwdemo.fr"), 1);
	cr_assert(strcasecmp(fx_route_dn, U1("ann")) == 0, "%s", fx_route_dn);
	cr_assert_str_eq(conflict_as(ROOT, U2("mal")), "");
	cr_assert_str_eq(conflict_as(ROOT, U1("ann")), "");
	cr_assert_eq(tn_conflicts(fx, NULL, NULL), 0);
}
