/*
 * Copyright 2026 The tenancy developers (see AUTHORS).
 * All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted only as authorized by the OpenLDAP
 * Public License.
 *
 * A copy of this license is available in the file LICENSE in the
 * top-level directory of the distribution or, alternatively, at
 * <http://www.OpenLDAP.org/license.html>.
 */
/*
 * writes.c - add, modify, delete and modrdn through the engine.
 *
 * Interface: the bi_op_add/modify/delete/modrdn and bi_chk_controls hooks
 * (overlay.h).
 *
 * Each write is translated into a struct tn_change and, under the
 * database's write mutex, judged (tn_judge, under the model's read lock).
 * A refusal is sent as the engine's code and text.  An accepted write
 * keeps the engine's pending change and installs a callback: when the
 * backend answers, the change is committed to the model with the entryCSN
 * the backend gave it (tn_commit_csn, under the write lock; the pending
 * change is freed after it) and the mutex released, so the model the next write is
 * judged against includes this one; the cleanup discards a change that
 * failed (tn_discard) and frees the callback.
 *
 * The mutex is not recursive.  A write that another overlay makes from
 * inside one (slapo-memberof, from its response callback) is nested: it
 * runs in the thread holding the mutex, is judged against a model that
 * holds the outer write, and leaves the mutex to the outer write (see
 * "Nested writes" below).
 *
 * Replicated writes (be_shadow_update) are not judged, only recorded
 * (tn_record) once the backend committed them.
 * Writes inside an LDAP transaction are refused, before slapd queues them
 * (bi_chk_controls, tenancy_chk_controls): a write's success is then not
 * final, and the model has no way to undo it.
 *
 * Diagnostics: when tn_commit or tn_record runs out of memory the model
 * no longer matches the database; this is logged, and the next db_open
 * reloads it.
 * Every refusal is logged at loglevel stats (256), next to slapd's own
 * RESULT line, as the audit trail of slapo-tenancy(5):
 *
 *	conn=N op=M TENANCY REFUSED ADD dn="..." actor="..." rule=R err=E text="..."
 */
#include "portable.h"

#include <ac/string.h>

#include "slap.h"

#include "overlay.h"

typedef struct tenancy_write {
	slap_overinst *tw_on;
	int tw_locked; /* the outermost write: it holds the mutex */
	int tw_held;   /* the thread's write in progress (tenancy_write_hold) */
	int tw_committed;
	Operation *tw_op;
	SlapReply *tw_rs; /* its answer, read by a write nested in it */
	struct tenancy_write *tw_outer; /* the write it is nested in, or NULL */
	char **tw_events; /* spooled share notifications (spool.c) */
	struct tn_pending *tw_pending; /* the judged change, or NULL */
} tenancy_write;

/* The entry's DN after a committed write and the entryCSN the backend
 * stamped it with (DESIGN §5b: claims are ordered by it); NULL when the
 * write has none (a delete). */
static struct berval *
tenancy_write_csn( Operation *op, struct berval *ndn )
{
	Modifications *ml = NULL;
	Attribute *a;
	struct berval parent;

	BER_BVZERO( ndn );
	switch ( op->o_tag ) {
	case LDAP_REQ_ADD:
		*ndn = op->ora_e->e_nname;
		a = attr_find( op->ora_e->e_attrs, slap_schema.si_ad_entryCSN );
		return a && a->a_numvals ? &a->a_vals[0] : NULL;
	case LDAP_REQ_MODIFY:
		*ndn = op->o_req_ndn;
		ml = op->orm_modlist;
		break;
	case LDAP_REQ_MODRDN:
		/* The new DN, from the op's memory: the caller frees it. */
		if ( op->orr_nnewSup )
			parent = *op->orr_nnewSup;
		else
			dnParent( &op->o_req_ndn, &parent );
		build_new_dn( ndn, &parent, &op->orr_nnewrdn, op->o_tmpmemctx );
		ml = op->orr_modlist;
		break;
	default:
		return NULL;
	}
	for ( ; ml; ml = ml->sml_next )
		if ( ml->sml_desc == slap_schema.si_ad_entryCSN &&
			ml->sml_numvals )
			return &ml->sml_values[0];
	return NULL;
}

/* Record the change as stored: the judged change, or, for a replicated
 * write, the change read from the op, which now holds what the backend
 * committed. */
