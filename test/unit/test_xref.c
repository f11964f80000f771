/*
 * test_xref.c - DESIGN §5.4, §5b: a reference from an entry of one tenant
 * to an entry of another, which only entries that arrived unjudged can
 * hold, counts as absent in every decision and every computed answer.
 * Each test checks the answer before and after such entries are recorded,
 * and most also that the same reference within one tenant does count.
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

TestSuite(xref, .init = fx_setup, .fini = fx_teardown);

#define OGROUP(g) "cn=" g ",ou=groups," ODOM

/* A group of other.org whose only member is frank, of iwdemo.fr. */
#define FOREIGN_CREW                                                                               \
	"dn: " OGROUP("crew") "\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\n"           \
	                      "cn: crew\nmember: " USER("frank") "\n"

/* A group that holds send-as, of iwdemo.fr, whose member is `member`. */
#define SENDAS_GROUP(name, member)                                                                 \
	"dn: " GROUP(name) "\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\n"              \
	                   "cn: " name "\nmail: " name "@iwdemo.fr\ntenancyGroupSendAs: TRUE\n"    \
	                   "member: " member "\n"

/* ------------------------------------------------------------- rights */

Test(xref, a_grant_of_another_tenant_gives_no_right)
{
	const char *before = fx_strdup(fx_rights(USER("frank"), DOM));

	cr_assert_not(fx_has_word(before, "users.create"), "%s", before);
	fx_record_unjudged("dn: cn=x1,ou=grants," ODOM "\nobjectClass: tenancyGrant\ncn: x1\n"
	                   "tenancyGrantee: " USER("frank") "\ntenancyScope: " DOM "\n"
	                                                    "tenancyRole: userManager\n");
	cr_assert_str_eq(fx_rights(USER("frank"), DOM), before);
	/* The same grant in iwdemo.fr counts. */
	fx_record_unjudged(
	        "dn: " GRANT("x1") "\nobjectClass: tenancyGrant\ncn: x1\n"
	                           "tenancyGrantee: " USER("frank") "\ntenancyScope: " DOM "\n"
	                                                            "tenancyRole: userManager\n");
	cr_assert(fx_has_word(fx_rights(USER("frank"), DOM), "users.create"), "%s", fx_text());
}

Test(xref, a_grant_to_a_group_of_another_tenant_gives_its_members_no_right)
{
	const char *before = fx_strdup(fx_rights(USER("frank"), DOM));

	fx_record_unjudged(FOREIGN_CREW);
	fx_record_unjudged(
	        "dn: " GRANT("x2") "\nobjectClass: tenancyGrant\ncn: x2\n"
	                           "tenancyGrantee: " OGROUP("crew") "\ntenancyScope: " DOM "\n"
	                                                             "tenancyRole: userManager\n");
	cr_assert_str_eq(fx_rights(USER("frank"), DOM), before);
	cr_assert_str_eq(fx_computed(TN_AT_EFFECTIVE_ROLE, USER("frank"), "|", NULL), "");
}

Test(xref, a_grant_scoped_in_another_tenant_gives_no_right_there)
{
	const char *before = fx_strdup(fx_rights(USER("frank"), ODOM));

	fx_record_unjudged(
	        "dn: " GRANT("x3") "\nobjectClass: tenancyGrant\ncn: x3\n"
	                           "tenancyGrantee: " USER("frank") "\ntenancyScope: " ODOM "\n"
	                                                            "tenancyRole: userManager\n");
	cr_assert_str_eq(fx_rights(USER("frank"), ODOM), before);
	cr_assert_str_eq(fx_computed(TN_AT_EFFECTIVE_ROLE, USER("frank"), "|", NULL), "");
	/* Nor is it a role an administrator must hold to delete frank. */
	cr_assert_neq(fx_delete(AS(USER("boss")), USER("frank")), TN_INSUFFICIENT_ACCESS, "%s",
	        fx_text());
}

/* -------------------------------------------------------------- units */

Test(xref, a_unit_of_another_tenant_counts_as_the_root_unit)
{
	const char *europe = fx_strdup(fx_rights(USER("carol"), EUROPE));

	/* carol manages users in Europe only. */
	cr_assert(fx_has_word(europe, "users.fields"), "%s", europe);
	cr_assert_not(fx_has_word(fx_rights(USER("carol"), DOM), "users.fields"), "%s", fx_text());
	fx_record_unjudged("dn: ou=units," ODOM "\nobjectClass: organizationalUnit\nou: units\n");
	fx_record_unjudged("dn: ou=sales,ou=units," ODOM "\nobjectClass: tenancyUnit\nou: sales\n");
	fx_record_unjudged("dn: " USER(
	        "cy") "\nobjectClass: inetOrgPerson\n"
	              "objectClass: tenancyMailbox\nuid: cy\ncn: cy\nsn: cy\n"
	              "mail: cy@iwdemo.fr\ntenancyUnitRef: ou=sales,ou=units," ODOM "\n");
	/* cy is in iwdemo.fr's root unit: not carol's to edit, boss's. */
	cr_assert_eq(fx_modify(AS(USER("carol")), USER("cy"), "replace: cn: cy2", FX_END),
	        TN_INSUFFICIENT_ACCESS, "%s", fx_text());
	cr_assert(strstr(fx_text(), " at " DOM " "), "%s", fx_text());
	cr_assert_eq(fx_modify(AS(USER("boss")), USER("cy"), "replace: cn: cy2", FX_END), TN_OK,
	        "%s", fx_text());
}

