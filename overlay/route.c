/*
 * route.c - the tenancyAddress filter rewrite.
 *
 * Interface (overlay.h):
 *   tenancy_filter_has_address()  does a filter test tenancyAddress?
 *   tenancy_filter_route()        a copy of a filter with each
 *                                 (tenancyAddress=x) node replaced, and
 *                                 the handle of the entry x routes to;
 *   tenancy_unaddressed_free()    frees the second copy it made;
 *   tenancy_entry_addressable()   may an entry answer to an address at all?
 *   tenancy_route_base()          the routed entry's DN as slapd writes it
 *                                 (tenancy_route_init() first, in db_open)
 *
 * tenancyAddress has no stored values: the engine knows which entry
 * answers to x (tn_route_h: alias-domain forms, enabled entries only) and
 * which of its stored values matched.  The node becomes an indexed
 * equality on those, (|(mail=v)(tenancyMailAlias=w)), or a computed FALSE
 * when x routes nowhere.  Among addressable entries an address is unique
 * (DESIGN §5.3), so that equality finds the routed entry and no other
 * addressable one; it may also find an entry that claims nothing, a
 * contact holding the same mail.  The caller re-tests such entries against
 * the second copy, where every address node is FALSE: what they match
 * there, they match without the address (DESIGN §5.2).  Restricting the
 * equality by objectClass instead would cost back-mdb an index scan per
 * class on every lookup; it is done only under a NOT, where the equality
 * alone would hide such an entry instead of finding it, and where back-mdb
 * computes no candidates anyway.
 *
 * Both copies come from the operation's memory; free the first with
 * filter_free_x(op, f, 1), the second with tenancy_unaddressed_free().
 * The routed entry's handle is valid while the model's generation is the
 * one read under the same lock.
 */
#include "portable.h"

#include <ac/ctype.h>
#include <ac/string.h>

#include "slap.h"

#include "overlay.h"

/* The classes of the entries that answer to addresses (DESIGN §5.2) are
 * the engine's (tn_addressable_class); room for them here. */
#define TENANCY_MAX_ADDRESSABLE 8

static ObjectClass *tenancy_addressable[TENANCY_MAX_ADDRESSABLE];
static size_t tenancy_naddressable;

/* The attributes holding the values an address routes through
 * (enum tn_stored). */
static AttributeDescription *tenancy_stored_ad[TN_NSTORED];

/* Their equality rule (schema: all four), whose assertion values are
 * normalized here in the common case. */
static MatchingRule *tenancy_mr_ia5;

/* The equality rules under which a value of lower-case letters, digits
 * and . - _ @ is its own normalized form (tenancy_route_base()). */
static MatchingRule *tenancy_mr_ci;

/* The attribute types DNs are most often made of, looked up once: the
 * engine's canonical DNs spell them in lower case. */
static const char *const tenancy_rdn_type_names[] = {
	"uid", "cn", "ou", "dc", "o", "l", "tenancyDomainName" };
#define TENANCY_NRDN_TYPES                                                     \
	( sizeof( tenancy_rdn_type_names ) /                                   \
		sizeof( tenancy_rdn_type_names[0] ) )
#define TENANCY_RDN_TYPE_MAX 32

/* The bytes of a value tenancy_route_base() takes as normalized:
 * lower-case letters, digits, . - _ @. */
static char tenancy_simple_byte[256];
static struct {
	char lower[TENANCY_RDN_TYPE_MAX];
	ber_len_t len;
	AttributeDescription *ad;
} tenancy_rdn_types[TENANCY_NRDN_TYPES];

/* The schema only grows while slapd runs: the classes and attributes found
 * at db_open stay valid. */
void
tenancy_route_init( void )
{
	const char *text;
	size_t i, n = tn_addressable_class_count();

	if ( n > TENANCY_MAX_ADDRESSABLE )
		n = TENANCY_MAX_ADDRESSABLE;
	for ( i = 0; i < n; i++ )
		tenancy_addressable[i] = oc_find( tn_addressable_class( i ) );
	tenancy_naddressable = n;
	tenancy_mr_ia5 = mr_find( "caseIgnoreIA5Match" );
	tenancy_mr_ci = mr_find( "caseIgnoreMatch" );
	for ( i = 0; i < 256; i++ )
		tenancy_simple_byte[i] = ( i >= 'a' && i <= 'z' ) ||
					 ( i >= '0' && i <= '9' ) || i == '.' ||
					 i == '-' || i == '_' || i == '@';
	for ( i = 0; i < TENANCY_NRDN_TYPES; i++ ) {
		AttributeDescription *ad = NULL;
		const char *name = tenancy_rdn_type_names[i];
		size_t j, len = strlen( name );

		if ( tenancy_rdn_types[i].ad != NULL ||
			len >= TENANCY_RDN_TYPE_MAX ||
			slap_str2ad( name, &ad, &text ) != LDAP_SUCCESS )
			continue;
		for ( j = 0; j < len; j++ )
			tenancy_rdn_types[i].lower[j] = TOLOWER( name[j] );
		tenancy_rdn_types[i].len = len;
		tenancy_rdn_types[i].ad = ad;
	}
	for ( i = 0; i < TN_NSTORED; i++ ) {
		tenancy_stored_ad[i] = NULL;
		if ( slap_str2ad( tn_stored_name( i ), &tenancy_stored_ad[i],
			     &text ) != LDAP_SUCCESS ||
			tenancy_stored_ad[i]->ad_type->sat_equality == NULL )
			tenancy_stored_ad[i] = NULL;
	}
}

