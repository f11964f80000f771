# The attack: one add of a group naming 400,000 members (about 5 MB, below
# slapd's 16 MB limit for a bound client).  The engine reads every value
# before it judges any; with each value compared with those read before
# it, that was 80 billion comparisons, and every write of every tenant
# waited behind it.  It is refused, as the references name no entry, and
# well before the guard (which only catches a hang).
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
awk -v d="$D" 'BEGIN {
	printf "dn: cn=big,ou=groups,%s\nchangetype: add\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: big\ntenancyUnitRef: ou=Support,ou=units,%s\n", d, d
	for (i = 0; i < 400000; i++) printf "member: cn=m%d\n", i
}' >big.ldif
rc=0
timeout 120 ldapmodify -x -H "$LDAPI_URI" -D "uid=mallory,ou=people,$D" -w secret -f big.ldif >out 2>&1 || rc=$?
[ "$rc" -ne 124 ] || { echo "no answer within the guard"; exit 1; }
grep -q '^ldap_add: Constraint violation (19)' out || { cat out; exit 1; }
grep -qF "additional info: reference: cn=big,ou=groups,$D: member names cn=m0, which is not a mailbox, shared mailbox or group of tenant iwdemo.fr" out || { cat out; exit 1; }
# The server still answers, and nothing was stored.
ldapsearch -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b "cn=big,ou=groups,$D" -s base 1.1 >/dev/null 2>&1 && { echo "cn=big was stored"; exit 1; }
exit 0
