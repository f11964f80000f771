/*
 * dnscheck.c - domain onboarding: which records a domain needs, what
 * counts as right, and which status follows (DESIGN §4, after La Suite's
 * dimail: "when all checks have passed, the domain is considered enabled").
 *
 * Required:
 *   mx     at least one MX, and every exchange one of the expected mail
 *          hosts (an MX to another provider sends mail elsewhere);
 *   spf    exactly one "v=spf1" TXT record, authorising a mail host with a
 *          pass qualifier: mx (when an exchange is a mail host), a:HOST,
 *          ip4:/ip6: covering a mail host's address, include:/redirect= of
 *          a configured include or a mail host; "+all" is wrong;
 *   dkim   a TXT record at <selector>._domainkey with a non-empty p=;
 *   dmarc  exactly one "v=DMARC1" TXT record at _dmarc with p=none,
 *          quarantine or reject.
 * Optional: imap, smtp, webmail: an address record each.
 *
 * Interface (dnscheck.h): tn_dns_judge(), tn_dns_report_free(),
 * tn_dns_next_status(), tn_dns_finding_text(), tn_dns_state_name(),
 * tn_dns_name_valid().  Pure functions over text: no I/O.
 *
 * Failure modes: tn_dns_judge() returns -1 when memory runs out, the
 * report then empty; tn_dns_finding_text() returns NULL then.
 */
#include "dnscheck.h"
#include "engine.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int
tn_dns_name_valid(const char *name)
{
	return name && domain_name_valid(name, strlen(name));
}

const char *
tn_dns_state_name(enum tn_dns_state s)
{
	switch (s) {
	case TN_DNS_OK:
		return "ok";
	case TN_DNS_MISSING:
		return "missing";
	default:
		return "wrong";
	}
}

/* Host names compare without case and without the root's trailing dot. */
static int
host_eq(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);

	if (alen && a[alen - 1] == '.')
		alen--;
	if (blen && b[blen - 1] == '.')
		blen--;
	return alen == blen && strncasecmp(a, b, alen) == 0;
}

static int
is_mail_host(const struct tn_dns_expect *e, const char *h, size_t len)
{
	size_t i;

	for (i = 0; i < e->nmail_hosts; i++)
		if (host_eq(h, len, e->mail_hosts[i]))
			return 1;
	return 0;
}

/* The values of a set joined by ", ", or "-" when none. */
static void
join_values(const struct tn_dns_rrset *s, struct buf *b)
{
	size_t i;

	if (s->nxdomain) {
		buf_adds(b, "the name does not exist");
		return;
	}
	if (s->n == 0)
		buf_addc(b, '-');
	for (i = 0; i < s->n; i++) {
		if (i)
			buf_adds(b, ", ");
		buf_adds(b, s->v[i]);
	}
}

static void
join_hosts(const struct tn_dns_expect *e, const char *sep, struct buf *b)
{
	size_t i;

	for (i = 0; i < e->nmail_hosts; i++) {
		if (i)
			buf_adds(b, sep);
		buf_adds(b, e->mail_hosts[i]);
	}
}

/* Does the value start with the tag `v=<version>` followed by a blank,
 * a semicolon or its end? */
static int
has_version(const char *v, const char *version)
{
	size_t len = strlen(version);

	while (*v == ' ' || *v == '\t')
		v++;
	if (strncasecmp(v, version, len) != 0)
		return 0;
	return v[len] == '\0' || v[len] == ' ' || v[len] == ';' || v[len] == '\t';
}

/* The exchange of an MX value ("10 mx.example.net."), or NULL. */
static const char *
mx_exchange(const char *v, size_t *len)
{
	const char *h = strchr(v, ' ');

	if (!h)
		return NULL;
	while (*h == ' ')
		h++;
	*len = strcspn(h, " ");
	return h;
}

static int
mx_points_at_us(const struct tn_dns_rrset *mx, const struct tn_dns_expect *e)
{
	size_t i, len;

	for (i = 0; !mx->nxdomain && i < mx->n; i++) {
		const char *h = mx_exchange(mx->v[i], &len);
		if (h && is_mail_host(e, h, len))
			return 1;
	}
	return 0;
}

struct judging {
	const struct tn_dns_records *r;
	const struct tn_dns_expect *e;
	struct tn_dns_report *out;
	struct buf found, expected;
};

static void
finding(struct judging *j, const char *check, enum tn_dns_state st, int required)
{
	struct tn_dns_finding *f = &j->out->f[j->out->n++];

	f->check = check;
	f->state = st;
	f->required = required;
	f->found = buf_take(&j->found);
	f->expected = buf_take(&j->expected);
	buf_init(&j->found);
	buf_init(&j->expected);
	if (required && st != TN_DNS_OK)
		j->out->ok = 0;
}

