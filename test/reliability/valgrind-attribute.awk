# valgrind-attribute.awk - print the valgrind error records (memcheck or
# helgrind, "==PID== " prefixes removed) that tenancy code is to blame for,
# for valgrind.sh.  A record counts when a frame of the module (a file of
# overlay/ or src/, named with its line: the module keeps its debug
# information, slapd's frames carry none) is in the erring access's stack,
# in the conflicting access's stack (helgrind, full history), or in the
# allocation of the address raced on.  Frames in a lock's description or in
# helgrind's happened-after/before windows only show where tenancy took a
# lock: they are not counted.  The last line, on standard error, is the
# count.
function ours(s) {
	return s ~ /\((tenancy|load|convert|writes|spool|reads|addresses|answer|computed|dn|grants|groups|judge|model|record|roles|sendas|shares|tenant|units|strmap|idmap|buf)\.c:[0-9]+\)/
}
function flush() {
	if (hit) { n++; printf "%s----\n", rec }
	rec = ""; hit = 0; state = ""; seen = 0
}
/^-{20,}$/ || /^---Thread-Announcement/ { flush(); next }
# memcheck's records are separated by blank lines only: a second heading
# starts a new record.
seen && /^(Possible data race|Lock order|Thread #[0-9]+ unlocked|Thread #[0-9]+'s call|Invalid |Conditional jump|Use of uninit|Syscall param|Mismatched|Source and destination overlap|[0-9,]+ (\([0-9,]+ direct, [0-9,]+ indirect\) )?bytes in [0-9,]+ blocks are definitely)/ { flush() }
{ rec = rec $0 "\n" }
/^ Lock at / { state = "lock"; next }
/^(Possible data race|Lock order|Thread #[0-9]+ unlocked|Thread #[0-9]+'s call|Invalid |Conditional jump|Use of uninit|Syscall param|Mismatched|Source and destination overlap|[0-9,]+ (\([0-9,]+ direct, [0-9,]+ indirect\) )?bytes in [0-9,]+ blocks are definitely)/ {
	state = "access"; seen = 1; next
}
/^ This conflicts with a previous (read|write) of size/ { state = "conflict"; next }
/^ This conflicts with a previous access by thread .*after/ || /^ but before/ { state = "window"; next }
/^ Address / { state = (state == "lock") ? "lockaddr" : "raceaddr"; next }
/^$/ { if (state != "lock") state = ""; next }
(state == "access" || state == "conflict" || state == "raceaddr") && ours($0) { hit = 1 }
END { flush(); print n + 0 " records attributed to tenancy" > "/dev/stderr" }
