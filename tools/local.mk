# tools/local.mk - the tenancy command line (included by Makefile.am)
bin_PROGRAMS += tools/tenancy
tools_tenancy_SOURCES = \
	tools/cli.h tools/main.c \
	tools/ldapconn.c tools/ldif.c tools/source.c tools/dn.c \
	tools/json.c tools/progress.c \
	tools/config.c tools/schema.c tools/lint.c tools/audit.c tools/strtab.c tools/dnlines.c tools/query.c \
	tools/modlist.c tools/provision.c tools/password.c \
	tools/domains.c tools/units.c tools/accounts.c tools/delegation.c \
	tools/addressbook.c tools/notify.c tools/listing.c tools/dryrun.c \
	tools/identities.c tools/domaincheck.c
tools_tenancy_CPPFLAGS = $(AM_CPPFLAGS) $(XML_CFLAGS) $(LDNS_CFLAGS) -DTENANCY_SCHEMADIR='"$(schemadir)"'
tools_tenancy_CFLAGS = $(WARN_CFLAGS) $(SAN_CFLAGS)
tools_tenancy_LDFLAGS = $(SAN_LDFLAGS)
tools_tenancy_LDADD = src/libtenancy-core.la $(LDAP_LIBS) $(XML_LIBS) \
	$(CRYPTO_LIBS) $(CRYPT_LIBS) $(LDNS_LIBS)
