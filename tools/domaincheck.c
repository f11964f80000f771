/*
 * domaincheck.c - tenancy domain check: a domain's DNS, for onboarding.
 *
 * Usage: tenancy domain check NAME [--apply] [--json] [--resolver HOST[:PORT]]
 *                             [--timeout SECONDS] [--mail-host HOST]...
 *                             [--spf-include NAME]... [--dkim-selector SEL]
 *        tenancy domain check --every [--apply] ...
 *
 * The DNS questions are asked here, through ldns; which records a domain
 * needs and what counts as right is the engine's (src/dnscheck.c), and
 * each finding is printed as it says: what was found, what was expected.
 * The expected mail hosts are the domain's tenancyMailHost and every
 * --mail-host; the DKIM selector is the domain's tenancyDkimSelector, else
 * --dkim-selector.  With --apply the findings replace the domain's
 * tenancyStatusReason values and its status moves as tn_dns_next_status()
 * says; the overlay then releases pending mailboxes as for any status
 * change.  --every checks every pending and failed domain.
 *
 * Exit: 0 every required record right, 1 a finding, 2 usage or connection
 * errors, NAME no tenant, or a resolver that did not answer (nothing is
 * then written).
 */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "cli.h"
#include "dnscheck.h"

static const char check_usage[] =
        "Usage: tenancy domain check NAME [--apply] [--json] [--resolver HOST[:PORT]]\n"
        "                           [--timeout SECONDS] [--mail-host HOST]...\n"
        "                           [--spf-include NAME]... [--dkim-selector SELECTOR]\n"
        "       tenancy domain check --every [--apply] [...]\n\n"
        "Checks the DNS records NAME needs (MX, SPF, DKIM, DMARC; imap, smtp and\n"
        "webmail names as optional) and prints each finding.  --apply stores the\n"
        "findings in tenancyStatusReason and moves a pending or failed domain to\n"
        "enabled or failed.  --every checks every pending and failed domain.\n"
        "Exit status: 0 all required records right, 1 a finding, 2 usage or\n"
        "connection errors, no such tenant, or no answer from the resolver.\n";

enum {
	OPT_APPLY = 400,
	OPT_RESOLVER,
	OPT_TIMEOUT,
	OPT_MAIL_HOST,
	OPT_SPF_INCLUDE,
	OPT_DKIM_SELECTOR,
	OPT_EVERY
};

static const struct option check_options[] = {
        {"apply", no_argument, NULL, OPT_APPLY},
        {"every", no_argument, NULL, OPT_EVERY},
        {"resolver", required_argument, NULL, OPT_RESOLVER},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"mail-host", required_argument, NULL, OPT_MAIL_HOST},
        {"spf-include", required_argument, NULL, OPT_SPF_INCLUDE},
        {"dkim-selector", required_argument, NULL, OPT_DKIM_SELECTOR},
        {NULL, 0, NULL, 0},
};

#define MAX_LIST 16
struct check_opts {
	int apply, every, bad;
	const char *resolver;
	long timeout;
	const char *mail_hosts[MAX_LIST];
	size_t nmail_hosts;
	const char *spf_includes[MAX_LIST];
	size_t nspf_includes;
	const char *dkim_selector;
};

static int
check_option(void *ctx, int opt, const char *arg)
{
	struct check_opts *o = ctx;
	char *end;

	switch (opt) {
	case OPT_APPLY:
		o->apply = 1;
		return 0;
	case OPT_EVERY:
		o->every = 1;
		return 0;
	case OPT_RESOLVER:
		o->resolver = arg;
		return 0;
	case OPT_TIMEOUT:
		errno = 0;
		o->timeout = strtol(arg, &end, 10);
		if (errno || *end || o->timeout < 1 || o->timeout > 60) {
			warnx_("--timeout: %s: not a number of seconds from 1 to 60", arg);
			o->bad = 1;
		}
		return 0;
	case OPT_MAIL_HOST:
		if (o->nmail_hosts == MAX_LIST || !tn_dns_name_valid(arg)) {
			warnx_("--mail-host: %s: not a host name, or too many", arg);
			o->bad = 1;
		} else {
			o->mail_hosts[o->nmail_hosts++] = arg;
		}
		return 0;
	case OPT_SPF_INCLUDE:
		if (o->nspf_includes == MAX_LIST || !tn_dns_name_valid(arg)) {
			warnx_("--spf-include: %s: not a domain name, or too many", arg);
			o->bad = 1;
		} else {
			o->spf_includes[o->nspf_includes++] = arg;
		}
		return 0;
	case OPT_DKIM_SELECTOR:
		o->dkim_selector = arg;
		return 0;
	default:
		return -1;
	}
}

