/*
 * judge.c - "Here is a change; may this actor make it?"
 *
 * A change is read into two records, before and after, and judged in this
 * order: who the actor is and where it may write (authz.c); nothing more
 * for a change outside every tenant, where tenancy has no say; the
 * permissions of DESIGN §6, which the rootdn and the tenancy operators
 * pass; then the invariants of §5 (invariants.c, inuse.c), which hold for
 * every actor, the rootdn included.  An actor without the right to make
 * a change learns nothing about what else it would break.  The first rule
 * broken decides the answer.
 *
 * This file reads the change (the target, its tenant, its records: a
 * modify of nothing the engine reads is not read into records), decides
 * whether it lies outside every tenant, runs the checks, and keeps in a
 * pending change what the commit of an allowed change needs (pending.c).
 * An added entry is read into its record first, from the configuration
 * alone: one walk of the model then finds the target or the entry above
 * it.  tn_check_model() runs check_entry() over every entry loaded.
 *
 * Interface: judge_change() (record.h: tn_judge() in pending.c) and
 * tn_check_model(), tn_check_model_explained() (tenancy.h); to the
 * other files of the judge, the helpers of judge.h: dn_of(), dn_shown(),
 * target(), quoted(), nearest(), parent_node(), role_display(),
 * ref_display().
 *
 * Failure modes: a DN that is not one is refused (TN_INVALID_DN_SYNTAX),
 * and one beyond the engine's limits too (TN_UNWILLING_TO_PERFORM, §5a.2),
 * never taken as lying outside every tenant.  When memory runs out,
 * judge_change() answers verdict_oom() and returns -1 (no pending change);
 * tn_check_model() skips an entry it cannot read.
 */
#include "judge.h"
#include "dn.h"
#include "record.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

const char *
dn_of(const struct judge *j, struct buf *b, uint32_t id)
{
	buf_reset(b);
	dn_shown(j, b, id);
	return b->s ? b->s : "";
}

/* Data that arrived unjudged can refer across tenants: a text names
 * only what its reader may see (DESIGN §5a.8). */
void
dn_shown(const struct judge *j, struct buf *b, uint32_t id)
{
	if (judge_sees(j, id))
		node_dn_display(j->m, id, b);
	else
		buf_adds(b, DN_UNSEEN);
}

const char *
target(struct judge *j)
{
	return j->c->display_dn ? j->c->display_dn : j->c->dn;
}

/* A value quoted for a one-line text: at most 80 bytes of it, every byte
 * that is not printable ASCII (CR, LF...), a quote and a backslash as \xHH. */
const char *
quoted(struct buf *b, const char *v)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	buf_reset(b);
	buf_addc(b, '"');
	for (i = 0; i < 80 && v[i]; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"') {
			const char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			buf_add(b, e, 4);
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_adds(b, v[i] ? "...\"" : "\"");
	return b->s ? b->s : "";
}

/* The first entry (not a mere path node) at or above node `id`. */
static uint32_t
entry_at_or_above(const struct tn_model *m, uint32_t id)
{
	while (id && m->nodes[id].kind == K_NONE)
		id = m->nodes[id].parent;
	return id;
}

/* The nearest entry at or above a canonical DN that the model holds: one
 * walk down the tree, then up to the first entry. */
uint32_t
nearest(const struct tn_model *m, const char *cdn, size_t len)
{
	int exact;

	return entry_at_or_above(m, node_find_nearest(m, cdn, len, &exact));
}

/* The nearest entry above the target, found once. */
uint32_t
parent_node(struct judge *j)
{
	size_t r;

	if (j->parent_known)
		return j->parent;
	r = dn_rdn_len(j->dn.s, j->dn.len);
	j->parent = r < j->dn.len ? nearest(j->m, j->dn.s + r + 1, j->dn.len - r - 1) : 0;
	j->parent_known = 1;
	return j->parent;
}