static void
judge_mx(struct judging *j)
{
	const struct tn_dns_rrset *mx = &j->r->mx;
	enum tn_dns_state st = TN_DNS_OK;
	size_t i, len;

	buf_adds(&j->expected, "MX to ");
	join_hosts(j->e, " or ", &j->expected);
	join_values(mx, &j->found);
	if (mx->nxdomain || mx->n == 0)
		st = TN_DNS_MISSING;
	for (i = 0; st == TN_DNS_OK && i < mx->n; i++) {
		const char *h = mx_exchange(mx->v[i], &len);
		/* A null MX ("0 .") says the domain takes no mail. */
		if (!h || !is_mail_host(j->e, h, len))
			st = TN_DNS_WRONG;
	}
	finding(j, "mx", st, 1);
}

/* Is the address `a` inside the network "addr[/len]" of an ip4:/ip6:
 * mechanism? */
static int
ip_in(const char *net, size_t nlen, const char *a, int v6)
{
	unsigned char na[16], aa[16];
	char buf[64];
	const char *slash;
	size_t alen = v6 ? 16 : 4;
	long bits = (long)alen * 8;
	size_t i;

	if (nlen >= sizeof(buf))
		return 0;
	memcpy(buf, net, nlen);
	buf[nlen] = '\0';
	if ((slash = strchr(buf, '/')) != NULL) {
		char *end;
		bits = strtol(slash + 1, &end, 10);
		if (*end || bits < 0 || bits > (long)alen * 8)
			return 0;
		buf[slash - buf] = '\0';
	}
	if (inet_pton(v6 ? AF_INET6 : AF_INET, buf, na) != 1 ||
	        inet_pton(v6 ? AF_INET6 : AF_INET, a, aa) != 1)
		return 0;
	for (i = 0; bits > 0; i++, bits -= 8) {
		unsigned char mask = bits >= 8 ? 0xff : (unsigned char)(0xff << (8 - bits));
		if ((na[i] & mask) != (aa[i] & mask))
			return 0;
	}
	return 1;
}

/* Does one SPF term (qualifier already stripped) authorise a mail host? */
static int
spf_term_authorises(const struct judging *j, const char *t, size_t len)
{
	const struct tn_dns_expect *e = j->e;
	const struct tn_dns_rrset *ha = &j->r->host_addrs;
	size_t i;

#define TERM(p) (len >= sizeof(p) - 1 && strncasecmp(t, p, sizeof(p) - 1) == 0)
	if ((len == 2 || (len > 2 && t[2] == '/')) && strncasecmp(t, "mx", 2) == 0)
		return mx_points_at_us(&j->r->mx, e);
	if (TERM("a:")) {
		size_t nl;
		for (nl = 0; 2 + nl < len && t[2 + nl] != '/'; nl++)
			;
		return is_mail_host(e, t + 2, nl);
	}
	if (TERM("include:") || TERM("redirect=")) {
		const char *d = t + 8;
		size_t dl = len - 8;
		if (TERM("redirect=")) {
			d = t + 9;
			dl = len - 9;
		}
		for (i = 0; i < e->nspf_includes; i++)
			if (host_eq(d, dl, e->spf_includes[i]))
				return 1;
		return is_mail_host(e, d, dl);
	}
	if (TERM("ip4:") || TERM("ip6:")) {
		int v6 = t[2] == '6';
		for (i = 0; !ha->nxdomain && i < ha->n; i++)
			if ((strchr(ha->v[i], ':') != NULL) == v6 &&
			        ip_in(t + 4, len - 4, ha->v[i], v6))
				return 1;
	}
	return 0;
#undef TERM
}

static void
judge_spf(struct judging *j)
{
	const struct tn_dns_rrset *txt = &j->r->txt;
	const char *spf = NULL, *t;
	size_t i, n = 0;
	enum tn_dns_state st = TN_DNS_MISSING;

	buf_adds(&j->expected, "one v=spf1 TXT record authorising ");
	join_hosts(j->e, " and ", &j->expected);
	buf_adds(&j->expected, " (mx, a:, ip4:/ip6: or include:)");
	for (i = 0; !txt->nxdomain && i < txt->n; i++)
		if (has_version(txt->v[i], "v=spf1")) {
			if (n++)
				buf_adds(&j->found, ", ");
			buf_adds(&j->found, txt->v[i]);
			spf = txt->v[i];
		}
	if (txt->nxdomain)
		buf_adds(&j->found, "the name does not exist");
	else if (n == 0)
		buf_addc(&j->found, '-');
	if (n > 1) {
		st = TN_DNS_WRONG; /* RFC 7208 4.5: a permanent error */
	} else if (n == 1) {
		st = TN_DNS_WRONG;
		for (t = spf + strspn(spf, " "); *t; t += strspn(t, " ")) {
			size_t len = strcspn(t, " ");
			char q = '+';
			if (strchr("+-~?", *t)) {
				q = *t++;
				len--;
			}
			if (len == 3 && strncasecmp(t, "all", 3) == 0 && q == '+') {
				st = TN_DNS_WRONG; /* every host on earth */
				break;
			}
			if (q == '+' && spf_term_authorises(j, t, len))
				st = TN_DNS_OK;
			t += len;
		}
	}
	finding(j, "spf", st, 1);
}

/* The value of tag `name` in a "k=v; k=v" record, and its length; NULL
 * when absent. */
