# The attack: mallory, administrator of one unit, adds a mailbox with
# 150,000 aliases in one add (3 MB).  Each address was compared with every
# one before it, several times over: while reading them, while checking
# that no other entry holds them (a lookup scanned the holder's addresses),
# and while indexing them; every write of every tenant waited.  An entry's
# local parts are now indexed once it has 32 addresses.  Accepted, well
# before the guard (which only catches a hang).
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
awk -v d="$D" 'BEGIN {
	printf "dn: uid=many,ou=people,%s\nchangetype: add\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n", d
	printf "uid: many\ncn: Many\nsn: Many\nmail: many@iwdemo.fr\ntenancyStatus: enabled\n"
	printf "tenancyUnitRef: ou=Support,ou=units,%s\n", d
	for (i = 0; i < 150000; i++) printf "tenancyMailAlias: x%d@iwdemo.fr\n", i
}' >many.ldif
rc=0
timeout 120 ldapmodify -x -H "$LDAPI_URI" -D "uid=mallory,ou=people,$D" -w secret -f many.ldif >out 2>&1 || rc=$?
[ "$rc" -ne 124 ] || { echo "no answer within the guard"; exit 1; }
[ "$rc" -eq 0 ] || { cat out; exit 1; }
n=$(ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b "uid=many,ou=people,$D" -s base tenancyMailAlias | grep -c '^tenancyMailAlias: ')
[ "$n" -eq 150000 ] || { echo "$n aliases stored"; exit 1; }
