/*
 * model.h - the shape of the engine's model, shared by the files of src/.
 *
 * The model is a tree of nodes, one per DN the engine has heard of: the
 * tenancy entries, the DNs on their way and the DNs they name.  A node
 * holds its parent's id and its canonical RDN, and is filed in one hash
 * index under the hash of its whole DN (tree.c), so a lookup knows every
 * level's slot from the DN alone; the tenant of any node is found by
 * walking up a handful of parents.
 *
 * References between entries (member, tenancyUnitRef, shares, delegates,
 * grants) are node ids.  Every node keeps the reverse list of who refers to
 * it, so "which groups contain X", "which grants name X", "what is shared
 * with X" and "is X still in use" are all answered without a scan.
 *
 * Node 0 is the root (the empty DN); no entry ever has id 0, so 0 also means
 * "none" wherever an id is expected.
 *
 * Who writes it: tree.c the nodes and the DN index; store.c a node's
 * fields, its references and the indexes of domains, addresses, logins
 * and roles, through addresses.c, roles.c and claims.c (the CSNs and the
 * conflict lists); apply.c drives them for each change, and model.c
 * makes, empties and frees the whole.  Everything else only reads.  The model has no lock of its own: its callers
 * serialise access (tenancy.h).
 */
#ifndef TN_MODEL_H
#define TN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "tenancy.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/idmap.h"
#include "util/strmap.h"

/* Start reading memory that will be needed soon (a hint; no effect on
 * what is computed). */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* What an entry is, from its object classes. */
enum kind {
	K_NONE = 0, /* a DN on the path to entries, or only referred to */
	K_OTHER,    /* an entry the engine knows but does not govern */
	K_CONTACT,  /* a person without tenancyMailbox: claims nothing */
	K_DOMAIN,
	K_USER,   /* tenancyMailbox */
	K_SHARED, /* tenancySharedMailbox */
	K_GROUP,  /* tenancyGroup */
	K_UNIT,
	K_GRANT,
	K_ROLE
};

/* tenancyStatus (DESIGN §5.8). */
enum status {
	ST_NONE = 0, /* absent: counts as enabled */
	ST_PENDING,
	ST_ENABLED,
	ST_FAILED,
	ST_DISABLED,
	ST_INVALID /* a value that is none of these */
};

/* The DN-valued attributes, as reference kinds. */
enum ref_attr {
	R_MEMBER = 0,
	R_UNIT,
	R_SHARE_READ, /* the four share levels, lowest first */
	R_SHARE_READREPLY,
	R_SHARE_WRITE,
	R_SHARE_MANAGE,
	R_SENDAS,
	R_ONBEHALF,
	R_SUBSCRIPTION,
	R_GRANTEE,
	R_SCOPE,
	R_NATTR
};
/* A reverse reference: the referrer's id and the attribute, in one word. */
#define REF_BITS             4
#define REF_ENCODE(id, attr) (((id) << REF_BITS) | (uint32_t)(attr))
#define REF_ID(r)            ((r) >> REF_BITS)
#define REF_ATTR(r)          ((enum ref_attr)((r) & ((1u << REF_BITS) - 1)))
#define SHARE_LEVELS         4 /* R_SHARE_READ .. R_SHARE_MANAGE */

/* The attribute names, by enum ref_attr ("member", "tenancyUnitRef"...;
 * in record.c). */
extern const char *const ref_attr_name[R_NATTR];

/* Node flags. */
#define NF_SENDAS   0x01 /* tenancyGroupSendAs TRUE */
#define NF_DELIVERY 0x02 /* tenancyGroupDelivery TRUE */
#define NF_ROOTONLY 0x04 /* tenancyRootOnly TRUE */

/*
 * One node per DN.  A million-entry directory holds a million of these, so
 * the struct keeps only what most entries have, in 64 bytes (a cache line
 * of the array, which is aligned once large): an RDN of up to 15 bytes in
 * the node itself, where a lookup reads it without touching another line;
 * what only domains, roles, grants and login-attribute users carry lives
 * in `aux`; the unit reference nine mailboxes in ten have is held inline,
 * and the other forward references share one allocation (see FWD()).
 */
#define RDN_INLINE 16
struct node {
	union {
		char *ptr;            /* in m->strings; NULL: a free node */
		char inl[RDN_INLINE]; /* a short one, in the node's own line */
	} rdn;                        /* canonical RDN: read it with node_rdn() */
	union {
		uint32_t *list; /* an idlist (REFS_INLINE clear) */
		uint64_t word;  /* or up to two held here: see refs_at() */
	} refs;                 /* reverse references: REF_ENCODE(referrer, attr) */
	uint32_t *fwd;          /* forward references but the unit, packed */
	char *addrs;            /* packed "m<addr>" / "a<addr>": mail, alias;
	                         * in m->strings */
	struct node_aux *aux;   /* NULL unless one of its fields is set */
	uint32_t parent;
	uint32_t nchildren;
	uint32_t unit; /* tenancyUnitRef, or 0 */
	uint8_t kind;
	uint8_t status;
	uint8_t flags;
	uint8_t mark; /* NM_*: facts of the model, not of the entry */
};

/* Nothing may make it outgrow its cache line. */
typedef char node_fits_a_cache_line[sizeof(struct node) <= 64 ? 1 : -1];

#define NM_INLINE 0x01 /* rdn.inl holds the RDN */
#define NM_LINKED                                                                                  \
	0x02              /* refs may hold R_MEMBER or R_GRANTEE values:
	                         * when clear, no group contains this node and no
	                         * grant names it (walks skip its refs) */
