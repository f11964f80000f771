/*
 * helpers.c - tests of the command line's engine-independent helpers:
 * DNs and filter values built by libldap (tools/dn.c), the LDAP options
 * (tools/ldapconn.c) and the name table (tools/strtab.c).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../../tools/cli.h"

/* main.c's, which the helpers print through. */
const char *progname = "tenancy";

void
warnx_(const char *fmt, ...)
{
	(void)fmt;
}

Test(dn, child_escapes_what_rfc4514_requires)
{
	char *dn = dn_child("cn", "Dupont, Jean+Marie", "ou=people,dc=example,dc=net");

	cr_assert_str_eq(dn, "cn=Dupont\\2C Jean\\2BMarie,ou=people,dc=example,dc=net");
	free(dn);
}

Test(dn, child_of_an_unparsable_parent_is_null)
{
	cr_assert_null(dn_child("cn", "x", "not a dn"));
}

Test(dn, parent_drops_the_first_rdn)
{
	char *dn = dn_parent("uid=bob,ou=people,tenancyDomainName=iwdemo.fr,dc=example,dc=net");

	cr_assert_str_eq(dn, "ou=people,tenancyDomainName=iwdemo.fr,dc=example,dc=net");
	free(dn);
}

Test(dn, rdn_value_is_unescaped)
{
	char *v = dn_rdn_value("cn=a\\2Cb,dc=example,dc=net");

	cr_assert_str_eq(v, "a,b");
	free(v);
}

Test(filter, value_escapes_the_filter_specials)
{
	char *v = filter_escape("a*b(c)\\d");

	cr_assert_str_eq(v, "a\\2Ab\\28c\\29\\5Cd");
	ber_memfree(v);
}

Test(options, ldap_options_are_taken_and_others_left)
{
	struct conn_opts o = {0};

	cr_assert_eq(conn_option(&o, 'H', "ldapi:///"), 0);
	cr_assert_eq(conn_option(&o, 'Z', NULL), 0);
	cr_assert_eq(conn_option(&o, 'Z', NULL), 0);
	cr_assert_eq(conn_option(&o, 'Y', "EXTERNAL"), 0);
	cr_assert_eq(conn_option(&o, 'x', NULL), -1);
	cr_assert_str_eq(o.uri, "ldapi:///");
	cr_assert_eq(o.starttls, 2, "-ZZ requires StartTLS");
	cr_assert_str_eq(o.mech, "EXTERNAL");
}

Test(strtab, names_match_whatever_their_case)
{
	struct strtab t = {NULL, 0, 0};
	int one = 1, two = 2;
	void *old = NULL;

	cr_assert_eq(strtab_put(&t, "objectClass", &one, NULL), 0);
	cr_assert_eq(strtab_get(&t, "OBJECTCLASS"), &one);
	cr_assert_eq(strtab_put(&t, "objectclass", &two, &old), 0);
	cr_assert_eq(old, &one, "the value replaced is handed back");
	cr_assert_eq(strtab_get(&t, "objectClass"), &two);
	cr_assert_null(strtab_get(&t, "cn"));
	strtab_free(&t, NULL);
}

/* The table's hash as it was: FNV-1a without case, the same in every
 * process, so an LDIF could bring DNs found offline to share one slot. */
static size_t
public_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 16777619u;
	return h;
}

Test(strtab, dns_sharing_one_slot_of_the_public_hash_leave_lookups_short)
{
	/* 3000 DNs whose public hashes agree in their low 13 bits: one slot
	 * of the table they grow to (8192 slots, grown at half full). */
	struct strtab t = {NULL, 0, 0};
	char name[64];
	size_t target = 0, n = 0, longest;
	unsigned i;

	for (i = 0; n < 3000; i++) {
		snprintf(name, sizeof name, "uid=f%08x,ou=people,dc=example,dc=net", i);
		if (i == 0)
			target = public_hash(name) & 0x1fff;
		if ((public_hash(name) & 0x1fff) != target)
			continue;
		cr_assert_eq(strtab_put(&t, name, &n, NULL), 0);
		n++;
	}
	longest = strtab_longest_probe(&t);
	cr_assert_eq(t.n, 3000);
	strtab_free(&t, NULL);
	cr_assert_lt(longest, 150, "%zu used slots in a row", longest);
}

Test(strtab, grows_past_its_first_size)
{
	struct strtab t = {NULL, 0, 0};
	char name[32];
	int i;

	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "attr%d", i);
		cr_assert_eq(strtab_put(&t, name, (void *)(long)(i + 1), NULL), 0);
	}
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "ATTR%d", i);
		cr_assert_eq((long)strtab_get(&t, name), i + 1);
	}
	strtab_free(&t, NULL);
}
