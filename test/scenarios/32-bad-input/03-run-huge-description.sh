# A 1 MiB description on a shared mailbox.  It is contact data: slapd
# stores it, the overlay lets it through, and it reads back whole.
set -e
dn="cn=contact,ou=shared,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net"
{
	printf 'dn: %s\nchangetype: modify\nreplace: description\ndescription: ' "$dn"
	head -c 1048576 /dev/zero | tr '\0' 'a'
	printf '\n'
} >huge.ldif
ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f huge.ldif >out 2>&1 || { cat out; exit 1; }
len=$(ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b "$dn" -s base description |
	sed -n 's/^description: //p' | tr -d '\n' | wc -c)
[ "$len" -eq 1048576 ] || { echo "read back $len bytes, not 1048576"; exit 1; }
ldapsearch -x -H "$LDAPI_URI" -s base -b "" 1.1 >/dev/null
