/*
 * test_manyvalues.c - many values in one write, and entries shaped to
 * make reads costly (round 3 of the attacks by one account): the answers
 * stay exact when a list is long enough to be indexed (record.c from 32
 * values, a node's local parts from 32 addresses), and a large write is
 * judged as a small one is.  No test measures time: each checks what the
 * engine decides and answers.
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

TestSuite(manyvalues, .init = fx_setup, .fini = fx_teardown);

#define NUSERS 64

/* NUSERS mailboxes m0 .. m63 of iwdemo.fr. */
static void
add_users(void)
{
	int i;

	for (i = 0; i < NUSERS; i++) {
		const char *dn = fx_printf("uid=m%d,ou=people," DOM, i);
		cr_assert_eq(fx_add(ROOT, dn, "objectClass: inetOrgPerson",
		                     "objectClass: tenancyMailbox", fx_printf("uid: m%d", i),
		                     "cn: m", "sn: m", fx_printf("mail: m%d@iwdemo.fr", i), FX_END),
		        TN_OK, "%s", fx_text());
	}
}

/* A delivering group cn=many naming each user twice (a second spelling
 * of each DN), and alice. */
static void
add_group(void)
{
	struct tn_entry *e = fx_entry(GROUP("many"), "objectClass: groupOfNames",
	        "objectClass: tenancyGroup", "cn: many", "mail: many@iwdemo.fr",
	        "tenancyGroupDelivery: TRUE", FX_END);
	int i;

	for (i = 0; i < NUSERS; i++) {
		const char *a = fx_printf("uid=m%d,ou=people," DOM, i);
		const char *b = fx_printf("UID=m%d , ou=People," DOM, i);
		fx_entry_add(e, "member", a, strlen(a));
		fx_entry_add(e, "member", b, strlen(b));
	}
	fx_entry_add(e, "member", USER("alice"), strlen(USER("alice")));
	cr_assert_eq(fx_add_entry(ROOT, e), TN_OK, "%s", fx_text());
}

static size_t
deliver_count(void)
{
	size_t n = 0;

	fx_computed(TN_AT_DELIVER_TO, GROUP("many"), " ", &n);
	return n;
}

Test(manyvalues, a_member_named_in_two_spellings_counts_once)
{
	add_users();
	add_group();
	cr_assert_eq(deliver_count(), NUSERS + 1);
}

Test(manyvalues, a_delete_of_many_members_in_other_spellings_drops_each)
{
	struct tn_mod mod = {TN_MOD_DELETE, {"member", 0, NULL}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = GROUP("many"), .mods = &mod, .nmods = 1};
	struct tn_value *v = fx_alloc(40 * sizeof(*v));
	int i;

	add_users();
	add_group();
	for (i = 0; i < 40; i++) {
		v[i].val = fx_printf("  UID=M%d,OU=PEOPLE," DOM, i);
		v[i].len = strlen(v[i].val);
	}
	mod.attr.vals = v;
	mod.attr.nvals = 40;
	cr_assert_eq(fx_change(ROOT, &c), TN_OK, "%s", fx_text());
	cr_assert_eq(deliver_count(), NUSERS - 40 + 1);
	cr_assert(strstr(fx_computed(TN_AT_DELIVER_TO, GROUP("many"), " ", NULL), " m40@"));
	cr_assert_null(strstr(fx_computed(TN_AT_DELIVER_TO, GROUP("many"), " ", NULL), " m39@"));
}

Test(manyvalues, one_member_added_to_a_large_group_is_judged_alone)
{
	add_users();
	add_group();
	cr_assert_eq(fx_modify(ROOT, GROUP("many"), "add: member: uid=ghost,ou=people," DOM, FX_END),
	        TN_CONSTRAINT_VIOLATION);
	cr_assert(strstr(fx_text(), "member names uid=ghost,ou=people,"), "%s", fx_text());
	cr_assert_eq(fx_modify(ROOT, GROUP("many"), "add: member: " USER("bob"), FX_END), TN_OK,
	        "%s", fx_text());
	cr_assert_eq(deliver_count(), NUSERS + 2);
}

Test(manyvalues, many_modifications_of_one_member_each_are_read_in_turn)
{
	struct tn_mod *mods = fx_alloc(2000 * sizeof(*mods));
	struct tn_value *v = fx_alloc(2000 * sizeof(*v));
	struct tn_change c = {.kind = TN_MODIFY, .dn = GROUP("many"), .mods = mods, .nmods = 2000};
	int i;

	add_users();
	add_group();
	/* Each member removed, then added again, one modification each. */
	for (i = 0; i < 2000; i++) {
		int u = (i / 2) % NUSERS;
		v[i].val = fx_printf("uid=m%d,ou=people," DOM, u);
		v[i].len = strlen(v[i].val);
		mods[i].op = i % 2 ? TN_MOD_ADD : TN_MOD_DELETE;
		mods[i].attr.name = "member";
		mods[i].attr.nvals = 1;
		mods[i].attr.vals = &v[i];
	}
	cr_assert_eq(fx_change(ROOT, &c), TN_OK, "%s", fx_text());
	cr_assert_eq(deliver_count(), NUSERS + 1);
}

Test(manyvalues, a_group_of_100000_absent_members_is_refused_on_the_first)
{
	struct tn_entry *e = fx_entry(GROUP("huge"), "objectClass: groupOfNames",
	        "objectClass: tenancyGroup", "cn: huge", FX_END);
	int i;

	for (i = 0; i < 100000; i++) {
		const char *m = fx_printf("cn=m%d", i);
		fx_entry_add(e, "member", m, strlen(m));
	}
	cr_assert_eq(fx_add_entry(ROOT, e), TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_text(),
	        "reference: " GROUP("huge") ": member names cn=m0, which is not a mailbox, "
	                                    "shared mailbox or group of tenant iwdemo.fr");
}
