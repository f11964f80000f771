# The layout, the default roles and the two example tenants, then
# mallory, a delegated administrator of iwdemo.fr's Support unit with the
# four roles a unit's administrator may hold there.
. "$TOP_SRCDIR/test/lib/load-mallory.sh"
# mallory's people: m0 .. m349 in the Support unit, the group "fifty" of
# m0 .. m49, the group "many" of m0 .. m299, and groups g0 .. g999 that
# each hold "fifty"; then the spool is emptied of what loading shared.
awk -v d="$D" 'BEGIN {
	for (i = 0; i < 350; i++)
		printf "dn: uid=m%d,ou=people,%s\nchangetype: add\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\nuid: m%d\ncn: m\nsn: m\nmail: m%d@iwdemo.fr\ntenancyUnitRef: ou=Support,ou=units,%s\n\n", i, d, i, i, d
	printf "dn: cn=fifty,ou=groups,%s\nchangetype: add\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: fifty\ntenancyUnitRef: ou=Support,ou=units,%s\n", d, d
	for (i = 0; i < 50; i++) printf "member: uid=m%d,ou=people,%s\n", i, d
	printf "\ndn: cn=many,ou=groups,%s\nchangetype: add\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: many\ntenancyUnitRef: ou=Support,ou=units,%s\n", d, d
	for (i = 0; i < 300; i++) printf "member: uid=m%d,ou=people,%s\n", i, d
	printf "\n"
	for (i = 0; i < 1000; i++)
		printf "dn: cn=g%d,ou=groups,%s\nchangetype: add\nobjectClass: groupOfNames\nobjectClass: tenancyGroup\ncn: g%d\ntenancyUnitRef: ou=Support,ou=units,%s\nmember: cn=fifty,ou=groups,%s\n\n", i, d, i, d, d
}' >people.ldif
ldapmodify -x -H "$LDAPI_URI" -D "uid=mallory,ou=people,$D" -w secret -f people.ldif >out 2>&1 || { tail -n 5 out; exit 1; }
rm -f "$TMPDIR"/../spool/new/*
