/*
 * engine.c - the engine's decisions timed on a large model (P4, P6).
 *
 * Usage: engine [-n MAILBOXES] [-m PER-TENANT] [-k DECISIONS] [-s SEED]
 *               [-K KIND,...] [--callgrind]
 *
 * Builds, through tn_model_load(), a model of MAILBOXES mailboxes (default
 * 1,000,000) in tenants of PER-TENANT (default 1,000) shaped as bench/gen.py
 * shapes them: an alias domain, a 6-deep tree of 126 units, mailboxes with
 * some aliases and send-as delegates, groups of 5 to 50 members with some
 * nesting, shared mailboxes and grants of the default roles.  Then times
 * DECISIONS (default 200,000) random decisions of each kind, one call at a
 * time:
 *
 *   sendas  tn_sendas_check(): a mailbox's login and its own address (half
 *           of them in the alias-domain form), a group's address, or
 *           another mailbox's address of the same tenant
 *   rights  tn_rights(): a random mailbox at its own unit
 *   route   tn_route(): a primary address, an alias-domain form, or a
 *           group's address
 *   sender  tn_computed(tenancySender): the logins that may send as a
 *           mailbox or (one in four) a group: the sender lookup's answer
 *   identity  tn_computed(tenancyIdentity): the addresses a random
 *           mailbox's user may send as (the reverse question, for webmail)
 *   lookup  tn_entry_handle(): a random mailbox's DN to its entry, the step
 *           every question asked by DN starts with (rights, sender and
 *           identity); a floor for them, not a decision
 *
 * and prints the median and 99th percentile in nanoseconds (the clock's own
 * cost, measured the same way, already subtracted), the load time, and
 * tn_model_bytes() / tn_model_entries().  Then, as the machine's own
 * reference, the time of one read from memory that depends on the one
 * before (a pointer chase at random over a block the model's size, on
 * huge pages where the kernel gives them): a decision that must read k
 * lines of the model one after the other cannot take less than k of them.
 *
 * -K: only these kinds of decision (to profile one alone).
 *
 * --callgrind: run under `valgrind --tool=callgrind --collect-atstart=no`;
 * each kind's loop is collected alone and dumped with the kind's name, so
 * that the dump's totals divided by DECISIONS are the instructions per
 * decision (bench/run.sh does the division).
 *
 * Diagnostics: exit 2 on usage errors, 1 when memory runs out or the model
 * refuses to load.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <getopt.h>
#include <sys/mman.h>

#include "tenancy.h"

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#endif
#endif
#ifndef HAVE_CALLGRIND
#define CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_DUMP_STATS_AT(s) ((void)(s))
#endif

#define SUFFIX  "dc=example,dc=net"
#define DOMAINS "ou=domains," SUFFIX
#define UNITS   126 /* a binary tree, 6 deep */
#define MAXATTR 16
#define MAXVAL  64

/* ---- building entries */

struct builder {
	char dn[512];
	struct tn_attr attrs[MAXATTR];
	struct tn_value vals[MAXATTR][MAXVAL];
	char *owned[MAXATTR * MAXVAL];
	size_t nowned;
	size_t nattrs;
};

static void
oom(void)
{
	fprintf(stderr, "engine: out of memory\n");
	exit(1);
}

static void
b_start(struct builder *b, const char *dn)
{
	size_t i;

	for (i = 0; i < b->nowned; i++)
		free(b->owned[i]);
	b->nowned = 0;
	b->nattrs = 0;
	snprintf(b->dn, sizeof(b->dn), "%s", dn);
}

/* Add a value to attribute `name` (kept in order of first appearance). */
static void
b_add(struct builder *b, const char *name, const char *val)
{
	struct tn_attr *a = NULL;
	size_t i;
	char *copy;

	for (i = 0; i < b->nattrs; i++)
		if (!strcmp(b->attrs[i].name, name))
			a = &b->attrs[i];
	if (!a) {
		if (b->nattrs == MAXATTR)
			return;
		a = &b->attrs[b->nattrs];
		a->name = name;
		a->nvals = 0;
		a->vals = b->vals[b->nattrs];
		b->nattrs++;
	}
	if (a->nvals == MAXVAL || !(copy = strdup(val)))
		return;
	b->owned[b->nowned++] = copy;
	b->vals[a - b->attrs][a->nvals].val = copy;
	b->vals[a - b->attrs][a->nvals].len = strlen(copy);
	a->nvals++;
}

