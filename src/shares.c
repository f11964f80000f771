/*
 * shares.c - share levels on mailboxes, and the IMAP share groups that
 * Dovecot reads.
 *
 * Four levels, lowest first: read, readreply, write, manage.  The highest
 * level a user holds, directly or through any group, counts.  A share
 * between tenants (loaded unjudged) counts as absent (ref_counts()).
 *
 * Interface (shares.h): share_level(), imap_groups(), share_level_name;
 * tn_share_grants() (tenancy.h), for the notifications of new shares.
 *
 * Failure modes: when memory runs out, share_level() counts direct shares
 * only, and imap_groups() and tn_share_grants() leave out what they could
 * not list; their counts say what was produced.
 */
#include "engine.h"
#include "dn.h"
#include "record.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const share_level_name[SHARE_LEVELS] = {"read", "readreply", "write", "manage"};

/* What each level allows, as a notification tells the grantee. */
static const char *const share_level_docs[SHARE_LEVELS] = {"you may read its messages",
        "you may read its messages, reply to them and forward them",
        "you may read, reply, and also move and delete its messages",
        "you may do everything, manage who it is shared with, and send as it"};

size_t
tn_share_level_count(void)
{
	return SHARE_LEVELS;
}

const char *
tn_share_level_name(size_t i)
{
	return i < SHARE_LEVELS ? share_level_name[i] : NULL;
}

const char *
tn_share_level_attr(size_t i)
{
	return i < SHARE_LEVELS ? ref_attr_name[R_SHARE_READ + i] : NULL;
}

const char *
tn_share_level_doc(size_t i)
{
	return i < SHARE_LEVELS ? share_level_docs[i] : NULL;
}

int
tn_share_level_find(const char *name)
{
	int i;

	for (i = 0; name && i < SHARE_LEVELS; i++)
		if (strcasecmp(name, share_level_name[i]) == 0)
			return i;
	return -1;
}

int
share_who(const struct tn_model *m, uint32_t user, struct idset *who)
{
	uint32_t *groups = NULL, i;
	int rc;

	idset_init(who);
	idset_add(who, user);
	rc = groups_containing(m, user, &groups, NULL);
	for (i = 0; rc == 0 && i < idlist_len(groups); i++)
		idset_add(who, IDLIST_AT(groups, i));
	idlist_free(&groups);
	return rc < 0 || who->oom ? -1 : 0;
}

int
share_level_of(const struct tn_model *m, uint32_t mbox, uint32_t user, const struct idset *who,
        uint32_t *via)
{
	const struct node *n = node_get(m, mbox);
	int lvl;
	uint32_t i;

	if (!n || !user || !ref_counts(m, tenant_of(m, user), mbox))
		return -1;
	for (lvl = SHARE_LEVELS - 1; lvl >= 0; lvl--) {
		const uint32_t *l = FWD(n, R_SHARE_READ + lvl);
		for (i = 0; i < idlist_len(l); i++) {
			if (idset_has(who, IDLIST_AT(l, i))) {
				if (via)
					*via = IDLIST_AT(l, i);
				return R_SHARE_READ + lvl;
			}
		}
	}
	return -1;
}

int
share_level(const struct tn_model *m, uint32_t mbox, uint32_t user, uint32_t *via)
{
	struct idset who;
	int found;

	if (!node_get(m, mbox) || !user)
		return -1;
	/* Memory running out leaves the groups partly known: direct shares
	 * still count. */
	(void)share_who(m, user, &who);
	found = share_level_of(m, mbox, user, &who, via);
	idset_free(&who);
	return found;
}

/*
 * tenancyImapGroup: one value, "<mailbox address>:<level>" for every
 * mailbox shared with the user, comma-separated, each at its highest level.
 */
/* Where each mailbox is in imap_groups()'s list: its id and place plus
 * one, by the id's hash (0: empty), grown as the list grows.  A user
 * reached by shares of 100,000 mailboxes (a unit's administrator may
 * share that many with a group and put anyone in it) had each share
 * looked for in the list so far: quadratic, on every Dovecot login. */
struct places {
	uint32_t *id, *at;
	size_t mask, count;
};

