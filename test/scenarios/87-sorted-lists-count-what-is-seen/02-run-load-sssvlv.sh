# slapo-sssvlv, through cn=config, below the overlay ({0}).
ldapmodify -Y EXTERNAL -H "$LDAPI_URI" -Q >/dev/null <<'LDIF'
dn: cn=module,cn=config
changetype: add
objectClass: olcModuleList
cn: module
olcModuleLoad: sssvlv.la

dn: olcOverlay={0}sssvlv,olcDatabase={1}mdb,cn=config
changetype: add
objectClass: olcSssVlvConfig
olcOverlay: {0}sssvlv
LDIF
ldapsearch -Y EXTERNAL -H "$LDAPI_URI" -Q -b "olcDatabase={1}mdb,cn=config" -LLL -s one 1.1 >out
grep -q '^dn: olcOverlay={0}sssvlv,' out && grep -q '^dn: olcOverlay={1}tenancy,' out ||
	{ echo "overlays:"; cat out; exit 1; }
