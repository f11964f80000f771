# The layout, the default roles and two tenants, as the rootdn; and
# cn=webapp, an account outside every tenant.
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
