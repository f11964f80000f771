# Variants: every refusal of a Password Modify reaches the client with the
# rule, the entry and the reason, as the modify's would: on the domain
# entry as the rootdn (a credential outside a mailbox), and on a mailbox by
# an account of the tenant that holds no right over it.
DOMAIN=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
rc=0
ldappasswd -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -s domain-secret "$DOMAIN" >out 2>&1 || rc=$?
[ "$rc" -ne 0 ] && grep -q "Constraint violation (19)" out ||
	{ echo "ldappasswd on the domain entry: exit $rc"; cat out; exit 1; }
grep -qx "Additional info: credentials: $DOMAIN: inside a tenant only a tenancyMailbox holds a password, and this is the domain entry" out ||
	{ echo "the domain entry's refusal lost its text"; cat out; exit 1; }
rc=0
ldappasswd -x -H "$LDAPI_URI" -D "uid=bob,ou=people,$DOMAIN" -w bob-third -s stolen \
	"uid=charlotte,ou=people,$DOMAIN" >out 2>&1 || rc=$?
[ "$rc" -ne 0 ] && grep -q "Insufficient access (50)" out ||
	{ echo "bob changed charlotte's password"; cat out; exit 1; }
grep -q "^Additional info: [a-z-]*: uid=charlotte,ou=people,$DOMAIN: ." out ||
	{ echo "the refusal of bob's change does not name the rule and the entry"; cat out; exit 1; }
ldapwhoami -x -H "$LDAPI_URI" -D "uid=charlotte,ou=people,$DOMAIN" -w secret >/dev/null ||
	{ echo "charlotte's password changed"; exit 1; }
