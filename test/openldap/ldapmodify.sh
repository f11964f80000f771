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
#   overlay's entry.  Any other change goes through untouched.  Exits with
#   ldapmodify's status.
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

if grep -qi '^objectClass:[[:space:]]*olcMdbConfig[[:space:]]*$' "$tmp" &&
	! grep -qi '^objectClass:[[:space:]]*olcGlobal[[:space:]]*$' "$tmp"; then
	# shellcheck disable=SC2086
	if ! eval "\"\$search\" -LLL $conn -b cn=config '(olcModuleLoad=*tenancy*)' 1.1" |
		grep -q '^dn:'; then
		printf 'dn: cn=module,cn=config\nobjectClass: olcModuleList\ncn: module\nolcModuleLoad: %s\n' \
			"$TENANCY_MODULE" | eval "\"\$real\" -a $conn" >/dev/null 2>&1
	fi
	if ! eval "\"\$search\" -LLL $conn -b cn=schema,cn=config '(cn=*tenancy)' 1.1" |
		grep -q '^dn:'; then
		eval "\"\$search\" -LLL $conn -b cn=schema,cn=config '(cn=*cosine)' 1.1" |
			grep -q '^dn:' ||
			eval "\"\$real\" -a $conn -f \"\$TENANCY_COSINE_LDIF\"" >/dev/null 2>&1
		eval "\"\$real\" -a $conn -f \"\$TENANCY_SCHEMA_LDIF\"" >/dev/null 2>&1
	fi
	awk -v runtime=1 -v module="$TENANCY_MODULE" -v schema="$TENANCY_SCHEMA" \
		-v schema_ldif="$TENANCY_SCHEMA_LDIF" -v cosine="$TENANCY_COSINE" \
		-v cosine_ldif="$TENANCY_COSINE_LDIF" \
		-f "$TENANCY_SUITE_DIR/add-overlay.awk" "$tmp" >"$tmp.new" &&
		mv "$tmp.new" "$tmp"
fi
eval "\"\$real\" $args" <"$tmp"
