T=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
# add UID ADDRESS [CONTROLS...]: charlotte adds a mailbox.
add() {
	uid=$1 address=$2
	shift 2
	printf 'dn: uid=%s,ou=people,%s\nchangetype: add\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\nuid: %s\ncn: n\nsn: n\nmail: %s\n' "$uid" "$T" "$uid" "$address" |
		timeout 20 ldapmodify -x -H "$LDAPI_URI" -D "uid=charlotte,ou=people,$T" -w secret "$@"
}
rc=0
add first newcomer@iwdemo.fr -e noop >out 2>&1 || rc=$?
grep -q "No Operation" out || { echo "noop add: exit $rc"; cat out; exit 1; }
# Nothing was stored, so the address is free.
add second newcomer@iwdemo.fr >/dev/null

# A judged write that the client cancels or abandons at once: whether or
# not it was stored, the model says the same as the directory, and the
# next write is judged (the write mutex was released).
for how in cancel abandon; do
	add "gone-$how" "gone-$how@iwdemo.fr" -e "!$how" >/dev/null 2>&1
	rc=0
	add "again-$how" "gone-$how@iwdemo.fr" >out 2>&1 || rc=$?
	if ldapsearch -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b "uid=gone-$how,ou=people,$T" \
		-s base 1.1 >/dev/null 2>&1; then
		grep -q "address-unique: .*gone-$how@iwdemo.fr is already an address of uid=gone-$how," out ||
			{ echo "$how: stored, yet its address is taken again: exit $rc"; cat out; exit 1; }
	else
		[ "$rc" -eq 0 ] || { echo "$how: not stored, yet its address is taken: exit $rc"; cat out; exit 1; }
	fi
done
