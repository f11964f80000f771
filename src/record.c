/*
 * record.c - reading entries and modifications into records (record.h).
 *
 * Which attribute feeds which field of a record (the configured login
 * attribute among them); values canonicalised as the model keeps them
 * (addresses and domain names in lower case, DN values in canonical
 * form); modifications and a rename's RDN change applied to a record; the
 * record of what the model holds of a node, for the "before" of a change.
 * Also which attributes the engine reads at all, so that a modify of none
 * of them is skipped unread.
 *
 * Interface (record.h): rec_init(), rec_free(), rec_kind(),
 * rec_from_entry(), rec_add_rdn(), rec_from_node(), rec_apply_mod(),
 * rec_rename(), rec_pair(), rec_reads_attr(), rec_mods_read(),
 * rec_mods_csn(), strv_add(), strv_has(), strv_free(); ref_attr_name
 * (model.h); tn_attr_subtype_name() (tenancy.h).
 *
 * Failure modes: the readers return -1 when memory runs out.  A value the
 * engine cannot read (a malformed DN in a DN attribute, an attribute
 * written under an option or a subtype, §5a.3) is no failure here: the
 * first such problem is kept in r->err, r->err_rule and r->err_text, for
 * the judge to refuse the change with.
 */
#include "record.h"
#include "dn.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const ref_attr_name[R_NATTR] = {"member", "tenancyUnitRef", "tenancyShareRead",
        "tenancyShareReadReply", "tenancyShareWrite", "tenancyShareManage", "tenancySendAsDelegate",
        "tenancySendOnBehalfDelegate", "tenancySubscription", "tenancyGrantee", "tenancyScope"};

/* Which field of a record an attribute feeds. */
enum field {
	F_NONE,
	F_OC,
	F_MAIL,
	F_ALIAS,
	F_DOMNAME,
	F_DOMALIAS,
	F_STATUS,
	F_CONTEXT,
	F_ROLES,
	F_PERMS,
	F_IMPLIES,
	F_CN,
	F_SENDAS,
	F_DELIVERY,
	F_ROOTONLY,
	F_REF
};

/* Names with their lengths: an entry's attributes are looked up here one
 * by one, and a length compares in one instruction. */
#define NAME(s) s, sizeof(s) - 1

/* The attributes the engine reads, and the field each feeds. */
#define FIELDS(X)                                                                                  \
	X("objectClass", F_OC, 0)                                                                  \
	X("mail", F_MAIL, 0)                                                                       \
	X("tenancyMailAlias", F_ALIAS, 0)                                                          \
	X("tenancyDomainName", F_DOMNAME, 0)                                                       \
	X("tenancyDomainAlias", F_DOMALIAS, 0)                                                     \
	X("tenancyStatus", F_STATUS, 0)                                                            \
	X("tenancyContext", F_CONTEXT, 0)                                                          \
	X("tenancyRole", F_ROLES, 0)                                                               \
	X("tenancyPermission", F_PERMS, 0)                                                         \
	X("tenancyImplies", F_IMPLIES, 0)                                                          \
	X("cn", F_CN, 0)                                                                           \
	X("tenancyGroupSendAs", F_SENDAS, 0)                                                       \
	X("tenancyGroupDelivery", F_DELIVERY, 0)                                                   \
	X("tenancyRootOnly", F_ROOTONLY, 0)                                                        \
	X("member", F_REF, R_MEMBER)                                                               \
	X("tenancyUnitRef", F_REF, R_UNIT)                                                         \
	X("tenancyShareRead", F_REF, R_SHARE_READ)                                                 \
	X("tenancyShareReadReply", F_REF, R_SHARE_READREPLY)                                       \
	X("tenancyShareWrite", F_REF, R_SHARE_WRITE)                                               \
	X("tenancyShareManage", F_REF, R_SHARE_MANAGE)                                             \
	X("tenancySendAsDelegate", F_REF, R_SENDAS)                                                \
	X("tenancySendOnBehalfDelegate", F_REF, R_ONBEHALF)                                        \
	X("tenancySubscription", F_REF, R_SUBSCRIPTION)                                            \
	X("tenancyGrantee", F_REF, R_GRANTEE)                                                      \
	X("tenancyScope", F_REF, R_SCOPE)

static const struct {
	const char *name;
	size_t len;
	enum field f;
	int ref;
} fields[] = {
#define FIELD_ROW(n, f, r) {NAME(n), f, r},
        FIELDS(FIELD_ROW)
#undef FIELD_ROW
};

/* A bit for a name's first letter, whatever its case (bit 31: another
 * byte).  The fields' initials: most attributes a write names (uid, sn,
 * description...) have none of them and are not looked for. */
#define INITIAL_BIT(s)                                                                             \
	((unsigned)(((s)[0] | 0x20) - 'a') < 26 ? 1u << (((s)[0] | 0x20) - 'a') : 1u << 31)
#define FIELD_INITIAL(n, f, r) | INITIAL_BIT(n)
static const uint32_t field_initials = 0 FIELDS(FIELD_INITIAL);
#undef FIELD_INITIAL

/* A bit for a first letter (lower case) and a length together: most
 * attributes with a field's initial (creatorsName, modifyTimestamp...)
 * have none of the fields' lengths for it.  Two keys may share a bit:
 * the names are compared after. */
#define KEY_BIT(c0, len)   (1ull << (((unsigned)(c0)*13u + (unsigned)(len)) & 63))
#define FIELD_KEY(n, f, r) | KEY_BIT((n)[0] | 0x20, sizeof(n) - 1)
static const uint64_t field_keys = 0 FIELDS(FIELD_KEY);
#undef FIELD_KEY

static const struct {
	const char *name;
	size_t len;
	unsigned bit;
} classes[] = {
        {NAME("tenancyDomain"), C_DOMAIN},
        {NAME("tenancyMailbox"), C_MAILBOX},
        {NAME("tenancySharedMailbox"), C_SHARED},
        {NAME("tenancyGroup"), C_GROUP},
        {NAME("tenancyUnit"), C_UNIT},
        {NAME("tenancyGrant"), C_GRANT},
        {NAME("tenancyRole"), C_ROLE},
        {NAME("inetOrgPerson"), C_PERSON},
        {NAME("organizationalPerson"), C_PERSON},
        {NAME("person"), C_PERSON},
};

void
rec_init(struct rec *r)
{
	memset(r, 0, sizeof(*r));
}

/*
 * A list's block: this header, then the pointers (room for `slots`), then
 * the strings they point to (`used` of `room` bytes); s->v points just
 * past the header.  A deleted value's bytes stay until the block is freed.
 */
struct strv_block {
	size_t slots, used, room;
	size_t pooled; /* in its record's chunk: freed with it */
	/* The index of a long list (see strv_ix below), and the searches
	 * made without one: here rather than in struct strv, which a
	 * record holds two dozen of, mostly empty. */
	struct strv_ix *ix;
	size_t scans;
};

/* The chunk a record's lists take their first blocks from: an added
 * entry's few short lists (its mail, cn and status) in one allocation,
 * not one each. */
#define REC_CHUNK 512

/* A block of `size` bytes for a list of `r` (NULL: of no record): from
 * the record's chunk while it has room, else allocated alone.  NULL when
 * memory ran out. */