const char *
role_display(const struct tn_model *m, uint32_t r, const char *fallback)
{
	if (r < m->nroles && m->roles[r].display)
		return m->roles[r].display;
	if (r < m->nroles && !fallback)
		return m->roles[r].name;
	return fallback ? fallback : "?";
}

/* A DN value of a record, as the schema spells it when the model knows it. */
const char *
ref_display(const struct judge *j, struct buf *b, const char *cdn)
{
	uint32_t id = node_find(j->m, cdn, strlen(cdn));

	buf_reset(b);
	if (id) {
		node_dn_display(j->m, id, b);
	} else {
		buf_adds(b, cdn);
		dn_pretty(b, 0);
	}
	return b->s && !b->oom ? b->s : cdn;
}

/* A modify of attributes the engine does not read (a phone number, a
 * description): its records would be the node's, unchanged.  Only the
 * names it touches matter, for the permissions. */
static int
read_plain_modify(struct judge *j)
{
	const struct tn_change *c = j->c;
	size_t i;

	if (c->kind != TN_MODIFY || rec_mods_read(j->m, c->mods, c->nmods))
		return 0;
	j->plain = 1;
	if (j->privileged) {
		/* No invariant reads these attributes, and the rootdn or an
		 * operator needs no permission: nothing more to find. */
		j->kb = j->ka = K_OTHER;
		return 1;
	}
	j->id = node_find(j->m, j->dn.s, j->dn.len);
	if (j->id && j->m->nodes[j->id].kind == K_NONE)
		j->id = 0;
	j->kb = j->ka = j->id ? (enum kind)j->m->nodes[j->id].kind : K_OTHER;
	if (!j->id)
		j->kb = j->ka = K_OTHER;
	for (i = 0; i < c->nmods; i++) {
		const char *a = c->mods[i].attr.name;
		if (a && !strv_has(&j->after.touched, a) &&
		        rec_add_value(&j->after, &j->after.touched, a, strlen(a)) < 0)
			return -1;
	}
	j->tenant = j->id ? tenant_of(j->m, j->id) : tenant_of(j->m, parent_node(j));
	return 1;
}

static int
read_change(struct judge *j)
{
	const struct tn_change *c = j->c;
	int plain = read_plain_modify(j);

	if (plain)
		return plain < 0 ? -1 : 0;
	if (j->read) {
		/* An add read before the judgement: the entry as it was read.
		 * One walk finds the target, or else how far its DN exists:
		 * the nearest entry above it is the parent_node(). */
		int exact;
		uint32_t near = node_find_slot(j->m, j->dn.s, j->dn.len, &exact, &j->slot);
		j->id = exact ? near : 0;
		if (!exact) {
			j->parent = entry_at_or_above(j->m, near);
			j->parent_known = 1;
		}
		j->after = j->read->after;
		rec_init(&j->read->after);
	} else if (rec_pair(j->m, c, j->dn.s, j->dn.len, &j->id, &j->before, &j->after) < 0) {
		return -1;
	}
	j->kb = j->id ? (enum kind)j->m->nodes[j->id].kind : K_NONE;
	j->ka = rec_kind(&j->after);
	if (c->kind == TN_ADD && j->ka == K_DOMAIN)
		j->tenant = 0;
	else if (c->kind == TN_ADD || !j->id)
		j->tenant = tenant_of(j->m, j->id ? j->id : parent_node(j));
	else
		j->tenant = tenant_of(j->m, j->id);
	if (c->kind == TN_ADD &&
	        (j->ka == K_DOMAIN || (j->id && j->m->nodes[j->id].kind == K_DOMAIN))) {
		/* A tenant nested in another would have that one as tenant;
		 * an add over an existing tenant's DN is judged where it
		 * would hang, as if that tenant were not there (§5a.7). */
		uint32_t p = parent_node(j);
		j->tenant = tenant_of(j->m, p);
	}
	return 0;
}

