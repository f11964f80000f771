. "$TOP_SRCDIR/test/lib/hidden-missing.sh"
M=uid=marie,ou=people,tenancyDomainName=ministere.example,$S
X=uid=marie,ou=people,tenancyDomainName=absent.example,$S
# asserted OP DN FILTER: the client's exit status and output.
asserted() {
	set -- "$1" "$2" "$3" -x -H "$LDAPI_URI" -D "$CHARLOTTE" -w secret -e "!assert=$3"
	op=$1 dn=$2
	shift 3
	case $op in
	modify) printf 'dn: %s\nchangetype: modify\nreplace: description\ndescription: x\n' "$dn" | ldapmodify "$@" ;;
	delete) ldapdelete "$@" "$dn" ;;
	search) ldapsearch "$@" -b "$dn" -s base -LLL 1.1 ;;
	compare) ldapcompare "$@" "$dn" uid:marie ;;
	esac >out 2>&1
	echo "exit $?"
	sed "s|$dn|THE-DN|g" out
}
for f in '(uid=marie)' '(uid=nobody)' '(mail=*)'; do
	for op in modify delete search compare; do
		asserted $op "$M" "$f" >hidden
		asserted $op "$X" "$f" >missing
		if ! cmp -s hidden missing || ! grep -q '^exit 32$' hidden; then
			echo "FAIL $op with $f: the hidden entry answers unlike a missing one"
			diff hidden missing; cat hidden; fails=$((fails + 1))
		fi
	done
done
[ "$fails" -eq 0 ]
