T=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
CHARLOTTE=uid=charlotte,ou=people,$T
WEBAPP=cn=webapp,ou=services,dc=example,dc=net
# vlv WHO PW TARGET: "pos count" of a sorted list of (uid=*) from the
# suffix, the window given by TARGET (an offset "1/0" or ":value").
vlv() {
	ldapsearch -x -H "$LDAPI_URI" -D "$1" -w "$2" -b dc=example,dc=net \
		-E '!sss=uid:caseIgnoreOrderingMatch' -E "!vlv=0/0$3" '(uid=*)' 1.1 </dev/null 2>&1 |
		sed -n 's/^vlvResult: pos=\([0-9]*\) count=\([0-9]*\) .*/\1 \2/p' | head -1
}
fails=0
check() {
	if [ "$2" != "$3" ]; then
		echo "FAIL $1: got \"$2\", expected \"$3\""; fails=$((fails + 1))
	fi
}
# The attack: iwdemo.fr has four users; ministere.example three more.
check "charlotte's count" "$(vlv "$CHARLOTTE" secret /1/0)" "1 4"
# An account outside every tenant sees none of them.
check "webapp's count" "$(vlv "$WEBAPP" secret /1/0)" "0 0"
# The first uid at or after "m" is marie's, in the other tenant: to
# charlotte the list ends before it.
check "charlotte's position of m" "$(vlv "$CHARLOTTE" secret :m)" "5 4"
# The rootdn sees all seven, marie sixth.
check "the rootdn's count" "$(vlv "$ROOTDN" "$ROOTPW" /1/0)" "1 7"
check "the rootdn's position of m" "$(vlv "$ROOTDN" "$ROOTPW" :m)" "6 7"
[ "$fails" -eq 0 ]
