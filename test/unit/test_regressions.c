/*
 * test_regressions.c - engine defects the unit tests found, kept as tests.
 *
 * Each states the behaviour DESIGN.md and tenancy.h promise and failed
 * against an earlier engine: isolation that failed open, tenant moves of
 * whole containers, role names defined twice, logins across tenants, empty
 * values (one failed only under --enable-sanitizers, where UBSan stopped
 * the undefined behaviour behind it).
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <string.h>

TestSuite(regression_moves, .init = fx_setup, .fini = fx_teardown);
TestSuite(regression_hostile, .init = fx_setup, .fini = fx_teardown);

/*
 * DESIGN §5.5: no entry moves to another tenant.  A container that the
 * engine does not govern (ou=people) carries every mailbox below it.
 */
Test(regression_moves, moving_a_container_with_mailboxes_to_another_tenant_is_refused)
{
	fx_rename(ROOT, "ou=people," DOM, "ou=people-iwdemo", ODOM);
	cr_assert_str_eq(fx_rule(), "tenant-move");
}

/* Hostile input: a rename whose new RDN is not an RDN. */
Test(regression_hostile, malformed_new_rdn_is_an_invalid_dn)
{
	fx_rename(ROOT, USER("frank"), "this is not an rdn", NULL);
	cr_assert_eq(fx_code(), TN_INVALID_DN_SYNTAX);
}

/*
 * tenancy.h: tn_model_load returns -1 only when memory ran out.  A grant
 * naming a 300-character role is data to report, not an allocation failure.
 */
Test(regression_hostile, long_role_name_in_a_loaded_grant_is_not_out_of_memory)
{
	char role[301];
	struct tn_entry *e = fx_entry(GRANT("long"), "objectClass: tenancyGrant", "cn: long",
	        "tenancyGrantee: " USER("bob"), "tenancyScope: " PARIS, FX_END);

	memset(role, 'r', 300);
	fx_entry_add(e, "tenancyRole", role, 300);
	cr_assert_eq(tn_model_load(fx, e), 0);
}

/*
 * DESIGN §6: entries of another tenant are hidden, and "hidden entries
 * behave as absent".  Naming a unit of another tenant is refused as a
 * permission at that unit (and the text spells its DN) when it exists, as a
 * reference when it does not: an administrator learns what another tenant
 * holds.
 */
TestSuite(regression_isolation, .init = fx_setup, .fini = fx_teardown);

static void
foreign_unit(void)
{
	if (fx_add(ROOT, "ou=Sales,ou=people," ODOM, "objectClass: tenancyUnit", "ou: Sales",
	            FX_END) != TN_OK)
		cr_assert_fail("set-up refused: %s", fx_text());
}

