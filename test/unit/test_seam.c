/*
 * test_seam.c - the write seam (tenancy.h): tn_judge() gives a verdict and,
 * when the change is allowed, a pending change; tn_commit() records it,
 * tn_discard() drops it.  The verdict's fields, and the text composed from
 * them.
 */
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(seam, .init = fx_setup, .fini = fx_teardown);
TestSuite(verdict, .init = fx_setup, .fini = fx_teardown);

static struct tn_change
new_mailbox(const char *dn, const char *uid, const char *mail)
{
	struct tn_change c = {.kind = TN_ADD,
	        .dn = dn,
	        .entry = fx_entry(dn, "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	                fx_printf("uid: %s", uid), "cn: x", "sn: x", fx_printf("mail: %s", mail),
	                FX_END)};
	return c;
}

/* A write landing while a change is pending: the model moves. */
static void
another_write(void)
{
	cr_assert_eq(fx_add(ROOT, USER("yan"), "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "uid: yan", "cn: y", "sn: y",
	                     "mail: yan@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
}

/* ------------------------------------------------------------- seam */

Test(seam, an_allowed_add_is_recorded_at_commit_only)
{
	struct tn_change c = new_mailbox(USER("zoe"), "zoe", "zoe@iwdemo.fr");
	struct tn_pending *p = NULL;
	struct tn_verdict v;
	size_t n = tn_model_entries(fx);

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, &p), 0);
	cr_assert_eq(v.code, TN_OK, "%s", v.text ? v.text : "");
	cr_assert_null(v.rule);
	cr_assert_null(v.text);
	cr_assert_not_null(p);
	cr_assert_eq(fx_route("zoe@iwdemo.com"), 0, "recorded before the commit");
	cr_assert_eq(tn_model_entries(fx), n);
	cr_assert_eq(tn_commit(fx, p), 0);
	cr_assert_eq(fx_route("zoe@iwdemo.com"), 1);
	cr_assert_eq(tn_model_entries(fx), n + 1);
	tn_verdict_clear(&v);
}

Test(seam, a_discarded_change_leaves_the_model_as_it_was)
{
	struct tn_change c = new_mailbox(USER("zoe"), "zoe", "zoe@iwdemo.fr");
	struct tn_change del = {.kind = TN_DELETE, .dn = USER("zed")};
	struct tn_pending *p = NULL;
	struct tn_verdict v;
	size_t n, bytes;

	cr_assert_eq(fx_add(ROOT, USER("zed"), "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "uid: zed", "cn: z", "sn: z",
	                     "mail: zed@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	n = tn_model_entries(fx);
	bytes = tn_model_bytes(fx);

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, &p), 0);
	cr_assert_not_null(p);
	tn_discard(p);
	p = NULL;
	cr_assert_eq(tn_judge(fx, ROOT, &del, &v, &p), 0);
	cr_assert_eq(v.code, TN_OK, "%s", v.text ? v.text : "");
	cr_assert_not_null(p);
	tn_discard(p);
	cr_assert_eq(fx_route("zoe@iwdemo.fr"), 0);
	cr_assert_eq(fx_route("zed@iwdemo.fr"), 1);
	cr_assert_eq(tn_model_entries(fx), n);
	cr_assert_eq(tn_model_bytes(fx), bytes);
	/* Judged again, the same add is still allowed: nothing was kept. */
	cr_assert_eq(fx_judge(ROOT, &c), TN_OK, "%s", fx_text());
	tn_verdict_clear(&v);
}

Test(seam, a_refusal_gives_no_pending_change)
{
	struct tn_change c = new_mailbox(USER("zoe"), "zoe", "alice@iwdemo.fr");
	struct tn_pending *p = (struct tn_pending *)&c;
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, &p), 0);
	cr_assert_eq(v.code, TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(v.rule, "address-unique");
	cr_assert_null(p);
	tn_verdict_clear(&v);
}

Test(seam, without_a_pending_pointer_the_judge_only_judges)
{
	struct tn_change c = new_mailbox(USER("zoe"), "zoe", "zoe@iwdemo.fr");
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, NULL), 0);
	cr_assert_eq(v.code, TN_OK);
	cr_assert_eq(fx_route("zoe@iwdemo.fr"), 0);
	tn_verdict_clear(&v);
	cr_assert_eq(tn_commit(fx, NULL), 0);
	tn_discard(NULL);
}

