# Variant: the reads.  Its tenancyAddress (every local part in both of the
# tenant's names) and its tenancyIdentity (the same, each looked up to see
# that the entry still answers to it) were quadratic too; Postfix's lookup
# of one of its aliases scanned all of them.  Each answers in full before
# the guard.
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
n=$(timeout 120 ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
	-b "uid=many,ou=people,$D" -s base tenancyAddress | grep -c '^tenancyAddress: ')
[ "$n" -eq 300004 ] || { echo "$n values of tenancyAddress, not 300004"; exit 1; }
n=$(timeout 120 ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
	-b "uid=many,ou=people,$D" -s base tenancyIdentity | grep -c '^tenancyIdentity: ')
[ "$n" -eq 300004 ] || { echo "$n values of tenancyIdentity, not 300004"; exit 1; }
dn=$(timeout 120 ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D cn=postfix,ou=services,dc=example,dc=net -w secret \
	-b ou=domains,dc=example,dc=net '(tenancyAddress=X149999@iwdemo.com)' 1.1 | sed -n 's/^dn: //p')
[ "$dn" = "uid=many,ou=people,$D" ] || { echo "x149999@iwdemo.com routes to '$dn'"; exit 1; }
