# A referral entry in another tenant is hidden like any of its entries:
# no search reference in a search from above, and no referral (with its
# matchedDN and URL) for an operation at or below it, only the answer of
# a missing entry.  slapd answers referrals before the operation reaches
# the backend, so this is a separate path from 61-hidden-is-missing.
. "$TOP_SRCDIR/test/lib/hidden-missing.sh"

R=ou=archive,tenancyDomainName=ministere.example,$S
A=ou=archive,tenancyDomainName=absent.example,$S
for actor in "$CHARLOTTE" cn=webapp,ou=services,dc=example,dc=net; do
	# Below the referral, and the referral entry itself.
	same "$actor" "uid=marie,$R" "uid=marie,$A" "$S"
	same "$actor" "$R" "$A" "$S"
done

# No search reference from above, for a bound user, an account outside
# the tenants, or anonymous; the rootdn gets it (the referral is there).
for actor in "$CHARLOTTE" cn=webapp,ou=services,dc=example,dc=net anonymous; do
	if [ "$actor" = anonymous ]; then
		set -- -x -H "$LDAPI_URI"
	else
		set -- -x -H "$LDAPI_URI" -D "$actor" -w secret
	fi
	# From the suffix, from the tenants' container, and asking for
	# referral entries by name.
	for search in "dc=example,dc=net sub (objectClass=*)" \
		"ou=domains,dc=example,dc=net children (objectClass=*)" \
		"ou=domains,dc=example,dc=net sub (|(objectClass=referral)(ou=archive))"; do
		ldapsearch "$@" -b "${search%% *}" \
			-s "$(echo "$search" | cut -d' ' -f2)" \
			"${search##* }" 1.1 >out 2>&1
		if grep -qi 'ldap://archive' out; then
			echo "FAIL search $search as $actor: the other tenant's referral shows:"
			cat out
			fails=$((fails + 1))
		fi
	done
done
ldapsearch -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b dc=example,dc=net -s sub 1.1 >out 2>&1
if ! grep -q 'ldap://archive.ministere.example' out; then
	echo "FAIL search as the rootdn: no search reference"; cat out
	fails=$((fails + 1))
fi
[ "$fails" -eq 0 ]
