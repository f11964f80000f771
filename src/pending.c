/*
 * pending.c - the write seam: a change judged, then committed or discarded.
 *
 * Interface (tenancy.h): tn_judge(), tn_commit(), tn_commit_csn(),
 * tn_discard(), tn_record(); inside the engine (record.h) change_copy().
 *
 * tn_judge() asks judge.c (judge_change) and, when the change is allowed,
 * hands the caller a struct tn_pending: what the judge read of the change
 * (the record of an added entry, of a modified one as the model stood) and
 * a copy of the change itself, without the values the engine does not
 * read.  tn_commit() stores the record when it still holds (an add's
 * always does: it depends on the configuration only; a modify's while the
 * model has not moved since), and otherwise records the change again from
 * its copy, as tn_record() does.  The adapter reads each change once.
 * tn_commit_csn() notes the entryCSN at the node the commit stored (or,
 * for a modify of nothing the model holds, the node judged, while the
 * model has not moved): the DN is looked up again only when the commit
 * does not know it.
 *
 * Failure modes: tn_judge() and tn_commit() return -1 when memory ran out;
 * a pending change is freed by tn_commit() whatever it returns.  After a
 * failed commit the model no longer matches the directory: the adapter
 * says so and reloads.
 */
#include "engine.h"
#include "record.h"
#include "claims.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int
tn_judge(struct tn_model *m, const struct tn_actor *actor, const struct tn_change *change,
        struct tn_verdict *out, struct tn_pending **pending)
{
	return judge_change(m, actor, change, out, pending);
}

/* Record p in the model.  *at gets the entry's node when the commit knows
 * it (*known set; 0 when the model keeps none), else *known is 0. */
static int
commit(struct tn_model *m, struct tn_pending *p, uint32_t *at, int *known)
{
	*at = 0;
	*known = 0;
	if (p->plain) {
		/* Nothing the model holds changed; the node judged is still
		 * the target if nothing else was recorded since. */
		if (p->changes == m->changes) {
			*at = p->node;
			*known = 1;
		}
		m->changes++;
		return 0;
	}
	if (p->has_rec && (p->kind == TN_ADD || p->changes == m->changes)) {
		/* An add's node is made where the judge found its place,
		 * if nothing was recorded since. */
		const struct node_slot *slot =
		        p->kind == TN_ADD && p->changes == m->changes ? &p->slot : NULL;
		/* The addresses' checks hold in the model they were made in. */
		if (p->changes != m->changes)
			p->after.addr_tenant = 0;
		*at = p->kind == TN_ADD ? 0 : p->node;
		*known = 1;
		return model_store(m, p->kind, p->dn, p->len, &p->after, at, slot);
	}
	if (p->change)
		return model_apply(m, p->change);
	return -1;
}

int
tn_commit(struct tn_model *m, struct tn_pending *p)
{
	int rc = tn_commit_csn(m, p, NULL, NULL, 0);

	tn_discard(p);
	return rc;
}

int
tn_commit_csn(struct tn_model *m, struct tn_pending *p, const char *dn, const char *csn, size_t len)
{
	uint32_t at;
	int known, rc;

	if (!p)
		return 0;
	rc = commit(m, p, &at, &known);
	if (rc || !csn)
		return rc;
	if (known)
		return node_note_csn(m, at, csn, len);
	return dn ? tn_note_csn(m, dn, csn, len) : 0;
}

void
tn_discard(struct tn_pending *p)
{
	if (!p)
		return;
	rec_free(&p->after);
	free(p->dn);
	free(p->change);
	free(p);
}

int
tn_record(struct tn_model *m, const struct tn_change *change)
{
	return model_apply(m, change);
}

/* Does the copy keep this modification?  What the engine reads, and the
 * entryCSN that dates the entry's claims (DESIGN §5b). */
static int
copy_keeps(const struct tn_model *m, const struct tn_change *c, const struct tn_mod *mod)
{
	return c->kind == TN_RENAME || rec_reads_attr(m, mod->attr.name) ||
	       (mod->attr.name && strcasecmp(mod->attr.name, "entryCSN") == 0);
}

/* Room for a string, NUL included, when there is one. */
static size_t
str_room(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

static const char *
str_put(char **at, const char *s)
{
	size_t len;
	char *d = *at;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	memcpy(d, s, len);
	*at += len;
	return d;
}

struct tn_change *
change_copy(const struct tn_model *m, const struct tn_change *c)
{
	size_t nmods = 0, nvals = 0, chars = 0, i, k;
	struct tn_change *copy;
	struct tn_mod *mods;
	struct tn_value *vals;
	char *at;

	/* Measure, then copy into one block: the arrays first (aligned as
	 * the structure is), the bytes after them. */
	chars = str_room(c->dn) + str_room(c->display_dn) + str_room(c->newrdn) +
	        str_room(c->newsup);
	for (i = 0; i < c->nmods; i++) {
		const struct tn_mod *mod = &c->mods[i];
		if (!copy_keeps(m, c, mod))
			continue;
		nmods++;
		nvals += mod->attr.nvals;
		chars += str_room(mod->attr.name);
		for (k = 0; k < mod->attr.nvals; k++)
			chars += mod->attr.vals[k].len + 1;
	}
	copy = malloc(sizeof(*copy) + nmods * sizeof(*mods) + nvals * sizeof(*vals) + chars);
	if (!copy)
		return NULL;
	*copy = *c;
	copy->entry = NULL; /* an add's record is kept instead */
	mods = (struct tn_mod *)(copy + 1);
	vals = (struct tn_value *)(mods + nmods);
	at = (char *)(vals + nvals);
	copy->dn = str_put(&at, c->dn);
	copy->display_dn = str_put(&at, c->display_dn);
	copy->newrdn = str_put(&at, c->newrdn);
	copy->newsup = str_put(&at, c->newsup);
	copy->mods = nmods ? mods : NULL;
	copy->nmods = nmods;
	for (i = 0; i < c->nmods; i++) {
		const struct tn_mod *mod = &c->mods[i];
		if (!copy_keeps(m, c, mod))
			continue;
		mods->op = mod->op;
		mods->attr.name = str_put(&at, mod->attr.name);
		mods->attr.nvals = mod->attr.nvals;
		mods->attr.vals = vals;
		for (k = 0; k < mod->attr.nvals; k++) {
			memcpy(at, mod->attr.vals[k].val, mod->attr.vals[k].len);
			at[mod->attr.vals[k].len] = '\0';
			vals->val = at;
			vals->len = mod->attr.vals[k].len;
			at += vals->len + 1;
			vals++;
		}
		mods++;
	}
	return copy;
}