static struct strv_block *
block_alloc(struct rec *r, size_t size)
{
	struct strv_block *b;

	/* Carved at multiples of 16 bytes, malloc()'s alignment.  A record
	 * with a list has its chunk, even when the list's block is too big
	 * for it: rec_free() of a record without one has nothing to walk. */
	size = (size + 15) & ~(size_t)15;
	if (r) {
		if (!r->chunk) {
			if (!(r->chunk = malloc(REC_CHUNK)))
				return NULL;
			r->chunk_used = 0;
		}
		if (REC_CHUNK - r->chunk_used >= size) {
			b = (struct strv_block *)(void *)(r->chunk + r->chunk_used);
			r->chunk_used += size;
			b->pooled = 1;
			return b;
		}
	}
	if (!(b = malloc(size)))
		return NULL;
	b->pooled = 0;
	return b;
}

#define STRV_BLOCK(s)        ((struct strv_block *)(void *)(s)->v - 1)
#define STRV_BYTES(b, slots) ((char *)((b) + 1) + (slots) * sizeof(char *))
/* The index of a list that has a block (SIX, an lvalue), or of any list
 * (STRV_IX, NULL when it has none). */
#define SIX(s)     (STRV_BLOCK(s)->ix)
#define STRV_IX(s) ((s)->v ? STRV_BLOCK(s)->ix : NULL)

void
strv_free(struct strv *s)
{
	/* A record has two dozen lists and most are empty: no call. */
	if (!s->v)
		return;
	free(SIX(s));
	if (!STRV_BLOCK(s)->pooled)
		free(STRV_BLOCK(s));
	s->v = NULL;
	s->n = 0;
}

/* strv_free(), where most lists are empty: only a filled one costs a
 * call (a record has two dozen, freed several times a write). */
static inline void
strv_drop(struct strv *s)
{
	if (s->v)
		strv_free(s);
}

void
ref_ids_free(struct rec *r)
{
	free(r->ref_ids);
	r->ref_ids = NULL;
	memset(r->ref_id, 0, sizeof(r->ref_id));
	memset(r->ref_known, 0, sizeof(r->ref_known));
}

void
rec_free(struct rec *r)
{
	int i;

	/* Most records freed hold no list (block_alloc()): an empty one is
	 * only reset. */
	if (!r->chunk)
		goto scalars;
	strv_drop(&r->mail);
	strv_drop(&r->alias);
	strv_drop(&r->domname);
	strv_drop(&r->domalias);
	strv_drop(&r->status);
	strv_drop(&r->context);
	strv_drop(&r->logins);
	for (i = 0; i < R_NATTR; i++)
		strv_drop(&r->ref[i]);
	strv_drop(&r->roles);
	strv_drop(&r->perms);
	strv_drop(&r->implies);
	strv_drop(&r->cn);
	strv_drop(&r->pinned);
	strv_drop(&r->touched);
	if (r->ref_ids)
		ref_ids_free(r);
	free(r->chunk);
	r->chunk = NULL;
	r->chunk_used = 0;
scalars:
	free(r->err_text);
	/* The lists are empty now: only the other fields are reset, not the
	 * whole record (rec_init), which is freed several times a write. */
	r->classes = 0;
	r->sendas = r->delivery = r->rootonly = T_UNSET;
	r->csn = 0;
	r->addr_tenant = 0;
	r->err = TN_OK;
	r->err_rule = NULL;
	r->err_text = NULL;
}

/* Move a list to a new block with room for `slots` pointers and `room`
 * bytes of strings.  Returns 0, or -1 (the list unchanged). */
static int
strv_grow(struct rec *r, struct strv *s, size_t slots, size_t room)
{
	struct strv_block *b = block_alloc(r, sizeof(*b) + slots * sizeof(char *) + room);
	char *bytes;

	if (!b)
		return -1;
	b->slots = slots;
	b->room = room;
	b->used = 0;
	b->ix = NULL;
	b->scans = 0;
	bytes = STRV_BYTES(b, slots);
	if (s->v) {
		struct strv_block *old = STRV_BLOCK(s);
		const char *obytes = STRV_BYTES(old, old->slots);
		size_t i;
		memcpy(bytes, obytes, old->used);
		b->used = old->used;
		/* The index still points at the old strings: the caller
		 * indexes the list anew (ix_note_last()). */
		b->ix = old->ix;
		b->scans = old->scans;
		for (i = 0; i < s->n; i++)
			((char **)(void *)(b + 1))[i] = bytes + (s->v[i] - obytes);
		if (!old->pooled)
			free(old);
	}
	s->v = (char **)(void *)(b + 1);
	/* cppcheck-suppress memleak ; the block is s->v's, STRV_BLOCK(s) frees it */
	return 0;
}

/*
 * The index of a long list (its block's ix): its values by the hash of
 * the form value_matches() compares (no case, blanks collapsed), open
 * addressing with linear probing.  It points at the strings, which stay
 * where they are when a value before them is deleted; a list that moves
 * to a bigger block is indexed anew (amortised, as the block doubles).
 * Lists shorter than STRV_IX_MIN are scanned: most records hold a value
 * or two a list.  Memory running out drops the index, never a value: the
 * list is then scanned, slower but the same.
 */
#define STRV_IX_MIN   32
#define STRV_IX_SCANS 8
struct strv_ix {
	size_t mask, count;
	char *slot[]; /* NULL: empty */
};

static int value_matches(const char *a, const char *b);

/* The hash of value_matches()'s form of v, seeded per process (the
 * address of a static object moves with every start), so that values
 * chosen to collide in one run do not collide in the next. */
static uint32_t
value_hash(const char *v)
{
	static const char anchor;
	uint64_t h = 0xcbf29ce484222325ull ^ ((uint64_t)(uintptr_t)&anchor * 0x9e3779b97f4a7c15ull);
	int blank = 0;

	while (*v == ' ')
		v++;
	for (; *v; v++) {
		if (*v == ' ') {
			blank = 1;
			continue;
		}
		if (blank) {
			h = (h ^ ' ') * 0x100000001b3ull;
			blank = 0;
		}
		h = (h ^ (unsigned char)tolower((unsigned char)*v)) * 0x100000001b3ull;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return (uint32_t)h;
}

static void
ix_insert(struct strv_ix *x, char *v)
{
	size_t i;

	for (i = value_hash(v) & x->mask; x->slot[i]; i = (i + 1) & x->mask)
		;
	x->slot[i] = v;
	x->count++;
}

/* Index every value of s afresh (room for twice as many); no index when
 * the list is short or memory ran out. */
static void
ix_build(struct strv *s)
{
	size_t cap = 64, i;

	if (!s->v)
		return;
	free(SIX(s));
	SIX(s) = NULL;
	if (s->n < STRV_IX_MIN)
		return;
	while (cap < 4 * s->n)
		cap *= 2;
	if (!(SIX(s) = calloc(1, sizeof(struct strv_ix) + cap * sizeof(char *))))
		return;
	SIX(s)->mask = cap - 1;
	for (i = 0; i < s->n; i++)
		ix_insert(SIX(s), s->v[i]);
}

/* The value of s equal to v byte for byte, or NULL: by the index, which
 * s must have. */
static const char *
ix_find(const struct strv_ix *x, const char *v)
{
	size_t i;

	for (i = value_hash(v) & x->mask; x->slot[i]; i = (i + 1) & x->mask)
		if (strcmp(x->slot[i], v) == 0)
			return x->slot[i];
	return NULL;
}

/* Take the string at p (one of the list's) out of the index, the slots
 * after it shifted back so that no probe stops short. */
static void
ix_remove(struct strv_ix *x, const char *p)
{
	size_t i, j;

	for (i = value_hash(p) & x->mask; x->slot[i] != p; i = (i + 1) & x->mask)
		if (!x->slot[i])
			return;
	for (j = i;;) {
		size_t home;
		j = (j + 1) & x->mask;
		if (!x->slot[j])
			break;
		home = value_hash(x->slot[j]) & x->mask;
		/* Move it back unless its home lies cyclically in (i, j]. */
		if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
			x->slot[i] = x->slot[j];
			i = j;
		}
	}
	x->slot[i] = NULL;
	x->count--;
}

