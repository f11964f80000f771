/*
 * test_model.c - loading the model in any order, hostile input, and the
 * model's memory accounting.
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(loading, .init = fx_setup_empty, .fini = fx_teardown);
TestSuite(hostile, .init = fx_setup, .fini = fx_teardown);
TestSuite(memory, .init = fx_setup_empty, .fini = fx_teardown);

static void
load(const char *record)
{
	cr_assert_eq(tn_model_load(fx, fx_record(record)), 0, "tn_model_load");
}

#define DOMAIN_REC                                                                                 \
	"dn: " DOM "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.fr\n"                  \
	"tenancyDomainAlias: iwdemo.com\n"
#define GROUP_REC                                                                                  \
	"dn: " GROUP("g") "\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\n"               \
	                  "cn: g\nmail: g@iwdemo.fr\ntenancyGroupDelivery: TRUE\n"                 \
	                  "member: " USER("x") "\nmember: " USER("y") "\n"
#define USER_REC(u)                                                                                \
	"dn: " USER(u) "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"               \
	               "uid: " u "\ncn: " u "\nsn: " u "\nmail: " u "@iwdemo.fr\n"

struct findings {
	size_t n;
	char last[512];
};

static void
report(void *ctx, const char *dn, const struct tn_verdict *v)
{
	struct findings *f = ctx;

	(void)dn;
	snprintf(f->last, sizeof(f->last), "%s: %s", v->rule, v->text);
	f->n++;
}

/* -------------------------------------------------------------- loading */

Test(loading, group_loaded_before_its_members_dangles_until_they_arrive)
{
	load(DOMAIN_REC);
	load(GROUP_REC);
	load(USER_REC("x"));
	load(USER_REC("y"));
	cr_assert_eq(tn_check_dangling(fx, NULL, NULL), 0);
}

Test(loading, missing_member_is_reported)
{
	struct findings f = {0, ""};

	load(DOMAIN_REC);
	load(GROUP_REC);
	load(USER_REC("x"));
	tn_check_dangling(fx, report, &f);
	cr_assert(f.n == 1 && strstr(f.last, "uid=y,") != NULL, "%zu: %s", f.n, f.last);
}

Test(loading, members_loaded_late_are_delivered_to)
{
	load(DOMAIN_REC);
	load(GROUP_REC);
	load(USER_REC("x"));
	load(USER_REC("y"));
	cr_assert_str_eq(
	        fx_computed(TN_AT_DELIVER_TO, GROUP("g"), " ", NULL), "x@iwdemo.fr y@iwdemo.fr");
}

Test(loading, grant_loaded_before_its_role_takes_effect_once_the_role_arrives)
{
	load(DOMAIN_REC);
	load(USER_REC("x"));
	load("dn: " GRANT("x") "\nobjectClass: tenancyGrant\ncn: x\n"
	                       "tenancyGrantee: " USER("x") "\ntenancyScope: " DOM "\n"
	                                                    "tenancyRole: quotaManager\n");
	load("dn: " ROLE("quotaManager") "\nobjectClass: tenancyRole\n"
	                                 "cn: quotaManager\ntenancyPermission: quota\n");
	cr_assert_str_eq(fx_rights(USER("x"), DOM), "quota");
}

Test(loading, whole_model_check_finds_nothing_in_a_valid_world)
{
	fx_setup();
	cr_assert_eq(tn_check_model(fx, NULL, NULL), 0);
}

Test(loading, whole_model_check_reports_a_duplicate_address)
{
	struct findings f = {0, ""};

	load(DOMAIN_REC);
	load(USER_REC("x"));
	load("dn: " USER("x2") "\nobjectClass: tenancyMailbox\nmail: x@iwdemo.com\n");
	tn_check_model(fx, report, &f);
	cr_assert(f.n == 1 && strncmp(f.last, "address-unique:", 15) == 0, "%zu: %s", f.n, f.last);
}

Test(loading, whole_model_check_reports_a_dangling_member)
{
	struct findings f = {0, ""};

	load(DOMAIN_REC);
	load(GROUP_REC);
	load(USER_REC("x"));
	tn_check_model(fx, report, &f);
	cr_assert(f.n == 1 && strncmp(f.last, "reference:", 10) == 0, "%zu: %s", f.n, f.last);
}

Test(loading, whole_model_check_reports_a_grant_of_an_undefined_role)
{
	struct findings f = {0, ""};

	load(DOMAIN_REC);
	load(USER_REC("x"));
	load("dn: " GRANT("x") "\nobjectClass: tenancyGrant\ncn: x\n"
	                       "tenancyGrantee: " USER("x") "\ntenancyScope: " DOM "\n"
	                                                    "tenancyRole: wizard\n");
	tn_check_model(fx, report, &f);
	cr_assert(f.n == 1 && strncmp(f.last, "grant-role:", 11) == 0, "%zu: %s", f.n, f.last);
}

