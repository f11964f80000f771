/*
 * test_computed.c - the computed attributes of DESIGN §4, routing, and
 * effective rights as text.
 */
#define _GNU_SOURCE
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

TestSuite(computed, .init = fx_setup, .fini = fx_teardown);
TestSuite(route, .init = fx_setup, .fini = fx_teardown);
TestSuite(rights, .init = fx_setup, .fini = fx_teardown);

#define CANON_ALICE "uid=alice,ou=people,tenancydomainname=iwdemo.fr,ou=domains,dc=example,dc=net"
#define CANON_DOM   "tenancydomainname=iwdemo.fr,ou=domains,dc=example,dc=net"

/* ------------------------------------------------------- tenancyAddress */

Test(computed, address_lists_every_alias_domain_form)
{
	cr_assert_str_eq(fx_computed(TN_AT_ADDRESS, USER("alice"), " ", NULL),
	        "alice.smith@iwdemo.com alice.smith@iwdemo.fr alice@iwdemo.com alice@iwdemo.fr");
}

Test(computed, address_of_a_group_lists_its_alias_forms)
{
	cr_assert_str_eq(fx_computed(TN_AT_ADDRESS, GROUP("support"), " ", NULL),
	        "support@iwdemo.com support@iwdemo.fr");
}

Test(computed, address_of_a_domain_lists_its_names)
{
	cr_assert_str_eq(fx_computed(TN_AT_ADDRESS, DOM, " ", NULL), "iwdemo.com iwdemo.fr");
}

Test(computed, address_of_an_unknown_entry_is_empty)
{
	size_t n = 1;

	fx_computed(TN_AT_ADDRESS, USER("ghost"), " ", &n);
	cr_assert_eq(n, 0);
}

Test(computed, computed_attribute_names_are_recognised_in_any_case)
{
	cr_assert(tn_is_computed("TENANCYIMAPGROUP"));
}

Test(computed, stored_attributes_are_not_computed)
{
	cr_assert_not(tn_is_computed("mail"));
}

/* -------------------------------------------------------- tenancySender */

Test(computed, sender_of_a_mailbox_is_its_owner_and_delegates)
{
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, USER("alice"), " ", NULL),
	        "alice@iwdemo.fr bob@iwdemo.fr");
}

Test(computed, sender_of_a_shared_mailbox_is_its_managers_and_delegates)
{
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, SHARED("contact"), " ", NULL),
	        "alice@iwdemo.fr frank@iwdemo.fr");
}

Test(computed, sender_of_a_send_as_group_leaves_disabled_members_out)
{
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, GROUP("support"), " ", NULL),
	        "alice@iwdemo.fr erin@iwdemo.fr");
}

Test(computed, sender_of_a_group_without_flag_is_empty)
{
	size_t n = 1;

	fx_computed(TN_AT_SENDER, GROUP("sales"), " ", &n);
	cr_assert_eq(n, 0);
}

Test(computed, sender_of_a_disabled_mailbox_is_empty)
{
	size_t n = 1;

	fx_computed(TN_AT_SENDER, USER("grace"), " ", &n);
	cr_assert_eq(n, 0);
}

/* ----------------------------------------------------- tenancyDeliverTo */

Test(computed, deliver_to_flattens_nested_groups_and_leaves_disabled_out)
{
	cr_assert_str_eq(fx_computed(TN_AT_DELIVER_TO, GROUP("support"), " ", NULL),
	        "alice@iwdemo.fr erin@iwdemo.fr");
}

Test(computed, deliver_to_survives_a_cycle)
{
	cr_assert_str_eq(
	        fx_computed(TN_AT_DELIVER_TO, GROUP("cycle-a"), " ", NULL), "bob@iwdemo.fr");
}

Test(computed, group_without_delivery_has_no_deliver_to)
{
	size_t n = 1;

	fx_computed(TN_AT_DELIVER_TO, GROUP("admins"), " ", &n);
	cr_assert_eq(n, 0);
}

/* ----------------------------------------------------- tenancyImapGroup */

Test(computed, imap_group_is_a_single_value)
{
	size_t n = 0;

	fx_computed(TN_AT_IMAP_GROUP, USER("erin"), " ", &n);
	cr_assert_eq(n, 1);
}

Test(computed, imap_group_lists_each_mailbox_at_its_highest_level)
{
	/* erin reads contact through support-l2 and writes it through support,
	 * which contains support-l2; sales-box shares readreply with her. */
	const char *v = fx_computed(TN_AT_IMAP_GROUP, USER("erin"), " ", NULL);

	cr_assert(strcmp(v, "contact@iwdemo.fr:write,sales-box@iwdemo.fr:readreply") == 0 ||
	                  strcmp(v, "sales-box@iwdemo.fr:readreply,contact@iwdemo.fr:write") == 0,
	        "%s", v);
}

