# The layout, the default roles and the two example tenants, then
# mallory, a delegated administrator of iwdemo.fr's Support unit with the
# four roles a unit's administrator may hold there.
. "$TOP_SRCDIR/test/lib/load-mallory.sh"