/* Before a search of s: its index, made once the list is long and has
 * been searched STRV_IX_SCANS times without one.  So at most that many
 * scans of a list precede its index: many searches stay linear in all,
 * one search costs no hashing.  The index is a cache: a const list may
 * get one. */
static void
ix_want(const struct strv *cs)
{
	struct strv *s = (struct strv *)(uintptr_t)cs;

	if (s->n >= STRV_IX_MIN && !SIX(s) && ++STRV_BLOCK(s)->scans >= STRV_IX_SCANS)
		ix_build(s);
}

/* The last value of s was just appended (the block moved when `moved`):
 * keep the index when it has one (ix_want() makes it). */
static void
ix_note_last(struct strv *s, int moved)
{
	if (!SIX(s)) {
		return;
	} else if (moved || 2 * (SIX(s)->count + 1) > SIX(s)->mask + 1) {
		ix_build(s);
	} else {
		ix_insert(SIX(s), s->v[s->n - 1]);
	}
}

/* Append v[0..len) to a list of record `r` (NULL: of none), whose chunk
 * the list's block may come from; the index is left to the caller. */
static int
strv_push(struct rec *r, struct strv *s, const char *v, size_t len)
{
	struct strv_block *b = s->v ? STRV_BLOCK(s) : NULL;
	char *c;

	if (!b || s->n == b->slots || b->room - b->used < len + 1) {
		/* Most lists hold one short value: room for two at first. */
		size_t slots = !b ? 2 : s->n == b->slots ? b->slots * 2 : b->slots;
		size_t room = !b ? 2 * (len + 1) : b->room * 2;
		if (b && room < b->used + len + 1)
			room = b->used + len + 1;
		if (strv_grow(r, s, slots, room) < 0)
			return -1;
		b = STRV_BLOCK(s);
	}
	c = STRV_BYTES(b, b->slots) + b->used;
	memcpy(c, v, len);
	c[len] = '\0';
	b->used += len + 1;
	s->v[s->n++] = c;
	return 0;
}

/* strv_add() to a list of record `r` (NULL: of none). */
static int
strv_add_in(struct rec *r, struct strv *s, const char *v, size_t len)
{
	char **before = s->v;

	if (strv_push(r, s, v, len) < 0)
		return -1;
	ix_note_last(s, before != s->v);
	return 0;
}

int
strv_add(struct strv *s, const char *v, size_t len)
{
	return strv_add_in(NULL, s, v, len);
}

int
rec_add_value(struct rec *r, struct strv *s, const char *v, size_t len)
{
	return strv_add_in(r, s, v, len);
}

int
strv_has(const struct strv *s, const char *v)
{
	size_t i;

	ix_want(s);
	if (STRV_IX(s))
		return ix_find(SIX(s), v) != NULL;
	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], v) == 0)
			return 1;
	return 0;
}

/* Append v[0..len), lower-cased when `lower`, unless s holds it already
 * (compared as strv_has() does): written where it is kept and taken back
 * when it is there, rather than made in a buffer first.  Returns 0, or -1
 * when memory ran out. */
static int
strv_add_unique(struct rec *r, struct strv *s, const char *v, size_t len, int lower)
{
	char **before, *c;
	size_t i;
	int dup = 0;

	ix_want(s);
	before = s->v;
	if (strv_push(r, s, v, len) < 0)
		return -1;
	c = s->v[s->n - 1];
	if (lower)
		for (i = 0; i < len; i++)
			c[i] = (char)tolower((unsigned char)c[i]);
	if (SIX(s) && before == s->v) {
		dup = ix_find(SIX(s), c) != NULL;
	} else {
		for (i = 0; i + 1 < s->n && !dup; i++)
			dup = strcmp(s->v[i], c) == 0;
	}
	if (dup) {
		/* The last bytes of the block: given back. */
		STRV_BLOCK(s)->used -= len + 1;
		s->n--;
		if (SIX(s) && before != s->v)
			ix_build(s); /* the block moved: index it where it is */
		return 0;
	}
	ix_note_last(s, before != s->v);
	return 0;
}

/*
 * Does a value a delete names match a value held?  As slapd's equality rules
 * match them (caseIgnoreMatch, caseIgnoreIA5Match, and distinguishedNameMatch
 * on DNs already canonical): without case, and with leading, trailing and
 * repeated blanks insignificant.  slapd removes every stored value the
 * delete's value matches; the model must drop the same ones, or an address
 * or a role deleted in a spelling of its own would live on in the model
 * (DESIGN §5a: judge what slapd stores).
 */
static int
value_matches(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		while (*a && *a != ' ' && *b && *b != ' ') {
			if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
				return 0;
			a++;
			b++;
		}
		if ((*a && *a != ' ') || (*b && *b != ' '))
			return 0; /* one word is longer than the other */
	}
}

/*
 * Take out of s every value that matches v as value_matches() says,
 * keeping the order of the rest.  `ids`, when given, are the node ids of
 * s's first *known values (a record's references, read from the model):
 * an id goes with its value.
 */
static void
del_matching(struct strv *s, const char *v, uint32_t *ids, uint32_t *known)
{
	size_t i = 0;

	ix_want(s);
	if (STRV_IX(s)) {
		/* Every value it matches hashes as it does: none is the
		 * common case, answered without a scan. */
		const struct strv_ix *x = SIX(s);
		size_t k, hits = 0;
		for (k = value_hash(v) & x->mask; x->slot[k]; k = (k + 1) & x->mask)
			hits += value_matches(x->slot[k], v);
		if (!hits)
			return;
	}
	while (i < s->n) {
		if (!value_matches(s->v[i], v)) {
			i++;
			continue;
		}
		/* Keep the order: the first mail is the primary address and
		 * the login, as the directory keeps it.  The bytes stay in
		 * the block. */
		if (SIX(s))
			ix_remove(SIX(s), s->v[i]);
		memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof(char *));
		if (ids && i < *known) {
			memmove(&ids[i], &ids[i + 1], (*known - i - 1) * sizeof(uint32_t));
			--*known;
		}
		s->n--;
	}
}

/* Values are compared as value_matches() says: every field is
 * case-insensitive in the schema, and names (cn, roles) keep their case
 * only for texts.  Every value held that matches goes, as in slapd. */
static void
strv_del(struct strv *s, const char *v)
{
	del_matching(s, v, NULL, NULL);
}

/* Does some value of `gone` (which has its index) match v as
 * value_matches() says? */
static int
gone_has(const struct strv *gone, const char *v)
{
	const struct strv_ix *x = SIX(gone);
	size_t k;

	for (k = value_hash(v) & x->mask; x->slot[k]; k = (k + 1) & x->mask)
		if (value_matches(x->slot[k], v))
			return 1;
	return 0;
}

/* del_matching() of every value of `gone` at once, in one pass over s: a
 * delete of many values from a long list (half of a large group's
 * members) in linear time. */
static void
del_all_matching(struct strv *s, const struct strv *gone, uint32_t *ids, uint32_t *known)
{
	size_t i, kept = 0, held = 0;

	if (gone->n >= STRV_IX_MIN && !SIX(gone))
		ix_build((struct strv *)(uintptr_t)gone);
	if (!STRV_IX(gone)) {
		/* Few values (or no memory for an index): one scan of s each. */
		for (i = 0; i < gone->n; i++)
			del_matching(s, gone->v[i], ids, known);
		return;
	}
	for (i = 0; i < s->n; i++) {
		if (gone_has(gone, s->v[i]))
			continue;
		if (ids && i < *known)
			ids[held++] = ids[i];
		s->v[kept++] = s->v[i];
	}
	if (ids)
		*known = (uint32_t)held;
	if (kept != s->n) {
		s->n = kept;
		ix_build(s);
	}
}

