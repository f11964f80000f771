/*
 * test_sendas.c - DESIGN §7: who may put which address in From:.
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

TestSuite(sendas, .init = fx_setup, .fini = fx_teardown);

/* Rule 1: one's own addresses, in any alias form. */

Test(sendas, own_address_is_allowed)
{
	cr_assert_eq(fx_sendas("alice@iwdemo.fr", "alice@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

Test(sendas, own_address_in_alias_domain_form_is_allowed)
{
	fx_sendas("alice@iwdemo.fr", "alice@iwdemo.com", 0);
	cr_assert_str_eq(fx_rule(), "own-address");
}

Test(sendas, own_mail_alias_in_alias_domain_form_is_allowed)
{
	cr_assert_eq(
	        fx_sendas("alice@iwdemo.fr", "Alice.Smith@IWDEMO.COM", 0), TN_OK, "%s", fx_text());
}

Test(sendas, login_given_in_alias_domain_form_is_the_same_login)
{
	cr_assert_eq(fx_sendas("alice@iwdemo.com", "alice@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

Test(sendas, login_given_as_a_dn_is_accepted)
{
	cr_assert_eq(fx_sendas(USER("alice"), "alice@iwdemo.com", 0), TN_OK, "%s", fx_text());
}

Test(sendas, someone_elses_address_is_refused)
{
	cr_assert_eq(fx_sendas("erin@iwdemo.fr", "bob@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS);
}

/* Rule 2: send-as groups. */

Test(sendas, member_of_nested_send_as_group_is_allowed)
{
	fx_sendas("erin@iwdemo.fr", "support@iwdemo.com", 0);
	cr_assert_str_eq(fx_rule(), "group-send-as");
}

Test(sendas, explain_names_the_intermediate_group)
{
	fx_sendas("erin@iwdemo.fr", "support@iwdemo.fr", 0);
	cr_assert(strstr(fx_explain(), "cn=support-l2") != NULL, "%s", fx_explain());
}

Test(sendas, member_of_group_without_flag_is_refused)
{
	cr_assert_eq(fx_sendas("bob@iwdemo.fr", "sales@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS);
}

Test(sendas, non_member_of_send_as_group_is_refused)
{
	cr_assert_eq(fx_sendas("frank@iwdemo.fr", "support@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS);
}

Test(sendas, group_cycle_neither_loops_nor_refuses_a_member)
{
	cr_assert_eq(fx_sendas("bob@iwdemo.fr", "cycle@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

/* Rule 3: send-as delegates. */

Test(sendas, delegate_user_is_allowed)
{
	fx_sendas("bob@iwdemo.fr", "alice@iwdemo.fr", 0);
	cr_assert_str_eq(fx_rule(), "delegate");
}

Test(sendas, member_of_delegate_group_is_allowed)
{
	cr_assert_eq(fx_sendas("frank@iwdemo.fr", "contact@iwdemo.com", 0), TN_OK, "%s", fx_text());
}

Test(sendas, delegate_group_explain_names_the_nested_group)
{
	fx_sendas("frank@iwdemo.fr", "contact@iwdemo.fr", 0);
	cr_assert(strstr(fx_explain(), "cn=delegates-inner") != NULL, "%s", fx_explain());
}

/* Rule 4: manage share on a shared mailbox. */

Test(sendas, manage_share_holder_sends_as_the_shared_mailbox)
{
	fx_sendas("alice@iwdemo.fr", "contact@iwdemo.fr", 0);
	cr_assert_str_eq(fx_rule(), "manage-share");
}

Test(sendas, manage_share_through_a_group_is_allowed)
{
	cr_assert_eq(fx_sendas("bob@iwdemo.fr", "sales-box@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

Test(sendas, read_share_holder_is_refused)
{
	cr_assert_eq(fx_sendas("bob@iwdemo.fr", "contact@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS);
}

Test(sendas, write_share_holder_is_refused)
{
	cr_assert_eq(fx_sendas("erin@iwdemo.fr", "contact@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS);
}

/* Never across tenants, never when not enabled. */

Test(sendas, cross_tenant_is_refused)
{
	fx_sendas("oscar@other.org", "alice@iwdemo.fr", 0);
	cr_assert_str_eq(fx_rule(), "tenant");
}

Test(sendas, cross_tenant_delegation_cannot_even_be_written)
{
	fx_modify(ROOT, USER("alice"), "add: tenancySendAsDelegate: " OUSER("oscar"), FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
}

Test(sendas, disabled_login_is_refused)
{
	fx_sendas("grace@iwdemo.fr", "grace@iwdemo.fr", 0);
	cr_assert_str_eq(fx_rule(), "status");
}

Test(sendas, delegate_of_a_disabled_mailbox_is_refused)
{
	fx_sendas("bob@iwdemo.fr", "grace@iwdemo.fr", 0);
	cr_assert_str_eq(fx_rule(), "status");
}

Test(sendas, mailbox_of_a_disabled_tenant_is_refused)
{
	fx_modify(ROOT, DOM, "replace: tenancyStatus: disabled", FX_END);
	cr_assert_eq(fx_sendas("alice@iwdemo.fr", "alice@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS);
}

Test(sendas, unknown_login_is_refused)
{
	fx_sendas("nobody@iwdemo.fr", "alice@iwdemo.fr", 0);
	cr_assert_str_eq(fx_rule(), "login");
}

/* Sender: (on behalf) is a separate question. */

Test(sendas, on_behalf_delegate_may_send_on_behalf)
{
	fx_sendas("erin@iwdemo.fr", "alice@iwdemo.fr", 1);
	cr_assert_str_eq(fx_rule(), "send-on-behalf");
}

Test(sendas, on_behalf_delegate_is_allowed)
{
	cr_assert_eq(fx_sendas("erin@iwdemo.fr", "alice@iwdemo.com", 1), TN_OK, "%s", fx_text());
}

Test(sendas, on_behalf_delegate_may_not_send_as)
{
	cr_assert_eq(fx_sendas("erin@iwdemo.fr", "alice@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS);
}

Test(sendas, send_as_delegate_is_not_an_on_behalf_delegate)
{
	cr_assert_eq(fx_sendas("bob@iwdemo.fr", "alice@iwdemo.fr", 1), TN_INSUFFICIENT_ACCESS);
}

/* Explanations are built only when asked for; the answer is the same. */

Test(sendas, no_explanation_unless_asked)
{
	struct tn_answer a;

	tn_answer_init(&a);
	cr_assert_eq(tn_sendas_check(fx, "erin@iwdemo.fr", "support@iwdemo.fr", 0, &a), 0);
	cr_assert_eq(a.code, TN_OK, "%s", a.text);
	cr_assert_null(a.explain, "%s", a.explain);
	tn_answer_clear(&a);
}

Test(sendas, clearing_an_answer_keeps_the_wish_for_an_explanation)
{
	struct tn_answer a;

	tn_answer_init(&a);
	a.want_explain = 1;
	cr_assert_eq(tn_sendas_check(fx, "bob@iwdemo.fr", "alice@iwdemo.fr", 0, &a), 0);
	tn_answer_clear(&a);
	cr_assert_eq(a.want_explain, 1);
	cr_assert_eq(tn_sendas_check(fx, "erin@iwdemo.fr", "support@iwdemo.fr", 0, &a), 0);
	cr_assert(a.explain && strstr(a.explain, "cn=support-l2"), "%s", a.explain);
	tn_answer_clear(&a);
}

Test(sendas, every_rule_answers_the_same_with_and_without_explanation)
{
	/* One question per rule and outcome, as the tests above ask them. */
	static const struct {
		const char *login, *address;
		int on_behalf;
	} q[] = {
	        {"alice@iwdemo.fr", "Alice.Smith@IWDEMO.COM", 0},
	        {"erin@iwdemo.fr", "support@iwdemo.com", 0},
	        {"bob@iwdemo.fr", "sales@iwdemo.fr", 0},
	        {"frank@iwdemo.fr", "support@iwdemo.fr", 0},
	        {"bob@iwdemo.fr", "cycle@iwdemo.fr", 0},
	        {"bob@iwdemo.fr", "alice@iwdemo.fr", 0},
	        {"frank@iwdemo.fr", "contact@iwdemo.com", 0},
	        {"alice@iwdemo.fr", "contact@iwdemo.fr", 0},
	        {"bob@iwdemo.fr", "sales-box@iwdemo.fr", 0},
	        {"bob@iwdemo.fr", "contact@iwdemo.fr", 0},
	        {"erin@iwdemo.fr", "bob@iwdemo.fr", 0},
	        {"oscar@other.org", "alice@iwdemo.fr", 0},
	        {"grace@iwdemo.fr", "grace@iwdemo.fr", 0},
	        {"bob@iwdemo.fr", "grace@iwdemo.fr", 0},
	        {"nobody@iwdemo.fr", "alice@iwdemo.fr", 0},
	        {"alice@iwdemo.fr", "nobody@iwdemo.fr", 0},
	        {"erin@iwdemo.fr", "alice@iwdemo.com", 1},
	        {"bob@iwdemo.fr", "alice@iwdemo.fr", 1},
	};
	struct tn_answer plain, explained;
	size_t i;

	tn_answer_init(&plain);
	tn_answer_init(&explained);
	explained.want_explain = 1;
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		cr_assert_eq(
		        tn_sendas_check(fx, q[i].login, q[i].address, q[i].on_behalf, &plain), 0);
		cr_assert_eq(
		        tn_sendas_check(fx, q[i].login, q[i].address, q[i].on_behalf, &explained),
		        0);
		cr_assert_eq(plain.code, explained.code, "%s %s", q[i].login, q[i].address);
		cr_assert_str_eq(plain.rule, explained.rule);
		cr_assert_str_eq(plain.text, explained.text);
		cr_assert_null(plain.explain, "%s", plain.explain);
		/* Past the login and address checks, the chain ends with the
		 * answer's own text. */
		if (explained.explain)
			cr_assert(strstr(explained.explain, explained.text) != NULL, "%s",
			        explained.explain);
	}
	tn_answer_clear(&plain);
	tn_answer_clear(&explained);
}

/* The reverse question. */

static int
count_who(void *ctx, const char *login, const char *reason)
{
	(void)login;
	(void)reason;
	++*(size_t *)ctx;
	return 0;
}

static int
frank_reason(void *ctx, const char *login, const char *reason)
{
	if (strcmp(login, "frank@iwdemo.fr") == 0)
		snprintf(ctx, 256, "%s", reason);
	return 0;
}

Test(sendas, who_can_send_as_names_the_delegate_group)
{
	char reason[256] = "";

	tn_sendas_who(fx, "contact@iwdemo.fr", frank_reason, reason);
	cr_assert(strstr(reason, "cn=delegates,") != NULL, "%s", reason);
}

Test(sendas, who_can_send_as_lists_owner_and_delegate)
{
	size_t calls = 0;

	cr_assert_eq(tn_sendas_who(fx, "alice@iwdemo.com", count_who, &calls), 2);
}

/* A login attribute other than mail (tenancy-login-attribute uid). */

TestSuite(logins, .init = fx_setup_uid_logins, .fini = fx_teardown);

Test(logins, uid_login_sends_as_its_own_address)
{
	cr_assert_eq(fx_sendas("alice", "alice@iwdemo.com", 0), TN_OK, "%s", fx_text());
}

Test(logins, login_names_compare_without_case)
{
	cr_assert_eq(fx_sendas("ALICE", "alice@iwdemo.fr", 0), TN_OK, "%s", fx_text());
}

Test(logins, mail_is_no_login_when_uid_is_the_login_attribute)
{
	cr_assert_eq(fx_sendas("alice@iwdemo.fr", "alice@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS);
}

Test(logins, sender_lists_login_names)
{
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, SHARED("contact"), " ", NULL), "alice frank");
}
