# The attack: bob, disabled, binds with his right password.  He gets the
# answer of a wrong password, and the log says why.
BOB=uid=bob,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
rc=0; ldapwhoami -x -H "$LDAPI_URI" -D "$BOB" -w secret >right 2>&1 || rc=$?
[ "$rc" -eq 49 ] || { echo "bind exited $rc, expected 49"; cat right; exit 1; }
ldapwhoami -x -H "$LDAPI_URI" -D "$BOB" -w wrong >wrong 2>&1
cmp right wrong || { echo "a disabled account answers unlike a wrong password"; exit 1; }
grep -q "tenancy: bind refused: disabled: $BOB: the mailbox is disabled" ../slapd.log ||
	{ echo "no log line for the refused bind"; exit 1; }
