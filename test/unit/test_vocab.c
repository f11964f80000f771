/*
 * test_vocab.c - the vocabulary the adapters translate: share levels, the
 * spool event format, configuration directives, the classes that answer
 * to addresses and what an address book publishes, and the unit rules.
 */
#define _GNU_SOURCE
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(vocab);

/* ---------------------------------------------------------- share levels */

Test(vocab, share_levels_are_four_lowest_first)
{
	cr_assert_eq(tn_share_level_count(), 4);
	cr_assert_str_eq(tn_share_level_name(0), "read");
	cr_assert_str_eq(tn_share_level_name(3), "manage");
	cr_assert_null(tn_share_level_name(4));
}

Test(vocab, share_level_names_its_attribute)
{
	cr_assert_str_eq(tn_share_level_attr(1), "tenancyShareReadReply");
	cr_assert_str_eq(tn_share_level_attr(2), "tenancyShareWrite");
	cr_assert_null(tn_share_level_attr(4));
}

Test(vocab, share_level_says_what_it_allows)
{
	cr_assert_str_eq(tn_share_level_doc(0), "you may read its messages");
	cr_assert_null(tn_share_level_doc(9));
}

Test(vocab, share_level_is_found_by_name_in_any_case)
{
	cr_assert_eq(tn_share_level_find("WRITE"), 2);
	cr_assert_eq(tn_share_level_find("readreply"), 1);
	cr_assert_eq(tn_share_level_find("owner"), -1);
	cr_assert_eq(tn_share_level_find(NULL), -1);
}

/* ---------------------------------------------------------- spool events */

static const struct tn_event an_event = {TN_EVENT_SHARE, "sales@iwdemo.fr",
        "uid=sales,ou=shared,tenancyDomainName=iwdemo.fr", "uid=bob,ou=people", "write",
        "bob@iwdemo.fr", "uid=alice,ou=people", 1700000000L};

Test(vocab, event_is_written_as_name_value_lines)
{
	char buf[512];
	size_t n = tn_event_format(buf, sizeof(buf), &an_event);

	cr_assert_str_eq(buf, "Event: share\nMailbox: sales@iwdemo.fr\n"
	                      "Mailbox-DN: uid=sales,ou=shared,tenancyDomainName=iwdemo.fr\n"
	                      "Grantee: uid=bob,ou=people\nLevel: write\nTo: bob@iwdemo.fr\n"
	                      "Actor: uid=alice,ou=people\nDate: 1700000000\n");
	cr_assert_eq(n, strlen(buf));
}

Test(vocab, event_format_says_the_length_it_needs_when_cut)
{
	char buf[8];
	char whole[512];
	size_t need = tn_event_format(buf, sizeof(buf), &an_event);

	cr_assert_eq(need, tn_event_format(whole, sizeof(whole), &an_event));
	cr_assert_str_eq(buf, "Event: ");
	cr_assert_eq(tn_event_format(NULL, 0, &an_event), need);
}

Test(vocab, event_reads_back_what_was_written)
{
	char buf[512];
	struct tn_event ev;

	tn_event_format(buf, sizeof(buf), &an_event);
	cr_assert_eq(tn_event_parse(buf, &ev), 0);
	cr_assert_str_eq(ev.event, "share");
	cr_assert_str_eq(ev.mailbox, "sales@iwdemo.fr");
	cr_assert_str_eq(ev.mailbox_dn, an_event.mailbox_dn);
	cr_assert_str_eq(ev.grantee, "uid=bob,ou=people");
	cr_assert_str_eq(ev.level, "write");
	cr_assert_str_eq(ev.to, "bob@iwdemo.fr");
	cr_assert_str_eq(ev.actor, "uid=alice,ou=people");
	cr_assert_eq(ev.date, 1700000000L);
}

Test(vocab, event_parse_takes_crlf_the_last_value_and_skips_the_unknown)
{
	char text[] = "X-Note: hello\r\nTo: a@b.example\r\nno colon here\n"
	              "To: c@d.example\r\nMailbox: m@d.example\n";
	struct tn_event ev;

	cr_assert_eq(tn_event_parse(text, &ev), 0);
	cr_assert_str_eq(ev.to, "c@d.example");
	cr_assert_str_eq(ev.mailbox, "m@d.example");
	cr_assert_str_eq(ev.level, "");
	cr_assert_eq(ev.date, 0);
}

Test(vocab, event_without_a_recipient_is_not_delivered)
{
	char text[] = "Event: share\nMailbox: m@d.example\nLevel: read\n";
	struct tn_event ev;

	cr_assert_eq(tn_event_parse(text, &ev), -1);
}

Test(vocab, event_with_a_header_injection_is_not_delivered)
{
	char text[] = "Mailbox: m@d.example\nTo: a@b.example, evil@x.example\n";
	struct tn_event ev;

	cr_assert_eq(tn_event_parse(text, &ev), -1);
}

/* ------------------------------------------------ configuration directives */

Test(vocab, directives_come_in_the_order_of_their_ids)
{
	size_t i;

	for (i = 0; i < TN_DIRECTIVES; i++)
		cr_assert_eq((size_t)tn_directive(i)->id, i);
	cr_assert_null(tn_directive(TN_DIRECTIVES));
}

Test(vocab, directive_is_found_by_keyword_or_attribute_in_any_case)
{
	cr_assert_eq(tn_directive_find("tenancy-operator")->id, TN_DIRECTIVE_OPERATOR);
	cr_assert_eq(tn_directive_find("OLCTENANCYROLES")->id, TN_DIRECTIVE_ROLES);
	cr_assert_null(tn_directive_find("tenancy-nothing"));
	cr_assert_null(tn_directive_find(NULL));
}