Test(computed, imap_group_has_the_address_colon_level_format)
{
	cr_assert_str_eq(fx_computed(TN_AT_IMAP_GROUP, USER("alice"), " ", NULL),
	        "contact@iwdemo.fr:manage");
}

Test(computed, imap_group_of_a_user_without_shares_is_empty)
{
	size_t n = 1;

	fx_computed(TN_AT_IMAP_GROUP, USER("frank"), " ", &n);
	cr_assert_eq(n, 0);
}

/* ------------------------------------------------- tenancyEffectiveRole */

Test(computed, effective_role_names_the_group_it_comes_through)
{
	const char *v = fx_computed(TN_AT_EFFECTIVE_ROLE, USER("dave"), "|", NULL);

	cr_assert(strcasestr(v, "groupManager at ou=europe,ou=units," CANON_DOM
	                        " (through group cn=admins,ou=groups,") != NULL,
	        "%s", v);
}

Test(computed, effective_role_of_a_direct_grant_says_direct)
{
	const char *v = fx_computed(TN_AT_EFFECTIVE_ROLE, USER("carol"), "|", NULL);

	cr_assert(strcasestr(v, "userManager at ou=europe,ou=units," CANON_DOM " (direct)") != NULL,
	        "%s", v);
}

Test(computed, effective_role_shows_implied_roles)
{
	const char *v = fx_computed(TN_AT_EFFECTIVE_ROLE, USER("judy"), "|", NULL);

	cr_assert(strstr(v, "(implied by tenantAdmin)") != NULL, "%s", v);
}

Test(computed, effective_role_shows_implied_roles_at_any_depth)
{
	/* tenantAdmin implies userManager, which implies directoryEditor. */
	const char *v = fx_computed(TN_AT_EFFECTIVE_ROLE, USER("judy"), "|", NULL);

	cr_assert(strstr(v, "directoryEditor at ") != NULL, "%s", v);
}

Test(computed, user_without_grants_has_no_effective_role)
{
	size_t n = 1;

	fx_computed(TN_AT_EFFECTIVE_ROLE, USER("frank"), "|", &n);
	cr_assert_eq(n, 0);
}

static int
join_role(void *ctx, const char *v, size_t len)
{
	char *out = ctx;
	size_t l = strlen(out);

	snprintf(out + l, 4096 - l, "%.*s|", (int)len, v);
	return 0;
}

static const char *
roles_as(const struct tn_actor *actor, const char *dn)
{
	char *out = fx_alloc(4096);

	tn_computed_as_h(fx, actor, tn_entry_handle(fx, dn, strlen(dn)), TN_C_EFFECTIVE_ROLE,
	        join_role, out);
	return out;
}

/* Grants no judge let through name other.org to frank, of iwdemo.fr: a
 * scope in other.org, and a group of other.org he is a member of.  Both
 * reach across tenants, so neither counts (test_xref.c): no reader, the
 * rootdn included, reads either role, and no other.org DN with it. */
Test(computed, effective_role_names_no_entry_its_reader_may_not_see)
{
	fx_record_unjudged("dn: cn=x1,ou=grants," ODOM "\nobjectClass: tenancyGrant\ncn: x1\n"
	                   "tenancyGrantee: " USER("frank") "\ntenancyScope: " ODOM "\n"
	                                                    "tenancyRole: userManager\n");
	fx_record_unjudged("dn: cn=crew,ou=groups," ODOM "\nobjectClass: groupOfNames\n"
	                   "objectClass: tenancyGroup\ncn: crew\nmember: " USER("frank") "\n");
	fx_record_unjudged("dn: cn=x2,ou=grants," DOM "\nobjectClass: tenancyGrant\ncn: x2\n"
	                   "tenancyGrantee: cn=crew,ou=groups," ODOM "\ntenancyScope: " DOM "\n"
	                   "tenancyRole: quotaManager\n");
	cr_assert_str_eq(roles_as(AS(USER("frank")), USER("frank")), "");
	cr_assert_str_eq(roles_as(AS(USER("alice")), USER("frank")), "");
	cr_assert_str_eq(roles_as(NULL, USER("frank")), "");
	cr_assert_str_eq(roles_as(ROOT, USER("frank")), "");
	cr_assert_str_eq(roles_as(AS(OPERATOR), USER("frank")), "");
	cr_assert_str_eq(roles_as(AS(READER), USER("frank")), "");
	cr_assert_str_eq(roles_as(AS(OUSER("oscar")), USER("frank")), "");
	cr_assert_str_eq(fx_computed(TN_AT_EFFECTIVE_ROLE, USER("frank"), "|", NULL), "");
	/* Roles within the reader's sight are all there. */
	cr_assert_str_eq(roles_as(AS(USER("carol")), USER("carol")), roles_as(ROOT, USER("carol")));
	cr_assert(strcasestr(roles_as(AS(USER("carol")), USER("carol")), "userManager at "));
}

