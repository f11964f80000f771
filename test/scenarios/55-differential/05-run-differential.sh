# The differential test of DESIGN 5a: for a corpus of spellings, slapd
# says which are the same entry or the same value (the rootdn's reads, and
# the probe entry outside every tenant); the engine must then give the
# same answers for writes and reads.  One line per check that fails;
# the last line counts them.
set -u
S=ou=domains,dc=example,dc=net
P=ou=people,tenancyDomainName=acme.example,$S
ALICE=uid=alice,$P
VICTIM=uid=victim,ou=people,tenancyDomainName=other.example,$S
PROBE=cn=probe,ou=services,dc=example,dc=net
checks=0 failed=0
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
note() { printf 'note: %s\n' "$*"; }
b64() { printf '%s' "$1" | base64 -w0; }

# slapd's own answer: the normalised DN of the entry a spelling names, or
# nothing when it names none.
entry_of() {
	ldapsearch -x -LLL -o ldif-wrap=no -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
		-b "$1" -s base 1.1 2>/dev/null | sed -n 's/^dn: //p' | tr 'A-Z' 'a-z'
}

# Code and rule of a write: "CODE RULE".
write() { # bind password ldif
	out=$(printf '%s\n' "$3" | ldapmodify -x -H "$LDAPI_URI" -D "$1" -w "$2" 2>&1)
	rc=$?
	rule=$(printf '%s\n' "$out" | sed -n 's/^[[:space:]]*additional info: \([a-z-]*\):.*/\1/p' | head -n 1)
	echo "$rc $rule"
}

