/*
 * store.c - storing records into the model: a node's fields, its forward
 * and reverse references, and the indexes of domains, addresses, logins
 * and roles; clearing a node of them.
 *
 * node_store() clears the node, then stores the record afresh: a change is
 * stored as the whole entry it leaves, never as a difference.  An entry of
 * no tenancy class keeps no fields.  Each reference interns the node of
 * the DN it names (which may not exist yet: a load comes in any order)
 * and adds itself to that node's reverse references.  A domain name or an
 * address another entry holds goes to the earlier claim (claims.c); a
 * domain that arrives after the entries below it has their addresses
 * indexed then.
 *
 * Interface (store.h): node_store(), node_clear().
 *
 * Failure modes: node_store() returns -1 when memory runs out, the node
 * then holding part of the record: the model no longer matches the
 * directory until it is loaded again.  node_clear() cannot fail.
 */
#include "store.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The bytes pack() makes of two lists, its final NUL included. */
static size_t
pack_size(const struct strv *a, char tag_a, const struct strv *b, char tag_b)
{
	size_t i, size = 1;

	for (i = 0; i < a->n; i++)
		size += (tag_a != 0) + strlen(a->v[i]) + 1;
	for (i = 0; b && i < b->n; i++)
		size += (tag_b != 0) + strlen(b->v[i]) + 1;
	return size;
}

static void
pack_into(char *d, const struct strv *a, char tag_a, const struct strv *b, char tag_b)
{
	size_t i, len;

	for (i = 0; i < a->n; i++) {
		if (tag_a)
			*d++ = tag_a;
		len = strlen(a->v[i]) + 1;
		memcpy(d, a->v[i], len);
		d += len;
	}
	for (i = 0; b && i < b->n; i++) {
		if (tag_b)
			*d++ = tag_b;
		len = strlen(b->v[i]) + 1;
		memcpy(d, b->v[i], len);
		d += len;
	}
	*d = '\0';
}

/* The values of two lists, each NUL-terminated and led by its list's tag
 * (none when 0), then a NUL: measured, then written into one allocation.
 * NULL when both are empty or memory ran out. */
static char *
pack(const struct strv *a, char tag_a, const struct strv *b, char tag_b)
{
	char *d;

	if (a->n + (b ? b->n : 0) == 0)
		return NULL;
	if (!(d = malloc(pack_size(a, tag_a, b, tag_b))))
		return NULL;
	pack_into(d, a, tag_a, b, tag_b);
	return d;
}

/* pack() of two lists, not both empty, into the arena: on the stack first
 * when short (most mailboxes' addresses), not allocated and freed again.
 * NULL when memory ran out. */
static char *
pack_arena(struct arena *a, const struct strv *x, char tag_x, const struct strv *y, char tag_y)
{
	char small[256], *heap, *p;
	size_t size = pack_size(x, tag_x, y, tag_y);

	if (size <= sizeof(small)) {
		pack_into(small, x, tag_x, y, tag_y);
		return arena_copy(a, small, size);
	}
	if (!(heap = malloc(size)))
		return NULL;
	pack_into(heap, x, tag_x, y, tag_y);
	p = arena_copy(a, heap, size);
	free(heap);
	return p;
}

/*
 * The values of `in` as slapd's caseIgnoreIA5Match finds them: without
 * blanks at either end (" bob@iwdemo.fr " is bob@iwdemo.fr to a search).
 * Only data that arrived unjudged holds such blanks, since a judged write
 * of one is refused (address-syntax, domain-name).  `in` itself when no
 * value has one, else `out`, the values so trimmed (each once); NULL when
 * memory ran out.
 */
static const struct strv *
unblanked(const struct strv *in, struct strv *out)
{
	size_t i, l;

	for (i = 0; i < in->n; i++) {
		const char *v = in->v[i];
		if (v[0] == ' ' || ((l = strlen(v)) && v[l - 1] == ' '))
			break;
	}
	if (i == in->n)
		return in;
	out->v = NULL;
	out->n = 0;
	for (i = 0; i < in->n; i++) {
		const char *v = in->v[i];
		char *t;
		for (l = strlen(v); l && v[l - 1] == ' '; l--)
			;
		for (; l && *v == ' '; v++, l--)
			;
		if (!(t = strndup(v, l)))
			goto oom;
		if (!strv_has(out, t) && strv_add(out, t, l) < 0) {
			free(t);
			goto oom;
		}
		free(t);
	}
	return out;
oom:
	strv_free(out);
	return NULL;
}

