/*
 * test_failclosed.c - DESIGN §5a.1 to §5a.5: the engine judges what slapd
 * stores.
 *
 * The address grammar (one for every rule and adapter), one canonical form
 * for every spelling of a DN that the engine itself can read (the overlay
 * hands it slapd's normal form for the rest), attribute descriptions with
 * options or of a subtype, the values of an RDN, and DNs beyond the
 * engine's limits, refused or hidden rather than placed outside every
 * tenant.
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(address_syntax, .init = fx_setup, .fini = fx_teardown);
TestSuite(identity, .init = fx_setup, .fini = fx_teardown);
TestSuite(attribute_description, .init = fx_setup, .fini = fx_teardown);
TestSuite(rdn_values, .init = fx_setup, .fini = fx_teardown);
TestSuite(fail_closed, .init = fx_setup, .fini = fx_teardown);

/* ---- the grammar */

static int
valid(const char *a)
{
	return tn_address_check(a, strlen(a), NULL) == 0;
}

Test(address_syntax, dot_atoms_of_atext_are_addresses)
{
	cr_assert(valid("bob@iwdemo.fr"));
	cr_assert(valid("o'brien@iwdemo.fr"));
	cr_assert(valid("bob+tag@iwdemo.fr"));
	cr_assert(valid("a.b.c@iwdemo.fr"));
	cr_assert(valid("!#$%&'*+-/=?^_`{|}~@iwdemo.fr"));
	cr_assert(valid("x@xn--bcher-kva.example"));
}

Test(address_syntax, every_forbidden_byte_is_refused_in_the_local_part)
{
	static const char forbidden[] = " \t\r\n\",:;<>\\()[]@\x7f\x01\x80\xc3";
	char a[32];
	size_t i;

	for (i = 0; forbidden[i]; i++) {
		memcpy(a, "ab@iwdemo.fr", 13);
		a[1] = forbidden[i];
		cr_assert_not(valid(a), "byte 0x%02x", (unsigned char)forbidden[i]);
	}
}

Test(address_syntax, a_nul_is_refused)
{
	const char *why = NULL;

	cr_assert_eq(tn_address_check("a\0b@iwdemo.fr", 13, &why), -1);
	cr_assert_not_null(why);
	cr_assert(strstr(why, "NUL"), "%s", why);
}

Test(address_syntax, misplaced_dots_are_refused)
{
	cr_assert_not(valid(".bob@iwdemo.fr"));
	cr_assert_not(valid("bob.@iwdemo.fr"));
	cr_assert_not(valid("b..ob@iwdemo.fr"));
}

Test(address_syntax, lengths_are_bounded)
{
	char a[400];

	memset(a, 'a', 64);
	strcpy(a + 64, "@iwdemo.fr");
	cr_assert(valid(a));
	memset(a, 'a', 65);
	strcpy(a + 65, "@iwdemo.fr");
	cr_assert_not(valid(a));
	cr_assert_eq(tn_domain_check("a.b", 3), 0);
	memset(a, 'a', 63);
	strcpy(a + 63, ".fr");
	cr_assert_eq(tn_domain_check(a, strlen(a)), 0);
	memset(a, 'a', 64);
	strcpy(a + 64, ".fr");
	cr_assert_eq(tn_domain_check(a, strlen(a)), -1);
}

Test(address_syntax, domains_are_ldh)
{
	cr_assert_not(valid("bob@iwdemo_fr.fr"));
	cr_assert_not(valid("bob@iwdemo.fr."));
	cr_assert_not(valid("bob@-iwdemo.fr"));
	cr_assert_not(valid("bob@ iwdemo.fr"));
	cr_assert_not(valid("bob@iwdemo.fr@x.fr"));
	cr_assert_not(valid("bob"));
	cr_assert_not(valid("@iwdemo.fr"));
}

Test(address_syntax, a_leading_blank_in_an_alias_is_refused_by_rule)
{
	/* caseIgnoreIA5Match ignores the blank: it would be bob's address. */
	struct tn_value v = {14, " bob@iwdemo.fr"};
	struct tn_mod mod = {TN_MOD_ADD, {"tenancyMailAlias", 1, &v}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = USER("carol"), .mods = &mod, .nmods = 1};

	cr_assert_eq(fx_judge(ROOT, &c), TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "address-syntax");
	cr_assert(strstr(fx_text(), "blank"), "%s", fx_text());
}

