# `tenancy notify` sends the spooled event to an SMTP listener on loopback
# and removes it only once the message was accepted.  A second run, with
# the listener gone, finds nothing left to send.
set -u
spool="$TMPDIR/../spool"
[ "$(ls "$spool/new" | wc -l)" -eq 1 ] || { echo "want 1 event before"; exit 1; }
python3 "$TOP_SRCDIR/test/lib/smtp-sink.py" "$TMPDIR/received" "$TMPDIR/port" &
sink=$!
i=0
while [ ! -s "$TMPDIR/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$TMPDIR/port")
"$TOP_BUILDDIR/tools/tenancy" notify --spool "$spool" --smtp "127.0.0.1:$port" >"$TMPDIR/notify.out" 2>&1
rc=$?
wait $sink
[ $rc -eq 0 ] || { echo "notify exited $rc"; cat "$TMPDIR/notify.out"; exit 1; }
grep -qx 'notified david@iwdemo.fr: contact@iwdemo.fr shared at level write' "$TMPDIR/notify.out" ||
	{ cat "$TMPDIR/notify.out"; exit 1; }
grep -q '^RCPT TO:<david@iwdemo.fr>' "$TMPDIR/received" || { cat "$TMPDIR/received"; exit 1; }
grep -q '^Subject: contact@iwdemo.fr is shared with you' "$TMPDIR/received" ||
	{ cat "$TMPDIR/received"; exit 1; }
[ -z "$(ls "$spool/new")" ] || { echo "event not removed after delivery"; exit 1; }
"$TOP_BUILDDIR/tools/tenancy" notify --spool "$spool" --smtp "127.0.0.1:$port" >/dev/null 2>&1 ||
	{ echo "an empty spool is not an error"; exit 1; }
