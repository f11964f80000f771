# Variant: a shared mailbox that mallory creates shared with "many" (300
# people) at the four levels: 1,200 notifications, more than the 1,000 a
# write may send.  The write is accepted and no one is told (slapd logs
# it): a share with a whole company is not announced one mail a person.
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
spool="$TMPDIR/../spool"
rc=0
timeout 120 ldapmodify -x -H "$LDAPI_URI" -D "uid=mallory,ou=people,$D" -w secret >out 2>&1 <<LDIF || rc=$?
dn: cn=blast,ou=shared,$D
changetype: add
objectClass: tenancySharedMailbox
cn: blast
mail: blast@iwdemo.fr
tenancyUnitRef: ou=Support,ou=units,$D
tenancyShareRead: cn=many,ou=groups,$D
tenancyShareReadReply: cn=many,ou=groups,$D
tenancyShareWrite: cn=many,ou=groups,$D
tenancyShareManage: cn=many,ou=groups,$D
LDIF
[ "$rc" -eq 0 ] || { cat out; exit 1; }
n=$(ls "$spool/new" | wc -l)
[ "$n" -eq 0 ] || { echo "$n events in the spool, want none"; exit 1; }
grep -q "too many to notify" "$TMPDIR/../slapd.log" || { echo "no log line"; exit 1; }
