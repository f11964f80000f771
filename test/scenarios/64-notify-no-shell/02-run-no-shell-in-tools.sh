# No source of the command line hands anything to a shell.
if grep -nE '(^|[^_[:alnum:]])(system|popen)[[:space:]]*\(|"/bin/sh"|"sh"' \
	"$TOP_SRCDIR"/tools/*.c; then
	echo "a shell is used above"
	exit 1
fi
exit 0
