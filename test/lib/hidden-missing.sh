# hidden-missing.sh - sourced by the scenarios that compare, for every
# operation, the answer for a hidden DN with the answer for a missing one
# (61-hidden-is-missing, 81-referrals-are-hidden).  Sets S (the domains
# container), CHARLOTTE and DAVID (two iwdemo.fr users), fails=0, and
# defines answer() and same(); the caller counts failures in $fails.
S=ou=domains,dc=example,dc=net
CHARLOTTE=uid=charlotte,ou=people,tenancyDomainName=iwdemo.fr,$S
DAVID=uid=david,ou=people,tenancyDomainName=iwdemo.fr,$S
fails=0

# answer ACTOR OP DN: the client's exit status and everything it printed.
answer() {
	set -- "$1" "$2" "$3" -x -H "$LDAPI_URI" -D "$1" -w secret
	actor=$1 op=$2 dn=$3
	shift 3
	case $op in
	search) ldapsearch "$@" -b "$dn" -s base -LLL 1.1 ;;
	compare) ldapcompare "$@" "$dn" uid:marie ;;
	add) printf 'dn: cn=x,%s\nchangetype: add\nobjectClass: organizationalRole\ncn: x\n' "$dn" | ldapmodify "$@" ;;
	modify) printf 'dn: %s\nchangetype: modify\nreplace: description\ndescription: x\n' "$dn" | ldapmodify "$@" ;;
	delete) ldapdelete "$@" "$dn" ;;
	rename) ldapmodrdn "$@" "$dn" cn=x ;;
	newsup) ldapmodrdn "$@" -s "$dn" "$DAVID" uid=david ;;
	# An add at the DN itself: not noSuchObject, but no hint either.
	addself) printf 'dn: %s\nchangetype: add\nobjectClass: organizationalUnit\nou: x\n' "$dn" | ldapmodify "$@" ;;
	adddomain) printf 'dn: %s\nchangetype: add\nobjectClass: tenancyDomain\ntenancyDomainName: x.example\n' "$dn" | ldapmodify "$@" ;;
	esac >out 2>&1
	echo "exit $?"
	# The DN itself appears in some clients' messages: name it alike.
	sed "s|$dn|THE-DN|g" out
}

# same ACTOR HIDDEN MISSING MATCHED
same() {
	for op in search compare add modify delete rename newsup; do
		answer "$1" $op "$2" >hidden
		answer "$1" $op "$3" >missing
		if ! cmp -s hidden missing; then
			echo "FAIL $op as $1: $2 answers unlike $3:"
			diff hidden missing
			fails=$((fails + 1))
		elif ! grep -q '^exit 32$' hidden; then
			echo "FAIL $op as $1: $2: not noSuchObject:"
			cat hidden
			fails=$((fails + 1))
		elif [ $op != newsup ] && [ $op != search ] && [ $op != compare ] &&
			! grep -qi "matched DN: $4\$" hidden; then
			echo "FAIL $op as $1: $2: matched DN is not $4:"
			cat hidden
			fails=$((fails + 1))
		fi
	done
}