/* ----------------------------------------------------- delivery, IMAP */

Test(xref, a_delivering_group_does_not_route_to_another_tenant)
{
	fx_record_unjudged("dn: " OGROUP(
	        "list") "\nobjectClass: groupOfNames\n"
	                "objectClass: tenancyGroup\ncn: list\nmail: list@other.org\n"
	                "tenancyGroupDelivery: TRUE\nmember: " OUSER(
	                        "oscar") "\n"
	                                 "member: " USER("frank") "\nmember: " GROUP("sales") "\n");
	cr_assert_str_eq(
	        fx_computed(TN_AT_DELIVER_TO, OGROUP("list"), "|", NULL), "oscar@other.org");
}

Test(xref, a_share_from_another_tenant_is_no_imap_group_and_no_send_as)
{
	fx_record_unjudged("dn: ou=shared," ODOM "\nobjectClass: organizationalUnit\nou: shared\n");
	fx_record_unjudged(
	        "dn: cn=desk,ou=shared," ODOM "\nobjectClass: tenancySharedMailbox\n"
	        "cn: desk\nmail: desk@other.org\ntenancyShareManage: " USER("frank") "\n");
	cr_assert(!strstr(fx_computed(TN_AT_IMAP_GROUP, USER("frank"), "|", NULL), "desk@"), "%s",
	        fx_computed(TN_AT_IMAP_GROUP, USER("frank"), "|", NULL));
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, "cn=desk,ou=shared," ODOM, "|", NULL), "");
	cr_assert_neq(fx_sendas("frank@iwdemo.fr", "desk@other.org", 0), TN_OK, "%s", fx_text());
	/* Through a group of iwdemo.fr that frank is in, the same. */
	fx_record_unjudged(
	        "dn: cn=desk2,ou=shared," ODOM "\nobjectClass: tenancySharedMailbox\n"
	        "cn: desk2\nmail: desk2@other.org\ntenancyShareRead: " GROUP("sales") "\n");
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, "cn=desk2,ou=shared," ODOM, "|", NULL), "");
}

/* ------------------------------------------------------------ send-as */

Test(xref, a_delegate_group_of_another_tenant_gives_no_send_as)
{
	fx_record_unjudged("dn: cn=relay,ou=groups," ODOM "\nobjectClass: groupOfNames\n"
	                   "objectClass: tenancyGroup\ncn: relay\nmember: " USER("frank") "\n");
	fx_record_unjudged("dn: " USER(
	        "dee") "\nobjectClass: inetOrgPerson\n"
	               "objectClass: tenancyMailbox\nuid: dee\ncn: dee\nsn: dee\n"
	               "mail: dee@iwdemo.fr\ntenancySendAsDelegate: " OGROUP("relay") "\n");
	cr_assert_eq(fx_sendas("frank@iwdemo.fr", "dee@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS, "%s",
	        fx_text());
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, USER("dee"), "|", NULL), "dee@iwdemo.fr");
	cr_assert(!strstr(fx_computed(TN_AT_IDENTITY, USER("frank"), "|", NULL), "dee@"), "%s",
	        fx_computed(TN_AT_IDENTITY, USER("frank"), "|", NULL));
	/* A delegate of another tenant, named directly, neither. */
	fx_record_unjudged("dn: " USER(
	        "eve") "\nobjectClass: inetOrgPerson\n"
	               "objectClass: tenancyMailbox\nuid: eve\ncn: eve\nsn: eve\n"
	               "mail: eve@iwdemo.fr\ntenancySendAsDelegate: " OUSER("oscar") "\n");
	cr_assert_neq(fx_sendas("oscar@other.org", "eve@iwdemo.fr", 0), TN_OK, "%s", fx_text());
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, USER("eve"), "|", NULL), "eve@iwdemo.fr");
}

Test(xref, a_send_as_group_reached_through_another_tenant_gives_no_send_as)
{
	fx_record_unjudged(FOREIGN_CREW);
	fx_record_unjudged(SENDAS_GROUP("team2", OGROUP("crew")));
	cr_assert_eq(fx_sendas("frank@iwdemo.fr", "team2@iwdemo.fr", 0), TN_INSUFFICIENT_ACCESS,
	        "%s", fx_text());
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, GROUP("team2"), "|", NULL), "");
	cr_assert(!strstr(fx_computed(TN_AT_IDENTITY, USER("frank"), "|", NULL), "team2@"), "%s",
	        fx_computed(TN_AT_IDENTITY, USER("frank"), "|", NULL));
	/* frank as a direct member of such a group sends as it. */
	fx_record_unjudged(SENDAS_GROUP("team3", USER("frank")));
	cr_assert_eq(fx_sendas("frank@iwdemo.fr", "team3@iwdemo.fr", 0), TN_OK, "%s", fx_text());
	cr_assert(strstr(fx_computed(TN_AT_IDENTITY, USER("frank"), "|", NULL), "team3@"), "%s",
	        fx_computed(TN_AT_IDENTITY, USER("frank"), "|", NULL));
}

