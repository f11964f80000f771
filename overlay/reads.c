/*
 * reads.c - search and compare through the engine.
 *
 * Interface: the bi_op_search and bi_op_compare hooks (overlay.h).
 *
 * Three things, asked of the engine under the model's read lock, taken
 * once for the request (the actor, the base, the routing) and once for
 * each entry returned (its handle, its visibility, its values):
 *   - read isolation (DESIGN §6): an actor who does not see everything gets
 *     noSuchObject for a base or compare target it may not read, and the
 *     entries it may not read, and the search references of the referral
 *     entries it may not read, are left out of its results;
 *   - computed attributes (DESIGN §4): asked for by name, they are added to
 *     each entry as operational attributes (never with "+", so that a
 *     syncrepl consumer asking for "*,+" does not store them);
 *   - the address filter: (tenancyAddress=x) nodes are rewritten (route.c)
 *     into equalities on stored values; the original filter is kept and
 *     restored in the cleanup, as dynlist does, and an entry found that
 *     claims no address is re-tested without them.  The entry x routed
 *     to is known by its engine handle: recognised by a compare of its
 *     DN, not looked up again.  A filter that is (tenancyAddress=x) alone
 *     is searched at that entry, base scope (tenancy_rebase()).
 *
 * A search needing none of these installs no callback at all, and one by
 * an actor the thread remembers seeing everything takes no lock.
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
	int ts_isolated;        /* check each entry's visibility */
	unsigned ts_want;       /* bit i: tenancy_computed i asked for */
	Filter *ts_orig_filter; /* non-NULL when the filter was rewritten */
	struct berval ts_orig_filterstr;
	Filter *ts_unaddressed; /* the filter for entries that claim no
				 * address (route.c) */
	tn_handle ts_routed;    /* the entry the one address node routed to,
				 * while ts_generation is the model's */
	unsigned long ts_generation;
	Filter *ts_wrap; /* non-NULL when a paged search's filter was
				 * restricted: (&(visible)(inner)) */
	Filter *ts_inner;
	struct berval ts_inner_filterstr;
	int ts_rebased; /* searched at the routed entry, base scope:
				 * the request's base and scope kept here */
	struct berval ts_req_dn, ts_req_ndn;
	int ts_scope;
	int ts_deref; /* the request's alias dereferencing, plus one, when
		       * it was turned off: 0 when untouched */
} tenancy_search;

/* ------------------------------------------------------ computed values */

/* The values of one computed attribute as they come: a_vals grows by
 * steps, and holds no separate normalized copy (a_nvals is a_vals). */
typedef struct tenancy_values {
	Attribute *tv_attr;
	unsigned tv_cap; /* room in a_vals, its end mark included */
} tenancy_values;

static int
tenancy_add_value( void *ctx, const char *val, size_t len )
{
	tenancy_values *tv = ctx;
	Attribute *a = tv->tv_attr;
	struct berval bv;

	if ( a->a_numvals + 2 > tv->tv_cap ) {
		tv->tv_cap = tv->tv_cap ? 2 * tv->tv_cap : 4;
		a->a_vals = ch_realloc(
			a->a_vals, tv->tv_cap * sizeof( struct berval ) );
		a->a_nvals = a->a_vals;
	}
	bv.bv_val = (char *)val;
	bv.bv_len = len;
	ber_dupbv( &a->a_vals[a->a_numvals], &bv );
	a->a_numvals++;
	BER_BVZERO( &a->a_vals[a->a_numvals] );
	return 0;
}

/* Append the computed attributes asked for, of the entry `h`, to the
 * entry's operational attributes, which slapd sends after the stored ones
 * and frees itself: as the operation's actor may read them (the engine
 * names no entry the actor may not see).  Call with the model lock
 * held. */
static void
tenancy_add_computed( Operation *op, SlapReply *rs, tenancy_search *ts,
	tenancy_info *ti, tn_handle h )
{
	Attribute **ap, *a;
	struct tn_actor actor;
	tenancy_values tv;
	int i;

	if ( !h )
		return;
	tenancy_actor( op, &actor );
	for ( ap = &rs->sr_operational_attrs; *ap; ap = &( *ap )->a_next )
		;
	for ( i = 0; i < TENANCY_NCOMPUTED; i++ ) {
		if ( !( ts->ts_want & ( 1U << i ) ) )
			continue;
		a = attr_alloc( tenancy_ad_computed[i] );
		tv.tv_attr = a;
		tv.tv_cap = 0;
		tn_computed_as_h( ti->ti_model, &actor, h, (enum tn_computed)i,
			tenancy_add_value, &tv );
		if ( a->a_numvals == 0 ) {
			attr_free( a );
			continue;
		}
		*ap = a;
		ap = &a->a_next;
	}
}

