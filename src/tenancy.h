/*
 * tenancy.h - the public interface of libtenancy, the tenancy policy engine.
 *
 * The engine keeps an in-memory model of a mail directory (tenants, alias
 * domains, units, mailboxes, groups, grants, roles) and answers two kinds of
 * question about it:
 *
 *   1. "Here is a change; may this actor make it?"  tn_judge() returns a
 *      verdict (allowed, or refused with an LDAP result code, a rule, the
 *      entry, the reason and the evidence) and, when allowed, the pending
 *      change; "it happened": tn_commit() records the pending change in the
 *      model, or tn_discard() drops it.
 *   2. Pure reads of the model: send-as, effective rights, addresses,
 *      delivery lists, IMAP share groups, visibility.  Each can explain itself.
 *
 * Both adapters (the slapd overlay and the tenancy command line) speak to the
 * engine in these terms only.  The engine does no I/O, includes no slapd or
 * libldap header, and is single-threaded: callers serialise access.  The
 * questions that take a const model only read it: any number of them may
 * run at once, as long as no change is loaded or applied meanwhile.
 *
 * Entries and DNs.  DNs may be given in any LDAPv3 string form; the engine
 * canonicalises them (types and values lower-cased, blanks around separators
 * dropped, escapes in one form).  Attribute names are matched
 * case-insensitively.  Values are counted byte strings and need not be
 * NUL-terminated.
 *
 * Ownership.  The engine copies what it keeps.  Strings it returns through
 * callbacks are valid only during the callback; strings it returns in a
 * struct tn_answer or tn_verdict belong to it and are freed by
 * tn_answer_clear() or tn_verdict_clear().
 *
 * Errors.  Functions returning int return 0 on success and -1 when memory ran
 * out; the model is then unchanged.
 */
#ifndef TENANCY_H
#define TENANCY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TENANCY_VERSION "0.1.0"

/* ---------------------------------------------------------------- input */

struct tn_value {
	size_t len;
	const char *val;
};

struct tn_attr {
	const char *name; /* attribute type name or OID-less alias */
	size_t nvals;
	const struct tn_value *vals;
};

struct tn_entry {
	const char *dn;
	size_t nattrs;
	const struct tn_attr *attrs;
};

enum tn_mod_op {
	TN_MOD_ADD,
	TN_MOD_DELETE, /* nvals == 0 deletes the attribute */
	TN_MOD_REPLACE,
	TN_MOD_INCREMENT
};

struct tn_mod {
	enum tn_mod_op op;
	struct tn_attr attr;
};

enum tn_change_kind {
	TN_ADD,
	TN_MODIFY,
	TN_DELETE,
	TN_RENAME /* modrdn, with or without newSuperior */
};

struct tn_change {
	enum tn_change_kind kind;
	const char *dn;               /* the target */
	const struct tn_entry *entry; /* TN_ADD: the whole entry */
	const struct tn_mod *mods;    /* TN_MODIFY; TN_RENAME: optional, the
	                                 * values the rename adds and deletes
	                                 * as the server will store them
	                                 * (else read from newrdn) */
	size_t nmods;
	const char *newrdn; /* TN_RENAME */
	const char *newsup; /* TN_RENAME: NULL keeps the parent */
	int deleteoldrdn;   /* TN_RENAME */
	/* The target's DN as the client wrote it, quoted back in texts; NULL:
	 * `dn`.  `dn` is the identity: an adapter that has the DN in the
	 * server's normalised form (DESIGN §5a.1) passes that as `dn`. */
	const char *display_dn;
};

/* Who is asking.  The adapter knows whether the actor is the rootdn. */
struct tn_actor {
	const char *dn; /* NULL or "" for anonymous */
	int is_root;    /* the database's rootdn */
};

/* ------------------------------------------------------------- verdicts */