/* ------------------------------------------------------------------ DNS */

/* The values of one answer, owned here. */
struct rrvals {
	char **v;
	size_t n;
	int nxdomain;
};

static void
rrvals_free(struct rrvals *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int
rrvals_add(struct rrvals *s, char *v)
{
	char **nv;

	if (v == NULL || (nv = realloc(s->v, (s->n + 1) * sizeof *nv)) == NULL) {
		free(v);
		return -1;
	}
	s->v = nv;
	s->v[s->n++] = v;
	return 0;
}

static struct tn_dns_rrset
rrset_of(const struct rrvals *s)
{
	struct tn_dns_rrset r = {s->nxdomain, s->n, (const char *const *)s->v};

	return r;
}

/* A TXT record's character-strings, concatenated; bytes that do not print
 * become '?', so that a finding stays one line of text. */
static char *
txt_text(const ldns_rr *rr)
{
	size_t i, len = 0, k;
	char *s;

	for (i = 0; i < ldns_rr_rd_count(rr); i++)
		len += ldns_rdf_size(ldns_rr_rdf(rr, i));
	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	len = 0;
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *rdf = ldns_rr_rdf(rr, i);
		const uint8_t *d = ldns_rdf_data(rdf);
		size_t n = ldns_rdf_size(rdf);

		/* A character-string: one length byte, then the bytes. */
		if (n == 0 || (size_t)d[0] + 1 > n)
			continue;
		for (k = 1; k <= d[0]; k++)
			s[len++] = (d[k] >= 0x20 && d[k] < 0x7f) ? (char)d[k] : '?';
	}
	s[len] = '\0';
	return s;
}

static char *
rr_text(const ldns_rr *rr)
{
	char *a, *b, *s;
	size_t len;

	switch (ldns_rr_get_type(rr)) {
	case LDNS_RR_TYPE_TXT:
		return txt_text(rr);
	case LDNS_RR_TYPE_MX:
		a = ldns_rdf2str(ldns_rr_rdf(rr, 0));
		b = ldns_rdf2str(ldns_rr_rdf(rr, 1));
		len = (a ? strlen(a) : 0) + (b ? strlen(b) : 0) + 2;
		s = (a && b) ? malloc(len) : NULL;
		if (s)
			snprintf(s, len, "%s %s", a, b);
		free(a);
		free(b);
		return s;
	default:
		return ldns_rdf2str(ldns_rr_rdf(rr, 0));
	}
}

struct dns {
	ldns_resolver *res;
	char *error; /* the first question not answered */
};

/*
 * Ask `name` `type`, adding the answers to *out.  Returns 0, or -1 when
 * the resolver did not answer, or answered with an error other than
 * NXDOMAIN (the reason in d->error).
 */
static int
ask(struct dns *d, const char *name, ldns_rr_type type, struct rrvals *out)
{
	ldns_rdf *qname = ldns_dname_new_frm_str(name);
	ldns_pkt *pkt = NULL;
	ldns_rr_list *answers;
	ldns_status st;
	ldns_pkt_rcode rcode;
	char *tname = ldns_rr_type2str(type);
	size_t i;
	int rc = 0;

	if (qname == NULL) {
		if (asprintf(&d->error, "%s: not a DNS name", name) < 0)
			d->error = NULL;
		free(tname);
		return -1;
	}
	st = ldns_resolver_query_status(&pkt, d->res, qname, type, LDNS_RR_CLASS_IN, LDNS_RD);
	ldns_rdf_deep_free(qname);
	if (st != LDNS_STATUS_OK || pkt == NULL) {
		if (asprintf(&d->error, "%s %s: no answer from the resolver: %s", name,
		            tname ? tname : "?", ldns_get_errorstr_by_id(st)) < 0)
			d->error = NULL;
		rc = -1;
		goto out;
	}
	rcode = ldns_pkt_get_rcode(pkt);
	if (rcode == LDNS_RCODE_NXDOMAIN) {
		out->nxdomain = 1;
		goto out;
	}
	if (rcode != LDNS_RCODE_NOERROR) {
		char *r = ldns_pkt_rcode2str(rcode);

		if (asprintf(&d->error, "%s %s: the resolver answered %s", name,
		            tname ? tname : "?", r ? r : "an error") < 0)
			d->error = NULL;
		free(r);
		rc = -1;
		goto out;
	}
	answers = ldns_pkt_rr_list_by_type(pkt, type, LDNS_SECTION_ANSWER);
	for (i = 0; answers != NULL && i < ldns_rr_list_rr_count(answers); i++)
		if (rrvals_add(out, rr_text(ldns_rr_list_rr(answers, i))) < 0)
			rc = -1;
	ldns_rr_list_deep_free(answers);
	if (rc < 0 && asprintf(&d->error, "out of memory") < 0)
		d->error = NULL;
out:
	free(tname);
	ldns_pkt_free(pkt);
	return rc;
}

