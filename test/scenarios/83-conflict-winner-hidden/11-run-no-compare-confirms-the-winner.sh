# Nor does a compare confirm a guessed winner: it is not compareTrue (6)
# for bob, whatever the answer is for the rootdn.
D=ou=domains,dc=example,dc=net
ldapcompare -x -H "$LDAPI_URI" -D "uid=bob,ou=people,tenancyDomainName=beta.example,$D" -w secret \
	"tenancyDomainName=beta.example,$D" \
	"tenancyConflict:domain-unique: alpha.example: won by tenancyDomainName=alpha.example,$D" \
	>compare.out 2>&1
rc=$?
cat compare.out
[ "$rc" -ne 6 ] || { echo "a compare confirmed the hidden winner" >&2; exit 1; }