/* LDAP result codes (RFC 4511) the engine answers with. */
enum tn_result {
	TN_OK = 0,
	TN_NO_SUCH_ATTRIBUTE = 16,
	TN_CONSTRAINT_VIOLATION = 19,
	TN_INVALID_SYNTAX = 21,
	TN_NO_SUCH_OBJECT = 32,
	TN_INVALID_DN_SYNTAX = 34,
	TN_INVALID_CREDENTIALS = 49,
	TN_INSUFFICIENT_ACCESS = 50,
	TN_UNWILLING_TO_PERFORM = 53,
	TN_ALREADY_EXISTS = 68,
	TN_OBJECT_CLASS_VIOLATION = 65,
	TN_NOT_ALLOWED_ON_NONLEAF = 66
};

/*
 * The answer to a question (send-as, rights, bind).  `text` is one line:
 * "<rule>: <who>: <why>" for a yes or no, the permissions for rights.
 * `explain` is the chain of entries that decided the answer, one step per
 * line, for --explain.  (A change gets a struct tn_verdict instead.)
 *
 * `want_explain` is part of the question, not of the answer: the caller
 * sets it before asking, and the engine builds `explain` only when it is
 * set (the chain costs more than the decision).  tn_answer_init() sets it
 * to 0; tn_answer_clear() keeps it.
 */
struct tn_answer {
	int want_explain;    /* input: build `explain` */
	enum tn_result code; /* TN_OK when allowed */
	const char *rule;    /* static rule name, e.g. "own-address" */
	char *text;          /* owned; NULL when allowed and no text */
	char *explain;       /* owned; evidence chain, may be NULL */
};

/* init: an empty answer, want_explain 0.  clear: frees the strings and
 * empties the answer for the next question, keeping want_explain. */
void tn_answer_init(struct tn_answer *a);
void tn_answer_clear(struct tn_answer *a);

/*
 * The verdict on a change (tn_judge).  A refusal names the rule broken,
 * the entry it is about and what is wrong, in separate fields: adapters
 * read them, they never parse `text`.  The entry is the target as the
 * client wrote its DN (display_dn, else dn) unless the rule is about
 * another (the bound DN that cannot be placed, say); NULL when none.  `text` is
 * the one line an LDAP client is sent, composed from them by
 * tn_verdict_text(): "<rule>: <entry>: <message>".  A refusal without text
 * (rule "hidden": the target is not visible to the actor, DESIGN §5a.7)
 * is answered as the backend answers a missing entry; rule "memory" says
 * memory ran out.  `explain` is the evidence (the entries that decided),
 * one "<DN>: <what it shows>" per line, when the caller set `want_explain`:
 * the unit, the units above it and the actor's grants there for a
 * permission; the holder of a taken name; the entries still referring to
 * one in use; a reference and what it names.  A refusal about its target
 * alone has one line (its entry and message); "hidden" and "memory" none.
 * Adapters print it (lint --explain); the overlay does not send it.
 */
struct tn_verdict {
	int want_explain;    /* input: build `explain` */
	enum tn_result code; /* TN_OK when allowed */
	const char *rule;    /* static rule name; NULL when allowed */
	char *entry;         /* owned; the entry the rule is about */
	char *message;       /* owned; what is wrong, one line */
	char *text;          /* owned; tn_verdict_text() of the above */
	char *explain;       /* owned; the evidence, may be NULL */
	/* Allowed TN_ADD only: the status the new entry must be stored with,
	 * or NULL.  The adapter sets tenancyStatus to it (DESIGN §5.8: a
	 * mailbox created in a pending or failed domain is pending); the
	 * pending change already holds it. */
	const char *set_status;
};

/* init: an empty verdict, want_explain 0.  clear: frees the strings and
 * empties the verdict for the next change, keeping want_explain. */
void tn_verdict_init(struct tn_verdict *v);
void tn_verdict_clear(struct tn_verdict *v);

/* The one line "<rule>: <entry>: <message>" (": <entry>" left out when
 * entry is NULL), in a new string the caller frees; NULL when memory ran
 * out or message is NULL.  The engine composes verdict texts with it. */
char *tn_verdict_text(const char *rule, const char *entry, const char *message);

/* ---------------------------------------------------------------- model */

struct tn_model;

/* Returns NULL when memory ran out. */
struct tn_model *tn_model_new(void);
void tn_model_free(struct tn_model *m);

