# Variant: one alias more, then one that alice holds, each in one modify of
# the 150,000-alias mailbox: every address of the entry is judged again
# (syntax, domain, holder), at one lookup each.  Before the guard.
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
rc=0
timeout 120 ldapmodify -x -H "$LDAPI_URI" -D "uid=mallory,ou=people,$D" -w secret >out 2>&1 <<LDIF || rc=$?
dn: uid=many,ou=people,$D
changetype: modify
add: tenancyMailAlias
tenancyMailAlias: x150000@iwdemo.fr
LDIF
[ "$rc" -eq 0 ] || { cat out; exit 1; }
rc=0
timeout 120 ldapmodify -x -H "$LDAPI_URI" -D "uid=mallory,ou=people,$D" -w secret >out 2>&1 <<LDIF || rc=$?
dn: uid=many,ou=people,$D
changetype: modify
add: tenancyMailAlias
tenancyMailAlias: Alice.Martin@iwdemo.com
LDIF
[ "$rc" -ne 124 ] || { echo "no answer within the guard"; exit 1; }
grep -q '^ldap_modify: Constraint violation (19)' out || { cat out; exit 1; }
grep -qF "additional info: address-unique: uid=many,ou=people,$D: alice.martin@iwdemo.com is already an address of uid=alice,ou=people,$D" out || { cat out; exit 1; }