static int
is_tenancy_kind(enum kind k)
{
	return k != K_NONE && k != K_OTHER && k != K_CONTACT;
}

/* Exactly one RDN: "type=value", no separator left over: 1, or 0; or
 * DN_TOO_BIG when the engine cannot place it.  *len gets its canonical
 * length. */
static int
valid_rdn(const char *rdn, size_t *len)
{
	struct buf b;
	int rc, ok;

	*len = 0;
	if (!rdn)
		return 0;
	buf_init(&b);
	rc = dn_canon(rdn, strlen(rdn), &b);
	ok = rc == 0 && b.len > 0 && dn_rdn_len(b.s, b.len) == b.len;
	*len = b.len;
	buf_free(&b);
	return rc == DN_TOO_BIG ? DN_TOO_BIG : ok;
}

/* Is the canonical DN dn[0..len) the canonical `base` or below it? */
static int
at_or_below(const char *dn, size_t len, const char *base)
{
	size_t bl = base ? strlen(base) : 0;

	if (!base || len < bl || strcmp(dn + len - bl, base) != 0)
		return 0;
	return len == bl || bl == 0 || dn[len - bl - 1] == ',';
}

/*
 * Does the change lie outside every tenant, where tenancy has no say and
 * slapd's ACLs and syntax rules decide alone?  Only with certainty: the
 * entry is of no tenancy class before or after, no tenant holds it, it is
 * not at or below the tenancy-domains base (where an entry that cannot be
 * placed is judged, never waved through) nor the tenancy-roles container,
 * and a rename neither lands in a tenant or below the domains base nor
 * carries an entry the model holds.
 */
static int
outside_tenants(const struct judge *j)
{
	const struct tn_model *m = j->m;
	uint32_t path;

	if (j->plain && j->privileged)
		return 0; /* read_plain_modify() did not look: no claim */
	if (is_tenancy_kind(j->kb) || is_tenancy_kind(j->ka) || j->tenant)
		return 0;
	if (at_or_below(j->dn.s, j->dn.len, m->domains_base) ||
	        (m->roles_base && strcmp(j->dn.s, m->roles_base) == 0))
		return 0;
	if (j->c->kind != TN_RENAME)
		return 1;
	path = node_find(m, j->dn.s, j->dn.len);
	if (path && (m->nodes[path].nchildren || refs_len(&m->nodes[path])))
		return 0;
	if (j->c->newsup) {
		struct buf p;
		int out;

		buf_init(&p);
		out = dn_canon(j->c->newsup, strlen(j->c->newsup), &p) == 0 && !p.oom &&
		      !at_or_below(p.s ? p.s : "", p.len, m->domains_base) &&
		      !tenant_of(m, nearest(m, p.s ? p.s : "", p.len));
		buf_free(&p);
		return out;
	}
	return 1;
}

/* Keep in *pending what the commit of an allowed change needs: the
 * record the judge read (the judge gives it and its DN up) and, for a
 * commit against a model that moved, a copy of the change.  Returns 0, or
 * -1 when memory ran out. */
