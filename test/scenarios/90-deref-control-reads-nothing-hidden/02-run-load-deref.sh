# slapo-deref, through cn=config, below the overlay ({0}).
ldapmodify -Y EXTERNAL -H "$LDAPI_URI" -Q >/dev/null <<'LDIF'
dn: cn=module,cn=config
changetype: add
objectClass: olcModuleList
cn: module
olcModuleLoad: deref.la

dn: olcOverlay={0}deref,olcDatabase={1}mdb,cn=config
changetype: add
objectClass: olcOverlayConfig
olcOverlay: {0}deref
LDIF