static void
tenancy_write_apply( Operation *op, tenancy_write *tw )
{
	tenancy_info *ti = tw->tw_on->on_bi.bi_private;
	struct tn_pending *pending = tw->tw_pending;
	struct tn_change change;
	struct tn_entry entry;
	struct berval *csn, ndn;
	int rc = -1, viewed = 0;

	tw->tw_committed = 1;
	tw->tw_pending = NULL;
	/* A replicated write is read from the op before the lock, which
	 * readers wait on. */
	if ( !pending && !tenancy_change_view(
				 op, ti->ti_login_ad, &change, &entry, NULL ) )
		viewed = 1;
	if ( ( csn = tenancy_write_csn( op, &ndn ) ) && BER_BVISEMPTY( &ndn ) )
		csn = NULL;
	ldap_pvt_thread_rdwr_wlock( &ti->ti_model_lock );
	if ( pending ) {
		rc = tn_commit_csn( ti->ti_model, pending, ndn.bv_val,
			csn ? csn->bv_val : NULL, csn ? csn->bv_len : 0 );
	} else if ( viewed ) {
		rc = tn_record( ti->ti_model, &change );
		if ( csn && rc == 0 )
			rc = tn_note_csn( ti->ti_model, ndn.bv_val, csn->bv_val,
				csn->bv_len );
	}
	/* else no memory to read the change */
	ti->ti_generation++;
	ldap_pvt_thread_rdwr_wunlock( &ti->ti_model_lock );
	/* Freed once the readers are let in again. */
	tn_discard( pending );
	if ( op->o_tag == LDAP_REQ_MODRDN && !BER_BVISNULL( &ndn ) )
		op->o_tmpfree( ndn.bv_val, op->o_tmpmemctx );
	if ( viewed )
		tenancy_change_view_free( op, &change, NULL );
	if ( rc ) {
		Debug( LDAP_DEBUG_ANY,
			"%s tenancy: out of memory recording "
			"the change of \"%s\"; the model is stale until "
			"restart\n",
			op->o_log_prefix, op->o_req_dn.bv_val );
	}
}

/*
 * Nested writes.  The write mutex is not recursive: the thread that holds
 * it remembers, under a thread key of the instance (the mutex's address),
 * the write in progress; a write arriving in that thread is nested in it
 * and does not lock again.  The assumption: slapd's overlays write nested
 * only from their response callbacks, once the backend has answered the
 * outer write.  Stacked below this overlay, they do so before our own
 * response callback has recorded the outer write: slapo-autogroup makes
 * an added entry a member of its groups, slapo-memberof writes memberOf
 * (with memberof-refint, member values too) when an entry is renamed,
 * both through the whole stack (memberof's other writes go to the backend
 * directly).  So before a nested write is judged, each write it is nested
 * in that the backend has answered with success is recorded first, as its
 * response callback would have done, and marked committed; one not
 * answered yet is not stored either, and the nested write is judged
 * without it.  slapo-refint writes later, from a task of its own in
 * another thread: its writes take the mutex as any other.
 */

/* May a write of this instance run nested in another?  Only in slapd's
 * pool, and only with an overlay below this one: nothing else runs in the
 * thread between the judgement and the response callback (the backend
 * writes nothing of its own, and the overlays above answer after it). */
static int
tenancy_write_nests( Operation *op, slap_overinst *on )
{
	return op->o_threadctx != NULL && on->on_next != NULL;
}

/* The write in progress in this thread, for this instance, or NULL. */
static tenancy_write *
tenancy_write_current( Operation *op, slap_overinst *on )
{
	tenancy_info *ti = on->on_bi.bi_private;
	void *data = NULL;

	if ( !tenancy_write_nests( op, on ) ||
		ldap_pvt_thread_pool_getkey(
			op->o_threadctx, &ti->ti_write_mutex, &data, NULL ) )
		return NULL;
	return data;
}

/* Has the backend answered this write with success?  The answer is
 * stamped with its tag when slapd sends it, before the callbacks run. */
static int
tenancy_write_answered( tenancy_write *tw )
{
	SlapReply *rs = tw->tw_rs;

	return rs && rs->sr_type == REP_RESULT &&
	       rs->sr_tag == slap_req2res( tw->tw_op->o_tag ) &&
	       rs->sr_err == LDAP_SUCCESS;
}

/* Record, outermost first, `tw` and the writes it is nested in that the
 * backend has answered but the model does not hold yet. */
static void
tenancy_write_settle( tenancy_write *tw )
{
	if ( tw == NULL )
		return;
	tenancy_write_settle( tw->tw_outer );
	if ( !tw->tw_committed && tenancy_write_answered( tw ) )
		tenancy_write_apply( tw->tw_op, tw );
}

/* Before the judgement: the outermost write takes the mutex (1 is
 * returned); a nested write finds the writes it is nested in recorded
 * (0, *outer is the innermost of them). */