/* The same for a record's references of attribute a, their ids along. */
static void
ref_del(struct rec *r, int a, const char *v)
{
	del_matching(&r->ref[a], v, r->ref_id[a], &r->ref_known[a]);
}

static void
ref_del_all(struct rec *r, int a, const struct strv *gone)
{
	del_all_matching(&r->ref[a], gone, r->ref_id[a], &r->ref_known[a]);
}

enum kind
rec_kind(const struct rec *r)
{
	unsigned c = r->classes;

	if (c & C_DOMAIN)
		return K_DOMAIN;
	if (c & C_ROLE)
		return K_ROLE;
	if (c & C_GRANT)
		return K_GRANT;
	if (c & C_UNIT)
		return K_UNIT;
	if (c & C_SHARED)
		return K_SHARED;
	if (c & C_GROUP)
		return K_GROUP;
	if (c & C_MAILBOX)
		return K_USER;
	if (c & C_PERSON)
		return K_CONTACT;
	return K_OTHER;
}

/* The length of an attribute description's type: up to its first ';'. */
static size_t
type_len(const char *name)
{
	return strcspn(name, ";");
}

/* The field an attribute feeds, F_NONE for one the engine does not read.
 * Only the type counts (its first `len` bytes), not the options after a
 * ';'.  Asked of every attribute a write names: the length and the first
 * letter are compared before the name. */
static int
field_of(const char *name, size_t len, int *ref)
{
	unsigned char c0 = (unsigned char)name[0] | 0x20;
	size_t i;

	if (!(field_initials & INITIAL_BIT(name)) || !(field_keys & KEY_BIT(c0, len)))
		return F_NONE;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].len == len && ((unsigned char)fields[i].name[0] | 0x20) == c0 &&
		        strncasecmp(fields[i].name, name, len) == 0) {
			*ref = fields[i].ref;
			return (int)fields[i].f;
		}
	}
	return F_NONE;
}

/* The same, or -1 for the login attribute (which may also be a field). */
static int
lookup_field(const struct tn_model *m, const char *name, int *ref)
{
	const char *login = m->login_attr;
	int initial = login && ((unsigned char)login[0] | 0x20) == ((unsigned char)name[0] | 0x20);
	size_t len;
	int f;

	/* The first letter before the length: most attributes have neither
	 * the login attribute's nor a field's. */
	if (!initial && !(field_initials & INITIAL_BIT(name)))
		return F_NONE;
	len = type_len(name);
	if (initial && strncasecmp(name, login, len) == 0 && login[len] == '\0')
		return -1;
	f = field_of(name, len, ref);
	/* A role's cn is read by the engine alone, never searched by a mail
	 * server: cn with options stays what it was, a display name. */
	if (f == F_CN && name[len] == ';')
		return F_NONE;
	return f;
}

static unsigned
class_bit(const char *v, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (classes[i].len == len && strncasecmp(classes[i].name, v, len) == 0)
			return classes[i].bit;
	return 0;
}

enum kind
kind_of_classes(const struct tn_value *classes, size_t n)
{
	struct rec r;
	size_t i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < n; i++)
		r.classes |= class_bit(classes[i].val, classes[i].len);
	return rec_kind(&r);
}

static struct strv *
field_strv(struct rec *r, enum field f, int ref)
{
	switch (f) {
	case F_MAIL:
		return &r->mail;
	case F_ALIAS:
		return &r->alias;
	case F_DOMNAME:
		return &r->domname;
	case F_DOMALIAS:
		return &r->domalias;
	case F_STATUS:
		return &r->status;
	case F_CONTEXT:
		return &r->context;
	case F_ROLES:
		return &r->roles;
	case F_PERMS:
		return &r->perms;
	case F_IMPLIES:
		return &r->implies;
	case F_CN:
		return &r->cn;
	case F_REF:
		return &r->ref[ref];
	default:
		return NULL;
	}
}

static enum tri *
field_tri(struct rec *r, enum field f)
{
	switch (f) {
	case F_SENDAS:
		return &r->sendas;
	case F_DELIVERY:
		return &r->delivery;
	case F_ROOTONLY:
		return &r->rootonly;
	default:
		return NULL;
	}
}

static void
rec_error(struct rec *r, enum tn_result code, const char *rule, const char *attr, const char *what)
{
	struct buf b;

	if (r->err)
		return;
	buf_init(&b);
	buf_printf(&b, "%s: %s", attr, what);
	r->err = code;
	r->err_rule = rule;
	r->err_text = buf_take(&b);
}

/*
 * Put one value into its canonical form: DNs canonicalised, case-insensitive
 * strings lower-cased, others as they are.  Returns 0, 1 to skip the value
 * (an error was recorded), -1 when memory ran out.
 */
static int
canon_value(
        struct rec *r, enum field f, const char *attr, const struct tn_value *v, struct buf *out)
{
	size_t i;

	buf_reset(out);
	buf_add(out, "", 0); /* an empty value is still a string */
	if ((f == F_MAIL || f == F_ALIAS || f == F_DOMNAME || f == F_DOMALIAS) &&
	        memchr(v->val, '\0', v->len)) {
		/* IA5 strings may hold a NUL; a C string of it would not. */
		rec_error(
		        r, TN_CONSTRAINT_VIOLATION, "address-syntax", attr, "a value holds a NUL");
		return 1;
	}
	if (f == F_REF) {
		int rc = dn_canon(v->val, v->len, out);
		if (rc == DN_TOO_BIG) {
			rec_error(r, TN_UNWILLING_TO_PERFORM, "dn", attr,
			        "value is a DN longer than tenancy can place");
			return 1;
		}
		if (rc < 0 || out->len == 0) {
			if (out->oom)
				return -1;
			rec_error(r, TN_INVALID_SYNTAX, "syntax", attr,
			        "value is not a distinguished name");
			return 1;
		}
		return 0;
	}
	if (f == F_CN || f == F_ROLES || f == F_IMPLIES) {
		/* Names keep their case for texts; the role table folds it. */
		buf_add(out, v->val, v->len);
		return out->oom ? -1 : 0;
	}
	if (buf_reserve(out, v->len) < 0)
		return -1;
	for (i = 0; i < v->len; i++)
		out->s[out->len + i] = (char)tolower((unsigned char)v->val[i]);
	out->len += v->len;
	out->s[out->len] = '\0';
	return 0;
}

/* A login name as the directory matches it (uid's caseIgnoreMatch):
 * without case, without blanks at either end, a run of blanks as one.
 * "alice " is alice to slapd, to SASL and to Dovecot's (uid=%u). */
static void
login_fold(char *s)
{
	char *w = s;
	const char *p = s;

	while (*p == ' ')
		p++;
	for (; *p; p++) {
		if (*p == ' ' && (p[1] == ' ' || p[1] == '\0'))
			continue;
		*w++ = (char)tolower((unsigned char)*p);
	}
	*w = '\0';
}

/* Note the values of `attr` (with an option or of a subtype) as pinned:
 * they stay whatever becomes of the plain attribute. */
static int
pin_values(struct rec *r, const char *attr, size_t nvals, const struct tn_value *vals)
{
	size_t tl = type_len(attr), i;
	struct buf b;
	int rc = 0;

	buf_init(&b);
	for (i = 0; i < nvals && rc == 0; i++) {
		buf_reset(&b);
		buf_add(&b, attr, tl);
		buf_addc(&b, ' ');
		buf_add(&b, vals[i].val, vals[i].len);
		if (b.oom)
			rc = -1;
		else if (!strv_has(&r->pinned, b.s) && strv_add_in(r, &r->pinned, b.s, b.len) < 0)
			rc = -1;
	}
	buf_free(&b);
	return rc;
}