/* A copy the test frees itself (fx_strdup()'s are freed at teardown). */
static char *
own_copy(const char *s)
{
	char *c = strdup(s);

	if (c == NULL)
		abort();
	return c;
}

Test(seam, the_change_may_go_away_once_judged)
{
	char *mail = own_copy("bob.b@iwdemo.fr");
	struct tn_value val = {strlen(mail), mail};
	struct tn_mod mod = {TN_MOD_ADD, {"tenancyMailAlias", 1, &val}};
	char *dn = own_copy(USER("bob"));
	struct tn_change c = {.kind = TN_MODIFY, .dn = dn, .mods = &mod, .nmods = 1};
	struct tn_pending *p = NULL;
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, &p), 0);
	cr_assert_eq(v.code, TN_OK, "%s", v.text ? v.text : "");
	/* The adapter lets go of its change; the model then moves, so the
	 * commit must read the change again, from its own copy. */
	memset(mail, 'x', strlen(mail));
	memset(dn, 'x', strlen(dn));
	free(mail);
	free(dn);
	memset(&mod, 0, sizeof(mod));
	memset(&c, 0, sizeof(c));
	another_write();
	cr_assert_eq(tn_commit(fx, p), 0);
	cr_assert_eq(fx_route("bob.b@iwdemo.fr"), 1);
	cr_assert_str_eq(fx_route_dn,
	        "uid=bob,ou=people,tenancydomainname=iwdemo.fr,ou=domains,dc=example,dc=net");
	tn_verdict_clear(&v);
}

/* The record judged is of bob as the model held him; another write to bob
 * lands before the commit: the commit reads the change again against bob
 * as he is now, and neither write is lost. */
Test(seam, a_stale_pending_modify_is_read_again_at_commit)
{
	struct tn_value val = {15, "bob.b@iwdemo.fr"};
	struct tn_mod mod = {TN_MOD_ADD, {"tenancyMailAlias", 1, &val}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = USER("bob"), .mods = &mod, .nmods = 1};
	struct tn_pending *p = NULL;
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, &p), 0);
	cr_assert_eq(v.code, TN_OK, "%s", v.text ? v.text : "");
	cr_assert_not_null(p);
	cr_assert_eq(fx_modify(ROOT, USER("bob"), "add: tenancyMailAlias: bob.c@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(tn_commit(fx, p), 0);
	cr_assert_eq(fx_route("bob.b@iwdemo.fr"), 1);
	cr_assert_eq(fx_route("bob.c@iwdemo.fr"), 1, "the write in between was lost");
	cr_assert_eq(fx_route("bob@iwdemo.fr"), 1);
	tn_verdict_clear(&v);
}

/* A pending add holds what the judge read whatever lands in between (it
 * depends on the configuration only), the status it is stored with
 * included. */
Test(seam, a_pending_add_holds_across_other_writes_with_its_status)
{
	struct tn_change c = new_mailbox("uid=p," PDOM, "p", "p@pending.fr");
	struct tn_pending *p = NULL;
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, &p), 0);
	cr_assert_eq(v.code, TN_OK, "%s", v.text ? v.text : "");
	cr_assert_str_eq(v.set_status ? v.set_status : "(null)", "pending");
	another_write();
	cr_assert_eq(tn_commit(fx, p), 0);
	cr_assert_eq(fx_route("yan@iwdemo.fr"), 1);
	/* Stored pending: routed once its domain is enabled, not before. */
	cr_assert_eq(fx_route("p@pending.fr"), 0);
	cr_assert_eq(fx_modify(ROOT, PDOM, "replace: tenancyStatus: enabled", FX_END), TN_OK, "%s",
	        fx_text());
	cr_assert_eq(fx_route("p@pending.fr"), 1);
	tn_verdict_clear(&v);
}