/*
 * The model's handle on the entry found, and whether the search goes on
 * with it.  Call with the model lock held; returns with it held.  The
 * entry the address node routed to needs no look-up and no check: it is
 * the one that answers to the address.  Another one, found through a
 * stored address value, is re-tested without the address when it claims
 * none, or lost its claim to another entry (DESIGN §5b): outside the
 * lock, since the filter's test asks the access checks, which ask the
 * model.
 */
static int
tenancy_found( Operation *op, SlapReply *rs, tenancy_search *ts,
	tenancy_info *ti, tn_handle *h )
{
	struct berval *ndn = &rs->sr_entry->e_nname;
	int match;

	/* A search made at the routed entry, base scope, finds that one. */
	if ( ts->ts_routed && ts->ts_generation == ti->ti_generation &&
		( ts->ts_rebased || tn_handle_is( ti->ti_model, ts->ts_routed,
					    ndn->bv_val, ndn->bv_len ) ) ) {
		*h = ts->ts_routed;
		return 1;
	}
	if ( ts->ts_unaddressed == NULL ) {
		*h = ts->ts_want ? tn_entry_handle( ti->ti_model, ndn->bv_val,
					   ndn->bv_len )
				 : 0;
		return 1;
	}
	*h = tn_entry_handle( ti->ti_model, ndn->bv_val, ndn->bv_len );
	if ( ( tenancy_entry_addressable( rs->sr_entry ) &&
		     !tn_answers_nothing_h( ti->ti_model, *h ) ) )
		return 1;
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	match = test_filter( op, rs->sr_entry, ts->ts_unaddressed ) ==
		LDAP_COMPARE_TRUE;
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	if ( match )
		*h = tn_entry_handle( ti->ti_model, ndn->bv_val, ndn->bv_len );
	return match;
}

static int
tenancy_search_response( Operation *op, SlapReply *rs )
{
	tenancy_search *ts = op->o_callback->sc_private;
	tenancy_info *ti = ts->ts_on->on_bi.bi_private;
	struct tn_actor actor;
	tn_handle h;

	/* A search reference stands for a referral entry: one the actor may
	 * not see is left out, as its entries are. */
	if ( rs->sr_type == REP_SEARCHREF ) {
		int visible = 1;

		if ( !ts->ts_isolated || rs->sr_entry == NULL )
			return SLAP_CB_CONTINUE;
		ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
		tenancy_actor( op, &actor );
		visible = tn_visible(
			ti->ti_model, &actor, rs->sr_entry->e_nname.bv_val );
		ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
		return visible ? SLAP_CB_CONTINUE : 0;
	}
	/* Searched at the routed entry, which is not there (or not to be
	 * disclosed): the request's search finds nothing, and says no
	 * more. */
	if ( rs->sr_type == REP_RESULT && ts->ts_rebased &&
		rs->sr_err == LDAP_NO_SUCH_OBJECT ) {
		rs->sr_err = LDAP_SUCCESS;
		rs->sr_matched = NULL;
		rs->sr_text = NULL;
		return SLAP_CB_CONTINUE;
	}
	if ( rs->sr_type != REP_SEARCH ||
		( !ts->ts_unaddressed && !ts->ts_isolated && !ts->ts_want ) )
		return SLAP_CB_CONTINUE;

	/* One lock for the entry: its handle, its visibility, its values. */
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	if ( !tenancy_found( op, rs, ts, ti, &h ) ) {
		ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
		return 0;
	}
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
		tenancy_add_computed( op, rs, ts, ti, h );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	return SLAP_CB_CONTINUE;
}

/*
 * A filter that is one (tenancyAddress=x) and nothing else finds the
 * entry x routes to, if the search's scope holds it, and no other: so the
 * search is made at that entry, base scope, and the backend reads one
 * entry instead of an index (a Postfix lookup: the cost of the equality
 * search it replaces).  The rewritten filter is still tested on it.  Not
 * for a search with controls (paged, sync, sort: they are about the
 * request's own scope) or dereferencing aliases; not when the DN is not
 * of a shape known to be normalized already (route.c).  A missing entry
 * answers as the request's search would, with nothing (the response
 * callback); the cleanup puts base and scope back.  Call with the model
 * lock held.
 */
static void
tenancy_rebase( Operation *op, tenancy_info *ti, tenancy_search *ts )
{
	Filter *f = ts->ts_orig_filter;
	struct berval ndn;

	if ( !ts->ts_routed || f == NULL ||
		f->f_choice != LDAP_FILTER_EQUALITY ||
		f->f_av_desc != tenancy_ad_computed[TENANCY_ADDRESS] ||
		op->o_ctrls != NULL || op->ors_deref != LDAP_DEREF_NEVER ||
		op->ors_scope == LDAP_SCOPE_BASE ||
		!tenancy_route_base( op, ti, ts->ts_routed, &ndn ) )
		return;
	ts->ts_rebased = 1;
	ts->ts_req_dn = op->o_req_dn;
	ts->ts_req_ndn = op->o_req_ndn;
	ts->ts_scope = op->ors_scope;
	op->o_req_dn = ndn;
	op->o_req_ndn = ndn;
	op->ors_scope = LDAP_SCOPE_BASE;
}

