# Stack slapo-memberof above the overlay, on the running server.  memberof
# writes memberOf into each member from inside the group's write, in the
# thread that holds the overlay's write lock: the lock must let it in.
set -e
ldapmodify -Q -Y EXTERNAL -H "$LDAPI_URI" >/dev/null <<'LDIF'
dn: cn=module{0},cn=config
changetype: modify
add: olcModuleLoad
olcModuleLoad: memberof
LDIF
ldapmodify -a -Q -Y EXTERNAL -H "$LDAPI_URI" >/dev/null <<'LDIF'
dn: olcOverlay=memberof,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcMemberOf
olcOverlay: memberof
olcMemberOfRefInt: TRUE
LDIF
