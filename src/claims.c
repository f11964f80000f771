/*
 * claims.c - who wins an address or a domain name that two entries claim
 * (DESIGN §5b).
 *
 * Invariants 1 and 3 hold for every write the engine judges, but
 * replication and slapadd can still bring two claimants of one key.  Every
 * node then decides alike, whatever order the entries arrived in: the
 * claim of the entry with the earliest entryCSN wins, ties going to the
 * lower canonical DN, byte by byte.  The loser answers to nothing.
 *
 * The indexes (m->addrmap, m->domains) keep the winner of each key only,
 * so the uncontested lookup costs what it did.  The entries that hold a
 * claim they do not win are listed in m->contenders, which is empty in a
 * healthy directory: when a winner lets a key go, the best of them takes
 * it over.  Whether an entry loses is a fact of the current entries, not
 * of their history: NM_LOSER is recomputed, at the end of each change, for
 * the entries the change touched, and an entry that starts to lose is
 * reported through the conflict hook.
 *
 * Interface (claims.h): claim_csn_parse(), node_csn(), node_set_csn(),
 * claim_before(), claim_touch(), claim_contend(), claims_settle(),
 * node_note_csn(), conflicts_of(), node_answers_nothing(), domain_holds(),
 * conflict_values(); claim_won_kept() (record.h), for the judge;
 * tn_conflicts(), tn_note_csn(), tn_answers_nothing() and
 * tn_config_set_conflict_hook() (tenancy.h).
 *
 * Failure modes: running out of memory while listing a contender leaves
 * the entry out of the takeover (it is then found again by the next full
 * load); node_set_csn() and tn_note_csn() return -1, the entry's CSN then
 * unknown.
 */
#include "engine.h"
#include "record.h"
#include "store.h"
#include "util/big.h"

#include <stdlib.h>
#include <string.h>

/* ---- entryCSN */

/* Days from 1970-01-01 to a civil date (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, unsigned mo, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= mo <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (mo + (mo > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int
digits(const char *s, size_t n, unsigned long *out)
{
	size_t i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*out = *out * 10 + (unsigned long)(s[i] - '0');
	}
	return 0;
}

/*
 * "YYYYmmddHHMMSS.uuuuuuZ#cccccc#sss#mmmmmm" as one number that orders as
 * the CSNs do: microseconds since 1970, then the server id.  The change
 * count and the modification number are left out: two CSNs that differ
 * only there were made by one server in one microsecond, and the DN then
 * decides.  0 when the value is not a CSN.
 */
uint64_t
claim_csn_parse(const char *s, size_t len)
{
	unsigned long y, mo, d, h, mi, se, us, sid = 0;
	const char *hash;
	int64_t days;

	if (len < 22 || s[14] != '.' || s[21] != 'Z')
		return 0;
	if (digits(s, 4, &y) || digits(s + 4, 2, &mo) || digits(s + 6, 2, &d) ||
	        digits(s + 8, 2, &h) || digits(s + 10, 2, &mi) || digits(s + 12, 2, &se) ||
	        digits(s + 15, 6, &us))
		return 0;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return 0;
	/* The server id: the third field, hexadecimal. */
	if ((hash = memchr(s, '#', len)) &&
	        (hash = memchr(hash + 1, '#', len - (size_t)(hash + 1 - s)))) {
		size_t i;
		for (i = (size_t)(hash + 1 - s); i < len && s[i] != '#'; i++) {
			int c = s[i], v = c >= '0' && c <= '9' ? c - '0'
			                  : (c | 0x20) >= 'a' && (c | 0x20) <= 'f'
			                          ? (c | 0x20) - 'a' + 10
			                          : -1;
			if (v < 0)
				return 0;
			sid = sid * 16 + (unsigned long)v;
		}
	}
	days = days_from_civil((int64_t)y, (unsigned)mo, (unsigned)d);
	return (((uint64_t)days * 86400 + h * 3600 + mi * 60 + se) * 1000000 + us) << 12 |
	       (sid & 0xfff);
}