/* Undo the tenancyAddress rewrite, if there was one: the client's filter
 * back in place, the rewritten one freed. */
static void
tenancy_filter_restore( Operation *op, tenancy_search *ts )
{
	if ( ts->ts_rebased ) {
		op->o_tmpfree( op->o_req_ndn.bv_val, op->o_tmpmemctx );
		op->o_req_dn = ts->ts_req_dn;
		op->o_req_ndn = ts->ts_req_ndn;
		op->ors_scope = ts->ts_scope;
		ts->ts_rebased = 0;
	}
	if ( ts->ts_orig_filter == NULL )
		return;
	filter_free_x( op, op->ors_filter, 1 );
	op->o_tmpfree( op->ors_filterstr.bv_val, op->o_tmpmemctx );
	op->ors_filter = ts->ts_orig_filter;
	op->ors_filterstr = ts->ts_orig_filterstr;
	tenancy_unaddressed_free( op, ts->ts_unaddressed );
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

	if ( ts->ts_wrap ) {
		/* the inner filter is the caller's or the rewrite's */
		Filter *visible = ts->ts_wrap->f_and;

		visible->f_next = NULL;
		filter_free_x( op, visible, 1 );
		op->o_tmpfree( ts->ts_wrap, op->o_tmpmemctx );
		op->o_tmpfree( op->ors_filterstr.bv_val, op->o_tmpmemctx );
		op->ors_filter = ts->ts_inner;
		op->ors_filterstr = ts->ts_inner_filterstr;
	}
	tenancy_filter_restore( op, ts );
	if ( ts->ts_deref )
		op->ors_deref = ts->ts_deref - 1;
	op->o_callback = sc->sc_next;
	op->o_tmpfree( sc, op->o_tmpmemctx );
	return 0;
}

/* ------------------------------------------------------ thread memo */

/*
 * What each worker thread remembers between operations: whether its last
 * actor sees everything (searches come mostly from the same few service
 * accounts), until the configuration changes or the model is loaded
 * again: the operators and readers are configured, so writes, which
 * change the model only, leave it standing.  A DN longer
 * than the buffer is simply not remembered.
 */
#define TENANCY_MEMO_LEN 256

typedef struct tenancy_thread {
	const tenancy_info *tt_ti;
	unsigned long tt_generation;
	int tt_sees_all;
	ber_len_t tt_actor_len;
	char tt_actor[TENANCY_MEMO_LEN];
	/* The operation last found to be an actor's who sees everything
	 * (the rootdn's too), for tt_op_ti at tt_op_generation: a search
	 * asks once an attribute of every entry it tests or sends, and its
	 * next questions are answered without comparing its actor's DN.
	 * Known by its address, connection and message ids, and the very
	 * DN it acts as (an overlay that lends the operation another
	 * identity for a while changes o_ndn's bytes' address). */
	const Operation *tt_op;
	const char *tt_op_ndn;
	ber_len_t tt_op_ndn_len;
	unsigned long tt_op_connid, tt_op_opid, tt_op_generation;
	const tenancy_info *tt_op_ti;
} tenancy_thread;

/* In thread-local storage: no look-up in the thread pool's keys, and
 * nothing to allocate or free. */
static __thread tenancy_thread tenancy_memo;

static tenancy_thread *
tenancy_thread_get( Operation *op )
{
	(void)op;
	return &tenancy_memo;
}

/* Is the thread's memo about this instance, at configuration generation
 * `gen`, and the actor `ndn` (anonymous: no DN, its length says enough)? */
static int
tenancy_memo_holds( const tenancy_thread *tt, const tenancy_info *ti,
	unsigned long gen, const struct berval *ndn )
{
	return tt->tt_ti == ti && tt->tt_generation == gen &&
	       tt->tt_actor_len == ndn->bv_len &&
	       ( ndn->bv_len == 0 ||
		       memcmp( tt->tt_actor, ndn->bv_val, ndn->bv_len ) == 0 );
}

/* ------------------------------------------------------------ hooks */

/* Does the filter value need no escape (RFC 4515: printable ASCII but
 * '(', ')', '*' and '\\')?  Addresses need none. */
static int
tenancy_filter_plain( struct berval *v )
{
	const unsigned char *p = (const unsigned char *)v->bv_val,
			    *end = p + v->bv_len;

	for ( ; p < end; p++ ) {
		if ( *p >= 'a' ? *p > '~'
			       : ( *p < 0x20 || *p == '(' || *p == ')' ||
					 *p == '*' || *p == '\\' ) )
			return 0;
	}
	return 1;
}

/* filter2bv_x(), with a short cut for the one shape of a Postfix lookup,
 * a single equality, where filter2bv_x's generality costs most. */