static int
tenancy_write_enter( Operation *op, slap_overinst *on, tenancy_write **outer )
{
	tenancy_info *ti = on->on_bi.bi_private;

	*outer = tenancy_write_current( op, on );
	if ( *outer ) {
		tenancy_write_settle( *outer );
		return 0;
	}
	ldap_pvt_thread_mutex_lock( &ti->ti_write_mutex );
	return 1;
}

/* An accepted write becomes the thread's write in progress; -1 when the
 * thread has no room left for the key.  Where no write can nest in it
 * (tenancy_write_nests()), none is kept. */
static int
tenancy_write_hold(
	Operation *op, SlapReply *rs, tenancy_write *tw, tenancy_write *outer )
{
	tenancy_info *ti = tw->tw_on->on_bi.bi_private;

	tw->tw_op = op;
	tw->tw_rs = rs;
	tw->tw_outer = outer;
	if ( !tenancy_write_nests( op, tw->tw_on ) )
		return 0;
	if ( ldap_pvt_thread_pool_setkey( op->o_threadctx, &ti->ti_write_mutex,
		     tw, NULL, NULL, NULL ) )
		return -1;
	tw->tw_held = 1;
	return 0;
}

/* The next write may be judged once this one is in the model (or has
 * failed): the mutex is not held while the result travels to the client.
 * A nested write gives the thread back to the write it is nested in; the
 * outermost clears the key and releases the mutex. */
static void
tenancy_write_release( tenancy_write *tw )
{
	tenancy_info *ti = tw->tw_on->on_bi.bi_private;

	if ( tw->tw_held ) {
		tw->tw_held = 0;
		if ( tenancy_write_current( tw->tw_op, tw->tw_on ) == tw )
			(void)ldap_pvt_thread_pool_setkey(
				tw->tw_op->o_threadctx, &ti->ti_write_mutex,
				tw->tw_outer, NULL, NULL, NULL );
	}
	if ( tw->tw_locked ) {
		tw->tw_locked = 0;
		ldap_pvt_thread_mutex_unlock( &ti->ti_write_mutex );
	}
}

/* Before the result goes out, so that the client's next search already
 * sees its write. */
static int
tenancy_write_response( Operation *op, SlapReply *rs )
{
	tenancy_write *tw = op->o_callback->sc_private;

	if ( rs->sr_type != REP_RESULT )
		return SLAP_CB_CONTINUE;
	if ( rs->sr_err == LDAP_SUCCESS && !tw->tw_committed )
		tenancy_write_apply( op, tw );
	tenancy_write_release( tw );
	return SLAP_CB_CONTINUE;
}

static int
tenancy_write_cleanup( Operation *op, SlapReply *rs )
{
	slap_callback *sc = op->o_callback;
	tenancy_write *tw = sc->sc_private;

	/* A callback below ours may have stopped the responses: cleanups
	 * all run, so a success is recorded here if it was not yet. */
	if ( rs->sr_type == REP_RESULT && rs->sr_err == LDAP_SUCCESS &&
		!tw->tw_committed )
		tenancy_write_apply( op, tw );
	tenancy_spool_finish( tw->tw_events, tw->tw_committed );
	tn_discard( tw->tw_pending );
	tenancy_write_release( tw );
	op->o_callback = sc->sc_next;
	op->o_tmpfree( sc, op->o_tmpmemctx );
	return 0;
}

/* An accepted write that cannot be held is answered here, unwritten: its
 * callback (the first of op's) is cleaned up as for a failed write, which
 * releases the mutex. */
static int
tenancy_write_unheld( Operation *op, SlapReply *rs, tenancy_write *tw )
{
	slap_overinst *on = tw->tw_on;

	rs->sr_err = LDAP_OTHER;
	(void)tenancy_write_cleanup( op, rs );
	op->o_bd->bd_info = (BackendInfo *)on->on_info;
	send_ldap_error( op, rs, LDAP_OTHER,
		"tenancy: no room to hold the write in progress" );
	return rs->sr_err;
}

static tenancy_write *
tenancy_write_callback( Operation *op, slap_overinst *on, int locked )
{
	slap_callback *sc;
	tenancy_write *tw;

	sc = op->o_tmpcalloc(
		1, sizeof( *sc ) + sizeof( *tw ), op->o_tmpmemctx );
	tw = (tenancy_write *)( sc + 1 );
	tw->tw_on = on;
	tw->tw_locked = locked;
	sc->sc_response = tenancy_write_response;
	sc->sc_cleanup = tenancy_write_cleanup;
	sc->sc_private = tw;
	sc->sc_next = op->o_callback;
	op->o_callback = sc;
	return tw;
}

