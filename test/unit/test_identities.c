/*
 * test_identities.c - tenancyIdentity: every address a user may put in
 * From:, the reverse of tenancySender (DESIGN §4, §7).
 *
 * The fixture's world gives one test per rule; generated directories then
 * check the property itself: A is in identities(L) exactly when L is in
 * the tenancySender of A's entry, and exactly when tn_sendas_check(L, A)
 * allows it.
 */
#define _GNU_SOURCE
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

TestSuite(identities, .init = fx_setup, .fini = fx_teardown);
TestSuite(identities_property, .init = fx_setup_empty, .fini = fx_teardown);

/* The identities of a login, in order, space-separated; the rule and
 * chain of the address `of` in *rule / *chain. */
struct collect {
	char list[4096];
	const char *of;
	char rule[64], chain[1024];
	size_t n;
};

static int
collect(void *ctx, const char *address, const char *rule, const char *chain)
{
	struct collect *c = ctx;
	size_t len = strlen(c->list);

	snprintf(c->list + len, sizeof(c->list) - len, "%s%s", len ? " " : "", address);
	if (c->of && strcasecmp(c->of, address) == 0) {
		snprintf(c->rule, sizeof(c->rule), "%s", rule);
		snprintf(c->chain, sizeof(c->chain), "%s", chain ? chain : "");
	}
	c->n++;
	return 0;
}

static struct collect *
identities(const char *login, const char *of)
{
	struct collect *c = fx_alloc(sizeof(*c));

	memset(c, 0, sizeof(*c));
	c->of = of;
	tn_identities(fx, login, 1, collect, c);
	return c;
}

Test(identities, own_primary_address_comes_first)
{
	cr_assert(strncmp(identities("alice@iwdemo.fr", NULL)->list, "alice@iwdemo.fr ", 16) == 0,
	        "%s", identities("alice@iwdemo.fr", NULL)->list);
}

Test(identities, own_aliases_come_in_every_alias_domain_form)
{
	const char *l = identities("alice@iwdemo.fr", NULL)->list;

	cr_assert(fx_has_word(l, "alice@iwdemo.com"), "%s", l);
	cr_assert(fx_has_word(l, "alice.smith@iwdemo.fr"), "%s", l);
	cr_assert(fx_has_word(l, "alice.smith@iwdemo.com"), "%s", l);
}

Test(identities, each_address_is_listed_once)
{
	const char *l = identities("alice@iwdemo.fr", NULL)->list;

	cr_assert_null(strcasestr(l, " alice@iwdemo.fr"), "%s", l);
	cr_assert_eq(strcasestr(l, "contact@iwdemo.fr"), strcasestr(l, " contact@iwdemo.fr") + 1,
	        "%s", l);
	cr_assert_null(
	        strcasestr(strcasestr(l, " contact@iwdemo.fr") + 1, " contact@iwdemo.fr"), "%s", l);
}

Test(identities, a_send_as_group_gives_its_address)
{
	struct collect *c = identities("alice@iwdemo.fr", "support@iwdemo.com");

	cr_assert(fx_has_word(c->list, "support@iwdemo.fr"), "%s", c->list);
	cr_assert_str_eq(c->rule, "group-send-as");
}

Test(identities, a_nested_send_as_group_names_the_chain)
{
	struct collect *c = identities("erin@iwdemo.fr", "support@iwdemo.fr");

	cr_assert_str_eq(c->rule, "group-send-as");
	cr_assert(strstr(c->chain, "cn=support-l2") && strstr(c->chain, "cn=support,"), "%s",
	        c->chain);
}

Test(identities, a_group_without_the_flag_gives_nothing)
{
	cr_assert_not(fx_has_word(identities("bob@iwdemo.fr", NULL)->list, "sales@iwdemo.fr"));
}

Test(identities, a_delegation_gives_the_mailbox_addresses)
{
	struct collect *c = identities("bob@iwdemo.fr", "alice.smith@iwdemo.com");

	cr_assert(fx_has_word(c->list, "alice@iwdemo.fr"), "%s", c->list);
	cr_assert_str_eq(c->rule, "delegate");
}