int
tenancy_entry_addressable( Entry *e )
{
	size_t i;

	for ( i = 0; i < tenancy_naddressable; i++ ) {
		if ( tenancy_addressable[i] &&
			is_entry_objectclass_or_sub(
				e, tenancy_addressable[i] ) )
			return 1;
	}
	return 0;
}

int
tenancy_filter_has_address( Filter *f )
{
	for ( ; f; f = f->f_next ) {
		switch ( f->f_choice & SLAPD_FILTER_MASK ) {
		case LDAP_FILTER_AND:
		case LDAP_FILTER_OR:
		case LDAP_FILTER_NOT:
			if ( tenancy_filter_has_address( f->f_list ) )
				return 1;
			break;
		case LDAP_FILTER_EQUALITY:
			if ( f->f_av_desc ==
				tenancy_ad_computed[TENANCY_ADDRESS] )
				return 1;
			break;
		}
	}
	return 0;
}

static Filter *
tenancy_filter_false( Operation *op )
{
	Filter *f = op->o_tmpcalloc( 1, sizeof( Filter ), op->o_tmpmemctx );

	f->f_choice = SLAPD_FILTER_COMPUTED;
	f->f_result = LDAP_COMPARE_FALSE;
	return f;
}

typedef struct tenancy_route {
	Operation *tr_op;
	Filter *tr_list; /* (attr=value) nodes so far */
	int tr_count;
} tenancy_route;

/* The entry the address nodes of a filter routed to, while there is one
 * address node only. */
typedef struct tenancy_routed {
	tn_handle rd_handle;
	int rd_nodes;
} tenancy_routed;

/*
 * A value of printable ASCII without blanks, as caseIgnoreIA5Match
 * normalizes it (lower case), in the operation's memory; 0 for any other
 * value, which the matching rule's own normalizer then takes.  Every
 * address and domain name the engine stores is one.
 */
static int
tenancy_ia5_lower( Operation *op, struct berval *in, struct berval *out )
{
	ber_len_t i;
	char *p;

	if ( in->bv_len == 0 )
		return 0;
	p = op->o_tmpalloc( in->bv_len + 1, op->o_tmpmemctx );
	for ( i = 0; i < in->bv_len; i++ ) {
		unsigned char c = in->bv_val[i];

		if ( c <= 0x20 || c >= 0x7f ) {
			op->o_tmpfree( p, op->o_tmpmemctx );
			return 0;
		}
		p[i] = ( c >= 'A' && c <= 'Z' ) ? c + ( 'a' - 'A' ) : c;
	}
	p[i] = '\0';
	out->bv_val = p;
	out->bv_len = in->bv_len;
	return 1;
}

/* An (attr=value) node, its value normalized as the attribute's equality
 * rule wants an assertion; NULL when the value is not one. */
static Filter *
tenancy_filter_eq(
	Operation *op, AttributeDescription *ad, const char *value, size_t len )
{
	struct berval raw, nval;
	const char *text;
	Filter *f;

	raw.bv_val = (char *)value;
	raw.bv_len = len;
	if ( !( tenancy_mr_ia5 && ad->ad_type->sat_equality == tenancy_mr_ia5 &&
		     tenancy_ia5_lower( op, &raw, &nval ) ) &&
		asserted_value_validate_normalize( ad,
			ad->ad_type->sat_equality,
			SLAP_MR_EQUALITY | SLAP_MR_VALUE_OF_ASSERTION_SYNTAX,
			&raw, &nval, &text, op->o_tmpmemctx ) != LDAP_SUCCESS )
		return NULL;
	f = op->o_tmpcalloc( 1, sizeof( Filter ), op->o_tmpmemctx );
	f->f_choice = LDAP_FILTER_EQUALITY;
	f->f_ava = op->o_tmpcalloc(
		1, sizeof( AttributeAssertion ), op->o_tmpmemctx );
	f->f_av_desc = ad;
	f->f_av_value = nval;
	return f;
}

