# A referral entry in another tenant is hidden like any of its entries:
# no search reference in a search from above, and no referral (with its
# matchedDN and URL) for an operation at or below it, only the answer of
# a missing entry.  slapd answers referrals before the operation reaches
# the backend, so this is a separate path from 61-hidden-is-missing.
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

R=ou=archive,tenancyDomainName=ministere.example,$S
A=ou=archive,tenancyDomainName=absent.example,$S
for actor in "$CHARLOTTE" cn=webapp,ou=services,dc=example,dc=net; do
	# Below the referral, and the referral entry itself.
	same "$actor" "uid=marie,$R" "uid=marie,$A" "$S"
	same "$actor" "$R" "$A" "$S"
done

# No search reference from above, for a bound user, an account outside
# the tenants, or anonymous; the rootdn gets it (the referral is there).
for actor in "$CHARLOTTE" cn=webapp,ou=services,dc=example,dc=net anonymous; do
	if [ "$actor" = anonymous ]; then
		set -- -x -H "$LDAPI_URI"
	else
		set -- -x -H "$LDAPI_URI" -D "$actor" -w secret
	fi
	# From the suffix, from the tenants' container, and asking for
	# referral entries by name.
	for search in "dc=example,dc=net sub (objectClass=*)" \
		"ou=domains,dc=example,dc=net children (objectClass=*)" \
		"ou=domains,dc=example,dc=net sub (|(objectClass=referral)(ou=archive))"; do
		ldapsearch "$@" -b "${search%% *}" \
			-s "$(echo "$search" | cut -d' ' -f2)" \
			"${search##* }" 1.1 >out 2>&1
		if grep -qi 'ldap://archive' out; then
			echo "FAIL search $search as $actor: the other tenant's referral shows:"
			cat out
			fails=$((fails + 1))
		fi
	done
done
ldapsearch -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b dc=example,dc=net -s sub 1.1 >out 2>&1
if ! grep -q 'ldap://archive.ministere.example' out; then
	echo "FAIL search as the rootdn: no search reference"; cat out
	fails=$((fails + 1))
fi
[ "$fails" -eq 0 ]
