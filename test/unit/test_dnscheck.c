/*
 * test_dnscheck.c - domain onboarding policy (DESIGN §4): which records
 * are required, what counts as right, which status follows.  The records
 * are given as text, as the command line fetches them.
 */
#include "dnscheck.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

static const char *const hosts[] = {"mx.provider.test"};
static const char *const includes[] = {"spf.provider.test"};
static const char *const mx_ok[] = {"10 mx.provider.test."};
static const char *const spf_ok[] = {"google-site-verification=x", "v=spf1 mx -all"};
static const char *const dkim_ok[] = {"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GN"};
static const char *const dmarc_ok[] = {"v=DMARC1; p=quarantine; rua=mailto:d@x.test"};
static const char *const addr[] = {"192.0.2.25"};
static const char *const host_addrs[] = {"192.0.2.25", "2001:db8::25"};

#define SET(a)                                                                                     \
	{                                                                                          \
		0, sizeof(a) / sizeof((a)[0]), (a)                                                 \
	}
#define NONE                                                                                       \
	{                                                                                          \
		0, 0, NULL                                                                         \
	}
#define NX                                                                                         \
	{                                                                                          \
		1, 0, NULL                                                                         \
	}

static struct tn_dns_records rec;
static struct tn_dns_expect exp_ = {hosts, 1, includes, 1, "mail"};
static struct tn_dns_report rep;

static void
good(void)
{
	struct tn_dns_records r = {"good.test", SET(mx_ok), SET(spf_ok), SET(dkim_ok),
	        SET(dmarc_ok), SET(addr), NONE, NONE, SET(host_addrs)};

	rec = r;
	memset(&rep, 0, sizeof(rep));
}

static void
done(void)
{
	tn_dns_report_free(&rep);
}

TestSuite(dnscheck, .init = good, .fini = done);

static const struct tn_dns_finding *
judge(const char *check)
{
	size_t i;

	tn_dns_report_free(&rep);
	cr_assert_eq(tn_dns_judge(&rec, &exp_, &rep), 0);
	for (i = 0; i < rep.n; i++)
		if (strcmp(rep.f[i].check, check) == 0)
			return &rep.f[i];
	cr_assert_fail("no %s finding", check);
	return NULL;
}

Test(dnscheck, a_correct_domain_passes_every_required_check)
{
	judge("mx");
	cr_assert(rep.ok);
	cr_assert_eq(rep.n, 7);
}

Test(dnscheck, optional_names_missing_do_not_fail_the_domain)
{
	const struct tn_dns_finding *f = judge("smtp");

	cr_assert_eq(f->state, TN_DNS_MISSING);
	cr_assert_not(f->required);
	cr_assert(rep.ok);
}

Test(dnscheck, a_missing_mx_is_a_required_finding)
{
	rec.mx.n = 0;
	cr_assert_eq(judge("mx")->state, TN_DNS_MISSING);
	cr_assert_not(rep.ok);
}

Test(dnscheck, an_mx_to_another_provider_is_wrong_and_says_what_it_found)
{
	static const char *const other[] = {"10 mx.provider.test.", "20 mx.elsewhere.test."};
	const struct tn_dns_finding *f;

	rec.mx = (struct tn_dns_rrset)SET(other);
	f = judge("mx");
	cr_assert_eq(f->state, TN_DNS_WRONG);
	cr_assert(strstr(f->found, "mx.elsewhere.test."), "%s", f->found);
	cr_assert(strstr(f->expected, "mx.provider.test"), "%s", f->expected);
}

Test(dnscheck, spf_mx_does_not_authorise_us_when_the_mx_is_elsewhere)
{
	static const char *const other[] = {"10 mx.elsewhere.test."};

	rec.mx = (struct tn_dns_rrset)SET(other);
	cr_assert_eq(judge("spf")->state, TN_DNS_WRONG);
}

Test(dnscheck, spf_authorising_another_host_only_is_wrong)
{
	static const char *const spf[] = {"v=spf1 a:mail.elsewhere.test ip4:198.51.100.0/24 -all"};

	rec.txt = (struct tn_dns_rrset)SET(spf);
	cr_assert_eq(judge("spf")->state, TN_DNS_WRONG);
}

