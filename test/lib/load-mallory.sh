# load-mallory.sh - sourced by a scenario's load step: load-tenants.sh,
# then mallory, a delegated administrator of iwdemo.fr's Support unit
# with the four roles a unit's administrator may hold there (the attacker
# of scenarios 95 to 97).  Exits the step on the first failure.
. "$TOP_SRCDIR/test/lib/load-tenants.sh"
D=tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" >/dev/null <<LDIF
dn: uid=mallory,ou=people,$D
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: mallory
cn: Mallory
sn: Mallory
mail: mallory@iwdemo.fr
tenancyUnitRef: ou=Support,ou=units,$D
tenancyStatus: enabled
userPassword: secret

dn: cn=mallory-support,ou=grants,$D
objectClass: tenancyGrant
cn: mallory-support
tenancyGrantee: uid=mallory,ou=people,$D
tenancyScope: ou=Support,ou=units,$D
tenancyRole: userManager
tenancyRole: groupManager
tenancyRole: sharedMailboxManager
tenancyRole: delegationManager

LDIF
