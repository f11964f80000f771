# 1,000 mailboxes in one delivering group, added in one modify: the group
# delivers to each, once, and the server still answers.
set -e
D="tenancyDomainName=acme.example,ou=domains,dc=example,dc=net"
i=0
: >users.ldif
{ printf 'dn: cn=everyone,ou=groups,%s\nchangetype: add\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: everyone\nmail: everyone@acme.example\ntenancyGroupDelivery: TRUE\nmember: uid=bob,ou=people,%s\n\n' "$D" "$D"
  printf 'dn: cn=everyone,ou=groups,%s\nchangetype: modify\nadd: member\n' "$D"; } >group.ldif
while [ $i -lt 1000 ]; do
	printf 'dn: uid=u%d,ou=people,%s\nchangetype: add\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\nuid: u%d\ncn: u%d\nsn: u%d\nmail: u%d@acme.example\ntenancyStatus: enabled\n\n' $i "$D" $i $i $i $i >>users.ldif
	printf 'member: uid=u%d,ou=people,%s\n' $i "$D" >>group.ldif
	i=$((i + 1))
done
ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f users.ldif >out 2>&1 || { tail -n 3 out; exit 1; }
ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f group.ldif >out 2>&1 || { tail -n 3 out; exit 1; }
n=$(ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D cn=postfix,ou=services,dc=example,dc=net -w secret \
	-b ou=domains,dc=example,dc=net '(tenancyAddress=everyone@acme.example)' tenancyDeliverTo |
	grep '^tenancyDeliverTo: ' | sort -u | wc -l)
[ "$n" -eq 1001 ] || { echo "everyone@ delivers to $n addresses, not 1001"; exit 1; }
ldapsearch -x -H "$LDAPI_URI" -s base -b "" 1.1 >/dev/null