static int put_field(struct rec *r, const char *attr, int fi, int ref, enum tn_mod_op op,
        size_t nvals, const struct tn_value *vals);

/* After the plain attribute of field `fi` lost values: the pinned ones
 * of that field are back, as slapd still stores them. */
static int
restore_pinned(const struct tn_model *m, struct rec *r, int fi, int ref)
{
	size_t i;

	for (i = 0; i < r->pinned.n; i++) {
		const char *p = r->pinned.v[i], *sp = strchr(p, ' ');
		struct tn_value v;
		char type[64];
		int pref = 0;
		size_t tl = sp ? (size_t)(sp - p) : 0;
		if (!sp || tl >= sizeof(type))
			continue;
		memcpy(type, p, tl);
		type[tl] = '\0';
		if (lookup_field(m, type, &pref) != fi || pref != ref)
			continue;
		v.val = sp + 1;
		v.len = strlen(sp + 1);
		if (put_field(r, type, fi, ref, TN_MOD_ADD, 1, &v) < 0)
			return -1;
	}
	return 0;
}

static int
rec_put_values(const struct tn_model *m, struct rec *r, const char *attr, enum tn_mod_op op,
        size_t nvals, const struct tn_value *vals)
{
	int ref = 0, fi, rc;

	/* entryCSN orders claims (DESIGN §5b); it is no field a rule reads,
	 * so a modify of nothing else stays one the model skips. */
	if ((attr[0] | 0x20) == 'e' && strcasecmp(attr, "entryCSN") == 0) {
		if (op != TN_MOD_DELETE && nvals)
			r->csn = claim_csn_parse(vals[nvals - 1].val, vals[nvals - 1].len);
		return 0;
	}
	fi = lookup_field(m, attr, &ref);
	if (fi == F_NONE)
		return 0; /* most attributes: nothing the engine reads */
	if (attr[type_len(attr)] == ';') {
		if (op == TN_MOD_DELETE || (op == TN_MOD_REPLACE && nvals == 0))
			return 0; /* removing such values (data from before
			           * tenancy) is allowed; the model keeps them
			           * until it is loaded again, which errs on the
			           * safe side */
		if (op != TN_MOD_INCREMENT && pin_values(r, attr, nvals, vals) < 0)
			return -1;
		/* A replace of these values (replication) leaves the plain
		 * attribute's as they are: to the model, an add. */
		return put_field(
		        r, attr, fi, ref, op == TN_MOD_REPLACE ? TN_MOD_ADD : op, nvals, vals);
	}
	rc = put_field(r, attr, fi, ref, op, nvals, vals);
	/* slapd deletes and replaces the plain attribute alone (§5a.3). */
	if (rc == 0 && r->pinned.n && (op == TN_MOD_DELETE || op == TN_MOD_REPLACE))
		rc = restore_pinned(m, r, fi, ref);
	return rc;
}

/* rec_put_values() of an attribute the engine reads, as field `fi`. */
static int
put_field(struct rec *r, const char *attr, int fi, int ref, enum tn_mod_op op, size_t nvals,
        const struct tn_value *vals)
{
	int options = attr[type_len(attr)] == ';';
	enum field f;
	struct strv *s, gone = {NULL, 0};
	enum tri *t;
	struct buf b;
	size_t i;
	int rc = 0;

	if (options) {
		/* DESIGN §5a.3: an option or a subtype of an attribute the
		 * engine reads is matched by the mail servers' searches as that
		 * attribute.  Its values count as that attribute (a load); a
		 * write of one is refused. */
		struct buf why;
		size_t tl = strcspn(attr, ";");
		int sup = strcmp(attr + tl, ";subtype") == 0;
		buf_init(&why);
		buf_printf(&why,
		        "a search for %.*s matches %s too, and tenancy judges "
		        "%.*s only as itself; write %.*s%s",
		        (int)tl, attr, sup ? "this subtype" : "this option", (int)tl, attr, (int)tl,
		        attr, sup ? " instead" : " without options");
		if (why.oom) {
			buf_free(&why);
			return -1;
		}
		rec_error(r, TN_CONSTRAINT_VIOLATION, "attribute-description",
		        sup ? "an attribute type declared with SUP" : attr, why.s);
		buf_free(&why);
	}
	if (fi == -1) {
		/* The login attribute; it may also be one the engine reads. */
		struct strv *l = &r->logins;
		if (op == TN_MOD_REPLACE || (op == TN_MOD_DELETE && nvals == 0))
			strv_free(l);
		for (i = 0; i < nvals; i++) {
			char *tmp = strndup(vals[i].val, vals[i].len);
			if (!tmp)
				return -1;
			login_fold(tmp);
			if (op == TN_MOD_DELETE)
				strv_del(l, tmp);
			else if (!strv_has(l, tmp) && strv_add_in(r, l, tmp, strlen(tmp)) < 0) {
				free(tmp);
				return -1;
			}
			free(tmp);
		}
		fi = field_of(attr, type_len(attr), &ref);
	}
	f = (enum field)fi;
	if (f == F_NONE || op == TN_MOD_INCREMENT)
		return 0;
	if (f == F_OC) {
		unsigned bits = 0;
		for (i = 0; i < nvals; i++)
			bits |= class_bit(vals[i].val, vals[i].len);
		if (op == TN_MOD_ADD)
			r->classes |= bits;
		else if (op == TN_MOD_REPLACE)
			r->classes = bits;
		else if (nvals == 0)
			r->classes = 0;
		else
			r->classes &= ~bits;
		return 0;
	}
	t = field_tri(r, f);
	if (t) {
		if (op == TN_MOD_DELETE && nvals > 0) {
			/* Only a value held goes (with the permissive modify
			 * control, slapd ignores one that is not). */
			for (i = 0; i < nvals; i++) {
				int yes = vals[i].len == 4 &&
				          strncasecmp(vals[i].val, "TRUE", 4) == 0;
				if (*t == (yes ? T_TRUE : T_FALSE))
					*t = T_UNSET;
			}
			return 0;
		}
		if (op == TN_MOD_DELETE || nvals == 0) {
			*t = T_UNSET;
			return 0;
		}
		*t = (vals[nvals - 1].len == 4 && strncasecmp(vals[nvals - 1].val, "TRUE", 4) == 0)
		             ? T_TRUE
		             : T_FALSE;
		return 0;
	}
	s = field_strv(r, f, ref);
	if (op == TN_MOD_REPLACE || (op == TN_MOD_DELETE && nvals == 0)) {
		strv_free(s);
		if (f == F_REF)
			r->ref_known[ref] = 0;
	}
	if (op != TN_MOD_DELETE && f != F_REF) {
		/* Added values other than DNs: put into their canonical form
		 * where they are kept, with no copy in between. */
		int lower = f != F_CN && f != F_ROLES && f != F_IMPLIES;
		for (i = 0; i < nvals; i++) {
			if ((f == F_MAIL || f == F_ALIAS || f == F_DOMNAME || f == F_DOMALIAS) &&
			        memchr(vals[i].val, '\0', vals[i].len)) {
				/* IA5 strings may hold a NUL; a C string of it
				 * would not. */
				rec_error(r, TN_CONSTRAINT_VIOLATION, "address-syntax", attr,
				        "a value holds a NUL");
				continue;
			}
			if (strv_add_unique(r, s, vals[i].val, vals[i].len, lower) < 0)
				return -1;
		}
		return 0;
	}
	buf_init(&b);
	for (i = 0; i < nvals && rc == 0; i++) {
		int c = canon_value(r, f, attr, &vals[i], &b);
		if (c < 0) {
			rc = -1;
			break;
		}
		if (c > 0)
			continue;
		if (op == TN_MOD_DELETE && nvals >= STRV_IX_MIN) {
			/* Many at once: gathered, then taken out in one pass. */
			if (strv_add(&gone, b.s, b.len) < 0)
				rc = -1;
		} else if (op == TN_MOD_DELETE && f == F_REF)
			ref_del(r, ref, b.s);
		else if (op == TN_MOD_DELETE)
			strv_del(s, b.s);
		else if (!strv_has(s, b.s) && strv_add_in(r, s, b.s, b.len) < 0)
			rc = -1;
	}
	if (rc == 0 && gone.n) {
		if (f == F_REF)
			ref_del_all(r, ref, &gone);
		else
			del_all_matching(s, &gone, NULL, NULL);
	}
	strv_free(&gone);
	buf_free(&b);
	return rc;
}