Test(identities, a_delegation_to_a_nested_group_reaches_its_members)
{
	struct collect *c = identities("frank@iwdemo.fr", "contact@iwdemo.fr");

	cr_assert_str_eq(c->rule, "delegate");
	cr_assert(strstr(c->chain, "cn=delegates-inner"), "%s", c->chain);
}

Test(identities, a_manage_share_gives_the_shared_mailbox)
{
	struct collect *c = identities("alice@iwdemo.fr", "contact@iwdemo.fr");

	cr_assert_str_eq(c->rule, "manage-share");
}

Test(identities, a_manage_share_through_a_group_gives_the_shared_mailbox)
{
	struct collect *c = identities("bob@iwdemo.fr", "sales-box@iwdemo.fr");

	cr_assert_str_eq(c->rule, "manage-share");
	cr_assert(strstr(c->chain, "cn=sales,"), "%s", c->chain);
}

Test(identities, a_lower_share_gives_nothing)
{
	cr_assert_not(fx_has_word(identities("erin@iwdemo.fr", NULL)->list, "sales-box@iwdemo.fr"));
}

Test(identities, a_disabled_user_has_none)
{
	cr_assert_eq(identities("grace@iwdemo.fr", NULL)->n, 0);
}

Test(identities, a_disabled_mailbox_is_nobody_s_identity)
{
	/* grace lists bob as delegate, but grace is disabled. */
	cr_assert_not(fx_has_word(identities("bob@iwdemo.fr", NULL)->list, "grace@iwdemo.fr"));
}

Test(identities, an_unknown_login_has_none)
{
	cr_assert_eq(identities("nobody@iwdemo.fr", NULL)->n, 0);
}

Test(identities, a_removed_alias_disappears)
{
	cr_assert_eq(fx_modify(ROOT, USER("alice"),
	                     "delete: tenancyMailAlias: alice.smith@iwdemo.fr", FX_END),
	        TN_OK, "%s", fx_text());
	cr_assert_not(
	        fx_has_word(identities("alice@iwdemo.fr", NULL)->list, "alice.smith@iwdemo.com"));
	cr_assert_not(
	        fx_has_word(identities("bob@iwdemo.fr", NULL)->list, "alice.smith@iwdemo.fr"));
}

Test(identities, the_computed_attribute_holds_the_same_addresses)
{
	size_t n = 0;
	const char *v = fx_computed(TN_AT_IDENTITY, USER("bob"), " ", &n);

	cr_assert_eq(n, identities("bob@iwdemo.fr", NULL)->n);
	cr_assert(fx_has_word(v, "cycle@iwdemo.com"), "%s", v);
}

Test(identities, the_computed_attribute_is_on_users_only)
{
	size_t n = 1;

	fx_computed(TN_AT_IDENTITY, SHARED("contact"), " ", &n);
	cr_assert_eq(n, 0);
	cr_assert(tn_is_computed("tenancyidentity"));
}

/* ------------------------------------------------- generated directories */

/* A small deterministic generator: the same seed, the same directory. */
static unsigned long rng;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

#define NTENANTS 2
#define NUSERS   9
#define NGROUPS  5
#define NSHARED  4

static const char *
gen_domain(int t)
{
	return fx_printf("tenancyDomainName=t%d.test," DOMAINS, t);
}

static const char *
gen_dn(int t, char kind, int i)
{
	switch (kind) {
	case 'u':
		return fx_printf("uid=u%d,ou=people,%s", i, gen_domain(t));
	case 'g':
		return fx_printf("cn=g%d,ou=groups,%s", i, gen_domain(t));
	default:
		return fx_printf("cn=s%d,ou=shared,%s", i, gen_domain(t));
	}
}

/* A user or group of tenant t, at random: a delegate or a grantee. */
static const char *
gen_principal(int t, int groups_up_to)
{
	if (groups_up_to > 0 && rnd(3) == 0)
		return gen_dn(t, 'g', (int)rnd((unsigned)groups_up_to));
	return gen_dn(t, 'u', (int)rnd(NUSERS));
}

