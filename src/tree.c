/*
 * tree.c - the node tree and its DN index: finding, creating, naming,
 * moving and pruning the nodes of DNs (model.h has the shape of the model).
 *
 * A node is filed under the hash of its whole DN, made an RDN at a time
 * from the root down, and holds its parent and its RDN (short ones inside
 * the node, the others in the model's string arena); see "The DN index"
 * below.  Node ids are recycled once a node is pruned.
 *
 * Interface (tree.h): node_get(), node_find(), node_find_nearest(),
 * node_find_slot(), node_lookup(), node_intern(), node_intern_slot(),
 * node_move(), node_prune(), node_is_ancestor(), node_dn(), node_dn_display(), dn_pretty(),
 * node_aux_free(), kind_name().
 *
 * Failure modes: node_intern() returns 0 and node_move() -1 when memory
 * runs out (node_move() then leaves the model as it was); a DN longer
 * than DN_MAX_LEN is never interned.  Lookups allocate nothing, but for
 * node_lookup() of a DN in an uncommon form, which finds nothing when
 * memory runs out.
 */
#include "engine.h"
#include "dn.h"
#include "util/arena.h"
#include "util/big.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <strings.h>

struct node *
node_get(const struct tn_model *m, uint32_t id)
{
	return id < m->nnodes ? &m->nodes[id] : NULL;
}

#define REF_FITS(r) ((r) < (1u << 31)) /* in the low half, shifted */

int
refs_add(struct node *n, uint32_t r)
{
	uint64_t w = n->refs.word;
	uint32_t *list = NULL;

	if (w == 0 && REF_FITS(r)) {
		n->refs.word = (uint64_t)r << 1 | REFS_INLINE;
		return 0;
	}
	if ((w & REFS_INLINE) && !(w >> 32) && REF_FITS(r)) {
		n->refs.word = w | (uint64_t)r << 32;
		return 0;
	}
	if (w & REFS_INLINE) {
		/* A third: they move to a list, in their order. */
		if (idlist_add(&list, refs_at(n, 0)) < 0 ||
		        ((w >> 32) && idlist_add(&list, (uint32_t)(w >> 32)) < 0) ||
		        idlist_add(&list, r) < 0) {
			idlist_free(&list);
			return -1;
		}
		n->refs.word = 0;
		n->refs.list = list;
		return 0;
	}
	return idlist_add(&n->refs.list, r);
}

int
refs_del(struct node *n, uint32_t r)
{
	uint64_t w = n->refs.word;
	uint32_t second = (uint32_t)(w >> 32);

	if (!(w & REFS_INLINE))
		return idlist_del(&n->refs.list, r);
	if (refs_at(n, 0) == r) {
		/* The second, if any, becomes the first: it fits, since
		 * only references that fit are held here. */
		n->refs.word = second ? (uint64_t)second << 1 | REFS_INLINE : 0;
		return 1;
	}
	if (second && second == r) {
		n->refs.word = (uint32_t)w;
		return 1;
	}
	return 0;
}

void
refs_free(struct node *n)
{
	if (!(n->refs.word & REFS_INLINE))
		idlist_free(&n->refs.list);
	n->refs.word = 0;
}

size_t
refs_heap_words(const struct node *n)
{
	if ((n->refs.word & REFS_INLINE) || !idlist_len(n->refs.list))
		return 0;
	return idlist_cap(idlist_len(n->refs.list));
}

void
node_aux_free(struct node *n)
{
	if (!n->aux)
		return;
	free(n->aux->extra);
	free(n->aux->logins);
	free(n->aux->context);
	free(n->aux->pinned);
	idlist_free(&n->aux->roles);
	free(n->aux->locals);
	free(n->aux);
	n->aux = NULL;
}

const char *
kind_name(enum kind k)
{
	static const char *const names[] = {"entry", "entry", "contact", "domain", "mailbox",
	        "shared mailbox", "group", "unit", "grant", "role"};
	return names[k];
}