/* Configuration (DESIGN §8).  Principals and bases may change at any time.
 * The login attribute is read when entries are stored: set it before
 * loading, or reset and reload the model after changing it. */
int tn_config_add_operator(struct tn_model *m, const char *dn);
int tn_config_add_reader(struct tn_model *m, const char *dn);
void tn_config_clear_principals(struct tn_model *m);
/* The attribute whose values are login names; NULL: the default,
 * TN_DEFAULT_LOGIN_ATTR. */
#define TN_DEFAULT_LOGIN_ATTR "mail"
int tn_config_set_login_attr(struct tn_model *m, const char *attr);
/* Where tenancyDomain entries and tenancyRole entries may live; NULL: anywhere. */
int tn_config_set_domains_base(struct tn_model *m, const char *dn);
int tn_config_set_roles_base(struct tn_model *m, const char *dn);

/*
 * The entries the model holds, as an LDAP filter: what an adapter searches
 * to load a live directory (tn_model_load).  Every other entry is plain
 * directory data the engine judges by its position alone.
 */
#define TN_LOAD_FILTER                                                                             \
	"(|(objectClass=tenancyDomain)"                                                            \
	"(objectClass=tenancyMailbox)(objectClass=tenancySharedMailbox)"                           \
	"(objectClass=tenancyGroup)(objectClass=tenancyUnit)"                                      \
	"(objectClass=tenancyGrant)(objectClass=tenancyRole))"

/*
 * Load an existing entry into the model without judging it (start-up, and
 * `lint --against`).  Entries may come in any order; references to entries
 * not yet loaded are resolved when those arrive.  An entry already present
 * is replaced.
 */
int tn_model_load(struct tn_model *m, const struct tn_entry *e);

/* Forget everything loaded (configuration stays). */
void tn_model_reset(struct tn_model *m);

/* Number of entries the model knows, and an estimate of its memory use. */
size_t tn_model_entries(const struct tn_model *m);
size_t tn_model_bytes(const struct tn_model *m);

/*
 * Writes: two sentences.
 *
 *   1. tn_judge(): "here is a change; may this actor make it?"  It fills
 *      `out` (initialise it with tn_verdict_init).  When the change is
 *      allowed and `pending` is not NULL, *pending is the change as the
 *      engine will record it (the entry read once, set_status included);
 *      otherwise *pending is NULL.  Invariants (DESIGN §5) are checked for
 *      every actor, authorisation (§6) for all but the rootdn and operators.
 *   2. Once the change happened (the backend committed it; lint accepted
 *      the record), tn_commit() records it in the model and frees it;
 *      when it did not, tn_discard() frees it.  Exactly one of the two is
 *      called for every pending change.
 *
 * The change passed to tn_judge() may go away once it returns: the pending
 * change keeps what it needs.  If the model moved between the two (a
 * replicated write, a reload), tn_commit() reads the change again from its
 * own copy; an adapter never reads a change twice.  The entry stored must
 * be the one judged.  An adapter serialises its writes from tn_judge() to
 * tn_commit() or tn_discard() (DESIGN §10), so that the next change is
 * judged against a model that holds this one.  tn_judge() reads the model
 * and tn_commit() writes it.
 *
 * tn_judge() and tn_commit() return 0, or -1 when memory ran out: for
 * tn_judge() out->code is then TN_UNWILLING_TO_PERFORM with rule "memory";
 * for tn_commit() the model no longer matches the directory (reset and
 * reload it).  tn_commit() and tn_discard() accept NULL.
 */
struct tn_pending;
int tn_judge(struct tn_model *m, const struct tn_actor *actor, const struct tn_change *change,
        struct tn_verdict *out, struct tn_pending **pending);
int tn_commit(struct tn_model *m, struct tn_pending *pending);
void tn_discard(struct tn_pending *pending);
/* tn_commit() followed by tn_note_csn() (below; `csn` NULL: none), which
 * finds the entry without reading `dn` (its DN after the change) when the
 * commit knows it; and the pending change is not freed: the caller
 * tn_discard()s it, outside the lock under which the model is written. */
