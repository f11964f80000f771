/*
 * test_outside.c - where there is no tenant, tenancy has no say: entries
 * of no tenancy class outside every tenant, the tenancy-domains subtree
 * and the roles container are left to slapd's ACLs and syntax rules, and
 * leave nothing in the model.  Everywhere else the rules still hold.
 */
#include "fixture.h"

#include <criterion/criterion.h>

TestSuite(outside, .init = fx_setup, .fini = fx_teardown);

/* Someone of the staff directory beside the tenants: no tenant's member,
 * no operator, no reader. */
#define STAFF AS("uid=jane,ou=staff," BASE)
#define APPS  "ou=apps," BASE

Test(outside, add_by_a_user_of_no_tenant_is_left_to_the_acls)
{
	cr_assert_eq(fx_add(STAFF, APPS, "objectClass: organizationalUnit", "ou: apps", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_add(STAFF, "uid=paul," APPS, "objectClass: inetOrgPerson", "uid: paul",
	                     "cn: Paul", "sn: Paul", "mail: paul@elsewhere.example", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_delete(STAFF, "uid=paul," APPS), TN_OK, "%s", fx_text());
}

Test(outside, member_values_of_a_plain_group_are_slapds_to_judge)
{
	cr_assert_eq(fx_add(ROOT, "cn=empty," APPS, "objectClass: groupOfNames", "cn: empty",
	                     "member: ", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_add(STAFF, "cn=odd," APPS, "objectClass: groupOfNames", "cn: odd",
	                     "member: cn=\"quoted\"," BASE, FX_END),
	        TN_OK, "%s", fx_text());
}

/* The model keeps no node for them: a subtree of plain entries added
 * after the load is renamed as after a restart. */
Test(outside, a_subtree_of_plain_entries_added_later_is_renamed)
{
	cr_assert_eq(
	        fx_add(ROOT, APPS, "objectClass: organizationalUnit", "ou: apps", FX_END), TN_OK);
	cr_assert_eq(
	        fx_add(ROOT, "cn=crm," APPS, "objectClass: organizationalRole", "cn: crm", FX_END),
	        TN_OK);
	cr_assert_eq(fx_rename(ROOT, APPS, "ou=applications", NULL), TN_OK, "%s", fx_text());
	cr_assert_eq(fx_rename(STAFF, "ou=applications," BASE, "ou=apps", "ou=staff," BASE), TN_OK,
	        "%s", fx_text());
}

Test(outside, a_subtree_holding_role_definitions_is_not_renamed)
{
	cr_assert_eq(fx_rename(ROOT, ROLES, "ou=old-roles", NULL), TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "in-use");
}

Test(outside, below_the_domains_base_is_not_outside)
{
	cr_assert_eq(fx_add(STAFF, "ou=parked," DOMAINS, "objectClass: organizationalUnit",
	                     "ou: parked", FX_END),
	        TN_INSUFFICIENT_ACCESS);
	cr_assert_eq(fx_add(ROOT, "cn=g," DOMAINS, "objectClass: groupOfNames", "cn: g",
	                     "member: ", FX_END),
	        TN_INVALID_SYNTAX);
}

Test(outside, the_containers_are_not_outside)
{
	cr_assert_eq(fx_modify(STAFF, ROLES, "replace: description: mine", FX_END),
	        TN_INSUFFICIENT_ACCESS);
	cr_assert_eq(fx_modify(STAFF, DOMAINS, "replace: description: mine", FX_END),
	        TN_INSUFFICIENT_ACCESS);
}

Test(outside, a_tenancy_class_outside_is_judged)
{
	cr_assert_eq(fx_add(STAFF, "cn=boss," APPS, "objectClass: tenancyRole", "cn: boss",
	                     "tenancyPermission: grants", FX_END),
	        TN_INSUFFICIENT_ACCESS);
}

Test(outside, a_plain_entry_moved_into_a_tenant_is_judged)
{
	cr_assert_eq(
	        fx_add(STAFF, APPS, "objectClass: organizationalUnit", "ou: apps", FX_END), TN_OK);
	cr_assert_eq(fx_rename(STAFF, APPS, "ou=apps", DOM), TN_INSUFFICIENT_ACCESS);
	cr_assert_eq(fx_rename(STAFF, APPS, "ou=apps", DOMAINS), TN_INSUFFICIENT_ACCESS);
}

Test(outside, inside_a_tenant_member_values_are_still_read)
{
	cr_assert_eq(fx_add(ROOT, "cn=empty,ou=groups," DOM, "objectClass: groupOfNames",
	                     "cn: empty", "member: ", FX_END),
	        TN_INVALID_SYNTAX);
}
