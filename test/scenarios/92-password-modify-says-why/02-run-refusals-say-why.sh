# Each refusal of ldappasswd carries its code and the engine's text.
S=ou=domains,dc=example,dc=net
T=tenancyDomainName=iwdemo.fr,$S
BOB=uid=bob,ou=people,$T
ALICE=uid=alice,ou=people,$T
CHARLOTTE=uid=charlotte,ou=people,$T
fails=0

# expect WHO TARGET CODE TEXT
expect() {
	rc=0
	ldappasswd -x -H "$LDAPI_URI" -D "$1" -w "${PW:-secret}" -s new-secret "$2" >out 2>&1 || rc=$?
	if [ "$rc" -eq 0 ]; then
		echo "FAIL $1 reset the password of $2"; fails=$((fails + 1))
	elif ! grep -q "^Result: .*($3)\$" out || ! grep -qxF "Additional info: $4" out; then
		echo "FAIL $1 on $2: expected ($3) \"$4\", got:"; cat out; fails=$((fails + 1))
	fi
}

# The attack: an ordinary user resets another user's password.
expect "$BOB" "$CHARLOTTE" 50 \
	"permission: $CHARLOTTE: $BOB lacks users.password at ou=direction,ou=units,$T (needed to change userPassword)"
# A user manager of ou=Support on an account outside her unit.
expect "$ALICE" "$CHARLOTTE" 50 \
	"permission: $CHARLOTTE: $ALICE lacks users.password at ou=direction,ou=units,$T (needed to change userPassword)"
# The rootdn on a group: only mailboxes hold credentials.
PW=$ROOTPW expect "$ROOTDN" "cn=support,ou=groups,$T" 19 \
	"credentials: cn=support,ou=groups,$T: inside a tenant only a tenancyMailbox holds a password, and this is a group"
# A hidden entry answers as a missing one, text and all.
MARIE=uid=marie,ou=people,tenancyDomainName=ministere.example,$S
ABSENT=uid=marie,ou=people,tenancyDomainName=absent.example,$S
for who in "$BOB" "$CHARLOTTE"; do
	ldappasswd -x -H "$LDAPI_URI" -D "$who" -w secret -s x "$MARIE" >hidden 2>&1
	echo "exit $?" >>hidden
	ldappasswd -x -H "$LDAPI_URI" -D "$who" -w secret -s x "$ABSENT" >missing 2>&1
	echo "exit $?" >>missing
	if ! cmp -s hidden missing || ! grep -q "(32)" hidden; then
		echo "FAIL $who: the hidden entry answers unlike a missing one:"
		diff hidden missing; cat hidden; fails=$((fails + 1))
	fi
	# With an old password, right ("secret") or wrong: slapd reads the
	# entry to check it, and a hidden one is not there to be read.
	for old in secret wrong; do
		ldappasswd -x -H "$LDAPI_URI" -D "$who" -w secret -a $old -s x "$MARIE" >hidden 2>&1
		echo "exit $?" >>hidden
		ldappasswd -x -H "$LDAPI_URI" -D "$who" -w secret -a $old -s x "$ABSENT" >missing 2>&1
		echo "exit $?" >>missing
		if ! cmp -s hidden missing; then
			echo "FAIL $who, old password $old: the hidden entry answers unlike a missing one:"
			diff hidden missing; fails=$((fails + 1))
		fi
	done
done
[ "$fails" -eq 0 ]
