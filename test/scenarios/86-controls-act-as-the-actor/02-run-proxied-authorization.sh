S=ou=domains,dc=example,dc=net
T=tenancyDomainName=iwdemo.fr,$S
CHARLOTTE=uid=charlotte,ou=people,$T
MARIE=uid=marie,ou=people,tenancyDomainName=ministere.example,$S
set -- -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW"
rc=0
ldapsearch "$@" -e "!authzid=dn:$MARIE" -b "$CHARLOTTE" -s base 1.1 >out 2>&1 || rc=$?
[ "$rc" -eq 32 ] || { echo "as marie, charlotte is not missing: exit $rc"; cat out; exit 1; }
rc=0
printf 'dn: %s\nchangetype: modify\nreplace: description\ndescription: x\n' "$CHARLOTTE" |
	ldapmodify "$@" -e "!authzid=dn:$MARIE" >out 2>&1 || rc=$?
[ "$rc" -eq 32 ] || { echo "as marie, a write in iwdemo.fr: exit $rc"; cat out; exit 1; }
rc=0
printf 'dn: uid=david,ou=people,%s\nchangetype: modify\nreplace: tenancyQuota\ntenancyQuota: 99999\n' "$T" |
	ldapmodify "$@" -e "!authzid=dn:uid=bob,ou=people,$T" >out 2>&1 || rc=$?
[ "$rc" -eq 50 ] && grep -q "additional info: permission: uid=david,ou=people,$T: uid=bob,ou=people,$T lacks quota" out ||
	{ echo "as bob, david's quota: exit $rc"; cat out; exit 1; }
ldapsearch "$@" -e "!authzid=dn:cn=support,ou=groups,$T" -b "$S" -LLL 1.1 >out
[ "$(cat out | grep -c '^dn:')" -eq 1 ] && grep -qx "dn: $S" out ||
	{ echo "as a group, tenants are seen:"; cat out; exit 1; }
rc=0
ldapwhoami -x -H "$LDAPI_URI" -D "$CHARLOTTE" -w secret -e "!authzid=dn:$ROOTDN" >out 2>&1 || rc=$?
grep -q "(123)" out || { echo "charlotte acts as the rootdn: exit $rc"; cat out; exit 1; }
