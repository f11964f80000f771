# The layout, the default roles and the example tenants, as the rootdn.
set -e
for f in base roles iwdemo; do
	ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f "$TOP_SRCDIR/ldif/$f.ldif" >/dev/null
done