int tn_commit_csn(struct tn_model *m, struct tn_pending *pending, const char *dn, const char *csn,
        size_t len);

/*
 * Record a change the engine did not judge: a replicated write (its
 * provider judged it, DESIGN §5b), or a directory's history replayed.  The
 * same as tn_judge() with no rule checked followed by tn_commit().  For
 * TN_ADD the entry must be the one stored.  Returns 0, or -1 when memory
 * ran out.  (Whole entries of a live directory: tn_model_load.)
 */
int tn_record(struct tn_model *m, const struct tn_change *change);

/* Rules of DESIGN §5 that are checked over the whole model (lint --unordered):
 * references that were still dangling when the input ended.  Calls `report`
 * once per finding, with the entry's DN and the refusal a change to it would
 * get (valid during the call); returns the number of findings. */
typedef void (*tn_report_fn)(void *ctx, const char *dn, const struct tn_verdict *finding);
size_t tn_check_dangling(struct tn_model *m, tn_report_fn report, void *ctx);

/* Every invariant of DESIGN §5 over everything loaded, each entry checked
 * as if it were added last (lint of slapcat output, where entries come in
 * any order).  Dangling references are among the findings.  Calls `report`
 * once per finding; returns the number of findings. */
size_t tn_check_model(struct tn_model *m, tn_report_fn report, void *ctx);
/* The same, each finding's verdict carrying its evidence chain
 * (`explain`, as tn_judge() writes it when asked): lint --explain. */
size_t tn_check_model_explained(struct tn_model *m, tn_report_fn report, void *ctx);

/*
 * Replication conflicts (DESIGN §5b).  The engine reads each entry's
 * entryCSN (an attribute of the entry, or a modification of it) to order
 * the claims of two entries on one address or domain name: the earliest
 * wins, ties to the lower DN; the loser answers to nothing.
 *
 * The hook is called once when an entry starts to lose a claim (while a
 * change is applied or an entry loaded), with the loser's DN, the rule
 * ("address-unique", "domain-unique"), the key claimed and the winner's DN.
 * tn_conflicts() calls fn once per conflict in the model now, and returns
 * their number.  tn_answers_nothing(): did the entry at dn lose an address?
 * (A domain that loses a name keeps its others.)
 */
typedef void (*tn_conflict_fn)(
        void *ctx, const char *loser_dn, const char *rule, const char *key, const char *winner_dn);
void tn_config_set_conflict_hook(struct tn_model *m, tn_conflict_fn fn, void *ctx);
size_t tn_conflicts(const struct tn_model *m, tn_conflict_fn fn, void *ctx);
/* The entryCSN the backend gave a committed write, when the change judged
 * and applied did not carry it (slapd stamps local writes after the
 * overlay has seen them): called after tn_commit() or tn_record() with the
 * entry's DN after the change.  Returns 0, or -1 when memory ran out. */
int tn_note_csn(struct tn_model *m, const char *dn, const char *csn, size_t len);
int tn_answers_nothing(const struct tn_model *m, const char *dn);
/* ------------------------------------------------------------ questions */

/* Calls `fn` once per value; stop early by returning non-zero. */
typedef int (*tn_value_fn)(void *ctx, const char *val, size_t len);

/*
 * Handles.  A question about one entry can be asked by DN, which the
 * engine parses and looks up each time, or by handle: an opaque reference
 * to the entry in the model, which tn_route_h() returns and
 * tn_entry_handle() finds for a DN.  A handle is valid while the model is
 * unchanged: under the reader's lock, or across it when the adapter knows
 * that no change came in between (its own generation counter).  A stale
 * handle is never unsafe to pass (it answers for another entry or none),
 * only wrong.  0 is no entry.
 */
typedef unsigned int tn_handle;

/* The handle of the entry `dn` (any DN form, `len` bytes), or 0. */
tn_handle tn_entry_handle(const struct tn_model *m, const char *dn, size_t len);

/*
 * Is `dn` (`len` bytes) the DN of the entry `h`, byte for byte in the
 * engine's canonical form?  A cheap compare, for an adapter that holds a
 * handle and receives a DN from its server (which normalises DNs as the
 * engine canonicalises them in the common case): 1 when it is; 0 when it
 * is not, or when it is written differently (tn_entry_handle() then
 * says).
 */
