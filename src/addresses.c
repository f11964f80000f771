/*
 * addresses.c - mail addresses and their one index.
 *
 * An address is keyed by its local part and its tenant, not by its domain
 * part: bob@iwdemo.fr and bob@iwdemo.com are one slot when iwdemo.com
 * aliases iwdemo.fr (DESIGN §5.3).  Adding or removing an alias domain
 * therefore re-keys nothing.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#define ADDR_MAX 254
#define LOCAL_MAX 64

int
addr_split(const char *a, size_t len, size_t *at)
{
	const char *p;

	if (len == 0 || len > ADDR_MAX)
		return -1;
	p = memchr(a, '@', len);
	if (!p || p == a || (size_t)(p - a) > LOCAL_MAX || p + 1 == a + len)
		return -1;
	if (memchr(p + 1, '@', len - (size_t)(p - a) - 1))
		return -1;
	*at = (size_t)(p - a);
	if (!domain_name_valid(p + 1, len - *at - 1))
		return -1;
	return 0;
}

/* "local\0<tenant id>" */
static size_t
addr_key(char *key, const char *local, size_t llen, uint32_t tenant)
{
	memcpy(key, local, llen);
	key[llen] = '\0';
	memcpy(key + llen + 1, &tenant, sizeof(tenant));
	return llen + 1 + sizeof(tenant);
}

/* Index only addresses whose domain is the tenant's: others are invalid
 * and the judge refuses them; loaded data may still hold them. */
int
addr_index(struct tn_model *m, uint32_t owner)
{
	const struct node *n = node_get(m, owner);
	char key[LOCAL_MAX + 1 + sizeof(uint32_t)];
	uint32_t t = tenant_of(m, owner);
	const char *v;

	if (!n->addrs || !t)
		return 0;
	PACK_FOREACH(n->addrs, v) {
		size_t at, len = strlen(v + 1);
		if (addr_split(v + 1, len, &at) < 0)
			continue;
		if (tenant_by_name(m, v + 2 + at, len - at - 1) != t)
			continue;
		if (strmap_get(&m->addrmap, key, addr_key(key, v + 1, at, t), 0))
			continue;       /* taken: first owner keeps it */
		if (!strmap_put(&m->addrmap, key, addr_key(key, v + 1, at, t), owner))
			return -1;
	}
	return 0;
}

void
addr_unindex(struct tn_model *m, uint32_t owner)
{
	const struct node *n = node_get(m, owner);
	char key[LOCAL_MAX + 1 + sizeof(uint32_t)];
	uint32_t t = tenant_of(m, owner);
	const char *v;

	if (!n->addrs || !t)
		return;
	PACK_FOREACH(n->addrs, v) {
		size_t at, len = strlen(v + 1), klen;
		if (addr_split(v + 1, len, &at) < 0)
			continue;
		klen = addr_key(key, v + 1, at, t);
		if (strmap_get(&m->addrmap, key, klen, 0) == owner)
			strmap_del(&m->addrmap, key, klen);
	}
}

uint32_t
addr_owner(const struct tn_model *m, const char *a, size_t len)
{
	char key[LOCAL_MAX + 1 + sizeof(uint32_t)], low[ADDR_MAX + 1];
	size_t at, i;
	uint32_t t;

	if (len > ADDR_MAX)
		return 0;
	for (i = 0; i < len; i++)
		low[i] = (char)((a[i] >= 'A' && a[i] <= 'Z') ? a[i] + 32 : a[i]);
	if (addr_split(low, len, &at) < 0)
		return 0;
	t = tenant_by_name(m, low + at + 1, len - at - 1);
	if (!t)
		return 0;
	return strmap_get(&m->addrmap, key, addr_key(key, low, at, t), 0);
}

const char *
addr_primary(const struct node *n)
{
	const char *v;

	PACK_FOREACH(n->addrs, v)
		if (v[0] == 'm')
			return v + 1;
	return NULL;
}

size_t
addr_count_domain(const struct tn_model *m, uint32_t tenant, const char *domain,
	const char **example, uint32_t *example_owner)
{
	const struct strmap_slot *s;
	size_t count = 0, dlen = strlen(domain);

	/* Removing an alias domain is rare; a scan of the address index is
	 * enough and keeps the common paths free of per-domain counters. */
	STRMAP_FOREACH(&m->addrmap, s) {
		uint32_t t, owner = s->val;
		const struct node *n;
		const char *v;
		size_t llen = strlen(s->key);
		memcpy(&t, s->key + llen + 1, sizeof(t));
		if (t != tenant)
			continue;
		n = &m->nodes[owner];
		PACK_FOREACH(n->addrs, v) {
			size_t vlen = strlen(v + 1);
			if (vlen == llen + 1 + dlen && strncmp(v + 1, s->key, llen) == 0 &&
					v[1 + llen] == '@' && strcmp(v + 2 + llen, domain) == 0) {
				if (count == 0) {
					*example = v + 1;
					*example_owner = owner;
				}
				count++;
			}
		}
	}
	return count;
}
