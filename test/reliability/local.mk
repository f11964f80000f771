# test/reliability/local.mk - reliability tests: fuzzing, crash safety,
# racing clients (included by test/local.mk).  The longer runs under
# valgrind are targets of their own, outside make check:
#
#   make check-helgrind   slapd under helgrind through race.test
#   make check-valgrind   slapd under memcheck through every scenario
TESTS += \
	test/reliability/fuzz.test \
	test/reliability/crash.test \
	test/reliability/race.test

EXTRA_DIST += \
	test/reliability/fuzz.test \
	test/reliability/crash.test \
	test/reliability/race.test \
	test/reliability/valgrind.sh \
	test/reliability/valgrind.supp \
	test/reliability/valgrind-attribute.awk \
	test/reliability/lib.sh

check-helgrind: all
	TOP_SRCDIR='$(abs_top_srcdir)' TOP_BUILDDIR='$(abs_top_builddir)' \
		$(SHELL) $(top_srcdir)/test/reliability/valgrind.sh helgrind

check-valgrind: all
	TOP_SRCDIR='$(abs_top_srcdir)' TOP_BUILDDIR='$(abs_top_builddir)' \
		$(SHELL) $(top_srcdir)/test/reliability/valgrind.sh memcheck

.PHONY: check-helgrind check-valgrind
