# The mailbox binds.
set -e
ldapwhoami -x -H "$LDAPI_URI" -D "uid=ann,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -w secret
