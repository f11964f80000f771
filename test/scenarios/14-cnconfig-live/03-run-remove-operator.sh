# Remove the operator through cn=config, on the running server.
ldapmodify -Q -Y EXTERNAL -H "$LDAPI_URI" <<'LDIF'
dn: olcOverlay={0}tenancy,olcDatabase={1}mdb,cn=config
changetype: modify
delete: olcTenancyOperator
olcTenancyOperator: cn=operator,dc=example,dc=net
LDIF
