/*
 * test_authz.c - DESIGN §6: who may write what, and who sees what.
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(delegation, .init = fx_setup, .fini = fx_teardown);
TestSuite(grant_rules, .init = fx_setup, .fini = fx_teardown);
TestSuite(selfservice, .init = fx_setup, .fini = fx_teardown);
TestSuite(isolation, .init = fx_setup, .fini = fx_teardown);
TestSuite(canonical, .init = fx_setup, .fini = fx_teardown);

/* A new user of iwdemo.fr in `unit` (NULL: the root unit), as `actor`. */
static enum tn_result
create_user(const struct tn_actor *actor, const char *uid, const char *unit)
{
	struct tn_entry *e = fx_entry(fx_printf("uid=%s,ou=people," DOM, uid),
	        "objectClass: inetOrgPerson", "objectClass: tenancyMailbox", FX_END);

	fx_entry_add(e, "uid", uid, strlen(uid));
	fx_entry_add(e, "cn", uid, strlen(uid));
	fx_entry_add(e, "sn", uid, strlen(uid));
	{
		const char *mail = fx_printf("%s@iwdemo.fr", uid);
		fx_entry_add(e, "mail", mail, strlen(mail));
	}
	if (unit)
		fx_entry_add(e, "tenancyUnitRef", unit, strlen(unit));
	return fx_add_entry(actor, e);
}

static enum tn_result
create_group(const struct tn_actor *actor, const char *cn, const char *unit)
{
	struct tn_entry *e =
	        fx_entry(fx_printf("cn=%s,ou=groups," DOM, cn), "objectClass: groupOfNames",
	                "objectClass: tenancyGroup", "member: " USER("erin"), FX_END);

	fx_entry_add(e, "cn", cn, strlen(cn));
	if (unit)
		fx_entry_add(e, "tenancyUnitRef", unit, strlen(unit));
	return fx_add_entry(actor, e);
}

static enum tn_result
grant(const struct tn_actor *actor, const char *cn, const char *grantee, const char *scope,
        const char *role)
{
	struct tn_entry *e = fx_entry(
	        fx_printf("cn=%s,ou=grants," DOM, cn), "objectClass: tenancyGrant", FX_END);

	fx_entry_add(e, "cn", cn, strlen(cn));
	fx_entry_add(e, "tenancyGrantee", grantee, strlen(grantee));
	fx_entry_add(e, "tenancyScope", scope, strlen(scope));
	fx_entry_add(e, "tenancyRole", role, strlen(role));
	return fx_add_entry(actor, e);
}

/* ----------------------------------------------------------- delegation */

Test(delegation, ordinary_user_cannot_create_users)
{
	cr_assert_eq(create_user(AS(USER("alice")), "zoe", PARIS), TN_INSUFFICIENT_ACCESS);
}

Test(delegation, refusal_names_the_missing_permission)
{
	create_user(AS(USER("alice")), "zoe", PARIS);
	cr_assert(strstr(fx_text(), "users.create") != NULL, "%s", fx_text());
}

Test(delegation, grant_at_europe_gives_users_create_three_levels_down_at_paris)
{
	cr_assert_eq(create_user(AS(USER("carol")), "zoe", PARIS), TN_OK, "%s", fx_text());
}

