/*
 * directives.c - the overlay's configuration directives, as one table.
 *
 * Interface (tenancy.h): tn_directive(), tn_directive_find().
 *
 * slapd reads the directives through the overlay's ConfigTable; the tools
 * read the same settings from slapd.conf or cn=config LDIF (--config).
 * Both build on this table, so that a directive's name, its attribute and
 * its default are written once.
 *
 * Failure modes: none; lookups of unknown names return NULL.
 */
#include "tenancy.h"

#include <strings.h>

static const struct tn_directive directives[TN_DIRECTIVES] = {
        {TN_DIRECTIVE_DOMAINS, "tenancy-domains", "olcTenancyDomains", "dn",
                "Subtree holding the tenancyDomain entries", 0, NULL, tn_config_set_domains_base},
        {TN_DIRECTIVE_ROLES, "tenancy-roles", "olcTenancyRoles", "dn",
                "Subtree holding the tenancyRole definitions", 0, NULL, tn_config_set_roles_base},
        {TN_DIRECTIVE_OPERATOR, "tenancy-operator", "olcTenancyOperator", "dn",
                "Global operator: passes authorization, not the invariants", 1, NULL,
                tn_config_add_operator},
        {TN_DIRECTIVE_READER, "tenancy-reader", "olcTenancyReader", "dn",
                "Global reader: reads every tenant (MTA, IMAP server)", 1, NULL,
                tn_config_add_reader},
        {TN_DIRECTIVE_LOGIN_ATTR, "tenancy-login-attribute", "olcTenancyLoginAttribute",
                "attribute",
                "Attribute whose values are login names (default " TN_DEFAULT_LOGIN_ATTR ")", 0,
                TN_DEFAULT_LOGIN_ATTR, tn_config_set_login_attr},
        {TN_DIRECTIVE_SPOOL, "tenancy-spool", "olcTenancySpool", "directory",
                "Directory receiving events for tenancy notify", 0, NULL, NULL},
};

const struct tn_directive *
tn_directive(size_t i)
{
	return i < TN_DIRECTIVES ? &directives[i] : NULL;
}

const struct tn_directive *
tn_directive_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < TN_DIRECTIVES; i++)
		if (strcasecmp(name, directives[i].name) == 0 ||
		        strcasecmp(name, directives[i].attr) == 0)
			return &directives[i];
	return NULL;
}
