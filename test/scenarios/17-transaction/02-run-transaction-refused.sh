# A write inside an LDAP transaction (RFC 5805) reports success before the
# transaction ends, so the overlay could not keep its model right after an
# abort: it refuses such writes (unwillingToPerform), and the transaction
# commits nothing.
P='ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net'
ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -E txn=commit >out 2>&1 <<LDIF
dn: uid=bob,$P
changetype: modify
replace: title
title: in a transaction
LDIF
rc=$?
[ "$rc" -eq 53 ] || { echo "ldapmodify -E txn=commit exited $rc, expected 53"; cat out; exit 1; }
grep -qF "additional info: transaction: uid=bob,$P: writes inside an LDAP transaction are not supported" out ||
	{ echo "the refusal does not say which rule, entry and why"; cat out; exit 1; }
got=$(ldapsearch -LLL -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b "uid=bob,$P" -s base title)
case $got in
*"in a transaction"*) echo "the transaction's write was stored"; exit 1 ;;
esac
# The audit trail (slapo-tenancy(5)): the refusal is in slapd's log at stats.
grep -q "TENANCY REFUSED MOD dn=\"uid=bob,$P\" actor=\"$ROOTDN\" rule=transaction err=53" \
	"$TMPDIR/../slapd.log" || { echo "the refusal is not in slapd's log"; exit 1; }