uint64_t
node_csn(const struct tn_model *m, uint32_t id)
{
	return m->csn && id < m->capcsn ? m->csn[id] : 0;
}

int
node_set_csn(struct tn_model *m, uint32_t id, uint64_t csn)
{
	if (id >= m->capcsn) {
		/* Grown by an eighth: eight bytes an entry, not twelve. */
		uint32_t cap = id + 1 + (id + 1) / 8 + 64;
		uint64_t *c;
		if (!csn)
			return 0; /* unknown is what an absent slot says */
		if (!(c = big_realloc(
		              m->csn, (size_t)m->capcsn * sizeof(*c), (size_t)cap * sizeof(*c))))
			return -1;
		memset(c + m->capcsn, 0, (size_t)(cap - m->capcsn) * sizeof(*c));
		m->csn = c;
		m->capcsn = cap;
	}
	m->csn[id] = csn;
	return 0;
}

/* Does the claim of `a` come before that of `b`? */
int
claim_before(const struct tn_model *m, uint32_t a, uint32_t b)
{
	uint64_t ca = node_csn(m, a), cb = node_csn(m, b);
	struct buf da, db;
	int r;

	if (ca != cb)
		return ca < cb;
	buf_init(&da);
	buf_init(&db);
	node_dn(m, a, &da);
	node_dn(m, b, &db);
	r = strcmp(da.s ? da.s : "", db.s ? db.s : "");
	buf_free(&da);
	buf_free(&db);
	return r < 0 || (r == 0 && a < b);
}

/* ---- bookkeeping of one change */

void
claim_touch(struct tn_model *m, uint32_t id)
{
	struct node *n = node_get(m, id);

	if (!n || (n->mark & NM_TOUCHED))
		return;
	if (idlist_add(&m->touched, id) < 0)
		return;
	n->mark = (uint8_t)((n->mark & ~NM_WAS_LOSER) | ((n->mark & NM_LOSER) ? NM_WAS_LOSER : 0) |
	                    NM_TOUCHED);
}

void
claim_contend(struct tn_model *m, uint32_t id)
{
	claim_touch(m, id);
	(void)idlist_add_unique(&m->contenders, id);
}

struct first_conflict {
	int found;
};

static int
count_one(void *ctx, uint32_t loser, const char *rule, const char *key, uint32_t winner)
{
	struct first_conflict *f = ctx;

	(void)loser;
	(void)rule;
	(void)key;
	(void)winner;
	f->found = 1;
	return 1; /* one is enough */
}

struct hook_ctx {
	struct tn_model *m;
	struct buf l, w;
};

static int
report_one(void *ctx, uint32_t loser, const char *rule, const char *key, uint32_t winner)
{
	struct hook_ctx *h = ctx;

	buf_reset(&h->l);
	buf_reset(&h->w);
	node_dn_display(h->m, loser, &h->l);
	node_dn_display(h->m, winner, &h->w);
	if (!h->l.oom && !h->w.oom)
		h->m->conflict_hook(h->m->conflict_ctx, h->l.s, rule, key, h->w.s);
	return 0;
}

void
claims_settle(struct tn_model *m)
{
	struct hook_ctx h;
	uint32_t i;

	if (!idlist_len(m->touched))
		return;
	h.m = m;
	buf_init(&h.l);
	buf_init(&h.w);
	for (i = 0; i < idlist_len(m->touched); i++) {
		uint32_t id = IDLIST_AT(m->touched, i);
		struct node *n = &m->nodes[id];
		struct first_conflict f = {0};
		int was = (n->mark & NM_WAS_LOSER) != 0;

		if (node_rdn(n) && n->kind != K_NONE)
			conflicts_of(m, id, count_one, &f);
		n->mark = (uint8_t)((n->mark & ~(NM_TOUCHED | NM_WAS_LOSER | NM_LOSER)) |
		                    (f.found ? NM_LOSER : 0));
		if (!f.found) {
			idlist_del(&m->contenders, id);
			continue;
		}
		(void)idlist_add_unique(&m->contenders, id);
		if (!was && m->conflict_hook)
			conflicts_of(m, id, report_one, &h);
	}
	buf_free(&h.l);
	buf_free(&h.w);
	idlist_free(&m->touched);
}