Test(regression_isolation, existing_unit_of_another_tenant_is_refused_as_if_absent)
{
	foreign_unit();
	fx_add(AS(USER("boss")), USER("zoe"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zoe", "cn: z", "sn: z", "mail: zoe@iwdemo.fr",
	        "tenancyUnitRef: ou=Sales,ou=people," ODOM, FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

Test(regression_isolation, grant_scoped_on_another_tenant_is_refused_as_a_reference)
{
	fx_add(AS(USER("boss")), GRANT("x"), "objectClass: tenancyGrant", "cn: x",
	        "tenancyGrantee: " USER("bob"), "tenancyScope: " ODOM, "tenancyRole: userManager",
	        FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

/*
 * DESIGN §6: a tenant user sees only T and the tenants sharing T's
 * tenancyContext.  The context is then a boundary an operator draws: a
 * tenant's own domainManager sets it today (it needs only "domain"), joins
 * another organisation's context and reads its tenants.
 */
Test(regression_isolation, tenant_administrator_cannot_join_another_context)
{
	cr_assert_eq(fx_modify(AS(USER("boss")), DOM, "replace: tenancyContext: acme", FX_END),
	        TN_INSUFFICIENT_ACCESS);
}

/*
 * tenancy.h: the login attribute is read when entries are stored.  Set
 * after loading, it takes effect once the model is reset and reloaded (the
 * overlay reloads it when cn=config changes the attribute).
 */
TestSuite(regression_config, .init = fx_setup_empty, .fini = fx_teardown);

Test(regression_config, login_attribute_takes_effect_after_a_reload)
{
	static const char *const world =
	        "dn: " DOM "\nobjectClass: tenancyDomain\ntenancyDomainName: iwdemo.fr\n\n"
	        "dn: " USER("alice") "\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n"
	                             "uid: alice\ncn: a\nsn: a\nmail: alice@iwdemo.fr\n";

	cr_assert_eq(fx_ldif(ROOT, world), 0, "set-up refused: %s", fx_text());
	cr_assert_eq(tn_config_set_login_attr(fx, "uid"), 0);
	cr_assert_neq(fx_sendas("alice", "alice@iwdemo.fr", 0), TN_OK,
	        "before the reload, uid is not a login yet");
	tn_model_reset(fx);
	cr_assert_eq(fx_ldif(ROOT, world), 0, "reload refused: %s", fx_text());
	cr_assert_eq(fx_sendas("alice", "alice@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

/*
 * DESIGN §5.6-7: grants name roles by name, and nothing is lost silently.
 * A second tenancyRole entry with a name already defined (a new entry, or
 * an unused role's cn changed) is accepted and silently replaces the
 * permissions of every grant of that role: userManager then grants quota.
 */
TestSuite(regression_roles, .init = fx_setup, .fini = fx_teardown);

Test(regression_roles, second_definition_of_a_role_name_is_refused)
{
	cr_assert_eq(fx_add(ROOT, "cn=userManager,ou=old," ROLES, "objectClass: tenancyRole",
	                     "cn: userManager", "tenancyPermission: quota", FX_END),
	        TN_CONSTRAINT_VIOLATION);
}

Test(regression_roles, renaming_a_role_onto_a_defined_name_is_refused)
{
	cr_assert_eq(fx_modify(ROOT, ROLE("unused"), "replace: cn: userManager", FX_END),
	        TN_CONSTRAINT_VIOLATION);
}

/*
 * With a login attribute other than mail (uid), login names index one
 * global map: a user of another tenant created with uid "alice" takes the
 * login over, and iwdemo.fr's alice may no longer send as herself.
 * Renaming uid=zoe to uid=zoe2 (modrdn, deleteoldrdn) keeps the old login
 * and knows no new one.
 */
TestSuite(regression_logins, .init = fx_setup_uid_logins, .fini = fx_teardown);

Test(regression_logins, same_uid_in_another_tenant_does_not_take_the_login_over)
{
	fx_add(ROOT, OUSER("alice"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: alice", "cn: a", "sn: a", "mail: alice@other.org", FX_END);
	cr_assert_eq(fx_sendas("alice", "alice@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

Test(regression_logins, renamed_uid_is_the_new_login)
{
	if (fx_add(ROOT, USER("zoe"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	            "uid: zoe", "cn: z", "sn: z", "mail: zoe@iwdemo.fr", FX_END) != TN_OK ||
	        fx_rename(ROOT, USER("zoe"), "uid=zoe2", NULL) != TN_OK)
		cr_assert_fail("set-up refused: %s", fx_text());
	cr_assert_eq(fx_sendas("zoe2", "zoe@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

/*
 * DESIGN §5.7: root-only roles only on the domain itself.  Turning a role
 * granted on units into a root-only one is accepted, leaving those grants
 * in breach.
 */
Test(regression_roles, role_granted_on_a_unit_does_not_become_root_only)
{
	cr_assert_eq(fx_modify(ROOT, ROLE("userManager"), "replace: tenancyRootOnly: TRUE", FX_END),
	        TN_CONSTRAINT_VIOLATION);
}

/*
 * DESIGN §6: anyone bound as an entry inside tenant T sees only T.  An
 * actor is placed by its node in the model; a DN below T that the model
 * does not hold (never loaded, or pruned as an empty path node) counts as
 * outside every tenant, and so sees every tenant: isolation fails open.
 * tn_visible already places unknown targets by their nearest known
 * ancestor; actors need the same.
 */
Test(regression_isolation, actor_below_a_tenant_unknown_to_the_model_sees_only_that_tenant)
{
	cr_assert_not(tn_visible(fx, AS("cn=app,ou=services," DOM), OUSER("oscar")));
}

/*
 * Hostile input: an empty value.  record.c canonicalises a value into a
 * fresh buffer whose string is still NULL when the value is empty, then
 * hands that NULL to strv_has (strcmp) and strv_add (memcpy).  With values
 * already present the judge crashes; with none it is undefined behaviour
 * that UBSan stops.  LDIF for `tenancy lint` may hold "tenancyMailAlias:".
 */
Test(regression_hostile, empty_address_beside_existing_ones_does_not_crash)
{
	fx_modify(ROOT, USER("alice"), "add: tenancyMailAlias: ", FX_END);
	cr_assert_str_eq(fx_rule(), "address-syntax");
}

Test(regression_hostile, empty_address_is_refused)
{
	fx_modify(ROOT, USER("erin"), "add: tenancyMailAlias: ", FX_END);
	cr_assert_str_eq(fx_rule(), "address-syntax");
}

Test(regression_hostile, deleting_an_empty_value_beside_existing_ones_does_not_crash)
{
	fx_modify(ROOT, USER("alice"), "delete: tenancyMailAlias: ", FX_END);
	cr_assert_eq(fx_route("alice.smith@iwdemo.fr"), 1);
}

/*
 * DESIGN §5a: judge what slapd stores.  A delete removes every stored value
 * that slapd's equality rule matches (caseIgnoreMatch, caseIgnoreIA5Match):
 * without case, blanks at either end and repeated blanks insignificant.  The
 * model dropped only the values spelled as it held them: an alias deleted in
 * capitals kept routing to its old holder, and a role revoked so kept giving
 * its rights.
 */
TestSuite(regression_deletes, .init = fx_setup, .fini = fx_teardown);

Test(regression_deletes, alias_deleted_in_another_spelling_routes_nowhere)
{
	cr_assert_eq(fx_route("alice.smith@iwdemo.fr"), 1);
	cr_assert_eq(fx_modify(ROOT, USER("alice"),
	                     "delete: tenancyMailAlias: ALICE.Smith@IWDEMO.fr  ", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_route("alice.smith@iwdemo.fr"), 0);
	/* and the address is free for another mailbox */
	cr_assert_eq(fx_modify(ROOT, USER("bob"), "add: tenancyMailAlias: alice.smith@iwdemo.fr",
	                     FX_END),
	        TN_OK, "%s", fx_text());
}

Test(regression_deletes, role_revoked_in_another_spelling_gives_nothing)
{
	cr_assert(fx_has_word(fx_rights(USER("carol"), EUROPE), "users.create"), "%s", fx_text());
	cr_assert_eq(fx_modify(ROOT, GRANT("carol-users"), "delete: tenancyRole: USERMANAGER   ",
	                     FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_not(
	        fx_has_word(fx_rights(USER("carol"), EUROPE), "users.create"), "%s", fx_text());
}

Test(regression_deletes, value_of_other_words_is_not_deleted)
{
	/* "alice. smith" is not "alice.smith": blanks inside a value count */
	cr_assert_eq(fx_modify(ROOT, USER("alice"),
	                     "delete: tenancyMailAlias: alice. smith@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_route("alice.smith@iwdemo.fr"), 1);
}

/*
 * DESIGN §5a: one tenancy kind per entry.  An entry that is a group (or a
 * shared mailbox, or a unit) and a tenancyMailbox was judged as the first
 * and served as a mailbox by every server that looks mailboxes up by class.
 */
TestSuite(regression_kinds, .init = fx_setup, .fini = fx_teardown);

Test(regression_kinds, group_that_is_also_a_mailbox_is_refused)
{
	fx_add(ROOT, GROUP("mixed"), "objectClass: groupOfNames", "objectClass: tenancyGroup",
	        "objectClass: tenancyMailbox", "cn: mixed", "mail: mixed@iwdemo.fr",
	        "member: " USER("bob"), FX_END);
	cr_assert_str_eq(fx_rule(), "kind", "%s", fx_text());
}

Test(regression_kinds, mailbox_class_added_to_a_group_is_refused)
{
	fx_modify(ROOT, GROUP("admins"), "add: objectClass: tenancyMailbox", FX_END);
	cr_assert_str_eq(fx_rule(), "kind", "%s", fx_text());
	/* the group's other fields stay writable */
	cr_assert_eq(fx_modify(ROOT, GROUP("admins"), "replace: description: x", FX_END), TN_OK,
	        "%s", fx_text());
}

/* uid matches as caseIgnoreMatch: without its blanks at either end.  A
 * login written with one is the same login to slapd, SASL and Dovecot. */
Test(regression_logins, a_login_with_blanks_is_the_same_login)
{
	fx_add(ROOT, OUSER("zed"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: alice ", "cn: z", "sn: z", "mail: zed@other.org", FX_END);
	cr_assert_str_eq(fx_rule(), "login-unique");
}

Test(regression_logins, a_login_added_by_a_modify_with_blanks_and_capitals_is_the_same_login)
{
	fx_add(ROOT, OUSER("zed"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: zed", "cn: z", "sn: z", "mail: zed@other.org", FX_END);
	fx_modify(ROOT, OUSER("zed"), "add: uid: ALICE  ", FX_END);
	cr_assert_str_eq(fx_rule(), "login-unique");
}

Test(regression_logins, a_run_of_blanks_inside_a_login_is_one_blank)
{
	cr_assert_eq(fx_add(ROOT, USER("jp"), "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "uid: jean paul", "cn: j", "sn: j",
	                     "mail: jp@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	fx_add(ROOT, OUSER("jp2"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: Jean   Paul", "cn: j", "sn: j", "mail: jp2@other.org", FX_END);
	cr_assert_str_eq(fx_rule(), "login-unique");
}

Test(regression_logins, a_loaded_login_with_blanks_is_held)
{
	fx_record_unjudged("dn: " OUSER(
	        "yan") "\nobjectClass: inetOrgPerson\n"
	               "objectClass: tenancyMailbox\nuid: Yan \nmail: yan@other.org\n");
	fx_add(ROOT, USER("yan"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: yan", "cn: y", "sn: y", "mail: yan@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "login-unique");
}
