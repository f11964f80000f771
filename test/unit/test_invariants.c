/*
 * test_invariants.c - DESIGN §5: what holds on every write, for every
 * identity, the rootdn included.
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <string.h>

TestSuite(addresses, .init = fx_setup, .fini = fx_teardown);
TestSuite(domains, .init = fx_setup, .fini = fx_teardown);
TestSuite(references, .init = fx_setup, .fini = fx_teardown);
TestSuite(moves, .init = fx_setup, .fini = fx_teardown);
TestSuite(deletes, .init = fx_setup, .fini = fx_teardown);
TestSuite(grants, .init = fx_setup, .fini = fx_teardown);
TestSuite(lifecycle, .init = fx_setup, .fini = fx_teardown);

#define NEW_USER(uid, mail)                                                                        \
	fx_add(ROOT, USER(uid), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",       \
	        "uid: " uid, "cn: " uid, "sn: " uid, "mail: " mail, FX_END)

/* ------------------------------------------------------------ addresses */

Test(addresses, new_address_in_the_tenant_domain_is_accepted)
{
	cr_assert_eq(NEW_USER("zoe", "zoe@iwdemo.fr"), TN_OK, "%s", fx_text());
}

Test(addresses, same_local_part_in_alias_domain_is_refused)
{
	NEW_USER("bob2", "bob@iwdemo.com");
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(addresses, alias_domain_clash_is_a_constraint_violation)
{
	cr_assert_eq(NEW_USER("bob2", "bob@iwdemo.com"), TN_CONSTRAINT_VIOLATION);
}

Test(addresses, clash_is_case_insensitive)
{
	NEW_USER("bob2", "BOB@IWDEMO.FR");
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(addresses, alias_clashing_with_another_entrys_mail_is_refused)
{
	fx_modify(ROOT, USER("erin"), "add: tenancyMailAlias: alice@iwdemo.com", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(addresses, alias_clashing_with_a_group_address_is_refused)
{
	fx_modify(ROOT, USER("erin"), "add: tenancyMailAlias: support@iwdemo.com", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(addresses, entry_may_hold_its_own_address_in_alias_form)
{
	cr_assert_eq(
	        fx_modify(ROOT, USER("erin"), "add: tenancyMailAlias: erin@iwdemo.com", FX_END),
	        TN_OK, "%s", fx_text());
}

Test(addresses, address_in_another_tenants_domain_is_refused)
{
	NEW_USER("zoe", "zoe@other.org");
	cr_assert_str_eq(fx_rule(), "address-domain");
}

Test(addresses, address_in_an_unknown_domain_is_refused)
{
	NEW_USER("zoe", "zoe@nowhere.example");
	cr_assert_str_eq(fx_rule(), "address-domain");
}

Test(addresses, alias_outside_tenant_domains_is_refused)
{
	fx_modify(ROOT, USER("erin"), "add: tenancyMailAlias: erin@other.net", FX_END);
	cr_assert_str_eq(fx_rule(), "address-domain");
}

Test(addresses, malformed_address_is_refused)
{
	NEW_USER("zoe", "zoe.iwdemo.fr");
	cr_assert_str_eq(fx_rule(), "address-syntax");
}

Test(addresses, same_local_part_in_another_tenant_is_allowed)
{
	cr_assert_eq(fx_add(ROOT, OUSER("bob"), "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "uid: bob", "cn: bob", "sn: bob",
	                     "mail: bob@other.org", FX_END),
	        TN_OK, "%s", fx_text());
}

Test(addresses, contact_mail_claims_nothing)
{
	cr_assert_eq(fx_add(ROOT, "cn=ext," DOM, "objectClass: inetOrgPerson", "cn: ext", "sn: ext",
	                     "mail: alice@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
}

Test(addresses, freed_address_can_be_reused_after_delete)
{
	NEW_USER("zoe", "zoe@iwdemo.fr");
	fx_delete(ROOT, USER("zoe"));
	cr_assert_eq(NEW_USER("zoe2", "zoe@iwdemo.com"), TN_OK, "%s", fx_text());
}

Test(addresses, operator_is_held_to_the_invariants_too)
{
	fx_add(AS(OPERATOR), USER("bob2"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: bob2", "cn: b", "sn: b",
	        "mail: bob@iwdemo.com", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

/* -------------------------------------------------------------- domains */

Test(domains, new_tenant_with_a_fresh_name_is_accepted)
{
	cr_assert_eq(fx_add(ROOT, "tenancyDomainName=newco.fr," DOMAINS,
	                     "objectClass: tenancyDomain", "tenancyDomainName: newco.fr", FX_END),
	        TN_OK, "%s", fx_text());
}

Test(domains, alias_taken_by_another_tenant_is_refused)
{
	fx_add(ROOT, "tenancyDomainName=newco.fr," DOMAINS, "objectClass: tenancyDomain",
	        "tenancyDomainName: newco.fr", "tenancyDomainAlias: iwdemo.com", FX_END);
	cr_assert_str_eq(fx_rule(), "domain-unique");
}

Test(domains, primary_name_equal_to_another_tenants_alias_is_refused)
{
	fx_add(ROOT, "tenancyDomainName=iwdemo.com," DOMAINS, "objectClass: tenancyDomain",
	        "tenancyDomainName: iwdemo.com", FX_END);
	cr_assert_str_eq(fx_rule(), "domain-unique");
}

Test(domains, adding_another_tenants_primary_name_as_alias_is_refused)
{
	fx_modify(ROOT, ODOM, "add: tenancyDomainAlias: IWDEMO.FR", FX_END);
	cr_assert_str_eq(fx_rule(), "domain-unique");
}

Test(domains, alias_equal_to_the_primary_name_is_refused)
{
	fx_modify(ROOT, ODOM, "add: tenancyDomainAlias: other.org", FX_END);
	cr_assert_str_eq(fx_rule(), "domain-name");
}

Test(domains, tenant_outside_the_domains_base_is_refused)
{
	fx_add(ROOT, "tenancyDomainName=stray.fr," BASE, "objectClass: tenancyDomain",
	        "tenancyDomainName: stray.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "domain-place");
}

Test(domains, invalid_domain_name_is_refused)
{
	fx_modify(ROOT, ODOM, "add: tenancyDomainAlias: bad..name", FX_END);
	cr_assert_str_eq(fx_rule(), "address-syntax");
}

Test(domains, removing_an_alias_still_used_by_an_address_is_refused)
{
	fx_modify(ROOT, USER("erin"), "add: tenancyMailAlias: e.r@iwdemo.com", FX_END);
	fx_modify(ROOT, DOM, "delete: tenancyDomainAlias: iwdemo.com", FX_END);
	cr_assert_str_eq(fx_rule(), "in-use");
}

Test(domains, in_use_text_names_the_address)
{
	fx_modify(ROOT, USER("erin"), "add: tenancyMailAlias: e.r@iwdemo.com", FX_END);
	fx_modify(ROOT, DOM, "delete: tenancyDomainAlias: iwdemo.com", FX_END);
	cr_assert(strstr(fx_text(), "e.r@iwdemo.com") != NULL, "%s", fx_text());
}

Test(domains, removing_an_unused_alias_is_allowed)
{
	cr_assert_eq(fx_modify(ROOT, DOM, "delete: tenancyDomainAlias: iwdemo.com", FX_END), TN_OK,
	        "%s", fx_text());
}

Test(domains, a_released_alias_can_move_to_another_tenant)
{
	fx_modify(ROOT, DOM, "delete: tenancyDomainAlias: iwdemo.com", FX_END);
	cr_assert_eq(fx_modify(ROOT, ODOM, "add: tenancyDomainAlias: iwdemo.com", FX_END), TN_OK,
	        "%s", fx_text());
}

Test(domains, deleting_a_tenant_with_entries_is_refused)
{
	fx_delete(ROOT, ODOM);
	cr_assert_str_eq(fx_rule(), "in-use");
}

/* ----------------------------------------------------------- references */

Test(references, member_that_does_not_exist_is_refused)
{
	fx_modify(ROOT, GROUP("sales"), "add: member: " USER("ghost"), FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

Test(references, member_of_another_tenant_is_refused)
{
	fx_modify(ROOT, GROUP("sales"), "add: member: " OUSER("oscar"), FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

Test(references, other_tenant_reference_text_says_so_to_the_rootdn)
{
	fx_modify(ROOT, GROUP("sales"), "add: member: " OUSER("oscar"), FX_END);
	cr_assert(strstr(fx_text(), "another tenant") != NULL, "%s", fx_text());
}

Test(references, unit_ref_naming_a_user_is_refused)
{
	fx_modify(ROOT, USER("erin"), "replace: tenancyUnitRef: " USER("bob"), FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

Test(references, share_naming_a_unit_is_refused)
{
	fx_modify(ROOT, SHARED("contact"), "add: tenancyShareRead: " PARIS, FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

Test(references, unit_as_a_group_member_is_refused)
{
	fx_modify(ROOT, GROUP("sales"), "add: member: " PARIS, FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

Test(references, shared_mailbox_as_a_grantee_is_refused)
{
	fx_add(ROOT, GRANT("x"), "objectClass: tenancyGrant", "cn: x",
	        "tenancyGrantee: " SHARED("contact"), "tenancyScope: " PARIS,
	        "tenancyRole: quotaManager", FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

Test(references, grant_scope_in_another_tenant_is_refused)
{
	fx_add(ROOT, GRANT("x"), "objectClass: tenancyGrant", "cn: x",
	        "tenancyGrantee: " USER("bob"), "tenancyScope: " ODOM, "tenancyRole: quotaManager",
	        FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

Test(references, reference_is_a_constraint_violation)
{
	fx_modify(ROOT, GROUP("sales"), "add: member: " USER("ghost"), FX_END);
	cr_assert_eq(fx_code(), TN_CONSTRAINT_VIOLATION);
}

Test(references, existing_member_of_the_same_tenant_is_accepted)
{
	cr_assert_eq(fx_modify(ROOT, GROUP("sales"), "add: member: " USER("erin"), FX_END), TN_OK,
	        "%s", fx_text());
}

/* ---------------------------------------------------------------- moves */

Test(moves, moving_a_user_to_another_tenant_is_refused)
{
	fx_rename(ROOT, USER("frank"), "uid=frank", "ou=people," ODOM);
	cr_assert_str_eq(fx_rule(), "tenant-move");
}

Test(moves, moving_a_user_out_of_every_tenant_is_refused)
{
	NEW_USER("zoe", "zoe@iwdemo.fr");
	fx_rename(ROOT, USER("zoe"), "uid=zoe", BASE);
	cr_assert_str_eq(fx_rule(), "tenant-move");
}

Test(moves, renaming_a_tenant_is_refused)
{
	fx_rename(ROOT, ODOM, "tenancyDomainName=other.com", NULL);
	cr_assert_str_eq(fx_rule(), "tenant-move");
}

Test(moves, renaming_an_unreferenced_user_in_place_is_allowed)
{
	NEW_USER("zoe", "zoe@iwdemo.fr");
	cr_assert_eq(fx_rename(ROOT, USER("zoe"), "uid=zoe.b", NULL), TN_OK, "%s", fx_text());
}

Test(moves, malformed_new_superior_is_an_invalid_dn)
{
	fx_rename(ROOT, USER("frank"), "uid=frank", "ou=,,bad");
	cr_assert_eq(fx_code(), TN_INVALID_DN_SYNTAX);
}

/* -------------------------------------------------------------- deletes */

Test(deletes, referenced_mailbox_is_not_deleted)
{
	fx_delete(ROOT, USER("bob"));
	cr_assert_str_eq(fx_rule(), "in-use");
}

Test(deletes, referenced_mailbox_refusal_counts_the_memberships)
{
	fx_delete(ROOT, USER("bob"));
	cr_assert(strstr(fx_text(), "2 member") != NULL, "%s", fx_text());
}

Test(deletes, referenced_mailbox_refusal_counts_the_delegations)
{
	fx_delete(ROOT, USER("bob"));
	cr_assert(strstr(fx_text(), "2 tenancySendAsDelegate") != NULL, "%s", fx_text());
}

Test(deletes, unreferenced_mailbox_is_deleted)
{
	NEW_USER("zoe", "zoe@iwdemo.fr");
	cr_assert_eq(fx_delete(ROOT, USER("zoe")), TN_OK, "%s", fx_text());
}

Test(deletes, unit_with_members_is_not_deleted)
{
	fx_delete(ROOT, PARIS);
	cr_assert_str_eq(fx_rule(), "in-use");
}

Test(deletes, unit_refusal_counts_members_and_grants)
{
	fx_delete(ROOT, ASIA);
	cr_assert(strstr(fx_text(), "1 member,") && strstr(fx_text(), "1 grant"), "%s", fx_text());
}

Test(deletes, unit_with_only_a_grant_is_not_deleted)
{
	fx_add(ROOT, "ou=Tokyo," ASIA, "objectClass: tenancyUnit", "ou: Tokyo", FX_END);
	fx_add(ROOT, GRANT("tokyo"), "objectClass: tenancyGrant", "cn: tokyo",
	        "tenancyGrantee: " USER("erin"), "tenancyScope: ou=Tokyo," ASIA,
	        "tenancyRole: quotaManager", FX_END);
	fx_delete(ROOT, "ou=Tokyo," ASIA);
	cr_assert_str_eq(fx_rule(), "in-use");
}

Test(deletes, unit_with_sub_units_is_not_deleted)
{
	fx_add(ROOT, "ou=Lyon," FRANCE, "objectClass: tenancyUnit", "ou: Lyon", FX_END);
	fx_add(ROOT, "ou=Croix-Rousse,ou=Lyon," FRANCE, "objectClass: tenancyUnit",
	        "ou: Croix-Rousse", FX_END);
	fx_delete(ROOT, "ou=Lyon," FRANCE);
	cr_assert_str_eq(fx_rule(), "in-use");
}

Test(deletes, empty_unit_is_deleted)
{
	fx_add(ROOT, "ou=Lyon," FRANCE, "objectClass: tenancyUnit", "ou: Lyon", FX_END);
	cr_assert_eq(fx_delete(ROOT, "ou=Lyon," FRANCE), TN_OK, "%s", fx_text());
}

Test(deletes, role_still_granted_is_not_deleted)
{
	fx_delete(ROOT, ROLE("userManager"));
	cr_assert_str_eq(fx_rule(), "in-use");
}

Test(deletes, role_refusal_counts_the_grants)
{
	fx_delete(ROOT, ROLE("userManager"));
	cr_assert(strstr(fx_text(), "4 grants") != NULL, "%s", fx_text());
}

Test(deletes, role_still_granted_is_not_renamed)
{
	fx_rename(ROOT, ROLE("quotaManager"), "cn=quotaKeeper", NULL);
	cr_assert_str_eq(fx_rule(), "in-use");
}

Test(deletes, role_implied_by_another_is_not_deleted)
{
	cr_assert_eq(fx_delete(ROOT, ROLE("directoryEditor")), TN_CONSTRAINT_VIOLATION);
}

Test(deletes, unused_role_is_deleted)
{
	cr_assert_eq(fx_delete(ROOT, ROLE("unused")), TN_OK, "%s", fx_text());
}

Test(deletes, group_named_by_a_grant_is_not_deleted)
{
	fx_delete(ROOT, GROUP("power"));
	cr_assert(strstr(fx_text(), "tenancyGrantee") != NULL, "%s", fx_text());
}

/* --------------------------------------------------------------- grants */

Test(grants, grant_of_an_undefined_role_is_refused)
{
	fx_add(ROOT, GRANT("x"), "objectClass: tenancyGrant", "cn: x",
	        "tenancyGrantee: " USER("bob"), "tenancyScope: " PARIS, "tenancyRole: wizard",
	        FX_END);
	cr_assert_str_eq(fx_rule(), "grant-role");
}

Test(grants, root_only_role_on_a_unit_is_refused)
{
	fx_add(ROOT, GRANT("x"), "objectClass: tenancyGrant", "cn: x",
	        "tenancyGrantee: " USER("bob"), "tenancyScope: " EUROPE,
	        "tenancyRole: domainManager", FX_END);
	cr_assert_str_eq(fx_rule(), "root-only");
}

Test(grants, root_only_role_on_the_domain_is_accepted)
{
	cr_assert_eq(fx_add(ROOT, GRANT("x"), "objectClass: tenancyGrant", "cn: x",
	                     "tenancyGrantee: " USER("bob"), "tenancyScope: " DOM,
	                     "tenancyRole: domainManager", FX_END),
	        TN_OK, "%s", fx_text());
}

Test(grants, grant_with_two_scopes_is_refused)
{
	fx_add(ROOT, GRANT("x"), "objectClass: tenancyGrant", "cn: x",
	        "tenancyGrantee: " USER("bob"), "tenancyScope: " PARIS, "tenancyScope: " ASIA,
	        "tenancyRole: quotaManager", FX_END);
	cr_assert_str_eq(fx_rule(), "grant");
}

Test(grants, role_name_is_matched_case_insensitively)
{
	cr_assert_eq(fx_add(ROOT, GRANT("x"), "objectClass: tenancyGrant", "cn: x",
	                     "tenancyGrantee: " USER("bob"), "tenancyScope: " PARIS,
	                     "tenancyRole: QUOTAMANAGER", FX_END),
	        TN_OK, "%s", fx_text());
}

Test(grants, role_with_an_unknown_permission_is_refused)
{
	fx_add(ROOT, ROLE("odd"), "objectClass: tenancyRole", "cn: odd", "tenancyPermission: fly",
	        FX_END);
	cr_assert_str_eq(fx_rule(), "role-permission");
}

Test(grants, role_outside_the_roles_base_is_refused)
{
	fx_add(ROOT, "cn=odd," BASE, "objectClass: tenancyRole", "cn: odd",
	        "tenancyPermission: quota", FX_END);
	cr_assert_str_eq(fx_rule(), "role-place");
}

/* ------------------------------------------------------------ lifecycle */

Test(lifecycle, mailbox_in_a_disabled_domain_is_refused)
{
	fx_add(ROOT, "uid=z," CDOM, "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: z", "cn: z", "sn: z", "mail: z@closed.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "domain-disabled");
}

Test(lifecycle, mailbox_in_a_pending_domain_is_created_pending)
{
	struct tn_change c = {.kind = TN_ADD,
	        .dn = "uid=p," PDOM,
	        .entry = fx_entry("uid=p," PDOM, "objectClass: inetOrgPerson",
	                "objectClass: tenancyMailbox", "uid: p", "cn: p", "sn: p",
	                "mail: p@pending.fr", FX_END)};
	fx_judge(ROOT, &c);
	cr_assert_str_eq(fx_verdict.set_status ? fx_verdict.set_status : "(null)", "pending");
}

Test(lifecycle, mailbox_in_an_enabled_domain_gets_no_forced_status)
{
	struct tn_change c = {.kind = TN_ADD,
	        .dn = USER("zoe"),
	        .entry = fx_entry(USER("zoe"), "objectClass: inetOrgPerson",
	                "objectClass: tenancyMailbox", "uid: zoe", "cn: z", "sn: z",
	                "mail: zoe@iwdemo.fr", FX_END)};
	fx_judge(ROOT, &c);
	cr_assert_null(fx_verdict.set_status);
}

Test(lifecycle, mailbox_in_a_failed_domain_is_created_pending)
{
	struct tn_change c = {.kind = TN_ADD,
	        .dn = "uid=p," PDOM,
	        .entry = fx_entry("uid=p," PDOM, "objectClass: inetOrgPerson",
	                "objectClass: tenancyMailbox", "uid: p", "cn: p", "sn: p",
	                "mail: p@pending.fr", FX_END)};

	fx_modify(ROOT, PDOM, "replace: tenancyStatus: failed", FX_END);
	fx_judge(ROOT, &c);
	cr_assert_str_eq(fx_verdict.set_status ? fx_verdict.set_status : "(null)", "pending");
}

Test(lifecycle, pending_mailbox_is_not_routed_while_its_domain_is_pending)
{
	fx_add(ROOT, "uid=p," PDOM, "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: p", "cn: p", "sn: p", "mail: p@pending.fr", FX_END);
	cr_assert_eq(fx_route("p@pending.fr"), 0);
}

Test(lifecycle, enabling_the_domain_makes_its_pending_mailboxes_routable)
{
	fx_add(ROOT, "uid=p," PDOM, "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: p", "cn: p", "sn: p", "mail: p@pending.fr", FX_END);
	fx_modify(ROOT, PDOM, "replace: tenancyStatus: enabled", FX_END);
	cr_assert_eq(fx_route("p@pending.fr"), 1);
}

Test(lifecycle, disabled_mailbox_is_not_routed)
{
	cr_assert_eq(fx_route("grace@iwdemo.fr"), 0);
}

Test(lifecycle, invalid_status_value_is_refused)
{
	fx_modify(ROOT, USER("erin"), "replace: tenancyStatus: sleeping", FX_END);
	cr_assert_str_eq(fx_rule(), "status");
}

Test(lifecycle, tenancy_classes_are_not_added_to_an_existing_entry)
{
	fx_add(ROOT, "cn=ext," DOM, "objectClass: inetOrgPerson", "cn: ext", "sn: ext", FX_END);
	fx_modify(ROOT, "cn=ext," DOM, "add: objectClass: tenancyMailbox",
	        "add: mail: ext@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "kind-change");
}

/* ---- refusal texts name no entry the actor may not see (§5a.8) */

/* A group of other.org with zoe, of iwdemo.fr, as a member. */
#define FOREIGN_CREW                                                                               \
	"dn: cn=crew,ou=groups," ODOM "\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\n"   \
	"cn: crew\nmember: " USER("zoe") "\n"

/* A reference from another tenant counts as absent (ref_counts()): it
 * holds no delete, and the actor is told nothing of it. */
Test(deletes, a_referrer_of_another_tenant_holds_no_delete)
{
	NEW_USER("zoe", "zoe@iwdemo.fr");
	fx_record_unjudged(FOREIGN_CREW);
	cr_assert_eq(fx_delete(AS(USER("boss")), USER("zoe")), TN_OK, "%s", fx_text());
}

Test(deletes, the_rootdn_is_not_held_by_a_referrer_of_another_tenant_either)
{
	NEW_USER("zoe", "zoe@iwdemo.fr");
	fx_record_unjudged(FOREIGN_CREW);
	cr_assert_eq(fx_delete(ROOT, USER("zoe")), TN_OK, "%s", fx_text());
}

/* A rename counts it: slapd would leave the value naming the old DN.
 * The refusal does not name it. */
Test(deletes, a_rename_is_held_by_a_referrer_of_another_tenant_not_named)
{
	NEW_USER("zoe", "zoe@iwdemo.fr");
	fx_record_unjudged(FOREIGN_CREW);
	cr_assert_eq(fx_rename(AS(USER("boss")), USER("zoe"), "uid=zoe2", NULL),
	        TN_CONSTRAINT_VIOLATION, "%s", fx_text());
	cr_assert_str_eq(fx_rule(), "in-use");
	cr_assert(strstr(fx_text(), "1 member (first: an entry you cannot see)"), "%s", fx_text());
	cr_assert(!strstr(fx_text(), "other.org"), "%s", fx_text());
	/* The rootdn is told which. */
	cr_assert_eq(fx_rename(ROOT, USER("zoe"), "uid=zoe2", NULL), TN_CONSTRAINT_VIOLATION);
	cr_assert(strstr(fx_text(), "(first: cn=crew,ou=groups," ODOM ")"), "%s", fx_text());
}

Test(deletes, a_visible_referrer_is_named_before_a_hidden_one)
{
	NEW_USER("zoe", "zoe@iwdemo.fr");
	fx_record_unjudged(FOREIGN_CREW);
	cr_assert_eq(fx_modify(ROOT, GROUP("support"), "add: member: " USER("zoe"), FX_END), TN_OK,
	        "%s", fx_text());
	cr_assert_eq(fx_rename(AS(USER("boss")), USER("zoe"), "uid=zoe2", NULL),
	        TN_CONSTRAINT_VIOLATION, "%s", fx_text());
	cr_assert(strstr(fx_text(), "2 member (first: " GROUP("support") ")"), "%s", fx_text());
	cr_assert(!strstr(fx_text(), "other.org"), "%s", fx_text());
	/* A delete counts the member of its own tenant alone. */
	cr_assert_eq(
	        fx_delete(AS(USER("boss")), USER("zoe")), TN_CONSTRAINT_VIOLATION, "%s", fx_text());
	cr_assert(strstr(fx_text(), "by 1 member (first: " GROUP("support") ")"), "%s", fx_text());
}

/* An other.org grant that gives zoe a role at other.org: it reaches
 * across tenants and counts for nothing, so deleting zoe is no takeover,
 * and it holds no delete. */
Test(deletes, a_grant_of_another_tenant_is_no_takeover_and_holds_no_delete)
{
	NEW_USER("zoe", "zoe@iwdemo.fr");
	fx_record_unjudged("dn: cn=x1,ou=grants," ODOM "\nobjectClass: tenancyGrant\ncn: x1\n"
	                   "tenancyGrantee: " USER("zoe") "\ntenancyScope: " ODOM "\n"
	                                                  "tenancyRole: directoryEditor\n");
	cr_assert_eq(fx_delete(AS(USER("boss")), USER("zoe")), TN_OK, "%s", fx_text());
}
