# cn=config gives back the settings of the overlay added at run time.
got=$(ldapsearch -LLL -o ldif-wrap=no -Q -Y EXTERNAL -H "$LDAPI_URI" -b cn=config \
	'(objectClass=olcTenancyConfig)' olcTenancyOperator olcTenancyReader olcTenancyDomains | grep -i '^olcTenancy' | LC_ALL=C sort)
want='olcTenancyDomains: ou=domains,dc=example,dc=net
olcTenancyOperator: cn=operator,dc=example,dc=net
olcTenancyReader: cn=postfix,ou=services,dc=example,dc=net'
[ "$got" = "$want" ] || { printf 'expected:\n%s\ngot:\n%s\n' "$want" "$got"; exit 1; }
