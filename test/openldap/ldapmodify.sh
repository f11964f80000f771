#!/bin/sh
# ldapmodify.sh - ldapmodify for OpenLDAP's test suite with the tenancy
# overlay (see suite.sh): a change that adds an mdb database to a running
# slapd's cn=config also gets the overlay on it.
#
# Usage: ldapmodify.sh LDAPMODIFY [ARGUMENTS...]
#   with the change on standard input or in -f FILE, as ldapmodify takes
#   it.  When it adds an olcMdbConfig entry, tenancy.la and the schema are
#   loaded first (when the server has not got them yet), with the same
#   connection and bind arguments; add-overlay.awk then appends the
#   overlay's entry.  When the server's schema lacks what tenancy's needs
#   (a test may load core and cosine after its databases), the overlay
#   waits: after each change, every mdb database still without it gets it
#   once the schema is there.  Exits with ldapmodify's status.
#
# Environment: TENANCY_SUITE_DIR (this directory), TENANCY_MODULE,
# TENANCY_SCHEMA, TENANCY_SCHEMA_LDIF, TENANCY_COSINE, TENANCY_COSINE_LDIF.

real=$1
shift
search=$(dirname "$real")/ldapsearch

tmp=$(mktemp "${TMPDIR:-/tmp}/tenancy-ldif.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# The arguments without -f FILE (the input is read here), and those that
# ldapsearch also takes (connection, bind, protocol).
input=-
args=
conn=
while [ $# -gt 0 ]; do
	case $1 in
	-f) input=$2; shift 2; continue ;;
	-f*) input=${1#-f}; shift; continue ;;
	-a | -c | -M | -MM | -n | -v) args="$args $1" ;;
	-S | -E | -e) args="$args $1 $2"; shift ;;
	-D | -w | -y | -H | -P | -Y | -U | -X | -R | -O | -o)
		args="$args $1 '$2'"; conn="$conn $1 '$2'"; shift ;;
	*) args="$args '$1'"; conn="$conn '$1'" ;;
	esac
	shift
done
if [ "$input" = - ]; then cat >"$tmp"; else cat "$input" >"$tmp" || exit 1; fi

# ldapsearch with the connection arguments: "q BASE FILTER ATTRS..."
q() {
	b=$1 f=$2
	shift 2
	eval "\"\$search\" -LLL -o ldif-wrap=no $conn -b \"\$b\" \"\$f\" \"\$@\"" 2>/dev/null
}

# ready: the server's schema holds what tenancy's needs (core and cosine;
# a test may load them only later), and then tenancy.la and its schema.
ready() {
	q cn=schema,cn=config '(cn=*core)' 1.1 | grep -q '^dn:' &&
		q cn=schema,cn=config '(cn=*cosine)' 1.1 | grep -q '^dn:' || return 1
	if ! q cn=config '(olcModuleLoad=*tenancy*)' 1.1 | grep -q '^dn:'; then
		printf 'dn: cn=module,cn=config\nobjectClass: olcModuleList\ncn: module\nolcModuleLoad: %s\n' \
			"$TENANCY_MODULE" | eval "\"\$real\" -a $conn" >/dev/null 2>&1
	fi
	if ! q cn=schema,cn=config '(cn=*tenancy)' 1.1 | grep -q '^dn:'; then
		eval "\"\$real\" -a $conn -f \"\$TENANCY_SCHEMA_LDIF\"" >/dev/null 2>&1
	fi
	return 0
}

# The overlay in the change itself, when it adds an mdb database and the
# schema is ready: after the test's own entries, so that the overlays it
# configures keep their numbers.
if grep -qi '^objectClass:[[:space:]]*olcMdbConfig[[:space:]]*$' "$tmp" &&
	! grep -qi '^objectClass:[[:space:]]*olcGlobal[[:space:]]*$' "$tmp" && ready; then
	awk -v runtime=1 -v module="$TENANCY_MODULE" -v schema="$TENANCY_SCHEMA" \
		-v schema_ldif="$TENANCY_SCHEMA_LDIF" -v cosine="$TENANCY_COSINE" \
		-v cosine_ldif="$TENANCY_COSINE_LDIF" \
		-f "$TENANCY_SUITE_DIR/add-overlay.awk" "$tmp" >"$tmp.new" &&
		mv "$tmp.new" "$tmp"
fi
eval "\"\$real\" $args" <"$tmp"
rc=$?

# Afterwards, any mdb database of cn=config still without the overlay
# (added while the schema was not ready) gets it, once the schema is.
dbs=$(q cn=config '(objectClass=olcMdbConfig)' olcSuffix |
	awk '/^dn: / { dn = substr($0, 5) } /^olcSuffix: / && dn != "" { print dn "\t" substr($0, 12); dn = "" }
		/^$/ && dn != "" { print dn "\t"; dn = "" } END { if (dn != "") print dn "\t" }')
if [ -n "$dbs" ]; then
	have=$(q cn=config '(objectClass=olcTenancyConfig)' 1.1 | sed -n 's/^dn: [^,]*,//p')
	printf '%s\n' "$dbs" | while IFS='	' read -r db suffix; do
		printf '%s\n' "$have" | grep -qxF "$db" && continue
		ready || break
		printf 'dn: olcOverlay=tenancy,%s\nobjectClass: olcOverlayConfig\nobjectClass: olcTenancyConfig\nolcOverlay: tenancy\nolcTenancyDomains: ou=domains,%s\nolcTenancyRoles: ou=roles,%s\n' \
			"$db" "${suffix:-dc=example,dc=com}" "${suffix:-dc=example,dc=com}" |
			eval "\"\$real\" -a $conn" >/dev/null 2>&1
	done
fi
exit $rc