/* ---------------------------------------------------------------- route */

Test(route, address_in_alias_form_routes_to_its_entry)
{
	fx_route("ALICE@iwdemo.COM");
	cr_assert(strcasecmp(fx_route_dn, CANON_ALICE) == 0, "%s", fx_route_dn);
}

Test(route, route_reports_the_stored_value_that_matched)
{
	fx_route("alice@iwdemo.com");
	cr_assert_str_eq(fx_route_value, "alice@iwdemo.fr");
}

Test(route, mail_alias_in_alias_form_routes_through_tenancy_mail_alias)
{
	fx_route("alice.smith@iwdemo.com");
	cr_assert_str_eq(fx_route_attr, "tenancyMailAlias");
}

Test(route, bare_alias_domain_routes_to_the_tenant)
{
	fx_route("iwdemo.com");
	cr_assert(strcasecmp(fx_route_dn, CANON_DOM) == 0, "%s", fx_route_dn);
}

Test(route, bare_alias_domain_matches_tenancy_domain_alias)
{
	fx_route("IWDEMO.COM");
	cr_assert_str_eq(fx_route_attr, "tenancyDomainAlias");
}

Test(route, unknown_address_routes_nowhere)
{
	cr_assert_eq(fx_route("nobody@iwdemo.fr"), 0);
}

Test(route, disabled_domain_routes_nowhere)
{
	cr_assert_eq(fx_route("closed.fr"), 0);
}

Test(route, address_need_not_be_nul_terminated)
{
	cr_assert_eq(tn_route(fx, "bob@iwdemo.frXYZ", 13, NULL, NULL), 1);
}

/* -------------------------------------------------------------- handles */

TestSuite(handle, .init = fx_setup, .fini = fx_teardown);

struct stored_seen {
	int n;
	enum tn_stored attr;
	char value[64];
};

static int
stored_one(void *ctx, enum tn_stored attr, const char *value, size_t len)
{
	struct stored_seen *s = ctx;

	if (s->n++ == 0 && len < sizeof(s->value)) {
		s->attr = attr;
		memcpy(s->value, value, len);
		s->value[len] = '\0';
	}
	return 0;
}

Test(handle, route_h_returns_the_entry_that_answers)
{
	struct stored_seen s = {0};
	tn_handle h = tn_route_h(fx, "alice.smith@iwdemo.com", 22, stored_one, &s);

	cr_assert_neq(h, 0);
	cr_assert_eq(h, tn_entry_handle(fx, USER("alice"), strlen(USER("alice"))));
	cr_assert_eq(s.n, 1);
	cr_assert_eq(s.attr, TN_S_MAIL_ALIAS);
	cr_assert_str_eq(s.value, "alice.smith@iwdemo.fr");
	cr_assert_str_eq(tn_stored_name(s.attr), "tenancyMailAlias");
}

Test(handle, route_h_of_a_bare_alias_domain_is_the_domain)
{
	struct stored_seen s = {0};
	tn_handle h = tn_route_h(fx, "IWDEMO.COM", 10, stored_one, &s);

	cr_assert_eq(h, tn_entry_handle(fx, DOM, strlen(DOM)));
	cr_assert_eq(s.attr, TN_S_DOMAIN_ALIAS);
}

Test(handle, route_h_of_nothing_is_no_handle)
{
	cr_assert_eq(tn_route_h(fx, "nobody@iwdemo.fr", 16, NULL, NULL), 0);
	cr_assert_eq(tn_route_h(fx, "closed.fr", 9, NULL, NULL), 0);
}

Test(handle, handle_is_its_dn_as_slapd_spells_it)
{
	tn_handle h = tn_route_h(fx, "alice@iwdemo.fr", 15, NULL, NULL);

	/* slapd keeps the types as the schema spells them */
	cr_assert(tn_handle_is(fx, h, USER("alice"), strlen(USER("alice"))));
	cr_assert(tn_handle_is(fx, h, CANON_ALICE, strlen(CANON_ALICE)));
}

