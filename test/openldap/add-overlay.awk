# add-overlay.awk - put the tenancy overlay on every mdb database of a
# slapd configuration, in either of its forms (see suite.sh).
#
# Variables: module (tenancy.la), schema (tenancy.schema), schema_ldif
# (tenancy.ldif), cosine and cosine_ldif (OpenLDAP's own), and runtime=1
# for a change file sent to a running slapd's cn=config (its module and
# schema are loaded beforehand by ldapmodify.sh).
#
# slapd.conf: the module and the schema before the first database, and
# "overlay tenancy" with tenancy-domains and tenancy-roles below the
# database's first suffix as the last lines of each mdb database.
# LDIF (slapadd -n0, or ldapadd to cn=config): an olcTenancyConfig entry
# below each olcMdbConfig entry, after everything else, so that the
# overlays the test configures itself keep their numbers; a whole
# configuration (an olcGlobal entry) also gets the module and the schema.

function lower(s) { return tolower(s) }

function overlay_conf(suffix) {
	if (suffix == "") suffix = "dc=example,dc=com"
	print "overlay\ttenancy"
	print "tenancy-domains\t\"ou=domains," suffix "\""
	print "tenancy-roles\t\"ou=roles," suffix "\""
}

function overlay_ldif(dn, suffix, changes) {
	if (suffix == "") suffix = "dc=example,dc=com"
	print ""
	print "dn: olcOverlay=tenancy," dn
	if (changes) print "changetype: add"
	print "objectClass: olcOverlayConfig"
	print "objectClass: olcTenancyConfig"
	print "olcOverlay: tenancy"
	print "olcTenancyDomains: ou=domains," suffix
	print "olcTenancyRoles: ou=roles," suffix
}

{ line[++n] = $0 }

END {
	ldif = 0
	for (i = 1; i <= n; i++)
		if (lower(line[i]) ~ /^dn:/) { ldif = 1; break }
	if (ldif) do_ldif(); else do_conf()
}

function do_conf(   i, l, first, has_cosine, mdb, insec, suffix, w) {
	first = 0; has_cosine = 0; mdb = 0
	for (i = 1; i <= n; i++) {
		l = lower(line[i])
		if (l ~ /^include[ \t].*cosine\.schema/) has_cosine = 1
		if (l ~ /^(database|backend)[ \t]/ && !first) first = i
		if (l ~ /^database[ \t]+mdb[ \t]*$/) mdb = 1
	}
	insec = 0; suffix = ""
	for (i = 1; i <= n; i++) {
		l = lower(line[i])
		if (l ~ /^database[ \t]/) {
			if (insec) overlay_conf(suffix)
			insec = (l ~ /^database[ \t]+mdb[ \t]*$/)
			suffix = ""
		}
		if (i == first && mdb) {
			if (!has_cosine) print "include\t" cosine
			print "include\t" schema
			print "moduleload\t" module
		}
		if (insec && suffix == "" && l ~ /^suffix[ \t]/) {
			w = line[i]
			sub(/^[a-zA-Z]+[ \t]+/, "", w)
			gsub(/"/, "", w)
			sub(/[ \t]+$/, "", w)
			suffix = w
		}
		print line[i]
	}
	if (insec) overlay_conf(suffix)
}

function do_ldif(   i, l, dn, ismdb, suffix, changes, full, has_cosine, k, dbs, sfx, w) {
	k = 0; full = 0; has_cosine = 0; changes = 0
	dn = ""; ismdb = 0; suffix = ""
	for (i = 1; i <= n + 1; i++) {
		l = (i <= n) ? lower(line[i]) : ""
		if (l ~ /^[ \t]*$/ || i == n + 1) {
			if (ismdb && dn != "") { dbs[++k] = dn; sfx[k] = suffix }
			dn = ""; ismdb = 0; suffix = ""
			continue
		}
		if (l ~ /^dn:/) { dn = line[i]; sub(/^[dD][nN]:[ \t]*/, "", dn) }
		if (l ~ /^changetype:/) changes = 1
		if (l ~ /^objectclass:[ \t]*olcmdbconfig[ \t]*$/) ismdb = 1
		if (l ~ /^objectclass:[ \t]*olcglobal[ \t]*$/) full = 1
		if (l ~ /cosine/) has_cosine = 1
		if (l ~ /^olcsuffix:/ && suffix == "") {
			w = line[i]; sub(/^[^:]*:[ \t]*/, "", w); sub(/[ \t]+$/, "", w)
			suffix = w
		}
	}
	for (i = 1; i <= n; i++) print line[i]
	if (!k) return
	if (full && !runtime) {
		print ""
		print "dn: cn=module,cn=config"
		print "objectClass: olcModuleList"
		print "cn: module"
		print "olcModuleLoad: " module
		if (!has_cosine) { print ""; print "include: file://" cosine_ldif }
		print ""
		print "include: file://" schema_ldif
	}
	for (i = 1; i <= k; i++) overlay_ldif(dbs[i], sfx[i], changes)
}
