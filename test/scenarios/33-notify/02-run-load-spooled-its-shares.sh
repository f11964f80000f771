# Loading iwdemo granted shares too, and each grant is a notification, one
# per person: david's mailbox to bob; contact@ to alice (manage), to
# charlotte (read), and to the support group, that is to each of its three
# members.  Six events in the spool's new/, none left in tmp/.
set -u
spool="$TMPDIR/../spool"
n=$(ls "$spool/new" | wc -l)
[ "$n" -eq 6 ] || { echo "$n events in new/, want 6"; ls -l "$spool/new"; exit 1; }
[ -z "$(ls "$spool/tmp")" ] || { echo "files left in tmp/"; exit 1; }
grep -l '^To: bob@iwdemo.fr$' "$spool"/new/* | xargs grep -l '^Level: readreply$' >/dev/null ||
	{ echo "no readreply event for bob through the support group"; exit 1; }
# Drain them, so later steps count only their own.
rm -f "$spool"/new/*
