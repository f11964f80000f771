# carl binds with the password alice set.
ldapwhoami -x -H "$LDAPI_URI" -D "uid=carl,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -w reset-by-alice >/dev/null
