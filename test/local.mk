# test/local.mk - the integration tests: a real slapd per test (included by
# Makefile.am).  The harness is test/lib/harness.sh; scenarios are data
# under test/scenarios/ (see the README there), run by test/scenarios.test.

TESTS += \
	test/schema.test \
	test/replication.test \
	test/multiprovider.test \
	test/multiprovider-delta.test \
	test/sync-isolation.test \
	test/cnconfig.test \
	test/install.test \
	test/startup.test \
	test/nested.test \
	test/evidence-log.test \
	test/scenarios.test \
	test/demo.test

EXTRA_DIST += \
	test/schema.test \
	test/replication.test \
	test/multiprovider.test \
	test/multiprovider-delta.test \
	test/sync-isolation.test \
	test/lib/hidden-missing.sh \
	test/lib/linkhold.py \
	test/lib/load-tenants.sh \
	test/lib/load-mallory.sh \
	test/cnconfig.test \
	test/install.test \
	test/startup.test \
	test/nested.test \
	test/evidence-log.test \
	test/scenarios.test \
	test/demo.sh \
	test/demo.test \
	test/lib/harness.sh \
	test/lib/run-scenario.sh \
	test/lib/smtp-sink.py \
	test/lib/slapd.conf.in \
	test/lib/config.sh.in \
	test/scenarios \
	ldif

DISTCLEANFILES += test/lib/config.sh

# Sanitized builds preload this next to libasan into slapd (see the file).
if SANITIZERS
check_LTLIBRARIES += test/lib/asan-init.la
endif
test_lib_asan_init_la_SOURCES = test/lib/asan-init.c
test_lib_asan_init_la_CFLAGS = $(WARN_CFLAGS)
test_lib_asan_init_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere

# The tests need the overlay and the generated schema.
check_SCRIPTS += $(schema_generated)
include test/mail/local.mk
include test/reliability/local.mk

# OpenLDAP's own back-mdb suite, as it is and with the overlay on every
# database: not part of "make check" (see test/openldap/suite.sh and the
# README for how long it takes).  OPENLDAP_TESTS="test006-acls ..." runs only those.
EXTRA_DIST += \
	test/openldap/suite.sh \
	test/openldap/conf-filter.sh \
	test/openldap/ldapmodify.sh \
	test/openldap/add-overlay.awk

openldap-tests: all
	TOP_SRCDIR=$(abs_top_srcdir) TOP_BUILDDIR=$(abs_top_builddir) \
		TESTS="$(OPENLDAP_TESTS)" $(SHELL) $(srcdir)/test/openldap/suite.sh
.PHONY: openldap-tests
