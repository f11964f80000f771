S=ou=domains,dc=example,dc=net
T=tenancyDomainName=iwdemo.fr,$S
fails=0
# deref WHO BASE: the values the control dereferenced, as ldapsearch prints
# them: "# seeAlso: <uid=...>;<mail=...>;DN" (no "<...>" when it read
# nothing of DN).
deref() {
	ldapsearch -x -H "$LDAPI_URI" -D "$1" -w secret -b "$2" -s base -LLL -o ldif-wrap=no \
		-E '!deref=seeAlso:uid,mail,cn,tenancyDomainName' seeAlso >out 2>&1 ||
		{ echo "search failed"; cat out; }
	sed -n 's/^# seeAlso: //p' out
}
deref "uid=charlotte,ou=people,$T" "uid=charlotte,ou=people,$T" >charlotte
# The attack (marie's entry), the other tenant's domain entry and a
# missing DN answer alike: nothing read.
for dn in "uid=marie,ou=people,tenancyDomainName=ministere.example,$S" \
	"tenancyDomainName=ministere.example,$S" \
	"uid=nobody,ou=people,tenancyDomainName=absent.example,$S"; do
	grep -qxF "$dn" charlotte || { echo "FAIL charlotte reads through $dn:"; grep -F "$dn" charlotte; fails=$((fails + 1)); }
done
# Her own tenant still reads.
grep -qxF "<uid=bob>;<mail=bob@iwdemo.fr>;<cn=Bob Durand>;uid=bob,ou=people,$T" charlotte ||
	{ echo "FAIL charlotte no longer reads bob:"; cat charlotte; fails=$((fails + 1)); }
# An account outside every tenant, through its own entry.
deref cn=webapp,ou=services,dc=example,dc=net cn=webapp,ou=services,dc=example,dc=net >webapp
grep -qxF "uid=marie,ou=people,tenancyDomainName=ministere.example,$S" webapp ||
	{ echo "FAIL webapp reads marie:"; cat webapp; fails=$((fails + 1)); }
[ "$fails" -eq 0 ]
