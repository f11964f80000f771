/*
 * addresses.c - mail addresses and their one index.
 *
 * An address is keyed by its local part and its tenant, not by its domain
 * part: bob@iwdemo.fr and bob@iwdemo.com are one slot when iwdemo.com
 * aliases iwdemo.fr (DESIGN §5.3).  Adding or removing an alias domain
 * therefore re-keys nothing.
 *
 * Interface (addresses.h): the grammar of §5a.5, addr_error() and
 * addr_split(); the index, written from store.c only: addr_index(),
 * addr_index_checked(), addr_unindex(), addr_index_tenant(); lookups: addr_owner(),
 * addr_query() and addr_query_owner(), addr_find(), addr_primary(),
 * addr_first_with_local(), addr_count_domain().  tn_address_check() and
 * tn_domain_check() (tenancy.h) give the grammar to the adapters.
 *
 * Failure modes: lookups allocate nothing and cannot fail; what is not an
 * address finds no one.  addr_index() and addr_index_tenant() return -1
 * when memory runs out, the addresses before the failing one indexed.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#define LOCAL_MAX 64

/* RFC 5322 atext, as a bit per ASCII byte: letters, digits and
 * ! # $ % & ' * + - / = ? ^ _ ` { | } ~.  Everything else (blanks, controls,
 * NUL, quotes, , : ; < > " \ ( ) [ ] @ and every byte above 0x7f) is not. */
static const uint64_t atext_bits[2] = {0xa3ffacfa00000000ull, 0x7fffffffc7fffffeull};

static int
is_atext(unsigned char c)
{
	return c < 128 && (atext_bits[c >> 6] >> (c & 63)) & 1;
}

/* Why the local part (len bytes) is no dot-atom, or NULL. */
static const char *
local_error(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return "the local part is empty";
	if (len > LOCAL_MAX)
		return "the local part is longer than 64 octets";
	if (s[0] == '.' || s[len - 1] == '.')
		return "the local part starts or ends with a dot";
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		/* Lower-case letters and digits first: nearly every byte of
		 * an address a lookup brings, at one compare each. */
		if ((unsigned)(c - 'a') < 26u || (unsigned)(c - '0') < 10u)
			continue;
		if (c == '.') {
			if (s[i + 1] == '.')
				return "the local part has two dots in a row";
			continue;
		}
		if (is_atext(c))
			continue;
		if (c == ' ' || c == '\t')
			return "the local part has a blank";
		if (c == 0)
			return "the local part has a NUL";
		if (c < 0x20 || c == 0x7f)
			return "the local part has a control character";
		if (c >= 0x80)
			return "the local part has a byte that is not ASCII";
		if (c == '"')
			return "the local part has a quote";
		if (c == '@')
			return "the address has more than one @";
		return "the local part has one of , : ; < > \\ ( ) [ ]";
	}
	return NULL;
}

const char *
addr_error(const char *a, size_t len, size_t *at)
{
	const char *p, *why;

	if (len == 0)
		return "the address is empty";
	if (len > ADDR_MAX)
		return "the address is longer than 254 octets";
	if (!(p = memchr(a, '@', len)))
		return "the address has no @";
	*at = (size_t)(p - a);
	if ((why = local_error(a, *at)) != NULL)
		return why;
	if (p + 1 == a + len)
		return "the domain is empty";
	if (memchr(p + 1, '@', len - *at - 1))
		return "the address has more than one @";
	if (!domain_name_valid(p + 1, len - *at - 1))
		return "the domain is not a host name of letters, digits and hyphens";
	return NULL;
}

int
addr_split(const char *a, size_t len, size_t *at)
{
	return addr_error(a, len, at) ? -1 : 0;
}

int
tn_address_check(const char *a, size_t len, const char **why)
{
	size_t at;
	const char *w = addr_error(a, len, &at);

	if (why)
		*why = w;
	return w ? -1 : 0;
}

int
tn_domain_check(const char *name, size_t len)
{
	return domain_name_valid(name, len) ? 0 : -1;
}

/*
 * The index holds one slot per (owner, local part): the key is read back
 * from the owner's own addresses, so the index costs eight bytes a slot.
 */
struct addr_key {
	const struct tn_model *m;
	const char *local;
	size_t len;
	uint32_t tenant;
};

static uint32_t
addr_hash(const char *local, size_t len, uint32_t tenant)
{
	/* addr_query() makes it in two halves: keep them alike. */
	return strmap_hash(local, len) ^ (tenant * 2654435761u);
}

