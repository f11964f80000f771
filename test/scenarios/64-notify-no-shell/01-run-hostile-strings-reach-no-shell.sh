# Share events crafted directly in a spool, each with a hostile string
# that a shell would run; a fake sendmail records its arguments.
set -u
fails=0
spool=$TMPDIR/spool
mkdir -p "$spool/new"
cat >"$TMPDIR/sendmail" <<'SH'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done >"$TMPDIR/argv"
cat >"$TMPDIR/message"
SH
chmod +x "$TMPDIR/sendmail"

# attack TO MAILBOX FROM: one event to TO about MAILBOX.  notify either
# refuses the event (an address outside the grammar of DESIGN 5a.5: kept
# in the spool, with a message, sendmail never run), or runs sendmail with
# exactly -oi -f FROM -- TO; in no case may a file "pwned" appear.
attack() {
	rm -f "$TMPDIR/argv" "$TMPDIR/pwned"
	printf 'Event: share\nMailbox: %s\nLevel: read\nTo: %s\nGrantee: uid=x\nActor: uid=y\n' \
		"$2" "$1" >"$spool/new/1.event"
	"$TOP_BUILDDIR/tools/tenancy" notify --spool "$spool" \
		--sendmail "$TMPDIR/sendmail" >out 2>&1
	st=$?
	printf '%s\n' -oi -f "$3" -- "$1" >want
	if [ -e "$TMPDIR/pwned" ] || [ -e pwned ]; then
		echo "FAIL: a shell ran a command from $1 / $2"; fails=$((fails + 1))
	elif [ "$st" -ne 0 ]; then
		if [ -e "$TMPDIR/argv" ]; then
			echo "FAIL: notify failed ($st) after running sendmail for $1"
			fails=$((fails + 1))
		elif [ ! -e "$spool/new/1.event" ] || ! grep -q '1.event' out; then
			echo "FAIL: notify failed ($st) for $1 without keeping the event and saying so"
			cat out; fails=$((fails + 1))
		fi
	elif ! cmp -s want "$TMPDIR/argv"; then
		echo "FAIL: sendmail got other arguments:"; diff want "$TMPDIR/argv"
		fails=$((fails + 1))
	fi
	rm -f "$spool/new/1.event"
}

# The attack: quotes and a command substitution in the recipient.
attack "x'\$(touch\${IFS}$TMPDIR/pwned)'@iwdemo.fr" contact@iwdemo.fr postmaster@iwdemo.fr
# Variant: backticks and double quotes.
attack "\"\`touch\${IFS}$TMPDIR/pwned\`\"@iwdemo.fr" contact@iwdemo.fr postmaster@iwdemo.fr
# Variant: the envelope sender, made from the mailbox's domain, and a
# recipient that looks like one of sendmail's options.
attack "-oQ$TMPDIR/pwned@iwdemo.fr" "contact@iwdemo.fr';touch\${IFS}$TMPDIR/pwned;'" \
	"postmaster@iwdemo.fr';touch\${IFS}$TMPDIR/pwned;'"
[ "$fails" -eq 0 ]
