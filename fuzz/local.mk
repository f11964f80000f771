# fuzz/local.mk - libFuzzer targets (included by Makefile.am).
#
# Built with clang by fuzz/build.sh, whatever configure chose as CC: the
# targets compile the engine's sources themselves.  See fuzz/README.
#
#   make fuzz           build fuzz/fuzz-{lint,dn,model,route,address,identity}
#   make fuzz-smoke     each target for 25 s (FUZZ_SECONDS)
#   make fuzz-long      each target for 30 min (FUZZ_LONG_SECONDS)
#   make fuzz-replay    run every reproducer under fuzz/crashes/ once
FUZZ_SECONDS = 25
FUZZ_LONG_SECONDS = 1800

fuzz:
	@$(SHELL) $(top_srcdir)/fuzz/build.sh '$(abs_top_srcdir)' '$(abs_top_builddir)/fuzz'

fuzz-smoke:
	@$(SHELL) $(top_srcdir)/fuzz/run.sh '$(abs_top_srcdir)' '$(abs_top_builddir)/fuzz' $(FUZZ_SECONDS)

fuzz-long:
	@$(SHELL) $(top_srcdir)/fuzz/run.sh '$(abs_top_srcdir)' '$(abs_top_builddir)/fuzz' $(FUZZ_LONG_SECONDS)

fuzz-replay: fuzz
	@$(SHELL) $(top_srcdir)/fuzz/replay.sh '$(abs_top_srcdir)' '$(abs_top_builddir)/fuzz'

.PHONY: fuzz fuzz-smoke fuzz-long fuzz-replay

clean-local: clean-fuzz
clean-fuzz:
	-rm -rf fuzz/obj fuzz/fuzz-lint fuzz/fuzz-dn fuzz/fuzz-model fuzz/fuzz-route \
		fuzz/fuzz-address fuzz/fuzz-identity \
		fuzz/corpus fuzz/crash-* fuzz/*.log
.PHONY: clean-fuzz

EXTRA_DIST += fuzz/README fuzz/common.h fuzz/common.c fuzz/lint.c fuzz/dn.c \
	fuzz/model.c fuzz/route.c fuzz/address.c fuzz/identity.c fuzz/build.sh fuzz/corpus.sh fuzz/run.sh \
	fuzz/replay.sh fuzz/known.sh fuzz/crashes
