/*
 * test_flooding.c - hash flooding of the model's indexes.
 *
 * An actor who may create entries in one unit (carol, a userManager at
 * Europe, here) computes offline thousands of names whose hashes fall on
 * one slot of an index, or on a few neighbouring slots, or share the whole
 * hash, and creates entries with them.  Were the hash one anyone can
 * compute, every lookup landing there, any tenant's, would walk all of
 * them.  The names are found here as such an actor would find them: by
 * brute force against public_hash(), the hash as it stood before it took
 * a secret seed.  The indexes must stay as short as random keys make them.
 *
 * The tests read the model's indexes through model.h: nothing of this is
 * in tenancy.h.
 */
#include "fixture.h"
#include "model.h"

#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TestSuite(flooding, .init = fx_setup, .fini = fx_teardown);
TestSuite(flooding_logins, .init = fx_setup_uid_logins, .fini = fx_teardown);

/* Names brute-forced for one attack: enough that a cluster of them
 * dwarfs what chance makes, few enough that finding them stays cheap;
 * with the world's entries they take each index past its growth to 8192
 * slots, so that it is less than half full. */
#define FLOOD 3200
/* The low bits the names agree on: every index of up to 2^13 slots files
 * them under one slot. */
#define SLOT_MASK 0x1fffu
/* The longest run of used slots allowed.  Random keys at these loads
 * (below one half) make runs of a few dozen. */
#define SHORT 150

/* The former hash's steps from a starting state: eight bytes a step, a
 * multiply and a shift. */
static uint32_t
old_steps(uint64_t h, const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t w;
	uint32_t r;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, p, len);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 32;
	r = (uint32_t)h;
	return r ? r : 1;
}

/* The hash of a byte string as it was before it had a seed: the same for
 * every process, so anyone could search it offline. */
static uint32_t
public_hash(const void *key, size_t len)
{
	return old_steps(0x9e3779b97f4a7c15ull ^ (uint64_t)len, key, len);
}

/* The DN index's hash of an RDN below a parent filed under `parent`, as
 * tree.c makes it from the string hash. */
