/*
 * reads.c - search and compare through the engine.
 *
 * Interface: the bi_op_search and bi_op_compare hooks (overlay.h).
 *
 * Three things, each asked of the engine under the model's read lock:
 *   - read isolation (DESIGN §6): an actor who does not see everything gets
 *     noSuchObject for a base or compare target it may not read, and the
 *     entries it may not read are left out of its results;
 *   - computed attributes (DESIGN §4): asked for by name, they are added to
 *     each entry as operational attributes (never with "+", so that a
 *     syncrepl consumer asking for "*,+" does not store them);
 *   - the address filter: each (tenancyAddress=x) node becomes an equality
 *     on the stored values the address routes to (tn_route), restricted to
 *     addressable entries, or a computed FALSE when x routes nowhere.  The
 *     original filter is kept and restored in the cleanup (as dynlist does).
 *     Results are not re-tested against it: tenancyAddress has no stored
 *     values, the rewritten filter is its meaning.
 *
 * A search needing none of these installs no callback at all.
 *
 * Diagnostics: when memory runs out while rewriting the filter, the search
 * answers "other" with a text saying so.
 */
#include "portable.h"

#include <ac/string.h>

#include "slap.h"

#include "overlay.h"

/* Only entries of these classes answer to an address (DESIGN §5.2). */
#define TENANCY_ADDRESSABLE "(|(objectClass=tenancyMailbox)" \
	"(objectClass=tenancySharedMailbox)(objectClass=tenancyGroup)" \
	"(objectClass=tenancyDomain))"

typedef struct tenancy_search {
	slap_overinst *ts_on;
	int ts_isolated;                /* check each entry's visibility */
	unsigned ts_want;               /* bit i: tenancy_computed i asked for */
	Filter *ts_orig_filter;         /* non-NULL when the filter was rewritten */
	struct berval ts_orig_filterstr;
} tenancy_search;

/* ------------------------------------------------------ computed values */

static int
tenancy_add_value( void *ctx, const char *val, size_t len )
{
	Attribute *a = ctx;
	struct berval bv;

	bv.bv_val = (char *)val;
	bv.bv_len = len;
	attr_valadd( a, &bv, &bv, 1 );
	return 0;
}

/* Append the computed attributes asked for to the entry's operational
 * attributes, which slapd sends after the stored ones and frees itself. */
static void
tenancy_add_computed( Operation *op, SlapReply *rs, tenancy_search *ts,
	tenancy_info *ti )
{
	Attribute **ap, *a;
	int i;

	(void)op;
	for ( ap = &rs->sr_operational_attrs; *ap; ap = &(*ap)->a_next )
		;
	for ( i = 0; i < TENANCY_NCOMPUTED; i++ ) {
		if ( !( ts->ts_want & ( 1U << i ) ) )
			continue;
		a = attr_alloc( tenancy_ad_computed[i] );
		tn_computed( ti->ti_model, tenancy_computed_names[i],
			rs->sr_entry->e_nname.bv_val, tenancy_add_value, a );
		if ( a->a_numvals == 0 ) {
			attr_free( a );
			continue;
		}
		*ap = a;
		ap = &a->a_next;
	}
}

static int
tenancy_search_response( Operation *op, SlapReply *rs )
{
	tenancy_search *ts = op->o_callback->sc_private;
	tenancy_info *ti = ts->ts_on->on_bi.bi_private;
	struct tn_actor actor;

	if ( rs->sr_type != REP_SEARCH || ( !ts->ts_isolated && !ts->ts_want ) )
		return SLAP_CB_CONTINUE;

	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	if ( ts->ts_isolated ) {
		tenancy_actor( op, &actor );
		if ( !tn_visible( ti->ti_model, &actor,
				rs->sr_entry->e_nname.bv_val ) ) {
			ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
			/* not passed on: slapd drops the entry and goes on */
			return 0;
		}
	}
	if ( ts->ts_want )
		tenancy_add_computed( op, rs, ts, ti );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	return SLAP_CB_CONTINUE;
}

static int
tenancy_search_cleanup( Operation *op, SlapReply *rs )
{
	slap_callback *sc = op->o_callback;
	tenancy_search *ts = sc->sc_private;

	/* Called after every entry too; only the end counts. */
	if ( rs->sr_type != REP_RESULT && !op->o_abandon &&
			rs->sr_err != SLAPD_ABANDON )
		return 0;

	if ( ts->ts_orig_filter ) {
		filter_free_x( op, op->ors_filter, 1 );
		op->o_tmpfree( op->ors_filterstr.bv_val, op->o_tmpmemctx );
		op->ors_filter = ts->ts_orig_filter;
		op->ors_filterstr = ts->ts_orig_filterstr;
	}
	op->o_callback = sc->sc_next;
	op->o_tmpfree( sc, op->o_tmpmemctx );
	return 0;
}

