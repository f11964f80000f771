# The grant wrote exactly one event, naming the mailbox, the level, the
# person to tell and who granted it.
set -u
spool="$TMPDIR/../spool"
n=$(ls "$spool/new" | wc -l)
[ "$n" -eq 1 ] || { echo "$n events, want 1"; exit 1; }
f=$(ls "$spool"/new/*)
for want in 'Event: share' 'Mailbox: contact@iwdemo.fr' 'Level: write' 'To: david@iwdemo.fr' \
	'Grantee: uid=david,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net' \
	'Actor: uid=alice,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net'; do
	grep -qxF "$want" "$f" || { echo "missing line: $want"; cat "$f"; exit 1; }
done
