ldapsearch -x -H "$LDAPI_URI" -s base -b "" 1.1 >/dev/null