/* A mailbox loaded before its tenant's domain entry is indexed when the
 * domain arrives. */
Test(loading, mailbox_loaded_before_its_domain_routes)
{
	load(USER_REC("x"));
	load(DOMAIN_REC);
	cr_assert_eq(fx_route("x@iwdemo.fr"), 1);
}

Test(loading, address_of_a_mailbox_loaded_before_its_domain_stays_unique)
{
	load(USER_REC("x"));
	load(DOMAIN_REC);
	fx_add(ROOT, USER("y"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: y", "cn: y", "sn: y", "mail: x@iwdemo.com", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

/* tn_check_model is for input in any order (slapcat output). */
struct findings_count {
	size_t n;
};

static void
count_finding(void *ctx, const char *dn, const struct tn_verdict *v)
{
	(void)dn;
	(void)v;
	((struct findings_count *)ctx)->n++;
}

Test(loading, duplicate_address_loaded_before_the_domain_is_reported)
{
	struct findings_count f = {0};

	load(USER_REC("x"));
	load("dn: " USER("x2") "\nobjectClass: tenancyMailbox\nmail: x@iwdemo.com\n");
	load(DOMAIN_REC);
	tn_check_model(fx, count_finding, &f);
	cr_assert_eq(f.n, 1);
}

Test(loading, loaded_entries_are_counted)
{
	load(DOMAIN_REC);
	load(GROUP_REC);
	load(USER_REC("x"));
	cr_assert_eq(tn_model_entries(fx), 3);
}

Test(loading, reloading_an_entry_replaces_it)
{
	load(DOMAIN_REC);
	load(USER_REC("x"));
	load("dn: " USER("x") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	                      "uid: x\nmail: x2@iwdemo.fr\n");
	cr_assert_eq(fx_route("x@iwdemo.fr"), 0);
}

Test(loading, reset_forgets_every_entry)
{
	load(DOMAIN_REC);
	load(USER_REC("x"));
	tn_model_reset(fx);
	cr_assert_eq(tn_model_entries(fx), 0);
}

Test(loading, reset_keeps_the_configuration)
{
	tn_model_reset(fx);
	cr_assert(tn_sees_all(fx, AS(READER)));
}

/* -------------------------------------------------------------- hostile */

#define MIB (1024 * 1024)

static char *
big(size_t n, char c)
{
	char *s = fx_alloc(n + 1);

	memset(s, c, n);
	return s;
}

Test(hostile, one_mib_description_is_accepted)
{
	struct tn_entry *e =
	        fx_entry(USER("zoe"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	                "uid: zoe", "cn: z", "sn: z", "mail: zoe@iwdemo.fr", FX_END);

	fx_entry_add(e, "description", big(MIB, 'x'), MIB);
	cr_assert_eq(fx_add_entry(ROOT, e), TN_OK, "%s", fx_text());
}

Test(hostile, one_mib_address_is_refused)
{
	struct tn_entry *e = fx_entry(USER("zoe"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zoe", "cn: z", "sn: z", FX_END);
	char *v = big(MIB, 'a');

	memcpy(v + MIB - 10, "@iwdemo.fr", 10);
	fx_entry_add(e, "mail", v, MIB);
	cr_assert_eq(fx_add_entry(ROOT, e), TN_CONSTRAINT_VIOLATION);
}

Test(hostile, one_mib_dn_value_is_refused)
{
	char *v = big(MIB, 'a');

	memcpy(v, "uid=", 4);
	{
		struct tn_mod mod = {TN_MOD_ADD, {"member", 1, &(struct tn_value){MIB, v}}};
		struct tn_change c = {
		        .kind = TN_MODIFY, .dn = GROUP("sales"), .mods = &mod, .nmods = 1};
		/* A DN the engine cannot place: refused, not skipped. */
		cr_assert_eq(fx_judge(ROOT, &c), TN_UNWILLING_TO_PERFORM, "%s", fx_text());
	}
}

Test(hostile, one_mib_target_dn_is_refused_as_unplaceable)
{
	char *dn = big(MIB, 'a');

	memcpy(dn, "cn=", 3);
	cr_assert_eq(fx_delete(ROOT, dn), TN_UNWILLING_TO_PERFORM);
}

Test(hostile, one_mib_address_routes_nowhere)
{
	cr_assert_eq(tn_route(fx, big(MIB, 'a'), MIB, NULL, NULL), 0);
}

Test(hostile, one_mib_login_sends_nothing)
{
	cr_assert_eq(fx_sendas(big(MIB, 'a'), "alice@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS);
}

static struct tn_entry *
many_aliases(size_t n)
{
	struct tn_entry *e =
	        fx_entry(USER("zoe"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	                "uid: zoe", "cn: z", "sn: z", "mail: zoe@iwdemo.fr", FX_END);
	size_t i;

	for (i = 0; i < n; i++) {
		char a[64];
		int len = snprintf(a, sizeof(a), "zoe%zu@iwdemo.%s", i, i % 2 ? "com" : "fr");
		fx_entry_add(e, "tenancyMailAlias", a, (size_t)len);
	}
	return e;
}

Test(hostile, ten_thousand_aliases_are_accepted)
{
	cr_assert_eq(fx_add_entry(ROOT, many_aliases(10000)), TN_OK, "%s", fx_text());
}

Test(hostile, each_of_ten_thousand_aliases_routes)
{
	fx_add_entry(ROOT, many_aliases(10000));
	cr_assert_eq(fx_route("zoe9999@iwdemo.fr"), 1);
}

Test(hostile, ten_thousand_aliases_give_every_alias_domain_form)
{
	size_t n = 0;

	fx_add_entry(ROOT, many_aliases(10000));
	fx_computed(TN_AT_ADDRESS, USER("zoe"), " ", &n);
	cr_assert_eq(n, 2 * 10001);
}

Test(hostile, ten_thousand_aliases_still_clash_with_another_entry)
{
	fx_add_entry(ROOT, many_aliases(10000));
	fx_modify(ROOT, USER("erin"), "add: tenancyMailAlias: zoe5000@iwdemo.com", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

/* A chain of 1,000 units, ou=u,ou=u,...,ou=units; returns the deepest. */
static const char *
deep_units(size_t depth)
{
	char *dn = fx_strdup(UNITS);
	size_t i;

	for (i = 0; i < depth; i++) {
		dn = fx_printf("ou=u,%s", dn);
		if (fx_add(ROOT, dn, "objectClass: tenancyUnit", "ou: u", FX_END) != TN_OK)
			cr_assert_fail("unit %zu refused: %s", i, fx_text());
	}
	return dn;
}

Test(hostile, rights_are_inherited_through_a_thousand_unit_tree)
{
	const char *bottom = deep_units(1000);

	fx_add(ROOT, GRANT("deep"), "objectClass: tenancyGrant", "cn: deep",
	        "tenancyGrantee: " USER("erin"), "tenancyScope: ou=u," UNITS,
	        "tenancyRole: quotaManager", FX_END);
	cr_assert_str_eq(fx_rights(USER("erin"), bottom), "quota");
}

Test(hostile, user_created_at_the_bottom_of_a_thousand_unit_tree)
{
	const char *bottom = deep_units(1000);
	struct tn_entry *e =
	        fx_entry(USER("zoe"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	                "uid: zoe", "cn: z", "sn: z", "mail: zoe@iwdemo.fr", FX_END);

	fx_entry_add(e, "tenancyUnitRef", bottom, strlen(bottom));
	fx_add(ROOT, GRANT("deep"), "objectClass: tenancyGrant", "cn: deep",
	        "tenancyGrantee: " USER("erin"), "tenancyScope: ou=u," UNITS,
	        "tenancyRole: userManager", FX_END);
	cr_assert_eq(fx_add_entry(AS(USER("erin")), e), TN_OK, "%s", fx_text());
}

/* g0 contains erin, g1 contains g0, ..., g999 (deep@) contains g998. */
static const char *
deep_groups(size_t depth)
{
	const char *prev = USER("erin");
	size_t i;

	for (i = 0; i < depth; i++) {
		const char *dn = fx_printf("cn=g%zu,ou=groups," DOM, i);
		if (fx_add(ROOT, dn, "objectClass: groupOfNames", "objectClass: tenancyGroup",
		            fx_printf("cn: g%zu", i), fx_printf("member: %s", prev),
		            i + 1 == depth ? "mail: deep@iwdemo.fr" : "description: nested",
		            "tenancyGroupSendAs: TRUE", "tenancyGroupDelivery: TRUE", FX_END))
			cr_assert_fail("group %zu refused: %s", i, fx_text());
		prev = dn;
	}
	return prev;
}

Test(hostile, send_as_through_a_thousand_nested_groups)
{
	deep_groups(1000);
	cr_assert_eq(fx_sendas("erin@iwdemo.fr", "deep@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

Test(hostile, deliver_to_through_a_thousand_nested_groups)
{
	cr_assert_str_eq(
	        fx_computed(TN_AT_DELIVER_TO, deep_groups(1000), " ", NULL), "erin@iwdemo.fr");
}

Test(hostile, group_of_ten_thousand_members_delivers_to_each)
{
	struct tn_entry *g = fx_entry(GROUP("everyone"), "objectClass: groupOfNames",
	        "objectClass: tenancyGroup", "cn: everyone", "mail: everyone@iwdemo.fr",
	        "tenancyGroupDelivery: TRUE", FX_END);
	size_t i, n = 0;

	for (i = 0; i < 10000; i++) {
		const char *dn = fx_printf("uid=m%zu,ou=people," DOM, i);
		struct tn_entry *u = fx_entry(
		        dn, "objectClass: inetOrgPerson", "objectClass: tenancyMailbox", FX_END);
		const char *mail = fx_printf("m%zu@iwdemo.fr", i);
		fx_entry_add(u, "mail", mail, strlen(mail));
		if (fx_add_entry(ROOT, u) != TN_OK)
			cr_assert_fail("member %zu refused: %s", i, fx_text());
		fx_entry_add(g, "member", dn, strlen(dn));
	}
	if (fx_add_entry(ROOT, g) != TN_OK)
		cr_assert_fail("group refused: %s", fx_text());
	fx_computed(TN_AT_DELIVER_TO, GROUP("everyone"), " ", &n);
	cr_assert_eq(n, 10000);
}

Test(hostile, malformed_dn_in_member_is_refused)
{
	fx_modify(ROOT, GROUP("sales"), "add: member: this is not a dn", FX_END);
	cr_assert(fx_code() == TN_INVALID_SYNTAX || fx_code() == TN_INVALID_DN_SYNTAX, "%d %s",
	        fx_code(), fx_text());
}

Test(hostile, dn_with_an_empty_rdn_in_unit_ref_is_refused)
{
	fx_modify(ROOT, USER("erin"), "replace: tenancyUnitRef: ou=Paris,,ou=units", FX_END);
	cr_assert(fx_code() == TN_INVALID_SYNTAX || fx_code() == TN_INVALID_DN_SYNTAX, "%d %s",
	        fx_code(), fx_text());
}

Test(hostile, dn_with_a_dangling_escape_in_grantee_is_refused)
{
	fx_add(ROOT, GRANT("x"), "objectClass: tenancyGrant", "cn: x", "tenancyGrantee: uid=bob\\",
	        "tenancyScope: " PARIS, "tenancyRole: quotaManager", FX_END);
	cr_assert(fx_code() == TN_INVALID_SYNTAX || fx_code() == TN_INVALID_DN_SYNTAX, "%d %s",
	        fx_code(), fx_text());
}

Test(hostile, empty_dn_value_is_refused)
{
	fx_modify(ROOT, GROUP("sales"), "add: member: ", FX_END);
	cr_assert(fx_code() == TN_INVALID_SYNTAX || fx_code() == TN_INVALID_DN_SYNTAX, "%d %s",
	        fx_code(), fx_text());
}

Test(hostile, empty_role_name_in_a_grant_is_refused)
{
	fx_add(ROOT, GRANT("x"), "objectClass: tenancyGrant", "cn: x",
	        "tenancyGrantee: " USER("bob"), "tenancyScope: " PARIS, "tenancyRole: ", FX_END);
	cr_assert_str_eq(fx_rule(), "grant-role");
}

Test(hostile, value_with_a_nul_byte_is_not_a_dn)
{
	struct tn_mod mod = {TN_MOD_ADD, {"member", 1, &(struct tn_value){9, "uid=b\0ob"}}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = GROUP("sales"), .mods = &mod, .nmods = 1};

	cr_assert_neq(fx_judge(ROOT, &c), TN_OK);
}

Test(hostile, change_without_a_dn_is_an_invalid_dn)
{
	struct tn_change c = {.kind = TN_DELETE, .dn = NULL};

	cr_assert_eq(fx_judge(ROOT, &c), TN_INVALID_DN_SYNTAX);
}

Test(hostile, entry_with_unnamed_attributes_is_tolerated)
{
	struct tn_attr a[2] = {
	        {NULL, 0, NULL}, {"objectClass", 1, &(struct tn_value){11, "tenancyUnit"}}};
	struct tn_entry e = {"ou=x," UNITS, 2, a};

	cr_assert_eq(fx_add_entry(ROOT, &e), TN_OK, "%s", fx_text());
}

/* --------------------------------------------------------------- memory */

Test(memory, empty_model_reports_some_bytes)
{
	cr_assert_gt(tn_model_bytes(fx), 0);
}

Test(memory, bytes_grow_with_entries)
{
	size_t before = tn_model_bytes(fx), i;

	load(DOMAIN_REC);
	for (i = 0; i < 200; i++) {
		const char *u = fx_printf("u%zu", i);
		load(fx_printf("dn: uid=%s,ou=people," DOM "\nobjectClass: tenancyMailbox\n"
		               "mail: %s@iwdemo.fr\n",
		        u, u));
	}
	cr_assert_gt(tn_model_bytes(fx), before + 200 * 16);
}

Test(memory, bytes_count_stored_addresses)
{
	size_t before;

	load(DOMAIN_REC);
	before = tn_model_bytes(fx);
	tn_model_load(fx, many_aliases(10000));
	cr_assert_gt(tn_model_bytes(fx), before + 10000 * 10);
}

Test(memory, bytes_shrink_after_reset)
{
	size_t full, i;

	load(DOMAIN_REC);
	for (i = 0; i < 200; i++) {
		const char *u = fx_printf("u%zu", i);
		load(fx_printf("dn: uid=%s,ou=people," DOM "\nobjectClass: tenancyMailbox\n"
		               "mail: %s@iwdemo.fr\n",
		        u, u));
	}
	full = tn_model_bytes(fx);
	tn_model_reset(fx);
	cr_assert_lt(tn_model_bytes(fx), full);
}

Test(memory, bytes_drop_when_entries_are_deleted)
{
	size_t full, i;

	fx_setup();
	for (i = 0; i < 200; i++) {
		const char *u = fx_printf("u%zu", i);
		fx_add(ROOT, fx_printf("uid=%s,ou=people," DOM, u), "objectClass: tenancyMailbox",
		        fx_printf("mail: %s@iwdemo.fr", u), FX_END);
	}
	full = tn_model_bytes(fx);
	for (i = 0; i < 200; i++)
		fx_delete(ROOT, fx_printf("uid=u%zu,ou=people," DOM, i));
	cr_assert_lt(tn_model_bytes(fx), full);
}

Test(memory, bytes_stay_within_reason_for_a_small_model)
{
	size_t i;

	load(DOMAIN_REC);
	for (i = 0; i < 200; i++) {
		const char *u = fx_printf("u%zu", i);
		load(fx_printf("dn: uid=%s,ou=people," DOM "\nobjectClass: tenancyMailbox\n"
		               "mail: %s@iwdemo.fr\n",
		        u, u));
	}
	cr_assert_lt(tn_model_bytes(fx), (size_t)4 * MIB);
}

/* ------------------------------------------------------- random changes */

/*
 * Thousands of random changes from a small vocabulary of DNs, attributes
 * and values, by random actors, each applied when the judge allows it and
 * a backend would too (no add over an existing entry, no delete of an
 * entry with children, no move under oneself or under nothing).  Between
 * them, every question is asked.  Under ASan and UBSan this is a small
 * fuzzer with a fixed seed.
 */
static unsigned long long lcg = 20261123;

static unsigned
pick(unsigned n)
{
	lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((lcg >> 33) % n);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const fuzz_dns[] = {
        USER("alice"),
        USER("bob"),
        USER("carol"),
        USER("erin"),
        USER("frank"),
        USER("grace"),
        USER("zz1"),
        USER("zz2"),
        GROUP("support"),
        GROUP("support-l2"),
        GROUP("cycle-a"),
        GROUP("power"),
        GROUP("gz"),
        SHARED("contact"),
        SHARED("sz"),
        PARIS,
        FRANCE,
        EUROPE,
        ASIA,
        "ou=Lyon," FRANCE,
        GRANT("carol-users"),
        GRANT("gz"),
        DOM,
        ODOM,
        OUSER("oscar"),
        ROLE("userManager"),
        ROLE("unused"),
        ROLE("rz"),
        "ou=people," DOM,
        "cn=,x",
        "uid=a\\",
};
static const char *const fuzz_attrs[] = {
        "mail",
        "tenancyMailAlias",
        "member",
        "tenancyUnitRef",
        "tenancyShareRead",
        "tenancyShareManage",
        "tenancySendAsDelegate",
        "tenancyStatus",
        "tenancyDomainAlias",
        "tenancyRole",
        "tenancyGrantee",
        "tenancyScope",
        "tenancyPermission",
        "tenancyImplies",
        "cn",
        "tenancyGroupSendAs",
        "objectClass",
        "userPassword",
        "tenancyRootOnly",
        "tenancyContext",
        "tenancySubscription",
};
static const char *const fuzz_vals[] = {
        "a@iwdemo.fr",
        "alice@iwdemo.com",
        "x@other.org",
        "TRUE",
        "FALSE",
        "enabled",
        "disabled",
        "pending",
        "iwdemo.com",
        "new.fr",
        "userManager",
        "quota",
        "groups",
        "tenancyMailbox",
        "tenancyGroup",
        "tenancyUnit",
        "tenancyGrant",
        "tenancyRole",
        "tenancySharedMailbox",
        "inetOrgPerson",
        "groupOfNames",
        "acme",
        "@",
        "a@b@c",
};

/* The DNs the simulated backend holds: the vocabulary's that exist. */
static const char *fuzz_have[256];
static size_t fuzz_nhave;

static int
fuzz_exists(const char *dn)
{
	size_t i;

	for (i = 0; i < fuzz_nhave; i++)
		if (fuzz_have[i] && strcmp(fuzz_have[i], dn) == 0)
			return 1;
	return 0;
}

static int
fuzz_has_children(const char *dn)
{
	size_t i, l = strlen(dn);

	for (i = 0; i < fuzz_nhave; i++) {
		size_t hl = fuzz_have[i] ? strlen(fuzz_have[i]) : 0;
		if (hl > l + 1 && strcmp(fuzz_have[i] + hl - l, dn) == 0 &&
		        fuzz_have[i][hl - l - 1] == ',')
			return 1;
	}
	return 0;
}

static void
fuzz_forget(const char *dn)
{
	size_t i;

	for (i = 0; i < fuzz_nhave; i++)
		if (fuzz_have[i] && strcmp(fuzz_have[i], dn) == 0)
			fuzz_have[i] = NULL;
}

static const char *
fuzz_value(void)
{
	return pick(3) ? fuzz_vals[pick(NELEM(fuzz_vals))] : fuzz_dns[pick(NELEM(fuzz_dns))];
}

/* Would the backend commit this change?  Keeps its view up to date. */
static int
fuzz_backend(const struct tn_change *c)
{
	switch (c->kind) {
	case TN_ADD:
		if (fuzz_exists(c->dn) || fuzz_nhave == NELEM(fuzz_have))
			return 0;
		fuzz_have[fuzz_nhave++] = c->dn;
		return 1;
	case TN_MODIFY:
		return fuzz_exists(c->dn);
	case TN_DELETE:
		if (!fuzz_exists(c->dn) || fuzz_has_children(c->dn))
			return 0;
		fuzz_forget(c->dn);
		return 1;
	case TN_RENAME: {
		const char *parent = c->newsup ? c->newsup : strchr(c->dn, ',') + 1;
		const char *ndn;
		if (!fuzz_exists(c->dn) || fuzz_has_children(c->dn) || !fuzz_exists(parent) ||
		        fuzz_nhave == NELEM(fuzz_have))
			return 0;
		ndn = fx_printf("%s,%s", c->newrdn, parent);
		if (fuzz_exists(ndn))
			return 0;
		fuzz_forget(c->dn);
		fuzz_have[fuzz_nhave++] = ndn;
		return 1;
	}
	}
	return 0;
}

static void
fuzz_ask(void)
{
	struct tn_answer a;

	tn_answer_init(&a);
	tn_sendas_check(fx, "alice@iwdemo.fr", "contact@iwdemo.fr", 0, &a);
	tn_answer_clear(&a);
	tn_sendas_who(fx, "support@iwdemo.fr", NULL, NULL);
	tn_computed(fx, TN_AT_DELIVER_TO, GROUP("support"), NULL, NULL);
	tn_computed(fx, TN_AT_IMAP_GROUP, USER("erin"), NULL, NULL);
	tn_computed(fx, TN_AT_EFFECTIVE_ROLE, USER("carol"), NULL, NULL);
	tn_computed(fx, TN_AT_SENDER, SHARED("contact"), NULL, NULL);
	tn_computed(fx, TN_AT_ADDRESS, USER("alice"), NULL, NULL);
	tn_route(fx, "alice@iwdemo.com", 16, NULL, NULL);
	tn_visible(fx, AS(OUSER("oscar")), USER("alice"));
	tn_rights(fx, USER("carol"), PARIS, &a);
	tn_answer_clear(&a);
	tn_check_model(fx, NULL, NULL);
	tn_check_dangling(fx, NULL, NULL);
}

Test(hostile, five_thousand_random_changes_neither_crash_nor_hang)
{
	static const char *const actors[] = {
	        ROOTDN,
	        OPERATOR,
	        READER,
	        USER("alice"),
	        USER("carol"),
	        USER("boss"),
	        USER("ivan"),
	        OUSER("oscar"),
	        NULL,
	};
	static const char *const world[] = {
	        BASE,
	        DOMAINS,
	        ROLES,
	        DOM,
	        "ou=people," DOM,
	        "ou=groups," DOM,
	        "ou=shared," DOM,
	        "ou=units," DOM,
	        "ou=grants," DOM,
	        EUROPE,
	        FRANCE,
	        PARIS,
	        ASIA,
	        USER("alice"),
	        USER("bob"),
	        USER("carol"),
	        USER("erin"),
	        USER("frank"),
	        USER("grace"),
	        GROUP("support"),
	        GROUP("support-l2"),
	        GROUP("cycle-a"),
	        GROUP("power"),
	        SHARED("contact"),
	        GRANT("carol-users"),
	        ODOM,
	        "ou=people," ODOM,
	        OUSER("oscar"),
	        ROLE("userManager"),
	        ROLE("unused"),
	};
	int i;

	for (fuzz_nhave = 0; fuzz_nhave < NELEM(world); fuzz_nhave++)
		fuzz_have[fuzz_nhave] = world[fuzz_nhave];
	for (i = 0; i < 5000; i++) {
		const char *adn = actors[pick(NELEM(actors))];
		struct tn_actor actor = {adn, adn && strcmp(adn, ROOTDN) == 0};
		struct tn_change c = {.dn = fuzz_dns[pick(NELEM(fuzz_dns))]};
		struct tn_verdict a;
		unsigned k, n = pick(4) + 1;

		c.kind = (enum tn_change_kind)pick(4);
		if (c.kind == TN_ADD) {
			struct tn_entry *e = fx_entry(c.dn, FX_END);
			for (k = 0; k < n; k++) {
				const char *v = fuzz_value();
				fx_entry_add(e, fuzz_attrs[pick(NELEM(fuzz_attrs))], v, strlen(v));
			}
			c.entry = e;
		} else if (c.kind == TN_MODIFY) {
			struct tn_mod *mods = fx_alloc(n * sizeof(*mods));
			for (k = 0; k < n; k++) {
				struct tn_value *v = fx_alloc(sizeof(*v));
				v->val = fuzz_value();
				v->len = strlen(v->val);
				mods[k].op = (enum tn_mod_op)pick(4);
				mods[k].attr.name = fuzz_attrs[pick(NELEM(fuzz_attrs))];
				mods[k].attr.nvals = pick(2);
				mods[k].attr.vals = v;
			}
			c.mods = mods;
			c.nmods = n;
		} else if (c.kind == TN_RENAME) {
			c.newrdn = pick(2) ? "cn=renamed" : "uid=zz9";
			c.newsup = pick(2) ? NULL : fuzz_dns[pick(NELEM(fuzz_dns))];
			c.deleteoldrdn = 1;
			if (!strchr(c.dn, ','))
				continue;
		}
		tn_verdict_init(&a);
		if (i % 2) {
			/* Half the changes take the overlay's path: judged,
			 * then committed or discarded. */
			struct tn_pending *pending = NULL;
			tn_judge(fx, &actor, &c, &a, &pending);
			if (a.code == TN_OK && fuzz_backend(&c))
				cr_assert_eq(tn_commit(fx, pending), 0, "tn_commit, change %d", i);
			else
				tn_discard(pending);
		} else {
			/* The others are judged only, and recorded as a replica
			 * records what its provider judged. */
			tn_judge(fx, &actor, &c, &a, NULL);
			if (a.code == TN_OK && fuzz_backend(&c))
				cr_assert_eq(tn_record(fx, &c), 0, "tn_record, change %d", i);
		}
		tn_verdict_clear(&a);
		if (i % 100 == 0)
			fuzz_ask();
	}
	cr_assert_gt(tn_model_entries(fx), 0);
}

/* Renames and address changes leave their old strings behind until the
 * model copies the live ones away: everything still answers after that,
 * and the memory they held is given back. */
Test(memory, strings_left_behind_are_reclaimed)
{
	size_t i, k, before, after;

	fx_setup();
	for (i = 0; i < 300; i++)
		cr_assert_eq(fx_add(ROOT, fx_printf("uid=s%zu,ou=people," DOM, i),
		                     "objectClass: tenancyMailbox",
		                     fx_printf("mail: s%zu@iwdemo.fr", i), FX_END),
		        TN_OK, "%s", fx_text());
	before = tn_model_bytes(fx);
	for (k = 1; k <= 8; k++)
		for (i = 0; i < 300; i++)
			cr_assert_eq(fx_modify(ROOT, fx_printf("uid=s%zu,ou=people," DOM, i),
			                     fx_printf("replace: mail: s%zu.v%zu@iwdemo.fr", i, k),
			                     FX_END),
			        TN_OK, "%s", fx_text());
	for (i = 0; i < 300; i++)
		cr_assert_eq(fx_rename(ROOT, fx_printf("uid=s%zu,ou=people," DOM, i),
		                     fx_printf("uid=renamed-s%zu", i), NULL),
		        TN_OK, "%s", fx_text());
	after = tn_model_bytes(fx);
	for (i = 0; i < 300; i++) {
		cr_assert_eq(fx_route(fx_printf("s%zu.v8@iwdemo.com", i)), 1, "s%zu", i);
		cr_assert_eq(fx_route(fx_printf("s%zu.v7@iwdemo.fr", i)), 0, "s%zu", i);
		const char *addrs = fx_computed(
		        "tenancyAddress", fx_printf("uid=renamed-s%zu,ou=people," DOM, i), " ", &k);
		cr_assert_eq(k, 2, "%s", addrs);
		cr_assert(fx_has_word(addrs, fx_printf("s%zu.v8@iwdemo.fr", i)), "%s", addrs);
		cr_assert(fx_has_word(addrs, fx_printf("s%zu.v8@iwdemo.com", i)), "%s", addrs);
	}
	/* Nine copies of every string were written; about one is kept. */
	cr_assert_lt(after, before + before / 2, "%zu bytes, %zu before", after, before);
}

/* The DN index files each node under its whole DN: a subtree that moves is
 * filed anew, every entry below it found under its new DN only. */
Test(hostile, a_subtree_moved_is_found_under_its_new_dns_only)
{
	struct tn_change move = {.kind = TN_RENAME,
	        .dn = EUROPE,
	        .newrdn = "ou=Europa",
	        .newsup = ASIA,
	        .deleteoldrdn = 1};
	const char *paris = "ou=Paris,ou=France,ou=Europa," ASIA;

	cr_assert_eq(tn_record(fx, &move), 0);
	cr_assert_str_eq(fx_rights(USER("carol"), paris) ? "found" : "", "found");
	cr_assert_eq(fx_code(), TN_OK, "%s", fx_text());
	/* Carol's grant names the unit that moved: it still reaches Paris. */
	cr_assert(fx_has_word(fx_text(), "users.create"), "%s", fx_text());
	fx_rights(USER("carol"), PARIS);
	cr_assert_eq(fx_code(), TN_NO_SUCH_OBJECT, "%s", fx_text());
	/* Bob's unit reference followed the move; his address still routes. */
	cr_assert_eq(fx_route("bob@iwdemo.fr"), 1);
	/* And back: the old DNs answer again, the new ones no more. */
	move.dn = "ou=Europa," ASIA;
	move.newrdn = "ou=Europe";
	move.newsup = UNITS;
	cr_assert_eq(tn_record(fx, &move), 0);
	fx_rights(USER("carol"), PARIS);
	cr_assert_eq(fx_code(), TN_OK, "%s", fx_text());
	fx_rights(USER("carol"), paris);
	cr_assert_eq(fx_code(), TN_NO_SUCH_OBJECT, "%s", fx_text());
}

/* ---- references kept as the model read them */

TestSuite(model_references, .init = fx_setup, .fini = fx_teardown);

/* Five mailboxes, u1 to u5, and the group crew with u1 to u4. */
static void
crew(void)
{
	static const char *const who[] = {"u1", "u2", "u3", "u4", "u5"};
	size_t i;

	for (i = 0; i < 5; i++) {
		char uid[16], mail[64];
		snprintf(uid, sizeof(uid), "uid: %s", who[i]);
		snprintf(mail, sizeof(mail), "mail: %s@iwdemo.fr", who[i]);
		cr_assert_eq(fx_add(ROOT,
		                     i == 0   ? USER("u1")
		                     : i == 1 ? USER("u2")
		                     : i == 2 ? USER("u3")
		                     : i == 3 ? USER("u4")
		                              : USER("u5"),
		                     "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
		                     uid, mail, FX_END),
		        TN_OK, "%s", fx_text());
	}
	cr_assert_eq(fx_add(ROOT, GROUP("crew"), "objectClass: groupOfNames",
	                     "objectClass: tenancyGroup", "cn: crew", "member: " USER("u1"),
	                     "member: " USER("u2"), "member: " USER("u3"), "member: " USER("u4"),
	                     FX_END),
	        TN_OK, "%s", fx_text());
}

/* Is `user` a member of crew, as the in-use rule sees it? */
static int
member(const char *user)
{
	enum tn_result rc = fx_delete(ROOT, user);

	cr_assert(rc == TN_OK || strcmp(fx_rule(), "in-use") == 0, "%s", fx_text());
	return rc != TN_OK;
}

Test(model_references, a_member_deleted_from_the_middle_takes_its_own_entry_along)
{
	crew();
	cr_assert_eq(fx_modify(ROOT, GROUP("crew"), "delete: member: " USER("u2"), FX_END), TN_OK,
	        "%s", fx_text());
	cr_assert_eq(fx_modify(ROOT, GROUP("crew"), "add: member: " USER("u5"), FX_END), TN_OK,
	        "%s", fx_text());
	cr_assert(member(USER("u1")));
	cr_assert(!member(USER("u2")));
	cr_assert(member(USER("u3")));
	cr_assert(member(USER("u4")));
	cr_assert(member(USER("u5")));
}

Test(model_references, deletes_adds_and_deletes_again_in_one_modify)
{
	crew();
	cr_assert_eq(fx_modify(ROOT, GROUP("crew"), "delete: member: " USER("u1"),
	                     "add: member: " USER("u5"), "delete: member: " USER("U3"), FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert(!member(USER("u1")));
	cr_assert(member(USER("u2")));
	cr_assert(!member(USER("u3")));
	cr_assert(member(USER("u4")));
	cr_assert(member(USER("u5")));
}

Test(model_references, a_replace_forgets_the_members_read)
{
	crew();
	cr_assert_eq(fx_modify(ROOT, GROUP("crew"), "replace: member: " USER("u4"),
	                     "add: member: " USER("u5"), FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert(!member(USER("u1")));
	cr_assert(!member(USER("u2")));
	cr_assert(!member(USER("u3")));
	cr_assert(member(USER("u4")));
	cr_assert(member(USER("u5")));
}

Test(model_references, a_renamed_group_keeps_its_members)
{
	crew();
	cr_assert_eq(fx_rename(ROOT, GROUP("crew"), "cn=team", NULL), TN_OK, "%s", fx_text());
	cr_assert(member(USER("u1")));
	cr_assert(member(USER("u4")));
	cr_assert(!member(USER("u5")));
}
