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
 *   - the address filter: each (tenancyAddress=x) node becomes
 *     (entryDN=<the entry x routes to>) (tn_route: addressable and enabled
 *     entries only, alias domains included), or a computed FALSE when x
 *     routes nowhere.  The original filter is kept and restored in the
 *     cleanup (as dynlist does).  Results are not re-tested against it:
 *     tenancyAddress has no stored values, the rewritten filter is its
 *     meaning.
 *
 * A search needing none of these installs no callback at all.
 *
 * Diagnostics: none; memory comes from the operation's slab, which falls
 * back to the heap and aborts slapd when that is exhausted.
 */
#include "portable.h"

#include <ac/string.h>

#include "slap.h"

#include "overlay.h"

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

/* ------------------------------------------------------ thread memo */

/*
 * What each worker thread remembers between operations, to spare the
 * engine and slapd work that every address lookup would repeat:
 *   - whether the last actor sees everything (usually the same few service
 *     accounts), until the model or the configuration changes;
 *   - the normalized form of the last DNs that addresses routed to
 *     (dnNormalize costs more than the rest of the rewrite).
 * Values longer than the buffers are simply not remembered.
 */
#define TENANCY_MEMO_DNS 16
#define TENANCY_MEMO_LEN 256

typedef struct tenancy_thread {
	const tenancy_info *tt_ti;
	unsigned long tt_generation;
	int tt_sees_all;
	ber_len_t tt_actor_len;
	char tt_actor[TENANCY_MEMO_LEN];

	unsigned tt_next;               /* next slot to replace */
	struct {
		ber_len_t dn_len, ndn_len;
		char dn[TENANCY_MEMO_LEN];
		char ndn[TENANCY_MEMO_LEN];
	} tt_dns[TENANCY_MEMO_DNS];
} tenancy_thread;

static char tenancy_thread_key;

static void
tenancy_thread_free( void *key, void *data )
{
	(void)key;
	ch_free( data );
}

static tenancy_thread *
tenancy_thread_get( Operation *op )
{
	void *data = NULL;

	if ( op->o_threadctx == NULL )
		return NULL;
	if ( ldap_pvt_thread_pool_getkey( op->o_threadctx, &tenancy_thread_key,
			&data, NULL ) == 0 )
		return data;
	data = ch_calloc( 1, sizeof( tenancy_thread ) );
	if ( ldap_pvt_thread_pool_setkey( op->o_threadctx, &tenancy_thread_key,
			data, tenancy_thread_free, NULL, NULL ) ) {
		ch_free( data );
		return NULL;
	}
	return data;
}

/* dnNormalize, remembered; the result comes from the op's memory. */
static int
tenancy_dn_normalize( Operation *op, struct berval *dn, struct berval *ndn )
{
	tenancy_thread *tt = tenancy_thread_get( op );
	unsigned i;

	if ( tt ) {
		for ( i = 0; i < TENANCY_MEMO_DNS; i++ ) {
			if ( tt->tt_dns[i].dn_len == dn->bv_len && dn->bv_len &&
					memcmp( tt->tt_dns[i].dn, dn->bv_val, dn->bv_len ) == 0 ) {
				ndn->bv_len = tt->tt_dns[i].ndn_len;
				ndn->bv_val = op->o_tmpalloc( ndn->bv_len + 1,
					op->o_tmpmemctx );
				memcpy( ndn->bv_val, tt->tt_dns[i].ndn, ndn->bv_len + 1 );
				return LDAP_SUCCESS;
			}
		}
	}
	if ( dnNormalize( 0, NULL, NULL, dn, ndn, op->o_tmpmemctx ) != LDAP_SUCCESS )
		return LDAP_INVALID_DN_SYNTAX;
	if ( tt && dn->bv_len < TENANCY_MEMO_LEN && ndn->bv_len < TENANCY_MEMO_LEN ) {
		i = tt->tt_next++ % TENANCY_MEMO_DNS;
		tt->tt_dns[i].dn_len = dn->bv_len;
		memcpy( tt->tt_dns[i].dn, dn->bv_val, dn->bv_len );
		tt->tt_dns[i].ndn_len = ndn->bv_len;
		memcpy( tt->tt_dns[i].ndn, ndn->bv_val, ndn->bv_len + 1 );
	}
	return LDAP_SUCCESS;
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
	Filter *tr_list;                /* (entryDN=...) nodes so far */
	int tr_count;
} tenancy_route;

/* One (entryDN=dn) node per entry the address routes to.  back-mdb answers
 * an entryDN equality with one dn2id lookup, cheaper than any index. */
