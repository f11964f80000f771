/*
 * dn.c - DNs and filter values, built and taken apart by libldap.
 *
 * Never by hand: ldap_str2dn()/ldap_dn2str() do the RFC 4514 escaping, and
 * ldap_bv2escaped_filter_value() the RFC 4515 one.  Every function returns
 * a malloc'd string (free with ber_memfree / ldap_memfree) or NULL when the
 * input does not parse or memory ran out.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

char *
dn_child(const char *attr, const char *value, const char *parent)
{
	LDAPAVA ava, *rdn[2] = {&ava, NULL};
	LDAPDN parsed = NULL, dn;
	char *out = NULL;
	size_t n = 0, i;

	if (ldap_str2dn(parent, &parsed, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
		return NULL;
	while (parsed != NULL && parsed[n] != NULL)
		n++;
	dn = calloc(n + 2, sizeof *dn);
	if (dn == NULL)
		goto done;
	memset(&ava, 0, sizeof ava);
	ava.la_attr.bv_val = (char *)attr;
	ava.la_attr.bv_len = strlen(attr);
	ava.la_value.bv_val = (char *)value;
	ava.la_value.bv_len = strlen(value);
	ava.la_flags = LDAP_AVA_STRING;
	dn[0] = rdn;
	for (i = 0; i < n; i++)
		dn[i + 1] = parsed[i];
	if (ldap_dn2str(dn, &out, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
		out = NULL;
	free(dn);
done:
	ldap_dnfree(parsed);
	return out;
}

char *
dn_parent(const char *dn)
{
	LDAPDN parsed = NULL;
	char *out = NULL;

	if (ldap_str2dn(dn, &parsed, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
		return NULL;
	if (parsed != NULL && parsed[0] != NULL &&
	        ldap_dn2str(parsed + 1, &out, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
		out = NULL;
	ldap_dnfree(parsed);
	return out;
}

char *
dn_rdn_value(const char *dn)
{
	LDAPDN parsed = NULL;
	char *out = NULL;

	if (ldap_str2dn(dn, &parsed, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
		return NULL;
	if (parsed != NULL && parsed[0] != NULL && parsed[0][0] != NULL)
		out = strndup(parsed[0][0]->la_value.bv_val, parsed[0][0]->la_value.bv_len);
	ldap_dnfree(parsed);
	return out;
}

char *
filter_escape(const char *value)
{
	struct berval in, out = {0, NULL};

	in.bv_val = (char *)value;
	in.bv_len = strlen(value);
	if (ldap_bv2escaped_filter_value(&in, &out) != 0)
		return NULL;
	return out.bv_val;
}
