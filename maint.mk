# maint.mk - the source checks (included by Makefile.am); CI runs both.
#
#   make format-check   every C file of src, tools, overlay, fuzz, bench and
#                       test/unit is as clang-format writes it with the
#                       nearest .clang-format; names the files that are not.
#   make cppcheck       cppcheck finds nothing in them (the overlay read with
#                       slapd's headers, from --with-openldap-source).
#
# Both tools change their output from one release to the next.  The tree
# is formatted with clang-format 14 (Debian 12's); another version
# reformats lines 14 leaves alone, so format-check compares only with 14
# and says so, checking nothing, with any other (CLANG_FORMAT=clang-format-14
# picks one).  cppcheck is kept clean with the versions CPPCHECK_VERSIONS
# names; with another the check runs and says that a finding may be one
# only that version makes.
#
# A finding cppcheck makes wrongly is suppressed where it is, with a
# comment that says why: "cppcheck-suppress ID ; why" on the line above.

CLANG_FORMAT = clang-format
CLANG_FORMAT_VERSION = 14
CPPCHECK = cppcheck
CPPCHECK_VERSIONS = 2.10 2.17

MAINT_C_DIRS = src tools overlay fuzz bench test/unit

# Criterion's macros (test/unit/criterion.cfg); __has_include (bench) is
# no configuration to try; the information notes newer versions print
# about how far they looked are no findings.
CPPCHECK_FLAGS = --quiet --error-exitcode=1 --inline-suppr \
	--enable=warning,style,performance,portability --std=c11 \
	--suppress=missingIncludeSystem --suppress=toomanyconfigs \
	--suppress=normalCheckLevelMaxBranches --suppress=checkersReport \
	--library=test/unit/criterion.cfg -U__has_include \
	--template='{file}:{line}: {severity} {id}: {message}'
# The overlay: slapd's headers are read, their own findings are not ours.
# Nor is "could be a pointer to const" (cppcheck 2.11 and later): slapd
# hands its Operation, SlapReply and Entry around as plain pointers, to
# callbacks of fixed types too, and the overlay follows its interfaces.
CPPCHECK_OVERLAY_FLAGS = -I schema -I '$(abs_top_builddir)/schema' \
	$(OPENLDAP_CPPFLAGS) --suppress='*:$(OPENLDAP_SOURCE)/*' \
	--suppress=constParameter --suppress=constParameterPointer \
	--suppress=constParameterCallback --suppress=constVariablePointer

EXTRA_DIST += maint.mk test/unit/criterion.cfg overlay/.clang-format

.PHONY: format-check cppcheck

format-check:
	@v=`$(CLANG_FORMAT) --version 2>/dev/null | \
	    sed -n 's/.*clang-format version \([0-9]*\)\..*/\1/p'`; \
	if test -z "$$v"; then \
	    echo "format-check: $(CLANG_FORMAT) not found (Debian: apt-get install clang-format)" >&2; \
	    exit 1; \
	fi; \
	if test "$$v" != "$(CLANG_FORMAT_VERSION)"; then \
	    echo "format-check: NOT CHECKED: the tree is formatted with clang-format $(CLANG_FORMAT_VERSION) (Debian 12), and $(CLANG_FORMAT) is version $$v, which formats some lines differently; run it where clang-format $(CLANG_FORMAT_VERSION) is (CI's Debian 12), or name one: make format-check CLANG_FORMAT=clang-format-$(CLANG_FORMAT_VERSION)" >&2; \
	    exit 0; \
	fi; \
	cd '$(srcdir)' || exit 1; \
	files=`find $(MAINT_C_DIRS) -name '*.[ch]' | LC_ALL=C sort`; \
	bad=; n=0; \
	for f in $$files; do \
	    n=`expr $$n + 1`; \
	    $(CLANG_FORMAT) --dry-run -Werror "$$f" >/dev/null 2>&1 || bad="$$bad $$f"; \
	done; \
	if test -n "$$bad"; then \
	    echo "format-check: not as clang-format $$v writes them (clang-format -i FILE, from the top of the tree, fixes one):" >&2; \
	    for f in $$bad; do echo "  $$f" >&2; done; \
	    exit 1; \
	fi; \
	echo "format-check: $$n files, all as clang-format $$v writes them"

cppcheck:
	@v=`$(CPPCHECK) --version 2>/dev/null | sed -n 's/^Cppcheck \([0-9]*\.[0-9]*\).*/\1/p'`; \
	if test -z "$$v"; then \
	    echo "cppcheck: $(CPPCHECK) not found (Debian: apt-get install cppcheck)" >&2; \
	    exit 1; \
	fi; \
	case " $(CPPCHECK_VERSIONS) " in \
	*" $$v "*) ;; \
	*) echo "cppcheck: the tree is kept clean with cppcheck $(CPPCHECK_VERSIONS); this is $$v: a finding may be one only it makes" >&2 ;; \
	esac; \
	cd '$(srcdir)' || exit 1; \
	rc=0; \
	$(CPPCHECK) $(CPPCHECK_FLAGS) -I src -I src/util \
	    src tools fuzz bench test/unit || rc=1; \
	$(CPPCHECK) $(CPPCHECK_FLAGS) -I src -I src/util $(CPPCHECK_OVERLAY_FLAGS) \
	    overlay || rc=1; \
	if test $$rc != 0; then \
	    echo "cppcheck: findings above (cppcheck $$v)" >&2; \
	    exit 1; \
	fi; \
	echo "cppcheck: $(MAINT_C_DIRS): no finding (cppcheck $$v)"