Test(address_syntax, texts_stay_on_one_line)
{
	struct tn_entry *e = fx_entry(USER("zed"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zed", FX_END);

	fx_entry_add(e, "mail", "zed\r\nx@iwdemo.fr", 16);
	cr_assert_eq(fx_add_entry(ROOT, e), TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "address-syntax");
	cr_assert_null(strchr(fx_text(), '\n'), "%s", fx_text());
	cr_assert_null(strchr(fx_text(), '\r'), "%s", fx_text());
}

Test(address_syntax, a_nul_in_a_stored_value_is_refused)
{
	struct tn_entry *e = fx_entry(USER("zed"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zed", FX_END);

	fx_entry_add(e, "mail", "zed\0@other.org@iwdemo.fr", 24);
	cr_assert_eq(fx_add_entry(ROOT, e), TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "address-syntax");
}

Test(address_syntax, an_invalid_address_routes_nowhere)
{
	cr_assert_eq(fx_route(" bob@iwdemo.fr"), 0);
	cr_assert_eq(fx_route("bob@iwdemo.fr"), 1);
}

/* ---- one identity for the spellings the engine can read */

Test(identity, multi_valued_rdns_in_any_order_are_one_entry)
{
	cr_assert_eq(fx_add(ROOT, "cn=x+uid=zed,ou=people," DOM, "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "mail: zed@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_add(ROOT, "UID=zed + CN=X,ou=people," DOM, "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "mail: zed2@iwdemo.fr", FX_END),
	        TN_ALREADY_EXISTS, "%s", fx_text());
}

Test(identity, escapes_and_case_name_one_entry)
{
	/* boss holds roles alice does not: not even spelled otherwise. */
	const char *spellings[] = {
	        "uid=\\62oss,ou=people," DOM,
	        "UID=BOSS,OU=People," DOM,
	        " uid = boss , ou=people," DOM,
	};
	size_t i;

	for (i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
		fx_modify(AS(USER("alice")), spellings[i], "replace: userPassword: x", FX_END);
		cr_assert_neq(fx_code(), TN_OK, "%s", spellings[i]);
	}
}

Test(identity, an_escaped_blank_is_a_blank)
{
	cr_assert_eq(fx_add(ROOT, "cn=zed smith,ou=people," DOM, "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "mail: zed@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_add(ROOT, "cn=zed\\20smith,ou=people," DOM, "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "mail: zed2@iwdemo.fr", FX_END),
	        TN_ALREADY_EXISTS, "%s", fx_text());
	cr_assert_eq(fx_add(ROOT, "cn=zed\\ smith,ou=people," DOM, "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "mail: zed2@iwdemo.fr", FX_END),
	        TN_ALREADY_EXISTS, "%s", fx_text());
	/* At either end a blank counts only escaped. */
	cr_assert_eq(
	        fx_add(ROOT, "cn=\\20zed smith\\20,ou=people," DOM, "objectClass: inetOrgPerson",
	                "objectClass: tenancyMailbox", "mail: zed3@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_add(ROOT, "cn=\\ zed smith\\ ,ou=people," DOM, "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "mail: zed4@iwdemo.fr", FX_END),
	        TN_ALREADY_EXISTS, "%s", fx_text());
}

/* ---- attribute descriptions */

Test(attribute_description, options_on_an_address_are_refused)
{
	fx_modify(ROOT, USER("carol"), "add: mail;lang-en: carol2@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "attribute-description");
	cr_assert_eq(fx_code(), TN_CONSTRAINT_VIOLATION);
}

Test(attribute_description, a_subtype_is_refused_in_an_add)
{
	fx_add(ROOT, USER("zed"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        "uid: zed", "mail: zed@iwdemo.fr", "mail;subtype: oscar@other.org", FX_END);
	cr_assert_str_eq(fx_rule(), "attribute-description");
}

Test(attribute_description, loaded_values_with_options_count_as_the_attribute)
{
	const struct tn_entry *e = fx_entry(USER("zed"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zed", "mail: zed@iwdemo.fr",
	        "tenancyMailAlias;lang-en: zed.alias@iwdemo.fr", FX_END);

	cr_assert_eq(tn_model_load(fx, e), 0);
	fx_modify(ROOT, USER("carol"), "add: tenancyMailAlias: zed.alias@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(attribute_description, removing_option_values_is_allowed_and_keeps_the_claim)
{
	const struct tn_entry *e = fx_entry(USER("zed"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zed", "mail: zed@iwdemo.fr",
	        "tenancyMailAlias;lang-en: zed.alias@iwdemo.fr", FX_END);

	cr_assert_eq(tn_model_load(fx, e), 0);
	cr_assert_eq(fx_modify(ROOT, USER("zed"), "delete: tenancyMailAlias;lang-en", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_route("zed@iwdemo.fr"), 1);
}

/* slapd deletes and replaces a plain attribute without its options
 * (mail;lang-en stays when mail goes), and a search for mail still finds
 * the value: the model keeps it too. */
Test(attribute_description, replacing_the_plain_attribute_keeps_the_values_under_options)
{
	const struct tn_entry *e = fx_entry(USER("zed"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zed", "mail: zed@iwdemo.fr",
	        "mail;lang-en: zed.old@iwdemo.fr", FX_END);

	cr_assert_eq(tn_model_load(fx, e), 0);
	cr_assert_eq(fx_modify(ROOT, USER("zed"), "replace: mail: zed.new@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_route("zed.old@iwdemo.fr"), 1);
	fx_modify(ROOT, USER("carol"), "add: tenancyMailAlias: zed.old@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(attribute_description, deleting_a_plain_value_keeps_the_same_value_under_an_option)
{
	const struct tn_entry *e =
	        fx_entry(USER("zed"), "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	                "uid: zed", "mail: zed@iwdemo.fr", "tenancyMailAlias: zed.alias@iwdemo.fr",
	                "tenancyMailAlias;lang-en: zed.alias@iwdemo.fr", FX_END);

	cr_assert_eq(tn_model_load(fx, e), 0);
	cr_assert_eq(fx_modify(ROOT, USER("zed"), "delete: tenancyMailAlias: ZED.alias@iwdemo.fr",
	                     FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_route("zed.alias@iwdemo.fr"), 1);
	fx_modify(ROOT, USER("carol"), "add: mail: zed.alias@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(attribute_description, deleting_the_plain_attribute_keeps_references_under_an_option)
{
	const struct tn_entry *e;

	cr_assert_eq(
	        fx_add(ROOT, USER("zed"), "objectClass: inetOrgPerson",
	                "objectClass: tenancyMailbox", "uid: zed", "mail: zed@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	e = fx_entry(GROUP("optioned"), "objectClass: groupOfNames", "objectClass: tenancyGroup",
	        "cn: optioned", "member: " USER("carol"), "member;x-legacy: " USER("zed"), FX_END);
	cr_assert_eq(tn_model_load(fx, e), 0);
	cr_assert_eq(fx_modify(ROOT, GROUP("optioned"), "replace: member: " USER("carol"), FX_END),
	        TN_OK, "%s", fx_text());
	/* zed is still a member as slapd stores the group: he stays in use */
	cr_assert_neq(fx_delete(ROOT, USER("zed")), TN_OK);
	cr_assert_str_eq(fx_rule(), "in-use");
}

/* Replication may bring a replace of mail;lang-en: slapd leaves mail as it
 * is, and so does the model. */
Test(attribute_description, a_replicated_replace_of_an_option_keeps_the_plain_values)
{
	const struct tn_entry *e = fx_entry(USER("zed"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zed", "mail: zed@iwdemo.fr",
	        "mail;lang-en: zed.old@iwdemo.fr", FX_END);
	struct tn_value v = {19, "zed.older@iwdemo.fr"};
	struct tn_mod mod = {TN_MOD_REPLACE, {"mail;lang-en", 1, &v}};
	struct tn_change c;

	cr_assert_eq(tn_model_load(fx, e), 0);
	memset(&c, 0, sizeof(c));
	c.kind = TN_MODIFY;
	c.dn = USER("zed");
	c.nmods = 1;
	c.mods = &mod;
	cr_assert_eq(tn_record(fx, &c), 0);
	cr_assert_eq(fx_route("zed@iwdemo.fr"), 1);
	cr_assert_eq(fx_route("zed.older@iwdemo.fr"), 1);
	/* and the value replaced is kept, on the safe side */
	cr_assert_eq(fx_route("zed.old@iwdemo.fr"), 1);
}

Test(attribute_description, a_display_name_may_carry_options)
{
	cr_assert_eq(fx_modify(ROOT, USER("carol"), "add: cn;lang-fr: Carole", FX_END), TN_OK, "%s",
	        fx_text());
}

Test(attribute_description, subtype_names_cover_the_attributes_read)
{
	cr_assert_str_eq(tn_attr_subtype_name("MAIL"), "mail;subtype");
	cr_assert_str_eq(tn_attr_subtype_name("member"), "member;subtype");
	cr_assert_null(tn_attr_subtype_name("description"));
	cr_assert_null(tn_attr_subtype_name("name"));
}

/* ---- RDN values */

Test(rdn_values, an_add_is_judged_with_its_rdn_value)
{
	fx_add(ROOT, "mail=oscar@other.org,ou=people," DOM, "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "mail: zed@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "address-domain");
}

Test(rdn_values, every_value_of_a_multi_valued_rdn_counts)
{
	fx_add(ROOT, "uid=zed+tenancyMailAlias=bob@iwdemo.fr,ou=people," DOM,
	        "objectClass: inetOrgPerson", "objectClass: tenancyMailbox", "mail: zed@iwdemo.fr",
	        FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(rdn_values, an_escaped_value_is_judged_unescaped)
{
	fx_add(ROOT, "mail=ev\\2Cil@iwdemo.fr,ou=people," DOM, "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "mail: zed@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "address-syntax");
}

Test(rdn_values, an_add_takes_the_rdn_values_as_the_dn_as_written_spells_them)
{
	/* The adapter's identity is normalised ("zed@..."), the value slapd
	 * stores is as written (" zed@..."). */
	struct tn_entry *e =
	        fx_entry("mail=zed@iwdemo.fr,ou=people," DOM, "objectClass: inetOrgPerson",
	                "objectClass: tenancyMailbox", "mail: zed2@iwdemo.fr", FX_END);
	struct tn_change c = {.kind = TN_ADD,
	        .dn = e->dn,
	        .entry = e,
	        .display_dn = "mail=\\20zed@iwdemo.fr,ou=people," DOM};

	cr_assert_eq(fx_judge(ROOT, &c), TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "address-syntax");
}

Test(rdn_values, a_rename_to_a_multi_valued_rdn_adds_each_value)
{
	cr_assert_eq(
	        fx_add(ROOT, USER("zed"), "objectClass: inetOrgPerson",
	                "objectClass: tenancyMailbox", "uid: zed", "mail: zed@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	fx_rename(ROOT, USER("zed"), "cn=x+mail=oscar@other.org", NULL);
	cr_assert_str_eq(fx_rule(), "address-domain");
	fx_rename(ROOT, USER("zed"), "mail=bob@iwdemo.fr+uid=zed", NULL);
	cr_assert_str_eq(fx_rule(), "address-unique");
	cr_assert_eq(fx_rename(ROOT, USER("zed"), "mail=zed@iwdemo.fr+uid=zed", NULL), TN_OK, "%s",
	        fx_text());
}

Test(rdn_values, the_added_rdn_value_is_recorded)
{
	cr_assert_eq(fx_add(ROOT, "mail=zed@iwdemo.fr,ou=people," DOM, "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "cn: zed", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_route("zed@iwdemo.fr"), 1);
}

/* ---- fail closed */

static char *
long_dn(const char *below)
{
	size_t n = 9000, bl = strlen(below);
	char *dn = fx_alloc(n + bl + 5);

	memcpy(dn, "cn=", 3);
	memset(dn + 3, 'a', n);
	dn[3 + n] = ',';
	memcpy(dn + 4 + n, below, bl + 1);
	return dn;
}

Test(fail_closed, an_entry_in_a_tenant_the_engine_cannot_place_is_hidden)
{
	const char *dn = long_dn("ou=people," DOM);

	cr_assert_not(tn_visible(fx, AS(OUSER("oscar")), dn));
	cr_assert(tn_visible(fx, AS(READER), dn));
}

Test(fail_closed, an_actor_the_engine_cannot_place_sees_no_tenant)
{
	const char *actor = long_dn("ou=people," DOM);

	cr_assert_not(tn_sees_all(fx, AS(actor)));
	cr_assert_not(tn_visible(fx, AS(actor), USER("bob")));
	cr_assert_not(tn_visible(fx, AS(actor), OUSER("oscar")));
	cr_assert(tn_visible(fx, AS(actor), "cn=elsewhere," BASE));
}

Test(fail_closed, an_actor_the_engine_cannot_place_writes_nothing)
{
	const char *actor = long_dn("ou=people," DOM);

	fx_modify(AS(actor), USER("bob"), "replace: cn: x", FX_END);
	cr_assert_eq(fx_code(), TN_UNWILLING_TO_PERFORM, "%s", fx_text());
}

Test(fail_closed, too_many_values_in_an_rdn_is_unwilling)
{
	char dn[512] = "cn=a";
	int i;

	for (i = 0; i < 17; i++)
		sprintf(dn + strlen(dn), "+x%d=v", i);
	strcat(dn, ",ou=people," DOM);
	fx_add(ROOT, dn, "objectClass: person", FX_END);
	cr_assert_eq(fx_code(), TN_UNWILLING_TO_PERFORM, "%s", fx_text());
}

Test(fail_closed, a_rename_to_a_dn_the_engine_cannot_place_is_unwilling)
{
	char *rdn = fx_alloc(8200);

	memcpy(rdn, "uid=", 4);
	memset(rdn + 4, 'a', 8150);
	rdn[8154] = '\0';
	fx_rename(ROOT, USER("henri"), rdn, NULL);
	cr_assert_eq(fx_code(), TN_UNWILLING_TO_PERFORM, "%s", fx_text());
}

/* A value loaded with blanks around it (slapadd, replication) is the
 * address slapd's caseIgnoreIA5Match finds: the model holds it too. */
Test(address_syntax, a_loaded_address_with_blanks_is_held)
{
	const struct tn_entry *e = fx_entry(USER("zed"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zed", "mail:  Zed.Blank@iwdemo.fr ", FX_END);

	cr_assert_eq(tn_model_load(fx, e), 0);
	cr_assert_eq(fx_route("zed.blank@iwdemo.fr"), 1);
	fx_modify(ROOT, USER("carol"), "add: tenancyMailAlias: zed.blank@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

/* The same with a blank in front, and in an alias: values as a bulk load
 * may hold them, not as the fixture's lines would read them. */
Test(address_syntax, a_loaded_alias_with_a_leading_blank_is_held)
{
	static const struct tn_value oc[] = {{13, "inetOrgPerson"}, {14, "tenancyMailbox"}};
	static const struct tn_value uid[] = {{3, "zed"}};
	static const struct tn_value mail[] = {{14, "zed@iwdemo.fr "}};
	static const struct tn_value alias[] = {{17, "  zed.a@iwdemo.fr"}};
	static const struct tn_attr attrs[] = {{"objectClass", 2, oc}, {"uid", 1, uid},
	        {"mail", 1, mail}, {"tenancyMailAlias", 1, alias}};
	const struct tn_entry e = {USER("zed"), 4, attrs};

	cr_assert_eq(tn_model_load(fx, &e), 0);
	cr_assert_eq(fx_route("zed@iwdemo.fr"), 1);
	cr_assert_eq(fx_route("zed.a@iwdemo.fr"), 1);
	fx_modify(ROOT, USER("carol"), "add: mail: ZED.A@iwdemo.fr", FX_END);
	cr_assert_str_eq(fx_rule(), "address-unique");
}

Test(address_syntax, a_loaded_alias_domain_with_blanks_is_held)
{
	fx_record_unjudged("dn: tenancyDomainName=spaced.org," DOMAINS "\n"
	                   "objectClass: tenancyDomain\ntenancyDomainName: spaced.org\n"
	                   "tenancyDomainAlias: Spaced-Alias.org \ntenancyStatus: enabled \n");
	fx_add(ROOT, "tenancyDomainName=other2.org," DOMAINS, "objectClass: tenancyDomain",
	        "tenancyDomainName: other2.org", "tenancyDomainAlias: spaced-alias.org",
	        "tenancyStatus: enabled", FX_END);
	cr_assert_str_eq(fx_rule(), "domain-unique");
}