Test(dnscheck, spf_by_network_include_or_host_name_is_right)
{
	static const char *const by_net[] = {"v=spf1 ip4:192.0.2.0/24 -all"};
	static const char *const by_v6[] = {"v=spf1 ip6:2001:db8::/32 -all"};
	static const char *const by_inc[] = {"v=spf1 include:spf.provider.test ~all"};
	static const char *const by_a[] = {"v=spf1 a:mx.provider.test. -all"};

	rec.txt = (struct tn_dns_rrset)SET(by_net);
	cr_assert_eq(judge("spf")->state, TN_DNS_OK);
	rec.txt = (struct tn_dns_rrset)SET(by_v6);
	cr_assert_eq(judge("spf")->state, TN_DNS_OK);
	rec.txt = (struct tn_dns_rrset)SET(by_inc);
	cr_assert_eq(judge("spf")->state, TN_DNS_OK);
	rec.txt = (struct tn_dns_rrset)SET(by_a);
	cr_assert_eq(judge("spf")->state, TN_DNS_OK);
}

Test(dnscheck, spf_with_a_fail_qualifier_does_not_authorise)
{
	static const char *const spf[] = {"v=spf1 -mx ~all"};

	rec.txt = (struct tn_dns_rrset)SET(spf);
	cr_assert_eq(judge("spf")->state, TN_DNS_WRONG);
}

Test(dnscheck, spf_plus_all_is_wrong)
{
	static const char *const spf[] = {"v=spf1 mx +all"};

	rec.txt = (struct tn_dns_rrset)SET(spf);
	cr_assert_eq(judge("spf")->state, TN_DNS_WRONG);
}

Test(dnscheck, two_spf_records_are_wrong)
{
	static const char *const spf[] = {"v=spf1 mx -all", "v=spf1 a -all"};

	rec.txt = (struct tn_dns_rrset)SET(spf);
	cr_assert_eq(judge("spf")->state, TN_DNS_WRONG);
}

Test(dnscheck, a_missing_dkim_key_is_a_finding)
{
	rec.dkim = (struct tn_dns_rrset)NX;
	cr_assert_eq(judge("dkim")->state, TN_DNS_MISSING);
	cr_assert_not(rep.ok);
}

Test(dnscheck, a_revoked_dkim_key_is_wrong)
{
	static const char *const revoked[] = {"v=DKIM1; p="};

	rec.dkim = (struct tn_dns_rrset)SET(revoked);
	cr_assert_eq(judge("dkim")->state, TN_DNS_WRONG);
}

Test(dnscheck, no_dkim_selector_is_a_finding)
{
	exp_.dkim_selector = NULL;
	cr_assert_eq(judge("dkim")->state, TN_DNS_MISSING);
	exp_.dkim_selector = "mail";
}

Test(dnscheck, dmarc_needs_a_policy)
{
	static const char *const nopolicy[] = {"v=DMARC1; rua=mailto:x@y.test"};

	rec.dmarc = (struct tn_dns_rrset)SET(nopolicy);
	cr_assert_eq(judge("dmarc")->state, TN_DNS_WRONG);
}

Test(dnscheck, a_name_that_does_not_exist_fails_every_required_check)
{
	size_t i;

	rec.mx = rec.txt = rec.dkim = rec.dmarc = (struct tn_dns_rrset)NX;
	judge("mx");
	for (i = 0; i < rep.n; i++)
		if (rep.f[i].required)
			cr_assert_eq(rep.f[i].state, TN_DNS_MISSING, "%s", rep.f[i].check);
	cr_assert(strstr(rep.f[0].found, "does not exist"));
}

Test(dnscheck, a_finding_reads_as_one_line)
{
	char *t;

	rec.mx.n = 0;
	t = tn_dns_finding_text(judge("mx"));
	cr_assert_str_eq(t, "mx: missing: found -; expected MX to mx.provider.test");
	free(t);
}

Test(dnscheck, pending_and_failed_domains_move_enabled_ones_stay)
{
	cr_assert_str_eq(tn_dns_next_status("pending", 1), "enabled");
	cr_assert_str_eq(tn_dns_next_status("FAILED", 1), "enabled");
	cr_assert_str_eq(tn_dns_next_status("pending", 0), "failed");
	cr_assert_null(tn_dns_next_status("enabled", 0));
	cr_assert_null(tn_dns_next_status(NULL, 0));
	cr_assert_null(tn_dns_next_status("disabled", 1));
}

Test(dnscheck, names_follow_the_address_grammar)
{
	cr_assert(tn_dns_name_valid("good.test"));
	cr_assert_not(tn_dns_name_valid("bad_name.test"));
	cr_assert_not(tn_dns_name_valid("-bad.test"));
	cr_assert_not(tn_dns_name_valid("a..test"));
	cr_assert_not(tn_dns_name_valid(""));
}
