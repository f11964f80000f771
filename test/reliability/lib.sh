# lib.sh - what crash.test and race.test share (POSIX sh, sourced after
# test/lib/harness.sh).
#
#   rel_slapcat FILE        dump the database with slapcat (bounded: under
#                           the sanitizers slapd's tools can hang at exit)
#   rel_lint FILE           tenancy lint of a dump: no finding, exit 0
#   rel_unique FILE         no address (mail, tenancyMailAlias of an
#                           addressable entry) held twice, alias-domain
#                           forms included, and none outside its entry's
#                           tenant; prints what is wrong
#   rel_senders ADDR        tenancySender of the entry answering to ADDR,
#                           from the live overlay, sorted
#   rel_who_can ADDR FILE   the same question, offline, from a dump
#
# To run slapd under valgrind, see valgrind.sh (make check-valgrind,
# make check-helgrind).

TENANCY=$TOP_BUILDDIR/tools/tenancy
SLAPCAT=${SLAPADD%slapadd}slapcat
[ -x "$SLAPCAT" ] || SLAPCAT=$(command -v slapcat || echo /usr/sbin/slapcat)
REL_BASE=ou=domains,$SUFFIX

rel_slapcat() {
	# $TN_ENV: a sanitized module needs the runtime preloaded here too.
	$TN_ENV "$SLAPCAT" -f "$TN_DIR/slapd.conf" -b "$SUFFIX" -o ldif-wrap=no \
		-l "$1" >"$TN_DIR/slapcat.out" 2>&1 &
	rel_pid=$!
	rel_i=0 rel_size=-1 rel_still=0
	while kill -0 "$rel_pid" 2>/dev/null; do
		rel_i=$((rel_i + 1))
		# Done writing but hanging at exit (sanitized runs): 2 s unchanged.
		rel_now=0
		[ -f "$1" ] && rel_now=$(wc -c <"$1")
		if [ "$rel_now" -gt 0 ] && [ "$rel_now" -eq "$rel_size" ]; then
			rel_still=$((rel_still + 1))
		else
			rel_still=0
		fi
		rel_size=$rel_now
		if [ "$rel_i" -gt 600 ] || { [ -n "$TN_ENV" ] && [ "$rel_still" -ge 20 ]; }; then
			kill -KILL "$rel_pid" 2>/dev/null
			break
		fi
		sleep 0.1
	done
	wait "$rel_pid" 2>/dev/null
	grep -q '^dn: ' "$1" 2>/dev/null
}

rel_lint() {
	"$TENANCY" lint --unordered --config "$TN_DIR/slapd.conf" "$1" >"$TN_DIR/lint.out" 2>&1
	rel_rc=$?
	if [ "$rel_rc" -ne 0 ] || [ -s "$TN_DIR/lint.out" ]; then
		echo "tenancy lint of the dump: exit $rel_rc"
		head -n 20 "$TN_DIR/lint.out"
		return 1
	fi
}

# Unfold the dump, then key each address by local part and tenant (the
# tenant's primary name, through its aliases).
rel_unique() {
	awk '
	/^ / { cur = cur substr($0, 2); next }
	{ if (cur != "") print cur; cur = $0 }
	END { if (cur != "") print cur }
	' "$1" | awk '
	function flush() {
		if (dn != "" && addressable)
			for (i = 1; i <= na; i++) { addr[++n] = tolower(a[i]); owner[n] = dn }
		if (dn != "" && prim != "") {
			tenant[prim] = prim
			for (i = 1; i <= nal; i++) tenant[al[i]] = prim
		}
		dn = ""; addressable = 0; na = 0; nal = 0; prim = ""
	}
	/^dn: / { flush(); dn = tolower(substr($0, 5)); next }
	/^$/ { flush(); next }
	tolower($1) == "objectclass:" && tolower($2) ~ /^tenancy(mailbox|sharedmailbox|group)$/ { addressable = 1 }
	tolower($1) == "mail:" || tolower($1) == "tenancymailalias:" { a[++na] = $2 }
	tolower($1) == "tenancydomainname:" { prim = tolower($2) }
	tolower($1) == "tenancydomainalias:" { al[++nal] = tolower($2) }
	END {
		flush()
		bad = 0
		for (i = 1; i <= n; i++) {
			split(addr[i], p, "@")
			t = (p[2] in tenant) ? tenant[p[2]] : "?" p[2]
			own = owner[i]
			sub(/^.*tenancydomainname=/, "", own)
			sub(/,.*$/, "", own)
			if (t != own) {
				print "address " addr[i] " of " owner[i] " is not in its tenant " own
				bad = 1
			}
			k = p[1] "@" t
			if ((k in seen) && seen[k] != owner[i]) {
				print "address " addr[i] " is held by " seen[k] " and " owner[i]
				bad = 1
			}
			seen[k] = owner[i]
		}
		exit bad
	}'
}

rel_senders() {
	"$LDAPSEARCH" -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
		-b "$SUFFIX" "(tenancyAddress=$1)" tenancySender |
		sed -n 's/^tenancySender: //p' | LC_ALL=C sort
}

rel_who_can() {
	"$TENANCY" who-can send-as "$1" -f "$2" | sed 's/: .*//' | LC_ALL=C sort
}
