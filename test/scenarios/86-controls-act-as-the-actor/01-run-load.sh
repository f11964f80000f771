# The layout, the default roles, two tenants and cn=webapp, an account
# outside every tenant (test/lib/load-tenants.sh).
. "$TOP_SRCDIR/test/lib/load-tenants.sh"
