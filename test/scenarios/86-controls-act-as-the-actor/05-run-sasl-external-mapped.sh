S=ou=domains,dc=example,dc=net
T=tenancyDomainName=iwdemo.fr,$S
MARIE=uid=marie,ou=people,tenancyDomainName=ministere.example,$S
map() {
	printf 'dn: cn=config\nchangetype: modify\nreplace: olcAuthzRegexp\nolcAuthzRegexp: "^gidNumber=[0-9]+\\+uidNumber=[0-9]+,cn=peercred,cn=external,cn=auth$" "%s"\n' "$1" |
		ldapmodify -x -H "$LDAPI_URI" -D cn=config -w secret >/dev/null
}
ext() { "$@" -Y EXTERNAL -H "$LDAPI_URI" -Q; }
# cn=config keeps a way in once the peer is mapped away.
ext ldapmodify >/dev/null <<'LDIF'
dn: olcDatabase={0}config,cn=config
changetype: modify
add: olcRootPW
olcRootPW: secret
LDIF
map "cn=support,ou=groups,$T"
[ "$(ext ldapwhoami)" = "dn:cn=support,ou=groups,$T" ] || { echo "not mapped to the group"; exit 1; }
ext ldapsearch -b "$S" -LLL 1.1 >out
[ "$(grep -c '^dn:' out)" -eq 1 ] || { echo "the group sees tenants:"; cat out; exit 1; }
rc=0
printf 'dn: uid=bob,ou=people,%s\nchangetype: modify\nreplace: description\ndescription: x\n' "$T" |
	ext ldapmodify >out 2>&1 || rc=$?
[ "$rc" -eq 32 ] || { echo "the group writes: exit $rc"; cat out; exit 1; }
map "$MARIE"
[ "$(ext ldapwhoami)" = "dn:$MARIE" ] || { echo "not mapped to marie"; exit 1; }
ext ldapsearch -b "$S" -LLL 1.1 >out
grep -qx "dn: tenancyDomainName=ministere.example,$S" out && ! grep -q "iwdemo" out ||
	{ echo "marie's view:"; cat out; exit 1; }
rc=0
ext ldapsearch -b "uid=charlotte,ou=people,$T" -s base 1.1 >out 2>&1 || rc=$?
[ "$rc" -eq 32 ] || { echo "marie finds charlotte: exit $rc"; cat out; exit 1; }
