/*
 * judge.h - the judge's state, shared by the files that judge a change:
 * judge.c (reading the change, the driver), invariants.c, inuse.c and
 * authz.c.
 */
#ifndef TN_JUDGE_H
#define TN_JUDGE_H

#include "engine.h"
#include "dn.h"
#include "record.h"

struct judge {
	struct tn_model *m;
	const struct tn_actor *actor;
	const struct tn_change *c;
	struct tn_verdict *out;
	uint32_t me, my_tenant;
	int privileged, reader, inert;
	struct tn_pending *read; /* an add read ahead, or NULL */
	struct buf dn;           /* canonical target DN */
	uint32_t id;             /* the target's node, 0 when unknown */
	uint32_t parent;         /* parent_node()'s answer, once parent_known */
	int parent_known;
	/* An add's node-to-be, found by read_change(). */
	struct node_slot slot;
	uint32_t tenant;  /* the target's tenant */
	enum kind kb, ka; /* kind before, after */
	struct rec before, after;
	struct buf t1, t2; /* scratch for DNs in messages */
	struct buf ev;     /* the evidence, when out->want_explain */
	/* cached rights of the actor at one unit */
	uint32_t rights_unit;
	struct rights rights;
	int have_rights;
	int plain;   /* a modify of attributes the engine ignores */
	int outside; /* outside_tenants(): tenancy has no say */
};

#define REFUSED(j) ((j)->out->code != TN_OK)

/* ---- judge.c: what the other files use of the driver */
/* The DN of node `id` as the schema spells it, written to b: for texts.
 * DN_UNSEEN instead when the actor may not see it.  Never NULL.
 * dn_shown() appends the same to b. */
const char *dn_of(const struct judge *j, struct buf *b, uint32_t id);
void dn_shown(const struct judge *j, struct buf *b, uint32_t id);
/* The target's DN as the actor wrote it: the start of every text. */
const char *target(struct judge *j);
/* A value quoted for a one-line text, written to b: at most 80 bytes of
 * it, every byte that is not printable ASCII, a quote or a backslash as
 * \xHH.  Never NULL. */
const char *quoted(struct buf *b, const char *v);
/* The nearest entry (not a mere path node) at or above a canonical DN;
 * 0 when none. */
uint32_t nearest(const struct tn_model *m, const char *cdn, size_t len);
/* The nearest entry above the target (0: none), found once a judgement. */
uint32_t parent_node(struct judge *j);
/* A role's name for texts: as its definition spells it; else its
 * canonical name, or `fallback` when one is given; "?" for no role and no
 * fallback. */
const char *role_display(const struct tn_model *m, uint32_t r, const char *fallback);
/* A canonical DN value of a record, as the schema spells it when the
 * model knows it, written to b.  Never NULL (cdn when memory ran out). */
const char *ref_display(const struct judge *j, struct buf *b, const char *cdn);

/*
 * The checks below refuse by filling j->out (REFUSED(j) is then true).
 * Most allocate only for their texts, which memory running out leaves
 * incomplete; where a permission cannot be computed for want of memory,
 * the verdict is a refusal (verdict_oom()).
 */

/* ---- invariants.c (DESIGN §5) */
/* Everything an added, modified or renamed entry (j->after, of kind j->ka)
 * must satisfy: readable values, status, and by kind the rules of domains,
 * roles, addresses, logins, references and grants. */
void check_entry(struct judge *j);
/* Only mailboxes bind (§5a.6): inside a tenant (a domain entry included),
 * a change that stores a credential (userPassword, authPassword, also as
 * an RDN) on anything but a mailbox is refused. */
void check_credentials(struct judge *j);
/* The lifecycle of §5.8 for a new mailbox or group: refused in a disabled
 * tenant; made pending (j->out->set_status) in a pending or failed one. */
void check_lifecycle(struct judge *j);
/* §5b: a modify or rename of the winner of a replication conflict that
 * keeps the contested claim is refused until the conflict is resolved. */
void check_redate(struct judge *j);

/* ---- inuse.c */
/* The role defined by node `id`, or UINT32_MAX. */
uint32_t role_of_node(const struct tn_model *m, uint32_t id);
/* Refuse when role r is still granted, or implied by another defined
 * role. */
void refuse_role_in_use(struct judge *j, uint32_t r);
/* The tenant a rename lands in, to *newt (the target's own without
 * newSuperior).  Returns 0, or -1 having refused: a newSuperior that is
 * not a DN, or a new DN longer than the engine can place (§5a.2). */
int c_newsup_tenant(struct judge *j, uint32_t *newt);
/* May the target be deleted: no role in use, no unit with members,
 * sub-units or grants, no tenant with entries, no entry others refer to? */
void check_delete(struct judge *j);
/* May the target be renamed or moved: not below itself, not across
 * tenants, not a tenant, nothing below it, nothing referring to it? */
void check_rename(struct judge *j);

/* ---- authz.c (DESIGN §6) */
/* May the actor add, delete, modify or rename the target: the permission
 * each needs at the unit concerned, "you grant only what you hold", and no
 * takeover of an account holding roles the actor lacks.  The rootdn and
 * the tenancy operators pass.  Memory running out refuses (verdict_oom). */
void authorize_add(struct judge *j);
void authorize_delete(struct judge *j);
void authorize_modify(struct judge *j);
void authorize_rename(struct judge *j);
/* May the actor see node `id` (as tn_visible() answers)? */
int judge_sees(const struct judge *j, uint32_t id);
/* Who may write at all, before any permission is looked at: 0, or -1
 * having refused a reader, an actor of no tenant, an inert one, or one
 * writing outside its tenant; what the actor may not see is answered
 * TN_NO_SUCH_OBJECT, as if absent. */
int authorize_actor(struct judge *j);

/* ---- evidence.c: the entries behind a refusal (DESIGN §10), one line
 * each, "<DN>: <what it shows>", written only when the caller set
 * want_explain (EXPLAINING): the functions return at once otherwise.  A
 * check writes its lines after it refused. */
#define EXPLAINING(j) ((j)->out->want_explain)
/* A line about node `id` (0: the actor's DN as bound). */
void evidence(struct judge *j, uint32_t id, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* A line about a canonical DN the model may not hold: a reference. */
void evidence_ref(struct judge *j, const char *cdn, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* The unit (or domain) where `need`, then each unit above it up to the
 * domain. */
void evidence_units(struct judge *j, uint32_t unit, const char *need);
/* The grants of `who` (directly and through its groups) that count at
 * `unit`: rights_at()'s lines, after one naming `who`; or that it holds
 * none. */
void evidence_grants(struct judge *j, uint32_t who, uint32_t unit);
/* Hand the lines to j->out->explain when it is a refusal that may show
 * them (not "hidden", not "memory"); a refusal that wrote none gets one
 * line, its entry and message.  Frees j->ev either way. */
void evidence_close(struct judge *j);

#endif