static void
tenancy_filterstr( Operation *op, Filter *f, struct berval *out )
{
	struct berval esc;
	AttributeDescription *ad;
	int plain;
	char *p;

	if ( f->f_choice != LDAP_FILTER_EQUALITY ) {
		filter2bv_x( op, f, out );
		return;
	}
	plain = tenancy_filter_plain( &f->f_av_value );
	if ( plain ) {
		esc = f->f_av_value;
	} else if ( filter_escape_value_x(
			    &f->f_av_value, &esc, op->o_tmpmemctx ) ) {
		filter2bv_x( op, f, out );
		return;
	}
	ad = f->f_av_desc;
	out->bv_len = ad->ad_cname.bv_len + esc.bv_len + STRLENOF( "(=)" );
	out->bv_val = p = op->o_tmpalloc( out->bv_len + 1, op->o_tmpmemctx );
	*p++ = '(';
	memcpy( p, ad->ad_cname.bv_val, ad->ad_cname.bv_len );
	p += ad->ad_cname.bv_len;
	*p++ = '=';
	memcpy( p, esc.bv_val, esc.bv_len );
	p += esc.bv_len;
	*p++ = ')';
	*p = '\0';
	if ( !plain )
		op->o_tmpfree( esc.bv_val, op->o_tmpmemctx );
}

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

/* Remember that op's actor sees everything, at configuration generation
 * `gen` of ti (tenancy_memo_sees_all() then answers op at once). */
static void
tenancy_memo_note_op( Operation *op, tenancy_info *ti, unsigned long gen )
{
	tenancy_thread *tt = tenancy_thread_get( op );

	tt->tt_op = op;
	tt->tt_op_ndn = op->o_ndn.bv_val;
	tt->tt_op_ndn_len = op->o_ndn.bv_len;
	tt->tt_op_ti = ti;
	tt->tt_op_connid = op->o_connid;
	tt->tt_op_opid = op->o_opid;
	tt->tt_op_generation = gen;
}

/*
 * Does the thread remember that this operation's actor sees everything?
 * Asked without the model lock: the configuration's generation is read
 * at once (a change bumps it under the write lock), and an answer for the generation read
 * is the answer of a search made just before the change.  0: ask
 * tenancy_sees_all().
 */
static int
tenancy_memo_sees_all( Operation *op, tenancy_info *ti )
{
	tenancy_thread *tt = tenancy_thread_get( op );
	unsigned long gen =
		__atomic_load_n( &ti->ti_config_generation, __ATOMIC_ACQUIRE );

	if ( tt->tt_op == op && tt->tt_op_ti == ti &&
		tt->tt_op_connid == op->o_connid &&
		tt->tt_op_opid == op->o_opid && tt->tt_op_generation == gen &&
		tt->tt_op_ndn == op->o_ndn.bv_val &&
		tt->tt_op_ndn_len == op->o_ndn.bv_len )
		return 1;
	if ( !tenancy_memo_holds( tt, ti, gen, &op->o_ndn ) ||
		!tt->tt_sees_all )
		return 0;
	tenancy_memo_note_op( op, ti, gen );
	return 1;
}

/* Does the actor see everything?  Call with the model lock held. */
static int
tenancy_sees_all(
	Operation *op, tenancy_info *ti, const struct tn_actor *actor )
{
	tenancy_thread *tt;
	struct berval *ndn = &op->o_ndn;

	if ( actor->is_root )
		return 1;
	tt = tenancy_thread_get( op );
	if ( tt && tenancy_memo_holds( tt, ti, ti->ti_config_generation, ndn ) )
		return tt->tt_sees_all;
	if ( tt == NULL || ndn->bv_len >= TENANCY_MEMO_LEN )
		return tn_sees_all( ti->ti_model, actor );
	tt->tt_ti = ti;
	tt->tt_generation = ti->ti_config_generation;
	tt->tt_actor_len = ndn->bv_len;
	if ( ndn->bv_len ) /* anonymous: no DN, and no bv_val */
		memcpy( tt->tt_actor, ndn->bv_val, ndn->bv_len );
	tt->tt_sees_all = tn_sees_all( ti->ti_model, actor );
	return tt->tt_sees_all;
}

/*
 * Read isolation under slapd's own access checks (bi_access_allowed):
 * every read of a hidden entry, whatever path it takes, is denied as if
 * an ACL denied it: disclose, compare, search (filters) and read.  Some
 * answers never pass through the search hook: syncprov, above this
 * overlay, sends the persist phase of a content synchronization search
 * (RFC 4533) itself, and would otherwise send every changed entry of
 * every tenant to any persistent search.  Binds (auth) and writes are left
 * to the ACLs, and to the write hooks.
 */