static void
b_load(const struct builder *b, struct tn_model *m)
{
	struct tn_entry e = {b->dn, b->nattrs, b->attrs};

	if (tn_model_load(m, &e)) {
		fprintf(stderr, "engine: cannot load %s\n", b->dn);
		exit(1);
	}
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static unsigned
rnd_below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* ---- the shape of the directory (the same as bench/gen.py's) */

static const char *const root_roles[] = {"adminConsole", "domainManager"};
static const char *const unit_roles[] = {"unitManager", "directoryEditor", "userManager",
        "quotaManager", "serviceManager", "groupManager", "sharedMailboxManager",
        "delegationManager"};

struct role_def {
	const char *name, *perms, *implies;
	int root_only;
};

/* ldif/roles.ldif */
static const struct role_def roles[] = {
        {"adminConsole", "console", NULL, 1},
        {"domainManager", "domain", "adminConsole", 1},
        {"unitManager", "units", NULL, 0},
        {"directoryEditor", "users.fields", NULL, 0},
        {"userManager", "users.create users.delete users.move users.password users.mail",
                "directoryEditor", 0},
        {"quotaManager", "quota", NULL, 0},
        {"serviceManager", "services", NULL, 0},
        {"groupManager", "groups groups.members", NULL, 0},
        {"sharedMailboxManager", "shared shares", NULL, 0},
        {"delegationManager", "grants", NULL, 0},
};

static void
mailbox_dn(char *out, size_t size, unsigned t, unsigned i)
{
	snprintf(out, size, "uid=user%u,ou=people,tenancyDomainName=t%05u.org," DOMAINS, i, t);
}

static void
group_dn(char *out, size_t size, unsigned t, unsigned g)
{
	snprintf(out, size, "cn=group%u,ou=groups,tenancyDomainName=t%05u.org," DOMAINS, g, t);
}

/* Unit k (0..125) of tenant t: breadth-first numbering, parent (k-2)/2. */
static void
unit_dn(char *out, size_t size, unsigned t, unsigned k)
{
	char path[256] = "";
	unsigned chain[8], n = 0, i;
	size_t len = 0;

	for (;;) {
		chain[n++] = k;
		if (k < 2)
			break;
		k = (k - 2) / 2;
	}
	for (i = 0; i < n; i++)
		len += snprintf(path + len, sizeof(path) - len, "ou=u%u,", chain[i]);
	snprintf(out, size, "%sou=units,tenancyDomainName=t%05u.org," DOMAINS, path, t);
}

static void
load_roles(struct tn_model *m, struct builder *b)
{
	char dn[256], buf[256], *tok, *save;
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		snprintf(dn, sizeof(dn), "cn=%s,ou=roles," SUFFIX, roles[i].name);
		b_start(b, dn);
		b_add(b, "objectClass", "tenancyRole");
		b_add(b, "cn", roles[i].name);
		snprintf(buf, sizeof(buf), "%s", roles[i].perms);
		for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
			b_add(b, "tenancyPermission", tok);
		if (roles[i].root_only)
			b_add(b, "tenancyRootOnly", "TRUE");
		if (roles[i].implies)
			b_add(b, "tenancyImplies", roles[i].implies);
		b_load(b, m);
	}
}

static void
load_tenant(struct tn_model *m, struct builder *b, unsigned t, unsigned nmail)
{
	char dom[64], ddn[256], dn[512], ref[512], val[512];
	static const char *const containers[] = {"people", "groups", "shared", "units", "grants"};
	unsigned i, k, g, ngroups = nmail / 20 ? nmail / 20 : 1;
	unsigned nextra = nmail / 100 ? nmail / 100 : 1;

	snprintf(dom, sizeof(dom), "t%05u.org", t);
	snprintf(ddn, sizeof(ddn), "tenancyDomainName=%s," DOMAINS, dom);
	b_start(b, ddn);
	b_add(b, "objectClass", "tenancyDomain");
	b_add(b, "tenancyDomainName", dom);
	snprintf(val, sizeof(val), "t%05u.com", t);
	b_add(b, "tenancyDomainAlias", val);
	b_add(b, "tenancyStatus", "enabled");
	b_load(b, m);
	for (i = 0; i < 5; i++) {
		snprintf(dn, sizeof(dn), "ou=%s,%s", containers[i], ddn);
		b_start(b, dn);
		b_add(b, "objectClass", "organizationalUnit");
		b_add(b, "ou", containers[i]);
		b_load(b, m);
	}
	for (k = 0; k < UNITS; k++) {
		unit_dn(dn, sizeof(dn), t, k);
		b_start(b, dn);
		b_add(b, "objectClass", "tenancyUnit");
		snprintf(val, sizeof(val), "u%u", k);
		b_add(b, "ou", val);
		b_load(b, m);
	}
	for (i = 0; i < nmail; i++) {
		mailbox_dn(dn, sizeof(dn), t, i);
		b_start(b, dn);
		b_add(b, "objectClass", "inetOrgPerson");
		b_add(b, "objectClass", "tenancyMailbox");
		snprintf(val, sizeof(val), "user%u", i);
		b_add(b, "uid", val);
		b_add(b, "cn", "Bench User");
		b_add(b, "sn", "User");
		snprintf(val, sizeof(val), "user%u@%s", i, dom);
		b_add(b, "mail", val);
		if (rnd_below(5) == 0) {
			snprintf(val, sizeof(val), "first.last.%u@%s", i, dom);
			b_add(b, "tenancyMailAlias", val);
		}
		if (rnd_below(10)) {
			unit_dn(ref, sizeof(ref), t, rnd_below(UNITS));
			b_add(b, "tenancyUnitRef", ref);
		}
		b_add(b, "tenancyStatus", "enabled");
		if (i && rnd_below(20) == 0) {
			mailbox_dn(ref, sizeof(ref), t, rnd_below(i));
			b_add(b, "tenancySendAsDelegate", ref);
		}
		if (i && rnd_below(20) == 0) {
			mailbox_dn(ref, sizeof(ref), t, rnd_below(i));
			b_add(b, "tenancyShareRead", ref);
		}
		b_load(b, m);
	}
	for (g = 0; g < ngroups; g++) {
		unsigned size = 5 + rnd_below(46);
		group_dn(dn, sizeof(dn), t, g);
		b_start(b, dn);
		b_add(b, "objectClass", "groupOfNames");
		b_add(b, "objectClass", "tenancyGroup");
		snprintf(val, sizeof(val), "group%u", g);
		b_add(b, "cn", val);
		snprintf(val, sizeof(val), "group%u@%s", g, dom);
		b_add(b, "mail", val);
		unit_dn(ref, sizeof(ref), t, rnd_below(UNITS));
		b_add(b, "tenancyUnitRef", ref);
		if (rnd_below(10) < 3)
			b_add(b, "tenancyGroupSendAs", "TRUE");
		if (rnd_below(2))
			b_add(b, "tenancyGroupDelivery", "TRUE");
		if (size > MAXVAL - 2)
			size = MAXVAL - 2;
		if (size > nmail)
			size = nmail;
		for (k = 0; k < size; k++) {
			mailbox_dn(ref, sizeof(ref), t, rnd_below(nmail));
			b_add(b, "member", ref);
		}
		if (g && rnd_below(5) == 0) {
			group_dn(ref, sizeof(ref), t, rnd_below(g));
			b_add(b, "member", ref);
		}
		b_load(b, m);
	}
	for (k = 0; k < nextra; k++) {
		snprintf(dn, sizeof(dn), "cn=shared%u,ou=shared,%s", k, ddn);
		b_start(b, dn);
		b_add(b, "objectClass", "tenancySharedMailbox");
		snprintf(val, sizeof(val), "shared%u", k);
		b_add(b, "cn", val);
		snprintf(val, sizeof(val), "shared%u@%s", k, dom);
		b_add(b, "mail", val);
		unit_dn(ref, sizeof(ref), t, rnd_below(UNITS));
		b_add(b, "tenancyUnitRef", ref);
		b_add(b, "tenancyStatus", "enabled");
		mailbox_dn(ref, sizeof(ref), t, rnd_below(nmail));
		b_add(b, "tenancyShareManage", ref);
		group_dn(ref, sizeof(ref), t, rnd_below(ngroups));
		b_add(b, "tenancyShareReadReply", ref);
		b_load(b, m);
	}
	snprintf(dn, sizeof(dn), "cn=admin,ou=grants,%s", ddn);
	b_start(b, dn);
	b_add(b, "objectClass", "tenancyGrant");
	b_add(b, "cn", "admin");
	mailbox_dn(ref, sizeof(ref), t, 0);
	b_add(b, "tenancyGrantee", ref);
	b_add(b, "tenancyScope", ddn);
	for (k = 0; k < 2; k++)
		b_add(b, "tenancyRole", root_roles[k]);
	for (k = 0; k < 8; k++)
		b_add(b, "tenancyRole", unit_roles[k]);
	b_load(b, m);
	for (k = 0; k < nextra; k++) {
		snprintf(dn, sizeof(dn), "cn=grant%u,ou=grants,%s", k, ddn);
		b_start(b, dn);
		b_add(b, "objectClass", "tenancyGrant");
		snprintf(val, sizeof(val), "grant%u", k);
		b_add(b, "cn", val);
		if (rnd_below(10) < 3)
			group_dn(ref, sizeof(ref), t, rnd_below(ngroups));
		else
			mailbox_dn(ref, sizeof(ref), t, rnd_below(nmail));
		b_add(b, "tenancyGrantee", ref);
		unit_dn(ref, sizeof(ref), t, rnd_below(UNITS));
		b_add(b, "tenancyScope", ref);
		for (i = 1 + rnd_below(3); i > 0; i--)
			b_add(b, "tenancyRole", unit_roles[rnd_below(8)]);
		b_load(b, m);
	}
}

/* ---- the decisions */

enum kind { D_SENDAS, D_RIGHTS, D_ROUTE, D_SENDER, D_IDENTITY, D_LOOKUP, D_NKINDS };
static const char *const kind_names[D_NKINDS] = {
        "sendas", "rights", "route", "sender", "identity", "lookup"};

struct input {
	char *a, *b;
};

static int
count_value(void *ctx, const char *val, size_t len)
{
	(void)val;
	(void)len;
	++*(unsigned long *)ctx;
	return 0;
}

static int
count_route(void *ctx, const char *dn, const char *attr, const char *val)
{
	(void)dn;
	(void)attr;
	(void)val;
	++*(unsigned long *)ctx;
	return 0;
}

static struct input *
make_inputs(enum kind kind, size_t n, unsigned ntenants, unsigned nmail)
{
	struct input *in = calloc(n, sizeof(*in));
	unsigned ngroups = nmail / 20 ? nmail / 20 : 1;
	char buf[512];
	size_t i;

	if (!in)
		oom();
	for (i = 0; i < n; i++) {
		unsigned t = rnd_below(ntenants), u = rnd_below(nmail), r = rnd_below(4);
		switch (kind) {
		case D_SENDAS:
			snprintf(buf, sizeof(buf), "user%u@t%05u.org", u, t);
			in[i].a = strdup(buf);
			if (r == 0)
				snprintf(buf, sizeof(buf), "user%u@t%05u.org", u, t);
			else if (r == 1)
				snprintf(buf, sizeof(buf), "user%u@t%05u.com", u, t);
			else if (r == 2)
				snprintf(buf, sizeof(buf), "group%u@t%05u.org", rnd_below(ngroups),
				        t);
			else
				snprintf(buf, sizeof(buf), "user%u@t%05u.org", rnd_below(nmail), t);
			in[i].b = strdup(buf);
			break;
		case D_RIGHTS:
		case D_IDENTITY:
		case D_LOOKUP:
			mailbox_dn(buf, sizeof(buf), t, u);
			in[i].a = strdup(buf);
			break;
		case D_ROUTE:
			if (r < 2)
				snprintf(buf, sizeof(buf), "user%u@t%05u.org", u, t);
			else if (r == 2)
				snprintf(buf, sizeof(buf), "user%u@t%05u.com", u, t);
			else
				snprintf(buf, sizeof(buf), "group%u@t%05u.org", rnd_below(ngroups),
				        t);
			in[i].a = strdup(buf);
			break;
		case D_SENDER:
			if (r == 3)
				group_dn(buf, sizeof(buf), t, rnd_below(ngroups));
			else
				mailbox_dn(buf, sizeof(buf), t, u);
			in[i].a = strdup(buf);
			break;
		default:
			break;
		}
		if (!in[i].a || (kind == D_SENDAS && !in[i].b))
			oom();
	}
	return in;
}

/* One decision; returns whether it was "yes" (allowed, or routed). */
static int
decide(const struct tn_model *m, enum kind kind, const struct input *in)
{
	struct tn_answer ans;
	unsigned long found = 0;
	int yes = 0;

	switch (kind) {
	case D_SENDAS:
		tn_answer_init(&ans);
		tn_sendas_check(m, in->a, in->b, 0, &ans);
		yes = ans.code == TN_OK;
		tn_answer_clear(&ans);
		break;
	case D_RIGHTS:
		tn_answer_init(&ans);
		tn_rights(m, in->a, NULL, &ans);
		yes = ans.code == TN_OK;
		tn_answer_clear(&ans);
		break;
	case D_ROUTE:
		yes = tn_route(m, in->a, strlen(in->a), count_route, &found) > 0;
		break;
	case D_SENDER:
		yes = tn_computed(m, TN_AT_SENDER, in->a, count_value, &found) > 0;
		break;
	case D_LOOKUP:
		yes = tn_entry_handle(m, in->a, strlen(in->a)) != 0;
		break;
	case D_IDENTITY:
		yes = tn_computed(m, TN_AT_IDENTITY, in->a, count_value, &found) > 0;
		break;
	default:
		break;
	}
	return yes;
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The clock's own cost, timed the way the decisions are. */
static uint64_t
clock_cost(uint64_t *lat, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t t0 = now_ns();
		lat[i] = now_ns() - t0;
	}
	qsort(lat, n, sizeof(*lat), cmp_u64);
	return lat[n / 2];
}

/* Is `word` one of the comma-separated words of `list`? */
static int
listed(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, word, len) == 0 && (p[len] == ',' || p[len] == '\0'))
			return 1;
	return 0;
}