static int
prepare(struct judge *j, struct tn_pending **pending)
{
	struct tn_pending *p = j->read;

	/* An add's read-ahead, its record and DN taken by the judge,
	 * becomes the pending change. */
	j->read = NULL;
	if (p) {
		rec_free(&p->after);
		free(p->dn);
		p->dn = NULL;
		p->len = 0;
	} else if (!(p = calloc(1, sizeof(*p)))) {
		return -1;
	}
	*pending = p; /* p->after empty: calloc'ed, or freed above */
	p->kind = j->c->kind;
	p->changes = j->m->changes;
	if (j->c->kind == TN_MODIFY && j->plain && !rec_mods_csn(j->m, j->c->mods, j->c->nmods)) {
		/* Recorded as nothing, whatever happens in between; its
		 * node, for the entryCSN, found here rather than at the
		 * commit (under the model's write lock). */
		p->plain = 1;
		p->node = j->privileged ? node_find(j->m, j->dn.s, j->dn.len) : j->id;
		return 0;
	}
	p->node = j->id;
	/* An add's record depends on the configuration only: it holds
	 * whatever the model does meanwhile. */
	if (j->c->kind != TN_ADD && !(p->change = change_copy(j->m, j->c)))
		return -1;
	if (j->c->kind == TN_MODIFY ? !j->id || j->plain : j->c->kind != TN_ADD)
		return 0; /* the commit reads its copy */
	if (j->out->set_status) {
		strv_free(&j->after.status);
		if (rec_add_value(&j->after, &j->after.status, j->out->set_status,
		            strlen(j->out->set_status)) < 0)
			return -1;
	}
	/* Where the walk above found the node is to be made: the commit
	 * makes it there while the model has not changed. */
	if (j->c->kind == TN_ADD)
		p->slot = j->slot;
	p->len = j->dn.len;
	/* The DN on judge_change()'s stack (no room: cap 0) is copied. */
	if (!(p->dn = j->dn.cap ? buf_take(&j->dn) : strndup(j->dn.s, j->dn.len)))
		return -1;
	p->after = j->after;
	rec_init(&j->after);
	p->has_rec = 1;
	return 0;
}

/* An added entry is read into a record before it is judged: one walk of
 * the model then finds the target or the entry above it (read_change). */
static int
read_ahead(const struct tn_model *m, const struct tn_change *c, struct tn_pending **ahead)
{
	struct tn_pending *p;
	struct buf dn;

	*ahead = NULL;
	if (c->kind != TN_ADD || !c->entry || !c->dn)
		return 0; /* nothing worth reading ahead */
	buf_init(&dn);
	if (dn_canon(c->dn, strlen(c->dn), &dn) < 0 || dn.len == 0) {
		buf_free(&dn);
		return dn.oom ? -1 : 0; /* the judge says what is wrong */
	}
	if (!(p = calloc(1, sizeof(*p)))) {
		buf_free(&dn);
		return -1;
	}
	p->kind = TN_ADD;
	p->len = dn.len;
	p->dn = buf_take(&dn);
	if (!p->dn || rec_from_entry(m, &p->after, c->entry) < 0 ||
	        rec_add_rdn(m, &p->after, c, p->dn, p->len) < 0) {
		tn_discard(p);
		return -1;
	}
	*ahead = p;
	return 0;
}

int
judge_change(struct tn_model *m, const struct tn_actor *actor, const struct tn_change *c,
        struct tn_verdict *out, struct tn_pending **prep)
{
	struct judge j;
	char simple[256]; /* a short DN in normal form, canonical here */
	size_t len = 0;
	int rc = 0, crc = 0;