/*
 * The DN index: a node is the one with its parent and its RDN, both held
 * in the node itself, and is filed under the hash of its whole DN, made an
 * RDN at a time from the root down.  So every level's slot is known from
 * the DN alone: a lookup starts fetching the deepest one, which is the one
 * not in any cache, before it has found the first level.  The price is at
 * a rename of an entry with entries below it, which files them anew.
 */
struct rdn_key {
	uint32_t parent;
	const char *rdn;
	size_t len;
};

#define ROOT_HASH 0x6a09e667u

static uint32_t
path_hash(uint32_t parent_hash, const char *rdn, size_t len)
{
	uint64_t h = ((uint64_t)parent_hash << 32 | strmap_hash(rdn, len)) * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

/* The hash a node is filed under, from its ancestors' RDNs. */
static uint32_t
node_hash(const struct tn_model *m, uint32_t id)
{
	uint32_t n = 0, h = ROOT_HASH, i, k, depth = 0;
	const char *rdn;

	for (i = id; i; i = m->nodes[i].parent)
		depth++;
	if (depth <= 64) {
		uint32_t chain[64];
		for (i = id; i; i = m->nodes[i].parent)
			chain[n++] = i;
		while (n--) {
			rdn = node_rdn(&m->nodes[chain[n]]);
			h = path_hash(h, rdn, strlen(rdn));
		}
		return h;
	}
	/* Deeper than any directory in practice: find each level again. */
	for (k = depth; k > 0; k--) {
		for (i = id, n = 1; n < k; n++)
			i = m->nodes[i].parent;
		rdn = node_rdn(&m->nodes[i]);
		h = path_hash(h, rdn, strlen(rdn));
	}
	return h;
}

static int
rdn_eq(const void *ctx, uint32_t id, const void *key)
{
	const struct tn_model *m = ctx;
	const struct rdn_key *k = key;
	const struct node *n = &m->nodes[id];

	const char *rdn;

	if (n->parent != k->parent)
		return 0;
	/* Most RDNs are in the node, NUL-padded: compared without a call. */
	if (n->mark & NM_INLINE)
		return k->len < RDN_INLINE && memcmp(n->rdn.inl, k->rdn, k->len) == 0 &&
		       n->rdn.inl[k->len] == '\0';
	rdn = n->rdn.ptr;
	return rdn && strncmp(rdn, k->rdn, k->len) == 0 && rdn[k->len] == '\0';
}

/* The child of `parent` with this RDN, filed under `hash`; 0 when none. */
static uint32_t
child_find(const struct tn_model *m, uint32_t parent, uint32_t hash, const char *rdn, size_t len)
{
	struct rdn_key k = {parent, rdn, len};

	return idmap_get(&m->dnmap, hash, rdn_eq, m, &k);
}

/* The RDNs of a canonical DN from the root down, with their hashes: a
 * DN deeper than PATH_MAX_LEVELS is walked without them. */
#define PATH_MAX_LEVELS 32
struct path {
	size_t n;
	size_t start[PATH_MAX_LEVELS], len[PATH_MAX_LEVELS];
	uint32_t hash[PATH_MAX_LEVELS];
};

static int
path_read(const char *cdn, size_t len, struct path *p)
{
	size_t seg[PATH_MAX_LEVELS + 2], nseg = 0, s = 0, k;
	uint32_t h = ROOT_HASH;

	/* The commas found forwards by memchr(), many bytes a step, then
	 * the RDNs taken from the root down.  Every ',' separates (the
	 * canonical form escapes the others); an empty first RDN is none. */
	for (;;) {
		const char *comma;
		if (nseg == PATH_MAX_LEVELS + 2)
			return -1;
		seg[nseg++] = s;
		if (!(comma = memchr(cdn + s, ',', len - s)))
			break;
		s = (size_t)(comma - cdn) + 1;
	}
	p->n = 0;
	for (k = nseg; k-- > 0;) {
		size_t start = seg[k], end = k + 1 < nseg ? seg[k + 1] - 1 : len;
		if (k == 0 && end == 0)
			break;
		if (p->n == PATH_MAX_LEVELS)
			return -1;
		h = path_hash(h, cdn + start, end - start);
		p->start[p->n] = start;
		p->len[p->n] = end - start;
		p->hash[p->n++] = h;
	}
	return 0;
}

/* A whole DN, for path_eq(). */
struct path_key {
	const char *cdn;
	const struct path *p;
};

/* Is node `id` the DN of the key: its RDN and every ancestor's, up to the
 * root, those of the path?  The node filed under the path's last hash
 * that is: (parent, RDN) names one node, so this is the node a walk down
 * the levels would find. */
static int
path_eq(const void *ctx, uint32_t id, const void *key)
{
	const struct tn_model *m = ctx;
	const struct path_key *k = key;
	size_t i = k->p->n;

	while (i-- > 0) {
		const struct node *n;
		const char *s = k->cdn + k->p->start[i];
		size_t l = k->p->len[i];
		if (!id)
			return 0;
		n = &m->nodes[id];
		if (n->mark & NM_INLINE) {
			if (l >= RDN_INLINE || memcmp(n->rdn.inl, s, l) != 0 ||
			        n->rdn.inl[l] != '\0')
				return 0;
		} else if (!n->rdn.ptr || strncmp(n->rdn.ptr, s, l) != 0 || n->rdn.ptr[l] != '\0') {
			return 0;
		}
		id = n->parent;
	}
	return id == 0;
}

uint32_t
node_find(const struct tn_model *m, const char *cdn, size_t len)
{
	struct path p;
	int exact;
	uint32_t id;

	/* One probe, at the DN's own hash, rather than one a level: the
	 * levels are compared on the way up from the node found. */
	if (path_read(cdn, len, &p) == 0 && p.n) {
		struct path_key k = {cdn, &p};
		return idmap_get(&m->dnmap, p.hash[p.n - 1], path_eq, m, &k);
	}
	id = node_find_nearest(m, cdn, len, &exact);
	return exact ? id : 0;
}

/* Where a missing entry at level i of `p` would go: below `parent`. */
static inline void
slot_note(struct node_slot *slot, uint32_t parent, const struct path *p, size_t i)
{
	slot->known = 1;
	slot->parent = parent;
	slot->hash = p->hash[i];
	slot->start = p->start[i];
	slot->len = p->len[i];
}

/* node_find_slot(), inlined in both callers: without a slot, nothing of
 * it is left in node_find_nearest(). */
static inline uint32_t
find_nearest(
        const struct tn_model *m, const char *cdn, size_t len, int *exact, struct node_slot *slot)
{
	struct path p;
	uint32_t cur = 0, next, h = ROOT_HASH;
	size_t end = len;

	*exact = 0;
	if (slot)
		slot->known = 0;
	if (path_read(cdn, len, &p) == 0) {
		size_t i;
		if (slot && p.n >= 2) {
			/* An add, most often under an entry the model holds:
			 * its parent in one probe (the levels compared on the
			 * way up from it, as node_find() does), then the
			 * entry's own slot. */
			struct path_key k = {cdn, &p};
			uint32_t parent;
			p.n--;
			parent = idmap_get(&m->dnmap, p.hash[p.n - 1], path_eq, m, &k);
			p.n++;
			if (parent) {
				i = p.n - 1;
				next = child_find(m, parent, p.hash[i], cdn + p.start[i], p.len[i]);
				if (next) {
					*exact = 1;
					return next;
				}
				slot_note(slot, parent, &p, i);
				return parent;
			}
		}
		/* Every level's slot at once: the upper ones are in a cache,
		 * the entry's own is not, and its wait overlaps the walk. */
		for (i = p.n; i-- > 0;)
			idmap_prefetch(&m->dnmap, p.hash[i]);
		/* Then the entry's own node, most likely the one its slot
		 * names: it arrives while the levels above are walked. */
		if (p.n && (next = idmap_guess(&m->dnmap, p.hash[p.n - 1])) && next < m->nnodes)
			PREFETCH(&m->nodes[next]);
		for (i = 0; i < p.n; i++) {
			next = child_find(m, cur, p.hash[i], cdn + p.start[i], p.len[i]);
			if (!next) {
				if (slot && i + 1 == p.n)
					slot_note(slot, cur, &p, i);
				return cur;
			}
			cur = next;
		}
		*exact = 1;
		return cur;
	}
	/* Deeper than a path holds: level by level. */
	while (end > 0) {
		size_t start = end;
		while (start > 0 && cdn[start - 1] != ',')
			start--;
		h = path_hash(h, cdn + start, end - start);
		next = child_find(m, cur, h, cdn + start, end - start);
		if (!next)
			return cur;
		cur = next;
		end = start ? start - 1 : 0;
	}
	*exact = 1;
	return cur;
}

uint32_t
node_find_nearest(const struct tn_model *m, const char *cdn, size_t len, int *exact)
{
	return find_nearest(m, cdn, len, exact, NULL);
}

uint32_t
node_find_slot(
        const struct tn_model *m, const char *cdn, size_t len, int *exact, struct node_slot *slot)
{
	return find_nearest(m, cdn, len, exact, slot);
}

/* Give a node the RDN rdn[0..len): in the node when it fits, otherwise in
 * the arena.  Returns 0, or -1 when memory ran out (the node unchanged). */
static int
node_set_rdn(struct tn_model *m, struct node *n, const char *rdn, size_t len)
{
	char *copy;

	if (len < RDN_INLINE) {
		memcpy(n->rdn.inl, rdn, len);
		memset(n->rdn.inl + len, 0, RDN_INLINE - len);
		n->mark |= NM_INLINE;
		return 0;
	}
	if (!(copy = arena_strndup(&m->strings, rdn, len)))
		return -1;
	n->rdn.ptr = copy;
	n->mark &= (uint8_t)~NM_INLINE;
	return 0;
}

/* Release a node's RDN; the node is then free. */
static void
node_drop_rdn(struct tn_model *m, struct node *n)
{
	if (!(n->mark & NM_INLINE) && n->rdn.ptr)
		arena_drop(&m->strings, strlen(n->rdn.ptr) + 1);
	memset(&n->rdn, 0, sizeof(n->rdn));
	n->mark &= (uint8_t)~NM_INLINE;
}

static uint32_t
node_new(struct tn_model *m, uint32_t parent, uint32_t hash, const char *rdn, size_t len)
{
	uint32_t id;
	struct node *n, fresh;

	memset(&fresh, 0, sizeof(fresh));
	if (node_set_rdn(m, &fresh, rdn, len) < 0)
		return 0;
	fresh.parent = parent;
	if (idlist_len(m->free_ids)) {
		id = IDLIST_AT(m->free_ids, idlist_len(m->free_ids) - 1);
		m->free_ids[0]--;
	} else {
		if (m->nnodes == m->capnodes) {
			/* Grow by half: at a million entries, doubling would
			 * leave a third of a large block unused on average. */
			uint32_t ncap = m->capnodes + m->capnodes / 2;
			struct node *nn =
			        big_realloc(m->nodes, m->nnodes * sizeof(*nn), ncap * sizeof(*nn));
			if (!nn) {
				node_drop_rdn(m, &fresh);
				return 0;
			}
			m->nodes = nn;
			m->capnodes = ncap;
		}
		id = m->nnodes++;
	}
	if (idmap_put(&m->dnmap, hash, id) < 0) {
		node_drop_rdn(m, &fresh);
		if (id == m->nnodes - 1)
			m->nnodes--;
		else
			idlist_add(&m->free_ids, id);
		return 0;
	}
	n = &m->nodes[id];
	*n = fresh;
	m->nodes[parent].nchildren++;
	return id;
}

uint32_t
node_intern(struct tn_model *m, const char *cdn, size_t len)
{
	uint32_t cur = 0, h = ROOT_HASH;
	size_t end = len;

	if (len > DN_MAX_LEN)
		return 0;
	/* Most DNs interned are known already (the references of a record
	 * stored again): one probe at the DN's own hash, not one a level. */
	if ((cur = node_find(m, cdn, len)) != 0)
		return cur;
	while (end > 0) {
		size_t start = end;
		uint32_t next;
		while (start > 0 && cdn[start - 1] != ',')
			start--;
		h = path_hash(h, cdn + start, end - start);
		next = child_find(m, cur, h, cdn + start, end - start);
		if (!next)
			next = node_new(m, cur, h, cdn + start, end - start);
		if (!next)
			return 0;
		cur = next;
		end = start ? start - 1 : 0;
	}
	return cur;
}

uint32_t
node_intern_slot(struct tn_model *m, const struct node_slot *slot, const char *cdn, size_t len)
{
	uint32_t id;

	if (len > DN_MAX_LEN || slot->start + slot->len > len)
		return 0;
	id = child_find(m, slot->parent, slot->hash, cdn + slot->start, slot->len);
	return id ? id : node_new(m, slot->parent, slot->hash, cdn + slot->start, slot->len);
}

/* Drop nodes that no longer carry anything, walking up. */
void
node_prune(struct tn_model *m, uint32_t id)
{
	while (id) {
		struct node *n = &m->nodes[id];
		uint32_t parent = n->parent;
		if (n->kind != K_NONE || n->nchildren || refs_len(n))
			return;
		idmap_del(&m->dnmap, node_hash(m, id), id);
		node_drop_rdn(m, n);
		if (idlist_add(&m->free_ids, id) < 0)
			return; /* the id is lost, nothing else */
		m->nodes[parent].nchildren--;
		id = parent;
	}
}

void
node_dn(const struct tn_model *m, uint32_t id, struct buf *out)
{
	size_t len = 0;
	uint32_t i;
	char *p;

	/* Measure, then write once: the buffer does not grow RDN by RDN. */
	for (i = id; i && i < m->nnodes; i = m->nodes[i].parent)
		len += strlen(node_rdn(&m->nodes[i])) + 1;
	if (buf_reserve(out, len) < 0)
		return;
	p = out->s + out->len;
	for (i = id; i && i < m->nnodes; i = m->nodes[i].parent) {
		size_t l = strlen(node_rdn(&m->nodes[i]));
		memcpy(p, node_rdn(&m->nodes[i]), l);
		p += l;
		*p++ = ',';
	}
	if (len)
		p--; /* the root has no RDN: no ',' after the last */
	*p = '\0';
	out->len = (size_t)(p - out->s);
}

size_t
node_dn_into(const struct tn_model *m, uint32_t id, char *out, size_t size)
{
	size_t len = 0;
	uint32_t i;

	/* The leaf's RDN comes first in a DN: written as the walk goes up. */
	for (i = id; i && i < m->nnodes; i = m->nodes[i].parent) {
		const char *rdn = node_rdn(&m->nodes[i]);
		size_t l = strlen(rdn);
		if (len + l + 1 >= size)
			return (size_t)-1;
		if (len)
			out[len++] = ',';
		memcpy(out + len, rdn, l);
		len += l;
	}
	if (size == 0)
		return (size_t)-1;
	out[len] = '\0';
	return len;
}

/* Attribute types the canonical form lower-cases, as the schema spells them. */
static const char *const display_types[] = {
        "tenancyDomainName=",
};

void
dn_pretty(struct buf *out, size_t start)
{
	size_t i, k, tl;
	const char *t, *comma;

	if (!out->s)
		return;
	/* Only where an RDN starts: after `start` and after each ','. */
	for (k = start; k < out->len; k = (size_t)(comma - out->s) + 1) {
		for (i = 0; i < sizeof(display_types) / sizeof(display_types[0]); i++) {
			t = display_types[i];
			tl = strlen(t);
			/* The first letter, compared inline, rules most RDNs out. */
			if ((out->s[k] | 0x20) == (t[0] | 0x20) && k + tl <= out->len &&
			        strncasecmp(out->s + k, t, tl) == 0)
				memcpy(out->s + k, t, tl);
		}
		if (!(comma = memchr(out->s + k, ',', out->len - k)))
			break;
	}
}

void
node_dn_display(const struct tn_model *m, uint32_t id, struct buf *out)
{
	size_t start = out->len;

	node_dn(m, id, out);
	dn_pretty(out, start);
}

uint32_t
node_lookup(const struct tn_model *m, const char *dn)
{
	return dn ? node_lookup_len(m, dn, strlen(dn)) : 0;
}

uint32_t
node_lookup_len(const struct tn_model *m, const char *dn, size_t len)
{
	char simple[512];
	struct buf b;
	uint32_t id = 0;

	if (!dn)
		return 0;
	/* The common case, a DN as slapd normalises it, is canonicalised on
	 * the stack: no allocation. */
	if (len < sizeof(simple) && dn_canon_simple(dn, len, simple))
		return node_find(m, simple, len);
	buf_init(&b);
	if (dn_canon(dn, len, &b) == 0 && b.len)
		id = node_find(m, b.s, b.len);
	buf_free(&b);
	return id;
}

int
node_is_ancestor(const struct tn_model *m, uint32_t anc, uint32_t id)
{
	while (id) {
		if (id == anc)
			return 1;
		id = m->nodes[id].parent;
	}
	return 0;
}

/* Move node `id` to a new parent and RDN.  The entries below it, if any,
 * are filed anew under their new DNs: found by a pass over the model,
 * which a rename of a whole subtree can afford. */
int
node_move(struct tn_model *m, uint32_t id, uint32_t parent, const char *rdn, size_t len)
{
	struct node *n = &m->nodes[id];
	uint32_t old_parent = n->parent, hash = path_hash(node_hash(m, parent), rdn, len);
	uint32_t other = child_find(m, parent, hash, rdn, len), old_hash, i, k;
	uint32_t *below = NULL, *below_hash = NULL;
	struct node renamed;

	if (other == id)
		return 0; /* renamed onto its own DN: nothing moves */
	if (other || node_is_ancestor(m, id, parent))
		return -1; /* taken, or a move below itself: no cycle */
	memset(&renamed, 0, sizeof(renamed));
	if (node_set_rdn(m, &renamed, rdn, len) < 0)
		return -1;
	for (i = 1; n->nchildren && i < m->nnodes; i++)
		if (i != id && node_rdn(&m->nodes[i]) && node_is_ancestor(m, id, i) &&
		        idlist_add(&below, i) < 0)
			goto fail;
	if (idlist_len(below) && !(below_hash = malloc(idlist_len(below) * sizeof(*below_hash))))
		goto fail;
	for (k = 0; k < idlist_len(below); k++)
		below_hash[k] = node_hash(m, IDLIST_AT(below, k));
	old_hash = node_hash(m, id);
	if (idmap_put(&m->dnmap, hash, id) < 0)
		goto fail;
	idmap_del(&m->dnmap, old_hash, id);
	n = &m->nodes[id];
	node_drop_rdn(m, n);
	n->rdn = renamed.rdn;
	n->mark = (uint8_t)((n->mark & ~NM_INLINE) | (renamed.mark & NM_INLINE));
	n->parent = parent;
	m->nodes[parent].nchildren++;
	m->nodes[old_parent].nchildren--;
	/* One out, one in: the index does not grow, so this cannot fail. */
	for (k = 0; k < idlist_len(below); k++) {
		uint32_t b = IDLIST_AT(below, k);
		idmap_del(&m->dnmap, below_hash[k], b);
		(void)idmap_put(&m->dnmap, node_hash(m, b), b);
	}
	free(below_hash);
	idlist_free(&below);
	node_prune(m, old_parent);
	return 0;
fail:
	node_drop_rdn(m, &renamed);
	free(below_hash);
	idlist_free(&below);
	return -1;
}
