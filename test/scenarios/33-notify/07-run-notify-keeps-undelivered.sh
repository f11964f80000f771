# When the server refuses, the event stays for the next run (exit 1).
set -u
spool="$TMPDIR/../spool"
ldapmodify -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" >/dev/null <<LDIF
dn: uid=bob,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
changetype: modify
add: tenancyShareRead
tenancyShareRead: uid=alice,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
LDIF
[ "$(ls "$spool/new" | wc -l)" -eq 1 ] || { echo "want 1 event"; exit 1; }
python3 "$TOP_SRCDIR/test/lib/smtp-sink.py" "$TMPDIR/received2" "$TMPDIR/port2" refuse &
sink=$!
i=0
while [ ! -s "$TMPDIR/port2" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
"$TOP_BUILDDIR/tools/tenancy" notify --spool "$spool" --smtp "127.0.0.1:$(cat "$TMPDIR/port2")" \
	>"$TMPDIR/notify2.out" 2>&1
rc=$?
wait $sink
[ $rc -eq 1 ] || { echo "notify exited $rc, want 1"; cat "$TMPDIR/notify2.out"; exit 1; }
[ "$(ls "$spool/new" | wc -l)" -eq 1 ] || { echo "undelivered event was removed"; exit 1; }