	memset(&j, 0, sizeof(j));
	j.m = m;
	j.actor = actor;
	j.c = c;
	j.out = out;
	tn_verdict_clear(out);
	buf_init(&j.dn);
	buf_init(&j.t1);
	buf_init(&j.t2);
	/* j.before and j.after are empty records: zeroed with j. */
	if (prep)
		*prep = NULL;
	if (read_ahead(m, c, &j.read) < 0) {
		verdict_oom(out);
		rc = -1;
		goto out;
	}
	if (j.read) {
		j.dn.s = j.read->dn;
		j.dn.len = j.read->len;
		j.dn.cap = j.read->len + 1;
		j.read->dn = NULL;
	}
	if (j.read) {
		/* canonical already */
	} else if (c->dn && (len = strlen(c->dn)) < sizeof(simple) &&
	           dn_canon_simple(c->dn, len, simple)) {
		/* Most DNs slapd hands over (a modify's, a delete's): on the
		 * stack, not in a buffer allocated for the judgement;
		 * prepare() copies it when the pending change keeps it. */
		j.dn.s = simple;
		j.dn.len = len;
		j.dn.cap = 0;
	} else if (!c->dn || (crc = dn_canon(c->dn, len, &j.dn)) < 0 || j.dn.len == 0) {
		const char *shown = c->display_dn ? c->display_dn : c->dn ? c->dn : "";
		/* DESIGN §5a.2: a DN slapd holds and the engine cannot place is
		 * refused, never taken as lying outside every tenant. */
		if (crc == DN_TOO_BIG)
			verdict_set(out, TN_UNWILLING_TO_PERFORM, "dn",
			        "%.200s%s: the DN is longer or has more values in an RDN "
			        "than tenancy can place",
			        shown, strlen(shown) > 200 ? "..." : "");
		else
			verdict_set(out, TN_INVALID_DN_SYNTAX, "dn", "%.200s%s: not a valid DN",
			        shown, strlen(shown) > 200 ? "..." : "");
		goto out;
	}
	{
		struct actor_view v;
		actor_view(m, actor, &v);
		if (v.unplaced) {
			verdict_set(out, TN_UNWILLING_TO_PERFORM, "dn",
			        "%.200s: the bound DN is longer than tenancy can place", actor->dn);
			goto out;
		}
		j.privileged = v.privileged;
		j.reader = v.reader;
		j.me = v.node;
		j.my_tenant = v.tenant;
		j.inert = v.inert;
	}
	if (read_change(&j) < 0) {
		verdict_oom(out);
		rc = -1;
		goto out;
	}

	/* An add over an entry the actor may not see is judged as an add
	 * at a free DN (§5a.7): the answer must not tell them apart. */
	if (c->kind == TN_ADD && j.id && !judge_sees(&j, j.id)) {
		j.id = 0;
		j.kb = K_NONE;
	}

	/* Authorisation of the actor first: a hidden target stays hidden,
	 * even from the invariants' texts. */
	j.outside = outside_tenants(&j);
	if (authorize_actor(&j) < 0)
		goto out;
	/* Staff directories, service accounts, application groups: the
	 * overlay governs tenancy data and only that. */
	if (j.outside)
		goto out;

	/* Then permissions, then invariants: an actor without the right to
	 * make a change learns nothing about what else it would break. */
	switch (c->kind) {
	case TN_ADD:
		if (j.id && m->nodes[j.id].kind != K_NONE) {
			/* As the backend would answer; lint has no backend. */
			verdict_set(out, TN_ALREADY_EXISTS, "exists",
			        "%s: the entry already exists", target(&j));
			break;
		}
		authorize_add(&j);
		if (!REFUSED(&j))
			check_entry(&j);
		if (!REFUSED(&j))
			check_lifecycle(&j);
		break;
	case TN_MODIFY:
		if (j.kb != j.ka && (is_tenancy_kind(j.kb) || is_tenancy_kind(j.ka))) {
			verdict_set(out, TN_CONSTRAINT_VIOLATION, "kind-change",
			        "%s: %s does not become %s; tenancy object classes are given "
			        "when the entry is created",
			        target(&j), kind_phrase(j.kb), kind_phrase(j.ka));
			break;
		}
		if (!is_tenancy_kind(j.kb) && !j.tenant)
			break;
		authorize_modify(&j);
		if (!REFUSED(&j) && !j.plain)
			check_entry(&j);
		break;
	case TN_DELETE:
		if (j.id || j.tenant)
			authorize_delete(&j);
		if (!REFUSED(&j))
			check_delete(&j);
		break;
	case TN_RENAME: {
		size_t rl;
		int v = valid_rdn(c->newrdn, &rl);
		if (v == DN_TOO_BIG ||
		        (v == 1 && !c->newsup &&
		                j.dn.len - dn_rdn_len(j.dn.s, j.dn.len) + rl > DN_MAX_LEN)) {
			/* §5a.2: a new DN the engine cannot place. */
			verdict_set(out, TN_UNWILLING_TO_PERFORM, "dn",
			        "%s: the new DN is longer than tenancy can place", target(&j));
			break;
		}
		if (v != 1) {
			verdict_set(out, TN_INVALID_DN_SYNTAX, "dn",
			        "%s: new RDN \"%.200s\" is not an RDN", target(&j),
			        c->newrdn ? c->newrdn : "");
			break;
		}
		if (j.id || j.tenant)
			authorize_rename(&j);
		if (!REFUSED(&j))
			check_rename(&j);
		if (!REFUSED(&j) && is_tenancy_kind(j.kb))
			check_entry(&j); /* what the new RDN's value claims */
		break;
	}
	}
	if (!REFUSED(&j))
		check_credentials(&j);
	if (!REFUSED(&j) && (c->kind == TN_MODIFY || c->kind == TN_RENAME) &&
	        idlist_len(m->contenders))
		check_redate(&j);
out:
	if (out->code != TN_OK) {
		out->set_status = NULL;
		evidence_close(&j);
	} else if (prep && rc == 0 && prepare(&j, prep) < 0) {
		verdict_oom(out);
		out->set_status = NULL;
		tn_discard(*prep);
		*prep = NULL;
		rc = -1;
	}
	if (j.have_rights)
		rights_free(&j.rights);
	rec_free(&j.before);
	rec_free(&j.after);
	tn_discard(j.read);
	if (j.dn.s == simple)
		buf_init(&j.dn);
	buf_free(&j.dn);
	buf_free(&j.t1);
	buf_free(&j.t2);
	buf_free(&j.ev);
	return rc;
}

