# load-tenants.sh - sourced by a scenario's load step: the layout, the
# default roles and the two example tenants (iwdemo.fr, lasuite), as the
# rootdn, and cn=webapp,ou=services, an account outside every tenant that
# is no operator or reader.  Exits the step on the first failure.
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
