/*
 * roles.c - the permission vocabulary, the one table that says which
 * permission a change to each attribute needs, and role definitions.
 *
 * Roles are tenancyRole entries: permissions plus implied roles.  A grant
 * names roles by name, so a role may be named before it is defined; the
 * judge refuses grants of undefined roles.
 *
 * Interface (roles.h): perm_name(), perm_parse(), perm_for_attr(),
 * role_intern(), role_find(), role_perms(), role_expand();
 * tn_permission_count(), tn_permission_name() and tn_permission_doc()
 * (tenancy.h), for documentation and the command line.
 *
 * Failure modes: role_intern() returns UINT32_MAX when memory runs out;
 * role_find() then answers as for an unknown role, and role_perms() with
 * no permission at all: the safe side in every case.
 */
#include "engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	const char *doc;
} perms[P_COUNT] = {
        [P_CONSOLE] = {"console",
                "open the administration console (BlueMind's console access flag)"},
        [P_DOMAIN] = {"domain",
                "change the domain entry: alias domains, default quota, status, settings"},
        [P_DOMAIN_DELETE] = {"domain.delete", "delete the domain (La Suite's owner)"},
        [P_UNITS] = {"units", "create, rename and delete units below the scope"},
        [P_USERS_CREATE] = {"users.create", "create mailbox users"},
        [P_USERS_DELETE] = {"users.delete", "delete mailbox users"},
        [P_USERS_MOVE] = {"users.move", "move users between units (needed at both ends)"},
        [P_USERS_PASSWORD] = {"users.password", "reset users' passwords"},
        [P_USERS_FIELDS] = {"users.fields",
                "edit directory fields: names, phones, titles, description"},
        [P_USERS_MAIL] = {"users.mail", "change users' addresses, aliases, login and status"},
        [P_QUOTA] = {"quota", "change mailbox quotas"},
        [P_SERVICES] = {"services", "change enabled services and features"},
        [P_GROUPS] = {"groups", "create, rename, delete and edit groups"},
        [P_GROUPS_MEMBERS] = {"groups.members", "add and remove group members"},
        [P_SHARED] = {"shared", "create, rename, delete and edit shared mailboxes"},
        [P_SHARES] = {"shares", "change the shares and send-as delegates of mailboxes"},
        [P_GRANTS] = {"grants", "grant and revoke roles, within the roles the grantor holds"},
};

const char *
perm_name(enum perm p)
{
	return perms[p].name;
}

int
perm_parse(const char *s, size_t len)
{
	int i;

	for (i = 0; i < P_COUNT; i++)
		if (strlen(perms[i].name) == len && strncasecmp(perms[i].name, s, len) == 0)
			return i;
	return -1;
}

size_t
tn_permission_count(void)
{
	return P_COUNT;
}

const char *
tn_permission_name(size_t i)
{
	return i < P_COUNT ? perms[i].name : NULL;
}

const char *
tn_permission_doc(size_t i)
{
	return i < P_COUNT ? perms[i].doc : NULL;
}

/*
 * The attribute-to-permission table.  A row with attr NULL is the default
 * for its kind.  `self` marks what may be changed without any role: 1, by
 * the mailbox's own user or a holder of its manage share (shares and
 * delegates); 2, by its own user only (password, subscriptions).
 */
#define SHARE_ATTRS(kind, perm)                                                                    \
	{kind, "tenancyShareRead", perm, 1}, {kind, "tenancyShareReadReply", perm, 1},             \
	        {kind, "tenancyShareWrite", perm, 1}, {kind, "tenancyShareManage", perm, 1},       \
	        {kind, "tenancySendAsDelegate", perm, 1},                                          \
	{                                                                                          \
		kind, "tenancySendOnBehalfDelegate", perm, 1                                       \
	}

static const struct {
	enum kind kind;
	const char *attr;
	enum perm perm;
	int self;
} attr_table[] = {
        {K_USER, "userPassword", P_USERS_PASSWORD, 2},
        {K_USER, "mail", P_USERS_MAIL, 0},
        {K_USER, "tenancyMailAlias", P_USERS_MAIL, 0},
        {K_USER, "uid", P_USERS_MAIL, 0},
        {K_USER, "tenancyStatus", P_USERS_MAIL, 0},
        {K_USER, "objectClass", P_USERS_MAIL, 0},
        {K_USER, "tenancyQuota", P_QUOTA, 0},
        {K_USER, "tenancyService", P_SERVICES, 0},
        {K_USER, "tenancyUnitRef", P_USERS_MOVE, 0},
        {K_USER, "tenancySubscription", P_SHARES, 2},
        SHARE_ATTRS(K_USER, P_SHARES),
        {K_USER, NULL, P_USERS_FIELDS, 0},

        {K_SHARED, "tenancyQuota", P_QUOTA, 0},
        {K_SHARED, "tenancyService", P_SERVICES, 0},
        SHARE_ATTRS(K_SHARED, P_SHARES),
        {K_SHARED, NULL, P_SHARED, 0},

        {K_GROUP, "member", P_GROUPS_MEMBERS, 0},
        {K_GROUP, NULL, P_GROUPS, 0},

        {K_CONTACT, NULL, P_USERS_FIELDS, 0},
        {K_OTHER, NULL, P_USERS_FIELDS, 0},
        {K_DOMAIN, NULL, P_DOMAIN, 0},
        {K_UNIT, NULL, P_UNITS, 0},
        {K_GRANT, NULL, P_GRANTS, 0},
};