Test(handle, handle_is_not_another_dn)
{
	tn_handle h = tn_route_h(fx, "alice@iwdemo.fr", 15, NULL, NULL);
	const char *bob = USER("bob"), *parent = "ou=people," DOM;

	cr_assert_not(tn_handle_is(fx, h, bob, strlen(bob)));
	cr_assert_not(tn_handle_is(fx, h, parent, strlen(parent)));
	/* a prefix, a longer DN, a DN cut short */
	cr_assert_not(tn_handle_is(fx, h, CANON_ALICE, strlen(CANON_ALICE) - 1));
	cr_assert_not(tn_handle_is(fx, h, "cn=x," CANON_ALICE, strlen("cn=x," CANON_ALICE)));
	cr_assert_not(tn_handle_is(fx, h, "", 0));
}

Test(handle, handle_dn_is_the_canonical_dn)
{
	tn_handle h = tn_route_h(fx, "alice@iwdemo.fr", 15, NULL, NULL);
	char buf[256], small[8];
	size_t len = strlen(CANON_ALICE);

	cr_assert_eq(tn_handle_dn(fx, h, buf, sizeof(buf)), len);
	cr_assert_str_eq(buf, CANON_ALICE);
	/* too small a buffer: the length, and nothing written past it */
	memset(small, 'x', sizeof(small));
	cr_assert_eq(tn_handle_dn(fx, h, small, sizeof(small) - 1), len);
	cr_assert_eq(small[sizeof(small) - 1], 'x');
	cr_assert_eq(tn_handle_dn(fx, h, NULL, 0), len);
	cr_assert_eq(tn_handle_dn(fx, 0, buf, sizeof(buf)), 0);
	cr_assert_eq(tn_handle_dn(fx, 0xfffffff0u, buf, sizeof(buf)), 0);
	h = tn_entry_handle(fx, DOM, strlen(DOM));
	cr_assert_eq(tn_handle_dn(fx, h, buf, sizeof(buf)), strlen(CANON_DOM));
	cr_assert_str_eq(buf, CANON_DOM);
}

Test(handle, no_handle_and_a_handle_out_of_range_answer_nothing)
{
	size_t n;

	cr_assert_not(tn_handle_is(fx, 0, "", 0));
	cr_assert_not(tn_handle_is(fx, 0xfffffff0u, CANON_ALICE, strlen(CANON_ALICE)));
	cr_assert_eq(tn_entry_handle(fx, USER("ghost"), strlen(USER("ghost"))), 0);
	n = tn_computed_h(fx, 0xfffffff0u, TN_C_SENDER, NULL, NULL);
	cr_assert_eq(n, 0);
	cr_assert_eq(tn_computed_h(fx, 0, TN_C_ADDRESS, NULL, NULL), 0);
	cr_assert_not(tn_answers_nothing_h(fx, 0xfffffff0u));
}

struct joined {
	char s[2048];
	size_t len;
};

static int
join_one(void *ctx, const char *val, size_t len)
{
	struct joined *j = ctx;

	if (j->len + len + 2 < sizeof(j->s)) {
		memcpy(j->s + j->len, val, len);
		j->len += len;
		j->s[j->len++] = '|';
		j->s[j->len] = '\0';
	}
	return 0;
}

Test(handle, computed_by_handle_is_computed_by_name)
{
	static const char *const dns[] = {USER("alice"), USER("erin"), USER("carol"),
	        GROUP("support"), SHARED("contact"), DOM};
	size_t i;
	int c;

	for (i = 0; i < sizeof(dns) / sizeof(dns[0]); i++) {
		tn_handle h = tn_entry_handle(fx, dns[i], strlen(dns[i]));
		cr_assert_neq(h, 0, "%s", dns[i]);
		for (c = 0; c < TN_NCOMPUTED; c++) {
			struct joined a = {"", 0}, b = {"", 0};
			size_t na = tn_computed_h(fx, h, (enum tn_computed)c, join_one, &a);
			size_t nb = tn_computed(
			        fx, tn_computed_name((enum tn_computed)c), dns[i], join_one, &b);
			cr_assert_eq(na, nb, "%s %s", dns[i], tn_computed_name(c));
			cr_assert_str_eq(a.s, b.s, "%s %s", dns[i], tn_computed_name(c));
		}
	}
}