/* The node's aux block, made when first needed; NULL when memory ran out. */
static struct node_aux *
node_aux(struct node *n)
{
	if (!n->aux)
		n->aux = calloc(1, sizeof(*n->aux));
	return n->aux;
}

/* Does a reference of kind `a` make its target NM_LINKED? */
static int
links(uint32_t a)
{
	return a == R_MEMBER || a == R_GRANTEE;
}

/* A reference to t of kind `a` is gone: t stays linked while another one
 * of those kinds is left. */
static void
unlink_one(struct node *t, uint32_t ref)
{
	uint32_t j;

	refs_del(t, ref);
	if (!links(REF_ATTR(ref)))
		return;
	for (j = 0; j < refs_len(t); j++)
		if (links(REF_ATTR(refs_at(t, j))))
			return;
	t->mark &= (uint8_t)~NM_LINKED;
}

/* Drop the reverse references the forward references of `id` left. */
static void
unlink_refs(const struct tn_model *m, uint32_t id)
{
	struct node *n = node_get(m, id), *t;
	const uint32_t *p, *end;
	uint32_t j;

	if (n->unit && (t = node_get(m, n->unit)))
		unlink_one(t, REF_ENCODE(id, R_UNIT));
	n->unit = 0;
	if (!n->fwd)
		return;
	for (p = n->fwd + 1, end = p + n->fwd[0]; p < end; p += 2 + p[1])
		for (j = 0; j < p[1]; j++)
			if ((t = node_get(m, p[2 + j])))
				unlink_one(t, REF_ENCODE(id, p[0]));
	free(n->fwd);
	n->fwd = NULL;
}

/*
 * Domain names claimed twice (DESIGN §5b): the earlier claim holds the
 * name, the other domain contends.  The addresses of a tenant are keyed
 * by the names it holds, so a tenant that gains or loses a name has them
 * indexed anew (a scan of the model, on a conflict only).
 */
static int
domains_index(struct tn_model *m, uint32_t id, int *reindex)
{
	const char *v;

	PACK_FOREACH(NODE_EXTRA(&m->nodes[id]), v)
	{
		uint32_t other = strmap_get(&m->domains, v, strlen(v), 0);
		if (other && other != id) {
			if (!claim_before(m, id, other)) {
				claim_contend(m, id);
				continue;
			}
			claim_contend(m, other);
			if (!strmap_put(&m->domains, v, strlen(v), id) ||
			        addr_index_tenant(m, other) < 0)
				return -1;
			claim_touch(m, id);
			*reindex = 1;
			continue;
		}
		if (!strmap_put(&m->domains, v, strlen(v), id))
			return -1;
	}
	return 0;
}

/* The best other domain that names v, or 0. */
static uint32_t
domain_successor(const struct tn_model *m, const char *v, uint32_t except)
{
	uint32_t i, best = 0;
	const char *w;

	for (i = 0; i < idlist_len(m->contenders); i++) {
		uint32_t c = IDLIST_AT(m->contenders, i);
		if (c == except || m->nodes[c].kind != K_DOMAIN)
			continue;
		PACK_FOREACH(NODE_EXTRA(&m->nodes[c]), w)
		if (strcmp(w, v) == 0 && (!best || claim_before(m, c, best)))
			best = c;
	}
	return best;
}

static void
domains_unindex(struct tn_model *m, uint32_t id)
{
	const char *v;
	uint32_t next;

	if (m->nodes[id].mark & NM_LOSER)
		claim_touch(m, id);
	PACK_FOREACH(NODE_EXTRA(&m->nodes[id]), v)
	{
		if (strmap_get(&m->domains, v, strlen(v), 0) != id)
			continue;
		strmap_del(&m->domains, v, strlen(v));
		if (!idlist_len(m->contenders) || !(next = domain_successor(m, v, id)))
			continue;
		/* The next claimant takes the name, and its addresses. */
		claim_touch(m, next);
		if (strmap_put(&m->domains, v, strlen(v), next))
			(void)addr_index_tenant(m, next);
	}
}

