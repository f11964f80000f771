# Eight clients add eight mailboxes at once, all answering to one address
# (both alias-domain forms): the overlay judges and commits one write at a
# time, so exactly one wins and seven are refused.
P='ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net'
i=0
while [ $i -lt 8 ]; do
	if [ $((i % 2)) = 0 ]; then d=iwdemo.fr; else d=iwdemo.com; fi
	printf 'dn: uid=racer%d,%s\nobjectClass: inetOrgPerson\nobjectClass: tenancyMailbox\nuid: racer%d\ncn: Racer\nsn: Racer\nmail: racer@%s\n' \
		$i "$P" $i $d >racer$i.ldif
	i=$((i + 1))
done
i=0
while [ $i -lt 8 ]; do
	( ldapmodify -a -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" -f racer$i.ldif >/dev/null 2>&1
	  echo $? >rc$i ) &
	i=$((i + 1))
done
wait
won=$(grep -lx 0 rc* | wc -l)
refused=$(grep -lx 19 rc* | wc -l)
echo "won: $won, refused (19): $refused"
[ "$won" -eq 1 ] && [ "$refused" -eq 7 ]
