/*
 * test_accounts.c - who is an account, and who sees the tenants: DESIGN
 * §5a.6 (only mailboxes bind), §5a.7 (hidden is missing), §5a.8 (secure
 * by default reads) and §6 (disabled means disabled).
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <string.h>

TestSuite(reads, .init = fx_setup, .fini = fx_teardown);
TestSuite(binds, .init = fx_setup, .fini = fx_teardown);
TestSuite(credentials, .init = fx_setup, .fini = fx_teardown);
TestSuite(disabled, .init = fx_setup, .fini = fx_teardown);

#define SERVICE "cn=webapp,ou=services," BASE

/* ------------------------------------------------ secure by default */

Test(reads, anonymous_sees_no_tenant_entry)
{
	cr_assert_not(tn_visible(fx, AS(NULL), USER("alice")));
	cr_assert_not(tn_visible(fx, AS(""), DOM));
}

Test(reads, anonymous_sees_entries_outside_every_tenant)
{
	cr_assert(tn_visible(fx, AS(NULL), ROLE("userManager")));
	cr_assert(tn_visible(fx, AS(NULL), DOMAINS));
}

Test(reads, unlisted_account_outside_tenants_sees_no_tenant_entry)
{
	cr_assert_not(tn_visible(fx, AS(SERVICE), USER("alice")));
	cr_assert_not(tn_sees_all(fx, AS(SERVICE)));
}

Test(reads, anonymous_does_not_see_all)
{
	cr_assert_not(tn_sees_all(fx, AS(NULL)));
}

Test(reads, reader_operator_and_rootdn_see_every_tenant)
{
	cr_assert(tn_sees_all(fx, AS(READER)));
	cr_assert(tn_sees_all(fx, AS(OPERATOR)));
	cr_assert(tn_sees_all(fx, ROOT));
	cr_assert(tn_visible(fx, AS(READER), OUSER("oscar")));
}

Test(reads, missing_entry_below_another_tenant_is_hidden)
{
	cr_assert_not(tn_visible(fx, AS(USER("alice")), "uid=nobody,ou=people," ODOM));
}

/* Fail closed: a DN too long for the engine may lie inside any tenant. */
Test(reads, dn_that_cannot_be_read_is_hidden)
{
	char *cn = fx_alloc(9001);

	memset(cn, 'a', 9000);
	cn[9000] = '\0';
	cr_assert_not(tn_visible(fx, AS(OUSER("oscar")), fx_printf("cn=%s,%s", cn, DOM)));
	cr_assert(tn_visible(fx, AS(READER), fx_printf("cn=%s,%s", cn, DOM)));
}

Test(reads, group_as_actor_sees_no_tenant_entry)
{
	cr_assert_not(tn_visible(fx, AS(GROUP("support")), USER("alice")));
}

Test(reads, disabled_mailbox_sees_not_even_its_own_tenant)
{
	cr_assert_not(tn_visible(fx, AS(USER("grace")), USER("alice")));
}

Test(reads, mailbox_still_sees_its_own_tenant)
{
	cr_assert(tn_visible(fx, AS(USER("bob")), USER("alice")));
}

/* --------------------------------------------------------- binds */

Test(binds, enabled_mailbox_binds)
{
	tn_answer_init(&fx_ans);
	cr_assert(fx_may_bind(USER("alice")));
}

Test(binds, entry_outside_every_tenant_binds)
{
	cr_assert(fx_may_bind(SERVICE));
	cr_assert(fx_may_bind(READER));
}

Test(binds, group_does_not_bind)
{
	cr_assert_not(fx_may_bind(GROUP("support")));
	cr_assert_eq(fx_ans.code, TN_INVALID_CREDENTIALS);
	cr_assert_str_eq(fx_rule(), "bind");
	cr_assert(strstr(fx_text(), "this is a group") != NULL, "%s", fx_text());
}

Test(binds, shared_mailbox_does_not_bind)
{
	cr_assert_not(fx_may_bind(SHARED("sales-box")));
	cr_assert(strstr(fx_text(), "a shared mailbox") != NULL, "%s", fx_text());
}

Test(binds, plain_entry_of_a_tenant_does_not_bind)
{
	cr_assert_not(fx_may_bind("cn=robot,ou=people," DOM));
	cr_assert(strstr(fx_text(), "a plain entry") != NULL, "%s", fx_text());
}

Test(binds, domain_entry_does_not_bind)
{
	cr_assert_not(fx_may_bind(DOM));
}

Test(binds, disabled_mailbox_does_not_bind)
{
	cr_assert_not(fx_may_bind(USER("grace")));
	cr_assert_str_eq(fx_rule(), "disabled");
	cr_assert(strstr(fx_text(), "the mailbox is disabled") != NULL, "%s", fx_text());
}