int
rec_reads_attr(const struct tn_model *m, const char *attr)
{
	int ref = 0;

	return attr && lookup_field(m, attr, &ref) != F_NONE;
}

const char *
tn_attr_subtype_name(const char *attr)
{
	/* The engine's reading of "<type>;..." (see field_of()): any text
	 * after the ';' will do.  Asked of every attribute of every entry
	 * the adapter reads: the length is compared first. */
#define SUBTYPE(t)                                                                                 \
	{                                                                                          \
		t ";subtype", sizeof(t) - 1                                                        \
	}
	static const struct {
		const char *name;
		size_t len; /* of the type, before the ';' */
	} subtype[] = {
	        SUBTYPE("objectClass"),
	        SUBTYPE("mail"),
	        SUBTYPE("tenancyMailAlias"),
	        SUBTYPE("tenancyDomainName"),
	        SUBTYPE("tenancyDomainAlias"),
	        SUBTYPE("tenancyStatus"),
	        SUBTYPE("tenancyContext"),
	        SUBTYPE("tenancyRole"),
	        SUBTYPE("tenancyPermission"),
	        SUBTYPE("tenancyImplies"),
	        SUBTYPE("cn"),
	        SUBTYPE("tenancyGroupSendAs"),
	        SUBTYPE("tenancyGroupDelivery"),
	        SUBTYPE("tenancyRootOnly"),
	        SUBTYPE("member"),
	        SUBTYPE("tenancyUnitRef"),
	        SUBTYPE("tenancyShareRead"),
	        SUBTYPE("tenancyShareReadReply"),
	        SUBTYPE("tenancyShareWrite"),
	        SUBTYPE("tenancyShareManage"),
	        SUBTYPE("tenancySendAsDelegate"),
	        SUBTYPE("tenancySendOnBehalfDelegate"),
	        SUBTYPE("tenancySubscription"),
	        SUBTYPE("tenancyGrantee"),
	        SUBTYPE("tenancyScope"),
	};
#undef SUBTYPE
	size_t i, len;

	if (!attr)
		return NULL;
	/* Most types are no field's (name, distinguishedName...): their
	 * first letter says so (field_of()'s test). */
	if (!(field_initials & INITIAL_BIT(attr)))
		return NULL;
	len = strlen(attr);
	for (i = 0; i < sizeof(subtype) / sizeof(subtype[0]); i++)
		if (subtype[i].len == len && strncasecmp(attr, subtype[i].name, len) == 0)
			return subtype[i].name;
	return NULL;
}

int
rec_mods_read(const struct tn_model *m, const struct tn_mod *mods, size_t nmods)
{
	size_t i;

	for (i = 0; i < nmods; i++)
		if (rec_reads_attr(m, mods[i].attr.name))
			return 1;
	return 0;
}

int
rec_mods_csn(const struct tn_model *m, const struct tn_mod *mods, size_t nmods)
{
	size_t i;

	if (!idlist_len(m->contenders))
		return 0;
	for (i = 0; i < nmods; i++)
		if (mods[i].attr.name && strcasecmp(mods[i].attr.name, "entryCSN") == 0)
			return 1;
	return 0;
}

int
rec_from_entry(const struct tn_model *m, struct rec *r, const struct tn_entry *e)
{
	size_t i;

	for (i = 0; i < e->nattrs; i++) {
		const struct tn_attr *a = &e->attrs[i];
		if (!a->name)
			continue;
		if (rec_put_values(m, r, a->name, TN_MOD_ADD, a->nvals, a->vals) < 0)
			return -1;
	}
	return 0;
}

int
rec_apply_mod(const struct tn_model *m, struct rec *r, const struct tn_mod *mod)
{
	if (!mod->attr.name)
		return 0;
	if (!strv_has(&r->touched, mod->attr.name) &&
	        strv_add_in(r, &r->touched, mod->attr.name, strlen(mod->attr.name)) < 0)
		return -1;
	return rec_put_values(m, r, mod->attr.name, mod->op, mod->attr.nvals, mod->attr.vals);
}

static int
add_packed(struct rec *r, struct strv *s, const char *p, char tag)
{
	const char *v;

	PACK_FOREACH(p, v)
	{
		if (tag && v[0] != tag)
			continue;
		if (strv_add_in(r, s, v + (tag ? 1 : 0), strlen(v) - (tag ? 1 : 0)) < 0)
			return -1;
	}
	return 0;
}

/* The references of node n as canonical DNs, with their ids.  A DN is
 * its RDN and its parent's DN, and most references of an entry share
 * their parent (a group's members, in ou=people): each parent's DN is
 * made once in a row, not once a reference. */
static int
refs_from_node(const struct tn_model *m, struct rec *r, const struct node *n)
{
	uint32_t total = 0, j, at = 0, parent = UINT32_MAX;
	struct buf b, up;
	int i, rc = 0;

	for (i = 0; i < R_NATTR; i++)
		total += fwd_count(n, (enum ref_attr)i);
	if (!total)
		return 0;
	if (r->ref_ids)
		ref_ids_free(r);
	if (!(r->ref_ids = malloc(total * sizeof(uint32_t))))
		return -1;
	buf_init(&b);
	buf_init(&up);
	for (i = 0; i < R_NATTR && rc == 0; i++) {
		uint32_t count = fwd_count(n, (enum ref_attr)i);
		/* Value k is id k while the list held nothing before. */
		int fresh = r->ref[i].n == 0;
		r->ref_id[i] = r->ref_ids + at;
		r->ref_known[i] = 0;
		/* Room for them all at once, not grown a value at a time. */
		if (count > 2 && !r->ref[i].v &&
		        strv_grow(r, &r->ref[i], count, (size_t)count * 96) < 0)
			rc = -1;
		for (j = 0; j < fwd_count(n, (enum ref_attr)i) && rc == 0; j++) {
			uint32_t t = fwd_at(n, (enum ref_attr)i, j);
			const char *rdn = t < m->nnodes ? node_rdn(&m->nodes[t]) : NULL;
			if (!rdn) {
				/* not a DN the tree holds: none to give */
				continue;
			}
			if (m->nodes[t].parent != parent) {
				parent = m->nodes[t].parent;
				buf_reset(&up);
				node_dn(m, parent, &up);
			}
			buf_reset(&b);
			buf_add(&b, rdn, strlen(rdn));
			if (up.len) {
				buf_addc(&b, ',');
				buf_add(&b, up.s, up.len);
			}
			if (b.oom || up.oom || strv_add_in(r, &r->ref[i], b.s, b.len) < 0) {
				rc = -1;
				break;
			}
			if (fresh) {
				r->ref_id[i][r->ref_known[i]++] = t;
				at++;
			}
		}
	}
	buf_free(&b);
	buf_free(&up);
	return rc;
}