int tn_handle_is(const struct tn_model *m, tn_handle h, const char *dn, size_t len);

/* The DN of the entry `h`, in the engine's canonical form (DESIGN §5a.1:
 * types and values in lower case), written to `out` with a NUL when it
 * fits in `size` bytes.  Returns its length, 0 when `h` is no entry. */
size_t tn_handle_dn(const struct tn_model *m, tn_handle h, char *out, size_t size);

/* Did the entry `h` lose an address (tn_answers_nothing())? */
int tn_answers_nothing_h(const struct tn_model *m, tn_handle h);

/*
 * The computed attributes (DESIGN §4), and their names, for adapters.
 */
enum tn_computed {
	TN_C_ADDRESS,
	TN_C_SENDER,
	TN_C_DELIVER_TO,
	TN_C_IMAP_GROUP,
	TN_C_EFFECTIVE_ROLE,
	TN_C_CONFLICT,
	TN_C_IDENTITY,
	TN_NCOMPUTED
};

#define TN_AT_ADDRESS        "tenancyAddress"
#define TN_AT_SENDER         "tenancySender"
#define TN_AT_DELIVER_TO     "tenancyDeliverTo"
#define TN_AT_IMAP_GROUP     "tenancyImapGroup"
#define TN_AT_EFFECTIVE_ROLE "tenancyEffectiveRole"
#define TN_AT_CONFLICT       "tenancyConflict"
#define TN_AT_IDENTITY       "tenancyIdentity"

/* The name of a computed attribute (TN_AT_*), NULL out of range; and the
 * computed attribute a name (any case) stands for, or -1. */
const char *tn_computed_name(enum tn_computed c);
int tn_computed_find(const char *attr);

/*
 * The values of a computed attribute for the entry `h`, or none.  Returns
 * the number of values produced (0 when the entry has none or is
 * unknown).  tn_computed() asks the same by name and DN.
 */
size_t tn_computed_h(
        const struct tn_model *m, tn_handle h, enum tn_computed c, tn_value_fn fn, void *ctx);
/*
 * The same, as `actor` may read them (DESIGN §5a.8; NULL: anonymous): a
 * value that would name an entry the actor may not see names none (a
 * tenancyConflict won by an entry of a tenant the actor does not see says
 * "won by an entry you cannot see"; a tenancyEffectiveRole at a scope, or
 * through a group, the actor does not see is left out: data loaded
 * unjudged may hold such references).  tn_computed_h() and tn_computed()
 * answer as the rootdn does; an adapter that answers a client asks this.
 */
size_t tn_computed_as_h(const struct tn_model *m, const struct tn_actor *actor, tn_handle h,
        enum tn_computed c, tn_value_fn fn, void *ctx);
size_t tn_computed(
        const struct tn_model *m, const char *attr, const char *dn, tn_value_fn fn, void *ctx);

/* Is `attr` one of the computed attributes above? */
int tn_is_computed(const char *attr);

/*
 * Route an address (or a bare domain name) to the entry that answers to it,
 * alias-domain forms included, if that entry is routable (its tenant and
 * itself enabled, and it lost no claim).  tn_route_h() returns its handle
 * (0: none), and calls `fn` with each stored value that matched and the
 * attribute holding it: the adapter rewrites a (tenancyAddress=x) filter
 * into an indexed equality on those.  tn_route() asks the same, calls `fn`
 * with the entry's DN too, the attribute by name, and returns the number
 * of entries found (0 or 1).
 */
enum tn_stored {
	TN_S_MAIL,         /* "mail" */
	TN_S_MAIL_ALIAS,   /* "tenancyMailAlias" */
	TN_S_DOMAIN_NAME,  /* "tenancyDomainName" */
	TN_S_DOMAIN_ALIAS, /* "tenancyDomainAlias" */
	TN_NSTORED
};
const char *tn_stored_name(enum tn_stored s);
typedef int (*tn_route_h_fn)(void *ctx, enum tn_stored attr, const char *stored_value, size_t len);
tn_handle tn_route_h(
        const struct tn_model *m, const char *address, size_t len, tn_route_h_fn fn, void *ctx);
