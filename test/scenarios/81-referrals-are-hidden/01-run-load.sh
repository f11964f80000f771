# The layout, the default roles, two tenants and cn=webapp
# (test/lib/load-tenants.sh); and in ministere.example a referral
# entry (objectClass referral), stored with the ManageDsaIT control.
. "$TOP_SRCDIR/test/lib/load-tenants.sh"
ldapmodify -a -M -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" >/dev/null <<'LDIF'
dn: ou=archive,tenancyDomainName=ministere.example,ou=domains,dc=example,dc=net
objectClass: referral
objectClass: extensibleObject
ou: archive
ref: ldap://archive.ministere.example/ou=archive,tenancyDomainName=ministere.example,ou=domains,dc=example,dc=net
LDIF