/* ---- what an entry loses */

size_t
conflicts_of(const struct tn_model *m, uint32_t id, conflict_fn fn, void *ctx)
{
	const struct node *n = node_get(m, id);
	const char *v;
	size_t found = 0;
	uint32_t t, w;

	if (!n || !node_rdn(n))
		return 0;
	if (n->kind == K_DOMAIN) {
		PACK_FOREACH(NODE_EXTRA(n), v)
		{
			w = strmap_get(&m->domains, v, strlen(v), 0);
			if (w && w != id) {
				found++;
				if (fn && fn(ctx, id, "domain-unique", v, w))
					return found;
			}
		}
	}
	if (!n->addrs || !(t = tenant_of(m, id)))
		return found;
	PACK_FOREACH(n->addrs, v)
	{
		size_t at, len = strlen(v + 1);
		if (addr_split(v + 1, len, &at) < 0 || !addr_first_with_local(n, v) ||
		        tenant_by_name(m, v + 2 + at, len - at - 1) != t)
			continue;
		w = addr_find(m, v + 1, at, t);
		if (w && w != id) {
			found++;
			if (fn && fn(ctx, id, "address-unique", v + 1, w))
				return found;
		}
	}
	return found;
}

/* A domain that loses a name only lacks that name: the index routes it
 * to the winner, and the domain keeps its other names. */
int
node_answers_nothing(const struct tn_model *m, uint32_t id)
{
	const struct node *n = node_get(m, id);

	return !n || ((n->mark & NM_LOSER) && n->kind != K_DOMAIN);
}

int
domain_holds(const struct tn_model *m, uint32_t dom, const char *name)
{
	return !idlist_len(m->contenders) || strmap_get(&m->domains, name, strlen(name), 0) == dom;
}

/* ---- the public side */

void
tn_config_set_conflict_hook(struct tn_model *m, tn_conflict_fn fn, void *ctx)
{
	m->conflict_hook = fn;
	m->conflict_ctx = ctx;
}

int
tn_note_csn(struct tn_model *m, const char *dn, const char *csn, size_t len)
{
	return node_note_csn(m, node_lookup(m, dn), csn, len);
}

int
node_note_csn(struct tn_model *m, uint32_t id, const char *csn, size_t len)
{
	uint64_t v = claim_csn_parse(csn, len);
	const struct node *n;
	struct rec r;
	int rc;

	if (!id || !v || node_csn(m, id) == v)
		return 0;
	n = &m->nodes[id];
	if (n->kind == K_NONE)
		return 0;
	/* Uncontested, as nearly always: the date is only kept. */
	if (!idlist_len(m->contenders) || (!n->addrs && n->kind != K_DOMAIN))
		return node_set_csn(m, id, v);
	/* The entry's claims count from the new date: stored anew. */
	m->changes++;
	rec_init(&r);
	rc = rec_from_node(m, &r, id);
	r.csn = v;
	if (rc == 0)
		rc = node_store(m, id, &r);
	rec_free(&r);
	claims_settle(m);
	return rc;
}

int
tn_answers_nothing(const struct tn_model *m, const char *dn)
{
	uint32_t id = node_lookup(m, dn);

	return id && node_answers_nothing(m, id);
}

struct list_ctx {
	const struct tn_model *m;
	tn_conflict_fn fn;
	void *ctx;
	struct buf l, w;
};

static int
list_one(void *ctx, uint32_t loser, const char *rule, const char *key, uint32_t winner)
{
	struct list_ctx *c = ctx;

	buf_reset(&c->l);
	buf_reset(&c->w);
	node_dn_display(c->m, loser, &c->l);
	node_dn_display(c->m, winner, &c->w);
	if (c->fn && !c->l.oom && !c->w.oom)
		c->fn(c->ctx, c->l.s, rule, key, c->w.s);
	return 0;
}

