# Load ldif/base.ldif as the rootdn.
exec ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f "$TOP_SRCDIR/ldif/base.ldif"
