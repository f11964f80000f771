# A compare against another tenant's entry is noSuchObject too (exit 32).
ldapcompare -x -H "$LDAPI_URI" -D "uid=charlotte,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net" -w secret \
	"uid=marie,ou=people,tenancyDomainName=ministere.example,ou=domains,dc=example,dc=net" uid:marie
rc=$?
[ "$rc" -eq 32 ] || { echo "ldapcompare exited $rc, expected 32"; exit 1; }
