# The example tenants load as the rootdn, through the overlay's checks.
set -e
for f in iwdemo bluemind-units lasuite; do
	ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f "$TOP_SRCDIR/ldif/$f.ldif" >/dev/null
done
