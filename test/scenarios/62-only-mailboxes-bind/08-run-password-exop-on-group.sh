# Variant: the Password Modify extended operation (ldappasswd) is a write
# like any other: refused on a group, with the same text as the modify it
# makes, and accepted on a mailbox.
CHARLOTTE=uid=charlotte,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
rc=0
ldappasswd -x -H "$LDAPI_URI" -D "$CHARLOTTE" -w secret -s group-secret \
	"cn=support,ou=groups,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net" >out 2>&1 || rc=$?
[ "$rc" -ne 0 ] && grep -q "Constraint violation (19)" out ||
	{ echo "ldappasswd gave the group a password"; cat out; exit 1; }
grep -qx "Additional info: credentials: cn=support,ou=groups,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net: inside a tenant only a tenancyMailbox holds a password, and this is a group" out ||
	{ echo "ldappasswd's refusal does not say which rule, entry and why"; cat out; exit 1; }
rc=0
ldapwhoami -x -H "$LDAPI_URI" -D "cn=support,ou=groups,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net" \
	-w group-secret >out 2>&1 || rc=$?
[ "$rc" -eq 49 ] || { echo "the group binds: exit $rc"; cat out; exit 1; }
ldappasswd -x -H "$LDAPI_URI" -D "$CHARLOTTE" -w secret -s bob-third \
	"uid=bob,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net" >out 2>&1 ||
	{ echo "ldappasswd refused on a mailbox"; cat out; exit 1; }
ldapwhoami -x -H "$LDAPI_URI" -D "uid=bob,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net" -w bob-third
