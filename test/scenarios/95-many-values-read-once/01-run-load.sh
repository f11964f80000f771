# The layout, the default roles and the two example tenants, then
# mallory, a delegated administrator of iwdemo.fr's Support unit with the
# four roles a unit's administrator may hold there.
. "$TOP_SRCDIR/test/lib/load-mallory.sh"
ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" >/dev/null <<LDIF
dn: cn=crew,ou=groups,$D
objectClass: groupOfNames
objectClass: tenancyGroup
cn: crew
member: uid=mallory,ou=people,$D
tenancyUnitRef: ou=Support,ou=units,$D
LDIF
