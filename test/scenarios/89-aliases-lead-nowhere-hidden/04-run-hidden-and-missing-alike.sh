S=ou=domains,dc=example,dc=net
T=tenancyDomainName=iwdemo.fr,$S
CHARLOTTE=uid=charlotte,ou=people,$T
WEBAPP=cn=webapp,ou=services,dc=example,dc=net
fails=0
# answer WHO BASE SCOPE DEREF: exit status and output, the aliases' own
# names (to-hidden, to-missing) and targets spelled alike.
answer() {
	ldapsearch -x -H "$LDAPI_URI" -D "$1" -w secret -b "$2" -s "$3" -a "$4" -LLL -o ldif-wrap=no \
		'(objectClass=*)' 1.1 >out 2>&1
	echo "exit $?"
	sed 's/to-hidden/to-X/g;s/to-missing/to-X/g' out
}
# same WHO PARENT SCOPE DEREF
same() {
	for a in to-hidden to-missing; do
		if [ "$3" = base ]; then base="cn=$a,$2"; else base=$2; fi
		if [ "$3" = base ] || [ $a = to-hidden ]; then
			answer "$1" "$base" "$3" "$4" >"$a"
		fi
	done
	if [ "$3" = base ] && ! cmp -s to-hidden to-missing; then
		echo "FAIL $1: $3 -a $4 at an alias: hidden answers unlike missing:"
		diff to-hidden to-missing; fails=$((fails + 1))
	fi
	if grep -q 'marie\|ministere\|Alias problem' to-hidden; then
		echo "FAIL $1: $3 -a $4 below $2 reached the other tenant:"
		cat to-hidden; fails=$((fails + 1))
	fi
}
for deref in always find search; do
	same "$CHARLOTTE" "ou=people,$T" base $deref
	same "$WEBAPP" ou=services,dc=example,dc=net base $deref
done
# Dereferencing while searching: the subtree's answer is the same as without.
answer "$CHARLOTTE" "ou=people,$T" sub never >never
for deref in always search; do
	answer "$CHARLOTTE" "ou=people,$T" sub $deref >deref
	cmp -s never deref || { echo "FAIL subtree -a $deref:"; diff never deref; fails=$((fails + 1)); }
done
[ "$fails" -eq 0 ]