# --- DN spellings: every one slapd takes for bob is bob to the engine.
plain="uid=bob,$P"
want_write=$(write "$ALICE" secret "dn: $plain
changetype: modify
replace: userPassword
userPassword: x")
want_delete=$(write "$ALICE" secret "dn: $plain
changetype: delete")
while IFS= read -r sp; do
	[ -n "$sp" ] || continue
	same=$(entry_of "$sp")
	[ "$same" = "$(entry_of "$plain")" ] || { note "slapd takes \"$sp\" for another entry"; continue; }
	checks=$((checks + 1))
	got=$(write "$ALICE" secret "dn: $sp
changetype: modify
replace: userPassword
userPassword: x")
	[ "$got" = "$want_write" ] || fail "modify of \"$sp\": $got, as bob: $want_write"
	got=$(write "$ALICE" secret "dn: $sp
changetype: delete")
	[ "$got" = "$want_delete" ] || fail "delete of \"$sp\": $got, as bob: $want_delete"
	# reads: another tenant's user finds it no more than bob's own DN
	ldapsearch -x -LLL -H "$LDAPI_URI" -D "$VICTIM" -w secret -b "$sp" -s base 1.1 >/dev/null 2>&1
	rc=$?
	[ "$rc" -eq 32 ] || fail "search of \"$sp\" by another tenant: exit $rc, not 32"
	ldapcompare -x -H "$LDAPI_URI" -D "$VICTIM" -w secret "$sp" uid:bob >/dev/null 2>&1
	rc=$?
	[ "$rc" -eq 32 ] || fail "compare of \"$sp\" by another tenant: exit $rc, not 32"
done <<SPELLINGS
uid=bob,$P
UID=BOB,OU=PEOPLE,TENANCYDOMAINNAME=ACME.EXAMPLE,OU=DOMAINS,DC=EXAMPLE,DC=NET
uid=ｂｏｂ,$P
uid=ＢＯＢ,$P
uid=\62\6f\62,$P
uid=\62\6F\62,$P
 uid = bob , ou = people ,tenancyDomainName=acme.example,$S
uid=bob,ou=people,tenancyDomainName=ａｃｍｅ.example,$S
uid=bob,ou=ｐｅｏｐｌｅ,tenancyDomainName=acme.example,$S
0.9.2342.19200300.100.1.1=bob,$P
userid=bob,$P
uid=bob,2.5.4.11=people,tenancyDomainName=acme.example,$S
SPELLINGS

# An accent: precomposed, decomposed, capital, fullwidth.
write "$ROOTDN" "$ROOTPW" "dn: uid=rené,$P
changetype: add
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: rené
cn: René
sn: Roux
mail: rene@acme.example
tenancyUnitRef: ou=Support,ou=units,tenancyDomainName=acme.example,$S

dn: cn=rene-support,ou=grants,tenancyDomainName=acme.example,$S
changetype: add
objectClass: tenancyGrant
cn: rene-support
tenancyGrantee: uid=rené,$P
tenancyScope: ou=Support,ou=units,tenancyDomainName=acme.example,$S
tenancyRole: delegationManager" >/dev/null
plain="uid=rené,$P"
want_write=$(write "$ALICE" secret "dn: $plain
changetype: modify
replace: userPassword
userPassword: x")
for sp in "uid=ren\\65\\CC\\81,$P" "uid=RENÉ,$P" "uid=ｒｅｎé,$P" "uid=ren\\C3\\A9,$P" \
	"uid=René,$P"; do
	[ "$(entry_of "$sp")" = "$(entry_of "$plain")" ] || { note "slapd takes \"$sp\" for another entry"; continue; }
	checks=$((checks + 1))
	got=$(write "$ALICE" secret "dn: $sp
changetype: modify
replace: userPassword
userPassword: x")
	[ "$got" = "$want_write" ] || fail "modify of \"$sp\": $got, as rené: $want_write"
done

# Multi-valued RDNs: one entry in either order, in any case.  It holds a
# role alice lacks.
write "$ROOTDN" "$ROOTPW" "dn: cn=x+uid=multi,$P
changetype: add
objectClass: inetOrgPerson
objectClass: tenancyMailbox
sn: x
mail: multi@acme.example
tenancyUnitRef: ou=Support,ou=units,tenancyDomainName=acme.example,$S

dn: cn=multi-support,ou=grants,tenancyDomainName=acme.example,$S
changetype: add
objectClass: tenancyGrant
cn: multi-support
tenancyGrantee: cn=x+uid=multi,$P
tenancyScope: ou=Support,ou=units,tenancyDomainName=acme.example,$S
tenancyRole: delegationManager" >/dev/null
plain="cn=x+uid=multi,$P"
want_write=$(write "$ALICE" secret "dn: $plain
changetype: modify
replace: userPassword
userPassword: x")
for sp in "uid=multi+cn=x,$P" "CN=X + UID=MULTI,$P" "uid=ｍulti+cn=x,$P" \
	"uid=\\6Dulti+cn=\\78,$P"; do
	[ "$(entry_of "$sp")" = "$(entry_of "$plain")" ] || { note "slapd takes \"$sp\" for another entry"; continue; }
	checks=$((checks + 1))
	got=$(write "$ALICE" secret "dn: $sp
changetype: modify
replace: userPassword
userPassword: x")
	[ "$got" = "$want_write" ] || fail "modify of \"$sp\": $got, as the entry: $want_write"
done
case $want_write in "50 takeover") ;; *) fail "alice on the multi-valued entry: $want_write" ;; esac

# --- Values: every spelling slapd matches as carl@acme.example (written
# on the probe, found by Postfix's filter) is carl's to the engine: the
# rootdn cannot give it to erin.  Values go base64, blanks included;
# erin's classes allow every description tried, so that only the engine
# can refuse.
write "$ROOTDN" "$ROOTPW" "dn: uid=erin,$P
changetype: modify
add: objectClass
objectClass: tenancyTestMailed" >/dev/null
probe_matches() { # description value
	write "$ROOTDN" "$ROOTPW" "dn: $PROBE
changetype: modify
replace: $1
$1:: $(b64 "$2")" >/dev/null
	n=$(ldapsearch -x -LLL -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -b "$PROBE" -s base \
		"(mail=carl@acme.example)" 1.1 2>/dev/null | grep -c '^dn:')
	write "$ROOTDN" "$ROOTPW" "dn: $PROBE
changetype: modify
delete: $1" >/dev/null
	[ "$n" -gt 0 ]
}
while IFS='|' read -r desc value; do
	[ -n "$desc" ] || continue
	if ! probe_matches "$desc" "$value"; then
		note "slapd does not match $desc: \"$value\" as carl@acme.example"
		continue
	fi
	checks=$((checks + 1))
	got=$(write "$ROOTDN" "$ROOTPW" "dn: uid=erin,$P
changetype: modify
add: $desc
$desc:: $(b64 "$value")")
	case $got in 0*) fail "$desc: \"$value\" given to erin: accepted" ;; esac
done <<VALUES
mail|carl@acme.example
mail|CARL@ACME.EXAMPLE
mail| carl@acme.example
mail|carl@acme.example 
mail|carl@acme.example  
MAIL|carl@acme.example
rfc822Mailbox|carl@acme.example
0.9.2342.19200300.100.1.3|carl@acme.example
mail;lang-en|carl@acme.example
mail;lang-en-us|Carl@Acme.Example
tenancyTestMail|carl@acme.example
tenancyTestMail;lang-fr|carl@acme.example
VALUES

# And Postfix sees carl's address on carl alone.
n=$(ldapsearch -x -LLL -H "$LDAPI_URI" -D cn=postfix,ou=services,dc=example,dc=net -w secret \
	-b "$S" "(mail=carl@acme.example)" 1.1 | grep -c '^dn:')
checks=$((checks + 1))
[ "$n" -eq 1 ] || fail "carl@acme.example answers for $n entries"

echo "differential: $checks checks, $failed failed"
[ "$failed" -eq 0 ] && [ "$checks" -ge 25 ]