/*
 * The local parts of an entry with many addresses: a table of offsets
 * into n->addrs (plus one; 0: empty), by the hash of the local part, the
 * first address of each local part only.  t[0] is the mask.  Without it,
 * a mailbox with 50,000 aliases made each lookup of one of them a scan of
 * all, and every walk over them (indexing them, their tenancyAddress, the
 * judge's check of each) quadratic.
 */
static uint32_t
local_hash(const char *local, size_t len)
{
	/* Mixed with a per-process seed (where a static object lies) so
	 * that which local parts share a slot differs from run to run. */
	static const char anchor;
	uint64_t h = (uint64_t)strmap_hash(local, len) ^ (uint64_t)(uintptr_t)&anchor;

	h *= 0x9e3779b97f4a7c15ull;
	return (uint32_t)(h >> 32);
}

uint32_t *
addr_locals(const char *addrs)
{
	size_t count = 0, cap = 64;
	const char *v;
	uint32_t *t;

	PACK_FOREACH(addrs, v)
	count++;
	while (cap < 2 * count)
		cap *= 2;
	if (!(t = calloc(cap + 1, sizeof(*t))))
		return NULL;
	t[0] = (uint32_t)(cap - 1);
	PACK_FOREACH(addrs, v)
	{
		const char *at = strchr(v + 1, '@');
		size_t len = at ? (size_t)(at - v - 1) : strlen(v + 1), i;
		/* Every address, the later ones of a local part further
		 * along its probe run than the earlier: the first met is the
		 * first in the entry's order. */
		for (i = local_hash(v + 1, len) & t[0]; t[1 + i]; i = (i + 1) & t[0])
			;
		t[1 + i] = (uint32_t)(v - addrs) + 1;
	}
	return t;
}

/* The addresses of n ("m<addr>"/"a<addr>") with this local part, in the
 * entry's order (those of one local part share a hash, so the index's
 * probes meet them as they were put in): the first for which stop(ctx,
 * v) is nonzero, or the first of all without `stop`; NULL when none. */
static const char *
find_with_local(const struct node *n, const char *local, size_t len,
        int (*stop)(void *ctx, const char *v), void *ctx)
{
	const uint32_t *t = n->aux ? n->aux->locals : NULL;
	const char *v;

	if (t) {
		size_t i;
		for (i = local_hash(local, len) & t[0]; t[1 + i]; i = (i + 1) & t[0]) {
			v = n->addrs + t[1 + i] - 1;
			if (strncmp(v + 1, local, len) == 0 && v[1 + len] == '@' &&
			        (!stop || stop(ctx, v)))
				return v;
		}
		return NULL;
	}
	PACK_FOREACH(n->addrs, v)
	if (strncmp(v + 1, local, len) == 0 && v[1 + len] == '@' && (!stop || stop(ctx, v)))
		return v;
	return NULL;
}

static const char *
first_with_local(const struct node *n, const char *local, size_t len)
{
	return find_with_local(n, local, len, NULL, NULL);
}

struct each_local {
	void (*fn)(void *ctx, const char *v);
	void *ctx;
};

static int
each_local_one(void *ctx, const char *v)
{
	const struct each_local *e = ctx;

	e->fn(e->ctx, v);
	return 0; /* never stops */
}

void
addr_each_with_local(const struct node *n, const char *local, size_t len,
        void (*fn)(void *ctx, const char *v), void *ctx)
{
	struct each_local e = {fn, ctx};

	(void)find_with_local(n, local, len, each_local_one, &e);
}

/* Does `owner` hold an address with this local part? */
static int
has_local(const struct node *n, const char *local, size_t len)
{
	return first_with_local(n, local, len) != NULL;
}

static int
addr_eq(const void *ctx, uint32_t id, const void *key)
{
	const struct addr_key *k = key;
	const struct node *n = &k->m->nodes[id];

	(void)ctx;
	/* Its addresses and its parent (the first step to its tenant) are
	 * asked for at once: at a million entries neither is in a cache,
	 * and read one after the other they wait twice. */
	PREFETCH(n->addrs);
	PREFETCH(&k->m->nodes[n->parent]);
	return has_local(n, k->local, k->len) && tenant_of(k->m, id) == k->tenant;
}

uint32_t
addr_find(const struct tn_model *m, const char *local, size_t len, uint32_t t)
{
	struct addr_key k = {m, local, len, t};

	return idmap_get(&m->addrmap, addr_hash(local, len, t), addr_eq, NULL, &k);
}

