# Two tenants race for one alias domain while users race for an address in
# it: at most one tenant holds the name, and no address outside its owner.
set -u
dom="ou=domains,dc=example,dc=net"
i=0
while [ $i -lt 6 ]; do
	i=$((i + 1))
	cat >"$TMPDIR/dom-$i.ldif" <<LDIF
dn: tenancyDomainName=t$i.example,$dom
changetype: add
objectClass: tenancyDomain
tenancyDomainName: t$i.example
tenancyDomainAlias: contested.example
LDIF
done
i=0
while [ $i -lt 6 ]; do
	i=$((i + 1))
	( ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f "$TMPDIR/dom-$i.ldif" \
		>/dev/null 2>&1; echo $? >"$TMPDIR/dom-$i.rc" ) &
done
wait
won=$(cat "$TMPDIR"/dom-*.rc | grep -c '^0$')
[ "$won" -eq 1 ] || { echo "$won tenants took contested.example"; exit 1; }
n=$(ldapsearch -LLL -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b "$dom" \
	"(tenancyDomainAlias=contested.example)" dn | grep -c '^dn:')
[ "$n" -eq 1 ] || { echo "$n tenants hold contested.example"; exit 1; }
exit 0
