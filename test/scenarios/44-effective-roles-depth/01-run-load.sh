# The layout, the default roles and La Suite's roles with its tenant
# ministere.example (marie owner, paul administrator, lea viewer), as the
# rootdn.
set -e
for f in base roles lasuite; do
	ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f "$TOP_SRCDIR/ldif/$f.ldif" >/dev/null
done