/* Is `e` an entry of ti's tenants that this read may not see? */
static int
tenancy_access_hidden(
	Operation *op, tenancy_info *ti, Entry *e, slap_access_t access )
{
	slap_access_t level = ACL_LEVEL( access );
	unsigned long generation;
	struct tn_actor actor;
	int visible, all;

	if ( e == NULL || level == ACL_AUTH || level > ACL_READ ||
		!ti->ti_open )
		return 0;
	/* The thread's memo first, without the lock: the readers and
	 * operators, who see every tenant, are answered from it. */
	if ( tenancy_memo_sees_all( op, ti ) )
		return 0;
	if ( tenancy_is_internal( op ) || BER_BVISEMPTY( &ti->ti_ndomains ) ||
		!dnIsSuffix( &e->e_nname, &ti->ti_ndomains ) )
		return 0;
	generation =
		__atomic_load_n( &ti->ti_config_generation, __ATOMIC_ACQUIRE );
	tenancy_actor( op, &actor );
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	all = tenancy_sees_all( op, ti, &actor );
	visible = all || tn_visible( ti->ti_model, &actor, e->e_nname.bv_val );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	if ( all )
		tenancy_memo_note_op( op, ti, generation );
	return !visible;
}

int
tenancy_access_allowed( Operation *op, Entry *e, AttributeDescription *desc,
	struct berval *val, slap_access_t access, AccessControlState *state,
	slap_mask_t *maskp )
{
	slap_overinst *on = (slap_overinst *)op->o_bd->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;

	(void)desc;
	(void)val;
	(void)state;
	if ( !tenancy_access_hidden( op, ti, e, access ) )
		return SLAP_CB_CONTINUE;
	if ( maskp )
		ACL_INIT( *maskp );
	return 0;
}

/*
 * The same check on slapd's other path.  An access check made while the
 * backend itself runs (the filter test of a search, slapo-deref's and
 * slapo-sssvlv's reads, made from their response callbacks) asks the
 * backend's own BackendInfo, which has no hook, and then the frontend's:
 * the overlay's hook above is not asked.  So every open instance is
 * listed here, and the frontend's check is wrapped, once, by one that
 * denies the reads of an entry an instance hides: slapo-deref no longer
 * hands a user the attributes of another tenant's entry that an entry of
 * her own names.
 */
#define TENANCY_MAX_OPEN 16

static tenancy_info *tenancy_open_list[TENANCY_MAX_OPEN];
static int tenancy_open_bound;     /* the list's used places are below it */
static BackendInfo *tenancy_fe_bi; /* the frontend's, as wrapped */
static BI_access_allowed *tenancy_fe_orig; /* and its own check */

static int
tenancy_fe_access_allowed( Operation *op, Entry *e, AttributeDescription *desc,
	struct berval *val, slap_access_t access, AccessControlState *state,
	slap_mask_t *maskp )
{
	int i;

	for ( i = 0; i < tenancy_open_bound; i++ ) {
		tenancy_info *ti = tenancy_open_list[i];
		if ( ti && tenancy_access_hidden( op, ti, e, access ) ) {
			if ( maskp )
				ACL_INIT( *maskp );
			return 0;
		}
	}
	return tenancy_fe_orig( op, e, desc, val, access, state, maskp );
}

/* Called from db_open and db_close, while slapd runs no operation (at
 * start, or with the thread pool paused for cn=config). */
int
tenancy_fe_hook( tenancy_info *ti, int open )
{
	int i, n = 0, bound = 0;

	for ( i = 0; i < TENANCY_MAX_OPEN; i++ ) {
		if ( tenancy_open_list[i] == ti )
			tenancy_open_list[i] = NULL;
		if ( open && tenancy_open_list[i] == NULL && ti ) {
			tenancy_open_list[i] = ti;
			ti = NULL;
		}
		n += tenancy_open_list[i] != NULL;
		if ( tenancy_open_list[i] != NULL )
			bound = i + 1;
	}
	tenancy_open_bound = bound;
	if ( open && ti )
		return -1; /* more instances than the list holds */
	if ( n && tenancy_fe_bi == NULL && frontendDB &&
		frontendDB->bd_info->bi_access_allowed ) {
		tenancy_fe_bi = frontendDB->bd_info;
		tenancy_fe_orig = tenancy_fe_bi->bi_access_allowed;
		tenancy_fe_bi->bi_access_allowed = tenancy_fe_access_allowed;
	} else if ( !n && tenancy_fe_bi ) {
		tenancy_fe_bi->bi_access_allowed = tenancy_fe_orig;
		tenancy_fe_bi = NULL;
		tenancy_fe_orig = NULL;
	}
	return 0;
}

/* May the actor see `ndn`?  Call with the model lock held. */
static int
tenancy_sees( Operation *op, tenancy_info *ti, struct berval *ndn )
{
	struct tn_actor actor;

	tenancy_actor( op, &actor );
	return tn_visible( ti->ti_model, &actor, ndn->bv_val );
}

/* Does the entry `ndn` exist (for this actor: when `disclose`, only if
 * slapd's ACLs let it know)?  With `name`, its DN as stored, from the
 * operation's memory. */
