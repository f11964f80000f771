# After the races the overlay's model agrees with the database: the alias
# form of each winning address routes to the one entry that holds it.
set -u
round=0
while [ $round -lt 5 ]; do
	round=$((round + 1))
	n=$(ldapsearch -LLL -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
		-b "dc=example,dc=net" "(tenancyAddress=race$round@iwdemo.com)" dn |
		grep -c '^dn: uid=racer')
	[ "$n" -eq 1 ] || { echo "race$round@iwdemo.com routes to $n entries"; exit 1; }
done
exit 0
