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
#include <strings.h>

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
	struct tn_entry *e =
	        fx_entry(GROUP("many"), "objectClass: groupOfNames", "objectClass: tenancyGroup",
	                "cn: many", "mail: many@iwdemo.fr", "tenancyGroupDelivery: TRUE", FX_END);
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
	cr_assert_eq(
	        fx_modify(ROOT, GROUP("many"), "add: member: uid=ghost,ou=people," DOM, FX_END),
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

/* ---------------------------------------------------- many addresses */

#define NALIASES 5000

/* uid=many with NALIASES aliases x0 .. x4999, and x7 again in capitals. */
static void
add_many_aliases(void)
{
	struct tn_entry *e =
	        fx_entry(USER("many"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	                "uid: many", "cn: Many", "sn: Many", "mail: many@iwdemo.fr", FX_END);
	int i;

	for (i = 0; i < NALIASES; i++) {
		const char *a = fx_printf("x%d@iwdemo.fr", i);
		fx_entry_add(e, "tenancyMailAlias", a, strlen(a));
	}
	fx_entry_add(e, "tenancyMailAlias", "X7@IWDEMO.FR", 12);
	cr_assert_eq(fx_add_entry(ROOT, e), TN_OK, "%s", fx_text());
}

Test(manyvalues, every_address_of_an_entry_with_many_answers_in_every_name)
{
	size_t n = 0;

	add_many_aliases();
	fx_computed(TN_AT_ADDRESS, USER("many"), " ", &n);
	cr_assert_eq(n, 2 * (NALIASES + 1));
	fx_computed(TN_AT_IDENTITY, USER("many"), " ", &n);
	cr_assert_eq(n, 2 * (NALIASES + 1));
	cr_assert_eq(fx_route("X4999@iwdemo.com"), 1);
	cr_assert_eq(strcasecmp(fx_route_dn, USER("many")), 0, "%s", fx_route_dn);
	cr_assert_eq(fx_route("x5000@iwdemo.fr"), 0);
}

static int
count_value(void *ctx, enum tn_stored attr, const char *v, size_t len)
{
	(void)attr;
	(void)v;
	(void)len;
	(*(size_t *)ctx)++;
	return 0;
}

Test(manyvalues, an_address_routes_to_each_stored_value_of_its_local_part)
{
	size_t n = 0;

	add_many_aliases();
	/* x7@iwdemo.fr, and x7 in the alias domain too: two stored values. */
	cr_assert_eq(fx_modify(ROOT, USER("many"), "add: tenancyMailAlias: x7@iwdemo.com", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_neq(tn_route_h(fx, "X7@iwdemo.com", 13, count_value, &n), 0);
	cr_assert_eq(n, 2);
	n = 0;
	cr_assert_neq(tn_route_h(fx, "X4998@iwdemo.fr", 15, count_value, &n), 0);
	cr_assert_eq(n, 1);
}

Test(manyvalues, an_address_another_entry_holds_is_refused_to_an_entry_with_many)
{
	add_many_aliases();
	cr_assert_eq(fx_modify(ROOT, USER("many"), "add: tenancyMailAlias: Alice.Smith@iwdemo.com",
	                     FX_END),
	        TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "address-unique");
	/* And the other way: none of its addresses goes to another entry. */
	cr_assert_eq(
	        fx_modify(ROOT, USER("bob"), "add: tenancyMailAlias: x4321@iwdemo.com", FX_END),
	        TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(manyvalues, aliases_deleted_in_capitals_from_an_entry_with_many_are_free_again)
{
	struct tn_mod mod = {TN_MOD_DELETE, {"tenancyMailAlias", 0, NULL}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = USER("many"), .mods = &mod, .nmods = 1};
	struct tn_value *v = fx_alloc(2000 * sizeof(*v));
	size_t n = 0;
	int i;

	add_many_aliases();
	for (i = 0; i < 2000; i++) {
		v[i].val = fx_printf(" X%d@IWDEMO.FR ", i);
		v[i].len = strlen(v[i].val);
	}
	mod.attr.vals = v;
	mod.attr.nvals = 2000;
	cr_assert_eq(fx_change(ROOT, &c), TN_OK, "%s", fx_text());
	/* x7 went in both spellings, as slapd drops every value matching. */
	fx_computed(TN_AT_ADDRESS, USER("many"), " ", &n);
	cr_assert_eq(n, 2 * (NALIASES - 2000 + 1));
	cr_assert_eq(fx_route("x7@iwdemo.fr"), 0);
	cr_assert_eq(fx_route("x1999@iwdemo.fr"), 0);
	cr_assert_eq(fx_route("x2000@iwdemo.fr"), 1);
	cr_assert_eq(
	        fx_modify(ROOT, USER("bob"), "add: tenancyMailAlias: x1500@iwdemo.com", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_route("x1500@iwdemo.fr"), 1);
	cr_assert_eq(strcasecmp(fx_route_dn, USER("bob")), 0, "%s", fx_route_dn);
}

/* ------------------------------------------- shapes made to cost reads */

/* Shared mailboxes s0 .. s(n-1), each shared with `grantee` at a level
 * that turns with i (read, then readreply, write, manage), and with
 * alice at read. */
static void
add_shared_with(int n, const char *grantee)
{
	static const char *const attr[] = {"tenancyShareRead", "tenancyShareReadReply",
	        "tenancyShareWrite", "tenancyShareManage"};
	int i;

	for (i = 0; i < n; i++) {
		cr_assert_eq(fx_add(ROOT, fx_printf("cn=s%d,ou=shared," DOM, i),
		                     "objectClass: tenancySharedMailbox", fx_printf("cn: s%d", i),
		                     fx_printf("mail: s%d@iwdemo.fr", i),
		                     fx_printf("%s: %s", attr[i % 4], grantee),
		                     "tenancyShareRead: " USER("alice"), FX_END),
		        TN_OK, "%s", fx_text());
	}
}

Test(manyvalues, imap_group_lists_each_of_many_mailboxes_once_at_its_highest_level)
{
	const char *v;
	int i;

	/* Through a group and directly: each mailbox is reached twice. */
	cr_assert_eq(fx_add(ROOT, GROUP("readers"), "objectClass: groupOfNames",
	                     "objectClass: tenancyGroup", "cn: readers", "member: " USER("alice"),
	                     FX_END),
	        TN_OK, "%s", fx_text());
	add_shared_with(200, GROUP("readers"));
	v = fx_computed(TN_AT_IMAP_GROUP, USER("alice"), " ", NULL);
	for (i = 0; i < 200; i++) {
		static const char *const lvl[] = {"read", "readreply", "write", "manage"};
		const char *want = fx_printf("s%d@iwdemo.fr:%s,", i, lvl[i % 4]);
		const char *got = strstr(fx_printf("%s,", v), want);
		cr_assert(
		        got && (got == fx_printf("%s,", v) || got[-1] == ','), "%s in %s", want, v);
	}
	cr_assert_null(strstr(v, "s0@iwdemo.fr:read,s0@"), "%s", v);
}

/* A mailbox whose send-as delegates are 50 groups d0 .. d49, each holding
 * the one group `big` of NUSERS users. */
static void
add_delegates_of_one_big_group(void)
{
	struct tn_entry *e = fx_entry(GROUP("big"), "objectClass: groupOfNames",
	        "objectClass: tenancyGroup", "cn: big", FX_END);
	struct tn_mod mod = {TN_MOD_ADD, {"tenancySendAsDelegate", 50, NULL}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = SHARED("contact"), .mods = &mod, .nmods = 1};
	struct tn_value *v = fx_alloc(50 * sizeof(*v));
	int i;

	add_users();
	for (i = 0; i < NUSERS; i++) {
		const char *m = fx_printf("uid=m%d,ou=people," DOM, i);
		fx_entry_add(e, "member", m, strlen(m));
	}
	cr_assert_eq(fx_add_entry(ROOT, e), TN_OK, "%s", fx_text());
	for (i = 0; i < 50; i++) {
		cr_assert_eq(fx_add(ROOT, fx_printf("cn=d%d,ou=groups," DOM, i),
		                     "objectClass: groupOfNames", "objectClass: tenancyGroup",
		                     fx_printf("cn: d%d", i), "member: " GROUP("big"), FX_END),
		        TN_OK, "%s", fx_text());
		v[i].val = fx_printf("cn=d%d,ou=groups," DOM, i);
		v[i].len = strlen(v[i].val);
	}
	mod.attr.vals = v;
	cr_assert_eq(fx_change(ROOT, &c), TN_OK, "%s", fx_text());
}

Test(manyvalues, delegate_groups_sharing_one_large_group_give_each_sender_once)
{
	size_t n = 0;
	const char *v;

	add_delegates_of_one_big_group();
	v = fx_computed(TN_AT_SENDER, SHARED("contact"), " ", &n);
	cr_assert(strstr(v, "m0@iwdemo.fr"), "%s", v);
	cr_assert(strstr(v, "m63@iwdemo.fr"), "%s", v);
	/* Each user once, as many as the big group's, and the senders the
	 * fixture's contact has of its own. */
	cr_assert_eq(fx_sendas("m17@iwdemo.fr", "contact@iwdemo.fr", 0), TN_OK, "%s", fx_text());
	cr_assert(strstr(fx_text(), "through member of cn=big,ou=groups,"), "%s", fx_text());
	{
		size_t before = n;
		fx_computed(TN_AT_SENDER, SHARED("contact"), " ", &n);
		cr_assert_eq(n, before);
		cr_assert_geq(n, NUSERS);
	}
}

Test(manyvalues, a_delegate_is_found_among_many_groups_and_many_delegates)
{
	struct tn_mod mod = {TN_MOD_ADD, {"tenancySendAsDelegate", 0, NULL}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = SHARED("contact"), .mods = &mod, .nmods = 1};
	struct tn_value *v = fx_alloc(NUSERS * sizeof(*v));
	int i;

	/* m5 is in 64 nested groups n0 .. n63; the mailbox names the 64
	 * users, not m5, and group n40 among its delegates. */
	add_users();
	for (i = 0; i < 64; i++)
		cr_assert_eq(fx_add(ROOT, fx_printf("cn=n%d,ou=groups," DOM, i),
		                     "objectClass: groupOfNames", "objectClass: tenancyGroup",
		                     fx_printf("cn: n%d", i),
		                     i ? fx_printf("member: cn=n%d,ou=groups," DOM, i - 1)
		                       : "member: uid=m5,ou=people," DOM,
		                     FX_END),
		        TN_OK, "%s", fx_text());
	for (i = 0; i < NUSERS; i++) {
		v[i].val =
		        i == 5 ? "cn=n40,ou=groups," DOM : fx_printf("uid=m%d,ou=people," DOM, i);
		v[i].len = strlen(v[i].val);
	}
	mod.attr.vals = v;
	mod.attr.nvals = NUSERS;
	cr_assert_eq(fx_change(ROOT, &c), TN_OK, "%s", fx_text());
	cr_assert_eq(fx_sendas("m5@iwdemo.fr", "contact@iwdemo.fr", 0), TN_OK, "%s", fx_text());
	cr_assert(strstr(fx_text(), "cn=n40,ou=groups,"), "%s", fx_text());
	cr_assert_eq(fx_sendas("m6@iwdemo.fr", "contact@iwdemo.fr", 0), TN_OK, "%s", fx_text());
	cr_assert(strstr(fx_text(), "directly"), "%s", fx_text());
}

Test(manyvalues, a_chain_of_200000_implied_roles_is_walked_without_recursion)
{
	int i;

	/* r0 implies r1, which implies r2 ... r199999 gives quota: loaded,
	 * as roles are defined outside every tenant by operators only. */
	for (i = 199999; i >= 0; i--) {
		const char *t =
		        i == 199999 ? fx_printf("dn: cn=r%d," ROLES "\nobjectClass: tenancyRole\n"
		                                "cn: r%d\ntenancyPermission: quota\n",
		                              i, i)
		                    : fx_printf("dn: cn=r%d," ROLES "\nobjectClass: tenancyRole\n"
		                                "cn: r%d\ntenancyImplies: r%d\n",
		                              i, i, i + 1);
		fx_record_unjudged(t);
	}
	cr_assert_not(fx_has_word(fx_rights(USER("bob"), DOM), "quota"));
	cr_assert_eq(fx_add(ROOT, GRANT("deep"), "objectClass: tenancyGrant", "cn: deep",
	                     "tenancyGrantee: " USER("bob"), "tenancyScope: " DOM,
	                     "tenancyRole: r0", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert(fx_has_word(fx_rights(USER("bob"), DOM), "quota"), "%s",
	        fx_rights(USER("bob"), DOM));
}

/* ------------------------------------ nesting: deep, cyclic, diamonds */

Test(manyvalues, a_chain_of_10000_nested_groups_gives_rights_and_delivers)
{
	int i;

	/* c0 holds bob; c(i) holds c(i-1); the top one delivers, sends as
	 * itself and is granted quotaManager. */
	for (i = 0; i < 10000; i++) {
		const char *member = i ? fx_printf("member: cn=c%d,ou=groups," DOM, i - 1)
		                       : "member: " USER("bob");
		cr_assert_eq(
		        fx_add(ROOT, fx_printf("cn=c%d,ou=groups," DOM, i),
		                "objectClass: groupOfNames", "objectClass: tenancyGroup",
		                fx_printf("cn: c%d", i), member,
		                i == 9999 ? "mail: top@iwdemo.fr" : "description: link",
		                i == 9999 ? "tenancyGroupDelivery: TRUE" : "description: x",
		                i == 9999 ? "tenancyGroupSendAs: TRUE" : "description: y", FX_END),
		        TN_OK, "%s", fx_text());
	}
	cr_assert_eq(fx_add(ROOT, GRANT("top"), "objectClass: tenancyGrant", "cn: top",
	                     "tenancyGrantee: cn=c9999,ou=groups," DOM, "tenancyScope: " DOM,
	                     "tenancyRole: quotaManager", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert(fx_has_word(fx_rights(USER("bob"), DOM), "quota"));
	cr_assert_str_eq(fx_computed(TN_AT_DELIVER_TO, "cn=c9999,ou=groups," DOM, " ", NULL),
	        "bob@iwdemo.fr");
	cr_assert_eq(fx_sendas("bob@iwdemo.fr", "top@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

Test(manyvalues, groups_in_a_cycle_and_in_themselves_deliver_each_member_once)
{
	cr_assert_eq(fx_add(ROOT, GROUP("ring-a"), "objectClass: groupOfNames",
	                     "objectClass: tenancyGroup", "cn: ring-a", "member: " USER("bob"),
	                     "member: " GROUP("ring-a"), "mail: ring@iwdemo.fr",
	                     "tenancyGroupDelivery: TRUE", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_add(ROOT, GROUP("ring-b"), "objectClass: groupOfNames",
	                     "objectClass: tenancyGroup", "cn: ring-b", "member: " GROUP("ring-a"),
	                     "member: " USER("carol"), FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_modify(ROOT, GROUP("ring-a"), "add: member: " GROUP("ring-b"), FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_str_eq(fx_computed(TN_AT_DELIVER_TO, GROUP("ring-a"), " ", NULL),
	        "bob@iwdemo.fr carol@iwdemo.fr");
}

Test(manyvalues, forty_levels_of_diamonds_are_walked_once_each)
{
	int i;

	/* Levels 0 .. 39 of two groups each, x(i) and y(i), both holding both
	 * groups of the level below; level 0 holds bob: 2^40 paths from the
	 * top to bob, 80 groups to walk. */
	for (i = 0; i < 40; i++) {
		const char *a = i ? fx_printf("member: cn=x%d,ou=groups," DOM, i - 1)
		                  : "member: " USER("bob");
		const char *b = i ? fx_printf("member: cn=y%d,ou=groups," DOM, i - 1)
		                  : "member: " USER("carol");
		cr_assert_eq(fx_add(ROOT, fx_printf("cn=x%d,ou=groups," DOM, i),
		                     "objectClass: groupOfNames", "objectClass: tenancyGroup",
		                     fx_printf("cn: x%d", i), a, b, FX_END),
		        TN_OK, "%s", fx_text());
		cr_assert_eq(
		        fx_add(ROOT, fx_printf("cn=y%d,ou=groups," DOM, i),
		                "objectClass: groupOfNames", "objectClass: tenancyGroup",
		                fx_printf("cn: y%d", i), a, b,
		                i == 39 ? "mail: diamond@iwdemo.fr" : "description: d",
		                i == 39 ? "tenancyGroupDelivery: TRUE" : "description: e", FX_END),
		        TN_OK, "%s", fx_text());
	}
	cr_assert_str_eq(fx_computed(TN_AT_DELIVER_TO, "cn=y39,ou=groups," DOM, " ", NULL),
	        "bob@iwdemo.fr carol@iwdemo.fr");
	cr_assert_eq(fx_add(ROOT, GRANT("diamond"), "objectClass: tenancyGrant", "cn: diamond",
	                     "tenancyGrantee: cn=y39,ou=groups," DOM, "tenancyScope: " DOM,
	                     "tenancyRole: quotaManager", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert(fx_has_word(fx_rights(USER("carol"), DOM), "quota"));
}

/* ------------------------------------------------ share notifications */

static int
count_notice(void *ctx, const char *mailbox_dn, const char *mailbox_address, const char *grantee_dn,
        const char *level, const char *recipient)
{
	(void)mailbox_dn;
	(void)mailbox_address;
	(void)grantee_dn;
	(void)level;
	(void)recipient;
	(*(size_t *)ctx)++;
	return 0;
}

/* Share contact at `attr` with the groups or users dns[0 .. n). */
static size_t
share_contact_with(const char *attr, const char *const *dns, size_t n, size_t *told)
{
	struct tn_value *v = fx_alloc(n * sizeof(*v));
	struct tn_mod mod = {TN_MOD_ADD, {attr, n, v}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = SHARED("contact"), .mods = &mod, .nmods = 1};
	size_t i;

	for (i = 0; i < n; i++) {
		v[i].val = dns[i];
		v[i].len = strlen(dns[i]);
	}
	*told = 0;
	return tn_share_grants(fx, &c, count_notice, told);
}

Test(manyvalues, a_share_with_many_groups_of_the_same_people_tells_each_once)
{
	const char **dns = fx_alloc(200 * sizeof(*dns));
	size_t told, n;
	int i;

	add_users();
	add_group(); /* cn=many: m0 .. m63 and alice */
	for (i = 0; i < 200; i++) {
		dns[i] = fx_printf("cn=h%d,ou=groups," DOM, i);
		cr_assert_eq(fx_add(ROOT, dns[i], "objectClass: groupOfNames",
		                     "objectClass: tenancyGroup", fx_printf("cn: h%d", i),
		                     "member: " GROUP("many"), FX_END),
		        TN_OK, "%s", fx_text());
	}
	n = share_contact_with("tenancyShareWrite", dns, 200, &told);
	cr_assert_eq(n, NUSERS + 1);
	cr_assert_eq(told, NUSERS + 1);
}

Test(manyvalues, a_share_that_would_tell_more_than_the_limit_tells_no_one)
{
	const char *dns[1] = {"cn=crowd,ou=groups," DOM};
	struct tn_entry *e = fx_entry(dns[0], "objectClass: groupOfNames",
	        "objectClass: tenancyGroup", "cn: crowd", FX_END);
	size_t told, n;
	int i;

	for (i = 0; i <= TN_SHARE_NOTIFY_MAX; i++) {
		const char *dn = fx_printf("uid=p%d,ou=people," DOM, i);
		cr_assert_eq(fx_add(ROOT, dn, "objectClass: inetOrgPerson",
		                     "objectClass: tenancyMailbox", fx_printf("uid: p%d", i),
		                     "cn: p", "sn: p", fx_printf("mail: p%d@iwdemo.fr", i), FX_END),
		        TN_OK, "%s", fx_text());
		fx_entry_add(e, "member", dn, strlen(dn));
	}
	cr_assert_eq(fx_add_entry(ROOT, e), TN_OK, "%s", fx_text());
	n = share_contact_with("tenancyShareRead", dns, 1, &told);
	cr_assert_eq(n, TN_SHARE_NOTIFY_MAX + 1);
	cr_assert_eq(told, 0);
}

Test(manyvalues, many_subscriptions_in_one_write_are_each_checked_against_the_shares)
{
	struct tn_value *v = fx_alloc(201 * sizeof(*v));
	struct tn_mod mod = {TN_MOD_ADD, {"tenancySubscription", 200, v}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = USER("alice"), .mods = &mod, .nmods = 1};
	int i;

	cr_assert_eq(fx_add(ROOT, GROUP("readers"), "objectClass: groupOfNames",
	                     "objectClass: tenancyGroup", "cn: readers", "member: " USER("alice"),
	                     FX_END),
	        TN_OK, "%s", fx_text());
	add_shared_with(200, GROUP("readers"));
	for (i = 0; i < 200; i++) {
		v[i].val = fx_printf("cn=s%d,ou=shared," DOM, i);
		v[i].len = strlen(v[i].val);
	}
	cr_assert_eq(fx_change(AS(USER("alice")), &c), TN_OK, "%s", fx_text());
	/* bob, whom none of them is shared with, may not. */
	v[0].val = "cn=s0,ou=shared," DOM;
	v[0].len = strlen(v[0].val);
	mod.attr.nvals = 1;
	cr_assert_eq(
	        fx_change(AS(USER("bob")),
	                &(struct tn_change){
	                        .kind = TN_MODIFY, .dn = USER("bob"), .mods = &mod, .nmods = 1}),
	        TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "subscription");
}
