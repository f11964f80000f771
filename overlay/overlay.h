/*
 * overlay.h - what the parts of the tenancy overlay share.
 *
 * The overlay (tenancy.la) is a thin adapter between slapd and the policy
 * engine (tenancy.h): it turns each LDAP operation into a question for the
 * engine, answers with the engine's LDAP result, keeps the engine's model
 * current, and adds the computed attributes to search results.
 *
 *   tenancy.c   configuration, lifetime of the per-database state, init_module
 *   load.c      filling the model from the database when it opens
 *   convert.c   slapd Entry and Operation -> engine entries and changes
 *   writes.c    add, modify, delete, modrdn
 *   reads.c     search and compare: isolation, computed attributes
 *   route.c     the tenancyAddress filter rewrite
 *   spool.c     share notifications for tenancy notify
 *
 * Concurrency.  The engine is single-threaded; this overlay serialises it.
 * `model_lock` is a readers-writer lock: questions and judgements take it
 * shared (a search once for its request and once per entry it returns),
 * tn_commit_csn and tn_record take it exclusive.  Engine handles (tn_route_h)
 * kept from one to the other hold while `ti_generation` is unchanged.
 * `write_mutex` is held by a write from the moment it is judged until the
 * model holds it (or it failed), so that two racing writes
 * cannot both be judged against the same model.  It is not recursive: a
 * write that another overlay (memberof) makes from inside one, in the
 * thread that holds it, is nested and judged against a model that holds
 * the outer write (writes.c).
 */
#ifndef TENANCY_OVERLAY_H
#define TENANCY_OVERLAY_H

#include "tenancy.h"

/* The computed attributes, in the order of tenancy_computed_names[]: the
 * engine's (enum tn_computed), one for one. */
enum tenancy_computed {
	TENANCY_ADDRESS = TN_C_ADDRESS,
	TENANCY_SENDER = TN_C_SENDER,
	TENANCY_DELIVER_TO = TN_C_DELIVER_TO,
	TENANCY_IMAP_GROUP = TN_C_IMAP_GROUP,
	TENANCY_EFFECTIVE_ROLE = TN_C_EFFECTIVE_ROLE,
	TENANCY_CONFLICT = TN_C_CONFLICT,
	TENANCY_IDENTITY = TN_C_IDENTITY,
	TENANCY_NCOMPUTED = TN_NCOMPUTED
};

extern const char *const tenancy_computed_names[TENANCY_NCOMPUTED];

/* Their descriptions, registered by init_module(): slapd takes operational
 * attribute types from code only, not from schema files. */
extern AttributeDescription *tenancy_ad_computed[TENANCY_NCOMPUTED];

typedef struct tenancy_info {
	struct tn_model *ti_model;
	ldap_pvt_thread_rdwr_t ti_model_lock;
	unsigned long ti_generation;        /* bumped, under the write lock, by
	                                 * every change of model or config */
	unsigned long ti_config_generation; /* by every change of config and
	                                 * reload only: who sees everything
	                                 * (tenancy_sees_all) depends on no
	                                 * more */
	ldap_pvt_thread_mutex_t ti_write_mutex;

	/* configuration (DESIGN §8), kept to EMIT it back */
	struct berval ti_domains, ti_ndomains;
	struct berval ti_roles, ti_nroles;
	BerVarray ti_operators, ti_noperators;
	BerVarray ti_readers, ti_nreaders;
	char *ti_login_attr;
	/* Its description, unless it is mail (which the engine reads as
	 * addresses): its values go to the engine as slapd normalises them
	 * (convert.c). */
	AttributeDescription *ti_login_ad;
	char *ti_spool;
	int ti_spool_ready; /* its tmp/ and new/ exist */

	int ti_open; /* between db_open and db_close */

	/* looked up in db_open, once the schema is known */
	AttributeDescription *ti_ad_status;
} tenancy_info;

/* The overlay itself: its address is also the OpExtra recursion key. */
extern slap_overinst tenancy_overlay;

