# The password jeanne set lets nina in.
ldapwhoami -x -H "$LDAPI_URI" -D "uid=nina,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -w welcome-nina >/dev/null
