# Writes inside an LDAP transaction are refused when they are sent, before
# slapd queues them for the TXN END: a queued write was answered by one
# thread while the TXN END, run by another as soon as the client had that
# answer, already ran and freed it.  Many transactions in a row, of every
# kind of write, and slapd must answer after each.
P='ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net'
alive() {
	ldapsearch -LLL -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
		-b "uid=bob,$P" -s base 1.1 >/dev/null 2>&1 ||
		{ echo "slapd does not answer after $1"; exit 1; }
}
# txn MODE LABEL: the LDIF on stdin in a transaction; must exit 53.
txn() {
	ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -E "txn=$1" \
		>out 2>&1
	rc=$?
	[ "$rc" -eq 53 ] ||
		{ echo "$2: ldapmodify -E txn=$1 exited $rc, expected 53"; cat out; exit 1; }
	alive "$2"
}
i=0
while [ "$i" -lt 25 ]; do
	i=$((i + 1))
	txn commit "modify $i" <<LDIF
dn: uid=bob,$P
changetype: modify
replace: title
title: in transaction $i
LDIF
done
txn commit add <<LDIF
dn: uid=txnadd,$P
changetype: add
objectClass: inetOrgPerson
uid: txnadd
cn: txnadd
sn: txnadd
LDIF
txn commit delete <<LDIF
dn: uid=bob,$P
changetype: delete
LDIF
txn commit modrdn <<LDIF
dn: uid=bob,$P
changetype: modrdn
newrdn: uid=bobby
deleteoldrdn: 1
LDIF
txn abort "modify, aborted" <<LDIF
dn: uid=bob,$P
changetype: modify
replace: title
title: in an aborted transaction
LDIF
txn commit "two writes" <<LDIF
dn: uid=bob,$P
changetype: modify
replace: title
title: first in a transaction

dn: uid=bob,$P
changetype: modify
replace: description
description: second in a transaction
LDIF
# Nothing of it was stored: bob is there, unrenamed, without those values,
# and no txnadd.
got=$(ldapsearch -LLL -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
	-b "$P" -s one '(|(uid=bob)(uid=bobby)(uid=txnadd))' title description)
case $got in
*transaction*) echo "a transaction's write was stored: $got"; exit 1 ;;
esac
case $got in
*"dn: uid=bob,"*) ;;
*) echo "bob is gone: $got"; exit 1 ;;
esac
case $got in
*bobby* | *txnadd*) echo "a transaction's entry was stored: $got"; exit 1 ;;
esac
# Every refusal is in the audit trail, by its rule.
for w in ADD DEL MODRDN; do
	grep -q "TENANCY REFUSED $w dn=\"uid=[a-z]*,$P\" actor=\"$ROOTDN\" rule=transaction err=53" \
		"$TMPDIR/../slapd.log" || { echo "no $w refusal in slapd's log"; exit 1; }
done
n=$(grep -c "TENANCY REFUSED MOD dn=\"uid=bob,$P\" actor=\"$ROOTDN\" rule=transaction err=53" \
	"$TMPDIR/../slapd.log")
[ "$n" -ge 28 ] || { echo "$n transaction refusals of MOD in slapd's log, expected 28 or more"; exit 1; }
