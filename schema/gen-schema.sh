#!/bin/sh
# gen-schema.sh - write tenancy's schema in each of the forms it is used in.
#
# Usage: gen-schema.sh SOURCE OUTPUT
#   SOURCE  schema/tenancy.schema.in: slapd.conf-form definitions in which
#           @ARC@ stands for the project's OID arc;
#   OUTPUT  by its ending:
#           .schema  slapd.conf form (attributetype, objectclass);
#           .ldif    cn=config form: the entry cn=tenancy,cn=schema,cn=config
#                    (olcAttributeTypes, olcObjectClasses);
#           .h       the operational (computed) attribute types as C strings,
#                    for the overlay to register: slapd refuses operational
#                    types in schema files, so the two forms above carry them
#                    as comments only.
#
# Diagnostics: exits non-zero, leaving no OUTPUT, when SOURCE cannot be read
# or holds something other than comments, blank lines and definitions.
set -eu

arc=2.25.39319689170197072690486984844856977603

[ $# -eq 2 ] || { echo "usage: $0 SOURCE OUTPUT" >&2; exit 2; }
src=$1 out=$2
case $out in
*.schema) form=schema ;;
*.ldif) form=ldif ;;
*.h) form=header ;;
*) echo "$0: $out: output must end in .schema, .ldif or .h" >&2; exit 2 ;;
esac

tmp=$out.tmp
trap 'rm -f "$tmp"' EXIT
awk -v arc="$arc" -v form="$form" -v src="$src" '
function fail(msg) {
	printf "%s:%d: %s\n", src, NR, msg > "/dev/stderr"; exit 1
}
# Write the definition collected in def[1..n], if any.
function flush(   i, op, line, kw) {
	if (n == 0) return
	op = 0
	for (i = 1; i <= n; i++)
		if (def[i] ~ /USAGE[ \t]+directoryOperation/) op = 1
	if (form == "schema") {
		for (i = 1; i <= n; i++) print (op ? "#" : "") def[i]
	} else if (form == "ldif" && !op) {
		line = def[1]
		kw = line; sub(/[ \t].*/, "", kw)
		sub(/^[a-z]+[ \t]+/, "", line)
		print (kw == "attributetype" ? "olcAttributeTypes: " : "olcObjectClasses: ") line
		# LDIF continuation: one space that the reader drops, then one
		# that separates the words.
		for (i = 2; i <= n; i++) { line = def[i]; sub(/^[ \t]+/, "", line); print "  " line }
	} else if (form == "header" && op) {
		for (i = 1; i <= n; i++) {
			line = def[i]
			if (i == 1) sub(/^[a-z]+[ \t]+/, "", line); else sub(/^[ \t]+/, "", line)
			gsub(/\\/, "\\\\", line); gsub(/"/, "\\\"", line)
			printf "\t\"%s%s\"%s\n", line, (i < n ? " " : ""), (i < n ? "" : ",")
		}
	}
	n = 0
}
BEGIN {
	if (form == "header") {
		print "/*"
		print " * tenancy-operational.h - the computed attribute types, generated"
		print " * from schema/tenancy.schema.in: do not edit.  For register_at()."
		print " */"
		print "#ifndef TENANCY_OPERATIONAL_H"
		print "#define TENANCY_OPERATIONAL_H"
		print ""
		print "#define TENANCY_OID_ARC \"" arc "\""
		print ""
		print "static const char *const tenancy_operational_attrs[] = {"
	} else {
		print "# tenancy schema, generated from tenancy.schema.in: do not edit."
		print "# OID arc " arc " (.1 attribute types, .2 object classes)."
	}
	if (form == "ldif") {
		print "# Load with: ldapadd -Y EXTERNAL -H ldapi:/// -f tenancy.ldif"
		print "dn: cn=tenancy,cn=schema,cn=config"
		print "objectClass: olcSchemaConfig"
		print "cn: tenancy"
	}
}
{ gsub(/@ARC@/, arc) }
/^(attributetype|objectclass)[ \t]/ { flush(); def[++n] = $0; next }
/^[ \t]+[^ \t]/ {
	if (n == 0) fail("continuation line outside a definition")
	def[++n] = $0
	next
}
/^#/ || /^[ \t]*$/ {
	flush()
	if (form == "schema") print
	next
}
{ fail("not a definition: " $0) }
END {
	flush()
	if (form == "header") { print "\tNULL"; print "};"; print ""; print "#endif" }
}
' "$src" >"$tmp"
mv "$tmp" "$out"
trap - EXIT