int
addr_first_with_local(const struct node *n, const char *v)
{
	const char *at = strchr(v + 1, '@');

	return !at || first_with_local(n, v + 1, (size_t)(at - v - 1)) == v;
}

/* Index only addresses whose domain is the tenant's: others are invalid
 * and the judge refuses them; loaded data may still hold them.  A local
 * part another entry holds goes to the earlier claim (claims.c); the
 * other claimant contends. */
int
addr_index(struct tn_model *m, uint32_t owner)
{
	return addr_index_checked(m, owner, 0);
}

int
addr_index_checked(struct tn_model *m, uint32_t owner, uint32_t checked)
{
	const struct node *n = node_get(m, owner);
	uint32_t t = tenant_of(m, owner), other, hash;
	const char *v;

	if (!n->addrs || !t)
		return 0;
	PACK_FOREACH(n->addrs, v)
	{
		size_t at, len = strlen(v + 1);
		if (checked == t) {
			/* Valid, one '@', a name of t: the judge saw to it. */
			at = (size_t)((const char *)memchr(v + 1, '@', len) - (v + 1));
		} else if (addr_split(v + 1, len, &at) < 0 ||
		           tenant_by_name(m, v + 2 + at, len - at - 1) != t) {
			continue;
		}
		if (!addr_first_with_local(n, v))
			continue;
		hash = addr_hash(v + 1, at, t);
		if ((other = addr_find(m, v + 1, at, t))) {
			if (other == owner || !claim_before(m, owner, other)) {
				if (other != owner)
					claim_contend(m, owner);
				continue;
			}
			/* The earlier claim takes the slot over. */
			idmap_del(&m->addrmap, hash, other);
			claim_contend(m, other);
			claim_touch(m, owner);
		}
		if (idmap_put(&m->addrmap, hash, owner) < 0)
			return -1;
	}
	return 0;
}

/* The best contender for (local, t) but `except`, or 0. */
static uint32_t
addr_successor(const struct tn_model *m, const char *local, size_t len, uint32_t t, uint32_t except)
{
	uint32_t i, best = 0;

	for (i = 0; i < idlist_len(m->contenders); i++) {
		uint32_t c = IDLIST_AT(m->contenders, i);
		const struct node *cn = &m->nodes[c];
		const char *v;
		size_t at;
		if (c == except || !node_rdn(cn) || !cn->addrs || tenant_of(m, c) != t)
			continue;
		/* The same test as addr_index(): the claim it would index. */
		PACK_FOREACH(cn->addrs, v)
		{
			size_t alen = strlen(v + 1);
			if (strncmp(v + 1, local, len) != 0 || v[1 + len] != '@' ||
			        addr_split(v + 1, alen, &at) < 0 || !addr_first_with_local(cn, v) ||
			        tenant_by_name(m, v + 2 + at, alen - at - 1) != t)
				continue;
			if (!best || claim_before(m, c, best))
				best = c;
			break;
		}
	}
	return best;
}

void
addr_unindex(struct tn_model *m, uint32_t owner)
{
	const struct node *n = node_get(m, owner);
	uint32_t t = tenant_of(m, owner), next, hash;
	const char *v;

	if (!n->addrs || !t)
		return;
	/* A loser may stop losing; an entry that loses nothing is only
	 * touched below if the claims it lets go pass to another. */
	if (n->mark & NM_LOSER)
		claim_touch(m, owner);
	PACK_FOREACH(n->addrs, v)
	{
		size_t at, len = strlen(v + 1);
		if (addr_split(v + 1, len, &at) < 0 || !addr_first_with_local(n, v))
			continue;
		hash = addr_hash(v + 1, at, t);
		if (!idmap_del(&m->addrmap, hash, owner) || !idlist_len(m->contenders))
			continue;
		/* The winner let the key go: the next claimant takes it. */
		if ((next = addr_successor(m, v + 1, at, t, owner)) &&
		        idmap_put(&m->addrmap, hash, next) == 0)
			claim_touch(m, next);
	}
}