/* The time of one dependent read from memory, over `bytes` of it: a
 * random cycle through its cache lines (Sattolo's shuffle), walked one
 * line at a time, each read giving the next line's index. */
static double
chase_ns(size_t bytes)
{
	size_t n = bytes / 64, i, steps = 4000000, at = 0;
	uint64_t *line, t0;
	void *block;

	if (n < 2 || posix_memalign(&block, 2u << 20, n * 64))
		return -1;
#ifdef MADV_HUGEPAGE
	(void)madvise(block, n * 64, MADV_HUGEPAGE);
#endif
	line = block;
	for (i = 0; i < n; i++)
		line[i * 8] = i;
	for (i = n - 1; i > 0; i--) {
		size_t j = (size_t)(rnd() % i);
		uint64_t v = line[i * 8];
		line[i * 8] = line[j * 8];
		line[j * 8] = v;
	}
	for (i = 0; i < n / 8; i++) /* touch it all once, and warm up */
		at = (size_t)line[at * 8];
	t0 = now_ns();
	for (i = 0; i < steps; i++)
		at = (size_t)line[at * 8];
	t0 = now_ns() - t0;
	free(block);
	return at == (size_t)-1 ? 0 : (double)t0 / (double)steps;
}

static void
usage(void)
{
	fprintf(stderr, "usage: engine [-n MAILBOXES] [-m PER-TENANT] [-k DECISIONS] "
	                "[-s SEED] [-K KIND,...] [--callgrind]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"callgrind", no_argument, NULL, 'C'}, {NULL, 0, NULL, 0}};
	unsigned long nmailboxes = 1000000, per = 1000, seed = 1;
	size_t ndecisions = 200000, i;
	int callgrind = 0, opt, k;
	const char *only = NULL;
	unsigned ntenants, t;
	struct tn_model *m;
	struct builder *b;
	uint64_t t0, t1, overhead, *lat;

	while ((opt = getopt_long(argc, argv, "n:m:k:s:K:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'n':
			nmailboxes = strtoul(optarg, NULL, 10);
			break;
		case 'm':
			per = strtoul(optarg, NULL, 10);
			break;
		case 'k':
			ndecisions = strtoul(optarg, NULL, 10);
			break;
		case 's':
			seed = strtoul(optarg, NULL, 10);
			break;
		case 'K':
			only = optarg;
			break;
		case 'C':
			callgrind = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || per < 2 || nmailboxes < per || ndecisions < 1)
		usage();
	rng_state += seed * 0x2545F4914F6CDD1DULL;
	ntenants = (unsigned)(nmailboxes / per);

	if (!(m = tn_model_new()) || !(b = calloc(1, sizeof(*b))))
		oom();
	if (tn_config_set_domains_base(m, DOMAINS) ||
	        tn_config_set_roles_base(m, "ou=roles," SUFFIX))
		oom();
	t0 = now_ns();
	load_roles(m, b);
	for (t = 0; t < ntenants; t++)
		load_tenant(m, b, t, (unsigned)per);
	t1 = now_ns();
	b_start(b, "");
	printf("model: %u tenants x %lu mailboxes, %zu entries, loaded in %.2f s "
	       "(%.0f entries/s)\n",
	        ntenants, per, tn_model_entries(m), (t1 - t0) / 1e9,
	        tn_model_entries(m) / ((t1 - t0) / 1e9));
	printf("model-bytes: %zu bytes, %.1f bytes per entry\n", tn_model_bytes(m),
	        (double)tn_model_bytes(m) / (double)tn_model_entries(m));

	if (!(lat = malloc(ndecisions * sizeof(*lat))))
		oom();
	overhead = callgrind ? 0 : clock_cost(lat, ndecisions < 100000 ? ndecisions : 100000);
	for (k = 0; k < D_NKINDS; k++) {
		struct input *in;
		size_t yes = 0;

		if (only && !listed(only, kind_names[k]))
			continue;
		in = make_inputs((enum kind)k, ndecisions, ntenants, (unsigned)per);

		if (callgrind) {
			CALLGRIND_TOGGLE_COLLECT;
			for (i = 0; i < ndecisions; i++)
				yes += decide(m, (enum kind)k, &in[i]);
			CALLGRIND_TOGGLE_COLLECT;
			CALLGRIND_DUMP_STATS_AT(kind_names[k]);
			printf("%s: %zu decisions (%zu yes), collected by callgrind\n",
			        kind_names[k], ndecisions, yes);
		} else {
			for (i = 0; i < ndecisions; i++) {
				uint64_t s = now_ns();
				yes += decide(m, (enum kind)k, &in[i]);
				lat[i] = now_ns() - s;
			}
			qsort(lat, ndecisions, sizeof(*lat), cmp_u64);
			printf("%s: %zu decisions (%zu yes) median %llu ns p99 %llu ns\n",
			        kind_names[k], ndecisions, yes,
			        (unsigned long long)(lat[ndecisions / 2] > overhead
			                                     ? lat[ndecisions / 2] - overhead
			                                     : 0),
			        (unsigned long long)(lat[(size_t)(ndecisions * 0.99)] > overhead
			                                     ? lat[(size_t)(ndecisions * 0.99)] -
			                                               overhead
			                                     : 0));
		}
		for (i = 0; i < ndecisions; i++) {
			free(in[i].a);
			free(in[i].b);
		}
		free(in);
	}
	if (!callgrind) {
		printf("clock: %llu ns per reading pair (subtracted)\n",
		        (unsigned long long)overhead);
		if (!only || listed(only, "memory"))
			printf("memory: %.0f ns per dependent read, at random over %zu MB\n",
			        chase_ns(tn_model_bytes(m)), tn_model_bytes(m) >> 20);
	}
	free(lat);
	free(b);
	tn_model_free(m);
	return 0;
}
