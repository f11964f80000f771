/*
 * load.c - a load generator for a mail directory, on libldap.
 *
 * Usage:
 *   load -H URI -D DN -w PW -l LIST [-c CONNECTIONS] [-t SECONDS]
 *        [--op search|sender|modify|add[,...]] [-b BASE] [-a ATTR,...]
 *        [-f FILTER] [-n OPS] [-s SEED] [-q]
 *
 * Opens CONNECTIONS connections, one thread each, binds them all, then
 * runs synchronous operations back to back for SECONDS and prints one line:
 *
 *   op=search conns=4 secs=10.00 ops=51234 ops_s=5123.4 p50_us=612
 *     p99_us=1840 errors=0 empty=0
 *
 * -n stops each connection after OPS operations, if SECONDS have not run
 * out first (a fixed amount of work, for counting instructions).
 *
 * With several kinds in --op, each operation picks one at random.
 *   search  (mail=M), M a random primary address; attributes -a (default
 *           all user attributes); -f gives another filter, its %s
 *           replaced by M (to compare a rewritten filter's cost)
 *   sender  (tenancyAddress=A) asking for tenancySender: A a random address,
 *           about a third of them in another form (alias, alias domain)
 *   modify  replace description or telephoneNumber of a random mailbox
 *   add     a new mailbox with a unique address under a random tenant's
 *           ou=people
 *   member  a membership change: add a mailbox to a group of its tenant,
 *           and the connection's next member operation deletes it again
 *           (each connection has its own pairs of the list's g lines, so
 *           that no two add the same member; a pair left added at the end
 *           is deleted, untimed)
 * The addresses and DNs come from the list that bench/gen.py writes (-l).
 *
 * Diagnostics: exit 2 on usage, list or connection errors; otherwise 0.
 * Failed operations are counted in errors=; searches that found nothing,
 * and sender lookups that found no tenancySender value, in empty=.  Only
 * the first failure's text is printed (on stderr).
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LDAP_DEPRECATED 0
#include <ldap.h>

enum op_kind { OP_SEARCH, OP_SENDER, OP_MODIFY, OP_ADD, OP_MEMBER, OP_NKINDS };

static const char *const op_names[OP_NKINDS] = {"search", "sender", "modify", "add", "member"};

/* The items of the list file: one array per tag. */
struct strv {
	char **v;
	size_t n, cap;
};

struct config {
	const char *uri, *binddn, *pw, *base, *list;
	const char *filter; /* search: a template with one %s */
	char **attrs;       /* NULL: all user attributes */
	int conns;
	double secs;
	unsigned long max_ops; /* per connection; 0: no limit */
	unsigned seed;
	int kinds[OP_NKINDS];
	int nkinds;
	int quiet;
};

struct lists {
	struct strv mail;   /* m: primary addresses */
	struct strv other;  /* a: aliases, alias-domain forms, groups */
	struct strv dn;     /* d: mailbox DNs */
	struct strv people; /* p: "people DN\tdomain" */
	struct strv group;  /* g: "group DN\ta mailbox DN of its tenant, no member" */
};

struct worker {
	const struct config *cfg;
	const struct lists *lists;
	pthread_t tid;
	int id;
	uint64_t rng;
	LDAP *ld;
	uint32_t *lat; /* microseconds, one per operation */
	size_t nlat, caplat;
	unsigned long errors, empty;
	unsigned long serial; /* for unique added entries */
	const char *added;    /* the g line whose member this connection added */
};

static pthread_barrier_t start_line;
static struct timespec deadline;
static pthread_mutex_t say_lock = PTHREAD_MUTEX_INITIALIZER;
static int said;
static unsigned long run_id;

static void
die(const char *what)
{
	fprintf(stderr, "load: %s\n", what);
	exit(2);
}

static int
strv_push(struct strv *s, const char *val)
{
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 1024;
		char **nv = realloc(s->v, ncap * sizeof(*nv));
		if (!nv)
			return -1;
		s->v = nv;
		s->cap = ncap;
	}
	if (!(s->v[s->n] = strdup(val)))
		return -1;
	s->n++;
	return 0;
}

