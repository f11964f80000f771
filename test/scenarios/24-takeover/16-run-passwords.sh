# bob's password is still his own.
set -e
ldapwhoami -x -H "$LDAPI_URI" -D "uid=bob,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -w secret >/dev/null
if ldapwhoami -x -H "$LDAPI_URI" -D "uid=bob,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -w taken-over >/dev/null 2>&1; then
	echo "bob's password was taken over"; exit 1
fi
