# tenancy lint, which guards bulk loads, refuses the same file.
rc=0
"$TOP_BUILDDIR/tools/tenancy" lint "$SCENARIO_DIR/slapadd.ldif" >out 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { echo "lint exited $rc, expected 1"; cat out; exit 1; }
n=$(grep -c "credentials: " out)
[ "$n" -eq 3 ] || { echo "$n credential findings, want 3"; cat out; exit 1; }
