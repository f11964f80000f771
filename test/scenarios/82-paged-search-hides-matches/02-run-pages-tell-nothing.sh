# Hidden is missing, for paged searches: the backend closes a page when
# one more entry matches, and answers with a cookie before the overlay can
# leave that entry out.  An entry of another tenant that matches must not
# turn the empty cookie of the last page into a full one: the answer for
# a filter that matches a hidden entry is the answer for one that matches
# nothing there.  By a user of a tenant and by an account outside them,
# on a stored attribute and on a computed address.
S=ou=domains,dc=example,dc=net
CHARLOTTE=uid=charlotte,ou=people,tenancyDomainName=iwdemo.fr,$S
WEBAPP=cn=webapp,ou=services,dc=example,dc=net
fails=0

# paged ACTOR BASE FILTER: everything a search with pages of one prints.
paged() {
	ldapsearch -x -H "$LDAPI_URI" -D "$1" -w secret -b "$2" -s sub \
		-E pr=1/noprompt "$3" 1.1 2>&1
	echo "exit $?"
}

# same ACTOR BASE HIDDEN-FILTER MISSING-FILTER
same() {
	paged "$1" "$2" "$3" | grep -v '^# filter:' >hidden
	paged "$1" "$2" "$4" | grep -v '^# filter:' >missing
	if ! cmp -s hidden missing; then
		echo "FAIL paged search as $1 from $2: $3 answers unlike $4:"
		diff hidden missing
		fails=$((fails + 1))
	fi
}

same "$CHARLOTTE" dc=example,dc=net \
	'(|(uid=charlotte)(uid=marie))' '(|(uid=charlotte)(uid=ghost))'
same "$CHARLOTTE" "$S" \
	'(|(uid=charlotte)(mail=marie.lambert@ministere.example))' \
	'(|(uid=charlotte)(mail=ghost@ministere.example))'
same "$CHARLOTTE" "$S" \
	'(|(uid=charlotte)(tenancyAddress=marie.lambert@ministere.example))' \
	'(|(uid=charlotte)(tenancyAddress=ghost@ministere.example))'
same "$WEBAPP" dc=example,dc=net \
	'(|(ou=roles)(uid=marie))' '(|(ou=roles)(uid=ghost))'

# What the actor may see still pages through: charlotte's own tenant,
# one entry a page, is every entry a search without pages finds.
n=$(ldapsearch -x -H "$LDAPI_URI" -D "$CHARLOTTE" -w secret -b "$S" -s sub \
	-LLL 1.1 | grep -c '^dn:')
p=$(ldapsearch -x -H "$LDAPI_URI" -D "$CHARLOTTE" -w secret -b "$S" -s sub \
	-E pr=1/noprompt -LLL 1.1 | grep -c '^dn:')
if [ "$n" -lt 5 ] || [ "$n" != "$p" ]; then
	echo "FAIL charlotte pages through $p entries, and finds $n without pages"
	fails=$((fails + 1))
fi
# And the reader's pages reach every tenant.
p=$(ldapsearch -x -H "$LDAPI_URI" -D cn=postfix,ou=services,dc=example,dc=net \
	-w secret -b "$S" -s sub -E pr=1/noprompt -LLL '(uid=marie)' 1.1 |
	grep -c '^dn:')
if [ "$p" != 1 ]; then
	echo "FAIL the reader's paged search finds $p entries for uid=marie"
	fails=$((fails + 1))
fi
[ "$fails" -eq 0 ]
