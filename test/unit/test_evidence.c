/*
 * test_evidence.c - DESIGN §10: a refused change carries its evidence,
 * the entries that decided it, one "<DN>: <what it shows>" line each, when
 * the caller asked for it (want_explain), and nothing when it did not.
 */
#define _GNU_SOURCE
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

TestSuite(evidence, .init = fx_setup, .fini = fx_teardown);
TestSuite(evidence_logins, .init = fx_setup_uid_logins, .fini = fx_teardown);

/* Does the chain hold a line that starts with `dn` and holds `what`? */
static int
has_line(const char *chain, const char *dn, const char *what)
{
	const char *p = chain;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *l = fx_alloc(len + 1);
		memcpy(l, p, len);
		l[len] = '\0';
		/* DNs compare without case: the model spells a unit as the
		 * first entry that named it did. */
		if (strncasecmp(l, dn, strlen(dn)) == 0 && strcasestr(l + strlen(dn), what) != NULL)
			return 1;
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

#define ASSERT_LINE(dn, what)                                                                      \
	cr_assert(has_line(fx_explain(), (dn), (what)), "no line \"%s ... %s\" in:\n%s", (dn),     \
	        (what), fx_explain())

static enum tn_result
new_user(const struct tn_actor *actor, const char *uid, const char *mail, const char *unit)
{
	return fx_add(actor, fx_printf("uid=%s,ou=people," DOM, uid), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", fx_printf("uid: %s", uid), fx_printf("cn: %s", uid),
	        fx_printf("sn: %s", uid), fx_printf("mail: %s", mail),
	        unit ? fx_printf("tenancyUnitRef: %s", unit) : FX_END, FX_END);
}

/* ------------------------------------------------------------ permissions */

/* alice holds no grant: the unit, the units above it up to the domain,
 * and that she holds none there. */
Test(evidence, permission_without_a_grant_names_the_units_and_no_grant)
{
	cr_assert_eq(
	        new_user(AS(USER("alice")), "zoe", "zoe@iwdemo.fr", PARIS), TN_INSUFFICIENT_ACCESS);
	cr_assert_str_eq(fx_rule(), "permission");
	ASSERT_LINE("ou=Paris," FRANCE ": ", "users.create is needed");
	ASSERT_LINE(FRANCE ": ", "above it");
	ASSERT_LINE(EUROPE ": ", "above it");
	ASSERT_LINE(DOM ": ", "the domain above it");
	ASSERT_LINE(USER("alice") ": ", "holds no grant at ou=Paris");
}

/* carol's grant counts at Paris but gives no unit permission: the chain
 * names the grant, its role and its scope. */
Test(evidence, permission_names_the_grant_held_and_its_unit)
{
	fx_add(AS(USER("carol")), "ou=Lyon," FRANCE, "objectClass: tenancyUnit", "ou: Lyon",
	        FX_END);
	cr_assert_str_eq(fx_rule(), "permission");
	ASSERT_LINE(FRANCE ": ", "units is needed to create a unit");
	ASSERT_LINE(USER("carol") ": ", "holds 1 grant at");
	ASSERT_LINE("grant " GRANT("carol-users") ": ", "userManager at " EUROPE " (direct)");
}

/* dave holds groupManager through admins-inner, nested in admins. */
Test(evidence, permission_names_a_grant_held_through_nested_groups)
{
	cr_assert_eq(
	        new_user(AS(USER("dave")), "zoe", "zoe@iwdemo.fr", FRANCE), TN_INSUFFICIENT_ACCESS);
	ASSERT_LINE("grant " GRANT("admins-groups") ": ", "through group " GROUP("admins"));
	ASSERT_LINE("grant " GRANT("admins-groups") ": ", GROUP("admins-inner"));
}

Test(evidence, grant_held_names_the_scope_and_the_grantors_grants)
{
	fx_add(AS(USER("henri")), GRANT("bob-groups"), "objectClass: tenancyGrant",
	        "cn: bob-groups", "tenancyGrantee: " USER("bob"), "tenancyScope: " PARIS,
	        "tenancyRole: groupManager", FX_END);
	cr_assert_str_eq(fx_rule(), "grant-held");
	ASSERT_LINE(PARIS ": ", "the grant gives role groupManager");
	ASSERT_LINE("grant " GRANT("henri-deleg") ": ", "at " FRANCE " (direct)");
}

/* The takeover: the stronger account's grant, and the actor's. */
Test(evidence, takeover_names_both_accounts_grants)
{
	fx_modify(AS(USER("carol")), USER("boss"), "replace: telephoneNumber: 1", FX_END);
	cr_assert_str_eq(fx_rule(), "takeover");
	ASSERT_LINE(USER("boss") ": ", "holds 2 grants at " DOM);
	ASSERT_LINE("grant " GRANT("boss-domain") ": ", "domainManager");
	ASSERT_LINE(USER("carol") ": ", "holds no grant at " DOM);
}

Test(evidence, group_roles_names_the_groups_grant)
{
	fx_modify(AS(USER("ivan")), GROUP("power"), "add: member: " USER("erin"), FX_END);
	cr_assert_str_eq(fx_rule(), "group-roles");
	ASSERT_LINE("grant " GRANT("power-users") ": ", "userManager at " DOM);
	ASSERT_LINE("grant " GRANT("ivan-groups") ": ", "groupManager at " DOM);
}

/* ------------------------------------------------------ uniqueness, claims */

Test(evidence, taken_address_names_its_holder)
{
	cr_assert_eq(new_user(ROOT, "bob2", "bob@iwdemo.com", NULL), TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "address-unique");
	ASSERT_LINE(USER("bob") ": ", "holds address bob@iwdemo.com");
}

Test(evidence, taken_domain_name_names_its_holder)
{
	fx_add(ROOT, "tenancyDomainName=newco.fr," DOMAINS, "objectClass: tenancyDomain",
	        "tenancyDomainName: newco.fr", "tenancyDomainAlias: other.net", FX_END);
	cr_assert_str_eq(fx_rule(), "domain-unique");
	ASSERT_LINE(ODOM ": ", "holds domain name other.net");
}

Test(evidence, domain_name_in_use_names_an_address_in_it)
{
	fx_modify(ROOT, DOM, "delete: tenancyDomainAlias: iwdemo.com", FX_END);
	fx_modify(ROOT, USER("bob"), "add: tenancyMailAlias: robert@iwdemo.com", FX_END);
	fx_modify(ROOT, DOM, "add: tenancyDomainAlias: iwdemo.com", FX_END);
	fx_modify(ROOT, USER("bob"), "add: tenancyMailAlias: robert@iwdemo.com", FX_END);
	fx_modify(ROOT, DOM, "delete: tenancyDomainAlias: iwdemo.com", FX_END);
	cr_assert_str_eq(fx_rule(), "in-use");
	ASSERT_LINE(USER("bob") ": ", "holds address robert@iwdemo.com, in domain iwdemo.com");
}

Test(evidence, address_of_another_tenant_names_the_tenants)
{
	new_user(ROOT, "zoe", "zoe@other.net", NULL);
	cr_assert_str_eq(fx_rule(), "address-domain");
	ASSERT_LINE(DOM ": ", "the entry's tenant, iwdemo.fr");
	ASSERT_LINE(ODOM ": ", "holds domain name other.net");
}

/* To a delegated administrator, another tenant's name is not named. */
Test(evidence, address_of_a_hidden_tenant_names_only_ones_own)
{
	new_user(AS(USER("boss")), "zoe", "zoe@other.net", NULL);
	cr_assert_str_eq(fx_rule(), "address-domain");
	ASSERT_LINE(DOM ": ", "the entry's tenant, iwdemo.fr");
	cr_assert_null(strstr(fx_explain(), "other.org"), "%s", fx_explain());
}

Test(evidence_logins, taken_login_names_its_holder)
{
	fx_add(ROOT, "uid=bob,ou=people," ODOM, "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: bob", "cn: bob", "sn: bob",
	        "mail: bob@other.org", FX_END);
	cr_assert_str_eq(fx_rule(), "login-unique");
	ASSERT_LINE(USER("bob") ": ", "holds login bob");
}

Test(evidence, defined_role_names_its_definition)
{
	fx_add(ROOT, "cn=userManager,ou=more," ROLES, "objectClass: tenancyRole", "cn: userManager",
	        "tenancyPermission: quota", FX_END);
	cr_assert_str_eq(fx_rule(), "role-unique");
	ASSERT_LINE(ROLE("userManager") ": ", "defines role userManager");
}

/* ------------------------------------------------------------------ in use */

Test(evidence, unit_in_use_names_its_members)
{
	fx_delete(ROOT, PARIS);
	cr_assert_str_eq(fx_rule(), "in-use");
	ASSERT_LINE(USER("bob") ": ", "its tenancyUnitRef names " PARIS);
	ASSERT_LINE(USER("erin") ": ", "its tenancyUnitRef names " PARIS);
}

Test(evidence, unit_in_use_names_its_sub_units_and_grants)
{
	fx_delete(ROOT, EUROPE);
	cr_assert_str_eq(fx_rule(), "in-use");
	ASSERT_LINE(FRANCE ": ", "a sub-unit of it");
	ASSERT_LINE(GRANT("carol-users") ": ", "its tenancyScope names " EUROPE);
}

Test(evidence, referenced_entry_names_its_referrers)
{
	fx_delete(ROOT, USER("bob"));
	cr_assert_str_eq(fx_rule(), "in-use");
	ASSERT_LINE(GROUP("sales") ": ", "its member names " USER("bob"));
	ASSERT_LINE(USER("alice") ": ", "names " USER("bob"));
}

Test(evidence, role_in_use_names_its_grants)
{
	fx_delete(ROOT, ROLE("groupManager"));
	cr_assert_str_eq(fx_rule(), "in-use");
	ASSERT_LINE(GRANT("admins-groups") ": ", "grants role groupManager");
	ASSERT_LINE(GRANT("ivan-groups") ": ", "grants role groupManager");
}

Test(evidence, tenant_in_use_names_its_entries)
{
	fx_delete(ROOT, ODOM);
	cr_assert_str_eq(fx_rule(), "in-use");
	ASSERT_LINE(OUSER("oscar") ": ", "of the tenant");
}

/* -------------------------------------------------------------- references */

Test(evidence, missing_reference_names_the_reference)
{
	fx_modify(ROOT, GROUP("sales"), "add: member: " USER("nobody"), FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
	ASSERT_LINE(USER("nobody") ": ", "named by member: no ");
}

Test(evidence, foreign_reference_names_what_it_names)
{
	fx_modify(ROOT, GROUP("sales"), "add: member: " OUSER("oscar"), FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
	ASSERT_LINE(OUSER("oscar") ": ", "of tenant other.org");
}

Test(evidence, reference_of_the_wrong_kind_names_its_kind)
{
	fx_modify(ROOT, USER("bob"), "replace: tenancyUnitRef: " GROUP("sales"), FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
	ASSERT_LINE(GROUP("sales") ": ", "named by tenancyUnitRef: a group, not a unit");
}

/* A delegated administrator naming another tenant's entry learns no more
 * from the chain than from the text: it reads as a missing one. */
Test(evidence, hidden_reference_reads_as_a_missing_one)
{
	char *hidden, *missing;

	fx_modify(AS(USER("ivan")), GROUP("sales"), "add: member: " OUSER("oscar"), FX_END);
	cr_assert_str_eq(fx_rule(), "reference");
	hidden = fx_strdup(fx_explain());
	fx_modify(AS(USER("ivan")), GROUP("sales"), "add: member: " OUSER("nobody"), FX_END);
	missing = fx_strdup(fx_explain());
	cr_assert(strstr(hidden, "named by member: no ") != NULL, "%s", hidden);
	cr_assert_null(strstr(hidden, "a mailbox"), "%s", hidden);
	cr_assert_str_eq(strstr(hidden, ": "), strstr(missing, ": "));
}

/* ------------------------------------------------------------ the contract */

/* A refusal about the target alone names the rule's input, on one line. */
Test(evidence, refusal_about_the_target_alone_keeps_one_line)
{
	cr_assert_eq(new_user(ROOT, "zoe", "zoe@@iwdemo.fr", NULL), TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(fx_rule(), "address-syntax");
	cr_assert_str_eq(fx_explain(), fx_printf("%s: %s\n", fx_verdict.entry, fx_verdict.message));
}

/* A hidden target is answered as a missing one: no chain either. */
Test(evidence, hidden_target_has_no_chain)
{
	fx_modify(AS(OUSER("oscar")), USER("bob"), "replace: telephoneNumber: 1", FX_END);
	cr_assert_str_eq(fx_rule(), "hidden");
	cr_assert_str_eq(fx_explain(), "");
}

Test(evidence, allowed_change_has_no_chain)
{
	cr_assert_eq(new_user(ROOT, "zoe", "zoe@iwdemo.fr", NULL), TN_OK, "%s", fx_text());
	cr_assert_str_eq(fx_explain(), "");
}

/* Without want_explain nothing is built; the verdict is the same. */
Test(evidence, no_chain_unless_asked)
{
	struct tn_entry *e = fx_entry(fx_printf("uid=zoe,ou=people," DOM),
	        "objectClass: inetOrgPerson", "objectClass: tenancyMailbox", "uid: zoe", "cn: zoe",
	        "sn: zoe", "mail: zoe@iwdemo.fr", "tenancyUnitRef: " PARIS, FX_END);
	struct tn_change c = {.kind = TN_ADD, .dn = e->dn, .entry = e};
	struct tn_pending *p = NULL;
	struct tn_verdict v;
	char *text;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, AS(USER("alice")), &c, &v, &p), 0);
	cr_assert_eq(v.code, TN_INSUFFICIENT_ACCESS);
	cr_assert_null(v.explain, "%s", v.explain);
	text = fx_strdup(v.text);
	v.want_explain = 1;
	cr_assert_eq(tn_judge(fx, AS(USER("alice")), &c, &v, &p), 0);
	cr_assert_str_eq(v.text, text);
	cr_assert(v.explain && strstr(v.explain, "holds no grant"), "%s", v.explain);
	cr_assert_null(p);
	tn_verdict_clear(&v);
}

/* lint --unordered --explain: the whole-model check carries chains too. */
struct found {
	int n;
	char *explain;
};

static void
keep_explain(void *ctx, const char *dn, const struct tn_verdict *v)
{
	struct found *f = ctx;

	(void)dn;
	if (f->n++ == 0 && v->explain)
		f->explain = fx_strdup(v->explain);
}

Test(evidence, whole_model_check_explains_its_findings)
{
	struct found f = {0, NULL};
	struct tn_entry *e = fx_entry("uid=bob2,ou=people," DOM, "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: bob2", "cn: bob2", "sn: bob2",
	        "mail: bob@iwdemo.fr", FX_END);

	cr_assert_eq(tn_model_load(fx, e), 0);
	tn_check_model(fx, keep_explain, &f);
	cr_assert_gt(f.n, 0);
	cr_assert_null(f.explain, "%s", f.explain);
	f.n = 0;
	tn_check_model_explained(fx, keep_explain, &f);
	cr_assert_gt(f.n, 0);
	cr_assert(f.explain && strstr(f.explain, ": holds address bob@iwdemo.fr"), "%s", f.explain);
}