int
addr_query(const struct tn_model *m, const char *a, size_t len, struct addr_query *q)
{
	size_t i;

	if (len > ADDR_MAX)
		return 0;
	/* Lower-cased and its '@' found in one pass, without reading the
	 * local part byte by byte against the grammar: only addresses
	 * addr_split() accepts are ever indexed, so a local part outside it
	 * finds no slot anyway.  The domain is checked: its name is looked
	 * up next. */
	q->at = len;
	for (i = 0; i < len; i++) {
		char c = a[i];
		if ((unsigned char)(c - 'A') < 26u)
			c = (char)(c + 32);
		else if (c == '@') {
			if (q->at != len)
				return 0; /* more than one @ */
			q->at = i;
		}
		q->low[i] = c;
	}
	if (q->at == len || q->at == 0 || q->at > LOCAL_MAX || q->at + 1 == len ||
	        !domain_name_valid(q->low + q->at + 1, len - q->at - 1))
		return 0;
	{
		/* The tenant's name is looked up in two reads, its slot and
		 * then its key; the slot already says which tenant it most
		 * likely is, so the address's own slot is asked for before
		 * the key is compared, and the two waits overlap. */
		const char *dom = q->low + q->at + 1;
		size_t dlen = len - q->at - 1;
		uint32_t dh = strmap_hash(dom, dlen), lh = strmap_hash(q->low, q->at), guess;
		const struct strmap_slot *s;
		if ((guess = strmap_guess(&m->domains, dlen, dh, 0)))
			idmap_prefetch(&m->addrmap, lh ^ (guess * 2654435761u));
		s = strmap_find_h(&m->domains, dom, dlen, dh);
		if (!s || !(q->tenant = s->val))
			return 0;
		q->hash = lh ^ (q->tenant * 2654435761u);
		if (q->tenant != guess)
			idmap_prefetch(&m->addrmap, q->hash);
	}
	return 1;
}

uint32_t
addr_query_owner(const struct tn_model *m, const struct addr_query *q)
{
	struct addr_key k = {m, q->low, q->at, q->tenant};

	return idmap_get(&m->addrmap, q->hash, addr_eq, NULL, &k);
}

uint32_t
addr_query_ahead(const struct tn_model *m, const struct addr_query *q, uint32_t candidate)
{
	size_t mask, i;

	if (candidate) {
		/* Stage 2: its node has been asked for; now its addresses. */
		if (candidate < m->nnodes)
			PREFETCH(m->nodes[candidate].addrs);
		return candidate;
	}
	if (!m->addrmap.count)
		return 0;
	mask = m->addrmap.cap - 1;
	for (i = q->hash & mask; m->addrmap.slots[i]; i = (i + 1) & mask) {
		uint64_t s = m->addrmap.slots[i];
		if ((uint32_t)(s >> 32) == q->hash) {
			PREFETCH(&m->nodes[(uint32_t)s]);
			return (uint32_t)s;
		}
	}
	return 0;
}

uint32_t
addr_owner(const struct tn_model *m, const char *a, size_t len)
{
	struct addr_query q;

	return addr_query(m, a, len, &q) ? addr_query_owner(m, &q) : 0;
}

const char *
addr_primary(const struct node *n)
{
	const char *v;

	PACK_FOREACH(n->addrs, v)
	if (v[0] == 'm')
		return v + 1;
	return NULL;
}

size_t
addr_count_domain(const struct tn_model *m, uint32_t tenant, const char *domain,
        const char **example, uint32_t *example_owner)
{
	size_t count = 0, dlen = strlen(domain);
	uint32_t id;

	/* Removing a domain name is rare; a scan of the model is enough and
	 * keeps the common paths free of per-domain counters. */
	for (id = 1; id < m->nnodes; id++) {
		const struct node *n = &m->nodes[id];
		const char *v;
		if (!node_rdn(n) || !n->addrs || tenant_of(m, id) != tenant)
			continue;
		PACK_FOREACH(n->addrs, v)
		{
			const char *at = strrchr(v + 1, '@');
			if (!at || strlen(at + 1) != dlen || strcmp(at + 1, domain) != 0)
				continue;
			if (count == 0) {
				*example = v + 1;
				*example_owner = id;
			}
			count++;
		}
	}
	return count;
}

/*
 * A domain that arrives after entries below it (input in any order): the
 * addresses of those entries could not be indexed without their tenant.
 * Scans the model once; an LDAP add of a domain never comes here, since a
 * new entry has nothing below it.
 */
int
addr_index_tenant(struct tn_model *m, uint32_t dom)
{
	uint32_t id;

	for (id = 1; id < m->nnodes; id++) {
		const struct node *n = &m->nodes[id];
		if (id == dom || !node_rdn(n) || !n->addrs || !node_is_ancestor(m, dom, id))
			continue;
		addr_unindex(m, id);
		if (addr_index(m, id) < 0)
			return -1;
	}
	return 0;
}