int
rec_from_node(const struct tn_model *m, struct rec *r, uint32_t id)
{
	const struct node *n = node_get(m, id);
	uint32_t j;

	if (!n)
		return 0;
	r->csn = node_csn(m, id);
	switch ((enum kind)n->kind) {
	case K_DOMAIN:
		r->classes = C_DOMAIN;
		break;
	case K_USER:
		r->classes = C_MAILBOX | C_PERSON;
		break;
	case K_SHARED:
		r->classes = C_SHARED;
		break;
	case K_GROUP:
		r->classes = C_GROUP;
		break;
	case K_UNIT:
		r->classes = C_UNIT;
		break;
	case K_GRANT:
		r->classes = C_GRANT;
		break;
	case K_ROLE:
		r->classes = C_ROLE;
		break;
	case K_CONTACT:
		r->classes = C_PERSON;
		break;
	default:
		break;
	}
	if (add_packed(r, &r->mail, n->addrs, 'm') < 0 ||
	        add_packed(r, &r->alias, n->addrs, 'a') < 0 ||
	        add_packed(r, &r->logins, NODE_LOGINS(n), 0) < 0 ||
	        add_packed(r, &r->pinned, NODE_PINNED(n), 0) < 0)
		return -1;
	if (n->kind == K_DOMAIN) {
		const char *v = NODE_EXTRA(n), *ctx = NODE_CONTEXT(n);
		if (v && *v && strv_add_in(r, &r->domname, v, strlen(v)) < 0)
			return -1;
		if (v && *v && add_packed(r, &r->domalias, v + strlen(v) + 1, 0) < 0)
			return -1;
		if (ctx && strv_add_in(r, &r->context, ctx, strlen(ctx)) < 0)
			return -1;
	}
	if (n->kind == K_ROLE) {
		const char *v;
		PACK_FOREACH(NODE_EXTRA(n), v)
		{
			if (strv_add_in(r, v[0] == 'p' ? &r->perms : &r->implies, v + 1,
			            strlen(v + 1)) < 0)
				return -1;
		}
		r->rootonly = (n->flags & NF_ROOTONLY) ? T_TRUE : T_UNSET;
		for (j = 0; j < m->nroles; j++)
			if (m->roles[j].node == id && m->roles[j].display &&
			        strv_add_in(r, &r->cn, m->roles[j].display,
			                strlen(m->roles[j].display)) < 0)
				return -1;
	}
	if (n->kind == K_GRANT) {
		for (j = 0; j < idlist_len(NODE_ROLES(n)); j++) {
			const struct role *ro = &m->roles[IDLIST_AT(NODE_ROLES(n), j)];
			if (strv_add_in(r, &r->roles, ro->name, strlen(ro->name)) < 0)
				return -1;
		}
	}
	if (n->status != ST_NONE) {
		const char *s = status_name((enum status)n->status);
		if (strv_add_in(r, &r->status, s, strlen(s)) < 0)
			return -1;
	}
	if (n->flags & NF_SENDAS)
		r->sendas = T_TRUE;
	if (n->flags & NF_DELIVERY)
		r->delivery = T_TRUE;
	return refs_from_node(m, r, n);
}

/* A copy of list `src` (another record's) as `dst`, empty before: its
 * block's strings in one copy. */
static int
strv_copy(struct rec *r, struct strv *dst, const struct strv *src)
{
	const struct strv_block *sb;
	struct strv_block *b;
	const char *from;
	char *to;
	size_t i;

	if (!src->n)
		return 0;
	sb = STRV_BLOCK(src);
	if (strv_grow(r, dst, src->n, sb->used) < 0)
		return -1;
	b = STRV_BLOCK(dst);
	from = STRV_BYTES(sb, sb->slots);
	to = STRV_BYTES(b, b->slots);
	memcpy(to, from, sb->used);
	b->used = sb->used;
	for (i = 0; i < src->n; i++)
		dst->v[i] = to + (src->v[i] - from);
	dst->n = src->n;
	if (SIX(src))
		ix_build(dst); /* the copy's own, over its own strings: it was
		                * searched much, and the copy will be too */
	return 0;
}

/* `r`, empty, made a copy of `from`: the record of an entry read once from
 * the model, not twice (a group's every member a DN made from the tree). */
static int
rec_copy(struct rec *r, const struct rec *from)
{
	int i;

	if (strv_copy(r, &r->mail, &from->mail) < 0 || strv_copy(r, &r->alias, &from->alias) < 0 ||
	        strv_copy(r, &r->domname, &from->domname) < 0 ||
	        strv_copy(r, &r->domalias, &from->domalias) < 0 ||
	        strv_copy(r, &r->status, &from->status) < 0 ||
	        strv_copy(r, &r->context, &from->context) < 0 ||
	        strv_copy(r, &r->logins, &from->logins) < 0 ||
	        strv_copy(r, &r->roles, &from->roles) < 0 ||
	        strv_copy(r, &r->perms, &from->perms) < 0 ||
	        strv_copy(r, &r->implies, &from->implies) < 0 ||
	        strv_copy(r, &r->cn, &from->cn) < 0 ||
	        strv_copy(r, &r->pinned, &from->pinned) < 0 ||
	        strv_copy(r, &r->touched, &from->touched) < 0)
		return -1;
	for (i = 0; i < R_NATTR; i++)
		if (strv_copy(r, &r->ref[i], &from->ref[i]) < 0)
			return -1;
	if (from->ref_ids) {
		uint32_t total = 0, at = 0;
		for (i = 0; i < R_NATTR; i++)
			total += from->ref_known[i];
		if (r->ref_ids)
			ref_ids_free(r);
		if (total && !(r->ref_ids = malloc(total * sizeof(uint32_t))))
			return -1;
		for (i = 0; total && i < R_NATTR; i++) {
			r->ref_id[i] = r->ref_ids + at;
			r->ref_known[i] = from->ref_known[i];
			memcpy(r->ref_id[i], from->ref_id[i],
			        from->ref_known[i] * sizeof(uint32_t));
			at += from->ref_known[i];
		}
	}
	r->classes = from->classes;
	r->sendas = from->sendas;
	r->delivery = from->delivery;
	r->rootonly = from->rootonly;
	r->csn = from->csn;
	return 0;
}

int
rec_pair(const struct tn_model *m, const struct tn_change *c, const char *cdn, size_t len,
        uint32_t *id, struct rec *before, struct rec *after)
{
	size_t i;

	*id = node_find(m, cdn, len);
	if (*id && m->nodes[*id].kind == K_NONE && c->kind != TN_ADD)
		*id = 0;
	if (*id && c->kind != TN_ADD && rec_from_node(m, before, *id) < 0)
		return -1;
	switch (c->kind) {
	case TN_ADD:
		if (!c->entry || rec_from_entry(m, after, c->entry) < 0)
			return -1;
		return rec_add_rdn(m, after, c, cdn, len);
	case TN_MODIFY:
		if ((*id ? rec_copy(after, before) : rec_from_node(m, after, *id)) < 0)
			return -1;
		for (i = 0; i < c->nmods; i++)
			if (rec_apply_mod(m, after, &c->mods[i]) < 0)
				return -1;
		return 0;
	case TN_RENAME:
		if ((*id ? rec_copy(after, before) : rec_from_node(m, after, *id)) < 0)
			return -1;
		return rec_rename(m, after, cdn, len, c);
	default:
		return rec_from_node(m, after, *id);
	}
}

