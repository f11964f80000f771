# ... and the mailbox binds with it.
set -e
ldapwhoami -x -H "$LDAPI_URI" -D "uid=bob,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net" -w bob-new
