# Variant: a plain entry inside the tenant, which the model does not hold.
rc=0; ldapwhoami -x -H "$LDAP_URI" -D "cn=robot,ou=people,tenancyDomainName=acme.example,ou=domains,dc=example,dc=net" -w secret >out 2>&1 || rc=$?
[ "$rc" -eq 49 ] || { echo "bind exited $rc, expected 49"; cat out; exit 1; }
