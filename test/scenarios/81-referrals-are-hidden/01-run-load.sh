# The layout, the default roles and two tenants, as the rootdn; cn=webapp,
# an account outside every tenant; and in ministere.example a referral
# entry (objectClass referral), stored with the ManageDsaIT control.
set -e
for f in base roles iwdemo lasuite; do
	ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f "$TOP_SRCDIR/ldif/$f.ldif" >/dev/null
done
ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" >/dev/null <<'LDIF'
dn: cn=webapp,ou=services,dc=example,dc=net
objectClass: applicationProcess
objectClass: simpleSecurityObject
cn: webapp
userPassword: secret
LDIF
ldapmodify -a -M -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" >/dev/null <<'LDIF'
dn: ou=archive,tenancyDomainName=ministere.example,ou=domains,dc=example,dc=net
objectClass: referral
objectClass: extensibleObject
ou: archive
ref: ldap://archive.ministere.example/ou=archive,tenancyDomainName=ministere.example,ou=domains,dc=example,dc=net
LDIF
