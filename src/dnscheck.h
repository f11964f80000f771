/*
 * dnscheck.h - domain onboarding: what a domain's DNS must hold (DESIGN §4).
 *
 * A new domain stays `pending` until its DNS is checked.  The command line
 * fetches the records (tools/domaincheck.c, the only part that speaks DNS)
 * and hands them here as text; these functions decide which records are
 * required, what counts as right, and which status follows.  No I/O.
 *
 * Records, as the resolver library prints their data:
 *   MX    "10 mx.example.net."  (preference, exchange)
 *   TXT   the character-strings of one record, concatenated
 *   A     "192.0.2.1", AAAA "2001:db8::1"
 *
 * Ownership: the caller owns every input; a report owns its strings and is
 * freed with tn_dns_report_free().
 */
#ifndef TENANCY_DNSCHECK_H
#define TENANCY_DNSCHECK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The answer to one question: the name does not exist, or these values
 * (none: the name exists without records of the type). */
struct tn_dns_rrset {
	int nxdomain;
	size_t n;
	const char *const *v;
};

struct tn_dns_records {
	const char *domain;                      /* the name checked */
	struct tn_dns_rrset mx;                  /* MX of the domain */
	struct tn_dns_rrset txt;                 /* TXT of the domain (SPF) */
	struct tn_dns_rrset dkim;                /* TXT of <selector>._domainkey */
	struct tn_dns_rrset dmarc;               /* TXT of _dmarc */
	struct tn_dns_rrset imap, smtp, webmail; /* A and AAAA */
	struct tn_dns_rrset host_addrs;          /* A and AAAA of the expected mail hosts */
};

/* What the provider expects: the hosts that receive the domain's mail
 * (its tenancyMailHost, or the configured ones), SPF includes that
 * authorise them, and the DKIM selector (NULL: none configured). */
struct tn_dns_expect {
	const char *const *mail_hosts;
	size_t nmail_hosts;
	const char *const *spf_includes;
	size_t nspf_includes;
	const char *dkim_selector;
};

enum tn_dns_state { TN_DNS_OK, TN_DNS_MISSING, TN_DNS_WRONG };

/* One finding.  `check` is "mx", "spf", "dkim", "dmarc", "imap", "smtp"
 * or "webmail"; the last three are not required. */
struct tn_dns_finding {
	const char *check;
	enum tn_dns_state state;
	int required;
	char *found;    /* what DNS holds, "-" when nothing */
	char *expected; /* what it should hold */
};

#define TN_DNS_CHECKS 7
struct tn_dns_report {
	struct tn_dns_finding f[TN_DNS_CHECKS];
	size_t n;
	int ok; /* every required finding is TN_DNS_OK */
};

/* Is `name` a domain name the address grammar allows (DESIGN §5a.5)? */
int tn_dns_name_valid(const char *name);

/* Judge the fetched records.  Returns 0, or -1 when memory ran out (the
 * report is then empty and not ok). */
int tn_dns_judge(
        const struct tn_dns_records *r, const struct tn_dns_expect *e, struct tn_dns_report *out);
/* Free the findings' strings; the report is then empty (and not ok). */
void tn_dns_report_free(struct tn_dns_report *rep);

/* "ok", "missing", "wrong". */
const char *tn_dns_state_name(enum tn_dns_state s);

/* One line for a finding, as stored in tenancyStatusReason:
 * "<check>: <state>: found <found>; expected <expected>" (malloc'd, or
 * NULL when memory ran out). */
char *tn_dns_finding_text(const struct tn_dns_finding *f);

/*
 * The status a check moves a domain to (`--apply`): from pending or
 * failed to enabled when every required record is right, and to failed
 * when one is not.  An enabled domain (or one without a status,
 * which counts as enabled) stays enabled: its findings are stored and an
 * operator decides; a disabled one stays disabled.
 * Returns the new status, or NULL to leave it unchanged.
 */
const char *tn_dns_next_status(const char *current, int ok);

#ifdef __cplusplus
}
#endif

#endif
