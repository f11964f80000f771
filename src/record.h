/*
 * record.h - the engine's view of one entry, as a change would leave it.
 *
 * A record holds only what the engine governs: object classes reduced to a
 * kind, addresses, domain names, status, the DN-valued references (as
 * canonical DN strings), grant and role fields, and the names of the
 * attributes a modification touches.  Records are built from a whole entry
 * (add, load), from a model node (the "before" of a modify or rename), and
 * then edited by a list of modifications.  They are short-lived and own
 * their strings.
 */
#ifndef TN_RECORD_H
#define TN_RECORD_H

#include "engine.h"

/* A list of NUL-terminated strings, owned by the list: the pointers and
 * the strings in one block (record.c), so that a value costs no
 * allocation of its own.  A pointer into it holds until the next
 * strv_add() to the same list. */
struct strv {
	char **v;
	size_t n;
	/* The list's block (record.c) holds an index of the values once
	 * they are many (STRV_IX_MIN) and searched more than a few times
	 * (STRV_IX_SCANS): a list of a hundred thousand members is
	 * searched, deduplicated and diffed in linear time, not quadratic,
	 * while a group's few dozen members, read once for one member
	 * added, are not hashed at all. */
};

/* Object classes the engine recognises, as bits. */
#define C_DOMAIN  0x001
#define C_MAILBOX 0x002
#define C_SHARED  0x004
#define C_GROUP   0x008
#define C_UNIT    0x010
#define C_GRANT   0x020
#define C_ROLE    0x040
#define C_PERSON  0x080

/* Boolean attribute: absent, TRUE, FALSE. */
enum tri { T_UNSET = 0, T_TRUE, T_FALSE };

struct rec {
	unsigned classes;
	struct strv mail, alias;       /* lower case */
	struct strv domname, domalias; /* lower case */
	struct strv status, context;
	struct strv logins;       /* values of the login attribute */
	struct strv ref[R_NATTR]; /* canonical DNs */
	/* The node ids of the first ref_known[a] values of ref[a], as
	 * rec_from_node() read them: storing the record takes these rather
	 * than finding each DN again.  Values added after them have none;
	 * a value deleted takes its id along.  One block, ref_ids. */
	uint32_t *ref_id[R_NATTR];
	uint32_t ref_known[R_NATTR];
	uint32_t *ref_ids;
	struct strv roles;          /* tenancyRole of a grant */
	struct strv perms, implies; /* of a role definition */
	struct strv cn;
	/* "<type> <value>": each value slapd stores under an option or a
	 * subtype of an attribute the engine reads (§5a.3), which deleting
	 * or replacing the plain attribute leaves in place.  Only loads and
	 * replication bring them: a judged write of one is refused. */
	struct strv pinned;
	enum tri sendas, delivery, rootonly;
	struct strv touched; /* attribute names a modify changes */
	uint64_t csn;        /* entryCSN (claims.c), 0: unknown */
	/* The tenant whose names the judge found every mail and alias valid
	 * in (check_addresses), for the index not to check them again; 0:
	 * unchecked. */
	uint32_t addr_tenant;
	/* The first problem met while reading values: */
	enum tn_result err;
	const char *err_rule;
	char *err_text;
	/* Where the lists' first blocks are carved (record.c), freed with
	 * the record: a record moves by assignment, its chunk with it. */
	char *chunk;
	size_t chunk_used;
};

/*
 * A change judged and allowed, until it is committed or discarded
 * (tn_judge, tn_commit, tn_discard in pending.c).  What the judge read is
 * kept: the record of an added entry (which depends on the configuration
 * only), and of a modified one as the model stood (`changes`).  Whatever
 * else a commit may need to read the change again, it keeps in its own
 * copy of the change: the modifications the engine reads, the DNs.
 */
struct tn_pending {
	uint64_t changes; /* the model's m->changes when judged */
	int plain;        /* a modify of nothing the model holds */
	int has_rec;      /* `after` holds the change as recorded */
	enum tn_change_kind kind;
	char *dn; /* canonical, with has_rec */
	size_t len;
	struct rec after;
	struct tn_change *change; /* own copy (one block), or NULL */
	uint32_t node;            /* the target's node when judged, or 0 */
	struct node_slot slot;    /* an add's node-to-be, as judged */
};

/* judge.c: tn_judge() proper.  With `pending`, keeps in *pending what an
 * allowed change needs to be committed (*pending NULL otherwise). */
int judge_change(struct tn_model *m, const struct tn_actor *actor, const struct tn_change *c,
        struct tn_verdict *out, struct tn_pending **pending);
/* pending.c: a copy of `c` in one block, with only the modifications
 * whose attributes the engine reads (all of a rename's); NULL when memory
 * ran out. */
