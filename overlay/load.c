/*
 * load.c - fill the engine's model from the database.
 *
 * Interface: tenancy_model_load() (overlay.h), called by db_open, at
 * start-up and when the overlay is added to a running database through
 * cn=config.
 *
 * One internal subtree search over the database suffix, as the rootdn, for
 * the entries of the tenancy classes (TN_LOAD_FILTER), through the overlays
 * below this one and the backend; each entry is handed to tn_model_load().
 * As syncprov does in its db_open, the search runs on a fake connection, in
 * a thread of its own, joined before returning.  The model's write lock is
 * held throughout: nothing reads a half-loaded model.
 *
 * Every answer a backend gives for a database that holds no tenancy data
 * loads an empty model: no entry below the suffix, no suffix entry at all
 * (noSuchObject), or, for a missing suffix when slapd has a default
 * `referral`, a referral.  Under manageDSAit, referral objects in the tree
 * come back as entries, never as references.
 *
 * Diagnostics: -1, with the reason in cr->msg and the log, when the search
 * fails otherwise or memory runs out; db_open then fails.
 */
#include "portable.h"

#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <ac/string.h>

#include "slap.h"
#include "slap-config.h"

#include "overlay.h"

typedef struct tenancy_load {
	struct tn_model *tl_model;
	const AttributeDescription *tl_login; /* ti_login_ad */
	unsigned long tl_entries;
	int tl_err; /* the search's result code */
	int tl_nomem;
} tenancy_load;

static int
tenancy_load_entry( Operation *op, SlapReply *rs )
{
	tenancy_load *tl = op->o_callback->sc_private;
	struct tn_entry view;

	if ( rs->sr_type == REP_RESULT ) {
		tl->tl_err = rs->sr_err;
		return 0;
	}
	if ( rs->sr_type != REP_SEARCH || tl->tl_nomem )
		return 0;
	if ( tenancy_entry_view(
		     rs->sr_entry, tl->tl_login, &view, op->o_tmpmemctx ) ) {
		tl->tl_nomem = 1;
		return 0;
	}
	if ( tn_model_load( tl->tl_model, &view ) )
		tl->tl_nomem = 1;
	tenancy_view_free( (void *)view.attrs, op->o_tmpmemctx );
	tl->tl_entries++;
	return 0;
}

/* The search starts below the overlay: the model holds what is stored,
 * not what the overlays above would make of it. */
typedef struct tenancy_load_task_args {
	Operation *ta_op;
	slap_overinst *ta_on;
} tenancy_load_task_args;

static void *
tenancy_load_task( void *ptr )
{
	tenancy_load_task_args *ta = ptr;
	SlapReply rs = { REP_RESULT };

	(void)overlay_op_walk( ta->ta_op, &rs, op_search, ta->ta_on->on_info,
		ta->ta_on->on_next );
	return NULL;
}

int
tenancy_model_load( BackendDB *be, slap_overinst *on, ConfigReply *cr )
{
	tenancy_info *ti = on->on_bi.bi_private;
	tenancy_load tl = { ti->ti_model, ti->ti_login_ad, 0, LDAP_OTHER, 0 };
	Connection conn = { 0 };
	OperationBuffer opbuf;
	Operation *op;
	slap_callback cb = { 0 };
	OpExtra oex;
	ldap_pvt_thread_t tid;
	tenancy_load_task_args ta;
	BackendDB db;
	void *thrctx;

	thrctx = ldap_pvt_thread_pool_context();
	connection_fake_init2( &conn, &opbuf, thrctx, 0 );
	op = &opbuf.ob_op;

	/* A copy of the database, as backover.c makes for each operation;
	 * the live one is left alone (cn=config may reload the model). */
	db = *be;
	db.be_flags |= SLAP_DBFLAG_OVERLAY;
	op->o_bd = &db;
	op->o_dn = be->be_rootdn;
	op->o_ndn = be->be_rootndn;
	op->o_tag = LDAP_REQ_SEARCH;
	/* An LDAPv3 search: a referral comes back as one, not as the
	 * partialResults that slapd sends an LDAPv2 client. */
	op->o_protocol = LDAP_VERSION3;
	op->o_req_dn = be->be_suffix[0];
	op->o_req_ndn = be->be_nsuffix[0];
	op->o_managedsait = SLAP_CONTROL_CRITICAL;
	op->o_do_not_cache = 1;
	op->o_dont_replicate = 1;
	op->ors_scope = LDAP_SCOPE_SUBTREE;
	op->ors_deref = LDAP_DEREF_NEVER;
	op->ors_slimit = SLAP_NO_LIMIT;
	op->ors_tlimit = SLAP_NO_LIMIT;
	op->ors_limit = NULL;
	op->ors_attrs = NULL; /* all user attributes */
	op->ors_attrsonly = 0;
	ber_str2bv( TN_LOAD_FILTER, 0, 0, &op->ors_filterstr );
	op->ors_filter = str2filter_x( op, op->ors_filterstr.bv_val );
	if ( op->ors_filter == NULL ) {
		snprintf( cr->msg, sizeof( cr->msg ),
			"tenancy: cannot parse %s", TN_LOAD_FILTER );
		return -1;
	}

	oex.oe_key = (void *)&tenancy_overlay;
	LDAP_SLIST_INSERT_HEAD( &op->o_extra, &oex, oe_next );
	cb.sc_response = tenancy_load_entry;
	cb.sc_private = &tl;
	op->o_callback = &cb;

	ldap_pvt_thread_rdwr_wlock( &ti->ti_model_lock );
	tn_model_reset( ti->ti_model );
	ti->ti_generation++;
	ti->ti_config_generation++;
	ta.ta_op = op;
	ta.ta_on = on;
	ldap_pvt_thread_create( &tid, 0, tenancy_load_task, &ta );
	ldap_pvt_thread_join( tid, NULL );
	ldap_pvt_thread_rdwr_wunlock( &ti->ti_model_lock );

	LDAP_SLIST_REMOVE( &op->o_extra, &oex, OpExtra, oe_next );
	filter_free_x( op, op->ors_filter, 1 );
#ifdef __GLIBC__
	/* The search decoded every entry and the engine read each one into
	 * a short-lived record, between the model's own allocations: give
	 * the pages those left free back to the system. */
	malloc_trim( 0 );
#endif

	if ( tl.tl_nomem ) {
		snprintf( cr->msg, sizeof( cr->msg ),
			"tenancy: out of memory loading the model" );
	} else if ( tl.tl_err != LDAP_SUCCESS &&
		    tl.tl_err != LDAP_NO_SUCH_OBJECT &&
		    !( tl.tl_err == LDAP_REFERRAL && tl.tl_entries == 0 ) ) {
		snprintf( cr->msg, sizeof( cr->msg ),
			"tenancy: loading the model from \"%s\" failed (%d)",
			be->be_suffix[0].bv_val, tl.tl_err );
	} else {
		Debug( LDAP_DEBUG_STATS,
			"tenancy: loaded %lu entries from \"%s\"\n",
			tl.tl_entries, be->be_suffix[0].bv_val );
		return 0;
	}
	Debug( LDAP_DEBUG_ANY, "%s\n", cr->msg );
	return -1;
}
