# Variant: alice's mailbox is enabled, her domain is not.
ALICE=uid=alice,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
rc=0; ldapwhoami -x -H "$LDAP_URI" -D "$ALICE" -w secret >out 2>&1 || rc=$?
[ "$rc" -eq 49 ] || { echo "bind exited $rc, expected 49"; cat out; exit 1; }
grep -q "tenancy: bind refused: disabled: $ALICE: its domain iwdemo.fr is disabled" ../slapd.log ||
	{ echo "no log line for the refused bind"; exit 1; }