/* A and AAAA of `name`: NXDOMAIN only when both say so. */
static int
ask_addresses(struct dns *d, const char *name, struct rrvals *out)
{
	struct rrvals v6 = {0};
	size_t i;
	int nx;

	if (ask(d, name, LDNS_RR_TYPE_A, out) < 0 || ask(d, name, LDNS_RR_TYPE_AAAA, &v6) < 0) {
		rrvals_free(&v6);
		return -1;
	}
	nx = out->nxdomain && v6.nxdomain;
	for (i = 0; i < v6.n; i++) {
		if (rrvals_add(out, v6.v[i]) < 0) {
			v6.v[i] = NULL;
			rrvals_free(&v6);
			return -1;
		}
		v6.v[i] = NULL;
	}
	out->nxdomain = nx;
	rrvals_free(&v6);
	return 0;
}

/* A resolver that asks only `spec`, HOST[:PORT] (HOST may be [v6]).
 * NULL with a message printed on failure. */
static ldns_resolver *
resolver_at(const char *spec)
{
	char buf[256], *host = buf, *port = NULL, *close;
	struct addrinfo hints, *ai = NULL;
	ldns_resolver *res;
	ldns_rdf *ns = NULL;
	uint16_t ignored;

	if (strlen(spec) >= sizeof buf) {
		warnx_("--resolver: %s: too long", spec);
		return NULL;
	}
	strcpy(buf, spec);
	if (buf[0] == '[' && (close = strchr(buf, ']')) != NULL) {
		host = buf + 1;
		*close = '\0';
		if (close[1] == ':')
			port = close + 2;
	} else if ((port = strchr(buf, ':')) != NULL && strchr(port + 1, ':') == NULL) {
		*port++ = '\0'; /* one colon: HOST:PORT */
	} else {
		port = NULL; /* none, or a bare IPv6 address */
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_DGRAM;
	if (getaddrinfo(host, port ? port : "53", &hints, &ai) != 0 || ai == NULL) {
		warnx_("--resolver: %s: not a host and port", spec);
		return NULL;
	}
	res = ldns_resolver_new();
	if (res != NULL)
		ns = ldns_sockaddr_storage2rdf((struct sockaddr_storage *)ai->ai_addr, &ignored);
	if (ns == NULL || ldns_resolver_push_nameserver(res, ns) != LDNS_STATUS_OK) {
		warnx_("--resolver: %s: cannot be used", spec);
		if (res != NULL)
			ldns_resolver_deep_free(res);
		res = NULL;
	} else {
		ldns_resolver_set_port(res, (uint16_t)strtol(port ? port : "53", NULL, 10));
	}
	ldns_rdf_deep_free(ns);
	freeaddrinfo(ai);
	return res;
}

/* The resolver: --resolver HOST[:PORT], else the system's.  NULL with a
 * message printed on failure. */
static ldns_resolver *
resolver_open(const char *spec, long timeout)
{
	ldns_resolver *res = NULL;
	struct timeval tv = {timeout, 0};

	if (spec != NULL) {
		if ((res = resolver_at(spec)) == NULL)
			return NULL;
	} else if (ldns_resolver_new_frm_file(&res, NULL) != LDNS_STATUS_OK) {
		warnx_("cannot read the system's resolver configuration");
		return NULL;
	}
	/* One try each, so that a resolver that does not answer costs the
	 * timeout once, not a minute. */
	ldns_resolver_set_timeout(res, tv);
	ldns_resolver_set_retry(res, 1);
	ldns_resolver_set_retrans(res, 1);
	ldns_resolver_set_recursive(res, true);
	ldns_resolver_set_defnames(res, false);
	ldns_resolver_set_dnsrch(res, false);
	return res;
}

/* --------------------------------------------------------------- domain */

struct domain {
	char *dn;
	char *name;
	char *status;
	char *mail_host;
	char *selector;
	size_t found;
};

static char *
first_value(LDAP *ld, LDAPMessage *e, const char *attr)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	char *s = NULL;

	if (v != NULL && v[0] != NULL && (s = malloc(v[0]->bv_len + 1)) != NULL) {
		memcpy(s, v[0]->bv_val, v[0]->bv_len);
		s[v[0]->bv_len] = '\0';
	}
	ldap_value_free_len(v);
	return s;
}

