# conf-filter.sh - OpenLDAP's test configuration filter, then the tenancy
# overlay on every mdb database (add-overlay.awk).  Sourced by the tests
# in place of scripts/conf.sh, as that one is: ". $CONFFILTER ... <IN >OUT".
. "$TENANCY_CONFFILTER" | awk -v module="$TENANCY_MODULE" \
	-v schema="$TENANCY_SCHEMA" -v schema_ldif="$TENANCY_SCHEMA_LDIF" \
	-v cosine="$TENANCY_COSINE" -v cosine_ldif="$TENANCY_COSINE_LDIF" \
	-f "$TENANCY_SUITE_DIR/add-overlay.awk"
