# Variant: a compare is an existence oracle too; it answers noSuchObject.
rc=0
ldapcompare -x -H "$LDAP_URI" \
	"uid=charlotte,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net" \
	uid:charlotte >out 2>&1 || rc=$?
[ "$rc" -eq 32 ] || { echo "ldapcompare exited $rc, expected 32"; cat out; exit 1; }