/*
 * The invariants over a whole model, for loads that come in any order
 * (lint of slapcat output): every stored entry is checked as if it were
 * added with everything else already there.
 */
static size_t
check_model(struct tn_model *m, int want_explain, tn_report_fn report, void *ctx)
{
	struct tn_actor root = {NULL, 1};
	struct tn_verdict out;
	size_t found = 0;
	uint32_t id;

	tn_verdict_init(&out);
	out.want_explain = want_explain;
	for (id = 1; id < m->nnodes; id++) {
		struct judge j;
		const struct node *n = &m->nodes[id];
		if (!node_rdn(n) || n->kind == K_NONE)
			continue;
		memset(&j, 0, sizeof(j));
		j.m = m;
		j.actor = &root;
		j.out = &out;
		j.privileged = 1;
		j.id = id;
		buf_init(&j.dn);
		buf_init(&j.t1);
		buf_init(&j.t2);
		rec_init(&j.before);
		rec_init(&j.after);
		node_dn(m, id, &j.dn);
		{
			struct buf shown;
			struct tn_change c = {.kind = TN_MODIFY};
			buf_init(&shown);
			node_dn_display(m, id, &shown);
			c.dn = shown.s;
			j.c = &c;
			j.kb = j.ka = (enum kind)n->kind;
			/* A domain's own tenant is the one above it, if any. */
			j.tenant = tenant_of(m, n->kind == K_DOMAIN ? n->parent : id);
			if (!j.dn.oom && !shown.oom && rec_from_node(m, &j.after, id) == 0) {
				/* Judged as if added: every reference is new. */
				ref_ids_free(&j.after);
				check_entry(&j);
				if (out.code != TN_OK) {
					evidence_close(&j);
					if (report)
						report(ctx, shown.s, &out);
					found++;
				}
			}
			tn_verdict_clear(&out);
			buf_free(&shown);
		}
		rec_free(&j.before);
		rec_free(&j.after);
		buf_free(&j.dn);
		buf_free(&j.t1);
		buf_free(&j.t2);
		buf_free(&j.ev);
	}
	return found;
}

size_t
tn_check_model(struct tn_model *m, tn_report_fn report, void *ctx)
{
	return check_model(m, 0, report, ctx);
}

size_t
tn_check_model_explained(struct tn_model *m, tn_report_fn report, void *ctx)
{
	return check_model(m, 1, report, ctx);
}
