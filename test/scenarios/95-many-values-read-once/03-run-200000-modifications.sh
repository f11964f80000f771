# Variant: one modify of 200,000 modifications, each adding one member to
# crew.  Each was applied to the group as read so far, and compared with
# every member before it.  Refused on the first reference, before the guard.
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
awk -v d="$D" 'BEGIN {
	printf "dn: cn=crew,ou=groups,%s\nchangetype: modify\n", d
	for (i = 0; i < 200000; i++) printf "add: member\nmember: cn=m%d\n-\n", i
}' >mods.ldif
rc=0
timeout 120 ldapmodify -x -H "$LDAPI_URI" -D "uid=mallory,ou=people,$D" -w secret -f mods.ldif >out 2>&1 || rc=$?
[ "$rc" -ne 124 ] || { echo "no answer within the guard"; exit 1; }
grep -q '^ldap_modify: Constraint violation (19)' out || { cat out; exit 1; }
grep -qF "additional info: reference: cn=crew,ou=groups,$D: member names cn=m0, which is not a mailbox, shared mailbox or group of tenant iwdemo.fr" out || { cat out; exit 1; }
n=$(ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b "cn=crew,ou=groups,$D" -s base member | grep -c '^member: ')
[ "$n" -eq 1 ] || { echo "crew has $n members"; exit 1; }