enum perm
perm_for_attr(enum kind k, const char *attr, int *self)
{
	size_t i;
	const size_t n = sizeof(attr_table) / sizeof(attr_table[0]);
	/* DESIGN §5a.3: "tenancyQuota;lang-en" is tenancyQuota to every
	 * search, so it needs tenancyQuota's permission; only the type before
	 * the options counts. */
	size_t len = strcspn(attr, ";");

	*self = 0;
	for (i = 0; i < n; i++) {
		if (attr_table[i].kind != k || !attr_table[i].attr)
			continue;
		if (strlen(attr_table[i].attr) == len &&
		        strncasecmp(attr_table[i].attr, attr, len) == 0) {
			*self = attr_table[i].self;
			return attr_table[i].perm;
		}
	}
	for (i = 0; i < n; i++)
		if (attr_table[i].kind == k && !attr_table[i].attr)
			return attr_table[i].perm;
	return P_USERS_FIELDS;
}

uint32_t
role_find(const struct tn_model *m, const char *name, size_t len)
{
	char stack[256] = "", *low = len < sizeof(stack) ? stack : malloc(len + 1);
	uint32_t r;
	size_t i;

	if (!low)
		return UINT32_MAX;
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	r = strmap_get(&m->rolemap, low, len, UINT32_MAX);
	if (low != stack)
		free(low);
	return r;
}

uint32_t
role_intern(struct tn_model *m, const char *name, size_t len)
{
	uint32_t r = role_find(m, name, len);
	struct role *ro;
	size_t i;

	if (r != UINT32_MAX)
		return r;
	if (m->nroles == m->caproles) {
		uint32_t ncap = m->caproles ? m->caproles * 2 : 16;
		struct role *nr = realloc(m->roles, ncap * sizeof(*nr));
		if (!nr)
			return UINT32_MAX;
		m->roles = nr;
		m->caproles = ncap;
	}
	ro = &m->roles[m->nroles];
	memset(ro, 0, sizeof(*ro));
	ro->name = malloc(len + 1);
	if (!ro->name)
		return UINT32_MAX;
	for (i = 0; i < len; i++)
		ro->name[i] = (char)tolower((unsigned char)name[i]);
	ro->name[len] = '\0';
	if (!strmap_put(&m->rolemap, ro->name, len, m->nroles)) {
		free(ro->name);
		return UINT32_MAX;
	}
	return m->nroles++;
}

#define ROLE_SET(set, r) ((set)[(r) / 64] & (1ull << ((r) % 64)))

void
role_expand(const struct tn_model *m, uint32_t r, uint64_t *set)
{
	/* A walk with its own stack, not the thread's: a chain of
	 * tenancyImplies as long as the roles are many (an operator's
	 * thousands) must not overflow slapd's thread stack.  Each role is
	 * pushed once.  Memory running out for the stack leaves roles
	 * unpushed; passes over the set then add what they imply. */
	uint32_t small[64], *stack = small, n = 0, cap = 64, j, q;
	int lost = 0;

	if (r >= m->nroles || ROLE_SET(set, r))
		return;
	set[r / 64] |= 1ull << (r % 64);
	stack[n++] = r;
	while (n) {
		const struct role *ro = &m->roles[stack[--n]];
		for (j = 0; j < idlist_len(ro->implies); j++) {
			q = IDLIST_AT(ro->implies, j);
			if (q >= m->nroles || ROLE_SET(set, q))
				continue;
			set[q / 64] |= 1ull << (q % 64);
			if (n == cap) {
				uint32_t *ns = malloc(2 * (size_t)cap * sizeof(*ns));
				if (!ns) {
					lost = 1;
					continue;
				}
				memcpy(ns, stack, n * sizeof(*ns));
				if (stack != small)
					free(stack);
				stack = ns;
				cap *= 2;
			}
			stack[n++] = q;
		}
	}
	if (stack != small)
		free(stack);
	while (lost) {
		lost = 0;
		for (q = 0; q < m->nroles; q++) {
			if (!ROLE_SET(set, q))
				continue;
			for (j = 0; j < idlist_len(m->roles[q].implies); j++) {
				uint32_t i = IDLIST_AT(m->roles[q].implies, j);
				if (i < m->nroles && !ROLE_SET(set, i)) {
					set[i / 64] |= 1ull << (i % 64);
					lost = 1;
				}
			}
		}
	}
}

uint32_t
role_perms(const struct tn_model *m, uint32_t r)
{
	size_t words = (m->nroles + 63) / 64, w;
	uint64_t stack[4], *set = words <= 4 ? stack : calloc(words, 8);
	uint32_t p = 0, i;

	if (!set)
		return 0;
	memset(set, 0, words * 8);
	role_expand(m, r, set);
	for (w = 0; w < words; w++)
		for (i = 0; i < 64; i++)
			if (set[w] & (1ull << i))
				p |= m->roles[w * 64 + i].perms;
	if (set != stack)
		free(set);
	return p;
}
