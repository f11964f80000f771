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
 * libldap header, and is single-threaded: callers serialise access.
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
	const char *name;               /* attribute type name or OID-less alias */
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
	TN_MOD_DELETE,                  /* nvals == 0 deletes the attribute */
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
	TN_RENAME                       /* modrdn, with or without newSuperior */
};

struct tn_change {
	enum tn_change_kind kind;
	const char *dn;                 /* the target */
	const struct tn_entry *entry;   /* TN_ADD: the whole entry */
	const struct tn_mod *mods;      /* TN_MODIFY; TN_RENAME: optional, the
	                                 * values the rename adds and deletes
	                                 * as the server will store them
	                                 * (else read from newrdn) */
	size_t nmods;
	const char *newrdn;             /* TN_RENAME */
	const char *newsup;             /* TN_RENAME: NULL keeps the parent */
	int deleteoldrdn;               /* TN_RENAME */
	/* The target's DN as the client wrote it, quoted back in texts; NULL:
	 * `dn`.  `dn` is the identity: an adapter that has the DN in the
	 * server's normalised form (DESIGN §5a.1) passes that as `dn`. */
	const char *display_dn;
};

/* Who is asking.  The adapter knows whether the actor is the rootdn. */
struct tn_actor {
	const char *dn;                 /* NULL or "" for anonymous */
	int is_root;                    /* the database's rootdn */
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
	int want_explain;               /* input: build `explain` */
	enum tn_result code;            /* TN_OK when allowed */
	const char *rule;               /* static rule name, e.g. "own-address" */
	char *text;                     /* owned; NULL when allowed and no text */
	char *explain;                  /* owned; evidence chain, may be NULL */
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
 * one step per line, when the caller set `want_explain`.
 */
struct tn_verdict {
	int want_explain;               /* input: build `explain` */
	enum tn_result code;            /* TN_OK when allowed */
	const char *rule;               /* static rule name; NULL when allowed */
	char *entry;                    /* owned; the entry the rule is about */
	char *message;                  /* owned; what is wrong, one line */
	char *text;                     /* owned; tn_verdict_text() of the above */
	char *explain;                  /* owned; the evidence, may be NULL */
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
char *tn_verdict_text(const char *rule, const char *entry,
	const char *message);

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
/* The attribute whose values are login names; default "mail". */
int tn_config_set_login_attr(struct tn_model *m, const char *attr);
/* Where tenancyDomain entries and tenancyRole entries may live; NULL: anywhere. */
int tn_config_set_domains_base(struct tn_model *m, const char *dn);
int tn_config_set_roles_base(struct tn_model *m, const char *dn);

/*
 * The entries the model holds, as an LDAP filter: what an adapter searches
 * to load a live directory (tn_model_load).  Every other entry is plain
 * directory data the engine judges by its position alone.
 */
#define TN_LOAD_FILTER "(|(objectClass=tenancyDomain)" \
	"(objectClass=tenancyMailbox)(objectClass=tenancySharedMailbox)" \
	"(objectClass=tenancyGroup)(objectClass=tenancyUnit)" \
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
int tn_judge(struct tn_model *m, const struct tn_actor *actor,
	const struct tn_change *change, struct tn_verdict *out,
	struct tn_pending **pending);
int tn_commit(struct tn_model *m, struct tn_pending *pending);
void tn_discard(struct tn_pending *pending);

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
typedef void (*tn_report_fn)(void *ctx, const char *dn,
	const struct tn_verdict *finding);
size_t tn_check_dangling(struct tn_model *m, tn_report_fn report, void *ctx);

/* Every invariant of DESIGN §5 over everything loaded, each entry checked
 * as if it were added last (lint of slapcat output, where entries come in
 * any order).  Dangling references are among the findings.  Calls `report`
 * once per finding; returns the number of findings. */
size_t tn_check_model(struct tn_model *m, tn_report_fn report, void *ctx);

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
typedef void (*tn_conflict_fn)(void *ctx, const char *loser_dn,
	const char *rule, const char *key, const char *winner_dn);
void tn_config_set_conflict_hook(struct tn_model *m, tn_conflict_fn fn,
	void *ctx);
size_t tn_conflicts(struct tn_model *m, tn_conflict_fn fn, void *ctx);
/* The entryCSN the backend gave a committed write, when the change judged
 * and applied did not carry it (slapd stamps local writes after the
 * overlay has seen them): called after tn_commit() or tn_record() with the
 * entry's DN after the change.  Returns 0, or -1 when memory ran out. */
int tn_note_csn(struct tn_model *m, const char *dn, const char *csn,
	size_t len);
int tn_answers_nothing(struct tn_model *m, const char *dn);
/* ------------------------------------------------------------ questions */

/* Calls `fn` once per value; stop early by returning non-zero. */
typedef int (*tn_value_fn)(void *ctx, const char *val, size_t len);

/*
 * Names of the computed attributes (DESIGN §4), for adapters.
 */
#define TN_AT_ADDRESS "tenancyAddress"
#define TN_AT_SENDER "tenancySender"
#define TN_AT_DELIVER_TO "tenancyDeliverTo"
#define TN_AT_IMAP_GROUP "tenancyImapGroup"
#define TN_AT_EFFECTIVE_ROLE "tenancyEffectiveRole"
#define TN_AT_CONFLICT "tenancyConflict"
#define TN_AT_IDENTITY "tenancyIdentity"

/*
 * The values of a computed attribute for the entry `dn`, or none.  Returns
 * the number of values produced (0 when the entry has none or is unknown).
 */
size_t tn_computed(struct tn_model *m, const char *attr, const char *dn,
	tn_value_fn fn, void *ctx);

/* Is `attr` one of the computed attributes above? */
int tn_is_computed(const char *attr);

/*
 * Route an address (or a bare domain name) to the entry that answers to it,
 * alias-domain forms included, if that entry is routable (its tenant and
 * itself enabled).  Calls `fn` with the entry's DN and with each stored
 * value that matched, as "attr\0value": the adapter rewrites a
 * (tenancyAddress=x) filter into an indexed equality on those.  Returns the
 * number of entries found (0 or 1).
 */
typedef int (*tn_route_fn)(void *ctx, const char *dn, const char *attr,
	const char *stored_value);
size_t tn_route(struct tn_model *m, const char *address, size_t len,
	tn_route_fn fn, void *ctx);

/*
 * May `actor` read `dn`?  (DESIGN §6 read isolation.)  Entries outside every
 * tenant are not the engine's business: they answer yes.
 */
int tn_visible(struct tn_model *m, const struct tn_actor *actor, const char *dn);

/*
 * The tenants whose entries `actor` sees, when it sees only some (a user
 * of a tenant: its own and those sharing its tenancyContext): `fn` is
 * called with each one's DN.  Returns their number, 0 for an actor that
 * sees every tenant or none (tn_sees_all() tells which), or (size_t)-1
 * when memory ran out.
 */
size_t tn_visible_tenants(struct tn_model *m, const struct tn_actor *actor,
	tn_value_fn fn, void *ctx);

/*
 * May the entry `dn` bind (DESIGN §5a.6 and §6)?  Inside a tenant only an
 * enabled tenancyMailbox of an enabled domain does, whatever credential
 * is stored; a DN the engine cannot place may lie inside one and does not.
 * Entries outside every tenant are slapd's business: they answer yes.
 * Returns 1, or 0 with out->code TN_INVALID_CREDENTIALS and out->text
 * saying why (for the log: the client hears no more than for a wrong
 * password).
 */
int tn_may_bind(struct tn_model *m, const char *dn, struct tn_answer *out);

/* Does the actor see everything (rootdn, operator, reader, or an actor
 * outside every tenant)?  The overlay then skips per-entry visibility. */
int tn_sees_all(struct tn_model *m, const struct tn_actor *actor);

/*
 * May `login` put `address` in From: (DESIGN §7)?  `login` is a login name
 * (the login attribute's value) or a DN.  out->code is TN_OK when allowed,
 * TN_INSUFFICIENT_ACCESS when not; out->rule names the rule that decided;
 * out->explain holds the chain when out->want_explain.  `on_behalf` asks
 * the Sender: question (tenancySendOnBehalfDelegate) instead.
 */
int tn_sendas_check(struct tn_model *m, const char *login,
	const char *address, int on_behalf, struct tn_answer *out);

/* Every login allowed to send as `address`, each with its reason
 * (the reverse question: `tenancy who-can send-as`).  fn gets
 * "login\0reason". Returns the count. */
typedef int (*tn_who_fn)(void *ctx, const char *login, const char *reason);
size_t tn_sendas_who(struct tn_model *m, const char *address, tn_who_fn fn,
	void *ctx);

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
typedef int (*tn_identity_fn)(void *ctx, const char *address,
	const char *rule, const char *chain);
size_t tn_identities(struct tn_model *m, const char *login, int explain,
	tn_identity_fn fn, void *ctx);

/*
 * Effective permissions of the entry `dn` at `unit` (a unit DN or the
 * domain DN; NULL: the actor's own unit).  out->text lists the permissions,
 * space-separated; out->explain the grants they come from, when
 * out->want_explain.
 */
int tn_rights(struct tn_model *m, const char *dn, const char *unit,
	struct tn_answer *out);

/*
 * The shares a change grants, for notifications (call it before tn_commit):
 * once per recipient of each share value the change adds, with the
 * mailbox's DN and primary address, the grantee's DN, the level ("read",
 * "readreply", "write", "manage") and the address to notify (the grantee's
 * own, or each enabled member's of a group grantee).  Returns the count.
 */
typedef int (*tn_grant_fn)(void *ctx, const char *mailbox_dn,
	const char *mailbox_address, const char *grantee_dn, const char *level,
	const char *recipient);
size_t tn_share_grants(struct tn_model *m, const struct tn_change *c,
	tn_grant_fn fn, void *ctx);

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

#ifdef __cplusplus
}
#endif

#endif /* TENANCY_H */