Test(seam, a_stale_pending_delete_and_rename_are_committed)
{
	struct tn_change del = {.kind = TN_DELETE, .dn = USER("zed")};
	struct tn_change ren = {
	        .kind = TN_RENAME, .dn = USER("zia"), .newrdn = "uid=zia2", .deleteoldrdn = 1};
	struct tn_pending *pd = NULL, *pr = NULL;
	struct tn_verdict v;

	cr_assert_eq(fx_add(ROOT, USER("zed"), "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "uid: zed", "cn: z", "sn: z",
	                     "mail: zed@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_eq(fx_add(ROOT, USER("zia"), "objectClass: inetOrgPerson",
	                     "objectClass: tenancyMailbox", "uid: zia", "cn: z", "sn: z",
	                     "mail: zia@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &del, &v, &pd), 0);
	cr_assert_eq(v.code, TN_OK, "%s", v.text ? v.text : "");
	cr_assert_eq(tn_judge(fx, ROOT, &ren, &v, &pr), 0);
	cr_assert_eq(v.code, TN_OK, "%s", v.text ? v.text : "");
	another_write();
	cr_assert_eq(tn_commit(fx, pd), 0);
	cr_assert_eq(tn_commit(fx, pr), 0);
	cr_assert_eq(fx_route("zed@iwdemo.fr"), 0);
	cr_assert_eq(fx_route("zia@iwdemo.fr"), 1);
	cr_assert_str_eq(fx_route_dn,
	        "uid=zia2,ou=people,tenancydomainname=iwdemo.fr,ou=domains,dc=example,dc=net");
	tn_verdict_clear(&v);
}

/* A modify of nothing the model holds is recorded as nothing, whatever
 * lands in between. */
Test(seam, a_plain_modify_commits_as_nothing)
{
	struct tn_mod mod = {TN_MOD_REPLACE, {"description", 1, &(struct tn_value){3, "new"}}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = USER("bob"), .mods = &mod, .nmods = 1};
	struct tn_pending *p = NULL;
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, &p), 0);
	cr_assert_eq(v.code, TN_OK, "%s", v.text ? v.text : "");
	cr_assert_not_null(p);
	another_write();
	cr_assert_eq(tn_commit(fx, p), 0);
	cr_assert_eq(fx_route("bob@iwdemo.fr"), 1);
	tn_verdict_clear(&v);
}

Test(seam, a_replicated_change_is_recorded_unjudged)
{
	/* What no actor may write here (an address taken), a provider may
	 * have judged otherwise: a replica records it all the same. */
	struct tn_change c = new_mailbox(USER("zoe"), "zoe", "zoe@iwdemo.fr");

	cr_assert_eq(tn_record(fx, &c), 0);
	cr_assert_eq(fx_route("zoe@iwdemo.fr"), 1);
}

/* ---------------------------------------------------------- verdict */

Test(verdict, a_refusal_names_rule_entry_and_message_apart)
{
	struct tn_change c = new_mailbox(USER("zoe"), "zoe", "alice@iwdemo.fr");
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, NULL), 0);
	cr_assert_eq(v.code, TN_CONSTRAINT_VIOLATION);
	cr_assert_str_eq(v.rule, "address-unique");
	cr_assert_str_eq(v.entry, USER("zoe"));
	cr_assert_not_null(v.message);
	cr_assert(strstr(v.message, "alice@iwdemo.fr") != NULL, "%s", v.message);
	cr_assert(strstr(v.message, USER("zoe")) == NULL, "%s", v.message);
	cr_assert_str_eq(v.text, fx_printf("address-unique: %s: %s", USER("zoe"), v.message));
	tn_verdict_clear(&v);
	cr_assert_null(v.rule);
	cr_assert_null(v.entry);
	cr_assert_null(v.message);
	cr_assert_null(v.text);
}

Test(verdict, the_entry_is_the_dn_as_the_client_wrote_it)
{
	struct tn_change c = new_mailbox(USER("zoe"), "zoe", "alice@iwdemo.fr");
	const char *spelled = "UID=zoe, ou=People," DOM;
	struct tn_verdict v;

	c.display_dn = spelled;
	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, NULL), 0);
	cr_assert_str_eq(v.entry, spelled);
	cr_assert_str_eq(v.text, fx_printf("address-unique: %s: %s", spelled, v.message));
	tn_verdict_clear(&v);
}

Test(verdict, an_entry_with_a_colon_is_still_one_field)
{
	/* A DN may hold ": " in a value: no reader could split the text
	 * back; the fields need no splitting. */
	const char *dn = "uid=a: b,ou=people," DOM;
	struct tn_change c = new_mailbox(dn, "a: b", "alice@iwdemo.fr");
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, NULL), 0);
	cr_assert_str_eq(v.rule, "address-unique");
	cr_assert_str_eq(v.entry, dn);
	cr_assert(strncmp(v.message, "alice@iwdemo.fr", 15) == 0, "%s", v.message);
	tn_verdict_clear(&v);
}