/* ------------------------------------------------------ address filter */

static int
tenancy_filter_has( Filter *f, AttributeDescription *ad )
{
	for ( ; f; f = f->f_next ) {
		switch ( f->f_choice & SLAPD_FILTER_MASK ) {
		case LDAP_FILTER_AND:
		case LDAP_FILTER_OR:
		case LDAP_FILTER_NOT:
			if ( tenancy_filter_has( f->f_list, ad ) )
				return 1;
			break;
		case LDAP_FILTER_EQUALITY:
			if ( f->f_av_desc == ad )
				return 1;
			break;
		}
	}
	return 0;
}

typedef struct tenancy_route {
	Operation *tr_op;
	struct berval tr_or;            /* "(attr=value)..." so far */
	int tr_failed;
} tenancy_route;

static int
tenancy_route_value( void *ctx, const char *dn, const char *attr,
	const char *stored_value )
{
	tenancy_route *tr = ctx;
	Operation *op = tr->tr_op;
	struct berval raw, esc = BER_BVNULL;
	size_t need;
	char *s;

	(void)dn;
	ber_str2bv( stored_value, 0, 0, &raw );
	if ( filter_escape_value_x( &raw, &esc, op->o_tmpmemctx ) ) {
		tr->tr_failed = 1;
		return 1;
	}
	need = tr->tr_or.bv_len + strlen( attr ) + esc.bv_len + sizeof( "(=)" );
	s = op->o_tmprealloc( tr->tr_or.bv_val, need, op->o_tmpmemctx );
	if ( s == NULL ) {
		op->o_tmpfree( esc.bv_val, op->o_tmpmemctx );
		tr->tr_failed = 1;
		return 1;
	}
	tr->tr_or.bv_val = s;
	tr->tr_or.bv_len += snprintf( s + tr->tr_or.bv_len,
		need - tr->tr_or.bv_len, "(%s=%s)", attr, esc.bv_val );
	op->o_tmpfree( esc.bv_val, op->o_tmpmemctx );
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

/* The replacement of one (tenancyAddress=x) node; NULL when out of memory. */
static Filter *
tenancy_filter_route( Operation *op, tenancy_info *ti, struct berval *address )
{
	tenancy_route tr = { op, BER_BVNULL, 0 };
	Filter *f;
	char *str;
	size_t len;

	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	tn_route( ti->ti_model, address->bv_val, address->bv_len,
		tenancy_route_value, &tr );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );

	if ( tr.tr_failed ) {
		op->o_tmpfree( tr.tr_or.bv_val, op->o_tmpmemctx );
		return NULL;
	}
	if ( tr.tr_or.bv_len == 0 )
		return tenancy_filter_false( op );

	len = tr.tr_or.bv_len + sizeof( TENANCY_ADDRESSABLE ) + sizeof( "(&(|))" );
	str = op->o_tmpalloc( len, op->o_tmpmemctx );
	snprintf( str, len, "(&(|%s)" TENANCY_ADDRESSABLE ")", tr.tr_or.bv_val );
	op->o_tmpfree( tr.tr_or.bv_val, op->o_tmpmemctx );
	f = str2filter_x( op, str );
	if ( f == NULL ) {
		/* the engine named an attribute this schema lacks */
		Debug( LDAP_DEBUG_ANY, "%s tenancy: cannot parse the routing "
			"filter %s\n", op->o_log_prefix, str );
		f = tenancy_filter_false( op );
	}
	op->o_tmpfree( str, op->o_tmpmemctx );
	return f;
}

/* A copy of the filter list `f` with every address node replaced. */
static Filter *
tenancy_filter_rewrite( Operation *op, tenancy_info *ti, Filter *f,
	int *failed )
{
	Filter *head = NULL, **tail = &head, *n;

	for ( ; f; f = f->f_next ) {
		switch ( f->f_choice & SLAPD_FILTER_MASK ) {
		case LDAP_FILTER_AND:
		case LDAP_FILTER_OR:
		case LDAP_FILTER_NOT:
			n = op->o_tmpcalloc( 1, sizeof( Filter ), op->o_tmpmemctx );
			n->f_choice = f->f_choice;
			n->f_list = tenancy_filter_rewrite( op, ti, f->f_list, failed );
			break;
		case LDAP_FILTER_EQUALITY:
			if ( f->f_av_desc == tenancy_ad_computed[TENANCY_ADDRESS] ) {
				n = tenancy_filter_route( op, ti, &f->f_av_value );
				if ( n == NULL ) {
					*failed = 1;
					n = tenancy_filter_false( op );
				}
				break;
			}
			/* FALLTHRU */
		default:
			n = filter_dup( f, op->o_tmpmemctx );
			break;
		}
		n->f_next = NULL;
		*tail = n;
		tail = &n->f_next;
	}
	return head;
}