static int
tenancy_exists( Operation *op, slap_overinst *on, struct berval *ndn,
	int disclose, struct berval *name )
{
	Entry *e = NULL;
	int found;

	if ( overlay_entry_get_ov( op, ndn, NULL, NULL, 0, &e, on ) !=
			LDAP_SUCCESS ||
		e == NULL )
		return 0;
	found = !disclose || access_allowed( op, e, slap_schema.si_ad_entry,
				     NULL, ACL_DISCLOSE, NULL );
	if ( found && name )
		ber_dupbv_x( name, &e->e_name, op->o_tmpmemctx );
	overlay_entry_release_ov( op, e, 0, on );
	return found;
}

/*
 * DESIGN §5a.7, hidden is missing: answer as the backend answers for an
 * entry that is not there.  noSuchObject, and as matchedDN the nearest
 * entry above `ndn` that exists and that the actor may see, as stored;
 * for searches and compares only when slapd's ACLs disclose it, as
 * back-mdb does.  `text` is the backend's text for the case, or NULL.
 */
static int
tenancy_send_missing( Operation *op, SlapReply *rs, slap_overinst *on,
	const struct berval *ndn, int disclose, const char *text )
{
	tenancy_info *ti = on->on_bi.bi_private;
	struct berval dn = *ndn, up, matched = BER_BVNULL;

	while ( !BER_BVISEMPTY( &dn ) && !be_issuffix( op->o_bd, &dn ) ) {
		int visible;
		dnParent( &dn, &up );
		dn = up;
		if ( !dnIsSuffix( &dn, &op->o_bd->be_nsuffix[0] ) )
			break;
		ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
		visible = tenancy_sees( op, ti, &dn );
		ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
		if ( visible &&
			tenancy_exists( op, on, &dn, disclose, &matched ) )
			break;
	}
	op->o_bd->bd_info = (BackendInfo *)on->on_info;
	rs->sr_matched = matched.bv_val;
	send_ldap_error( op, rs, LDAP_NO_SUCH_OBJECT, text );
	rs->sr_matched = NULL;
	rs->sr_text = NULL;
	if ( matched.bv_val )
		op->o_tmpfree( matched.bv_val, op->o_tmpmemctx );
	return rs->sr_err;
}

/* Is `ndn` hidden from this actor?  Sets *isolated when the actor does
 * not see everything. */
static int
tenancy_hidden(
	Operation *op, tenancy_info *ti, struct berval *ndn, int *isolated )
{
	struct tn_actor actor;
	int hidden = 0;

	tenancy_actor( op, &actor );
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	*isolated = !tenancy_sees_all( op, ti, &actor );
	if ( *isolated )
		hidden = !tn_visible( ti->ti_model, &actor, ndn->bv_val );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	return hidden;
}

int
tenancy_missing( Operation *op, SlapReply *rs )
{
	slap_overinst *on = (slap_overinst *)op->o_bd->bd_info;

	return tenancy_send_missing( op, rs, on, &op->o_req_ndn, 0, NULL );
}

int
tenancy_isolated( Operation *op, tenancy_info *ti )
{
	struct tn_actor actor;
	int isolated;

	/* The thread's memo first, as a search asks it: an operator's
	 * writes take no lock for this. */
	if ( tenancy_memo_sees_all( op, ti ) )
		return 0;
	tenancy_actor( op, &actor );
	if ( actor.is_root )
		return 0;
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	isolated = !tenancy_sees_all( op, ti, &actor );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	return isolated;
}

/*
 * Before a write by an actor that does not see everything is judged: a
 * target it may not see, or that is not there, gets the answer of a
 * missing entry; for an add, its parent (an add at a hidden entry's own
 * DN is judged as at a free one: the engine's business); for a rename,
 * also the new superior (back-mdb's own text then).  Returns 0 to go on,
 * else the result sent.
 */
int
tenancy_write_hidden( Operation *op, SlapReply *rs )
{
	slap_overinst *on = (slap_overinst *)op->o_bd->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;
	struct berval target = op->o_req_ndn;
	int visible;

	if ( op->o_tag == LDAP_REQ_ADD ) {
		if ( be_issuffix( op->o_bd, &op->o_req_ndn ) )
			return 0;
		dnParent( &op->o_req_ndn, &target );
	}
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	visible = tenancy_sees( op, ti, &target );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	if ( !visible || !tenancy_exists( op, on, &target, 0, NULL ) )
		return tenancy_send_missing( op, rs, on, &target, 0, NULL );
	if ( op->o_tag != LDAP_REQ_MODRDN || op->orr_nnewSup == NULL )
		return 0;
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	visible = tenancy_sees( op, ti, op->orr_nnewSup );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	if ( !visible || !tenancy_exists( op, on, op->orr_nnewSup, 0, NULL ) ) {
		op->o_bd->bd_info = (BackendInfo *)on->on_info;
		send_ldap_error(
			op, rs, LDAP_NO_SUCH_OBJECT, "new superior not found" );
		rs->sr_text = NULL;
		return rs->sr_err;
	}
	return 0;
}

