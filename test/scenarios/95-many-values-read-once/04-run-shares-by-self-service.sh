# Variant: no role at all.  bob, a plain user of iwdemo.fr, shares his own
# mailbox (self-service) with 400,000 grantees in one modify: the same
# reading, through another DN attribute.  Refused before the guard.
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
awk -v d="$D" 'BEGIN {
	printf "dn: uid=bob,ou=people,%s\nchangetype: modify\nadd: tenancyShareRead\n", d
	for (i = 0; i < 400000; i++) printf "tenancyShareRead: cn=g%d\n", i
}' >shares.ldif
rc=0
timeout 120 ldapmodify -x -H "$LDAPI_URI" -D "uid=bob,ou=people,$D" -w secret -f shares.ldif >out 2>&1 || rc=$?
[ "$rc" -ne 124 ] || { echo "no answer within the guard"; exit 1; }
grep -q '^ldap_modify: Constraint violation (19)' out || { cat out; exit 1; }
grep -qF "additional info: reference: uid=bob,ou=people,$D: tenancyShareRead names cn=g0, which is not a user or group of tenant iwdemo.fr" out || { cat out; exit 1; }
ldapsearch -x -H "$LDAPI_URI" -s base -b "" 1.1 >/dev/null