typedef int (*tn_route_fn)(void *ctx, const char *dn, const char *attr, const char *stored_value);
size_t tn_route(
        const struct tn_model *m, const char *address, size_t len, tn_route_fn fn, void *ctx);

/*
 * May `actor` read `dn`?  (DESIGN §6 read isolation.)  Entries outside every
 * tenant are not the engine's business: they answer yes.
 */
int tn_visible(const struct tn_model *m, const struct tn_actor *actor, const char *dn);

/*
 * The tenants whose entries `actor` sees, when it sees only some (a user
 * of a tenant: its own and those sharing its tenancyContext): `fn` is
 * called with each one's DN.  Returns their number, 0 for an actor that
 * sees every tenant or none (tn_sees_all() tells which), or (size_t)-1
 * when memory ran out.
 */
size_t tn_visible_tenants(
        const struct tn_model *m, const struct tn_actor *actor, tn_value_fn fn, void *ctx);

/*
 * May the entry `dn` bind (DESIGN §5a.6 and §6)?  Inside a tenant only an
 * enabled tenancyMailbox of an enabled domain does, whatever credential
 * is stored; a DN the engine cannot place may lie inside one and does not.
 * Entries outside every tenant are slapd's business: they answer yes.
 * Returns 1, or 0 with out->code TN_INVALID_CREDENTIALS and out->text
 * saying why (for the log: the client hears no more than for a wrong
 * password).
 */
int tn_may_bind(const struct tn_model *m, const char *dn, struct tn_answer *out);

/* Does the actor see everything (rootdn, operator, reader, or an actor
 * outside every tenant)?  The overlay then skips per-entry visibility. */
int tn_sees_all(const struct tn_model *m, const struct tn_actor *actor);

/*
 * May `login` put `address` in From: (DESIGN §7)?  `login` is a login name
 * (the login attribute's value) or a DN.  out->code is TN_OK when allowed,
 * TN_INSUFFICIENT_ACCESS when not; out->rule names the rule that decided;
 * out->explain holds the chain when out->want_explain.  `on_behalf` asks
 * the Sender: question (tenancySendOnBehalfDelegate) instead.
 */
int tn_sendas_check(const struct tn_model *m, const char *login, const char *address, int on_behalf,
        struct tn_answer *out);

/* Every login allowed to send as `address`, each with its reason
 * (the reverse question: `tenancy who-can send-as`).  fn gets
 * "login\0reason". Returns the count. */
typedef int (*tn_who_fn)(void *ctx, const char *login, const char *reason);
size_t tn_sendas_who(const struct tn_model *m, const char *address, tn_who_fn fn, void *ctx);

/*
 * Every address `login` (a login name or a DN) may put in From:, the
 * reverse of tn_sendas_who() and the values of tenancyIdentity: its own
 * primary address first, then each address once, alias-domain forms
 * included.  fn gets the address, the rule that allows it ("own-address",
 * "group-send-as", "delegate", "manage-share", as tn_sendas_check() names
 * them) and, when `explain` is set, the chain of entries behind it (one
 * line; NULL otherwise).  Returns the count, or 0 when `login` is no
 * user's or it may not send at all.
 */
typedef int (*tn_identity_fn)(void *ctx, const char *address, const char *rule, const char *chain);
size_t tn_identities(
        const struct tn_model *m, const char *login, int explain, tn_identity_fn fn, void *ctx);

/*
 * Effective permissions of the entry `dn` at `unit` (a unit DN or the
 * domain DN; NULL: the actor's own unit).  out->text lists the permissions,
 * space-separated; out->explain the grants they come from, when
 * out->want_explain.
 */
int tn_rights(const struct tn_model *m, const char *dn, const char *unit, struct tn_answer *out);

