# tenancy lint accepts the same files the overlay just accepted.
exec "$TOP_BUILDDIR/tools/tenancy" lint \
	"$TOP_SRCDIR/ldif/base.ldif" "$TOP_SRCDIR/ldif/roles.ldif" \
	"$TOP_SRCDIR/ldif/iwdemo.ldif" "$TOP_SRCDIR/ldif/bluemind-units.ldif" \
	"$TOP_SRCDIR/ldif/lasuite.ldif"
