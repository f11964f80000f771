# The layout and the default roles, as the rootdn.
set -e
for f in base roles; do
	ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f "$TOP_SRCDIR/ldif/$f.ldif" >/dev/null
done
