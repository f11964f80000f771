/*
 * engine.h - the engine's internal model, shared by the files of src/.
 *
 * The model is a tree of nodes, one per DN the engine has heard of.  A node
 * is keyed by (parent id, canonical RDN) in one hash map, so a DN costs its
 * last RDN only, a subtree rename re-keys one node, and the tenant of any
 * node is found by walking up a handful of parents.
 *
 * References between entries (member, tenancyUnitRef, shares, delegates,
 * grants) are node ids.  Every node keeps the reverse list of who refers to
 * it, so "which groups contain X", "which grants name X", "what is shared
 * with X" and "is X still in use" are all answered without a scan.
 *
 * Node 0 is the root (the empty DN); no entry ever has id 0, so 0 also means
 * "none" wherever an id is expected.
 */
#ifndef TN_ENGINE_H
#define TN_ENGINE_H

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
	K_NONE = 0,     /* a DN on the path to entries, or only referred to */
	K_OTHER,        /* an entry the engine knows but does not govern */
	K_CONTACT,      /* a person without tenancyMailbox: claims nothing */
	K_DOMAIN,
	K_USER,         /* tenancyMailbox */
	K_SHARED,       /* tenancySharedMailbox */
	K_GROUP,        /* tenancyGroup */
	K_UNIT,
	K_GRANT,
	K_ROLE
};

enum status {
	ST_NONE = 0,    /* absent: counts as enabled */
	ST_PENDING,
	ST_ENABLED,
	ST_FAILED,
	ST_DISABLED,
	ST_INVALID
};

/* The DN-valued attributes, as reference kinds. */
enum ref_attr {
	R_MEMBER = 0,
	R_UNIT,
	R_SHARE_READ,           /* the four share levels, lowest first */
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
#define REF_BITS 4
#define REF_ENCODE(id, attr) (((id) << REF_BITS) | (uint32_t)(attr))
#define REF_ID(r) ((r) >> REF_BITS)
#define REF_ATTR(r) ((enum ref_attr)((r) & ((1u << REF_BITS) - 1)))
#define SHARE_LEVELS 4

extern const char *const ref_attr_name[R_NATTR];

/* Node flags. */
#define NF_SENDAS 0x01          /* tenancyGroupSendAs TRUE */
#define NF_DELIVERY 0x02        /* tenancyGroupDelivery TRUE */
#define NF_ROOTONLY 0x04        /* tenancyRootOnly TRUE */

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
		char *ptr;              /* in m->strings; NULL: a free node */
		char inl[RDN_INLINE];   /* a short one, in the node's own line */
	} rdn;                  /* canonical RDN: read it with node_rdn() */
	uint32_t *refs;         /* reverse references: REF_ENCODE(referrer, attr) */
	uint32_t *fwd;          /* forward references but the unit, packed */
	char *addrs;            /* packed "m<addr>" / "a<addr>": mail, alias;
	                         * in m->strings */
	struct node_aux *aux;   /* NULL unless one of its fields is set */
	uint32_t parent;
	uint32_t nchildren;
	uint32_t unit;          /* tenancyUnitRef, or 0 */
	uint8_t kind;
	uint8_t status;
	uint8_t flags;
	uint8_t mark;           /* NM_*: facts of the model, not of the entry */
};

/* Nothing may make it outgrow its cache line. */
typedef char node_fits_a_cache_line[sizeof(struct node) <= 64 ? 1 : -1];

#define NM_INLINE 0x01          /* rdn.inl holds the RDN */
#define NM_LINKED 0x02          /* refs may hold R_MEMBER or R_GRANTEE values:
	                         * when clear, no group contains this node and no
	                         * grant names it (walks skip its refs) */
#define NM_LOSER 0x04           /* loses a claim (§5b): answers to nothing */
#define NM_TOUCHED 0x08         /* in m->touched: claims_settle() judges it */
#define NM_WAS_LOSER 0x10       /* NM_LOSER when the change first touched it */

/* The canonical RDN of a node; NULL for a free node. */
static inline const char *
node_rdn(const struct node *n)
{
	return (n->mark & NM_INLINE) ? n->rdn.inl : n->rdn.ptr;
}

struct node_aux {
	char *extra;            /* packed: domain names; role: permissions, implies */
	char *logins;           /* packed login names, when not `mail` */
	char *context;          /* tenancyContext of a domain */
	uint32_t *roles;        /* grant: role name ids */
};