/* Is this op one of our own internal operations? */
int tenancy_is_internal( Operation *op );

/* The actor of an operation, as the engine sees it. */
void tenancy_actor( Operation *op, struct tn_actor *actor );

/* convert.c.  Views borrow the values of the slapd structures; the arrays
 * of an entry's come from memctx and are released with
 * tenancy_view_free(); those of a change's come from `room` (the caller's
 * stack) when they fit there, else from the op's memory (also with room
 * NULL), and are released with tenancy_change_view_free(), given the same
 * room. */
typedef struct tenancy_view_room {
	union {
		struct tn_attr attr;
		struct tn_value value;
		struct tn_mod mod;
	} tvr_slots[48];
} tenancy_view_room;
int tenancy_entry_view( const Entry *e, const AttributeDescription *login,
	struct tn_entry *view, void *memctx );
int tenancy_change_view( Operation *op, const AttributeDescription *login,
	struct tn_change *change, struct tn_entry *entry,
	tenancy_view_room *room );
void tenancy_view_free( void *ptr, void *memctx );
void tenancy_change_view_free(
	Operation *op, struct tn_change *change, tenancy_view_room *room );

/* spool.c: share notifications written before the backend commits and
 * kept or removed after (see spool.c). */
char **tenancy_spool_prepare(
	tenancy_info *ti, Operation *op, const struct tn_change *change );
void tenancy_spool_finish( char **paths, int committed );

/* load.c: reload the model from the database `be`; 0 or -1 with cr set. */
int tenancy_model_load( BackendDB *be, slap_overinst *on, ConfigReply *cr );

/* writes.c */
int tenancy_op_add( Operation *op, SlapReply *rs );
int tenancy_op_modify( Operation *op, SlapReply *rs );
int tenancy_op_delete( Operation *op, SlapReply *rs );
int tenancy_op_modrdn( Operation *op, SlapReply *rs );
/* bi_chk_controls: refuses a write inside an LDAP transaction before
 * slapd queues it for the TXN END. */
int tenancy_chk_controls( Operation *op, SlapReply *rs );

/* route.c: the tenancyAddress filter rewrite (see route.c).
 * tenancy_filter_route() is called with the model's read lock held. */
int tenancy_filter_has_address( Filter *f );
Filter *tenancy_filter_route( Operation *op, tenancy_info *ti, Filter *f,
	Filter **unaddressed, tn_handle *routed );
void tenancy_unaddressed_free( Operation *op, Filter *unaddressed );
int tenancy_entry_addressable( Entry *e );
/* The normalized DN of the routed entry `h` when the search's scope holds
 * it and it is of a simple shape (see route.c); model lock held. */
int tenancy_route_base(
	Operation *op, tenancy_info *ti, tn_handle h, struct berval *ndn );
void tenancy_route_init( void );

/* reads.c */
int tenancy_op_search( Operation *op, SlapReply *rs );
int tenancy_op_compare( Operation *op, SlapReply *rs );
/* bi_access_allowed: reads of a hidden entry are denied, on every path. */
int tenancy_access_allowed( Operation *op, Entry *e, AttributeDescription *desc,
	struct berval *val, slap_access_t access, AccessControlState *state,
	slap_mask_t *maskp );
/* The same on the frontend's access check, for every open instance: add
 * (`open`) or remove `ti`; -1 when too many instances are open. */
int tenancy_fe_hook( tenancy_info *ti, int open );
/* Hidden is missing (DESIGN §5a.7).  tenancy_isolated(): does the actor
 * not see everything (call without the model lock)?  Then, before its
 * write is judged, tenancy_write_hidden() answers as for a missing entry
 * when it may not see the target (an add's parent, and a rename's new
 * superior) or that is not there; 0 to go on.  tenancy_missing() sends
 * that answer for the request DN. */
int tenancy_isolated( Operation *op, tenancy_info *ti );
int tenancy_write_hidden( Operation *op, SlapReply *rs );
int tenancy_missing( Operation *op, SlapReply *rs );

#endif /* TENANCY_OVERLAY_H */