void
node_clear(struct tn_model *m, uint32_t id)
{
	struct node *n = node_get(m, id);
	const char *v;
	uint32_t j;

	if (!n || n->kind == K_NONE)
		return;
	addr_unindex(m, id);
	if (n->kind == K_DOMAIN)
		domains_unindex(m, id);
	PACK_FOREACH(NODE_LOGINS(n), v)
	if (strmap_get(&m->logins, v, strlen(v), 0) == id)
		strmap_del(&m->logins, v, strlen(v));
	if (n->kind == K_ROLE) {
		for (j = 0; j < m->nroles; j++) {
			struct role *ro = &m->roles[j];
			if (ro->node != id)
				continue;
			ro->node = 0;
			ro->perms = 0;
			ro->rootonly = 0;
			idlist_free(&ro->implies);
			free(ro->display);
			ro->display = NULL;
		}
	}
	for (j = 0; j < idlist_len(NODE_ROLES(n)); j++)
		m->roles[IDLIST_AT(NODE_ROLES(n), j)].uses--;
	unlink_refs(m, id);
	if (n->addrs)
		arena_drop(&m->strings, pack_len(n->addrs));
	n->addrs = NULL;
	node_aux_free(n);
	n->kind = K_NONE;
	n->status = ST_NONE;
	n->flags = 0;
	m->entries--;
}

/*
 * Store the references of r as the node's forward references and add the
 * reverse ones.  Values repeated within an attribute count once.  The
 * unit goes inline; the rest is packed into one array, built once.
 */
static int
store_refs(struct tn_model *m, uint32_t id, const struct rec *r)
{
	uint32_t *ids[R_NATTR] = {NULL}, *packed, words = 0, k, *t;
	struct idset seen;
	struct node *n;
	int i, rc = -1;
	size_t j;

	/* Most entries (a mailbox) refer to nothing. */
	for (i = 0; i < R_NATTR && !r->ref[i].n; i++)
		;
	if (i == R_NATTR)
		return 0;
	idset_init(&seen);
	for (i = 0; i < R_NATTR; i++) {
		for (j = 0; j < r->ref[i].n; j++) {
			const char *dn = r->ref[i].v[j];
			uint32_t tid = j < r->ref_known[i] ? r->ref_id[i][j]
			                                   : node_intern(m, dn, strlen(dn));
			if (!tid)
				goto out;
			if (!idset_add(&seen, REF_ENCODE(tid, i)))
				continue;
			if (i == R_UNIT && m->nodes[id].unit)
				continue; /* single-valued: the first counts */
			if (i == R_UNIT)
				m->nodes[id].unit = tid;
			else if (idlist_add(&ids[i], tid) < 0)
				goto out;
			if (refs_add(&m->nodes[tid], REF_ENCODE(id, i)) < 0)
				goto out;
			if (links((uint32_t)i))
				m->nodes[tid].mark |= NM_LINKED;
		}
		if (idlist_len(ids[i]))
			words += 2 + idlist_len(ids[i]);
	}
	if (seen.oom)
		goto out;
	rc = 0;
	if (!words)
		goto out;
	if (!(packed = malloc((1 + (size_t)words) * sizeof(uint32_t)))) {
		rc = -1;
		goto out;
	}
	packed[0] = words;
	for (t = packed + 1, i = 0; i < R_NATTR; i++) {
		if (!idlist_len(ids[i]))
			continue;
		*t++ = (uint32_t)i;
		for (k = 0; k <= idlist_len(ids[i]); k++)
			*t++ = ids[i][k];
	}
	n = node_get(m, id);
	n->fwd = packed;
out:
	for (i = 0; i < R_NATTR; i++)
		idlist_free(&ids[i]);
	idset_free(&seen);
	return rc;
}

static int
store_role(struct tn_model *m, uint32_t id, const struct rec *r)
{
	struct node *n;
	const char *name = r->cn.n ? r->cn.v[0] : NULL;
	struct role *ro;
	uint32_t ri, perms = 0;
	size_t j;
	char *lname;

	if (!name)
		return 0;
	lname = strdup(name);
	if (!lname)
		return -1;
	for (j = 0; lname[j]; j++)
		lname[j] = (char)tolower((unsigned char)lname[j]);
	ri = role_intern(m, lname, strlen(lname));
	free(lname);
	if (ri == UINT32_MAX)
		return -1;
	ro = &m->roles[ri];
	for (j = 0; j < r->perms.n; j++) {
		int p = perm_parse(r->perms.v[j], strlen(r->perms.v[j]));
		if (p >= 0)
			perms |= 1u << p;
	}
	idlist_free(&ro->implies);
	for (j = 0; j < r->implies.n; j++) {
		uint32_t ii = role_intern(m, r->implies.v[j], strlen(r->implies.v[j]));
		if (ii == UINT32_MAX || idlist_add(&m->roles[ri].implies, ii) < 0)
			return -1;
	}
	ro = &m->roles[ri];
	ro->node = id;
	ro->perms = perms;
	ro->rootonly = r->rootonly == T_TRUE;
	free(ro->display);
	ro->display = strdup(name);
	n = node_get(m, id);
	if ((r->perms.n || r->implies.n) &&
	        (!node_aux(n) || !(n->aux->extra = pack(&r->perms, 'p', &r->implies, 'i'))))
		return -1;
	if (r->rootonly == T_TRUE)
		n->flags |= NF_ROOTONLY;
	return ro->display ? 0 : -1;
}

