# For every operation, the answer for a hidden DN and for a missing one
# must be byte for byte the same, and be noSuchObject.
. "$TOP_SRCDIR/test/lib/hidden-missing.sh"

for actor in "$CHARLOTTE" cn=webapp,ou=services,dc=example,dc=net; do
	# An entry deep in another tenant, and one in a tenant that is not.
	same "$actor" "uid=marie,ou=people,tenancyDomainName=ministere.example,$S" \
		"uid=marie,ou=people,tenancyDomainName=absent.example,$S" "$S"
	# A missing entry below another tenant: its nearest entry is hidden.
	same "$actor" "uid=nobody,ou=people,tenancyDomainName=ministere.example,$S" \
		"uid=nobody,ou=people,tenancyDomainName=absent.example,$S" "$S"
	# The other tenant's domain entry itself.
	same "$actor" "tenancyDomainName=ministere.example,$S" \
		"tenancyDomainName=absent.example,$S" "$S"
done
# An add over another tenant's own entry answers as over a free DN.
for actor in "$CHARLOTTE" cn=webapp,ou=services,dc=example,dc=net; do
	for op in addself adddomain; do
		answer "$actor" $op "tenancyDomainName=ministere.example,$S" >hidden
		answer "$actor" $op "tenancyDomainName=absent.example,$S" >missing
		if ! cmp -s hidden missing; then
			echo "FAIL $op as $actor: the other tenant answers unlike a free DN:"
			diff hidden missing
			fails=$((fails + 1))
		elif grep -q '^exit 0$' hidden; then
			echo "FAIL $op as $actor: accepted"; fails=$((fails + 1))
		fi
	done
done
[ "$fails" -eq 0 ]