/* DESIGN §5.8: the new entry is stored with the status the engine set. */
static void
tenancy_set_status( Operation *op, tenancy_info *ti, const char *status )
{
	struct berval bv;

	ber_str2bv( status, 0, 0, &bv );
	attr_delete( &op->ora_e->e_attrs, ti->ti_ad_status );
	attr_merge_normalize_one(
		op->ora_e, ti->ti_ad_status, &bv, op->o_tmpmemctx );
}

static const char *
tenancy_op_name( const Operation *op )
{
	switch ( op->o_tag ) {
	case LDAP_REQ_ADD:
		return "ADD";
	case LDAP_REQ_MODIFY:
		return "MOD";
	case LDAP_REQ_DELETE:
		return "DEL";
	case LDAP_REQ_MODRDN:
		return "MODRDN";
	default:
		return "WRITE";
	}
}

/* The audit trail: who was refused what, by which rule; with "loglevel
 * acl", where slapd tells why it grants or denies access, the entries
 * that decided it too, one line each (the engine's evidence chain). */
static void
tenancy_log_refusal( const Operation *op, const char *rule, int code,
	const char *text, const char *explain )
{
	Debug( LDAP_DEBUG_STATS,
		"%s TENANCY REFUSED %s dn=\"%s\" actor=\"%s\" rule=%s err=%d "
		"text=\"%s\"\n",
		op->o_log_prefix, tenancy_op_name( op ),
		op->o_req_dn.bv_val ? op->o_req_dn.bv_val : "",
		BER_BVISEMPTY( &op->o_ndn ) ? "anonymous" : op->o_ndn.bv_val,
		rule ? rule : "tenancy", code, text ? text : "" );
	while ( explain && *explain ) {
		const char *nl = strchr( explain, '\n' );
		int len = nl ? (int)( nl - explain ) : (int)strlen( explain );

		Debug( LDAP_DEBUG_ACL, "%s TENANCY EVIDENCE %.*s\n",
			op->o_log_prefix, len, explain );
		explain = nl ? nl + 1 : NULL;
	}
}

static int
tenancy_refuse( Operation *op, SlapReply *rs, slap_overinst *on,
	struct tn_verdict *verdict )
{
	struct berval text = BER_BVNULL;

	tenancy_log_refusal( op, verdict->rule, (int)verdict->code,
		verdict->text, verdict->explain );
	/* No text (a hidden target): the answer of an entry that is not there.
	 */
	if ( verdict->code == TN_NO_SUCH_OBJECT && verdict->text == NULL )
		return tenancy_missing( op, rs );
	/* The text outlives the verdict, in the operation's memory: an
	 * operation that makes this write inside itself (Password Modify,
	 * RFC 3062) does not send the write's answer but its own, after,
	 * with the code and the text left in rs. */
	if ( verdict->text )
		ber_str2bv_x( verdict->text, 0, 1, &text, op->o_tmpmemctx );
	op->o_bd->bd_info = (BackendInfo *)on->on_info;
	send_ldap_error( op, rs, (int)verdict->code, text.bv_val );
	return rs->sr_err;
}

/* The refusal of a write inside a transaction, "rule: entry: why" as the
 * engine's are, in the operation's memory. */
static const char *
tenancy_txn_text( Operation *op )
{
	static const char why[] =
		"writes inside an LDAP transaction are not supported";
	const char *dn = op->o_req_dn.bv_val ? op->o_req_dn.bv_val : "";
	size_t size = sizeof( "transaction: : " ) + op->o_req_dn.bv_len +
		      sizeof( why );
	char *text = op->o_tmpalloc( size, op->o_tmpmemctx );

	snprintf( text, size, "transaction: %s: %s", dn, why );
	return text;
}

/*
 * Inside an LDAP transaction (RFC 5805) each write reports success before
 * the transaction commits or aborts: the model would record changes that
 * an abort then undoes.  Such a write is refused here, from the
 * restriction checks slapd runs before it queues the write for the TXN
 * END, and never at the TXN END itself: once queued, the write is
 * answered by the thread that queued it while the TXN END, which the
 * client may send as soon as it has that answer, runs the write in
 * another thread and frees it when done; the first thread then writes
 * its answer and logs from an operation already freed.  Refused here,
 * the write is answered and freed as any other and nothing is queued.
 * Internal writes carry no control and are not concerned.
 */
