# schema/local.mk - tenancy's schema, generated from one source (included
# by Makefile.am).  The generated files are distributed, so they are written
# into the source tree, like any distributed generated file.

schema_generated = \
	$(srcdir)/schema/tenancy.schema \
	$(srcdir)/schema/tenancy.ldif \
	$(srcdir)/schema/tenancy-operational.h

dist_schema_DATA = schema/tenancy.schema schema/tenancy.ldif
noinst_HEADERS += schema/tenancy-operational.h
BUILT_SOURCES += $(schema_generated)
EXTRA_DIST += schema/tenancy.schema.in schema/gen-schema.sh
MAINTAINERCLEANFILES += $(schema_generated)

$(srcdir)/schema/tenancy.schema: $(srcdir)/schema/tenancy.schema.in $(srcdir)/schema/gen-schema.sh
	$(AM_V_GEN)$(SHELL) $(srcdir)/schema/gen-schema.sh $(srcdir)/schema/tenancy.schema.in $@
$(srcdir)/schema/tenancy.ldif: $(srcdir)/schema/tenancy.schema.in $(srcdir)/schema/gen-schema.sh
	$(AM_V_GEN)$(SHELL) $(srcdir)/schema/gen-schema.sh $(srcdir)/schema/tenancy.schema.in $@
$(srcdir)/schema/tenancy-operational.h: $(srcdir)/schema/tenancy.schema.in $(srcdir)/schema/gen-schema.sh
	$(AM_V_GEN)$(SHELL) $(srcdir)/schema/gen-schema.sh $(srcdir)/schema/tenancy.schema.in $@