static void
domain_clear(struct domain *d)
{
	free(d->dn);
	free(d->name);
	free(d->status);
	free(d->mail_host);
	free(d->selector);
	memset(d, 0, sizeof(*d));
}

static int
domain_read(void *ctx, LDAP *ld, LDAPMessage *e)
{
	struct domain *d = ctx;
	char *dn;

	if (d->found++)
		return 0;
	dn = ldap_get_dn(ld, e);
	d->dn = dn ? strdup(dn) : NULL;
	ldap_memfree(dn);
	d->name = first_value(ld, e, "tenancyDomainName");
	d->status = first_value(ld, e, "tenancyStatus");
	d->mail_host = first_value(ld, e, "tenancyMailHost");
	d->selector = first_value(ld, e, "tenancyDkimSelector");
	return 0;
}

static char *domain_attrs[] = {
        "tenancyDomainName", "tenancyStatus", "tenancyMailHost", "tenancyDkimSelector", NULL};

/* ---------------------------------------------------------------- check */

/* Print a finding's parts as JSON. */
static void
json_finding(const struct tn_dns_finding *f, int first)
{
	fputs(first ? "{\"check\": " : ", {\"check\": ", stdout);
	json_cstring(stdout, f->check);
	fputs(", \"state\": ", stdout);
	json_cstring(stdout, tn_dns_state_name(f->state));
	printf(", \"required\": %s, \"found\": ", f->required ? "true" : "false");
	json_cstring(stdout, f->found);
	fputs(", \"expected\": ", stdout);
	json_cstring(stdout, f->expected);
	fputc('}', stdout);
}

/* Store the findings and the new status.  Returns an exit code. */
static int
apply(struct prov *p, const struct domain *d, const struct tn_dns_report *rep, const char *next)
{
	struct modlist l = {0};
	size_t i;
	int rc, json, oom = 0;

	for (i = 0; i < rep->n; i++) {
		char *t = tn_dns_finding_text(&rep->f[i]);

		oom |= t == NULL || modlist_add(&l, LDAP_MOD_REPLACE, "tenancyStatusReason", t);
		free(t);
	}
	if (next != NULL)
		oom |= modlist_add(&l, LDAP_MOD_REPLACE, "tenancyStatus", next);
	if (oom) {
		warnx_("out of memory");
		modlist_free(&l);
		return EXIT_USAGE;
	}
	/* The check prints its own JSON, the findings and the status applied
	 * included: the provisioning record of the modify would break it. */
	json = p->json;
	p->json = 0;
	rc = prov_modify(p, d->dn, &l);
	p->json = json;
	modlist_free(&l);
	return rc;
}

/* Check one domain (NAME given, or found by --every).  Returns an exit
 * code; *printed counts the JSON objects printed so far. */
