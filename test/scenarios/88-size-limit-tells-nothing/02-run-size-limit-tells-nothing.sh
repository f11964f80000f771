T=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
CHARLOTTE=uid=charlotte,ou=people,$T
WEBAPP=cn=webapp,ou=services,dc=example,dc=net
fails=0
# answer WHO FILTER: exit status and output of a search limited to one entry.
answer() {
	ldapsearch -x -H "$LDAPI_URI" -D "$1" -w secret -b dc=example,dc=net -z 1 -LLL "$2" 1.1 2>&1
	echo "exit $?"
}
# same WHO HIDDEN MISSING: a filter that matches a hidden entry answers as
# one that matches nothing, with the one visible entry.
same() {
	answer "$1" "$2" >hidden
	answer "$1" "$3" >missing
	if ! cmp -s hidden missing || ! grep -qx 'exit 0' hidden; then
		echo "FAIL $1: $2 answers unlike $3:"; diff hidden missing; fails=$((fails + 1))
	fi
}
same "$CHARLOTTE" '(|(uid=charlotte)(uid=marie))' '(|(uid=charlotte)(uid=nobody))'
same "$CHARLOTTE" '(|(uid=charlotte)(mail=mar*))' '(|(uid=charlotte)(mail=zzq*))'
same "$WEBAPP" '(|(cn=postfix)(uid=marie))' '(|(cn=postfix)(uid=nobody))'
[ "$fails" -eq 0 ]
