# overlay/local.mk - tenancy.la, the slapd overlay (included by Makefile.am).
#
# A libtool module loaded by slapd (`moduleload tenancy.la`): it resolves
# slapd's symbols at load time and carries the engine inside it.  Only
# init_module is exported, so the engine's symbols cannot clash with
# slapd's or another module's.
moduledir_LTLIBRARIES += overlay/tenancy.la
overlay_tenancy_la_SOURCES = \
	overlay/overlay.h \
	overlay/tenancy.c \
	overlay/load.c \
	overlay/convert.c \
	overlay/writes.c \
	overlay/spool.c \
	overlay/reads.c \
	overlay/route.c
overlay_tenancy_la_CPPFLAGS = $(OPENLDAP_CPPFLAGS) \
	-I$(top_srcdir)/src -I$(top_srcdir)/schema
overlay_tenancy_la_CFLAGS = $(WARN_CFLAGS) $(SAN_CFLAGS)
overlay_tenancy_la_LDFLAGS = -module -avoid-version -shared \
	-export-symbols-regex '^init_module$$' $(SAN_LDFLAGS)
overlay_tenancy_la_LIBADD = src/libtenancy-core.la