#define NODE_EXTRA(n) ((n)->aux ? (n)->aux->extra : NULL)
#define NODE_LOGINS(n) ((n)->aux ? (n)->aux->logins : NULL)
#define NODE_CONTEXT(n) ((n)->aux ? (n)->aux->context : NULL)
#define NODE_ROLES(n) ((n)->aux ? (n)->aux->roles : NULL)

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
	char *name;             /* canonical (lower case) */
	char *display;          /* as written in the definition */
	uint32_t node;          /* defining tenancyRole entry, 0 if undefined */
	uint32_t uses;          /* grants naming it */
	uint32_t perms;         /* its own permissions */
	uint32_t *implies;      /* role ids */
	int rootonly;
};

struct tn_model {
	struct node *nodes;
	uint32_t nnodes, capnodes;
	uint32_t *free_ids;     /* idlist of recycled node ids */
	struct idmap dnmap;     /* (parent id, rdn) -> node id */
	struct strmap domains;  /* domain name -> domain node id */
	struct idmap addrmap;   /* (local part, tenant) -> owner node id */
	struct strmap logins;   /* login name -> user node id */
	struct strmap rolemap;  /* role name -> role index */
	struct role *roles;
	uint32_t nroles, caproles;
	size_t entries;
	uint64_t changes;       /* loads and changes so far: see tn_pending */
	struct arena strings;   /* the nodes' rdn and addrs */
	/* Claims (claims.c): the entryCSN of each node, and who contends. */
	uint64_t *csn;          /* by node id; NULL or short: 0, unknown */
	uint32_t capcsn;
	uint32_t *contenders;   /* idlist: nodes holding a claim they lose */
	uint32_t *touched;      /* idlist: nodes whose claims this change moved */
	tn_conflict_fn conflict_hook;
	void *conflict_ctx;
	/* configuration */
	struct strmap operators, readers;   /* canonical DN -> 1 */
	char *login_attr;       /* NULL: mail */
	char *domains_base, *roles_base;    /* canonical, or NULL */
};

/* ---- model.c */
struct node *node_get(const struct tn_model *m, uint32_t id);
void node_aux_free(struct node *n);
/* Look a canonical DN up; 0 when unknown. */
uint32_t node_find(const struct tn_model *m, const char *cdn, size_t len);
/* The node of the DN's nearest ancestor-or-self the model holds (0, the
 * root, when none); *exact when that is the DN itself. */
uint32_t node_find_nearest(const struct tn_model *m, const char *cdn,
	size_t len, int *exact);
/* Find or create the nodes of a canonical DN; 0 when memory ran out. */
uint32_t node_intern(struct tn_model *m, const char *cdn, size_t len);
/* Write a node's DN (canonical) to `out`. */
void node_dn(const struct tn_model *m, uint32_t id, struct buf *out);
/* The same, with attribute types as the schema spells them: for texts. */
void node_dn_display(const struct tn_model *m, uint32_t id, struct buf *out);
/* Respell the attribute types of the canonical DN in out from `start`. */
void dn_pretty(struct buf *out, size_t start);
/* Canonicalise and look up; 0 when invalid or unknown. */
uint32_t node_lookup(const struct tn_model *m, const char *dn);
int node_is_ancestor(const struct tn_model *m, uint32_t anc, uint32_t id);
const char *kind_name(enum kind k);

/* ---- tenant.c */
uint32_t tenant_of(const struct tn_model *m, uint32_t id);
/* The domain a domain name (primary or alias) belongs to; 0 when none. */
uint32_t tenant_by_name(const struct tn_model *m, const char *name, size_t len);
/* The same for a name already in lower case. */
uint32_t tenant_by_lower(const struct tn_model *m, const char *name, size_t len);
const char *tenant_primary(const struct tn_model *m, uint32_t dom);
int domain_name_valid(const char *name, size_t len);
/* Enabled: the entry and its tenant route, authenticate and send. */
int node_routable(const struct tn_model *m, uint32_t id);
enum status status_parse(const char *s, size_t len);
const char *status_name(enum status s);
/* "a group", "the domain entry", "a plain entry": for texts. */
const char *kind_phrase(enum kind k);
/* Who an actor is, from one canonicalisation of its DN. */
struct actor_view {
	int privileged;         /* the rootdn or a tenancy operator */
	int reader;             /* a tenancy reader (and not privileged) */
	uint32_t node;          /* its own node, or 0 */
	uint32_t tenant;        /* the tenant its DN lies in, or 0 */
	int unplaced;           /* its DN cannot be canonicalised: it may lie
	                         * in any tenant, so it sees none (§5a.2) */
	int inert;              /* inside a tenant but no account (not an
	                         * enabled mailbox of an enabled tenant), or
	                         * a DN the engine cannot read: no rights,
	                         * sees no tenant entry */
};
void actor_view(const struct tn_model *m, const struct tn_actor *a,
	struct actor_view *v);