/* One (attr=value) node per stored value that matched. */
static int
tenancy_route_value(
	void *ctx, enum tn_stored attr, const char *stored_value, size_t len )
{
	tenancy_route *tr = ctx;
	AttributeDescription *ad;
	Filter *f;

	if ( (unsigned)attr >= TN_NSTORED ||
		( ad = tenancy_stored_ad[attr] ) == NULL ||
		( f = tenancy_filter_eq( tr->tr_op, ad, stored_value, len ) ) ==
			NULL )
		return 0;
	f->f_next = tr->tr_list;
	tr->tr_list = f;
	tr->tr_count++;
	return 0;
}

/* (|(objectClass=tenancyMailbox)...): the entry is addressable. */
static Filter *
tenancy_filter_addressable( Operation *op )
{
	AttributeDescription *ad = slap_schema.si_ad_objectClass;
	Filter * or, *f;
	size_t i;

	or = op->o_tmpcalloc( 1, sizeof( Filter ), op->o_tmpmemctx );
	or->f_choice = LDAP_FILTER_OR;
	for ( i = 0; i < tn_addressable_class_count(); i++ ) {
		f = tenancy_filter_eq( op, ad, tn_addressable_class( i ),
			strlen( tn_addressable_class( i ) ) );
		if ( f == NULL )
			continue;
		f->f_next = or->f_list;
		or->f_list = f;
	}
	return or ;
}

/* The replacement of one (tenancyAddress=x) node; under a NOT (negated),
 * restricted to addressable entries. */
static Filter *
tenancy_filter_address( Operation *op, tenancy_info *ti, struct berval *x,
	int negated, tenancy_routed *rd )
{
	tenancy_route tr = { op, NULL, 0 };
	Filter *f;

	rd->rd_handle = tn_route_h(
		ti->ti_model, x->bv_val, x->bv_len, tenancy_route_value, &tr );
	rd->rd_nodes++;

	if ( tr.tr_count == 0 )
		return tenancy_filter_false( op );
	if ( tr.tr_count == 1 ) {
		f = tr.tr_list;
	} else {
		f = op->o_tmpcalloc( 1, sizeof( Filter ), op->o_tmpmemctx );
		f->f_choice = LDAP_FILTER_OR;
		f->f_list = tr.tr_list;
	}
	if ( negated ) {
		Filter *and =
			op->o_tmpcalloc( 1, sizeof( Filter ), op->o_tmpmemctx );

		and->f_choice = LDAP_FILTER_AND;
		and->f_list = f;
		f->f_next = tenancy_filter_addressable( op );
		f = and;
	}
	return f;
}

/* Copies of the filter list `f`: *routed with every address node
 * replaced, *unaddressed with every address node FALSE. */
static void
tenancy_filter_copy( Operation *op, tenancy_info *ti, Filter *f, int negated,
	Filter **routed, Filter **unaddressed, tenancy_routed *rd )
{
	Filter *r, *u;

	for ( ; f; f = f->f_next ) {
		switch ( f->f_choice & SLAPD_FILTER_MASK ) {
		case LDAP_FILTER_AND:
		case LDAP_FILTER_OR:
		case LDAP_FILTER_NOT:
			r = op->o_tmpcalloc(
				1, sizeof( Filter ), op->o_tmpmemctx );
			u = op->o_tmpcalloc(
				1, sizeof( Filter ), op->o_tmpmemctx );
			r->f_choice = u->f_choice = f->f_choice;
			tenancy_filter_copy( op, ti, f->f_list,
				negated ^
					( ( f->f_choice & SLAPD_FILTER_MASK ) ==
						LDAP_FILTER_NOT ),
				&r->f_list, &u->f_list, rd );
			break;
		case LDAP_FILTER_EQUALITY:
			if ( f->f_av_desc ==
				tenancy_ad_computed[TENANCY_ADDRESS] ) {
				r = tenancy_filter_address(
					op, ti, &f->f_av_value, negated, rd );
				u = tenancy_filter_false( op );
				break;
			}
			/* FALLTHRU */
		default:
			r = filter_dup( f, op->o_tmpmemctx );
			u = filter_dup( f, op->o_tmpmemctx );
			break;
		}
		r->f_next = u->f_next = NULL;
		*routed = r;
		routed = &r->f_next;
		*unaddressed = u;
		unaddressed = &u->f_next;
	}
}

/* The second copy of a filter that is one address node: FALSE, shared. */
static Filter tenancy_unaddressed_false = {
	SLAPD_FILTER_COMPUTED, { LDAP_COMPARE_FALSE }, NULL };