static uint32_t
public_path_hash(uint32_t parent, const char *rdn, size_t len)
{
	uint64_t h = ((uint64_t)parent << 32 | public_hash(rdn, len)) * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

/* What a candidate name is filed under, by one index. */
typedef uint32_t (*filing_fn)(const char *name);

static uint32_t people_hash;

/* The DN index: the user's DN is uid=NAME below ou=people of iwdemo.fr. */
static uint32_t
dn_filing(const char *name)
{
	char rdn[64];
	int len = snprintf(rdn, sizeof(rdn), "uid=%s", name);

	if (!people_hash) {
		static const char *const above[] = {"dc=net", "dc=example", "ou=domains",
		        "tenancydomainname=iwdemo.fr", "ou=people"};
		size_t i;
		people_hash = 0x6a09e667u;
		for (i = 0; i < sizeof(above) / sizeof(above[0]); i++)
			people_hash = public_path_hash(people_hash, above[i], strlen(above[i]));
	}
	return public_path_hash(people_hash, rdn, (size_t)len);
}

/* The address index and the login index: the name's own hash (the
 * address index mixes in the tenant, the same for all of them). */
static uint32_t
name_filing(const char *name)
{
	return public_hash(name, strlen(name));
}

/* FLOOD names "<prefix><hex><suffix>" that `filing` puts, masked with
 * SLOT_MASK, in one window of `width` slots: one slot (width 1) or
 * neighbours. */
static char **
brute_force(const char *prefix, const char *suffix, filing_fn filing, uint32_t width)
{
	char **names = fx_alloc(FLOOD * sizeof(*names));
	char name[64];
	uint32_t target = 0, i, n = 0;

	for (i = 0; n < FLOOD; i++) {
		uint32_t slot;
		snprintf(name, sizeof(name), "%s%08x%s", prefix, i, suffix);
		slot = filing(name) & SLOT_MASK;
		if (i == 0)
			target = slot;
		if (((slot - target) & SLOT_MASK) < width)
			names[n++] = fx_strdup(name);
	}
	return names;
}

/* carol creates a mailbox at Paris, as the overlay would have her do. */
static void
create_user(const char *uid, const char *local)
{
	enum tn_result r = fx_add(AS(USER("carol")), fx_printf("uid=%s,ou=people," DOM, uid),
	        "objectClass: inetOrgPerson", "objectClass: tenancyMailbox",
	        fx_printf("uid: %s", uid), "cn: x", "sn: x", fx_printf("mail: %s@iwdemo.fr", local),
	        "tenancyUnitRef: " PARIS, FX_END);

	cr_assert_eq(r, TN_OK, "%s: %s", uid, fx_text());
}

/* ------------------------------------------------------------ the DN index */

Test(flooding, uids_sharing_one_slot_of_the_dn_index_leave_its_lookups_short)
{
	char **names = brute_force("f", "", dn_filing, 1);
	size_t i, longest;

	for (i = 0; i < FLOOD; i++)
		create_user(names[i], names[i]);
	longest = idmap_longest_probe(&fx->dnmap);
	cr_assert_lt(longest, SHORT, "%zu used slots in a row, %zu of %zu", longest,
	        fx->dnmap.count, fx->dnmap.cap);
}

Test(flooding, uids_filling_neighbouring_slots_of_the_dn_index_leave_its_lookups_short)
{
	/* Sixty-four home slots side by side: no two names share one, and
	 * linear probing makes them one run all the same. */
	char **names = brute_force("n", "", dn_filing, 64);
	size_t i, longest;

	for (i = 0; i < FLOOD; i++)
		create_user(names[i], names[i]);
	longest = idmap_longest_probe(&fx->dnmap);
	cr_assert_lt(longest, SHORT, "%zu used slots in a row, %zu of %zu", longest,
	        fx->dnmap.count, fx->dnmap.cap);
}

/* ------------------------------------------------ addresses and logins */

Test(flooding, local_parts_sharing_one_slot_leave_the_address_index_short)
{
	char **locals = brute_force("a", "", name_filing, 1);
	size_t i, longest;

	for (i = 0; i < FLOOD; i++)
		create_user(fx_printf("u%zu", i), locals[i]);
	longest = idmap_longest_probe(&fx->addrmap);
	cr_assert_lt(longest, SHORT, "%zu used slots in a row, %zu of %zu", longest,
	        fx->addrmap.count, fx->addrmap.cap);
}

Test(flooding_logins, logins_sharing_one_slot_leave_the_login_index_short)
{
	char **logins = brute_force("l", "", name_filing, 1);
	size_t i, longest;

	for (i = 0; i < FLOOD; i++)
		create_user(logins[i], fx_printf("m%zu", i));
	longest = strmap_longest_probe(&fx->logins);
	cr_assert_lt(longest, SHORT, "%zu used slots in a row, %zu of %zu", longest,
	        fx->logins.count, fx->logins.cap);
}

Test(flooding, domain_names_sharing_one_slot_leave_the_domain_index_short)
{
	/* The names of a tenant: an operator's one add here, a domainManager's
	 * aliases one modify at a time as well. */
	char **names = brute_force("d", ".example", name_filing, 1);
	struct tn_entry *e = fx_entry("tenancyDomainName=flood.example," DOMAINS,
	        "objectClass: tenancyDomain", "tenancyDomainName: flood.example", FX_END);
	size_t i, longest;

	for (i = 0; i < FLOOD; i++)
		fx_entry_add(e, "tenancyDomainAlias", names[i], strlen(names[i]));
	cr_assert_eq(fx_add_entry(AS(OPERATOR), e), TN_OK, "%s", fx_text());
	cr_assert_eq(tn_route(fx, names[FLOOD - 1], strlen(names[FLOOD - 1]), NULL, NULL), 1);
	longest = strmap_longest_probe(&fx->domains);
	cr_assert_lt(longest, SHORT, "%zu used slots in a row, %zu of %zu", longest,
	        fx->domains.count, fx->domains.cap);
}

/* ---------------------------------------- colliding in the whole hash */

/*
 * Names that share the whole public hash, whatever state it starts from:
 * flipping the top bit of a word before a step that only multiplies and
 * shifts flips bits 63 and 34 of the state after it (a multiply carries
 * nothing out of the top bit), and the next word can flip them back.  So
 * each of twelve words may carry the difference on or not: 4096 names
 * of thirteen words, one state at the end.  A seed in the starting state
 * alone would not have stopped it.
 */
#define WORDS 13
static void
multicollision(uint32_t j, char *name)
{
	const uint64_t top = 1ull << 63, x = top | 1ull << 34;
	uint64_t base, w;
	int i, before = 0;

	memcpy(&base, "abcdefgh", 8);
	for (i = 0; i < WORDS; i++) {
		int after = i + 1 < WORDS ? (int)(j >> i & 1) : 0;
		w = base ^ (before ? (after ? x ^ top : x) : (after ? top : 0));
		memcpy(name + 8 * i, &w, 8);
		before = after;
	}
	name[8 * WORDS] = '\0';
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

Test(flooding, names_sharing_the_whole_public_hash_are_spread)
{
	static uint32_t hashes[1u << (WORDS - 1)];
	struct strmap m;
	char name[8 * WORDS + 1];
	size_t i, n = sizeof(hashes) / sizeof(hashes[0]), same = 1, most = 1, longest;
	uint32_t common, seeded[2];

	multicollision(0, name);
	common = public_hash(name, 8 * WORDS);
	/* The former steps from secret starting states, had the seed gone
	 * there alone: one hash for all the names under each. */
	seeded[0] = old_steps(0x0123456789abcdefull, name, 8 * WORDS);
	seeded[1] = old_steps(0xfedcba9876543210ull, name, 8 * WORDS);
	strmap_init(&m);
	for (i = 0; i < n; i++) {
		multicollision((uint32_t)i, name);
		/* The construction, checked: one public hash for all. */
		cr_assert_eq(public_hash(name, 8 * WORDS), common, "name %zu", i);
		cr_assert_eq(old_steps(0x0123456789abcdefull, name, 8 * WORDS), seeded[0]);
		cr_assert_eq(old_steps(0xfedcba9876543210ull, name, 8 * WORDS), seeded[1]);
		hashes[i] = strmap_hash(name, 8 * WORDS);
		cr_assert_not_null(strmap_put(&m, name, 8 * WORDS, (uint32_t)i));
	}
	cr_assert_eq(m.count, n, "the names are not all different");
	qsort(hashes, n, sizeof(hashes[0]), cmp_u32);
	for (i = 1; i < n; i++) {
		same = hashes[i] == hashes[i - 1] ? same + 1 : 1;
		if (same > most)
			most = same;
	}
	longest = strmap_longest_probe(&m);
	strmap_free(&m);
	cr_assert_leq(most, 2, "%zu names share one hash", most);
	cr_assert_lt(longest, SHORT, "%zu used slots in a row", longest);
}

/* ------------------------------------------------------ the secret itself */

/*
 * The secret changes the order of every index's slots from run to run:
 * nothing anyone sees may follow it.  The world is built under two
 * secrets, and everything the engine says of it is compared, in the
 * order the engine says it: computed values, the model's findings with
 * their evidence, rights, identities, senders, routes, a refusal.
 */
struct said {
	char *s;
	size_t len, cap;
};

static void
say(struct said *o, const char *a, const char *b, size_t blen)
{
	size_t alen = strlen(a), need = o->len + alen + blen + 3;

	if (need > o->cap) {
		o->cap = need * 2;
		o->s = realloc(o->s, o->cap);
		cr_assert_not_null(o->s);
	}
	memcpy(o->s + o->len, a, alen);
	o->s[o->len + alen] = ' ';
	memcpy(o->s + o->len + alen + 1, b, blen);
	o->len += alen + 1 + blen;
	o->s[o->len++] = '\n';
	o->s[o->len] = '\0';
}

static const char *said_as = "";

static int
said_value(void *ctx, const char *v, size_t len)
{
	say(ctx, said_as, v, len);
	return 0;
}

static void
said_finding(void *ctx, const char *dn, const struct tn_verdict *v)
{
	say(ctx, dn, v->text, strlen(v->text));
	if (v->explain)
		say(ctx, "explain", v->explain, strlen(v->explain));
}

static void
said_conflict(void *ctx, const char *loser, const char *rule, const char *key, const char *winner)
{
	say(ctx, loser, rule, strlen(rule));
	say(ctx, key, winner, strlen(winner));
}

static int
said_identity(void *ctx, const char *address, const char *rule, const char *chain)
{
	say(ctx, address, rule, strlen(rule));
	if (chain)
		say(ctx, "chain", chain, strlen(chain));
	return 0;
}

static int
said_who(void *ctx, const char *login, const char *reason)
{
	say(ctx, login, reason, strlen(reason));
	return 0;
}

static int
said_route(void *ctx, const char *dn, const char *attr, const char *stored)
{
	say(ctx, dn, attr, strlen(attr));
	say(ctx, "stored", stored, strlen(stored));
	return 0;
}

static void
said_answer(struct said *o, const char *what, const struct tn_answer *a)
{
	say(o, what, a->text ? a->text : "-", a->text ? strlen(a->text) : 1);
	if (a->explain)
		say(o, "explain", a->explain, strlen(a->explain));
}

static char *
everything_said(void)
{
	static const char *const dns[] = {USER("alice"), USER("bob"), USER("boss"), USER("carol"),
	        USER("dave"), USER("erin"), USER("henri"), USER("ivan"), USER("judy"),
	        OUSER("oscar"), GROUP("admins"), GROUP("admins-inner"), GROUP("cycle-a"),
	        GROUP("cycle-b"), GROUP("delegates"), GROUP("delegates-inner"), GROUP("power"),
	        GROUP("sales"), SHARED("contact"), SHARED("sales-box"), DOM, ODOM};
	static const char *const computed[] = {TN_AT_ADDRESS, TN_AT_SENDER, TN_AT_DELIVER_TO,
	        TN_AT_IMAP_GROUP, TN_AT_EFFECTIVE_ROLE, TN_AT_CONFLICT, TN_AT_IDENTITY};
	struct said o = {NULL, 0, 0};
	struct tn_answer a;
	size_t i, k;
	const char *bytes = fx_printf("%zu", tn_model_bytes(fx));

	say(&o, "bytes", bytes, strlen(bytes));
	for (i = 0; i < sizeof(dns) / sizeof(dns[0]); i++) {
		for (k = 0; k < sizeof(computed) / sizeof(computed[0]); k++) {
			said_as = computed[k];
			tn_computed(fx, computed[k], dns[i], said_value, &o);
		}
		tn_answer_init(&a);
		a.want_explain = 1;
		tn_rights(fx, dns[i], NULL, &a);
		said_answer(&o, dns[i], &a);
		tn_answer_clear(&a);
		said_as = "visible";
		tn_visible_tenants(fx, AS(dns[i]), said_value, &o);
	}
	for (i = 0; i < 9; i++) {
		/* The users of iwdemo.fr: their addresses, which are their logins. */
		const char *uid = dns[i] + strlen("uid=");
		const char *address = fx_printf("%.*s@iwdemo.fr", (int)strcspn(uid, ","), uid);
		tn_identities(fx, address, 1, said_identity, &o);
		tn_sendas_who(fx, address, said_who, &o);
		tn_route(fx, address, strlen(address), said_route, &o);
	}
	tn_check_model_explained(fx, said_finding, &o);
	tn_conflicts(fx, said_conflict, &o);
	fx_add(AS(USER("alice")), USER("zoe"), "objectClass: inetOrgPerson",
	        "objectClass: tenancyMailbox", "uid: zoe", "cn: z", "sn: z", "mail: bob@iwdemo.fr",
	        FX_END);
	say(&o, "refusal", fx_text(), strlen(fx_text()));
	say(&o, "explain", fx_explain(), strlen(fx_explain()));
	return o.s;
}

Test(seed, nothing_the_engine_says_follows_the_secret)
{
	char *first, *second;
	uint64_t *slots;
	size_t cap;

	strmap_hash_seed(0x0123456789abcdefull, 0xfedcba9876543210ull);
	fx_setup();
	first = everything_said();
	cap = fx->dnmap.cap;
	slots = malloc(cap * sizeof(*slots));
	cr_assert_not_null(slots);
	memcpy(slots, fx->dnmap.slots, cap * sizeof(*slots));
	fx_teardown();

	strmap_hash_seed(0x9e3779b97f4a7c15ull, 0xc2b2ae3d27d4eb4full);
	fx_setup();
	second = everything_said();
	/* The two runs did file the world differently. */
	cr_assert_eq(fx->dnmap.cap, cap);
	cr_assert_neq(memcmp(slots, fx->dnmap.slots, cap * sizeof(*slots)), 0);
	fx_teardown();

	cr_assert_gt(strlen(first), 1000, "%s", first);
	cr_assert_str_eq(first, second);
	free(first);
	free(second);
	free(slots);
}
