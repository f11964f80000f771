# tenancy audit lists every entry holding a reference across tenants as a
# broken invariant (rule reference), and exits 1.
D=ou=domains,dc=example,dc=net
A=tenancyDomainName=alpha.example,$D
B=tenancyDomainName=beta.example,$D
G=tenancyDomainName=gamma.example,$D
"$TOP_BUILDDIR/tools/tenancy" audit -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" >audit.out 2>&1
rc=$?
cat audit.out
[ "$rc" -eq 1 ] || { echo "audit exited $rc, not 1" >&2; exit 1; }
sed -n 's/^invariant: reference: \([^:]*\): \([A-Za-z]*\) names .*, which belongs to another tenant$/\1 \2/p' \
	audit.out >found
cat >expected <<END
cn=ann,ou=grants,$B tenancyGrantee
cn=crew,ou=grants,$A tenancyScope
cn=crew,ou=groups,$A member
cn=desk,ou=shared,$A tenancyShareManage
cn=list,ou=groups,$A member
cn=pals,ou=groups,$G member
cn=relay,ou=groups,$A member
cn=team,ou=groups,$B member
uid=bea,ou=people,$B tenancySendAsDelegate
uid=cy,ou=people,$B tenancyUnitRef
uid=dee,ou=people,$B tenancySendAsDelegate
END
LC_ALL=C sort found | diff -u expected - || { echo "audit does not list each reference" >&2; exit 1; }
[ "$(wc -l <audit.out)" -eq 11 ] || { echo "audit lists more than these" >&2; exit 1; }