Test(delegation, creating_a_user_with_a_quota_needs_the_quota_permission)
{
	fx_add(AS(USER("carol")), USER("zoe"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zoe", "cn: z", "sn: z", "mail: zoe@iwdemo.fr",
	        "tenancyUnitRef: " PARIS, "tenancyQuota: 10", FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(delegation, grant_at_europe_gives_nothing_at_the_root_unit)
{
	create_user(AS(USER("carol")), "zoe", NULL);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(delegation, grant_at_europe_gives_nothing_in_a_sibling_unit)
{
	create_user(AS(USER("carol")), "zoe", ASIA);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(delegation, rights_do_not_flow_upward)
{
	cr_assert_not(fx_has_word(fx_rights(USER("carol"), DOM), "users.create"), "%s", fx_text());
}

Test(delegation, role_granted_to_a_nested_group_holds_for_its_members)
{
	cr_assert_eq(create_group(AS(USER("dave")), "team-fr", FRANCE), TN_OK, "%s", fx_text());
}

Test(delegation, group_granted_role_does_not_hold_outside_its_scope)
{
	create_group(AS(USER("dave")), "team-asia", ASIA);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(delegation, rights_through_a_group_cycle_are_found_and_terminate)
{
	cr_assert(fx_has_word(fx_rights(USER("bob"), ASIA), "quota"), "%s", fx_text());
}

Test(delegation, implied_roles_are_expanded)
{
	cr_assert_eq(create_group(AS(USER("judy")), "team-paris", PARIS), TN_OK, "%s", fx_text());
}

Test(delegation, implied_roles_are_expanded_transitively)
{
	/* tenantAdmin implies userManager, which implies directoryEditor. */
	cr_assert(fx_has_word(fx_rights(USER("judy"), PARIS), "users.fields"), "%s", fx_text());
}

Test(delegation, moving_a_user_inside_the_scope_is_allowed)
{
	cr_assert_eq(fx_modify(AS(USER("carol")), USER("erin"), "replace: tenancyUnitRef: " FRANCE,
	                     FX_END),
	        TN_OK, "%s", fx_text());
}

Test(delegation, moving_a_user_out_of_the_scope_is_refused)
{
	fx_modify(AS(USER("carol")), USER("erin"), "replace: tenancyUnitRef: " ASIA, FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(delegation, moving_a_user_into_the_scope_from_outside_is_refused)
{
	fx_modify(AS(USER("carol")), USER("frank"), "replace: tenancyUnitRef: " PARIS, FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(delegation, moving_a_user_to_the_root_unit_needs_rights_at_the_root)
{
	fx_modify(AS(USER("carol")), USER("erin"), "delete: tenancyUnitRef", FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(delegation, moving_a_unit_under_a_unit_one_does_not_manage_is_refused)
{
	if (fx_add(ROOT, "ou=Lyon," FRANCE, "objectClass: tenancyUnit", "ou: Lyon", FX_END) !=
	                TN_OK ||
	        fx_add(ROOT, GRANT("erin-units"), "objectClass: tenancyGrant", "cn: erin-units",
	                "tenancyGrantee: " USER("erin"), "tenancyScope: " FRANCE,
	                "tenancyRole: unitManager", FX_END) != TN_OK)
		cr_assert_fail("set-up refused: %s", fx_text());
	cr_assert_eq(fx_rename(AS(USER("erin")), "ou=Lyon," FRANCE, "ou=Lyon", ASIA),
	        TN_INSUFFICIENT_ACCESS);
}

Test(delegation, takeover_of_a_stronger_account_is_refused)
{
	fx_modify(AS(USER("carol")), USER("boss"), "replace: telephoneNumber: 1", FX_END);
	cr_assert_str_eq(fx_rule(), "takeover");
}

Test(delegation, resetting_a_stronger_accounts_password_is_refused)
{
	fx_modify(AS(USER("carol")), USER("boss"), "replace: userPassword: x", FX_END);
	cr_assert_str_eq(fx_rule(), "takeover");
}

Test(delegation, deleting_a_stronger_account_is_refused)
{
	fx_delete(AS(USER("carol")), USER("boss"));
	cr_assert_str_eq(fx_rule(), "takeover");
}

Test(delegation, renaming_a_stronger_account_is_refused)
{
	fx_rename(AS(USER("carol")), USER("boss"), "uid=boss2", NULL);
	cr_assert_str_eq(fx_rule(), "takeover");
}

Test(delegation, editing_a_weaker_account_is_allowed)
{
	cr_assert_eq(
	        fx_modify(AS(USER("carol")), USER("alice"), "replace: telephoneNumber: 1", FX_END),
	        TN_OK, "%s", fx_text());
}

Test(delegation, unit_manager_is_needed_to_create_units)
{
	fx_add(AS(USER("carol")), "ou=Lyon," FRANCE, "objectClass: tenancyUnit", "ou: Lyon",
	        FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(delegation, only_operators_create_tenants)
{
	fx_add(AS(USER("boss")), "tenancyDomainName=newco.fr," DOMAINS,
	        "objectClass: tenancyDomain", "tenancyDomainName: newco.fr", FX_END);
	cr_assert_eq(fx_code(), TN_INSUFFICIENT_ACCESS);
}

Test(delegation, operator_passes_authorisation)
{
	cr_assert_eq(create_user(AS(OPERATOR), "zoe", NULL), TN_OK, "%s", fx_text());
}

/* Secure by default (DESIGN §5a.8): to anonymous, no tenant is there. */
Test(delegation, anonymous_cannot_write)
{
	cr_assert_eq(create_user(AS(NULL), "zoe", NULL), TN_NO_SUCH_OBJECT);
}

/* ---------------------------------------------------------- grant rules */

Test(grant_rules, granting_a_held_role_below_ones_scope_is_allowed)
{
	cr_assert_eq(grant(AS(USER("henri")), "bob-users", USER("bob"), PARIS, "userManager"),
	        TN_OK, "%s", fx_text());
}

Test(grant_rules, granting_a_role_one_does_not_hold_is_refused)
{
	grant(AS(USER("henri")), "bob-groups", USER("bob"), PARIS, "groupManager");
	cr_assert_str_eq(fx_rule(), "grant-held");
}

Test(grant_rules, granting_above_ones_scope_is_refused)
{
	grant(AS(USER("henri")), "bob-users", USER("bob"), EUROPE, "userManager");
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(grant_rules, granting_a_role_implied_by_a_held_role_is_allowed)
{
	/* henri holds userManager at France, which implies directoryEditor. */
	cr_assert_eq(grant(AS(USER("henri")), "bob-dir", USER("bob"), PARIS, "directoryEditor"),
	        TN_OK, "%s", fx_text());
}

Test(grant_rules, implication_cycle_neither_loops_nor_loses_a_permission)
{
	fx_add(ROOT, ROLE("yin"), "objectClass: tenancyRole", "cn: yin", "tenancyPermission: quota",
	        "tenancyImplies: yang", FX_END);
	fx_add(ROOT, ROLE("yang"), "objectClass: tenancyRole", "cn: yang",
	        "tenancyPermission: services", "tenancyImplies: yin", FX_END);
	grant(ROOT, "erin-yin", USER("erin"), PARIS, "yin");
	cr_assert_str_eq(fx_rights(USER("erin"), PARIS), "quota services");
}

Test(grant_rules, revoking_a_role_one_does_not_hold_is_refused)
{
	fx_delete(AS(USER("henri")), GRANT("judy-admin"));
	cr_assert_str_eq(fx_rule(), "grant-held");
}

Test(grant_rules, widening_ones_own_grant_is_refused)
{
	cr_assert_eq(fx_modify(AS(USER("henri")), GRANT("henri-deleg"),
	                     "replace: tenancyScope: " EUROPE, FX_END),
	        TN_INSUFFICIENT_ACCESS);
}

Test(grant_rules, revoking_ones_own_grant_is_allowed)
{
	cr_assert_eq(fx_delete(AS(USER("henri")), GRANT("henri-deleg")), TN_OK, "%s", fx_text());
}

Test(grant_rules, adding_a_role_to_a_grant_needs_that_role)
{
	cr_assert_eq(fx_modify(AS(USER("henri")), GRANT("henri-deleg"),
	                     "add: tenancyRole: groupManager", FX_END),
	        TN_INSUFFICIENT_ACCESS);
}

Test(grant_rules, granted_role_takes_effect)
{
	grant(AS(USER("henri")), "bob-users", USER("bob"), PARIS, "userManager");
	cr_assert(fx_has_word(fx_rights(USER("bob"), PARIS), "users.create"), "%s", fx_text());
}

Test(grant_rules, changing_members_of_a_grantee_group_needs_its_roles)
{
	fx_modify(AS(USER("ivan")), GROUP("power"), "add: member: " USER("erin"), FX_END);
	cr_assert_str_eq(fx_rule(), "group-roles");
}

Test(grant_rules, changing_members_of_a_plain_group_needs_only_groups_members)
{
	cr_assert_eq(
	        fx_modify(AS(USER("ivan")), GROUP("sales"), "add: member: " USER("erin"), FX_END),
	        TN_OK, "%s", fx_text());
}

Test(grant_rules, joining_a_group_nested_in_a_grantee_group_needs_its_roles)
{
	fx_add(ROOT, GROUP("power-inner"), "objectClass: groupOfNames", "objectClass: tenancyGroup",
	        "cn: power-inner", "member: " USER("boss"), FX_END);
	fx_modify(ROOT, GROUP("power"), "add: member: " GROUP("power-inner"), FX_END);
	fx_modify(AS(USER("ivan")), GROUP("power-inner"), "add: member: " USER("erin"), FX_END);
	cr_assert_str_eq(fx_rule(), "group-roles");
}

/* The walks skip the references of entries no group contains and no grant
 * names: that mark follows every membership and grant as it comes and goes. */
Test(grant_rules, rights_follow_a_group_nested_then_unnested_then_nested_again)
{
	fx_add(ROOT, GROUP("inner"), "objectClass: groupOfNames", "objectClass: tenancyGroup",
	        "cn: inner", "member: " USER("erin"), FX_END);
	cr_assert_not(fx_has_word(fx_rights(USER("erin"), DOM), "users.create"), "%s", fx_text());
	cr_assert_eq(fx_modify(ROOT, GROUP("power"), "add: member: " GROUP("inner"), FX_END), TN_OK,
	        "%s", fx_text());
	cr_assert(fx_has_word(fx_rights(USER("erin"), DOM), "users.create"), "%s", fx_text());
	cr_assert_eq(fx_modify(ROOT, GROUP("power"), "delete: member: " GROUP("inner"), FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_not(fx_has_word(fx_rights(USER("erin"), DOM), "users.create"), "%s", fx_text());
	/* Erin alone in a grantee group, then out of it, then in again. */
	cr_assert_eq(fx_modify(ROOT, GROUP("inner"), "delete: member: " USER("erin"), FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_modify(ROOT, GROUP("power"), "add: member: " GROUP("inner"), FX_END), TN_OK,
	        "%s", fx_text());
	cr_assert_not(fx_has_word(fx_rights(USER("erin"), DOM), "users.create"), "%s", fx_text());
	cr_assert_eq(fx_modify(ROOT, GROUP("inner"), "add: member: " USER("erin"), FX_END), TN_OK,
	        "%s", fx_text());
	cr_assert(fx_has_word(fx_rights(USER("erin"), DOM), "users.create"), "%s", fx_text());
	/* The grant goes: the group is named by nothing any more. */
	cr_assert_eq(fx_delete(ROOT, GRANT("power-users")), TN_OK, "%s", fx_text());
	cr_assert_not(fx_has_word(fx_rights(USER("erin"), DOM), "users.create"), "%s", fx_text());
	grant(ROOT, "power-again", GROUP("power"), DOM, "userManager");
	cr_assert(fx_has_word(fx_rights(USER("erin"), DOM), "users.create"), "%s", fx_text());
}

/* --------------------------------------------------------- self-service */

Test(selfservice, user_edits_the_shares_of_their_own_mailbox)
{
	cr_assert_eq(fx_modify(AS(USER("alice")), USER("alice"),
	                     "add: tenancyShareRead: " USER("erin"), FX_END),
	        TN_OK, "%s", fx_text());
}

Test(selfservice, user_edits_their_own_send_as_delegates)
{
	cr_assert_eq(fx_modify(AS(USER("alice")), USER("alice"),
	                     "add: tenancySendAsDelegate: " GROUP("sales"), FX_END),
	        TN_OK, "%s", fx_text());
}

Test(selfservice, user_does_not_change_their_own_address)
{
	fx_modify(
	        AS(USER("alice")), USER("alice"), "add: tenancyMailAlias: queen@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(selfservice, user_does_not_move_themselves_to_another_unit)
{
	fx_modify(AS(USER("alice")), USER("alice"), "replace: tenancyUnitRef: " ASIA, FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(selfservice, user_does_not_edit_someone_elses_shares)
{
	fx_modify(AS(USER("bob")), USER("alice"), "add: tenancyShareRead: " USER("bob"), FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(selfservice, manage_share_holder_edits_the_shared_mailboxs_shares)
{
	cr_assert_eq(fx_modify(AS(USER("alice")), SHARED("contact"),
	                     "add: tenancyShareWrite: " USER("erin"), FX_END),
	        TN_OK, "%s", fx_text());
}

Test(selfservice, manage_share_through_a_group_counts)
{
	cr_assert_eq(fx_modify(AS(USER("bob")), SHARED("sales-box"),
	                     "add: tenancyShareRead: " USER("erin"), FX_END),
	        TN_OK, "%s", fx_text());
}

Test(selfservice, read_share_holder_does_not_edit_the_shares)
{
	fx_modify(
	        AS(USER("bob")), SHARED("contact"), "add: tenancyShareRead: " USER("erin"), FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(selfservice, manage_share_holder_does_not_reset_the_owners_password)
{
	if (fx_modify(AS(USER("alice")), USER("alice"), "add: tenancyShareManage: " USER("bob"),
	            FX_END) != TN_OK)
		cr_assert_fail("set-up refused: %s", fx_text());
	cr_assert_eq(
	        fx_modify(AS(USER("bob")), USER("alice"), "replace: userPassword: taken", FX_END),
	        TN_INSUFFICIENT_ACCESS);
}

Test(selfservice, manage_share_holder_does_not_change_the_address)
{
	fx_modify(AS(USER("alice")), SHARED("contact"), "add: tenancyMailAlias: hello@iwdemo.fr",
	        FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
}

Test(selfservice, user_subscribes_to_a_mailbox_shared_with_them)
{
	cr_assert_eq(fx_modify(AS(USER("erin")), USER("erin"),
	                     "add: tenancySubscription: " SHARED("contact"), FX_END),
	        TN_OK, "%s", fx_text());
}

Test(selfservice, user_does_not_subscribe_to_a_mailbox_not_shared_with_them)
{
	fx_modify(
	        AS(USER("erin")), USER("erin"), "add: tenancySubscription: " USER("alice"), FX_END);
	cr_assert_str_eq(fx_rule(), "subscription");
}

/* ------------------------------------------------------------ isolation */

Test(isolation, reader_cannot_write)
{
	fx_modify(AS(READER), USER("alice"), "replace: telephoneNumber: 1", FX_END);
	cr_assert_str_eq(fx_rule(), "reader");
}

Test(isolation, actor_of_another_tenant_gets_no_such_object)
{
	cr_assert_eq(
	        fx_modify(AS(OUSER("oscar")), USER("alice"), "replace: telephoneNumber: 1", FX_END),
	        TN_NO_SUCH_OBJECT);
}

Test(isolation, actor_of_another_tenant_cannot_add_into_it)
{
	cr_assert_eq(create_user(AS(OUSER("oscar")), "zoe", NULL), TN_NO_SUCH_OBJECT);
}

Test(isolation, another_tenant_is_not_deleted_by_a_domain_manager)
{
	cr_assert_eq(fx_delete(AS(USER("boss")), PDOM), TN_NO_SUCH_OBJECT);
}

Test(isolation, tenant_sharing_a_context_is_told_it_cannot_write)
{
	cr_assert_eq(fx_modify(AS("uid=al," ADOM), "uid=bea," BDOM, "replace: telephoneNumber: 1",
	                     FX_END),
	        TN_INSUFFICIENT_ACCESS);
}

Test(isolation, user_sees_their_own_tenant)
{
	cr_assert(tn_visible(fx, AS(USER("alice")), USER("bob")));
}

Test(isolation, user_does_not_see_another_tenant)
{
	cr_assert_not(tn_visible(fx, AS(OUSER("oscar")), USER("alice")));
}

Test(isolation, user_does_not_see_another_tenants_unknown_entries)
{
	cr_assert_not(tn_visible(fx, AS(OUSER("oscar")), "cn=anything,ou=people," DOM));
}

Test(isolation, tenants_sharing_a_context_see_each_other)
{
	cr_assert(tn_visible(fx, AS("uid=al," ADOM), "uid=bea," BDOM));
}

Test(isolation, reader_sees_every_tenant)
{
	cr_assert(tn_visible(fx, AS(READER), USER("alice")));
}

Test(isolation, reader_sees_all)
{
	cr_assert(tn_sees_all(fx, AS(READER)));
}

Test(isolation, tenant_user_does_not_see_all)
{
	cr_assert_not(tn_sees_all(fx, AS(USER("alice"))));
}

Test(isolation, plain_entry_of_a_tenant_sees_only_its_tenant)
{
	fx_add(ROOT, "cn=app,ou=people," DOM, "objectClass: applicationProcess", "cn: app", FX_END);
	cr_assert_not(tn_visible(fx, AS("cn=app,ou=people," DOM), OUSER("oscar")));
}

Test(isolation, contact_of_a_tenant_sees_only_its_tenant)
{
	fx_add(ROOT, "cn=ext,ou=people," ODOM, "objectClass: inetOrgPerson", "cn: ext", "sn: ext",
	        FX_END);
	cr_assert_not(tn_visible(fx, AS("cn=ext,ou=people," ODOM), USER("alice")));
}

Test(isolation, entries_outside_every_tenant_are_visible)
{
	cr_assert(tn_visible(fx, AS(OUSER("oscar")), ROLE("userManager")));
}

/* ------------------------------------------------------------ canonical */

#define ALICE_ODD "UID=Alice , OU=People,tenancyDomainName=IWDEMO.FR, ou=domains,DC=Example,dc=NET"
#define OSCAR_ODD                                                                                  \
	" uid = OSCAR,ou=PEOPLE , TenancyDomainName=Other.Org,ou=Domains,dc=example,dc=net"

Test(canonical, actor_dn_in_another_case_and_spacing_is_the_same_actor)
{
	cr_assert_not(tn_visible(fx, AS(OSCAR_ODD), USER("alice")));
}

Test(canonical, target_dn_in_another_case_and_spacing_is_the_same_entry)
{
	cr_assert_not(tn_visible(fx, AS(OUSER("oscar")), ALICE_ODD));
}

Test(canonical, judge_knows_the_actor_whatever_the_dn_spelling)
{
	cr_assert_eq(create_user(AS("UID=Carol,OU=People, tenancyDomainName=iwdemo.FR,"
	                            "ou=domains,dc=EXAMPLE,dc=net"),
	                     "zoe", PARIS),
	        TN_OK, "%s", fx_text());
}

Test(canonical, unit_reference_in_another_spelling_is_the_same_unit)
{
	cr_assert_eq(create_user(AS(USER("carol")), "zoe",
	                     "OU=paris,Ou=FRANCE ,ou=europe,ou=UNITS,tenancyDomainName=IWDEMO.fr,"
	                     "ou=domains,dc=example,dc=net"),
	        TN_OK, "%s", fx_text());
}

Test(canonical, entry_named_in_another_spelling_is_the_entry_modified)
{
	fx_modify(ROOT, ALICE_ODD, "replace: mail: alice@iwdemo.com", FX_END);
	fx_route("alice@iwdemo.fr");
	cr_assert_str_eq(fx_route_value, "alice@iwdemo.com", "%s", fx_text());
}

Test(canonical, escaped_characters_name_the_same_entry)
{
	fx_modify(ROOT, "cn=sales\\2Dbox,ou=shared," DOM,
	        "add: tenancyMailAlias: sales.box@iwdemo.com", FX_END);
	fx_route("sales.box@iwdemo.fr");
	cr_assert_str_eq(fx_route_attr, "tenancyMailAlias", "%s", fx_text());
}

Test(canonical, escaped_comma_in_either_form_is_the_same_entry)
{
	fx_add(ROOT, "cn=Smith\\, John,ou=groups," DOM, "objectClass: groupOfNames",
	        "objectClass: tenancyGroup", "cn: Smith, John", "mail: js@iwdemo.fr",
	        "member: " USER("erin"), FX_END);
	fx_modify(ROOT, "CN=smith\\2C john , ou=groups," DOM,
	        "add: tenancyMailAlias: john.smith@iwdemo.com", FX_END);
	fx_route("john.smith@iwdemo.fr");
	cr_assert_str_eq(fx_route_attr, "tenancyMailAlias", "%s", fx_text());
}

/* The questions canonicalise a DN in slapd's normalised form on the stack
 * and any other DN the long way: both name the same entry. */

Test(canonical, questions_know_an_entry_whatever_the_dn_spelling)
{
	char *carol = strdup(fx_rights(USER("carol"), PARIS));

	cr_assert(fx_has_word(carol, "users.create"), "%s", carol);
	cr_assert_str_eq(fx_rights("UID=carol,OU=people,TENANCYDOMAINNAME=iwdemo.fr,"
	                           "ou=domains,dc=example,dc=net",
	                         PARIS),
	        carol);
	cr_assert_str_eq(fx_rights(" uid=Carol,ou=people," DOM, PARIS), carol);
	free(carol);
}

Test(canonical, questions_refuse_what_is_not_a_dn)
{
	fx_rights(USER("carol") ",", NULL);
	cr_assert_eq(fx_code(), TN_NO_SUCH_OBJECT);
	fx_rights("uid=carol,,ou=people," DOM, NULL);
	cr_assert_eq(fx_code(), TN_NO_SUCH_OBJECT);
	fx_rights("=carol,ou=people," DOM, NULL);
	cr_assert_eq(fx_code(), TN_NO_SUCH_OBJECT);
	fx_rights("", NULL);
	cr_assert_eq(fx_code(), TN_NO_SUCH_OBJECT);
}

Test(canonical, a_dn_longer_than_the_stack_copy_is_still_looked_up)
{
	char dn[700];
	char *carol = strdup(fx_rights(USER("carol"), PARIS));

	/* 600 blanks after a ',' spell the same DN, the long way. */
	snprintf(dn, sizeof(dn), "uid=carol,ou=people,%600s" DOM, "");
	cr_assert_gt(strlen(dn), 600);
	cr_assert_str_eq(fx_rights(dn, PARIS), carol);
	cr_assert(fx_has_word(carol, "users.create"), "%s", carol);
	free(carol);
}

Test(canonical, malformed_target_dn_is_an_invalid_dn)
{
	cr_assert_eq(fx_modify(ROOT, "uid=alice,,ou=people", "replace: cn: x", FX_END),
	        TN_INVALID_DN_SYNTAX);
}