/* The tenant of a DN, by its nearest ancestor the model holds; 0: none. */
uint32_t tenant_of_dn(const struct tn_model *m, const char *dn);
int tenants_share_context(const struct tn_model *m, uint32_t t1, uint32_t t2);

/* ---- addresses.c */
/* Split "local@domain"; returns 0 or -1 when it is not an address by
 * DESIGN §5a.5 (a dot-atom local part, an LDH domain). */
int addr_split(const char *a, size_t len, size_t *at);
/* The same, saying why not (a static phrase), or NULL when it is one. */
const char *addr_error(const char *a, size_t len, size_t *at);
int addr_index(struct tn_model *m, uint32_t owner);
void addr_unindex(struct tn_model *m, uint32_t owner);
/* Index the addresses below a domain that arrived after them. */
int addr_index_tenant(struct tn_model *m, uint32_t dom);
/* The owner of an address in any alias form; 0 when none. */
uint32_t addr_owner(const struct tn_model *m, const char *a, size_t len);
/* The same in two steps, so that a caller with two lookups to make
 * overlaps their waits for memory: addr_query() reads the address (0 when
 * it cannot be anyone's) and starts fetching its index slot. */
#define ADDR_MAX 254            /* the longest address (RFC 5321 path, less <>) */
struct addr_query {
	char low[ADDR_MAX + 1]; /* the address, lower-cased */
	size_t at;              /* where its '@' is */
	uint32_t tenant, hash;
};
int addr_query(const struct tn_model *m, const char *a, size_t len,
	struct addr_query *q);
uint32_t addr_query_owner(const struct tn_model *m, const struct addr_query *q);
/* The stored primary address of a mailbox or group, or NULL. */
const char *addr_primary(const struct node *n);
/* How many stored addresses use `domain` as their domain part. */
size_t addr_count_domain(const struct tn_model *m, uint32_t tenant,
	const char *domain, const char **example, uint32_t *example_owner);

/* The owner of the local part `local` in tenant t (the winner); 0: none. */
uint32_t addr_find(const struct tn_model *m, const char *local, size_t len,
	uint32_t t);
/* Is v (an "m<addr>"/"a<addr>" of n->addrs) the first with its local part? */
int addr_first_with_local(const struct node *n, const char *v);

/* ---- claims.c (DESIGN §5b) */
/* An entryCSN value as a number that orders as CSNs do; 0: not a CSN. */
uint64_t claim_csn_parse(const char *s, size_t len);
uint64_t node_csn(const struct tn_model *m, uint32_t id);
int node_set_csn(struct tn_model *m, uint32_t id, uint64_t csn);
/* Does a's claim come first (earlier CSN, then lower canonical DN)? */
int claim_before(const struct tn_model *m, uint32_t a, uint32_t b);
/* The change moved id's claims / id now holds a claim it may lose. */
void claim_touch(struct tn_model *m, uint32_t id);
void claim_contend(struct tn_model *m, uint32_t id);
/* At the end of a change: recompute NM_LOSER of the touched nodes and
 * report the ones that started to lose. */
void claims_settle(struct tn_model *m);
/* Every claim id holds and does not win: fn(ctx, id, rule, key, winner),
 * stop by returning non-zero.  Returns the number found. */
typedef int (*conflict_fn)(void *ctx, uint32_t loser, const char *rule,
	const char *key, uint32_t winner);
size_t conflicts_of(const struct tn_model *m, uint32_t id, conflict_fn fn,
	void *ctx);
/* An entry that lost an address claim. */
int node_answers_nothing(const struct tn_model *m, uint32_t id);
/* Does the domain hold this name of its own (it may have lost it)? */
int domain_holds(const struct tn_model *m, uint32_t dom, const char *name);
/* tenancyConflict of an entry. */
size_t conflict_values(struct tn_model *m, uint32_t id, tn_value_fn fn,
	void *ctx);

/* ---- units.c */
/* The unit an entry belongs to for authorisation: unit, domain or 0. */
uint32_t unit_of(const struct tn_model *m, uint32_t id);
uint32_t unit_parent(const struct tn_model *m, uint32_t unit);

/* ---- groups.c */
/* Every group that contains `id`, directly or through nested groups
 * (cycles tolerated).  `via` (optional) records, for each group found,
 * the member through which it was reached, for explanations. */
int groups_containing(const struct tn_model *m, uint32_t id,
	uint32_t **groups, uint32_t **via);
/* Every user or shared mailbox reached from `grp` through members, nested
 * groups flattened, cycles tolerated. */
int group_flatten(const struct tn_model *m, uint32_t grp, uint32_t **out);

