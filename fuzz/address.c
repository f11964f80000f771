/*
 * address.c - libFuzzer target: the one address grammar (DESIGN §5a.5).
 *
 * The input, in an exact-size buffer with no NUL after it, is an address.
 * tn_address_check() must agree with a second, plain reading of the
 * grammar written here from the text of §5a.5 (a dot-atom of RFC 5322
 * atext of at most 64 octets, '@', LDH labels of at most 63 octets, at
 * most 253 octets of domain).  Then every rule that takes an address must
 * apply that grammar: the value written as mail and as tenancyMailAlias of
 * a fixture user, and as a shared mailbox's mail, is refused by
 * address-syntax exactly when the grammar refuses it (otherwise accepted,
 * or refused by another rule); written as a domain alias, the part after
 * the '@' is refused by address-syntax exactly when the domain rule
 * refuses it; and an address the grammar refuses routes nowhere.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tn_model *model;

#define USER_A   "uid=bob,ou=people,tenancyDomainName=a.test,ou=domains,dc=example,dc=net"
#define SHARED_A "cn=contact,ou=shared,tenancyDomainName=a.test,ou=domains,dc=example,dc=net"
#define DOMAIN_A "tenancyDomainName=a.test,ou=domains,dc=example,dc=net"

static int
ref_atext(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static int
ref_domain(const unsigned char *d, size_t n)
{
	size_t i = 0;

	if (n == 0 || n > 253)
		return 0;
	while (i < n) {
		size_t start = i;
		while (i < n && d[i] != '.') {
			unsigned char c = d[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			            (c >= '0' && c <= '9') || c == '-'))
				return 0;
			i++;
		}
		if (i == start || i - start > 63 || d[start] == '-' || d[i - 1] == '-')
			return 0;
		if (i < n && ++i == n)
			return 0; /* a trailing dot */
	}
	return 1;
}

static int
ref_address(const unsigned char *a, size_t n)
{
	size_t at, i;

	if (n == 0 || n > 254)
		return 0;
	for (at = 0; at < n && a[at] != '@'; at++)
		;
	if (at == n || at == 0 || at > 64)
		return 0;
	for (i = 0; i < at; i++) {
		if (a[i] == '.') {
			if (i == 0 || i + 1 == at || a[i + 1] == '.')
				return 0;
		} else if (!ref_atext(a[i])) {
			return 0;
		}
	}
	return ref_domain(a + at + 1, n - at - 1);
}

/* Judge one value written to `attr` of `dn`: is it refused by
 * address-syntax?  Nothing is applied. */
static int
refused_by_syntax(const char *dn, const char *attr, const char *v, size_t n)
{
	struct tn_value val = {n, v};
	struct tn_mod mod = {TN_MOD_ADD, {attr, 1, &val}};
	struct tn_change c = {.kind = TN_MODIFY, .dn = dn, .mods = &mod, .nmods = 1};
	struct tn_actor root = {"cn=admin,dc=example,dc=net", 1};
	struct tn_verdict a;
	int syntax;

	tn_verdict_init(&a);
	if (tn_judge(model, &root, &c, &a, NULL) != 0)
		abort();
	fz_check_verdict(&a, 1);
	syntax = a.code != TN_OK && a.rule && strcmp(a.rule, "address-syntax") == 0;
	tn_verdict_clear(&a);
	return syntax;
}

static void
disagree(const char *what, const uint8_t *data, size_t size, int ref)
{
	fprintf(stderr, "address: %s disagrees with the grammar (%s) on \"", what,
	        ref ? "valid" : "invalid");
	fwrite(data, 1, size, stderr);
	fprintf(stderr, "\"\n");
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	char *exact;
	int ref, got;

	if (model == NULL)
		model = fz_fixture_model();
	exact = malloc(size ? size : 1);
	if (exact == NULL)
		abort();
	memcpy(exact, data, size);

	ref = ref_address(data, size);
	got = tn_address_check(exact, size, &why) == 0;
	if (got != ref || (!got && why == NULL))
		disagree("tn_address_check", data, size, ref);

	/* Every rule that reads an address applies the same grammar.  A
	 * value holding a NUL is refused, by address-syntax too. */
	if (size <= 1024) {
		const uint8_t *at;
		if (refused_by_syntax(USER_A, "mail", exact, size) == ref)
			disagree("the judge (mail)", data, size, ref);
		if (refused_by_syntax(USER_A, "tenancyMailAlias", exact, size) == ref)
			disagree("the judge (tenancyMailAlias)", data, size, ref);
		if (refused_by_syntax(SHARED_A, "mail", exact, size) == ref)
			disagree("the judge (shared mailbox)", data, size, ref);
		at = memchr(data, '@', size);
		if (at != NULL) {
			size_t dn = size - (size_t)(at + 1 - data);
			int dref = ref_domain(at + 1, dn) && !memchr(at + 1, '\0', dn);
			if ((tn_domain_check(exact + (at + 1 - data), dn) == 0) !=
			        ref_domain(at + 1, dn))
				disagree("tn_domain_check", data, size, ref_domain(at + 1, dn));
			if (refused_by_syntax(DOMAIN_A, "tenancyDomainAlias",
			            exact + (at + 1 - data), dn) == dref)
				disagree("the judge (tenancyDomainAlias)", data, size, dref);
		}
	}
	/* An address the grammar refuses answers for nobody. */
	if (!ref && memchr(data, '@', size) &&
	        tn_route(model, exact, size, fz_route_sink, NULL) != 0)
		disagree("tn_route", data, size, ref);
	free(exact);
	return 0;
}
