# A schema of the site's own: tenancyTestMail is declared SUP mail, so
# (mail=...) finds its values.  Added live, through cn=config.
set -e
ldapmodify -Y EXTERNAL -Q -H "$LDAPI_URI" >/dev/null <<'LDIF'
dn: cn=subtypes,cn=schema,cn=config
changetype: add
objectClass: olcSchemaConfig
cn: subtypes
olcAttributeTypes: ( 1.3.6.1.4.1.4203.666.11.99.1 NAME 'tenancyTestMail' SUP mail )
olcObjectClasses: ( 1.3.6.1.4.1.4203.666.11.99.2 NAME 'tenancyTestMailed' SUP top AUXILIARY MAY tenancyTestMail )
LDIF