Test(binds, mailbox_of_a_pending_domain_does_not_bind)
{
	cr_assert_eq(fx_add(ROOT, "uid=pat," PDOM, "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "uid: pat", "cn: pat", "sn: pat",
	                     "mail: pat@pending.fr", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_not(fx_may_bind("uid=pat," PDOM));
	cr_assert(strstr(fx_text(), "its domain pending.fr is pending") != NULL, "%s", fx_text());
}

/* --------------------------------------------------- credentials */

Test(credentials, password_on_a_group_is_refused_even_to_the_rootdn)
{
	cr_assert_eq(fx_modify(ROOT, GROUP("support"), "add: objectClass: simpleSecurityObject",
	                     "add: userPassword: x", FX_END),
	        TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "credentials");
}

Test(credentials, password_with_an_option_on_a_shared_mailbox_is_refused)
{
	cr_assert_eq(
	        fx_modify(ROOT, SHARED("sales-box"), "replace: userPassword;lang-fr: x", FX_END),
	        TN_CONSTRAINT_VIOLATION);
}

Test(credentials, auth_password_by_oid_on_a_unit_is_refused)
{
	cr_assert_eq(fx_modify(ROOT, PARIS, "add: 1.3.6.1.4.1.4203.1.3.4: x", FX_END),
	        TN_CONSTRAINT_VIOLATION);
}

Test(credentials, plain_entry_with_a_password_is_not_added_inside_a_tenant)
{
	cr_assert_eq(fx_add(ROOT, "cn=robot,ou=people," DOM, "objectClass: applicationProcess",
	                     "objectClass: simpleSecurityObject", "cn: robot", "userPassword: x",
	                     FX_END),
	        TN_CONSTRAINT_VIOLATION);
}

Test(credentials, rdn_of_a_password_is_refused)
{
	cr_assert_eq(
	        fx_rename(ROOT, "ou=people," DOM, "userPassword=x", NULL), TN_CONSTRAINT_VIOLATION);
}

Test(credentials, mailbox_password_is_allowed)
{
	cr_assert_eq(fx_modify(ROOT, USER("bob"), "replace: userPassword: x", FX_END), TN_OK, "%s",
	        fx_text());
}

Test(credentials, removing_a_password_from_a_group_is_allowed)
{
	cr_assert_eq(fx_modify(ROOT, GROUP("support"), "delete: userPassword", FX_END), TN_OK, "%s",
	        fx_text());
}

Test(credentials, password_outside_every_tenant_is_slapds_business)
{
	cr_assert_eq(fx_add(ROOT, SERVICE, "objectClass: applicationProcess",
	                     "objectClass: simpleSecurityObject", "cn: webapp", "userPassword: x",
	                     FX_END),
	        TN_OK, "%s", fx_text());
}

/* ------------------------------------------------------ disabled */

static enum tn_result
create_zoe(const char *actor)
{
	return fx_add(AS(actor), USER("zoe"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zoe", "cn: zoe", "sn: zoe",
	        "mail: zoe@iwdemo.fr", FX_END);
}

Test(disabled, disabled_mailbox_loses_its_grants)
{
	cr_assert_eq(fx_modify(ROOT, USER("boss"), "replace: tenancyStatus: disabled", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(create_zoe(USER("boss")), TN_INSUFFICIENT_ACCESS);
	cr_assert_str_eq(fx_rule(), "account");
}

Test(disabled, enabled_again_it_holds_them_again)
{
	fx_modify(ROOT, USER("boss"), "replace: tenancyStatus: disabled", FX_END);
	fx_modify(ROOT, USER("boss"), "replace: tenancyStatus: enabled", FX_END);
	cr_assert_eq(create_zoe(USER("boss")), TN_OK, "%s", fx_text());
}

Test(disabled, disabled_member_gets_nothing_from_its_group)
{
	cr_assert_eq(fx_modify(ROOT, GROUP("power"), "add: member: " USER("grace"), FX_END), TN_OK,
	        "%s", fx_text());
	cr_assert_eq(create_zoe(USER("grace")), TN_INSUFFICIENT_ACCESS);
	cr_assert_str_eq(fx_rule(), "account");
}

Test(disabled, disabled_mailbox_finds_other_tenants_missing)
{
	cr_assert_eq(fx_modify(AS(USER("grace")), OUSER("oscar"), "replace: title: x", FX_END),
	        TN_NO_SUCH_OBJECT);
}

Test(disabled, disabled_mailbox_sends_as_nothing)
{
	cr_assert_neq(fx_sendas("grace@iwdemo.fr", "grace@iwdemo.fr", 0), TN_OK);
}

Test(disabled, disabled_mailbox_has_no_rights_and_no_effective_role)
{
	size_t n = 0;

	cr_assert_neq(fx_rights(USER("boss"), NULL)[0], '\0');
	fx_computed(TN_AT_EFFECTIVE_ROLE, USER("boss"), "|", &n);
	cr_assert_gt(n, 0);
	fx_modify(ROOT, USER("boss"), "replace: tenancyStatus: disabled", FX_END);
	cr_assert_str_eq(fx_rights(USER("boss"), NULL), "");
	fx_computed(TN_AT_EFFECTIVE_ROLE, USER("boss"), "|", &n);
	cr_assert_eq(n, 0);
}

/* Disabling an administrator does not open its account to a weaker one,
 * who could otherwise reset its password and enable it again. */
Test(disabled, disabled_stronger_account_is_still_not_taken_over)
{
	fx_modify(ROOT, USER("boss"), "replace: tenancyStatus: disabled", FX_END);
	cr_assert_eq(fx_modify(AS(USER("carol")), USER("boss"), "replace: userPassword: x", FX_END),
	        TN_INSUFFICIENT_ACCESS);
	cr_assert_str_eq(fx_rule(), "takeover");
}
