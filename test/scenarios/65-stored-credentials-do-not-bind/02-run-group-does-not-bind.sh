# The attack: a bind as the group, with the password stored on it.
rc=0; ldapwhoami -x -H "$LDAPI_URI" -D "cn=team,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -w secret >right 2>&1 || rc=$?
[ "$rc" -eq 49 ] || { echo "bind exited $rc, expected 49"; cat right; exit 1; }
ldapwhoami -x -H "$LDAPI_URI" -D "uid=ann,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -w wrong >wrong 2>&1
cmp right wrong || { echo "the refusal answers unlike a wrong password"; exit 1; }
grep -q "tenancy: bind refused: bind: cn=team,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net: only a tenancyMailbox binds inside a tenant, and this is a group" ../slapd.log ||
	{ echo "no log line for the refused bind"; grep tenancy: ../slapd.log; exit 1; }