/* ------------------------------------------------------------ hooks */

/* The computed attributes named in the attribute list.  Not ad_inlist():
 * it also answers yes for any operational attribute when "+" is listed. */
static unsigned
tenancy_wanted( Operation *op )
{
	AttributeName *an;
	unsigned want = 0;
	int i;

	if ( op->ors_attrs == NULL )
		return 0;
	for ( an = op->ors_attrs; !BER_BVISNULL( &an->an_name ); an++ ) {
		if ( an->an_desc == NULL )
			continue;
		for ( i = 0; i < TENANCY_NCOMPUTED; i++ ) {
			if ( an->an_desc == tenancy_ad_computed[i] )
				want |= 1U << i;
		}
	}
	return want;
}

/* Is the target hidden from this actor?  Sets *isolated when the actor
 * does not see everything. */
static int
tenancy_hidden( Operation *op, tenancy_info *ti, int *isolated )
{
	struct tn_actor actor;
	int hidden = 0;

	tenancy_actor( op, &actor );
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	*isolated = !tn_sees_all( ti->ti_model, &actor );
	if ( *isolated )
		hidden = !tn_visible( ti->ti_model, &actor, op->o_req_ndn.bv_val );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	return hidden;
}

static int
tenancy_no_such_object( Operation *op, SlapReply *rs, slap_overinst *on )
{
	op->o_bd->bd_info = (BackendInfo *)on->on_info;
	send_ldap_error( op, rs, LDAP_NO_SUCH_OBJECT, NULL );
	return rs->sr_err;
}

int
tenancy_op_search( Operation *op, SlapReply *rs )
{
	slap_overinst *on = (slap_overinst *)op->o_bd->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;
	AttributeDescription *ad_address = tenancy_ad_computed[TENANCY_ADDRESS];
	slap_callback *sc;
	tenancy_search *ts;
	int isolated, rewrite, failed = 0;
	unsigned want;

	if ( tenancy_is_internal( op ) )
		return SLAP_CB_CONTINUE;

	if ( tenancy_hidden( op, ti, &isolated ) )
		return tenancy_no_such_object( op, rs, on );

	want = tenancy_wanted( op );
	rewrite = ad_address && tenancy_filter_has( op->ors_filter, ad_address );
	if ( !isolated && !want && !rewrite )
		return SLAP_CB_CONTINUE;

	sc = op->o_tmpcalloc( 1, sizeof( *sc ) + sizeof( *ts ), op->o_tmpmemctx );
	ts = (tenancy_search *)( sc + 1 );
	ts->ts_on = on;
	ts->ts_isolated = isolated;
	ts->ts_want = want;

	if ( rewrite ) {
		ts->ts_orig_filter = op->ors_filter;
		ts->ts_orig_filterstr = op->ors_filterstr;
		op->ors_filter = tenancy_filter_rewrite( op, ti, op->ors_filter,
			&failed );
		filter2bv_x( op, op->ors_filter, &op->ors_filterstr );
	}

	sc->sc_response = tenancy_search_response;
	sc->sc_cleanup = tenancy_search_cleanup;
	sc->sc_private = ts;
	sc->sc_next = op->o_callback;
	op->o_callback = sc;

	if ( failed ) {
		op->o_bd->bd_info = (BackendInfo *)on->on_info;
		send_ldap_error( op, rs, LDAP_OTHER,
			"tenancy: out of memory rewriting the tenancyAddress filter" );
		return rs->sr_err;
	}
	return SLAP_CB_CONTINUE;
}

int
tenancy_op_compare( Operation *op, SlapReply *rs )
{
	slap_overinst *on = (slap_overinst *)op->o_bd->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;
	int isolated;

	if ( tenancy_is_internal( op ) )
		return SLAP_CB_CONTINUE;
	if ( tenancy_hidden( op, ti, &isolated ) )
		return tenancy_no_such_object( op, rs, on );
	return SLAP_CB_CONTINUE;
}
