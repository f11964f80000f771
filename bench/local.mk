# bench/local.mk - benchmarks (included by Makefile.am).
#
# `make bench` runs bench/run.sh: plain slapd, slapd with the tenancy
# overlay and slapd with the stock overlays on the same generated data,
# rounds alternated, medians printed as ratios; then the engine's own
# decisions, lint against slapadd -u, and the model's memory.  Nothing here
# is timed by `make check`: bench/smoke.test only runs the generator and the
# load generator at a tiny scale so that they keep working.

check_PROGRAMS += bench/load bench/engine

bench_load_SOURCES = bench/load.c
bench_load_CFLAGS = $(WARN_CFLAGS) -pthread
bench_load_LDADD = $(LDAP_LIBS) -lpthread

bench_engine_SOURCES = bench/engine.c
bench_engine_CFLAGS = $(WARN_CFLAGS)
bench_engine_LDFLAGS = $(SAN_LDFLAGS)
bench_engine_LDADD = src/libtenancy-core.la

TESTS += bench/smoke.test
EXTRA_DIST += bench/README bench/gen.py bench/run.sh bench/smoke.test

bench: bench/load bench/engine tools/tenancy overlay/tenancy.la $(schema_generated)
	TOP_SRCDIR='$(abs_top_srcdir)' TOP_BUILDDIR='$(abs_top_builddir)' \
		$(SHELL) '$(abs_top_srcdir)/bench/run.sh'

# Instructions per decision only, under callgrind (a minute or so).
bench-callgrind: bench/engine
	TOP_SRCDIR='$(abs_top_srcdir)' TOP_BUILDDIR='$(abs_top_builddir)' \
		BENCH_ONLY=callgrind $(SHELL) '$(abs_top_srcdir)/bench/run.sh'

.PHONY: bench bench-callgrind
