/*
 * apply.c - changing the model: loading entries, and applying committed
 * changes, read anew or as the judge prepared them.
 *
 * A change is read into a record (record.c) and stored into its node
 * (store.c); the tree (tree.c) follows adds, deletes and renames.  At the
 * end of every change, whatever its outcome, the claims it moved are
 * settled (claims.c, which reports new conflicts), and the string arena is
 * copied afresh once its dropped strings outweigh the live ones.  An entry
 * of no tenancy class leaves no node behind, and a modify of nothing the
 * engine reads is not even canonicalised.
 *
 * Interface: tn_model_load() (tenancy.h); model_apply() and model_store()
 * (record.h), which tn_record() and tn_commit() call (pending.c).
 *
 * Failure modes: a DN that is not one changes nothing and returns 0 (the
 * judge refused it; a load skips it).  When memory runs out, these return
 * -1 and the node being stored may hold only part of its entry: the model
 * no longer matches the directory until it is loaded again.
 */
#include "engine.h"
#include "dn.h"
#include "record.h"
#include "store.h"
#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

static int
canon_dn(const char *dn, struct buf *b)
{
	buf_init(b);
	if (!dn || dn_canon(dn, strlen(dn), b) < 0 || b->len == 0) {
		buf_free(b);
		return -1;
	}
	return 0;
}

/*
 * Store a new entry's record at its DN.  An entry of no tenancy class
 * leaves no node behind: the model holds tenancy entries, the DNs on their
 * way and the DNs they name, as a load finds them, and grows with nothing
 * else (a staff directory beside the tenants costs it nothing).  With
 * `at`, *at is the entry's node (0 when none was kept).
 */
static int
node_store_new(struct tn_model *m, const char *cdn, size_t len, const struct rec *r, uint32_t *at,
        const struct node_slot *slot)
{
	uint32_t id = slot && slot->known ? node_intern_slot(m, slot, cdn, len)
	                                  : node_intern(m, cdn, len);
	int rc;

	if (at)
		*at = 0;
	if (!id)
		return -1;
	rc = node_store(m, id, r);
	if (m->nodes[id].kind == K_NONE)
		node_prune(m, id);
	else if (at)
		*at = id;
	return rc;
}

int
tn_model_load(struct tn_model *m, const struct tn_entry *e)
{
	struct rec r;
	struct buf b;
	int rc = -1;

	m->changes++;
	if (canon_dn(e->dn, &b) < 0)
		return 0; /* not a DN: nothing the engine can key */
	rec_init(&r);
	if (rec_from_entry(m, &r, e) < 0)
		goto out;
	rc = node_store_new(m, b.s, b.len, &r, NULL, NULL);
out:
	rec_free(&r);
	buf_free(&b);
	claims_settle(m);
	return rc;
}

/*
 * Copy the live strings to a new arena once the dropped ones outweigh them
 * (renames and address changes leave their old strings behind).  Called at
 * the end of a change, when no string pointer is held.
 */
static void
strings_settle(struct tn_model *m)
{
	struct arena fresh;
	uint32_t i;

	if (m->strings.dead <= m->strings.live)
		return;
	arena_init(&fresh);
	if (arena_reserve(&fresh, m->strings.live) < 0) {
		arena_free(&fresh);
		return; /* keep the old one: nothing is lost */
	}
	for (i = 1; i < m->nnodes; i++) {
		struct node *n = &m->nodes[i];
		if (!(n->mark & NM_INLINE) && n->rdn.ptr)
			n->rdn.ptr = arena_copy(&fresh, n->rdn.ptr, strlen(n->rdn.ptr) + 1);
		if (n->addrs)
			n->addrs = arena_copy(&fresh, n->addrs, pack_len(n->addrs));
	}
	arena_free(&m->strings);
	m->strings = fresh;
}

int
model_apply(struct tn_model *m, const struct tn_change *c)
{
	struct buf b;
	struct rec r;
	uint32_t id;
	size_t i;
	int rc = -1;

	m->changes++;
	/* Most modifies touch nothing the model holds: no DN to read. */
	if (c->kind == TN_MODIFY && !rec_mods_read(m, c->mods, c->nmods) &&
	        !rec_mods_csn(m, c->mods, c->nmods))
		return 0;
	if (canon_dn(c->dn, &b) < 0)
		return 0;
	rec_init(&r);
	switch (c->kind) {
	case TN_ADD:
		if (!c->entry || rec_from_entry(m, &r, c->entry) < 0 ||
		        rec_add_rdn(m, &r, c, b.s, b.len) < 0)
			goto out;
		rc = node_store_new(m, b.s, b.len, &r, NULL, NULL);
		break;
	case TN_MODIFY:
		if (!(id = node_find(m, b.s, b.len))) {
			rc = 0; /* nothing the model holds changed */
			break;
		}
		if (rec_from_node(m, &r, id) < 0)
			goto out;
		for (i = 0; i < c->nmods; i++)
			if (rec_apply_mod(m, &r, &c->mods[i]) < 0)
				goto out;
		rc = node_store(m, id, &r);
		break;
	case TN_DELETE:
		id = node_find(m, b.s, b.len);
		if (id) {
			node_clear(m, id);
			node_prune(m, id);
		}
		rc = 0;
		break;
	case TN_RENAME: {
		struct buf nb, pb;
		uint32_t parent;
		id = node_find(m, b.s, b.len);
		if (!id) {
			rc = 0;
			break;
		}
		buf_init(&nb);
		buf_init(&pb);
		if (!c->newrdn || dn_canon(c->newrdn, strlen(c->newrdn), &nb) < 0 || nb.len == 0) {
			buf_free(&nb);
			rc = 0;
			break;
		}
		if (c->newsup) {
			if (dn_canon(c->newsup, strlen(c->newsup), &pb) < 0) {
				buf_free(&nb);
				buf_free(&pb);
				rc = 0;
				break;
			}
			parent = pb.len ? node_intern(m, pb.s, pb.len) : 0;
		} else {
			parent = m->nodes[id].parent;
		}
		rc = node_move(m, id, parent, nb.s, nb.len);
		/* The naming attribute may be one the engine reads (a role's
		 * cn, the login attribute, mail): the record follows the RDN. */
		if (rc == 0 && m->nodes[id].kind != K_NONE) {
			if (rec_from_node(m, &r, id) < 0 || rec_rename(m, &r, b.s, b.len, c) < 0)
				rc = -1;
			else
				rc = node_store(m, id, &r);
		}
		buf_free(&nb);
		buf_free(&pb);
		break;
	}
	}
out:
	rec_free(&r);
	buf_free(&b);
	claims_settle(m);
	strings_settle(m);
	return rc;
}

int
model_store(struct tn_model *m, enum tn_change_kind kind, const char *cdn, size_t len,
        const struct rec *r, uint32_t *at, const struct node_slot *slot)
{
	int rc;

	m->changes++;
	if (kind == TN_ADD) {
		rc = node_store_new(m, cdn, len, r, at, slot);
	} else {
		uint32_t id = *at ? *at : node_find(m, cdn, len);
		rc = id ? node_store(m, id, r) : 0;
		*at = id && m->nodes[id].kind != K_NONE ? id : 0;
	}
	claims_settle(m);
	strings_settle(m);
	return rc;
}