#define NM_LOSER     0x04 /* loses a claim (§5b): answers to nothing */
#define NM_TOUCHED   0x08 /* in m->touched: claims_settle() judges it */
#define NM_WAS_LOSER 0x10 /* NM_LOSER when the change first touched it */

/* The canonical RDN of a node; NULL for a free node. */
static inline const char *
node_rdn(const struct node *n)
{
	return (n->mark & NM_INLINE) ? n->rdn.inl : n->rdn.ptr;
}

/*
 * A node's reverse references, in the order they were added.  Most
 * entries have one or two (a mailbox in a group or two): those are held
 * in the word of the pointer itself, where a walk reads them with the
 * node instead of waiting for another line: the low half holds the first
 * shifted left once, with REFS_INLINE set, the high half the second (0:
 * none).  A third, or one that does not fit in 31 bits, makes them an
 * idlist.  Read them with refs_len() and refs_at(); write them with
 * refs_add(), refs_del() and refs_free() (tree.c).
 */
#define REFS_INLINE 1u

static inline uint32_t
refs_len(const struct node *n)
{
	uint64_t w = n->refs.word;

	if (w & REFS_INLINE)
		return 1 + ((w >> 32) != 0);
	return idlist_len(n->refs.list);
}

static inline uint32_t
refs_at(const struct node *n, uint32_t i)
{
	uint64_t w = n->refs.word;

	if (w & REFS_INLINE)
		return i == 0 ? (uint32_t)w >> 1 : (uint32_t)(w >> 32);
	return IDLIST_AT(n->refs.list, i);
}

/* Start reading a node's references, when they are not in the node. */
static inline void
refs_prefetch(const struct node *n)
{
	if (!(n->refs.word & REFS_INLINE) && n->refs.list)
		PREFETCH(n->refs.list);
}

struct node_aux {
	char *extra;      /* packed: domain names; role: permissions, implies */
	char *logins;     /* packed login names, when not `mail` */
	char *context;    /* tenancyContext of a domain */
	uint32_t *roles;  /* grant: role name ids */
	char *pinned;     /* packed: struct rec's pinned values (§5a.3) */
	uint32_t *locals; /* many addresses: their local parts (addr_locals()) */
};

#define NODE_EXTRA(n)   ((n)->aux ? (n)->aux->extra : NULL)
#define NODE_LOGINS(n)  ((n)->aux ? (n)->aux->logins : NULL)
#define NODE_CONTEXT(n) ((n)->aux ? (n)->aux->context : NULL)
#define NODE_ROLES(n)   ((n)->aux ? (n)->aux->roles : NULL)
#define NODE_PINNED(n)  ((n)->aux ? (n)->aux->pinned : NULL)

/*
 * The forward references of attribute `a` (any but R_UNIT, which is
 * n->unit): an idlist, NULL when none.  n->fwd is one array of segments
 * after a word counting them: { nwords, attr, count, id..., attr, count,
 * id..., ... }, and a segment from its count on is an idlist.
 */
static inline const uint32_t *
FWD(const struct node *n, enum ref_attr a)
{
	const uint32_t *p, *end;

	if (!n->fwd)
		return NULL;
	for (p = n->fwd + 1, end = p + n->fwd[0]; p < end; p += 2 + p[1])
		if (p[0] == (uint32_t)a)
			return p + 1;
	return NULL;
}

/* The number of forward references of attribute `a`, R_UNIT included,
 * and the i-th of them. */
static inline uint32_t
fwd_count(const struct node *n, enum ref_attr a)
{
	return a == R_UNIT ? n->unit != 0 : idlist_len(FWD(n, a));
}

static inline uint32_t
fwd_at(const struct node *n, enum ref_attr a, uint32_t i)
{
	return a == R_UNIT ? n->unit : IDLIST_AT(FWD(n, a), i);
}

/* A role name, defined or only used. */
struct role {
	char *name;        /* canonical (lower case) */
	char *display;     /* as written in the definition */
	uint32_t node;     /* defining tenancyRole entry, 0 if undefined */
	uint32_t uses;     /* grants naming it */
	uint32_t perms;    /* its own permissions */
	uint32_t *implies; /* role ids */
	int rootonly;
};

struct tn_model {
	struct node *nodes;
	uint32_t nnodes, capnodes;
	uint32_t *free_ids;    /* idlist of recycled node ids */
	struct idmap dnmap;    /* (parent id, rdn) -> node id */
	struct strmap domains; /* domain name -> domain node id */
	struct idmap addrmap;  /* (local part, tenant) -> owner node id */
	struct strmap logins;  /* login name -> user node id */
	struct strmap rolemap; /* role name -> role index */
	struct role *roles;
	uint32_t nroles, caproles;
	size_t entries;
	uint64_t changes;     /* loads and changes so far: see tn_pending */
	struct arena strings; /* the nodes' rdn and addrs */
	/* Claims (claims.c): the entryCSN of each node, and who contends. */
	uint64_t *csn; /* by node id; NULL or short: 0, unknown */
	uint32_t capcsn;
	uint32_t *contenders; /* idlist: nodes holding a claim they lose */
	uint32_t *touched;    /* idlist: nodes whose claims this change moved */
	tn_conflict_fn conflict_hook;
	void *conflict_ctx;
	/* configuration */
	struct strmap operators, readers; /* canonical DN -> 1 */
	char *login_attr;                 /* NULL: TN_DEFAULT_LOGIN_ATTR */
	char *domains_base, *roles_base;  /* canonical, or NULL */
};

#endif
