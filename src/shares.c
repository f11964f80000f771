/*
 * shares.c - share levels on mailboxes, and the IMAP share groups that
 * Dovecot reads.
 *
 * Four levels, lowest first: read, readreply, write, manage.  The highest
 * level a user holds, directly or through any group, counts.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

const char *const share_level_name[SHARE_LEVELS] = {
	"read", "readreply", "write", "manage"
};

int
share_level(const struct tn_model *m, uint32_t mbox, uint32_t user,
	uint32_t *via)
{
	const struct node *n = node_get(m, mbox);
	uint32_t *groups = NULL, i;
	struct idset who;
	int lvl, found = -1;

	if (!n || !user)
		return -1;
	idset_init(&who);
	idset_add(&who, user);
	if (groups_containing(m, user, &groups, NULL) == 0)
		for (i = 0; i < idlist_len(groups); i++)
			idset_add(&who, IDLIST_AT(groups, i));
	for (lvl = SHARE_LEVELS - 1; lvl >= 0 && found < 0; lvl--) {
		const uint32_t *l = n->fwd[R_SHARE_READ + lvl];
		for (i = 0; i < idlist_len(l); i++) {
			if (idset_has(&who, IDLIST_AT(l, i))) {
				found = R_SHARE_READ + lvl;
				if (via)
					*via = IDLIST_AT(l, i);
				break;
			}
		}
	}
	idset_free(&who);
	idlist_free(&groups);
	return found;
}

/*
 * tenancyImapGroup: one value, "<mailbox address>:<level>" for every
 * mailbox shared with the user, comma-separated, each at its highest level.
 */
size_t
imap_groups(const struct tn_model *m, uint32_t user, struct buf *out)
{
	uint32_t *groups = NULL, *mboxes = NULL, i, j;
	int *levels = NULL;
	size_t count = 0;

	if (groups_containing(m, user, &groups, NULL) < 0)
		goto out;
	for (i = 0; i <= idlist_len(groups); i++) {
		uint32_t p = i == 0 ? user : IDLIST_AT(groups, i - 1);
		const struct node *pn = &m->nodes[p];
		for (j = 0; j < idlist_len(pn->refs); j++) {
			uint32_t r = IDLIST_AT(pn->refs, j), mb = REF_ID(r), k;
			enum ref_attr a = REF_ATTR(r);
			int lvl;
			if (a < R_SHARE_READ || a > R_SHARE_MANAGE)
				continue;
			lvl = (int)(a - R_SHARE_READ);
			for (k = 0; k < idlist_len(mboxes); k++)
				if (IDLIST_AT(mboxes, k) == mb)
					break;
			if (k < idlist_len(mboxes)) {
				if (lvl > levels[k])
					levels[k] = lvl;
				continue;
			}
			if (idlist_add(&mboxes, mb) < 0)
				goto out;
			{
				int *nl = realloc(levels, idlist_len(mboxes) * sizeof(int));
				if (!nl)
					goto out;
				levels = nl;
				levels[idlist_len(mboxes) - 1] = lvl;
			}
		}
	}
	for (i = 0; i < idlist_len(mboxes); i++) {
		uint32_t mb = IDLIST_AT(mboxes, i);
		const char *addr = addr_primary(&m->nodes[mb]);
		if (!addr || !node_routable(m, mb) || mb == user)
			continue;
		buf_printf(out, "%s%s:%s", count ? "," : "", addr,
			share_level_name[levels[i]]);
		count++;
	}
out:
	free(levels);
	idlist_free(&mboxes);
	idlist_free(&groups);
	return count;
}
