# The attack: mallory shares her own mailbox (self-service, no role
# needed) with the thousand groups, at each of the four levels, in one
# modify of 4,000 values.  Each value was a notification to each member
# of its group: 200,000 event files, each written and synced to disk
# before the write could commit, every write of every tenant waiting, and
# 200,000 mails for `tenancy notify` to send.  Now each person is told
# once a level: the fifty members, four times each.
set -e
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
spool="$TMPDIR/../spool"
awk -v d="$D" 'BEGIN {
	printf "dn: uid=mallory,ou=people,%s\nchangetype: modify\n", d
	split("tenancyShareRead tenancyShareReadReply tenancyShareWrite tenancyShareManage", a, " ")
	for (l = 1; l <= 4; l++) {
		printf "add: %s\n", a[l]
		for (i = 0; i < 1000; i++) printf "%s: cn=g%d,ou=groups,%s\n", a[l], i, d
		printf "-\n"
	}
}' >share.ldif
rc=0
timeout 120 ldapmodify -x -H "$LDAPI_URI" -D "uid=mallory,ou=people,$D" -w secret -f share.ldif >out 2>&1 || rc=$?
[ "$rc" -ne 124 ] || { echo "no answer within the guard"; exit 1; }
[ "$rc" -eq 0 ] || { cat out; exit 1; }
n=$(ls "$spool/new" | wc -l)
[ "$n" -eq 200 ] || { echo "$n events in the spool, want 200 (50 people, 4 levels)"; exit 1; }
n=$(grep -l '^To: m7@iwdemo.fr$' "$spool"/new/* | xargs grep -l '^Level: manage$' | wc -l)
[ "$n" -eq 1 ] || { echo "m7 is told of manage $n times"; exit 1; }
rm -f "$spool"/new/*