/* Does `s` hold `v`, compared without case? */
static int
strv_has_nocase(const struct strv *s, const char *v)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcasecmp(s->v[i], v) == 0)
			return 1;
	return 0;
}

/* Is the AVA (len bytes, canonical) one of the AVAs of the canonical RDN? */
static int
rdn_has_ava(const char *rdn, size_t rl, const char *ava, size_t len)
{
	size_t i = 0, e;

	while (i < rl) {
		for (e = i; e < rl && rdn[e] != '+'; e++)
			;
		if (e - i == len && memcmp(rdn + i, ava, len) == 0)
			return 1;
		i = e + 1;
	}
	return 0;
}

/*
 * DESIGN §5a.4: the values of a canonical RDN (rl bytes: every AVA of it,
 * escapes decoded) added to or deleted from a record, as slapd adds them
 * to an added or renamed entry and drops them with deleteoldrdn.  AVAs
 * also in `keep` (a canonical RDN, or NULL) are left alone.
 */
static int
rec_rdn_values(const struct tn_model *m, struct rec *r, const char *rdn, size_t rl,
        enum tn_mod_op op, const char *keep, size_t kl)
{
	struct buf type, val;
	char small[64];
	const char *tname;
	size_t i = 0, e, k, tl;
	int rc = 0;

	buf_init(&type);
	buf_init(&val);
	while (i < rl && rc == 0) {
		const char *eq;
		struct tn_value v;
		int ref = 0, fi;
		for (e = i; e < rl && rdn[e] != '+'; e++)
			;
		eq = memchr(rdn + i, '=', e - i);
		if (!eq || (keep && rdn_has_ava(keep, kl, rdn + i, e - i)))
			goto next;
		tl = (size_t)(eq - rdn - i);
		if (tl < sizeof(small)) {
			/* Most types are short: no buffer to allocate. */
			memcpy(small, rdn + i, tl);
			small[tl] = '\0';
			tname = small;
		} else {
			buf_reset(&type);
			buf_add(&type, rdn + i, tl);
			if (type.oom) {
				rc = -1;
				break;
			}
			tname = type.s;
		}
		fi = lookup_field(m, tname, &ref);
		/* Of a type the record does not keep (uid...), the value is
		 * not read: rec_put_values() would take nothing of it. */
		if (fi == F_NONE && strcasecmp(tname, "entryCSN") != 0)
			goto next;
		buf_reset(&val);
		buf_add(&val, "", 0);
		for (k = (size_t)(eq - rdn) + 1; k < e; k++) {
			if (rdn[k] == '\\' && k + 2 < e) {
				unsigned hi = (unsigned)(rdn[k + 1] <= '9' ? rdn[k + 1] - '0'
				                                           : rdn[k + 1] - 'a' + 10);
				unsigned lo = (unsigned)(rdn[k + 2] <= '9' ? rdn[k + 2] - '0'
				                                           : rdn[k + 2] - 'a' + 10);
				buf_addc(&val, (char)((hi << 4) | lo));
				k += 2;
			} else {
				buf_addc(&val, rdn[k]);
			}
		}
		if (val.oom) {
			rc = -1;
			break;
		}
		if (op == TN_MOD_ADD && fi > 0) {
			const struct strv *sv = field_strv(r, (enum field)fi, ref);
			/* Already there (names keep their case in records). */
			if (sv && strv_has_nocase(sv, val.s))
				goto next;
		}
		v.val = val.s;
		v.len = val.len;
		rc = rec_put_values(m, r, tname, op, 1, &v);
	next:
		i = e + 1;
	}
	buf_free(&type);
	buf_free(&val);
	return rc;
}

/* The length of the first RDN of a DN as written: up to its first ','
 * that no backslash escapes.  (The rest is not read: a DN that is not one
 * fails in its first RDN too, or was refused before, as the DN judged.) */
static size_t
written_rdn_len(const char *dn, size_t len)
{
	size_t i;

	for (i = 0; i < len && dn[i] != ','; i++)
		if (dn[i] == '\\' && i + 1 < len)
			i++;
	return i;
}

/* Is the written RDN dn[0..n) one AVA whose type, plainly written (letters,
 * digits and '-' up to the '='), the record takes nothing of (uid...)?
 * Most added entries are named so: nothing to read. */
static int
rdn_reads_nothing(const struct tn_model *m, const char *dn, size_t n)
{
	char type[32];
	size_t i;
	int ref = 0;

	for (i = 0; i < n && i + 1 < sizeof(type); i++) {
		unsigned char ch = (unsigned char)dn[i];
		if (ch == '=')
			break;
		if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') && !(ch >= '0' && ch <= '9') &&
		        ch != '-')
			return 0;
		type[i] = (char)ch;
	}
	if (i == 0 || i == n || dn[i] != '=' || memchr(dn + i, '+', n - i))
		return 0;
	type[i] = '\0';
	return lookup_field(m, type, &ref) == F_NONE && strcasecmp(type, "entryCSN") != 0;
}

int
rec_add_rdn(const struct tn_model *m, struct rec *r, const struct tn_change *c, const char *cdn,
        size_t len)
{
	struct buf b;

	/* slapd adds the values as the DN spells them (its pretty form, the
	 * adapter's display_dn), not as they normalise: " x" stays " x".
	 * Only its first RDN is made canonical; a simple one in place. */
	if (c && c->display_dn && strlen(c->display_dn) <= DN_MAX_LEN) {
		size_t n = written_rdn_len(c->display_dn, strlen(c->display_dn));
		char simple[128];
		if (rdn_reads_nothing(m, c->display_dn, n))
			return 0;
		if (n < sizeof(simple) && dn_canon_simple(c->display_dn, n, simple))
			return rec_rdn_values(m, r, simple, n, TN_MOD_ADD, NULL, 0);
		buf_init(&b);
		if (dn_canon(c->display_dn, n, &b) == 0 && b.len) {
			int rc = rec_rdn_values(
			        m, r, b.s, dn_rdn_len(b.s, b.len), TN_MOD_ADD, NULL, 0);
			buf_free(&b);
			return rc;
		}
		buf_free(&b);
		if (b.oom)
			return -1;
	}
	return rec_rdn_values(m, r, cdn, dn_rdn_len(cdn, len), TN_MOD_ADD, NULL, 0);
}

int
rec_rename(const struct tn_model *m, struct rec *r, const char *cdn, size_t len,
        const struct tn_change *c)
{
	struct buf nb;
	size_t i;
	int rc = 0;

	/* The adapter has slapd's own list of what the rename adds and
	 * deletes: the values as slapd will store them. */
	for (i = 0; c->mods && i < c->nmods && rc == 0; i++)
		if (c->mods[i].attr.name)
			rc = rec_put_values(m, r, c->mods[i].attr.name, c->mods[i].op,
			        c->mods[i].attr.nvals, c->mods[i].attr.vals);
	if (c->mods && c->nmods)
		return rc;
	buf_init(&nb);
	if (!c->newrdn || dn_canon(c->newrdn, strlen(c->newrdn), &nb) < 0 || nb.len == 0 ||
	        memchr(nb.s, ',', nb.len)) {
		buf_free(&nb);
		return nb.oom ? -1 : 0; /* the judge refuses it */
	}
	if (rec_rdn_values(m, r, nb.s, nb.len, TN_MOD_ADD, NULL, 0) < 0)
		rc = -1;
	else if (c->deleteoldrdn &&
	         rec_rdn_values(m, r, cdn, dn_rdn_len(cdn, len), TN_MOD_DELETE, nb.s, nb.len) < 0)
		rc = -1;
	buf_free(&nb);
	return rc;
}
