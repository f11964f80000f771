# Remove the overlay, write behind its back, then add it again through
# cn=config: db_open loads the model from the database as it now is.
set -e
ldapdelete -Q -Y EXTERNAL -H "$LDAPI_URI" 'olcOverlay={0}tenancy,olcDatabase={1}mdb,cn=config'
ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" >/dev/null <<'LDIF'
dn: uid=eve,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: eve
cn: Eve Moreau
sn: Moreau
mail: eve@iwdemo.fr
tenancyStatus: enabled
LDIF
ldapmodify -a -Q -Y EXTERNAL -H "$LDAPI_URI" >/dev/null <<'LDIF'
dn: olcOverlay=tenancy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcTenancyConfig
olcOverlay: tenancy
olcTenancyDomains: ou=domains,dc=example,dc=net
olcTenancyRoles: ou=roles,dc=example,dc=net
olcTenancyOperator: cn=operator,dc=example,dc=net
olcTenancyReader: cn=postfix,ou=services,dc=example,dc=net
LDIF