static int
check_one(struct prov *p, struct check_opts *o, struct dns *dns, const char *name, size_t *printed)
{
	struct domain d = {0};
	struct rrvals mx = {0}, txt = {0}, dkim = {0}, dmarc = {0}, imap = {0}, smtp = {0},
	              webmail = {0}, haddrs = {0};
	struct tn_dns_records rec;
	struct tn_dns_expect exp;
	struct tn_dns_report rep = {0};
	const char *hosts[MAX_LIST + 1], *next = NULL;
	char filter[400], qname[600];
	size_t nhosts = 0, i;
	int rc = EXIT_USAGE, lrc;

	if (!tn_dns_name_valid(name)) {
		warnx_("address-syntax: %s: not a domain name (LDH labels, at most 253 octets)",
		        name);
		return EXIT_USAGE;
	}
	/* A valid name holds letters, digits, hyphens and dots only: nothing
	 * to escape in a filter. */
	snprintf(filter, sizeof filter, "(&(objectClass=tenancyDomain)(tenancyDomainName=%s))",
	        name);
	lrc = conn_search(
	        p->ld, p->base, LDAP_SCOPE_SUBTREE, filter, domain_attrs, domain_read, &d);
	if (lrc != LDAP_SUCCESS) {
		(void)prov_result(p, lrc, "search", p->base);
		goto out;
	}
	if (d.found == 0 || d.dn == NULL) {
		warnx_("domain-check: %s: no tenant has this name", name);
		goto out;
	}
	if (d.mail_host != NULL)
		hosts[nhosts++] = d.mail_host;
	for (i = 0; i < o->nmail_hosts; i++)
		hosts[nhosts++] = o->mail_hosts[i];
	if (nhosts == 0) {
		warnx_("domain-check: %s: no mail host to expect: set tenancyMailHost on the "
		       "domain or give --mail-host",
		        name);
		goto out;
	}
	exp.mail_hosts = hosts;
	exp.nmail_hosts = nhosts;
	exp.spf_includes = o->spf_includes;
	exp.nspf_includes = o->nspf_includes;
	exp.dkim_selector = d.selector ? d.selector : o->dkim_selector;
	if (exp.dkim_selector && !tn_dns_name_valid(exp.dkim_selector)) {
		warnx_("domain-check: %s: DKIM selector %s is not a DNS label", name,
		        exp.dkim_selector);
		goto out;
	}

	if (ask(dns, name, LDNS_RR_TYPE_MX, &mx) < 0 || ask(dns, name, LDNS_RR_TYPE_TXT, &txt) < 0)
		goto dns_failed;
	if (exp.dkim_selector) {
		snprintf(qname, sizeof qname, "%s._domainkey.%s", exp.dkim_selector, name);
		if (ask(dns, qname, LDNS_RR_TYPE_TXT, &dkim) < 0)
			goto dns_failed;
	}
	snprintf(qname, sizeof qname, "_dmarc.%s", name);
	if (ask(dns, qname, LDNS_RR_TYPE_TXT, &dmarc) < 0)
		goto dns_failed;
	snprintf(qname, sizeof qname, "imap.%s", name);
	if (ask_addresses(dns, qname, &imap) < 0)
		goto dns_failed;
	snprintf(qname, sizeof qname, "smtp.%s", name);
	if (ask_addresses(dns, qname, &smtp) < 0)
		goto dns_failed;
	snprintf(qname, sizeof qname, "webmail.%s", name);
	if (ask_addresses(dns, qname, &webmail) < 0)
		goto dns_failed;
	for (i = 0; i < nhosts; i++) {
		struct rrvals h = {0};
		size_t k;

		if (ask_addresses(dns, hosts[i], &h) < 0) {
			rrvals_free(&h);
			goto dns_failed;
		}
		for (k = 0; k < h.n; k++) {
			(void)rrvals_add(&haddrs, h.v[k]);
			h.v[k] = NULL;
		}
		rrvals_free(&h);
	}

	rec.domain = name;
	rec.mx = rrset_of(&mx);
	rec.txt = rrset_of(&txt);
	rec.dkim = rrset_of(&dkim);
	rec.dmarc = rrset_of(&dmarc);
	rec.imap = rrset_of(&imap);
	rec.smtp = rrset_of(&smtp);
	rec.webmail = rrset_of(&webmail);
	rec.host_addrs = rrset_of(&haddrs);
	if (tn_dns_judge(&rec, &exp, &rep) != 0) {
		warnx_("out of memory");
		goto out;
	}
	next = tn_dns_next_status(d.status, rep.ok);
	if (next != NULL && d.status != NULL && strcasecmp(next, d.status) == 0)
		next = NULL;
	rc = rep.ok ? EXIT_OK : EXIT_DENIED;
	if (o->apply) {
		int arc = apply(p, &d, &rep, next);

		if (arc != EXIT_OK)
			rc = arc == EXIT_DENIED ? EXIT_DENIED : EXIT_USAGE;
	}

	if (p->json) {
		fputs(*printed ? ",\n{\"domain\": " : "{\"domain\": ", stdout);
		json_cstring(stdout, name);
		fputs(", \"dn\": ", stdout);
		json_cstring(stdout, d.dn);
		printf(", \"ok\": %s, \"status\": ", rep.ok ? "true" : "false");
		json_cstring(stdout, d.status);
		fputs(", \"new_status\": ", stdout);
		json_cstring(stdout, next ? next : d.status);
		printf(", \"applied\": %s, \"findings\": [", o->apply ? "true" : "false");
		for (i = 0; i < rep.n; i++)
			json_finding(&rep.f[i], i == 0);
		fputs("]}", stdout);
		++*printed;
	} else {
		for (i = 0; i < rep.n; i++) {
			char *t = tn_dns_finding_text(&rep.f[i]);

			printf("%s: %s\n", name, t ? t : "out of memory");
			free(t);
		}
		printf("%s: %s\n", name,
		        rep.ok ? "every required record is right"
		               : "a required record is missing or wrong");
		if (o->apply)
			printf("%s: status %s -> %s\n", name, d.status ? d.status : "(none)",
			        next       ? next
			        : d.status ? d.status
			                   : "(none)");
	}
	goto out;

dns_failed:
	warnx_("domain-check: %s: %s; status unchanged", name,
	        dns->error ? dns->error : "no answer from the resolver");
	free(dns->error);
	dns->error = NULL;
	rc = EXIT_USAGE;
out:
	tn_dns_report_free(&rep);
	rrvals_free(&mx);
	rrvals_free(&txt);
	rrvals_free(&dkim);
	rrvals_free(&dmarc);
	rrvals_free(&imap);
	rrvals_free(&smtp);
	rrvals_free(&webmail);
	rrvals_free(&haddrs);
	domain_clear(&d);
	return rc;
}

