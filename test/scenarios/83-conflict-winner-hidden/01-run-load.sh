# The default roles, as the rootdn.
set -e
ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f "$TOP_SRCDIR/ldif/roles.ldif" >/dev/null
