# Variant: charlotte is bound when her mailbox is disabled (here by
# herself, on the same connection): from then on her grants give her no
# rights, and her tenant is hidden from her as from anyone outside it.
CHARLOTTE=uid=charlotte,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
rc=0
ldapmodify -x -H "$LDAPI_URI" -D "$CHARLOTTE" -w secret >out 2>&1 <<LDIF || rc=$?
dn: $CHARLOTTE
changetype: modify
replace: tenancyStatus
tenancyStatus: disabled

dn: uid=zoe,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
changetype: add
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: zoe
cn: zoe
sn: zoe
mail: zoe@iwdemo.fr
LDIF
[ "$rc" -eq 32 ] || { echo "ldapmodify exited $rc, expected 32"; cat out; exit 1; }
grep -q "matched DN: ou=domains,dc=example,dc=net" out &&
	! grep -q "additional info" out ||
	{ cat out; exit 1; }