static const char *
gen_status(void)
{
	static const char *const st[] = {"", "", "", "tenancyStatus: enabled\n",
	        "tenancyStatus: disabled\n", "tenancyStatus: pending\n"};

	return st[rnd(sizeof(st) / sizeof(st[0]))];
}

/* Append "attr: value" unless the entry names that value already. */
static int
gen_ref(char *b, int n, const char *attr, const char *dn)
{
	if (strstr(b, dn))
		return n;
	return n + snprintf(b + n, 4096 - (size_t)n, "%s: %s\n", attr, dn);
}

static void
gen_add(const char *ldif)
{
	cr_assert_eq(fx_ldif(ROOT, ldif), 0, "generated entry refused: %s\n%s", fx_text(), ldif);
}

static void
gen_directory(unsigned long seed)
{
	char b[4096];
	int t, i, j, k;

	rng = seed;
	gen_add("dn: " DOMAINS "\nobjectClass: organizationalUnit\nou: domains\n");
	for (t = 0; t < NTENANTS; t++) {
		gen_add(fx_printf("dn: %s\nobjectClass: tenancyDomain\n"
		                  "tenancyDomainName: t%d.test\ntenancyDomainAlias: t%d.example\n"
		                  "%s",
		        gen_domain(t), t, t,
		        rnd(6) ? "tenancyStatus: enabled\n" : "tenancyStatus: pending\n"));
		for (i = 0; i < NUSERS; i++) {
			int n = snprintf(b, sizeof(b),
			        "dn: %s\nobjectClass: inetOrgPerson\n"
			        "objectClass: tenancyMailbox\nuid: u%d\ncn: u%d\nsn: u%d\n"
			        "mail: u%d@t%d.%s\n%s",
			        gen_dn(t, 'u', i), i, i, i, i, t, rnd(4) ? "test" : "example",
			        gen_status());
			if (rnd(2))
				n += snprintf(b + n, sizeof(b) - (size_t)n,
				        "tenancyMailAlias: a%d@t%d.example\n", i, t);
			if (rnd(3) == 0)
				n += snprintf(b + n, sizeof(b) - (size_t)n,
				        "tenancyMailAlias: U%d.Other@T%d.test\n", i, t);
			/* Delegates among the users added before. */
			for (k = 0; i > 0 && k < (int)rnd(3); k++)
				n = gen_ref(b, n, "tenancySendAsDelegate",
				        gen_dn(t, 'u', (int)rnd((unsigned)i)));
			gen_add(b);
		}
		for (i = 0; i < NGROUPS; i++) {
			int n = snprintf(b, sizeof(b),
			        "dn: %s\nobjectClass: groupOfNames\n"
			        "objectClass: tenancyGroup\ncn: g%d\n%s%s",
			        gen_dn(t, 'g', i), i, rnd(2) ? "tenancyGroupSendAs: TRUE\n" : "",
			        gen_status());
			if (rnd(5))
				n += snprintf(
				        b + n, sizeof(b) - (size_t)n, "mail: g%d@t%d.test\n", i, t);
			for (k = 0; k < 1 + (int)rnd(4); k++)
				n = gen_ref(b, n, "member", gen_principal(t, i));
			gen_add(b);
		}
		/* Cycles and nesting in both directions. */
		for (i = 0; i < 2; i++) {
			j = (int)rnd(NGROUPS);
			k = (int)rnd(NGROUPS);
			if (j != k)
				cr_assert_eq(
				        fx_modify(ROOT, gen_dn(t, 'g', j),
				                fx_printf("add: member: %s", gen_dn(t, 'g', k)),
				                FX_END),
				        TN_OK, "%s", fx_text());
		}
		for (i = 0; i < NSHARED; i++) {
			static const char *const level[] = {
			        "Read", "ReadReply", "Write", "Manage", "Manage"};
			int n = snprintf(b, sizeof(b),
			        "dn: %s\nobjectClass: tenancySharedMailbox\n"
			        "cn: s%d\nmail: s%d@t%d.test\n%s",
			        gen_dn(t, 's', i), i, i, t, gen_status());
			for (k = 0; k < (int)rnd(4); k++)
				n = gen_ref(b, n, fx_printf("tenancyShare%s", level[rnd(5)]),
				        gen_principal(t, NGROUPS));
			for (k = 0; k < (int)rnd(3); k++)
				n = gen_ref(
				        b, n, "tenancySendAsDelegate", gen_principal(t, NGROUPS));
			gen_add(b);
		}
		/* Users delegating to groups, once the groups exist. */
		for (i = 0; i < 3; i++)
			cr_assert_eq(fx_modify(ROOT, gen_dn(t, 'u', (int)rnd(NUSERS)),
			                     fx_printf("add: tenancySendAsDelegate: %s",
			                             gen_dn(t, 'g', (int)rnd(NGROUPS))),
			                     FX_END),
			        TN_OK, "%s", fx_text());
	}
}