static void
read_list(const char *path, struct lists *l)
{
	FILE *f = fopen(path, "r");
	char line[2048];

	if (!f) {
		fprintf(stderr, "load: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		size_t len = strcspn(line, "\n");
		struct strv *s;

		line[len] = '\0';
		if (len < 3 || line[1] != '\t')
			continue;
		switch (line[0]) {
		case 'm':
			s = &l->mail;
			break;
		case 'a':
			s = &l->other;
			break;
		case 'd':
			s = &l->dn;
			break;
		case 'p':
			s = &l->people;
			break;
		case 'g':
			s = &l->group;
			break;
		default:
			continue;
		}
		if (strv_push(s, line + 2))
			die("out of memory reading the list");
	}
	fclose(f);
}

/* xorshift64*: cheap, per thread, no locking. */
static uint64_t
rnd(struct worker *w)
{
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return w->rng * 2685821657736338717ULL;
}

static const char *
pick(struct worker *w, const struct strv *s)
{
	return s->v[rnd(w) % s->n];
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
past_deadline(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec > deadline.tv_sec ||
	       (ts.tv_sec == deadline.tv_sec && ts.tv_nsec >= deadline.tv_nsec);
}

static void
failed(struct worker *w, const char *what, int rc)
{
	w->errors++;
	pthread_mutex_lock(&say_lock);
	if (!said++ && !w->cfg->quiet)
		fprintf(stderr, "load: %s: %s (%d)\n", what, ldap_err2string(rc), rc);
	pthread_mutex_unlock(&say_lock);
}

/* A search; *found counts entries (with tenancySender, for the sender op). */
static int
do_search(struct worker *w, const char *filter, char **attrs, int sender)
{
	LDAPMessage *res = NULL;
	int rc;

	rc = ldap_search_ext_s(w->ld, w->cfg->base, LDAP_SCOPE_SUBTREE, filter, attrs, 0, NULL,
	        NULL, NULL, 0, &res);
	if (rc != LDAP_SUCCESS) {
		failed(w, filter, rc);
	} else {
		LDAPMessage *e;
		int found = 0;
		for (e = ldap_first_entry(w->ld, res); e; e = ldap_next_entry(w->ld, e)) {
			if (sender) {
				struct berval **v = ldap_get_values_len(w->ld, e, "tenancySender");
				if (v && v[0])
					found++;
				ldap_value_free_len(v);
			} else {
				found++;
			}
		}
		if (!found)
			w->empty++;
	}
	ldap_msgfree(res);
	return rc;
}

static void
op_search(struct worker *w)
{
	char filter[2048];

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(filter, sizeof(filter), w->cfg->filter, pick(w, &w->lists->mail));
#pragma GCC diagnostic pop
	do_search(w, filter, w->cfg->attrs, 0);
}

static void
op_sender(struct worker *w)
{
	static char *attrs[] = {"tenancySender", NULL};
	const struct strv *s = &w->lists->mail;
	char filter[512];

	if (w->lists->other.n && rnd(w) % 3 == 0)
		s = &w->lists->other;
	snprintf(filter, sizeof(filter), "(tenancyAddress=%s)", pick(w, s));
	do_search(w, filter, attrs, 1);
}

static void
op_modify(struct worker *w)
{
	char value[64];
	char *vals[] = {value, NULL};
	LDAPMod mod, *mods[] = {&mod, NULL};
	const char *dn = pick(w, &w->lists->dn);
	uint64_t r = rnd(w);
	int rc;

	mod.mod_op = LDAP_MOD_REPLACE;
	if (r & 1) {
		mod.mod_type = "telephoneNumber";
		snprintf(value, sizeof(value), "+33 1 %02u %02u %02u %02u",
		        (unsigned)(r >> 8) % 100, (unsigned)(r >> 16) % 100,
		        (unsigned)(r >> 24) % 100, (unsigned)(r >> 32) % 100);
	} else {
		mod.mod_type = "description";
		snprintf(value, sizeof(value), "benchmark %lu-%d-%lu", run_id, w->id, w->serial++);
	}
	mod.mod_values = vals;
	rc = ldap_modify_ext_s(w->ld, dn, mods, NULL, NULL);
	if (rc != LDAP_SUCCESS)
		failed(w, dn, rc);
}

static void
op_add(struct worker *w)
{
	char people[1024], dn[1200], uid[64], mail[300];
	char *oc[] = {"inetOrgPerson", "tenancyMailbox", NULL};
	char *uidv[] = {uid, NULL}, *mailv[] = {mail, NULL};
	char *cnv[] = {"Bench User", NULL}, *snv[] = {"User", NULL};
	char *statusv[] = {"enabled", NULL};
	LDAPMod m[6], *mods[7];
	const char *domain;
	char *tab;
	int i, rc;

	snprintf(people, sizeof(people), "%s", pick(w, &w->lists->people));
	if (!(tab = strchr(people, '\t')))
		die("a p line of the list has no domain");
	*tab = '\0';
	domain = tab + 1;
	snprintf(uid, sizeof(uid), "b%lu-%d-%lu", run_id, w->id, w->serial++);
	snprintf(mail, sizeof(mail), "%s@%s", uid, domain);
	snprintf(dn, sizeof(dn), "uid=%s,%s", uid, people);
	m[0] = (LDAPMod){LDAP_MOD_ADD, "objectClass", {oc}};
	m[1] = (LDAPMod){LDAP_MOD_ADD, "uid", {uidv}};
	m[2] = (LDAPMod){LDAP_MOD_ADD, "cn", {cnv}};
	m[3] = (LDAPMod){LDAP_MOD_ADD, "sn", {snv}};
	m[4] = (LDAPMod){LDAP_MOD_ADD, "mail", {mailv}};
	m[5] = (LDAPMod){LDAP_MOD_ADD, "tenancyStatus", {statusv}};
	for (i = 0; i < 6; i++)
		mods[i] = &m[i];
	mods[6] = NULL;
	rc = ldap_add_ext_s(w->ld, dn, mods, NULL, NULL);
	if (rc != LDAP_SUCCESS)
		failed(w, dn, rc);
}

/* Add or delete (`op`) the member of a g line's group; 0 when done. */
static int
change_member(struct worker *w, const char *line, int op)
{
	char group[1024], *member;
	char *vals[2] = {NULL, NULL};
	LDAPMod mod, *mods[] = {&mod, NULL};
	int rc;

	snprintf(group, sizeof(group), "%s", line);
	if (!(member = strchr(group, '\t')))
		die("a g line of the list has no member");
	*member++ = '\0';
	vals[0] = member;
	mod.mod_op = op;
	mod.mod_type = "member";
	mod.mod_values = vals;
	rc = ldap_modify_ext_s(w->ld, group, mods, NULL, NULL);
	if (rc != LDAP_SUCCESS)
		failed(w, group, rc);
	return rc != LDAP_SUCCESS;
}

static void
op_member(struct worker *w)
{
	const struct strv *g = &w->lists->group;
	size_t conns = (size_t)w->cfg->conns, mine, i;

	if (w->added) {
		(void)change_member(w, w->added, LDAP_MOD_DELETE);
		w->added = NULL;
		return;
	}
	/* The lines i with i % conns == the connection's number. */
	mine = (g->n - (size_t)w->id + conns - 1) / conns;
	if (!mine) {
		failed(w, "member: fewer g lines than connections", LDAP_OTHER);
		return;
	}
	i = (size_t)w->id + conns * (size_t)(rnd(w) % mine);
	if (change_member(w, g->v[i], LDAP_MOD_ADD) == 0)
		w->added = g->v[i];
}

static void
record(struct worker *w, double us)
{
	if (w->nlat == w->caplat) {
		size_t ncap = w->caplat ? w->caplat * 2 : 4096;
		uint32_t *nl = realloc(w->lat, ncap * sizeof(*nl));
		if (!nl)
			die("out of memory");
		w->lat = nl;
		w->caplat = ncap;
	}
	w->lat[w->nlat++] = us < 0 ? 0 : us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	const struct config *c = w->cfg;

	pthread_barrier_wait(&start_line);
	while (!past_deadline() && (!c->max_ops || w->nlat < c->max_ops)) {
		int kind = c->kinds[c->nkinds > 1 ? rnd(w) % c->nkinds : 0];
		double t0 = now_us();

		switch (kind) {
		case OP_SEARCH:
			op_search(w);
			break;
		case OP_SENDER:
			op_sender(w);
			break;
		case OP_MODIFY:
			op_modify(w);
			break;
		case OP_ADD:
			op_add(w);
			break;
		case OP_MEMBER:
			op_member(w);
			break;
		}
		record(w, now_us() - t0);
	}
	if (w->added)
		(void)change_member(w, w->added, LDAP_MOD_DELETE);
	return NULL;
}

static void
connect_worker(struct worker *w)
{
	const struct config *c = w->cfg;
	struct berval cred;
	int v3 = LDAP_VERSION3, rc;

	if ((rc = ldap_initialize(&w->ld, c->uri)) != LDAP_SUCCESS) {
		fprintf(stderr, "load: %s: %s\n", c->uri, ldap_err2string(rc));
		exit(2);
	}
	ldap_set_option(w->ld, LDAP_OPT_PROTOCOL_VERSION, &v3);
	cred.bv_val = (char *)(c->pw ? c->pw : "");
	cred.bv_len = strlen(cred.bv_val);
	rc = ldap_sasl_bind_s(
	        w->ld, c->binddn ? c->binddn : "", LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
	if (rc != LDAP_SUCCESS) {
		fprintf(stderr, "load: bind to %s as \"%s\": %s\n", c->uri,
		        c->binddn ? c->binddn : "", ldap_err2string(rc));
		exit(2);
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void
parse_kinds(struct config *c, const char *arg)
{
	char *copy = strdup(arg), *tok, *save = NULL;

	if (!copy)
		die("out of memory");
	c->nkinds = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int k;
		for (k = 0; k < OP_NKINDS && strcmp(tok, op_names[k]); k++)
			;
		if (k == OP_NKINDS || c->nkinds == OP_NKINDS) {
			fprintf(stderr,
			        "load: unknown --op %s (search, sender, modify, add, member)\n",
			        tok);
			exit(2);
		}
		c->kinds[c->nkinds++] = k;
	}
	free(copy);
	if (!c->nkinds)
		die("--op names no operation");
}

static char **
parse_attrs(const char *arg)
{
	size_t n = 1;
	const char *p;
	char **v, *copy = strdup(arg), *tok, *save = NULL;

	for (p = arg; *p; p++)
		n += *p == ',';
	if (!copy || !(v = calloc(n + 1, sizeof(*v))))
		die("out of memory");
	n = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		v[n++] = tok;
	return v;
}

static void
usage(void)
{
	fprintf(stderr,
	        "usage: load -H URI [-D DN -w PW] -l LIST [-c CONNECTIONS] [-t SECONDS]\n"
	        "            [--op search|sender|modify|add[,...]] [-b BASE] [-a ATTR,...]\n"
	        "            [-f FILTER] [-n OPS] [-s SEED] [-q]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"op", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
	struct config c = {.base = "dc=example,dc=net",
	        .filter = "(mail=%s)",
	        .conns = 4,
	        .secs = 10,
	        .seed = 1,
	        .kinds = {OP_SEARCH},
	        .nkinds = 1};
	struct lists l;
	struct worker *w;
	struct timespec t0, t1;
	unsigned long total = 0, errors = 0, empty = 0;
	uint32_t *all;
	double secs;
	size_t k, n = 0;
	int i, opt;
	char kinds[64] = "";

	while ((opt = getopt_long(argc, argv, "H:D:w:l:c:t:b:a:f:n:s:o:q", longopts, NULL)) != -1) {
		switch (opt) {
		case 'H':
			c.uri = optarg;
			break;
		case 'D':
			c.binddn = optarg;
			break;
		case 'w':
			c.pw = optarg;
			break;
		case 'l':
			c.list = optarg;
			break;
		case 'c':
			c.conns = atoi(optarg);
			break;
		case 't':
			c.secs = atof(optarg);
			break;
		case 'b':
			c.base = optarg;
			break;
		case 'a':
			c.attrs = parse_attrs(optarg);
			break;
		case 'f':
			c.filter = optarg;
			break;
		case 'n':
			c.max_ops = strtoul(optarg, NULL, 10);
			break;
		case 's':
			c.seed = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'o':
			parse_kinds(&c, optarg);
			break;
		case 'q':
			c.quiet = 1;
			break;
		default:
			usage();
		}
	}
	if (!c.uri || !c.list || c.conns < 1 || c.secs <= 0 || optind != argc)
		usage();
	memset(&l, 0, sizeof(l));
	{
		const char *pct = strchr(c.filter, '%');
		if (!pct || pct[1] != 's' || strchr(pct + 1, '%'))
			die("-f: the filter needs exactly one %s");
	}
	read_list(c.list, &l);
	for (i = 0; i < c.nkinds; i++) {
		int need = c.kinds[i] == OP_SEARCH || c.kinds[i] == OP_SENDER ? l.mail.n > 0
		           : c.kinds[i] == OP_MODIFY                          ? l.dn.n > 0
		           : c.kinds[i] == OP_MEMBER ? l.group.n >= (size_t)c.conns
		                                     : l.people.n > 0;
		if (!need) {
			fprintf(stderr, "load: %s: no items for --op %s\n", c.list,
			        op_names[c.kinds[i]]);
			exit(2);
		}
		snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds), "%s%s", i ? "+" : "",
		        op_names[c.kinds[i]]);
	}
	run_id = (unsigned long)time(NULL) * 100000UL + (unsigned long)getpid() % 100000UL;

	if (!(w = calloc(c.conns, sizeof(*w))))
		die("out of memory");
	for (i = 0; i < c.conns; i++) {
		w[i].cfg = &c;
		w[i].lists = &l;
		w[i].id = i;
		w[i].rng = 0x9E3779B97F4A7C15ULL * (c.seed + 1) + (uint64_t)i * 7919 + 1;
		connect_worker(&w[i]);
	}
	pthread_barrier_init(&start_line, NULL, c.conns + 1);
	for (i = 0; i < c.conns; i++)
		if (pthread_create(&w[i].tid, NULL, work, &w[i]))
			die("cannot start a thread");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	deadline = t0;
	deadline.tv_sec += (time_t)c.secs;
	deadline.tv_nsec += (long)((c.secs - (time_t)c.secs) * 1e9);
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	pthread_barrier_wait(&start_line);
	for (i = 0; i < c.conns; i++)
		pthread_join(w[i].tid, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	for (i = 0; i < c.conns; i++) {
		total += w[i].nlat;
		errors += w[i].errors;
		empty += w[i].empty;
		ldap_unbind_ext_s(w[i].ld, NULL, NULL);
	}
	if (!(all = malloc((total ? total : 1) * sizeof(*all))))
		die("out of memory");
	for (i = 0; i < c.conns; i++) {
		for (k = 0; k < w[i].nlat; k++)
			all[n++] = w[i].lat[k];
		free(w[i].lat);
	}
	qsort(all, n, sizeof(*all), cmp_u32);
	printf("op=%s conns=%d secs=%.2f ops=%lu ops_s=%.1f p50_us=%u p99_us=%u "
	       "errors=%lu empty=%lu\n",
	        kinds, c.conns, secs, total, secs > 0 ? total / secs : 0.0, n ? all[n / 2] : 0,
	        n ? all[(size_t)(n * 0.99)] : 0, errors, empty);
	free(all);
	free(w);
	return 0;
}
