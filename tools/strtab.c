/*
 * strtab.c - a hash table from case-insensitive names to pointers.
 *
 * For the tables the command keeps while it reads: DNs of unordered input
 * (dnlines.c), attribute types and object classes (schema.c).  Keys are
 * copied, lower-cased; values belong to the caller.  Open addressing,
 * grown at half full; nothing is ever listed in slot order.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "util/strmap.h"

struct strtab_slot {
	char *key;
	void *value;
};

/* The engine's keyed hash, without case: the DNs come from the input, and
 * with a hash anyone can compute an LDIF could bring thousands filed
 * under one slot, each lookup then walking them all (see strmap.c). */
static size_t
hash(const char *s)
{
	return strmap_hash_lower(s, strlen(s));
}

static struct strtab_slot *
slot(const struct strtab *t, const char *key)
{
	size_t i = hash(key) & (t->cap - 1);

	while (t->slots[i].key != NULL && strcasecmp(t->slots[i].key, key) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static int
grow(struct strtab *t)
{
	struct strtab bigger = {NULL, 0, 0};
	size_t i;

	bigger.cap = t->cap ? t->cap * 2 : 64;
	bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
	if (bigger.slots == NULL)
		return -1;
	for (i = 0; i < t->cap; i++) {
		if (t->slots[i].key != NULL)
			*slot(&bigger, t->slots[i].key) = t->slots[i];
	}
	bigger.n = t->n;
	free(t->slots);
	*t = bigger;
	return 0;
}

int
strtab_put(struct strtab *t, const char *key, void *value, void **old)
{
	struct strtab_slot *s;

	if (old != NULL)
		*old = NULL;
	if ((t->n + 1) * 2 > t->cap && grow(t) != 0)
		return -1;
	s = slot(t, key);
	if (s->key == NULL) {
		char *p;
		if ((s->key = strdup(key)) == NULL)
			return -1;
		for (p = s->key; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		t->n++;
	} else if (old != NULL) {
		*old = s->value;
	}
	s->value = value;
	return 0;
}

void *
strtab_get(const struct strtab *t, const char *key)
{
	return t->cap ? slot(t, key)->value : NULL;
}

void
strtab_free(struct strtab *t, void (*free_value)(void *))
{
	size_t i;

	for (i = 0; i < t->cap; i++) {
		if (t->slots[i].key != NULL && free_value != NULL)
			free_value(t->slots[i].value);
		free(t->slots[i].key);
	}
	free(t->slots);
	memset(t, 0, sizeof *t);
}

size_t
strtab_longest_probe(const struct strtab *t)
{
	size_t i, start = 0, run = 0, longest = 0;

	if (t->n == 0)
		return 0;
	while (t->slots[start].key != NULL) /* grown at half full: some are empty */
		start++;
	for (i = 1; i <= t->cap; i++) {
		if (t->slots[(start + i) & (t->cap - 1)].key != NULL) {
			if (++run > longest)
				longest = run;
		} else {
			run = 0;
		}
	}
	return longest;
}