int
node_store(struct tn_model *m, uint32_t id, const struct rec *r)
{
	struct node *n;
	enum kind k = rec_kind(r);
	int new_domain = k == K_DOMAIN && m->nodes[id].kind != K_DOMAIN && m->nodes[id].nchildren;

	node_clear(m, id);
	if (node_set_csn(m, id, r->csn) < 0)
		return -1;
	if (k == K_OTHER || k == K_CONTACT)
		return 0; /* not governed: the model keeps no trace */
	n = node_get(m, id);
	n->kind = (uint8_t)k;
	m->entries++;
	n->status = r->status.n ? (uint8_t)status_parse(r->status.v[0], strlen(r->status.v[0]))
	                        : ST_NONE;
	if (r->sendas == T_TRUE)
		n->flags |= NF_SENDAS;
	if (r->delivery == T_TRUE)
		n->flags |= NF_DELIVERY;
	if (k == K_USER || k == K_SHARED || k == K_GROUP) {
		if (r->mail.n + r->alias.n) {
			struct strv tm, ta;
			const struct strv *mail = unblanked(&r->mail, &tm);
			const struct strv *alias = mail ? unblanked(&r->alias, &ta) : NULL;
			if (alias)
				n->addrs = pack_arena(&m->strings, mail, 'm', alias, 'a');
			if (mail == &tm)
				strv_free(&tm);
			if (alias == &ta)
				strv_free(&ta);
			if (!alias || !n->addrs)
				return -1;
			if (r->mail.n + r->alias.n >= ADDR_LOCALS_MIN &&
			        (!node_aux(n) || !(n->aux->locals = addr_locals(n->addrs))))
				return -1;
		}
		if (m->login_attr && r->logins.n &&
		        (!node_aux(n) || !(n->aux->logins = pack(&r->logins, 0, NULL, 0))))
			return -1;
	}
	if (k == K_DOMAIN) {
		if ((r->domname.n || r->domalias.n || r->context.n) && !node_aux(n))
			return -1;
		if (r->domname.n || r->domalias.n) {
			struct strv tn, ta;
			const struct strv *name = unblanked(&r->domname, &tn);
			const struct strv *alias = name ? unblanked(&r->domalias, &ta) : NULL;
			if (alias)
				n->aux->extra = pack(name, 0, alias, 0);
			if (name == &tn)
				strv_free(&tn);
			if (alias == &ta)
				strv_free(&ta);
			if (!alias || !n->aux->extra)
				return -1;
		}
		if (r->context.n && !(n->aux->context = strdup(r->context.v[0])))
			return -1;
	}
	if (r->pinned.n && (!node_aux(n) || !(n->aux->pinned = pack(&r->pinned, 0, NULL, 0))))
		return -1;
	if (store_refs(m, id, r) < 0)
		return -1;
	if (k == K_GRANT) {
		size_t j;
		for (j = 0; j < r->roles.n; j++) {
			uint32_t ri = role_intern(m, r->roles.v[j], strlen(r->roles.v[j]));
			if (ri == UINT32_MAX)
				return -1;
			n = node_get(m, id);
			if (idlist_has(NODE_ROLES(n), ri))
				continue;
			if (!node_aux(n) || idlist_add(&n->aux->roles, ri) < 0)
				return -1;
			m->roles[ri].uses++;
		}
	}
	if (k == K_ROLE && store_role(m, id, r) < 0)
		return -1;
	n = node_get(m, id);
	if (k == K_DOMAIN && NODE_EXTRA(n) && domains_index(m, id, &new_domain) < 0)
		return -1;
	if (NODE_LOGINS(n)) {
		const char *v;
		PACK_FOREACH(NODE_LOGINS(n), v)
		if (!strmap_get(&m->logins, v, strlen(v), 0) &&
		        !strmap_put(&m->logins, v, strlen(v), id))
			return -1;
	}
	if (new_domain && addr_index_tenant(m, id) < 0)
		return -1;
	return addr_index_checked(m, id, r->addr_tenant);
}