static uint32_t
place_slot(const struct places *p, uint32_t id)
{
	size_t i;

	for (i = (id * 2654435761u) & p->mask; p->id[i] && p->id[i] != id; i = (i + 1) & p->mask)
		;
	return (uint32_t)i;
}

/* The place of mailbox `id` plus one, 0 when it has none yet. */
static uint32_t
place_get(const struct places *p, uint32_t id)
{
	return p->mask ? p->at[place_slot(p, id)] : 0;
}

/* Give `id` place `at`; -1 when memory ran out. */
static int
place_put(struct places *p, uint32_t id, uint32_t at)
{
	uint32_t k;

	if (2 * (p->count + 1) > p->mask + 1) {
		struct places n = {NULL, NULL, p->mask ? 2 * p->mask + 1 : 63, 0};
		size_t i;
		n.id = calloc(n.mask + 1, sizeof(uint32_t));
		n.at = calloc(n.mask + 1, sizeof(uint32_t));
		if (!n.id || !n.at) {
			free(n.id);
			free(n.at);
			return -1;
		}
		for (i = 0; p->mask && i <= p->mask; i++) {
			if (!p->id[i])
				continue;
			k = place_slot(&n, p->id[i]);
			n.id[k] = p->id[i];
			n.at[k] = p->at[i];
			n.count++;
		}
		free(p->id);
		free(p->at);
		*p = n;
	}
	k = place_slot(p, id);
	p->id[k] = id;
	p->at[k] = at + 1;
	p->count++;
	return 0;
}

size_t
imap_groups(const struct tn_model *m, uint32_t user, struct buf *out)
{
	uint32_t *groups = NULL, *mboxes = NULL, i, j, tenant = tenant_of(m, user);
	struct places places = {NULL, NULL, 0, 0};
	int *levels = NULL;
	size_t count = 0, nlevels = 0;

	if (groups_containing(m, user, &groups, NULL) < 0)
		goto out;
	for (i = 0; i <= idlist_len(groups); i++) {
		uint32_t p = i == 0 ? user : IDLIST_AT(groups, i - 1);
		const struct node *pn = &m->nodes[p];
		for (j = 0; j < refs_len(pn); j++) {
			uint32_t r = refs_at(pn, j), mb = REF_ID(r), k;
			enum ref_attr a = REF_ATTR(r);
			int lvl;
			if (a < R_SHARE_READ || a > R_SHARE_MANAGE || !ref_counts(m, tenant, mb))
				continue;
			lvl = (int)(a - R_SHARE_READ);
			if ((k = place_get(&places, mb)) != 0) {
				if (lvl > levels[k - 1])
					levels[k - 1] = lvl;
				continue;
			}
			if (place_put(&places, mb, idlist_len(mboxes)) < 0 ||
			        idlist_add(&mboxes, mb) < 0)
				goto out;
			if (idlist_len(mboxes) > nlevels) {
				/* Doubled, not grown by one: a copy a time. */
				size_t ncap = nlevels ? 2 * nlevels : 16;
				int *nl = realloc(levels, ncap * sizeof(int));
				if (!nl)
					goto out;
				levels = nl;
				nlevels = ncap;
			}
			levels[idlist_len(mboxes) - 1] = lvl;
		}
	}
	for (i = 0; i < idlist_len(mboxes); i++) {
		uint32_t mb = IDLIST_AT(mboxes, i);
		const char *addr = addr_primary(&m->nodes[mb]);
		if (!addr || !node_routable(m, mb) || mb == user)
			continue;
		buf_printf(out, "%s%s:%s", count ? "," : "", addr, share_level_name[levels[i]]);
		count++;
	}
out:
	free(places.id);
	free(places.at);
	free(levels);
	idlist_free(&mboxes);
	idlist_free(&groups);
	return count;
}

/*
 * Notifications: the share values a change adds, each with the addresses
 * to tell (the grantee's own, or every member's of a group grantee).
 */
static int
is_share_attr(const char *attr)
{
	int lvl;

	/* Asked of every attribute of every write: the common prefix first,
	 * its first letter before any call. */
	if (!attr || (attr[0] | 0x20) != 't' || strncasecmp(attr, "tenancyShare", 12) != 0)
		return 0;
	for (lvl = R_SHARE_READ; lvl <= R_SHARE_MANAGE; lvl++)
		if (strcasecmp(attr, ref_attr_name[lvl]) == 0)
			return 1;
	return 0;
}

