# bob and rené still bind with their own passwords, and with no other.
set -e
P=ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net
for u in bob rené; do
	ldapwhoami -x -H "$LDAPI_URI" -D "uid=$u,$P" -w secret >/dev/null
	if ldapwhoami -x -H "$LDAPI_URI" -D "uid=$u,$P" -w taken-over >/dev/null 2>&1; then
		echo "$u's password was taken over"; exit 1
	fi
done
