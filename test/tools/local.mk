# test/tools/local.mk - tests of the tenancy command line (included by Makefile.am)

# Engine-independent pieces, with Criterion.
check_PROGRAMS += test/tools/json
TESTS += test/tools/json
test_tools_json_SOURCES = test/tools/json.c tools/json.c tools/cli.h
test_tools_json_CPPFLAGS = $(AM_CPPFLAGS) $(CRITERION_CFLAGS)
test_tools_json_CFLAGS = $(WARN_CFLAGS) $(SAN_CFLAGS)
test_tools_json_LDFLAGS = $(SAN_LDFLAGS)
test_tools_json_LDADD = $(CRITERION_LIBS)

check_PROGRAMS += test/tools/helpers
TESTS += test/tools/helpers
test_tools_helpers_SOURCES = test/tools/helpers.c tools/dn.c tools/ldapconn.c tools/strtab.c \
	tools/cli.h src/util/strmap.c src/util/strmap.h
test_tools_helpers_CPPFLAGS = $(AM_CPPFLAGS) $(CRITERION_CFLAGS)
test_tools_helpers_CFLAGS = $(WARN_CFLAGS) $(SAN_CFLAGS)
test_tools_helpers_LDFLAGS = $(SAN_LDFLAGS)
test_tools_helpers_LDADD = $(CRITERION_LIBS) $(LDAP_LIBS)

# The command itself: offline over LDIF files, then against a real slapd
# with the overlay (test/lib/harness.sh).
TESTS += \
	test/tools/lint.test \
	test/tools/query.test \
	test/tools/verdicts.test \
	test/tools/provision.test \
	test/tools/addressbook.test \
	test/tools/unordered-duplicate.test \
	test/tools/cli.test \
	test/tools/daily.test \
	test/tools/identities.test
EXTRA_DIST += \
	test/tools/lib.sh \
	test/tools/lint.test \
	test/tools/query.test \
	test/tools/verdicts.test \
	test/tools/provision.test \
	test/tools/addressbook.test \
	test/tools/unordered-duplicate.test \
	test/tools/cli.test \
	test/tools/daily.test \
	test/tools/identities.test \
	test/tools/data