/* ------------------------------------------------------ shared context */

/* alpha.fr and beta.fr share a tenancyContext: they see each other, but a
 * local write refuses a reference between them, so it counts as absent
 * too. */
Test(xref, tenants_sharing_a_context_do_not_refer_to_each_other)
{
	cr_assert_eq(
	        fx_add(ROOT, "cn=pair," ADOM, "objectClass: groupOfNames",
	                "objectClass: tenancyGroup", "cn: pair", "member: uid=bea," BDOM, FX_END),
	        TN_CONSTRAINT_VIOLATION, "%s", fx_text());
	cr_assert_str_eq(fx_rule(), "reference");
	fx_record_unjudged(
	        "dn: cn=pair," ADOM "\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\n"
	        "cn: pair\nmail: pair@alpha.fr\ntenancyGroupSendAs: TRUE\n"
	        "tenancyGroupDelivery: TRUE\nmember: uid=bea," BDOM "\n"
	        "member: uid=al," ADOM "\n");
	cr_assert_str_eq(fx_computed(TN_AT_DELIVER_TO, "cn=pair," ADOM, "|", NULL), "al@alpha.fr");
	cr_assert_neq(fx_sendas("bea@beta.fr", "pair@alpha.fr", 0), TN_OK, "%s", fx_text());
	cr_assert_eq(fx_sendas("al@alpha.fr", "pair@alpha.fr", 0), TN_OK, "%s", fx_text());
}

/* ------------------------------------------------ the order of arrival */

/* A reference is judged when it is followed, not when it is stored: a
 * replicated move that takes a granted group to another tenant ends what
 * the grant gave its members, and a move back restores it. */
Test(xref, a_group_moved_to_another_tenant_gives_its_grant_no_longer)
{
	struct tn_change c;

	fx_record_unjudged("dn: " GROUP(
	        "movers") "\nobjectClass: groupOfNames\n"
	                  "objectClass: tenancyGroup\ncn: movers\nmember: " USER("frank") "\n");
	fx_record_unjudged("dn: " GRANT("movers") "\nobjectClass: tenancyGrant\ncn: movers\n"
	                                          "tenancyGrantee: " GROUP(
	                                                  "movers") "\ntenancyScope: " DOM "\n"
	                                                            "tenancyRole: userManager\n");
	cr_assert(fx_has_word(fx_rights(USER("frank"), DOM), "users.create"), "%s", fx_text());
	memset(&c, 0, sizeof(c));
	c.kind = TN_RENAME;
	c.dn = GROUP("movers");
	c.newrdn = "cn=movers";
	c.newsup = "ou=groups," ODOM;
	c.deleteoldrdn = 1;
	cr_assert_eq(tn_record(fx, &c), 0);
	cr_assert_not(fx_has_word(fx_rights(USER("frank"), DOM), "users.create"), "%s", fx_text());
	cr_assert_str_eq(fx_computed(TN_AT_EFFECTIVE_ROLE, USER("frank"), "|", NULL), "");
	c.dn = OGROUP("movers");
	c.newsup = "ou=groups," DOM;
	cr_assert_eq(tn_record(fx, &c), 0);
	cr_assert(fx_has_word(fx_rights(USER("frank"), DOM), "users.create"), "%s", fx_text());
}

/* A referrer recorded before the entry it names (a load comes in any
 * order): once the entry arrives, the reference still counts as absent. */
Test(xref, a_reference_recorded_before_its_target_counts_as_absent_once_it_arrives)
{
	fx_record_unjudged("dn: " OGROUP(
	        "early") "\nobjectClass: groupOfNames\n"
	                 "objectClass: tenancyGroup\ncn: early\nmail: early@other.org\n"
	                 "tenancyGroupDelivery: TRUE\ntenancyGroupSendAs: TRUE\n"
	                 "member: " USER("zed") "\nmember: " OUSER("oscar") "\n");
	fx_record_unjudged(
	        "dn: " USER("zed") "\nobjectClass: inetOrgPerson\n"
	                           "objectClass: tenancyMailbox\nuid: zed\ncn: zed\nsn: zed\n"
	                           "mail: zed@iwdemo.fr\n");
	cr_assert_str_eq(
	        fx_computed(TN_AT_DELIVER_TO, OGROUP("early"), "|", NULL), "oscar@other.org");
	cr_assert_str_eq(fx_computed(TN_AT_SENDER, OGROUP("early"), "|", NULL), "oscar@other.org");
	cr_assert(!strstr(fx_computed(TN_AT_IDENTITY, USER("zed"), "|", NULL), "early@"), "%s",
	        fx_computed(TN_AT_IDENTITY, USER("zed"), "|", NULL));
	cr_assert_neq(fx_sendas("zed@iwdemo.fr", "early@other.org", 0), TN_OK, "%s", fx_text());
}
