# Eight clients add eight different entries at the same instant, all
# answering to race@iwdemo.fr in one alias form or the other.  Writes are
# serialised from check to commit, so exactly one wins and seven are refused
# with constraintViolation (invariant 3).  Repeated for several rounds.
set -u
base="ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net"
round=0
while [ $round -lt 5 ]; do
	round=$((round + 1))
	i=0
	while [ $i -lt 8 ]; do
		i=$((i + 1))
		case $((i % 2)) in 0) dom=iwdemo.fr ;; *) dom=iwdemo.com ;; esac
		cat >"$TMPDIR/race-$round-$i.ldif" <<LDIF
dn: uid=racer$round-$i,$base
changetype: add
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: racer$round-$i
cn: Racer $i
sn: Racer
mail: race$round@$dom
LDIF
	done
	i=0
	while [ $i -lt 8 ]; do
		i=$((i + 1))
		( ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
			-f "$TMPDIR/race-$round-$i.ldif" >"$TMPDIR/race-$round-$i.out" 2>&1
		  echo $? >"$TMPDIR/race-$round-$i.rc" ) &
	done
	wait
	won=$(cat "$TMPDIR"/race-$round-*.rc | grep -c '^0$')
	refused=$(cat "$TMPDIR"/race-$round-*.rc | grep -c '^19$')
	if [ "$won" -ne 1 ] || [ "$refused" -ne 7 ]; then
		echo "round $round: $won won, $refused refused (want 1 and 7)"
		cat "$TMPDIR"/race-$round-*.out
		exit 1
	fi
	grep -h 'additional info' "$TMPDIR"/race-$round-*.out |
		grep -vq "address-unique: uid=racer$round-[1-8],$base: race$round@iwdemo\.\(fr\|com\) is already an address of uid=racer$round-[1-8],ou=people,tenancyDomainName=iwdemo.fr," && {
		echo "round $round: a refusal text is not the address-unique one"
		grep -h 'additional info' "$TMPDIR"/race-$round-*.out
		exit 1
	}
	# The directory holds exactly one entry answering to the address.
	n=$(ldapsearch -LLL -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
		-b "$base" "(|(mail=race$round@iwdemo.fr)(mail=race$round@iwdemo.com))" dn |
		grep -c '^dn:')
	[ "$n" -eq 1 ] || { echo "round $round: $n entries hold the address"; exit 1; }
done
exit 0