Filter *
tenancy_filter_route( Operation *op, tenancy_info *ti, Filter *f,
	Filter **unaddressed, tn_handle *routed )
{
	tenancy_routed rd = { 0, 0 };
	Filter *routed_f = NULL;

	*unaddressed = NULL;
	if ( f->f_next == NULL && f->f_choice == LDAP_FILTER_EQUALITY &&
		f->f_av_desc == tenancy_ad_computed[TENANCY_ADDRESS] ) {
		routed_f = tenancy_filter_address(
			op, ti, &f->f_av_value, 0, &rd );
		routed_f->f_next = NULL;
		*unaddressed = &tenancy_unaddressed_false;
	} else {
		tenancy_filter_copy(
			op, ti, f, 0, &routed_f, unaddressed, &rd );
	}
	*routed = rd.rd_nodes == 1 ? rd.rd_handle : 0;
	return routed_f;
}

void
tenancy_unaddressed_free( Operation *op, Filter *unaddressed )
{
	if ( unaddressed != &tenancy_unaddressed_false )
		filter_free_x( op, unaddressed, 1 );
}

/*
 * The DN of the entry `h`, as slapd normalizes it, in the operation's
 * memory, when it lies in the search's scope: 1, or 0 when it does not,
 * or when its DN is not of the simple shape whose normalized form is
 * known without the normalizer's cost: RDNs of one type each, of a type
 * matched case-insensitively (caseIgnoreMatch, caseIgnoreIA5Match), of a
 * value of lower-case letters, digits and . - _ @ (the engine's
 * canonical form has lower-cased it: slapd's is the same).  Call with
 * the model's read lock held.
 */
#define TENANCY_BASE_MAX 512

int
tenancy_route_base(
	Operation *op, tenancy_info *ti, tn_handle h, struct berval *ndn )
{
	char cdn[TENANCY_BASE_MAX], *q;
	const char *p, *type, *text;
	struct berval bv, parent;
	AttributeDescription *ad;
	size_t len, i;
	int in;

	len = tn_handle_dn( ti->ti_model, h, cdn, sizeof( cdn ) );
	if ( len == 0 || len >= sizeof( cdn ) || !tenancy_mr_ia5 ||
		!tenancy_mr_ci )
		return 0;
	/* the types are at most as long as in the canonical form */
	ndn->bv_val = q = op->o_tmpalloc( 2 * len + 1, op->o_tmpmemctx );
	for ( p = cdn;; p++ ) {
		for ( type = p; *p != '='; p++ ) {
			if ( *p == '\0' || *p == ',' )
				goto no;
		}
		bv.bv_val = (char *)type;
		bv.bv_len = p - type;
		ad = NULL;
		for ( i = 0; i < TENANCY_NRDN_TYPES; i++ ) {
			if ( tenancy_rdn_types[i].len == bv.bv_len &&
				tenancy_rdn_types[i].lower[0] == *type &&
				memcmp( tenancy_rdn_types[i].lower, type,
					bv.bv_len ) == 0 ) {
				ad = tenancy_rdn_types[i].ad;
				break;
			}
		}
		if ( ( ad == NULL &&
			     slap_bv2ad( &bv, &ad, &text ) != LDAP_SUCCESS ) ||
			( ad->ad_type->sat_equality != tenancy_mr_ci &&
				ad->ad_type->sat_equality != tenancy_mr_ia5 ) )
			goto no;
		memcpy( q, ad->ad_cname.bv_val, ad->ad_cname.bv_len );
		q += ad->ad_cname.bv_len;
		*q++ = '=';
		/* the value, up to the next RDN */
		for ( p++; tenancy_simple_byte[(unsigned char)*p]; p++ )
			*q++ = *p;
		if ( *p != ',' && *p != '\0' )
			goto no;
		if ( q[-1] == '=' )
			goto no; /* an empty value */
		if ( *p == '\0' )
			break;
		*q++ = ',';
	}
	*q = '\0';
	ndn->bv_len = q - ndn->bv_val;
	switch ( op->ors_scope ) {
	case LDAP_SCOPE_ONELEVEL:
		dnParent( ndn, &parent );
		in = dn_match( &parent, &op->o_req_ndn );
		break;
	case LDAP_SCOPE_SUBTREE:
		in = dnIsSuffix( ndn, &op->o_req_ndn );
		break;
	case LDAP_SCOPE_SUBORDINATE:
		in = dnIsSuffix( ndn, &op->o_req_ndn ) &&
		     !dn_match( ndn, &op->o_req_ndn );
		break;
	default:
		in = 0;
	}
	if ( in )
		return 1;
no:
	op->o_tmpfree( ndn->bv_val, op->o_tmpmemctx );
	BER_BVZERO( ndn );
	return 0;
}
