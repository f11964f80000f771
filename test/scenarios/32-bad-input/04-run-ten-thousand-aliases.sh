# A mailbox with 10,000 aliases: accepted; each answers, in both forms of
# the address, and the server still answers.
set -e
{
	printf 'dn: uid=many,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net\nchangetype: add\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\n'
	printf 'uid: many\ncn: Many Aliases\nsn: Aliases\nmail: many@acme.example\ntenancyStatus: enabled\n'
	i=1
	while [ $i -le 10000 ]; do
		printf 'tenancyMailAlias: alias%05d@acme.example\n' $i
		i=$((i + 1))
	done
} >many.ldif
ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f many.ldif >out 2>&1 || { cat out; exit 1; }
n=$(ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
	-b "uid=many,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -s base tenancyMailAlias | grep -c '^tenancyMailAlias: ')
[ "$n" -eq 10000 ] || { echo "$n aliases stored, not 10000"; exit 1; }
dn=$(ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D cn=postfix,ou=services,dc=example,dc=net -w secret \
	-b ou=domains,dc=example,dc=net '(tenancyAddress=alias09999@acme.example)' 1.1 | sed -n 's/^dn: //p')
[ "$dn" = "uid=many,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" ] || { echo "alias09999@ routes to '$dn'"; exit 1; }
ldapsearch -x -H "$LDAPI_URI" -s base -b "" 1.1 >/dev/null