size_t
tn_conflicts(const struct tn_model *m, tn_conflict_fn fn, void *ctx)
{
	struct list_ctx c;
	size_t found = 0;
	uint32_t i;

	c.m = m;
	c.fn = fn;
	c.ctx = ctx;
	buf_init(&c.l);
	buf_init(&c.w);
	for (i = 0; i < idlist_len(m->contenders); i++)
		found += conflicts_of(m, IDLIST_AT(m->contenders, i), list_one, &c);
	buf_free(&c.l);
	buf_free(&c.w);
	return found;
}

/* Does rec still claim `key` (an address, or a domain name)? */
static int
rec_claims(const struct rec *r, const char *rule, const char *key)
{
	const char *at = strchr(key, '@');
	const struct strv *lists[2];
	size_t i, k, llen;

	if (strcmp(rule, "domain-unique") == 0)
		return strv_has(&r->domname, key) || strv_has(&r->domalias, key);
	if (!at)
		return 0;
	llen = (size_t)(at - key) + 1; /* "local@": alias forms included */
	lists[0] = &r->mail;
	lists[1] = &r->alias;
	for (k = 0; k < 2; k++)
		for (i = 0; i < lists[k]->n; i++)
			if (strncmp(lists[k]->v[i], key, llen) == 0)
				return 1;
	return 0;
}

struct kept_ctx {
	uint32_t winner;
	const struct rec *after;
	const char *key;
	uint32_t loser;
};

static int
kept_one(void *ctx, uint32_t loser, const char *rule, const char *key, uint32_t winner)
{
	struct kept_ctx *k = ctx;

	if (winner != k->winner || (k->after && !rec_claims(k->after, rule, key)))
		return 0;
	k->key = key;
	k->loser = loser;
	return 1;
}

int
claim_won_kept(const struct tn_model *m, uint32_t id, const struct rec *after, struct buf *key,
        uint32_t *loser)
{
	struct kept_ctx k = {id, after, NULL, 0};
	uint32_t i;

	for (i = 0; id && i < idlist_len(m->contenders) && !k.key; i++)
		conflicts_of(m, IDLIST_AT(m->contenders, i), kept_one, &k);
	if (!k.key)
		return 0;
	buf_adds(key, k.key); /* the loser's string: copied while it lives */
	*loser = k.loser;
	return 1;
}

/* tenancyConflict: one value per claim the entry loses.  The winner is
 * named only to a reader who may see it (DESIGN §5a.8): it may lie in a
 * tenant the reader does not see, whose DN is not the reader's to learn. */
struct attr_ctx {
	const struct tn_model *m;
	const struct actor_view *view; /* NULL: sees every entry */
	tn_value_fn fn;
	void *ctx;
	struct buf v;
};

static int
attr_one(void *ctx, uint32_t loser, const char *rule, const char *key, uint32_t winner)
{
	struct attr_ctx *a = ctx;

	(void)loser;
	buf_reset(&a->v);
	buf_printf(&a->v, "%s: %s: won by ", rule, key);
	if (a->view && !view_sees(a->m, a->view, winner))
		buf_adds(&a->v, DN_UNSEEN);
	else
		node_dn_display(a->m, winner, &a->v);
	if (!a->v.oom && a->fn)
		return a->fn(a->ctx, a->v.s, a->v.len);
	return 0;
}

size_t
conflict_values(const struct tn_model *m, uint32_t id, const struct tn_actor *reader,
        tn_value_fn fn, void *ctx)
{
	struct actor_view view;
	struct attr_ctx a;
	size_t n;

	if (!(m->nodes[id].mark & NM_LOSER))
		return 0;
	/* Who reads is asked only of a loser: the rare case. */
	a.view = NULL;
	if (reader) {
		actor_view(m, reader, &view);
		a.view = &view;
	}
	a.m = m;
	a.fn = fn;
	a.ctx = ctx;
	buf_init(&a.v);
	n = conflicts_of(m, id, attr_one, &a);
	buf_free(&a.v);
	return n;
}
