# test/unit/local.mk - Criterion unit tests of the engine (included by
# Makefile.am).  One binary: the fixture builds a small multi-tenant world
# and every test judges changes and asks questions of it directly.

check_PROGRAMS += test/unit/engine
TESTS += test/unit/engine
test_unit_engine_SOURCES = \
	test/unit/fixture.c test/unit/fixture.h \
	test/unit/test_invariants.c \
	test/unit/test_authz.c \
	test/unit/test_sendas.c \
	test/unit/test_computed.c \
	test/unit/test_model.c \
	test/unit/test_regressions.c \
	test/unit/test_failclosed.c \
	test/unit/test_accounts.c \
	test/unit/test_outside.c \
	test/unit/test_claims.c \
	test/unit/test_identities.c \
	test/unit/test_dnscheck.c \
	test/unit/test_vocab.c \
	test/unit/test_seam.c \
	test/unit/test_evidence.c \
	test/unit/test_xref.c \
	test/unit/test_flooding.c \
	test/unit/test_manyvalues.c
test_unit_engine_CPPFLAGS = $(AM_CPPFLAGS) $(CRITERION_CFLAGS)
test_unit_engine_CFLAGS = $(WARN_CFLAGS) $(SAN_CFLAGS)
test_unit_engine_LDFLAGS = $(SAN_LDFLAGS)
test_unit_engine_LDADD = src/libtenancy-core.la $(CRITERION_LIBS)
