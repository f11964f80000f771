/*
 * model.c - the model's life cycle: creation, reset and release; what it
 * costs in memory; and the check for references to entries it lacks.
 *
 * Interface (tenancy.h): tn_model_new(), tn_model_reset(), tn_model_free(),
 * tn_model_entries(), tn_model_bytes(), tn_check_dangling().
 *
 * Failure modes: tn_model_new() returns NULL when memory runs out.
 * tn_model_bytes() is an estimate: each block is counted as malloc would
 * round it.  tn_check_dangling() counts a finding whose text it could not
 * make for want of memory, and does not report it.
 */
#include "engine.h"
#include "util/arena.h"
#include "util/big.h"

#include <stdlib.h>
#include <string.h>

struct tn_model *
tn_model_new(void)
{
	struct tn_model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->capnodes = 1024;
	m->nodes = calloc(m->capnodes, sizeof(struct node));
	if (!m->nodes) {
		free(m);
		return NULL;
	}
	m->nnodes = 1; /* node 0: the root, the empty DN */
	idmap_init(&m->dnmap);
	strmap_init(&m->domains);
	arena_init(&m->strings);
	idmap_init(&m->addrmap);
	strmap_init(&m->logins);
	strmap_init(&m->rolemap);
	strmap_init(&m->operators);
	strmap_init(&m->readers);
	return m;
}

static void
model_clear(struct tn_model *m)
{
	uint32_t i;

	for (i = 1; i < m->nnodes; i++) {
		struct node *n = &m->nodes[i];
		node_aux_free(n);
		refs_free(n);
		free(n->fwd);
	}
	arena_free(&m->strings);
	for (i = 0; i < m->nroles; i++) {
		free(m->roles[i].name);
		free(m->roles[i].display);
		idlist_free(&m->roles[i].implies);
	}
	free(m->roles);
	m->roles = NULL;
	m->nroles = m->caproles = 0;
	idlist_free(&m->free_ids);
	idlist_free(&m->contenders);
	idlist_free(&m->touched);
	free(m->csn);
	m->csn = NULL;
	m->capcsn = 0;
	idmap_free(&m->dnmap);
	strmap_free(&m->domains);
	idmap_free(&m->addrmap);
	strmap_free(&m->logins);
	strmap_free(&m->rolemap);
	m->nnodes = 1;
	m->nodes[0].nchildren = 0;
	m->entries = 0;
	m->changes++;
}

void
tn_model_reset(struct tn_model *m)
{
	model_clear(m);
}

void
tn_model_free(struct tn_model *m)
{
	if (!m)
		return;
	model_clear(m);
	free(m->nodes);
	strmap_free(&m->operators);
	strmap_free(&m->readers);
	free(m->login_attr);
	free(m->domains_base);
	free(m->roles_base);
	free(m);
}

size_t
tn_model_entries(const struct tn_model *m)
{
	return m->entries;
}

static size_t
map_bytes(const struct strmap *s)
{
	const struct strmap_slot *sl;
	size_t b = s->cap * sizeof(struct strmap_slot);

	STRMAP_FOREACH(s, sl)
	b += ((sl->len + 1 + 15) & ~(size_t)15) + 16;
	return b;
}

size_t
tn_model_bytes(const struct tn_model *m)
{
	/* The array's room beyond the last node is never written (nodes
	 * are added at the end): it costs address space, not memory. */
	size_t b = sizeof(*m) + big_resident((size_t)m->nnodes * sizeof(struct node),
	                                (size_t)m->capnodes * sizeof(struct node));
	uint32_t i;

	b += (size_t)m->capcsn * sizeof(*m->csn);
	b += idmap_bytes(&m->dnmap) + map_bytes(&m->domains) + idmap_bytes(&m->addrmap) +
	     map_bytes(&m->logins) + m->strings.bytes;
	for (i = 1; i < m->nnodes; i++) {
		const struct node *n = &m->nodes[i];
		/* malloc rounds to 16 bytes and keeps 8 or so of its own. */
#define BLOCK(sz) ((sz) ? (((size_t)(sz) + 8 + 15) & ~(size_t)15) : 0)
		if (!node_rdn(n))
			continue;
		/* idlists grow in powers of two; one or two references are
		 * held in the node */
		b += BLOCK(refs_heap_words(n) ? refs_heap_words(n) * 4 : 0);
		b += BLOCK(n->fwd ? (n->fwd[0] + 1) * 4 : 0);
		if (n->aux)
			b += BLOCK(sizeof(*n->aux)) + BLOCK(pack_len(n->aux->extra)) +
			     BLOCK(pack_len(n->aux->logins)) +
			     BLOCK(n->aux->context ? strlen(n->aux->context) + 1 : 0) +
			     BLOCK(pack_len(n->aux->pinned)) +
			     BLOCK(idlist_len(n->aux->roles)
			                     ? idlist_cap(idlist_len(n->aux->roles)) * 4
			                     : 0);
#undef BLOCK
	}
	return b;
}

size_t
tn_check_dangling(struct tn_model *m, tn_report_fn report, void *ctx)
{
	size_t found = 0;
	uint32_t i;
	struct buf a, t;
	int at;

	buf_init(&a);
	buf_init(&t);
	for (i = 1; i < m->nnodes; i++) {
		const struct node *n = &m->nodes[i];
		if (!node_rdn(n) || n->kind == K_NONE)
			continue;
		for (at = 0; at < R_NATTR; at++) {
			uint32_t j;
			for (j = 0; j < fwd_count(n, (enum ref_attr)at); j++) {
				uint32_t tid = fwd_at(n, (enum ref_attr)at, j);
				if (m->nodes[tid].kind != K_NONE)
					continue;
				buf_reset(&a);
				buf_reset(&t);
				node_dn_display(m, i, &a);
				node_dn_display(m, tid, &t);
				buf_printf(&t, " named by %s does not exist", ref_attr_name[at]);
				if (report && !a.oom && !t.oom) {
					struct tn_verdict v;
					tn_verdict_init(&v);
					v.code = TN_CONSTRAINT_VIOLATION;
					v.rule = "reference";
					v.entry = a.s;
					v.message = t.s;
					v.text = tn_verdict_text(v.rule, v.entry, v.message);
					report(ctx, a.s, &v);
					free(v.text);
				}
				found++;
			}
		}
	}
	buf_free(&a);
	buf_free(&t);
	return found;
}
