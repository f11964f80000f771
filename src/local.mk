# src/local.mk - libtenancy, the policy engine (included by Makefile.am)
noinst_LTLIBRARIES += src/libtenancy-core.la
src_libtenancy_core_la_SOURCES = \
	src/tenancy.h src/engine.h src/model.h \
	src/tree.h src/answer.h src/tenant.h src/claims.h src/addresses.h \
	src/units.h src/groups.h src/roles.h src/grants.h src/shares.h \
	src/sendas.h src/computed.h src/identities.h \
	src/util/strmap.c src/util/strmap.h \
	src/util/idmap.c src/util/idmap.h \
	src/util/buf.c src/util/buf.h \
	src/util/big.c src/util/big.h \
	src/util/arena.c src/util/arena.h \
	src/dn.c src/dn.h \
	src/record.c src/record.h src/store.c src/store.h \
	src/tree.c src/model.c src/apply.c \
	src/tenant.c src/addresses.c src/claims.c src/units.c src/groups.c \
	src/roles.c src/grants.c src/shares.c src/sendas.c \
	src/judge.c src/judge.h src/invariants.c src/inuse.c src/authz.c src/pending.c \
	src/evidence.c \
	src/answer.c src/computed.c src/identities.c \
	src/dnscheck.c src/dnscheck.h \
	src/event.c src/directives.c src/publish.c
src_libtenancy_core_la_CFLAGS = $(WARN_CFLAGS) $(SAN_CFLAGS)

# The installed library exports tenancy.h's interface, the tn_ functions,
# and nothing else; the tools and the tests link the convenience library
# above, which has every internal function.
lib_LTLIBRARIES += src/libtenancy.la
src_libtenancy_la_SOURCES =
src_libtenancy_la_LIBADD = src/libtenancy-core.la
src_libtenancy_la_LDFLAGS = -version-info 0:0:0 -no-undefined \
	-export-symbols-regex '^tn_' $(SAN_LDFLAGS)
include_HEADERS += src/tenancy.h

# The installed library's exports, checked.
TESTS += test/symbols.test
EXTRA_DIST += test/symbols.test