/* ------------------------------------------------- paged searches */

typedef struct tenancy_visible_filter {
	Operation *tv_op;
	struct berval tv_str; /* the filter string built so far */
	int tv_oom;
} tenancy_visible_filter;

/* Append "(entryDN:dnSubtreeMatch:=<dn>)", the DN escaped for a filter. */
static int
tenancy_visible_add( void *ctx, const char *dn, size_t len )
{
	tenancy_visible_filter *tv = ctx;
	Operation *op = tv->tv_op;
	struct berval raw, esc, *s = &tv->tv_str;
	static const char pre[] = "(entryDN:dnSubtreeMatch:=";
	char *p;

	raw.bv_val = (char *)dn;
	raw.bv_len = len;
	if ( filter_escape_value_x( &raw, &esc, op->o_tmpmemctx ) ) {
		tv->tv_oom = 1;
		return 1;
	}
	p = op->o_tmprealloc( s->bv_val,
		s->bv_len + STRLENOF( pre ) + esc.bv_len + STRLENOF( ")" ) + 1,
		op->o_tmpmemctx );
	s->bv_val = p;
	p += s->bv_len;
	memcpy( p, pre, STRLENOF( pre ) );
	p += STRLENOF( pre );
	memcpy( p, esc.bv_val, esc.bv_len );
	p += esc.bv_len;
	*p++ = ')';
	*p = '\0';
	s->bv_len = p - s->bv_val;
	op->o_tmpfree( esc.bv_val, op->o_tmpmemctx );
	return 0;
}

/*
 * Hidden is missing, for what the backend and the overlays below this one
 * count (DESIGN §5a.7).  The backend matches a search's filter under
 * slapd's own ACLs, not this overlay's access check, and the response
 * callback leaves a hidden entry out only after it was counted:
 * - slapd ends a search with sizeLimitExceeded when it has sent as many
 *   entries as the limit and finds one more that matches, before the
 *   callback sees it: with a limit of one, a filter matching one entry of
 *   the actor's tenant or else a value of another tenant's told whether
 *   that value exists;
 * - the backend ends a page when it has sent enough entries and finds one
 *   more that matches: a hidden match turned an empty cookie into a full
 *   one;
 * - slapo-sssvlv, below the overlay, collects every match and answers a
 *   sorted list or a virtual list view with the list's size and the
 *   target's position, which counted and ranked other tenants' entries.
 * So every search that reaches into the tenants' container (scope beyond
 * the base), by an actor who does not see everything, is searched with
 * the filter
 *
 *	(&(|(!(entryDN:dnSubtreeMatch:=DOMAINS))(entryDN=DOMAINS)
 *		(entryDN:dnSubtreeMatch:=TENANT)...)(FILTER))
 *
 * over the tenants it sees: the backend then counts no hidden entry.  (An
 * entry under the container that lies in no tenant is left out as well,
 * erring on the safe side; and slapd evaluates the entryDN assertions
 * under the ACLs, so where they deny the actor search on entryDN its
 * searches from above the tenants find nothing, never too much.)  The
 * response callback still checks every entry.  The caller's filter (or
 * the rewritten one) is borrowed, and given back by the cleanup.  Returns
 * 0, or -1 when memory ran out (the search is then refused).
 */
static int
tenancy_filter_visible( Operation *op, tenancy_info *ti, tenancy_search *ts )
{
	tenancy_visible_filter tv;
	struct tn_actor actor;
	struct berval dom, str;
	Filter *f, *visible;
	size_t n;
	char *p;

	if ( filter_escape_value_x( &ti->ti_ndomains, &dom, op->o_tmpmemctx ) )
		return -1;
	tv.tv_op = op;
	tv.tv_oom = 0;
	/* "(|(!(entryDN:dnSubtreeMatch:=" DOM "))(entryDN=" DOM ")" */
	tv.tv_str.bv_len =
		STRLENOF( "(|(!(entryDN:dnSubtreeMatch:=))(entryDN=)" ) +
		2 * dom.bv_len;
	tv.tv_str.bv_val = p =
		op->o_tmpalloc( tv.tv_str.bv_len + 1, op->o_tmpmemctx );
	p = lutil_strcopy( p, "(|(!(entryDN:dnSubtreeMatch:=" );
	p = lutil_strncopy( p, dom.bv_val, dom.bv_len );
	p = lutil_strcopy( p, "))(entryDN=" );
	p = lutil_strncopy( p, dom.bv_val, dom.bv_len );
	lutil_strcopy( p, ")" );
	op->o_tmpfree( dom.bv_val, op->o_tmpmemctx );

	tenancy_actor( op, &actor );
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	n = tn_visible_tenants(
		ti->ti_model, &actor, tenancy_visible_add, &tv );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	if ( n == (size_t)-1 || tv.tv_oom ) {
		op->o_tmpfree( tv.tv_str.bv_val, op->o_tmpmemctx );
		return -1;
	}
	str.bv_len = tv.tv_str.bv_len + STRLENOF( ")" );
	str.bv_val = op->o_tmprealloc(
		tv.tv_str.bv_val, str.bv_len + 1, op->o_tmpmemctx );
	memcpy( str.bv_val + tv.tv_str.bv_len, ")", 2 );
	visible = str2filter_x( op, str.bv_val );
	op->o_tmpfree( str.bv_val, op->o_tmpmemctx );
	if ( visible == NULL )
		return -1;

	/* (&(visible)(inner)), the inner filter borrowed as it is */
	f = op->o_tmpcalloc( 1, sizeof( *f ), op->o_tmpmemctx );
	f->f_choice = LDAP_FILTER_AND;
	f->f_and = visible;
	visible->f_next = op->ors_filter;
	ts->ts_wrap = f;
	ts->ts_inner = op->ors_filter;
	ts->ts_inner_filterstr = op->ors_filterstr;
	op->ors_filter = f;
	filter2bv_x( op, f, &op->ors_filterstr );
	return 0;
}