Test(handle, computed_names_and_enum_map_one_to_one)
{
	int c;

	for (c = 0; c < TN_NCOMPUTED; c++)
		cr_assert_eq(tn_computed_find(tn_computed_name((enum tn_computed)c)), c);
	cr_assert_eq(tn_computed_find("TENANCYSENDER"), TN_C_SENDER);
	cr_assert_eq(tn_computed_find("mail"), -1);
	cr_assert_null(tn_computed_name(TN_NCOMPUTED));
	cr_assert_str_eq(tn_computed_name(TN_C_IDENTITY), TN_AT_IDENTITY);
}

/* --------------------------------------------------------------- rights */

Test(rights, rights_text_lists_the_permissions)
{
	cr_assert_str_eq(fx_rights(USER("carol"), PARIS),
	        "users.create users.delete users.move users.password users.fields users.mail");
}

Test(rights, rights_explain_names_the_grant)
{
	fx_rights(USER("dave"), PARIS);
	cr_assert(strstr(fx_explain(), "cn=admins-groups") != NULL, "%s", fx_explain());
}

Test(rights, an_entry_granted_nothing_has_an_empty_list)
{
	cr_assert_str_eq(fx_rights(SHARED("contact"), NULL), "");
	cr_assert_eq(fx_code(), TN_OK);
}

Test(rights, rights_explain_only_when_asked)
{
	struct tn_answer a;
	char *text;

	tn_answer_init(&a);
	cr_assert_eq(tn_rights(fx, USER("dave"), PARIS, &a), 0);
	cr_assert_null(a.explain, "%s", a.explain);
	text = strdup(a.text);
	a.want_explain = 1;
	tn_answer_clear(&a);
	cr_assert_eq(tn_rights(fx, USER("dave"), PARIS, &a), 0);
	cr_assert_str_eq(a.text, text);
	cr_assert(a.explain && strstr(a.explain, "cn=admins-groups"), "%s", a.explain);
	free(text);
	tn_answer_clear(&a);
}

Test(rights, rights_without_unit_are_taken_at_the_users_own_unit)
{
	cr_assert(fx_has_word(fx_rights(USER("carol"), NULL), "users.create"), "%s", fx_text());
}

Test(rights, rights_of_an_unknown_entry_are_no_such_object)
{
	fx_rights(USER("ghost"), NULL);
	cr_assert_eq(fx_code(), TN_NO_SUCH_OBJECT);
}

Test(rights, permission_vocabulary_is_documented)
{
	size_t i, undocumented = 0;

	for (i = 0; i < tn_permission_count(); i++)
		if (!tn_permission_name(i) || !tn_permission_doc(i) || !*tn_permission_doc(i))
			undocumented++;
	cr_assert_eq(undocumented, 0);
}

/* -------------------------------------------------------- notifications */

TestSuite(notify, .init = fx_setup, .fini = fx_teardown);

struct grants_seen {
	size_t n;
	char recipients[256];
	char level[16];
};

static int
grant_cb(void *ctx, const char *mailbox_dn, const char *mailbox_address, const char *grantee_dn,
        const char *level, const char *recipient)
{
	struct grants_seen *g = ctx;
	size_t l = strlen(g->recipients);

	(void)mailbox_dn;
	(void)mailbox_address;
	(void)grantee_dn;
	snprintf(g->recipients + l, sizeof(g->recipients) - l, "%s%s", l ? " " : "", recipient);
	snprintf(g->level, sizeof(g->level), "%s", level);
	g->n++;
	return 0;
}

/* The grants a modification of contact would notify: one share value. */
static struct grants_seen
share_contact(const char *attr, const char *grantee)
{
	struct grants_seen g = {0, "", ""};
	struct tn_value v = {strlen(grantee), grantee};
	struct tn_mod mod = {TN_MOD_ADD, {attr, 1, &v}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = SHARED("contact"), .mods = &mod, .nmods = 1};

	tn_share_grants(fx, &c, grant_cb, &g);
	return g;
}

Test(notify, share_with_a_user_notifies_that_user)
{
	cr_assert_str_eq(
	        share_contact("tenancyShareRead", USER("frank")).recipients, "frank@iwdemo.fr");
}

Test(notify, notification_names_the_level)
{
	cr_assert_str_eq(share_contact("tenancyShareReadReply", USER("frank")).level, "readreply");
}

Test(notify, share_with_a_group_notifies_every_enabled_member)
{
	/* support: alice, and erin through support-l2; grace is disabled. */
	cr_assert_eq(share_contact("tenancyShareReadReply", GROUP("support")).n, 2);
}

Test(notify, share_already_held_notifies_nobody)
{
	cr_assert_eq(share_contact("tenancyShareRead", USER("bob")).n, 0);
}