/* ---- roles.c */
enum perm {
	P_CONSOLE, P_DOMAIN, P_DOMAIN_DELETE, P_UNITS,
	P_USERS_CREATE, P_USERS_DELETE, P_USERS_MOVE, P_USERS_PASSWORD,
	P_USERS_FIELDS, P_USERS_MAIL, P_QUOTA, P_SERVICES,
	P_GROUPS, P_GROUPS_MEMBERS, P_SHARED, P_SHARES, P_GRANTS,
	P_COUNT
};
const char *perm_name(enum perm p);
int perm_parse(const char *s, size_t len);      /* -1 when unknown */
/* The permission a change to `attr` of an entry of `kind` needs. */
enum perm perm_for_attr(enum kind k, const char *attr, int *self_service);
uint32_t role_intern(struct tn_model *m, const char *name, size_t len);
uint32_t role_find(const struct tn_model *m, const char *name, size_t len);
/* The role's permissions with everything it implies. */
uint32_t role_perms(const struct tn_model *m, uint32_t r);
/* Add r and every role it implies to a role set (bitmap of nroles bits). */
void role_expand(const struct tn_model *m, uint32_t r, uint64_t *set);

/* ---- grants.c */
/* Roles a rights bitmap holds without an allocation: 256, more than a
 * directory defines in practice. */
#define RIGHTS_INLINE 4
struct rights {
	uint32_t perms;
	uint64_t *roles;        /* bitmap over m->nroles: `inline_roles` or heap */
	size_t nwords;
	uint64_t inline_roles[RIGHTS_INLINE];   /* roles points here: no copies */
};
/* Effective permissions and roles of `actor` at `unit`; explain optional. */
int rights_at(const struct tn_model *m, uint32_t actor, uint32_t unit,
	struct rights *r, struct buf *explain);
void rights_free(struct rights *r);
int rights_has_role(const struct rights *r, uint32_t role);
/* Does `holder` (or the rootdn/operator: holder == 0 handled by callers)
 * hold every role that `target` holds, at each scope it holds it?
 * Returns 1, or 0 and names the first missing role and scope. */
int holds_all_roles_of(const struct tn_model *m, uint32_t holder,
	uint32_t target, uint32_t *missing_role, uint32_t *missing_scope);

/* ---- shares.c */
extern const char *const share_level_name[SHARE_LEVELS];
/* The highest share level (R_SHARE_*) `user` holds on `mbox`, or -1. */
int share_level(const struct tn_model *m, uint32_t mbox, uint32_t user,
	uint32_t *via);

/* tenancyImapGroup of a user, appended to out; returns the mailbox count. */
size_t imap_groups(const struct tn_model *m, uint32_t user, struct buf *out);

/* ---- sendas.c */
/* Every user allowed to send as `owner`; fn(ctx, user id, reason), with a
 * one-line reason when `reasons` is set, NULL otherwise (the hot path:
 * Postfix's tenancySender needs no reasons). */
typedef int (*sender_fn)(void *ctx, uint32_t user, const char *reason);
size_t senders_of(const struct tn_model *m, uint32_t owner, int on_behalf,
	int reasons, sender_fn fn, void *ctx);
/* The login names of a user (login attribute values, or its mail). */
const char *user_login(const struct tn_model *m, uint32_t user);
/* The user a login name (or a DN) names; 0 when none. */
uint32_t login_lookup(const struct tn_model *m, const char *login);
/* "member of cn=a, which is a member of cn=b" from groups_containing()'s
 * answer for `user`, up to the group `target`. */
void membership_chain(const struct tn_model *m, uint32_t user, uint32_t target,
	const uint32_t *groups, const uint32_t *via, struct buf *out);

/* ---- identities.c */
/* tenancyIdentity of the entry `id` (a user): every address it may put in
 * From:, own primary first, each once.  Returns the count. */
size_t identities_of(const struct tn_model *m, uint32_t id, tn_value_fn fn,
	void *ctx);

/* ---- computed.c */
/* tenancyAddress of an addressable entry: each of its local parts in every
 * name of its tenant, primary first.  Returns the count. */
size_t addresses(const struct tn_model *m, uint32_t id, tn_value_fn fn,
	void *ctx);

/* ---- answer.c */
void answer_set(struct tn_answer *a, enum tn_result code, const char *rule,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same from strings joined as they are, ended by NULL: for the hot
 * paths, where printf's parsing would cost more than the decision. */
void answer_cat(struct tn_answer *a, enum tn_result code, const char *rule,
	...) __attribute__((sentinel));
void answer_oom(struct tn_answer *a);
/* A refusal of a change: `fmt` writes "<entry>: <message>" (its part
 * before the first ": " gives the entry); the text is composed from the
 * rule, the entry and the message. */
void verdict_set(struct tn_verdict *v, enum tn_result code, const char *rule,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void verdict_oom(struct tn_verdict *v);

#endif
