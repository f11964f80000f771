# Sites whose users log in with their uid switch the login attribute on the
# running server; the overlay reads the model again.
ldapmodify -Q -Y EXTERNAL -H "$LDAPI_URI" <<'LDIF'
dn: olcOverlay={0}tenancy,olcDatabase={1}mdb,cn=config
changetype: modify
replace: olcTenancyLoginAttribute
olcTenancyLoginAttribute: uid
LDIF