Test(vocab, principals_repeat_and_bases_do_not)
{
	cr_assert(tn_directive(TN_DIRECTIVE_OPERATOR)->repeatable);
	cr_assert(tn_directive(TN_DIRECTIVE_READER)->repeatable);
	cr_assert_not(tn_directive(TN_DIRECTIVE_DOMAINS)->repeatable);
	cr_assert_not(tn_directive(TN_DIRECTIVE_LOGIN_ATTR)->repeatable);
}

Test(vocab, login_attribute_defaults_to_mail)
{
	cr_assert_str_eq(tn_directive(TN_DIRECTIVE_LOGIN_ATTR)->dflt, "mail");
	cr_assert_str_eq(TN_DEFAULT_LOGIN_ATTR, "mail");
}

Test(vocab, spool_is_the_overlays_setting_alone)
{
	cr_assert_null(tn_directive_find("tenancy-spool")->set);
	cr_assert_not_null(tn_directive_find("tenancy-reader")->set);
}

TestSuite(vocab_world, .init = fx_setup, .fini = fx_teardown);

Test(vocab_world, reader_directive_makes_a_global_reader)
{
	cr_assert_not(tn_sees_all(fx, AS(USER("alice"))));
	cr_assert_eq(tn_directive_find("olcTenancyReader")->set(fx, USER("alice")), 0);
	cr_assert(tn_sees_all(fx, AS(USER("alice"))));
}

/* --------------------------------------------- addressable and published */

Test(vocab, addressable_classes_are_the_four_that_claim_addresses)
{
	cr_assert_eq(tn_addressable_class_count(), 4);
	cr_assert_str_eq(tn_addressable_class(0), "tenancyMailbox");
	cr_assert_str_eq(tn_addressable_class(1), "tenancySharedMailbox");
	cr_assert_str_eq(tn_addressable_class(2), "tenancyGroup");
	cr_assert_str_eq(tn_addressable_class(3), "tenancyDomain");
	cr_assert_null(tn_addressable_class(4));
}

#define V(s)                                                                                       \
	{                                                                                          \
		sizeof(s) - 1, s                                                                   \
	}

Test(vocab, addressbook_card_of_a_group_is_a_group)
{
	const struct tn_value oc[] = {V("top"), V("groupOfNames"), V("TENANCYGROUP")};

	cr_assert_str_eq(tn_addressbook_kind(oc, 3), "group");
}

Test(vocab, addressbook_card_of_a_shared_mailbox_is_an_org)
{
	const struct tn_value oc[] = {V("inetOrgPerson"), V("tenancySharedMailbox")};

	cr_assert_str_eq(tn_addressbook_kind(oc, 2), "org");
}

Test(vocab, addressbook_card_of_a_user_is_an_individual)
{
	const struct tn_value oc[] = {V("inetOrgPerson"), V("tenancyMailbox")};

	cr_assert_str_eq(tn_addressbook_kind(oc, 2), "individual");
	cr_assert_str_eq(tn_addressbook_kind(NULL, 0), "individual");
}

Test(vocab, addressbook_class_is_compared_whole)
{
	const struct tn_value oc[] = {V("tenancyGroupX"), V("tenancyGrou")};

	cr_assert_str_eq(tn_addressbook_kind(oc, 2), "individual");
}

Test(vocab, addressbook_publishes_only_entries_with_an_address)
{
	cr_assert_not_null(strstr(TN_ADDRESSBOOK_FILTER, "(mail=*)"));
	cr_assert_null(strstr(TN_ADDRESSBOOK_FILTER, "tenancyDomain"));
}

/* ------------------------------------------------------------ unit tree */

Test(vocab, domain_is_the_root_unit)
{
	const struct tn_value oc[] = {V("top"), V("dcObject"), V("tenancyDomain")};

	cr_assert_eq(tn_unit_kind(oc, 3), TN_UNIT_ROOT);
}

Test(vocab, tenancy_unit_is_a_unit)
{
	const struct tn_value oc[] = {V("organizationalUnit"), V("TenancyUnit")};

	cr_assert_eq(tn_unit_kind(oc, 2), TN_UNIT_UNIT);
}

Test(vocab, plain_container_is_no_unit)
{
	const struct tn_value oc[] = {V("organizationalUnit")};

	cr_assert_eq(tn_unit_kind(oc, 1), TN_UNIT_NONE);
	cr_assert_eq(tn_unit_kind(NULL, 0), TN_UNIT_NONE);
}

Test(vocab, unit_kind_reads_classes_as_the_engine_does)
{
	/* A role definition is a role, whatever else it claims to be. */
	const struct tn_value oc[] = {V("tenancyUnit"), V("tenancyRole")};

	cr_assert_eq(tn_unit_kind(oc, 2), TN_UNIT_NONE);
}

Test(vocab, root_unit_takes_no_unit_reference)
{
	cr_assert_null(tn_unit_ref(DOM, DOM));
}

Test(vocab, root_unit_is_recognised_in_any_dn_form)
{
	cr_assert_null(
	        tn_unit_ref("TenancyDomainName=IWDEMO.fr, ou=domains,dc=example,dc=net", DOM));
}

Test(vocab, other_unit_is_referred_to_as_given)
{
	const char *unit = EUROPE;

	cr_assert_eq(tn_unit_ref(unit, DOM), unit);
}