static int
tenancy_route_entry( void *ctx, const char *dn, const char *attr,
	const char *stored_value )
{
	tenancy_route *tr = ctx;
	Operation *op = tr->tr_op;
	struct berval bv, ndn;
	Filter *f;

	(void)attr;
	(void)stored_value;
	ber_str2bv( dn, 0, 0, &bv );
	if ( tenancy_dn_normalize( op, &bv, &ndn ) != LDAP_SUCCESS )
		return 0;
	/* the engine names the entry once per stored value that matched */
	for ( f = tr->tr_list; f; f = f->f_next ) {
		if ( dn_match( &f->f_av_value, &ndn ) ) {
			op->o_tmpfree( ndn.bv_val, op->o_tmpmemctx );
			return 0;
		}
	}
	f = op->o_tmpcalloc( 1, sizeof( Filter ), op->o_tmpmemctx );
	f->f_choice = LDAP_FILTER_EQUALITY;
	f->f_ava = op->o_tmpcalloc( 1, sizeof( AttributeAssertion ),
		op->o_tmpmemctx );
	f->f_av_desc = slap_schema.si_ad_entryDN;
	f->f_av_value = ndn;
	f->f_next = tr->tr_list;
	tr->tr_list = f;
	tr->tr_count++;
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

/* The replacement of one (tenancyAddress=x) node: the entries x routes
 * to (tn_route: addressable, enabled, alias domains included), or FALSE. */
static Filter *
tenancy_filter_route( Operation *op, tenancy_info *ti, struct berval *address )
{
	tenancy_route tr = { op, NULL, 0 };
	Filter *f;

	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	tn_route( ti->ti_model, address->bv_val, address->bv_len,
		tenancy_route_entry, &tr );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );

	if ( tr.tr_count == 0 )
		return tenancy_filter_false( op );
	if ( tr.tr_count == 1 )
		return tr.tr_list;
	f = op->o_tmpcalloc( 1, sizeof( Filter ), op->o_tmpmemctx );
	f->f_choice = LDAP_FILTER_OR;
	f->f_list = tr.tr_list;
	return f;
}

/* A copy of the filter list `f` with every address node replaced. */
static Filter *
tenancy_filter_rewrite( Operation *op, tenancy_info *ti, Filter *f )
{
	Filter *head = NULL, **tail = &head, *n;

	for ( ; f; f = f->f_next ) {
		switch ( f->f_choice & SLAPD_FILTER_MASK ) {
		case LDAP_FILTER_AND:
		case LDAP_FILTER_OR:
		case LDAP_FILTER_NOT:
			n = op->o_tmpcalloc( 1, sizeof( Filter ), op->o_tmpmemctx );
			n->f_choice = f->f_choice;
			n->f_list = tenancy_filter_rewrite( op, ti, f->f_list );
			break;
		case LDAP_FILTER_EQUALITY:
			if ( f->f_av_desc == tenancy_ad_computed[TENANCY_ADDRESS] ) {
				n = tenancy_filter_route( op, ti, &f->f_av_value );
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

/* Does the actor see everything?  Call with the model lock held. */
static int
tenancy_sees_all( Operation *op, tenancy_info *ti, const struct tn_actor *actor )
{
	tenancy_thread *tt;
	struct berval *ndn = &op->o_ndn;

	if ( actor->is_root )
		return 1;
	tt = tenancy_thread_get( op );
	if ( tt && tt->tt_ti == ti && tt->tt_generation == ti->ti_generation &&
			tt->tt_actor_len == ndn->bv_len &&
			memcmp( tt->tt_actor, ndn->bv_val, ndn->bv_len ) == 0 )
		return tt->tt_sees_all;
	if ( tt == NULL || ndn->bv_len >= TENANCY_MEMO_LEN )
		return tn_sees_all( ti->ti_model, actor );
	tt->tt_ti = ti;
	tt->tt_generation = ti->ti_generation;
	tt->tt_actor_len = ndn->bv_len;
	memcpy( tt->tt_actor, ndn->bv_val, ndn->bv_len );
	tt->tt_sees_all = tn_sees_all( ti->ti_model, actor );
	return tt->tt_sees_all;
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
	*isolated = !tenancy_sees_all( op, ti, &actor );
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
	int isolated, rewrite;
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
		op->ors_filter = tenancy_filter_rewrite( op, ti, op->ors_filter );
		filter2bv_x( op, op->ors_filter, &op->ors_filterstr );
	}

	sc->sc_response = tenancy_search_response;
	sc->sc_cleanup = tenancy_search_cleanup;
	sc->sc_private = ts;
	sc->sc_next = op->o_callback;
	op->o_callback = sc;

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