Test(verdict, a_refusal_of_the_actor_names_the_actor)
{
	char long_dn[400];
	struct tn_change c = new_mailbox(USER("zoe"), "zoe", "zoe@iwdemo.fr");
	struct tn_verdict v;
	size_t i;

	for (i = 0; i + 1 < sizeof(long_dn); i++)
		long_dn[i] = 'a';
	memcpy(long_dn, "cn=", 3);
	long_dn[sizeof(long_dn) - 1] = '\0';
	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, AS(long_dn), &c, &v, NULL), 0);
	if (v.code == TN_UNWILLING_TO_PERFORM && strcmp(v.rule, "dn") == 0) {
		cr_assert_eq(strlen(v.entry), 200);
		cr_assert(strncmp(v.entry, long_dn, 200) == 0);
		cr_assert_str_eq(v.message, "the bound DN is longer than tenancy can place");
	} else {
		cr_assert_neq(v.code, TN_OK);
	}
	tn_verdict_clear(&v);
}

Test(verdict, a_hidden_target_has_no_text)
{
	struct tn_change c = {.kind = TN_DELETE, .dn = OUSER("oscar")};
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, AS(USER("alice")), &c, &v, NULL), 0);
	cr_assert_eq(v.code, TN_NO_SUCH_OBJECT);
	cr_assert_str_eq(v.rule, "hidden");
	cr_assert_null(v.entry);
	cr_assert_null(v.message);
	cr_assert_null(v.text);
	tn_verdict_clear(&v);
}

Test(verdict, control_characters_are_escaped_in_every_field)
{
	struct tn_change c = new_mailbox(USER("zoe"), "zoe", "zo\ne@iwdemo.fr");
	struct tn_verdict v;

	tn_verdict_init(&v);
	cr_assert_eq(tn_judge(fx, ROOT, &c, &v, NULL), 0);
	cr_assert_neq(v.code, TN_OK);
	cr_assert_null(strchr(v.text, '\n'), "%s", v.text);
	cr_assert_null(strchr(v.message, '\n'), "%s", v.message);
	cr_assert_str_eq(v.text, fx_printf("%s: %s: %s", v.rule, v.entry, v.message));
	tn_verdict_clear(&v);
}

Test(verdict, the_text_is_composed_by_one_function)
{
	char *t = tn_verdict_text("rule", "cn=x,dc=y", "what is wrong");

	cr_assert_str_eq(t, "rule: cn=x,dc=y: what is wrong");
	free(t);
	t = tn_verdict_text("memory", NULL, "out of memory");
	cr_assert_str_eq(t, "memory: out of memory");
	free(t);
	cr_assert_null(tn_verdict_text("rule", "cn=x", NULL));
}

static size_t nreported;
static char reported[512];

static void
report(void *ctx, const char *dn, const struct tn_verdict *v)
{
	(void)ctx;
	nreported++;
	snprintf(reported, sizeof(reported), "%s|%s|%s|%s", dn, v->rule,
	        v->entry ? v->entry : "(null)", v->message ? v->message : "(null)");
	cr_assert_str_eq(v->text, fx_printf("%s: %s: %s", v->rule, v->entry, v->message));
}

Test(verdict, whole_model_findings_are_verdicts_too)
{
	struct tn_model *m = tn_model_new();
	const char *dn = "cn=g,ou=groups," DOM;
	struct tn_attr attrs[] = {
	        {"objectClass", 1, &(struct tn_value){12, "tenancyGroup"}},
	        {"member", 1, &(struct tn_value){16, "uid=ghost,dc=net"}},
	};
	struct tn_entry e = {dn, 2, attrs};

	cr_assert_not_null(m);
	cr_assert_eq(tn_model_load(m, &e), 0);
	cr_assert_eq(tn_check_dangling(m, report, NULL), 1);
	cr_assert_eq(nreported, 1);
	cr_assert(
	        strncmp(reported, fx_printf("%s|reference|%s|", dn, dn), strlen(dn) * 2 + 12) == 0,
	        "%s", reported);
	tn_model_free(m);
}