/*
 * The shares a change grants, for notifications (call it before tn_commit):
 * once per recipient and level of the share values the change adds, with
 * the mailbox's DN and primary address, the grantee's DN (the first value
 * that reaches the recipient at that level), the level ("read",
 * "readreply", "write", "manage") and the address to notify (the grantee's
 * own, or each enabled member's of a group grantee).  Returns the count of
 * notifications the change calls for; when that is more than
 * TN_SHARE_NOTIFY_MAX, fn is never called (a share with a whole company
 * is not announced one mail a person; the adapter logs it).
 */
#define TN_SHARE_NOTIFY_MAX 1000
typedef int (*tn_grant_fn)(void *ctx, const char *mailbox_dn, const char *mailbox_address,
        const char *grantee_dn, const char *level, const char *recipient);
size_t tn_share_grants(
        const struct tn_model *m, const struct tn_change *c, tn_grant_fn fn, void *ctx);

/*
 * The one address grammar (DESIGN §5a.5), for every adapter: "local@domain",
 * a dot-atom local part of at most 64 octets, an LDH domain of at most 253.
 * tn_address_check() returns 0, or -1 and sets *why (when not NULL) to a
 * static phrase saying what is wrong.  tn_domain_check() applies the domain
 * rule alone (tenancyDomainName, tenancyDomainAlias): 0 or -1.
 */
int tn_address_check(const char *address, size_t len, const char **why);
int tn_domain_check(const char *name, size_t len);

/*
 * Attribute descriptions (DESIGN §5a.3).  An adapter passes an attribute
 * with options under its full description ("mail;lang-en"): the engine
 * reads it as its type.  For an attribute type declared with SUP, the
 * adapter asks this function about each of its supertypes: the first that
 * answers gives the name ("mail;subtype", static) to pass its values under.
 * NULL: the engine does not read that type.  The engine refuses writes of
 * such values and counts loaded ones as the attribute they are a subtype of.
 */
const char *tn_attr_subtype_name(const char *attr);

/* The permission vocabulary, for documentation and the CLI. */
size_t tn_permission_count(void);
const char *tn_permission_name(size_t i);
const char *tn_permission_doc(size_t i);

/* ------------------------------------------------------------ vocabulary
 *
 * The words both adapters use when they speak of the directory, decided
 * here once: they translate them, they do not define them.
 */

/*
 * Share levels (DESIGN §6), lowest first: tn_share_level_name(i) is its
 * name ("read", "readreply", "write", "manage": what tn_share_grants() and
 * tenancyImapGroup say), tn_share_level_attr(i) the attribute a mailbox
 * grants it with ("tenancyShareRead"...), tn_share_level_doc(i) what it
 * allows, one sentence without its full stop.  NULL for i out of range.
 * tn_share_level_find() returns the index of a level by name, compared
 * case-insensitively, or -1.
 */
size_t tn_share_level_count(void);
const char *tn_share_level_name(size_t i);
const char *tn_share_level_attr(size_t i);
const char *tn_share_level_doc(size_t i);
int tn_share_level_find(const char *name);

/*
 * The object classes of the entries that answer to addresses (DESIGN
 * §5.2), for an adapter that must tell them by class (the overlay
 * restricting a search, say): tn_addressable_class(i), NULL past the last.
 * An entry of none of them claims no address, whatever its mail holds (a
 * contact).
 */
size_t tn_addressable_class_count(void);
const char *tn_addressable_class(size_t i);

/*
 * What a tenant's address book publishes (`tenancy addressbook export`):
 * the entries TN_ADDRESSBOOK_FILTER finds below the tenant, the users,
 * shared mailboxes and groups that have a primary address, each as a vCard
 * of the kind tn_addressbook_kind() names from its object classes (n
 * values): "group", "org" for a shared mailbox, else "individual".
 */
#define TN_ADDRESSBOOK_FILTER                                                                      \
	"(&(mail=*)(|(objectClass=tenancyMailbox)"                                                 \
	"(objectClass=tenancySharedMailbox)(objectClass=tenancyGroup)))"
const char *tn_addressbook_kind(const struct tn_value *classes, size_t n);

