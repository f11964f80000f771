# Variant: bob, a plain user, shares his own mailbox with the thousand
# groups at one level: fifty events, one a person.
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
spool="$TMPDIR/../spool"
awk -v d="$D" 'BEGIN {
	printf "dn: uid=bob,ou=people,%s\nchangetype: modify\nadd: tenancyShareRead\n", d
	for (i = 0; i < 1000; i++) printf "tenancyShareRead: cn=g%d,ou=groups,%s\n", i, d
}' >share.ldif
rc=0
timeout 120 ldapmodify -x -H "$LDAPI_URI" -D "uid=bob,ou=people,$D" -w secret -f share.ldif >out 2>&1 || rc=$?
[ "$rc" -eq 0 ] || { cat out; exit 1; }
n=$(ls "$spool/new" | wc -l)
[ "$n" -eq 50 ] || { echo "$n events in the spool, want 50"; exit 1; }