int
tenancy_chk_controls( Operation *op, SlapReply *rs )
{
	if ( !op->o_txnSpec )
		return SLAP_CB_CONTINUE;
	switch ( op->o_tag ) {
	case LDAP_REQ_ADD:
	case LDAP_REQ_MODIFY:
	case LDAP_REQ_DELETE:
	case LDAP_REQ_MODRDN:
		break;
	default:
		return SLAP_CB_CONTINUE;
	}
	/* The caller sends the answer. */
	rs->sr_err = LDAP_UNWILLING_TO_PERFORM;
	rs->sr_text = tenancy_txn_text( op );
	tenancy_log_refusal( op, "transaction", LDAP_UNWILLING_TO_PERFORM,
		rs->sr_text, NULL );
	return rs->sr_err;
}

static int
tenancy_judge_write( Operation *op, SlapReply *rs )
{
	slap_overinst *on = (slap_overinst *)op->o_bd->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;
	struct tn_change change;
	struct tn_entry entry;
	struct tn_verdict verdict;
	struct tn_actor actor;
	struct tn_pending *pending = NULL;
	tenancy_view_room room;
	tenancy_write *tw, *outer;
	int rc, isolated, locked;

	if ( tenancy_is_internal( op ) )
		return SLAP_CB_CONTINUE;

	/* A write inside a transaction is refused before it is queued
	 * (tenancy_chk_controls); should one come here all the same, at the
	 * TXN END, it is refused again rather than judged. */
	if ( op->o_txnSpec ) {
		const char *text = tenancy_txn_text( op );

		tenancy_log_refusal( op, "transaction",
			LDAP_UNWILLING_TO_PERFORM, text, NULL );
		op->o_bd->bd_info = (BackendInfo *)on->on_info;
		send_ldap_error( op, rs, LDAP_UNWILLING_TO_PERFORM, text );
		return rs->sr_err;
	}

	/* A replicated write happened on the provider: record it, no more. */
	if ( be_shadow_update( op ) ) {
		tenancy_write_callback( op, on, 0 );
		return SLAP_CB_CONTINUE;
	}

	/* What does not need the mutex is done before it: writes wait on
	 * each other only for the judgement itself. */
	tn_verdict_init( &verdict );
	/* Asked only when it would be logged: no chain is made otherwise. */
	verdict.want_explain = LogTest( LDAP_DEBUG_ACL ) != 0;
	tenancy_actor( op, &actor );
	isolated = tenancy_isolated( op, ti );
	/* Hidden or missing: answered as the backend would, unjudged. */
	if ( isolated && ( rc = tenancy_write_hidden( op, rs ) ) != 0 )
		return rc;
	if ( tenancy_change_view(
		     op, ti->ti_login_ad, &change, &entry, &room ) ) {
		op->o_bd->bd_info = (BackendInfo *)on->on_info;
		send_ldap_error( op, rs, LDAP_OTHER, "tenancy: out of memory" );
		return rs->sr_err;
	}

	locked = tenancy_write_enter( op, on, &outer );
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	(void)tn_judge( ti->ti_model, &actor, &change, &verdict, &pending );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );

	if ( verdict.code != TN_OK ) {
		tenancy_change_view_free( op, &change, &room );
		if ( locked )
			ldap_pvt_thread_mutex_unlock( &ti->ti_write_mutex );
		rc = tenancy_refuse( op, rs, on, &verdict );
		tn_verdict_clear( &verdict );
		return rc;
	}

	tw = tenancy_write_callback( op, on, locked );
	tw->tw_pending = pending;
	if ( tenancy_write_hold( op, rs, tw, outer ) ) {
		tenancy_change_view_free( op, &change, &room );
		tn_verdict_clear( &verdict );
		return tenancy_write_unheld( op, rs, tw );
	}
	/* Before set_status: the view borrows the entry's attributes. */
	if ( ti->ti_spool )
		tw->tw_events = tenancy_spool_prepare( ti, op, &change );
	tenancy_change_view_free( op, &change, &room );

	if ( change.kind == TN_ADD && verdict.set_status )
		tenancy_set_status( op, ti, verdict.set_status );
	tn_verdict_clear( &verdict );
	return SLAP_CB_CONTINUE;
}

int
tenancy_op_add( Operation *op, SlapReply *rs )
{
	return tenancy_judge_write( op, rs );
}

int
tenancy_op_modify( Operation *op, SlapReply *rs )
{
	return tenancy_judge_write( op, rs );
}

int
tenancy_op_delete( Operation *op, SlapReply *rs )
{
	return tenancy_judge_write( op, rs );
}

int
tenancy_op_modrdn( Operation *op, SlapReply *rs )
{
	return tenancy_judge_write( op, rs );
}