struct tn_change *change_copy(const struct tn_model *m, const struct tn_change *c);
/* apply.c: record a change read from `c` (tn_record, and tn_commit when
 * the model moved since the judgement), or a record judged against the
 * model as it stands (`kind` TN_ADD: a new node at `cdn`; else the node
 * at `cdn`, if any, or at node *at when not 0, known to be it).  Both
 * return 0, or -1 when memory ran out; model_store() leaves in *at the
 * entry's node, or 0 when the model keeps none.  An add's `slot`, when not
 * NULL, is node_find_slot()'s for `cdn` in the model as it stands. */
int model_apply(struct tn_model *m, const struct tn_change *c);
int model_store(struct tn_model *m, enum tn_change_kind kind, const char *cdn, size_t len,
        const struct rec *r, uint32_t *at, const struct node_slot *slot);

/* An empty record: no classes, no values, no error. */
void rec_init(struct rec *r);
/* Free what a record holds; it is then empty, as from rec_init(). */
void rec_free(struct rec *r);
/* The kind its object classes make, the first of: domain, role, grant,
 * unit, shared mailbox, group, mailbox (K_USER), person (K_CONTACT);
 * K_OTHER when none. */
enum kind rec_kind(const struct rec *r);
/* The kind of an entry with these object classes, as rec_kind() reads it. */
enum kind kind_of_classes(const struct tn_value *classes, size_t n);

/* Does the engine read this attribute (object class, address, reference,
 * status, the login attribute...)?  A modify that touches none of them
 * changes nothing the invariants or the model depend on. */
int rec_reads_attr(const struct tn_model *m, const char *attr);
/* Does any of these modifications touch an attribute the engine reads? */
int rec_mods_read(const struct tn_model *m, const struct tn_mod *mods, size_t nmods);

/* Does a modify re-date an entry while the model holds conflicts?  Such
 * a modify is applied even when it touches nothing else: the entry's
 * claims now count from its new entryCSN (DESIGN §5b). */
int rec_mods_csn(const struct tn_model *m, const struct tn_mod *mods, size_t nmods);

/* Build from a whole entry.  Returns 0, or -1 when memory ran out; a value
 * the engine cannot read (a malformed DN in a DN attribute) sets r->err. */
int rec_from_entry(const struct tn_model *m, struct rec *r, const struct tn_entry *e);
/* Add the values of the first RDN of the added entry's DN that the record
 * lacks, as slapd does (DESIGN §5a.4): of c->display_dn when the adapter
 * gave one (slapd adds the values as written), else of the canonical DN
 * `cdn`. */
int rec_add_rdn(const struct tn_model *m, struct rec *r, const struct tn_change *c, const char *cdn,
        size_t len);
/* Forget the ids of r's references (ref_known 0): a record read from the
 * model and judged as if added, whose values were not there before. */
void ref_ids_free(struct rec *r);
/* Build from what the model holds of a node (an empty record for an id
 * the model lacks).  Returns 0, or -1 when memory ran out. */
int rec_from_node(const struct tn_model *m, struct rec *r, uint32_t id);
/* Apply one modification, its attribute name added to r->touched.
 * Returns 0, or -1 when memory ran out; a value the engine cannot read or
 * an attribute description it refuses (§5a.3) sets r->err. */
int rec_apply_mod(const struct tn_model *m, struct rec *r, const struct tn_mod *mod);

/*
 * The records before and after a change to the entry at the canonical DN
 * `cdn`: `before` from the model (empty when it holds nothing there),
 * `after` as the change would leave it.  *id is the target's node, or 0.
 * Returns 0, or -1 when memory ran out.
 */
int rec_pair(const struct tn_model *m, const struct tn_change *c, const char *cdn, size_t len,
        uint32_t *id, struct rec *before, struct rec *after);

/* Apply a rename's RDN change to a record: the new RDN's values (every
 * AVA of it) are added, the old ones removed with deleteoldrdn; when the
 * adapter gave slapd's own modifications (c->mods), those instead.  A new
 * RDN that is not one changes nothing (the judge refuses it).  Returns 0,
 * or -1 when memory ran out. */
int rec_rename(const struct tn_model *m, struct rec *r, const char *cdn, size_t len,
        const struct tn_change *c);

/* claims.c: does `id` win a contested claim (DESIGN §5b) that `after`
 * (NULL: the node as it is) still makes?  1 with the key and the loser. */
int claim_won_kept(const struct tn_model *m, uint32_t id, const struct rec *after, struct buf *key,
        uint32_t *loser);

/* Append a copy of v[0..len).  Returns 0, or -1 when memory ran out (s
 * unchanged).  To a list of a record, rec_add_value(), never strv_add():
 * rec_free() frees the lists of a record that has its chunk only. */
int strv_add(struct strv *s, const char *v, size_t len);
int rec_add_value(struct rec *r, struct strv *s, const char *v, size_t len);
/* Does s hold a string equal to v, byte for byte?  (A lookup in the
 * list's index once it has one, else a scan of a short list.) */
int strv_has(const struct strv *s, const char *v);
/* Free the strings and the list; s is then empty. */
void strv_free(struct strv *s);

#endif