/*
 * The unit tree (DESIGN §3).  The root unit is the tenant's domain entry
 * itself; a unit's parent, and the unit an entry's position in the DIT
 * puts it under, is its nearest ancestor that is a unit or the domain.
 * tn_unit_kind() says what an entry with these object classes (n values)
 * is in that tree, as the engine reads them: an adapter walking up the
 * DIT takes the first ancestor that is not TN_UNIT_NONE as the parent
 * unit, and stops at TN_UNIT_ROOT, the tenant.
 *
 * An entry of the root unit carries no tenancyUnitRef: tn_unit_ref()
 * returns the value tenancyUnitRef takes to put an entry in the unit
 * `unit_dn` of the tenant `domain_dn`: NULL for the root unit (the
 * reference is left out or removed), else unit_dn itself.  The DNs are
 * compared in canonical form.
 */
enum tn_unit_kind {
	TN_UNIT_NONE = 0, /* not a unit */
	TN_UNIT_UNIT,     /* a tenancyUnit */
	TN_UNIT_ROOT      /* the tenancyDomain: the root unit */
};
enum tn_unit_kind tn_unit_kind(const struct tn_value *classes, size_t n);
const char *tn_unit_ref(const char *unit_dn, const char *domain_dn);

/*
 * The overlay's configuration directives (DESIGN §8), one table for the
 * overlay (slapd.conf and cn=config) and for the tools that read slapd's
 * configuration (--config).  Each has its slapd.conf keyword, its
 * cn=config attribute, the kind of value it takes (for usage texts), one
 * line saying what it is for (the attribute's DESC), whether it may be
 * given more than once, its default when not given (NULL: none), and the
 * engine setting it makes, `set` (NULL for a setting of the overlay alone,
 * the spool; otherwise 0, or -1 when memory ran out).
 *
 * tn_directive(i) returns entry i in the order of enum tn_directive_id,
 * NULL past the last; tn_directive_find() the one whose keyword or
 * attribute is `name`, compared case-insensitively, or NULL.
 */
enum tn_directive_id {
	TN_DIRECTIVE_DOMAINS,
	TN_DIRECTIVE_ROLES,
	TN_DIRECTIVE_OPERATOR,
	TN_DIRECTIVE_READER,
	TN_DIRECTIVE_LOGIN_ATTR,
	TN_DIRECTIVE_SPOOL,
	TN_DIRECTIVES /* their number */
};

struct tn_directive {
	enum tn_directive_id id;
	const char *name; /* "tenancy-domains" */
	const char *attr; /* "olcTenancyDomains" */
	const char *what; /* "dn", "attribute", "directory" */
	const char *doc;
	int repeatable;
	const char *dflt;
	int (*set)(struct tn_model *m, const char *value);
};

const struct tn_directive *tn_directive(size_t i);
const struct tn_directive *tn_directive_find(const char *name);

/*
 * A share notification as the overlay spools it and `tenancy notify` reads
 * it back: "Name: value" lines, Event (always "share"), Mailbox (the
 * mailbox's primary address), Mailbox-DN, Grantee (a DN), Level (a share
 * level's name), To (the address to notify), Actor (the DN that made the
 * change) and Date (seconds since the epoch).
 *
 * tn_event_format() writes the text into buf as snprintf() does: at most
 * size bytes, NUL included, and returns the length the whole text needs
 * (without the NUL).  A NULL field is written empty.
 *
 * tn_event_parse() reads such text in place: it cuts `text` (NUL-
 * terminated, modified) into its lines and points the fields of *ev into
 * it; a name given twice counts the last time, unknown names and lines
 * without a colon are ignored, a field not given is "" (date 0).  Returns
 * 0 when the event is one to deliver: its To and Mailbox pass the address
 * grammar (tn_address_check), as the engine stored them; -1 otherwise.
 */
#define TN_EVENT_SHARE "share"

struct tn_event {
	const char *event; /* TN_EVENT_SHARE */
	const char *mailbox;
	const char *mailbox_dn;
	const char *grantee;
	const char *level;
	const char *to;
	const char *actor;
	long date;
};

size_t tn_event_format(char *buf, size_t size, const struct tn_event *ev);
int tn_event_parse(char *text, struct tn_event *ev);

#ifdef __cplusplus
}
#endif

#endif /* TENANCY_H */