static const char *
tag_value(const char *rec, const char *name, size_t *len)
{
	size_t nlen = strlen(name);
	const char *p = rec;

	while (*p) {
		const char *end, *eq;
		p += strspn(p, " \t;");
		end = p + strcspn(p, ";");
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq) {
			const char *k = p, *ke = eq, *v = eq + 1, *ve = end;
			while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
				ke--;
			while (v < ve && (*v == ' ' || *v == '\t'))
				v++;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if ((size_t)(ke - k) == nlen && strncasecmp(k, name, nlen) == 0) {
				*len = (size_t)(ve - v);
				return v;
			}
		}
		p = end;
	}
	return NULL;
}

static void
judge_dkim(struct judging *j)
{
	const struct tn_dns_rrset *d = &j->r->dkim;
	const char *sel = j->e->dkim_selector;
	enum tn_dns_state st = TN_DNS_MISSING;
	size_t i, len, vlen;

	if (!sel || !*sel) {
		buf_adds(&j->found, "no DKIM selector configured");
		buf_adds(&j->expected, "tenancyDkimSelector on the domain");
		finding(j, "dkim", TN_DNS_MISSING, 1);
		return;
	}
	buf_printf(&j->expected, "a TXT record with a public key (p=) at %s._domainkey.%s", sel,
	        j->r->domain);
	join_values(d, &j->found);
	for (i = 0; !d->nxdomain && i < d->n; i++) {
		const char *v = tag_value(d->v[i], "v", &vlen);
		const char *p = tag_value(d->v[i], "p", &len);
		if (!p)
			continue;
		if ((v && !(vlen == 5 && strncasecmp(v, "DKIM1", 5) == 0)) || len == 0) {
			st = TN_DNS_WRONG; /* another version, or a revoked key */
			continue;
		}
		st = TN_DNS_OK;
		break;
	}
	finding(j, "dkim", st, 1);
}

static void
judge_dmarc(struct judging *j)
{
	const struct tn_dns_rrset *d = &j->r->dmarc;
	enum tn_dns_state st = TN_DNS_MISSING;
	const char *rec = NULL;
	size_t i, n = 0, len;

	buf_printf(&j->expected,
	        "one v=DMARC1 TXT record at _dmarc.%s with p=none, "
	        "quarantine or reject",
	        j->r->domain);
	join_values(d, &j->found);
	for (i = 0; !d->nxdomain && i < d->n; i++)
		if (has_version(d->v[i], "v=DMARC1")) {
			rec = d->v[i];
			n++;
		}
	if (n > 1)
		st = TN_DNS_WRONG;
	else if (n == 1) {
		const char *p = tag_value(rec, "p", &len);
		st = TN_DNS_WRONG;
		if (p && ((len == 4 && strncasecmp(p, "none", 4) == 0) ||
		                 (len == 10 && strncasecmp(p, "quarantine", 10) == 0) ||
		                 (len == 6 && strncasecmp(p, "reject", 6) == 0)))
			st = TN_DNS_OK;
	}
	finding(j, "dmarc", st, 1);
}

static void
judge_name(struct judging *j, const char *check, const struct tn_dns_rrset *s)
{
	buf_printf(&j->expected, "an address record for %s.%s", check, j->r->domain);
	join_values(s, &j->found);
	finding(j, check, s->nxdomain || s->n == 0 ? TN_DNS_MISSING : TN_DNS_OK, 0);
}

int
tn_dns_judge(
        const struct tn_dns_records *r, const struct tn_dns_expect *e, struct tn_dns_report *out)
{
	struct judging j;
	size_t i;
	int oom = 0;

	memset(out, 0, sizeof(*out));
	out->ok = 1;
	j.r = r;
	j.e = e;
	j.out = out;
	buf_init(&j.found);
	buf_init(&j.expected);
	judge_mx(&j);
	judge_spf(&j);
	judge_dkim(&j);
	judge_dmarc(&j);
	judge_name(&j, "imap", &r->imap);
	judge_name(&j, "smtp", &r->smtp);
	judge_name(&j, "webmail", &r->webmail);
	buf_free(&j.found);
	buf_free(&j.expected);
	for (i = 0; i < out->n; i++)
		oom |= !out->f[i].found || !out->f[i].expected;
	if (oom) {
		tn_dns_report_free(out);
		return -1;
	}
	return 0;
}

void
tn_dns_report_free(struct tn_dns_report *rep)
{
	size_t i;

	for (i = 0; i < rep->n; i++) {
		free(rep->f[i].found);
		free(rep->f[i].expected);
	}
	memset(rep, 0, sizeof(*rep));
}

char *
tn_dns_finding_text(const struct tn_dns_finding *f)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s: %s: found %s; expected %s", f->check, tn_dns_state_name(f->state),
	        f->found ? f->found : "-", f->expected ? f->expected : "-");
	if (!f->required)
		buf_adds(&b, " (optional)");
	return buf_take(&b);
}

const char *
tn_dns_next_status(const char *current, int ok)
{
	enum status st = current ? status_parse(current, strlen(current)) : ST_NONE;

	/* No status counts as enabled (DESIGN §4). */
	if (st != ST_PENDING && st != ST_FAILED)
		return NULL;
	return ok ? "enabled" : "failed";
}