/* Every addressable entry of the generated world. */
static const char *
gen_entry(int n)
{
	int per = NUSERS + NGROUPS + NSHARED, t = n / per, i = n % per;

	if (i < NUSERS)
		return gen_dn(t, 'u', i);
	if (i < NUSERS + NGROUPS)
		return gen_dn(t, 'g', i - NUSERS);
	return gen_dn(t, 's', i - NUSERS - NGROUPS);
}

static int
split_has(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p = list;

	while ((p = strcasestr(p, word)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return 1;
		p += len;
	}
	return 0;
}

static void
check_reverse(unsigned long seed)
{
	int nentries = NTENANTS * (NUSERS + NGROUPS + NSHARED);
	int t, u, e;
	size_t checked = 0;

	gen_directory(seed);
	for (t = 0; t < NTENANTS; t++)
		for (u = 0; u < NUSERS; u++) {
			const char *login = NULL;
			const char *udn = gen_dn(t, 'u', u);
			struct collect *ids = fx_alloc(sizeof(*ids));
			size_t nids = 0;
			char *tok, *save, *copy;

			memset(ids, 0, sizeof(*ids));
			/* The login is the user's own first identity, or it has none
			 * (it may not send): then it is no tenancySender anywhere. */
			tn_identities(fx, udn, 0, collect, ids);
			if (ids->n) {
				copy = fx_strdup(ids->list);
				login = strtok_r(copy, " ", &save);
			}
			for (e = 0; e < nentries; e++) {
				const char *odn = gen_entry(e);
				const char *senders = fx_computed(TN_AT_SENDER, odn, " ", NULL);
				const char *addrs = fx_computed(TN_AT_ADDRESS, odn, " ", NULL);
				int sender = login && split_has(senders, login);

				copy = fx_strdup(addrs);
				for (tok = strtok_r(copy, " ", &save); tok;
				        tok = strtok_r(NULL, " ", &save)) {
					int identity = split_has(ids->list, tok);
					cr_assert_eq(identity, sender,
					        "seed %lu: %s: %s %s in identities, but %s in the "
					        "tenancySender of %s (%s)",
					        seed, udn, tok, identity ? "is" : "is not",
					        sender ? "is" : "is not", odn, senders);
					/* And the answer of the send-as check, rule for rule. */
					cr_assert_eq(identity, fx_sendas(udn, tok, 0) == TN_OK,
					        "seed %lu: %s as %s: identities say %d, check says "
					        "%s",
					        seed, udn, tok, identity, fx_text());
					nids += identity;
					checked++;
				}
			}
			cr_assert_eq(nids, ids->n,
			        "seed %lu: %s has %zu identities, "
			        "%zu of them are addresses whose tenancySender names it: %s",
			        seed, udn, ids->n, nids, ids->list);
		}
	cr_assert_gt(checked, 0);
}

Test(identities_property, identities_are_the_reverse_of_senders)
{
	unsigned long seed;

	for (seed = 1; seed <= 40; seed++) {
		check_reverse(seed);
		fx_setup_empty();
	}
}
