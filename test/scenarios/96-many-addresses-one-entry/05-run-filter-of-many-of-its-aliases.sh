# Variant: one search whose filter names 3,000 of the entry's aliases (as
# much as one argument of ldapsearch holds), which any user of the tenant
# may send.  Each (tenancyAddress=...) node is routed to the stored values
# it matches: those of the entry were found by a scan of all its 150,000
# addresses, the model locked against every write meanwhile; now by the
# entry's index of its local parts.  The entry is found, before the guard.
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
f=$(awk 'BEGIN { printf "(|"; for (i = 0; i < 3000; i++) printf "(tenancyAddress=x%d@iwdemo.com)", i * 50; printf ")" }')
rc=0
timeout 120 ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "uid=bob,ou=people,$D" -w secret \
	-b "ou=people,$D" "$f" 1.1 >out 2>&1 || rc=$?
[ "$rc" -ne 124 ] || { echo "no answer within the guard"; exit 1; }
[ "$rc" -eq 0 ] || { head -c 2000 out; exit 1; }
[ "$(sed -n 's/^dn: //p' out)" = "uid=many,ou=people,$D" ] || { head -c 2000 out; exit 1; }