/* --every: the names of the pending and failed domains. */
struct names {
	char **v;
	size_t n;
};

static int
collect_name(void *ctx, LDAP *ld, LDAPMessage *e)
{
	struct names *ns = ctx;
	char *name = first_value(ld, e, "tenancyDomainName"), **nv;

	if (name == NULL || (nv = realloc(ns->v, (ns->n + 1) * sizeof *nv)) == NULL) {
		free(name);
		return 0;
	}
	ns->v = nv;
	ns->v[ns->n++] = name;
	return 0;
}

/* Worst first: connection and resolver errors, then findings. */
static int
worse(int a, int b)
{
	if (a == EXIT_USAGE || b == EXIT_USAGE)
		return EXIT_USAGE;
	return a == EXIT_DENIED || b == EXIT_DENIED ? EXIT_DENIED : EXIT_OK;
}

int
cmd_domain_check(int argc, char **argv)
{
	static char *name_attr[] = {"tenancyDomainName", NULL};
	struct prov p = {0};
	struct check_opts o = {0};
	struct dns dns = {NULL, NULL};
	struct names ns = {NULL, 0};
	size_t i, printed = 0;
	int rc;

	o.timeout = 3;
	rc = prov_parse(&p, argc, argv, check_options, check_option, &o, check_usage);
	if (rc >= 0)
		return rc;
	if (o.bad || (o.every ? argc - optind != 0 : argc - optind != 1)) {
		fputs(check_usage, stderr);
		return EXIT_USAGE;
	}
	if (!o.every && !tn_dns_name_valid(argv[optind])) {
		warnx_("address-syntax: %s: not a domain name (LDH labels, at most 253 octets)",
		        argv[optind]);
		return EXIT_USAGE;
	}
	if ((dns.res = resolver_open(o.resolver, o.timeout)) == NULL)
		return EXIT_USAGE;
	if ((rc = prov_open(&p)) != EXIT_OK) {
		ldns_resolver_deep_free(dns.res);
		return rc;
	}
	if (!o.every) {
		rc = check_one(&p, &o, &dns, argv[optind], &printed);
		if (p.json && printed)
			fputc('\n', stdout);
		goto out;
	}
	rc = conn_search(p.ld, p.base, LDAP_SCOPE_SUBTREE,
	        "(&(objectClass=tenancyDomain)(|(tenancyStatus=pending)(tenancyStatus=failed)))",
	        name_attr, collect_name, &ns);
	if (rc != LDAP_SUCCESS) {
		rc = prov_result(&p, rc, "search", p.base) == EXIT_OK ? EXIT_OK : EXIT_USAGE;
		goto out;
	}
	rc = EXIT_OK;
	if (p.json)
		fputs("[", stdout);
	for (i = 0; i < ns.n; i++)
		rc = worse(rc, check_one(&p, &o, &dns, ns.v[i], &printed));
	if (p.json)
		fputs("]\n", stdout);
out:
	for (i = 0; i < ns.n; i++)
		free(ns.v[i]);
	free(ns.v);
	ldns_resolver_deep_free(dns.res);
	prov_close(&p);
	return rc;
}