int
tenancy_op_search( Operation *op, SlapReply *rs )
{
	slap_overinst *on = (slap_overinst *)op->o_bd->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;
	slap_callback *sc;
	tenancy_search *ts;
	struct tn_actor actor;
	int isolated, rewrite;
	unsigned want;

	if ( tenancy_is_internal( op ) )
		return SLAP_CB_CONTINUE;

	want = tenancy_wanted( op );
	rewrite = tenancy_filter_has_address( op->ors_filter );
	/* A service account's plain search: nothing to do, no lock. */
	if ( !want && !rewrite && tenancy_memo_sees_all( op, ti ) )
		return SLAP_CB_CONTINUE;

	/* One lock for the request: who asks, the base, the routing. */
	tenancy_actor( op, &actor );
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	isolated = !tenancy_sees_all( op, ti, &actor );
	if ( isolated &&
		!tn_visible( ti->ti_model, &actor, op->o_req_ndn.bv_val ) ) {
		ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
		return tenancy_send_missing(
			op, rs, on, &op->o_req_ndn, 1, NULL );
	}
	if ( !isolated && !want && !rewrite ) {
		ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
		return SLAP_CB_CONTINUE;
	}

	sc = op->o_tmpcalloc(
		1, sizeof( *sc ) + sizeof( *ts ), op->o_tmpmemctx );
	ts = (tenancy_search *)( sc + 1 );
	ts->ts_on = on;
	ts->ts_isolated = isolated;
	ts->ts_want = want;

	if ( rewrite ) {
		ts->ts_orig_filter = op->ors_filter;
		ts->ts_orig_filterstr = op->ors_filterstr;
		op->ors_filter = tenancy_filter_route( op, ti, op->ors_filter,
			&ts->ts_unaddressed, &ts->ts_routed );
		ts->ts_generation = ti->ti_generation;
		tenancy_rebase( op, ti, ts );
	}
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	if ( rewrite )
		tenancy_filterstr( op, op->ors_filter, &op->ors_filterstr );
	/*
	 * Hidden is missing, for aliases (DESIGN §5a.7): the backend
	 * dereferences an alias before the overlay sees an entry, and answers
	 * aliasProblem for one that names a missing entry but goes on at one
	 * that names a hidden entry, telling it exists.  An actor who does
	 * not see everything searches without dereferencing: an alias
	 * answers as itself, whatever it names.  Given back by the cleanup.
	 */
	if ( isolated && op->ors_deref != LDAP_DEREF_NEVER ) {
		ts->ts_deref = op->ors_deref + 1;
		op->ors_deref = LDAP_DEREF_NEVER;
	}
	if ( isolated && op->ors_scope != LDAP_SCOPE_BASE &&
		!BER_BVISEMPTY( &ti->ti_ndomains ) &&
		dnIsSuffix( &ti->ti_ndomains, &op->o_req_ndn ) &&
		tenancy_filter_visible( op, ti, ts ) ) {
		/* the callback is not installed yet: undo a rewrite here */
		tenancy_filter_restore( op, ts );
		if ( ts->ts_deref )
			op->ors_deref = ts->ts_deref - 1;
		op->o_tmpfree( sc, op->o_tmpmemctx );
		op->o_bd->bd_info = (BackendInfo *)on->on_info;
		send_ldap_error( op, rs, LDAP_OTHER,
			"tenancy: cannot restrict a search to what you may "
			"see" );
		return rs->sr_err;
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
	if ( tenancy_hidden( op, ti, &op->o_req_ndn, &isolated ) )
		return tenancy_send_missing(
			op, rs, on, &op->o_req_ndn, 1, NULL );
	return SLAP_CB_CONTINUE;
}