/* Most writes grant no share: say so without building any record. */
static int
grants_shares(const struct tn_change *c)
{
	size_t i;

	if (c->kind == TN_MODIFY) {
		for (i = 0; i < c->nmods; i++)
			if (c->mods[i].op != TN_MOD_DELETE && is_share_attr(c->mods[i].attr.name))
				return 1;
	} else if (c->kind == TN_ADD && c->entry) {
		for (i = 0; i < c->entry->nattrs; i++)
			if (is_share_attr(c->entry->attrs[i].name))
				return 1;
	}
	return 0;
}

/* One notification a change calls for: who, at which level, through
 * which of the share values it adds. */
struct notice {
	uint32_t to;
	int lvl;
	size_t value;
};

size_t
tn_share_grants(const struct tn_model *m, const struct tn_change *c, tn_grant_fn fn, void *ctx)
{
	struct rec before, after;
	struct buf cdn, gdn;
	struct notice *notes = NULL;
	size_t count = 0, cap = 0, i, k;
	uint32_t id = 0, *flat = NULL;
	const char *maddr = NULL;
	int lvl;

	if (!grants_shares(c))
		return 0;
	buf_init(&cdn);
	buf_init(&gdn);
	rec_init(&before);
	rec_init(&after);
	if (!c->dn || dn_canon(c->dn, strlen(c->dn), &cdn) < 0 || cdn.len == 0)
		goto out;
	if (rec_pair(m, c, cdn.s, cdn.len, &id, &before, &after) < 0)
		goto out;
	if (after.mail.n)
		maddr = after.mail.v[0];
	if (!maddr)
		goto out;
	/* Each person once a level, however many of the values added reach
	 * them (a thousand groups that all hold one group of everyone): the
	 * groups of a level flattened with one visited set, the people told
	 * kept in another.  The list is made before anyone is told. */
	for (lvl = R_SHARE_READ; lvl <= R_SHARE_MANAGE; lvl++) {
		struct idset visited, told;
		idset_init(&visited);
		idset_init(&told);
		for (i = 0; i < after.ref[lvl].n; i++) {
			const char *g = after.ref[lvl].v[i];
			uint32_t gid = node_find(m, g, strlen(g));
			if (strv_has(&before.ref[lvl], g) || !gid)
				continue;
			idlist_free(&flat);
			if (m->nodes[gid].kind == K_GROUP) {
				if (group_flatten_seen(m, gid, &visited, &flat) < 0)
					break;
			} else if (idset_has(&visited, gid) || !idset_add(&visited, gid) ||
			           idlist_add(&flat, gid) < 0) {
				continue;
			}
			for (k = 0; k < idlist_len(flat); k++) {
				uint32_t u = IDLIST_AT(flat, k);
				if (!addr_primary(&m->nodes[u]) || !node_routable(m, u) ||
				        !idset_add(&told, u))
					continue;
				if (count == cap) {
					size_t ncap = cap ? 2 * cap : 16;
					struct notice *nn = realloc(notes, ncap * sizeof(*nn));
					if (!nn)
						break;
					notes = nn;
					cap = ncap;
				}
				notes[count].to = u;
				notes[count].lvl = lvl;
				notes[count].value = i;
				count++;
			}
		}
		idset_free(&visited);
		idset_free(&told);
	}
	/* Too many to tell one by one: nobody is, and the count says why. */
	if (count > TN_SHARE_NOTIFY_MAX || !fn)
		goto out;
	for (i = 0; i < count; i++) {
		const struct notice *n = &notes[i];
		const char *g = after.ref[n->lvl].v[n->value];
		buf_reset(&gdn);
		node_dn_display(m, node_find(m, g, strlen(g)), &gdn);
		fn(ctx, c->dn, maddr, gdn.s ? gdn.s : "", share_level_name[n->lvl - R_SHARE_READ],
		        addr_primary(&m->nodes[n->to]));
	}
out:
	free(notes);
	idlist_free(&flat);
	rec_free(&before);
	rec_free(&after);
	buf_free(&cdn);
	buf_free(&gdn);
	return count;
}
