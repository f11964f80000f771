# 1000 units, each inside the previous one; a user of the deepest unit; a
# userManager grant at the top.  The grant holds 1000 levels down, and the
# deepest user's tenancyEffectiveRole still answers.
set -e
dn="ou=units,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net"
i=1
: >deep.ldif
while [ $i -le 1000 ]; do
	dn="ou=u$i,$dn"
	printf 'dn: %s\nchangetype: add\nobjectClass: tenancyUnit\nou: u%s\n\n' "$dn" $i >>deep.ldif
	i=$((i + 1))
done
cat >>deep.ldif <<LDIF
dn: uid=deep,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net
changetype: add
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: deep
cn: Deep Down
sn: Down
mail: deep@acme.example
tenancyUnitRef: $dn
tenancyStatus: enabled
userPassword: secret

dn: cn=deep-top,ou=grants,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net
changetype: add
objectClass: tenancyGrant
cn: deep-top
tenancyGrantee: uid=deep,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net
tenancyScope: ou=u1,ou=units,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net
tenancyRole: userManager

LDIF
ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f deep.ldif >out 2>&1 || { tail -n 5 out; exit 1; }
# deep, userManager at u1, creates a user in u1000.
cat >leaf.ldif <<LDIF
dn: uid=leaf,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net
changetype: add
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: leaf
cn: Leaf
sn: Leaf
mail: leaf@acme.example
tenancyUnitRef: $dn
tenancyStatus: enabled
LDIF
ldapmodify -x -H "$LDAPI_URI" -D "uid=deep,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -w secret -f leaf.ldif >out 2>&1 || { cat out; exit 1; }
got=$(ldapsearch -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
	-b "uid=deep,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -s base tenancyEffectiveRole | sed -n 's/^tenancyEffectiveRole: //p')
want="userManager at ou=u1,ou=units,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net (direct)"
printf '%s\n' "$got" | grep -qxF "$want" || { echo "tenancyEffectiveRole: $got"; exit 1; }
ldapsearch -x -H "$LDAPI_URI" -s base -b "" 1.1 >/dev/null
