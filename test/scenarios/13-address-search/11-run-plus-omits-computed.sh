# Computed attributes come only when asked for by name: "+" does not
# include them, so a replica asking for "*" "+" never stores them.
out=$(ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D cn=postfix,ou=services,dc=example,dc=net -w secret \
	-b "uid=bob,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net" -s base '(objectClass=*)' '*' '+') || exit 1
printf '%s\n' "$out" | grep -q '^entryUUID: ' || { echo "no operational attributes at all:"; printf '%s\n' "$out"; exit 1; }
if printf '%s\n' "$out" | grep -iq '^tenancy\(Address\|Sender\|DeliverTo\|ImapGroup\|EffectiveRole\):'; then
	echo "computed attributes returned for +:"; printf '%s\n' "$out"; exit 1
fi
