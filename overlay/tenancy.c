/*
 * tenancy.c - the tenancy slapd overlay: configuration and lifetime.
 *
 * Interface: `moduleload tenancy.la`, `overlay tenancy`, then the directives
 * of DESIGN §8 (slapd.conf), or an olcTenancyConfig entry under a database in
 * cn=config.  init_module() registers the overlay and its config schema.
 *
 * The per-database state (struct tenancy_info) is allocated in db_init and
 * freed in db_destroy; db_open loads the engine's model from the database
 * (not in tool mode: slapadd bypasses overlays, `tenancy lint` checks bulk
 * loads instead).  db_close frees nothing, because cn=config may reopen.
 *
 * Diagnostics: configuration errors go to the ConfigReply (c->cr_msg), and
 * to the log at LDAP_DEBUG_CONFIG.  Running out of memory while loading the
 * model fails db_open.
 */
#include "portable.h"

#include <stdio.h>

#include <ac/string.h>

#include "slap.h"
#include "slap-config.h"

#include "overlay.h"
#include "tenancy-operational.h"

slap_overinst tenancy_overlay;

const char *const tenancy_computed_names[TENANCY_NCOMPUTED] = {
	TN_AT_ADDRESS,
	TN_AT_SENDER,
	TN_AT_DELIVER_TO,
	TN_AT_IMAP_GROUP,
	TN_AT_EFFECTIVE_ROLE,
	TN_AT_CONFLICT,
	TN_AT_IDENTITY,
};

AttributeDescription *tenancy_ad_computed[TENANCY_NCOMPUTED];

/* Instances created so far (db_init runs single-threaded). */
static unsigned long tenancy_instances;

/* The directives are the engine's (tn_directive); the overlay numbers its
 * ConfigTable entries after them, from 1. */
enum {
	TENANCY_DOMAINS = TN_DIRECTIVE_DOMAINS + 1,
	TENANCY_ROLES = TN_DIRECTIVE_ROLES + 1,
	TENANCY_OPERATOR = TN_DIRECTIVE_OPERATOR + 1,
	TENANCY_READER = TN_DIRECTIVE_READER + 1,
	TENANCY_LOGIN_ATTR = TN_DIRECTIVE_LOGIN_ATTR + 1,
	TENANCY_SPOOL = TN_DIRECTIVE_SPOOL + 1
};

static ConfigDriver tenancy_cf_gen;

/*
 * OIDs: the project's arc, .4 for the overlay's cn=config schema
 * (.4.1 attribute types, .4.2 object classes).
 */
#define TENANCY_CFG_OID "2.25.39319689170197072690486984844856977603.4"

/* How slapd reads, compares and stores each directive's value: the
 * translation of the engine's table into slapd's. */
static const struct {
	int arg_type;
	const char *syntax;
} tenancy_cf_syntax[TN_DIRECTIVES] = {
	[TN_DIRECTIVE_DOMAINS] = { ARG_DN | ARG_QUOTE,
		"EQUALITY distinguishedNameMatch SYNTAX OMsDN" },
	[TN_DIRECTIVE_ROLES] = { ARG_DN | ARG_QUOTE,
		"EQUALITY distinguishedNameMatch SYNTAX OMsDN" },
	[TN_DIRECTIVE_OPERATOR] = { ARG_DN | ARG_QUOTE,
		"EQUALITY distinguishedNameMatch SYNTAX OMsDN" },
	[TN_DIRECTIVE_READER] = { ARG_DN | ARG_QUOTE,
		"EQUALITY distinguishedNameMatch SYNTAX OMsDN" },
	[TN_DIRECTIVE_LOGIN_ATTR] = { ARG_STRING,
		"EQUALITY caseIgnoreMatch SYNTAX OMsDirectoryString" },
	[TN_DIRECTIVE_SPOOL] = { ARG_STRING,
		"EQUALITY caseExactMatch SYNTAX OMsDirectoryString" },
};

/* Filled from the engine's table by tenancy_cf_build(), before slapd
 * registers them; they live as long as the module. */
static ConfigTable tenancy_cfg[TN_DIRECTIVES + 1];
static char tenancy_cfg_at[TN_DIRECTIVES][256];
static char tenancy_cfg_oc[512];

static ConfigOCs tenancy_ocs[] = { { .co_def = tenancy_cfg_oc,
					   .co_type = Cft_Overlay,
					   .co_table = tenancy_cfg },
	{ .co_def = NULL } };

/* -1 when a definition did not fit (a longer description in the
 * engine's table needs larger buffers here). */
static int
tenancy_cf_build( void )
{
	size_t i;
	int len;

	len = snprintf( tenancy_cfg_oc, sizeof( tenancy_cfg_oc ),
		"( " TENANCY_CFG_OID ".2.1 NAME 'olcTenancyConfig' "
		"DESC 'tenancy overlay configuration' "
		"SUP olcOverlayConfig MAY ( " );
	for ( i = 0; i < TN_DIRECTIVES; i++ ) {
		const struct tn_directive *d = tn_directive( i );
		ConfigTable *ct = &tenancy_cfg[i];
		size_t n;

		ct->name = (char *)d->name;
		ct->what = (char *)d->what;
		ct->min_args = ct->max_args = 2;
		ct->arg_type = tenancy_cf_syntax[i].arg_type | ARG_MAGIC |
			       ( d->id + 1 );
		ct->arg_item = tenancy_cf_gen;
		n = snprintf( tenancy_cfg_at[i], sizeof( tenancy_cfg_at[i] ),
			"( " TENANCY_CFG_OID ".1.%d NAME '%s' DESC '%s' %s%s )",
			d->id + 1, d->attr, d->doc, tenancy_cf_syntax[i].syntax,
			d->repeatable ? "" : " SINGLE-VALUE" );
		if ( n >= sizeof( tenancy_cfg_at[i] ) )
			return -1;
		ct->attribute = tenancy_cfg_at[i];
		if ( len >= 0 && (size_t)len < sizeof( tenancy_cfg_oc ) )
			len += snprintf( tenancy_cfg_oc + len,
				sizeof( tenancy_cfg_oc ) - len, "%s%s",
				i ? " $ " : "", d->attr );
	}
	if ( len >= 0 && (size_t)len < sizeof( tenancy_cfg_oc ) )
		len += snprintf( tenancy_cfg_oc + len,
			sizeof( tenancy_cfg_oc ) - len, " ) )" );
	if ( len < 0 || (size_t)len >= sizeof( tenancy_cfg_oc ) )
		return -1;
	tenancy_cfg[TN_DIRECTIVES].name = NULL;
	tenancy_cfg[TN_DIRECTIVES].arg_type = ARG_IGNORED;
	return 0;
}

int
tenancy_is_internal( Operation *op )
{
	OpExtra *oex;

	LDAP_SLIST_FOREACH( oex, &op->o_extra, oe_next )
	{
		if ( oex->oe_key == (void *)&tenancy_overlay )
			return 1;
	}
	return 0;
}

void
tenancy_actor( Operation *op, struct tn_actor *actor )
{
	actor->dn = op->o_ndn.bv_val ? op->o_ndn.bv_val : "";
	actor->is_root = be_isroot( op );
}

/*
 * Only accounts bind (DESIGN §5a.6 and §6): inside a tenant, an entry that
 * is no enabled tenancyMailbox of an enabled domain is refused whatever
 * credential it holds (one loaded by slapadd, say), as a wrong password
 * is: invalidCredentials and no text, the reason in the log.  SASL binds
 * are left to slapd: the identity they map to is judged as an actor.
 */
static int
tenancy_op_bind( Operation *op, SlapReply *rs )
{
	slap_overinst *on = (slap_overinst *)op->o_bd->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;
	struct tn_answer answer;
	int may;

	if ( op->orb_method != LDAP_AUTH_SIMPLE ||
		be_isroot_dn( op->o_bd, &op->o_req_ndn ) ||
		BER_BVISEMPTY( &op->o_req_ndn ) )
		return SLAP_CB_CONTINUE;
	tn_answer_init( &answer );
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	may = tn_may_bind( ti->ti_model, op->o_req_ndn.bv_val, &answer );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	if ( may ) {
		tn_answer_clear( &answer );
		return SLAP_CB_CONTINUE;
	}
	Debug( LDAP_DEBUG_STATS, "%s tenancy: bind refused: %s\n",
		op->o_log_prefix,
		answer.text ? answer.text : op->o_req_dn.bv_val );
	tn_answer_clear( &answer );
	op->o_bd->bd_info = (BackendInfo *)on->on_info;
	send_ldap_error( op, rs, LDAP_INVALID_CREDENTIALS, NULL );
	return rs->sr_err;
}

/* Give the engine the operator and reader lists again, after a change. */
static int
tenancy_push_principals( tenancy_info *ti )
{
	int i, rc = 0;

	tn_config_clear_principals( ti->ti_model );
	for ( i = 0;
		ti->ti_noperators && !BER_BVISNULL( &ti->ti_noperators[i] );
		i++ )
		rc |= tn_config_add_operator(
			ti->ti_model, ti->ti_noperators[i].bv_val );
	for ( i = 0; ti->ti_nreaders && !BER_BVISNULL( &ti->ti_nreaders[i] );
		i++ )
		rc |= tn_config_add_reader(
			ti->ti_model, ti->ti_nreaders[i].bv_val );
	return rc ? -1 : 0;
}

static void
tenancy_dn_emit( ConfigArgs *c, struct berval *dn, struct berval *ndn )
{
	if ( !BER_BVISNULL( dn ) ) {
		value_add_one( &c->rvalue_vals, dn );
		value_add_one( &c->rvalue_nvals, ndn );
	}
}

static void
tenancy_dn_clear( struct berval *dn, struct berval *ndn )
{
	ch_free( dn->bv_val );
	ch_free( ndn->bv_val );
	BER_BVZERO( dn );
	BER_BVZERO( ndn );
}

/* Remove value `valx` (all when negative) from a DN list. */
static void
tenancy_dn_list_delete( BerVarray *vals, BerVarray *nvals, int valx )
{
	int i;

	if ( valx < 0 || *vals == NULL ) {
		ber_bvarray_free( *vals );
		ber_bvarray_free( *nvals );
		*vals = *nvals = NULL;
		return;
	}
	for ( i = 0; i < valx && !BER_BVISNULL( &( *vals )[i] ); i++ )
		;
	if ( BER_BVISNULL( &( *vals )[i] ) )
		return;
	ch_free( ( *vals )[i].bv_val );
	ch_free( ( *nvals )[i].bv_val );
	for ( ; !BER_BVISNULL( &( *vals )[i] ); i++ ) {
		( *vals )[i] = ( *vals )[i + 1];
		( *nvals )[i] = ( *nvals )[i + 1];
	}
	if ( BER_BVISNULL( &( *vals )[0] ) ) {
		ch_free( *vals );
		ch_free( *nvals );
		*vals = *nvals = NULL;
	}
}

static int
tenancy_cf_emit( ConfigArgs *c, tenancy_info *ti )
{
	switch ( c->type ) {
	case TENANCY_DOMAINS:
		tenancy_dn_emit( c, &ti->ti_domains, &ti->ti_ndomains );
		break;
	case TENANCY_ROLES:
		tenancy_dn_emit( c, &ti->ti_roles, &ti->ti_nroles );
		break;
	case TENANCY_OPERATOR:
		if ( ti->ti_operators ) {
			ber_bvarray_dup_x(
				&c->rvalue_vals, ti->ti_operators, NULL );
			ber_bvarray_dup_x(
				&c->rvalue_nvals, ti->ti_noperators, NULL );
		}
		break;
	case TENANCY_READER:
		if ( ti->ti_readers ) {
			ber_bvarray_dup_x(
				&c->rvalue_vals, ti->ti_readers, NULL );
			ber_bvarray_dup_x(
				&c->rvalue_nvals, ti->ti_nreaders, NULL );
		}
		break;
	case TENANCY_LOGIN_ATTR:
		if ( ti->ti_login_attr )
			c->value_string = ch_strdup( ti->ti_login_attr );
		break;
	case TENANCY_SPOOL:
		if ( ti->ti_spool )
			c->value_string = ch_strdup( ti->ti_spool );
		break;
	}
	return 0;
}

static int
tenancy_cf_delete( ConfigArgs *c, tenancy_info *ti )
{
	int rc = 0;

	switch ( c->type ) {
	case TENANCY_DOMAINS:
		tenancy_dn_clear( &ti->ti_domains, &ti->ti_ndomains );
		rc = tn_config_set_domains_base( ti->ti_model, NULL );
		break;
	case TENANCY_ROLES:
		tenancy_dn_clear( &ti->ti_roles, &ti->ti_nroles );
		rc = tn_config_set_roles_base( ti->ti_model, NULL );
		break;
	case TENANCY_OPERATOR:
		tenancy_dn_list_delete(
			&ti->ti_operators, &ti->ti_noperators, c->valx );
		rc = tenancy_push_principals( ti );
		break;
	case TENANCY_READER:
		tenancy_dn_list_delete(
			&ti->ti_readers, &ti->ti_nreaders, c->valx );
		rc = tenancy_push_principals( ti );
		break;
	case TENANCY_LOGIN_ATTR:
		ch_free( ti->ti_login_attr );
		ti->ti_login_attr = NULL;
		ti->ti_login_ad = NULL;
		rc = tn_config_set_login_attr( ti->ti_model, NULL );
		break;
	case TENANCY_SPOOL:
		ch_free( ti->ti_spool );
		ti->ti_spool = NULL;
		ti->ti_spool_ready = 0;
		break;
	}
	return rc;
}

static int
tenancy_cf_add( ConfigArgs *c, tenancy_info *ti )
{
	AttributeDescription *ad = NULL;
	const char *text;
	int rc = 0;

	switch ( c->type ) {
	case TENANCY_DOMAINS:
		tenancy_dn_clear( &ti->ti_domains, &ti->ti_ndomains );
		ti->ti_domains = c->value_dn;
		ti->ti_ndomains = c->value_ndn;
		rc = tn_config_set_domains_base(
			ti->ti_model, ti->ti_ndomains.bv_val );
		break;
	case TENANCY_ROLES:
		tenancy_dn_clear( &ti->ti_roles, &ti->ti_nroles );
		ti->ti_roles = c->value_dn;
		ti->ti_nroles = c->value_ndn;
		rc = tn_config_set_roles_base(
			ti->ti_model, ti->ti_nroles.bv_val );
		break;
	case TENANCY_OPERATOR:
		ber_bvarray_add( &ti->ti_operators, &c->value_dn );
		ber_bvarray_add( &ti->ti_noperators, &c->value_ndn );
		rc = tenancy_push_principals( ti );
		break;
	case TENANCY_READER:
		ber_bvarray_add( &ti->ti_readers, &c->value_dn );
		ber_bvarray_add( &ti->ti_nreaders, &c->value_ndn );
		rc = tenancy_push_principals( ti );
		break;
	case TENANCY_LOGIN_ATTR:
		if ( slap_str2ad( c->value_string, &ad, &text ) !=
			LDAP_SUCCESS ) {
			snprintf( c->cr_msg, sizeof( c->cr_msg ),
				"%s: unknown attribute <%s>: %s", c->argv[0],
				c->value_string, text );
			ch_free( c->value_string );
			c->value_string = NULL;
			return ARG_BAD_CONF;
		}
		ch_free( ti->ti_login_attr );
		ti->ti_login_attr = c->value_string;
		/* The engine reads mail, the default, as addresses. */
		ti->ti_login_ad = strcasecmp( ad->ad_type->sat_cname.bv_val,
					  TN_DEFAULT_LOGIN_ATTR )
					  ? ad
					  : NULL;
		rc = tn_config_set_login_attr(
			ti->ti_model, ti->ti_login_attr );
		break;
	case TENANCY_SPOOL:
		ch_free( ti->ti_spool );
		ti->ti_spool = c->value_string;
		ti->ti_spool_ready = 0;
		break;
	}
	return rc;
}

static int
tenancy_cf_gen( ConfigArgs *c )
{
	slap_overinst *on = (slap_overinst *)c->bi;
	tenancy_info *ti = on->on_bi.bi_private;
	int rc;

	if ( c->op == SLAP_CONFIG_EMIT )
		return tenancy_cf_emit( c, ti );

	/* cn=config changes run with the thread pool paused; lock anyway so
	 * that the engine is never touched without the model lock. */
	ldap_pvt_thread_rdwr_wlock( &ti->ti_model_lock );
	if ( c->op == LDAP_MOD_DELETE )
		rc = tenancy_cf_delete( c, ti );
	else
		rc = tenancy_cf_add( c, ti );
	ti->ti_generation++;
	ti->ti_config_generation++;
	ldap_pvt_thread_rdwr_wunlock( &ti->ti_model_lock );

	if ( rc == -1 ) {
		snprintf( c->cr_msg, sizeof( c->cr_msg ), "%s: out of memory",
			c->argv[0] );
		rc = ARG_BAD_CONF;
	}
	/* Login names are read when entries are stored: a new login
	 * attribute on an open database needs the model read again. */
	if ( rc == 0 && c->type == TENANCY_LOGIN_ATTR && ti->ti_open &&
		tenancy_model_load( c->be, on, &c->reply ) )
		rc = ARG_BAD_CONF; /* c->cr_msg says why */
	if ( rc ) {
		Debug( LDAP_DEBUG_CONFIG, "%s: %s\n", c->log, c->cr_msg );
	}
	return rc;
}

/* DESIGN §5b: every conflict is logged when it arises (a replicated
 * write, or the model loaded at start). */
static void
tenancy_log_conflict( void *ctx, const char *loser, const char *rule,
	const char *key, const char *winner )
{
	(void)ctx;
	Debug( LDAP_DEBUG_ANY,
		"tenancy: conflict: %s: %s: %s is claimed earlier by %s; "
		"this entry answers to nothing for it\n",
		rule, loser, key, winner );
}

static int
tenancy_db_init( BackendDB *be, ConfigReply *cr )
{
	slap_overinst *on = (slap_overinst *)be->bd_info;
	tenancy_info *ti;

	if ( SLAP_ISGLOBALOVERLAY( be ) ) {
		snprintf( cr->msg, sizeof( cr->msg ),
			"tenancy: only per-database, not global" );
		return 1;
	}

	ti = ch_calloc( 1, sizeof( tenancy_info ) );
	ti->ti_model = tn_model_new();
	if ( ti->ti_model == NULL ) {
		ch_free( ti );
		snprintf(
			cr->msg, sizeof( cr->msg ), "tenancy: out of memory" );
		return 1;
	}
	tn_config_set_conflict_hook( ti->ti_model, tenancy_log_conflict, ti );
	ldap_pvt_thread_rdwr_init( &ti->ti_model_lock );
	ldap_pvt_thread_mutex_init( &ti->ti_write_mutex );
	/* Generations of successive instances never meet: what a thread
	 * remembers about an instance at the same address is never reused. */
	tenancy_instances++;
	ti->ti_generation = (unsigned long)tenancy_instances << 24;
	ti->ti_config_generation = ti->ti_generation;
	on->on_bi.bi_private = ti;
	return 0;
}

/* Find tenancyStatus in the schema; 0, or -1 with cr set. */
static int
tenancy_find_schema( tenancy_info *ti, ConfigReply *cr )
{
	const char *text;

	ti->ti_ad_status = NULL;
	if ( slap_str2ad( "tenancyStatus", &ti->ti_ad_status, &text ) ) {
		snprintf( cr->msg, sizeof( cr->msg ),
			"tenancy: the tenancy schema is not loaded "
			"(tenancyStatus: %s)",
			text );
		Debug( LDAP_DEBUG_ANY, "%s\n", cr->msg );
		return -1;
	}
	return 0;
}

static int
tenancy_db_open( BackendDB *be, ConfigReply *cr )
{
	slap_overinst *on = (slap_overinst *)be->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;

	/* slapadd and friends bypass overlays: `tenancy lint` guards them. */
	if ( slapMode & SLAP_TOOL_MODE )
		return 0;

	if ( tenancy_find_schema( ti, cr ) )
		return -1;
	tenancy_route_init();
	if ( tenancy_model_load( be, on, cr ) )
		return -1;
	ti->ti_open = 1;
	/* Read isolation in slapd's access checks (reads.c), set on this
	 * instance only once the model is loaded: while an overlay of the
	 * database has the hook, slapd copies the database structure for
	 * every access check, and the load's own search would pay for it. */
	on->on_bi.bi_access_allowed = tenancy_access_allowed;
	if ( tenancy_fe_hook( ti, 1 ) ) {
		snprintf( cr->msg, sizeof( cr->msg ),
			"tenancy: more than 16 instances are open" );
		return -1;
	}
	return 0;
}

static int
tenancy_db_close( BackendDB *be, ConfigReply *cr )
{
	/* Nothing to free: cn=config may open the database again, and
	 * db_open reloads the model then. */
	slap_overinst *on = (slap_overinst *)be->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;

	(void)cr;
	ti->ti_open = 0;
	on->on_bi.bi_access_allowed = NULL;
	(void)tenancy_fe_hook( ti, 0 );
	return 0;
}

static int
tenancy_db_destroy( BackendDB *be, ConfigReply *cr )
{
	slap_overinst *on = (slap_overinst *)be->bd_info;
	tenancy_info *ti = on->on_bi.bi_private;

	(void)cr;
	if ( ti == NULL )
		return 0;
	(void)tenancy_fe_hook( ti, 0 );
	tn_model_free( ti->ti_model );
	ldap_pvt_thread_rdwr_destroy( &ti->ti_model_lock );
	ldap_pvt_thread_mutex_destroy( &ti->ti_write_mutex );
	tenancy_dn_clear( &ti->ti_domains, &ti->ti_ndomains );
	tenancy_dn_clear( &ti->ti_roles, &ti->ti_nroles );
	ber_bvarray_free( ti->ti_operators );
	ber_bvarray_free( ti->ti_noperators );
	ber_bvarray_free( ti->ti_readers );
	ber_bvarray_free( ti->ti_nreaders );
	ch_free( ti->ti_login_attr );
	ch_free( ti->ti_spool );
	ch_free( ti );
	on->on_bi.bi_private = NULL;
	return 0;
}

/* The computed attribute types, from schema/tenancy-operational.h. */
static int
tenancy_register_computed( void )
{
	AttributeDescription *ad;
	const char *text;
	int i;

	for ( i = 0; tenancy_operational_attrs[i]; i++ ) {
		int rc;
		ad = NULL;
		rc = register_at( tenancy_operational_attrs[i], &ad, 1 );
		if ( rc ) {
			Debug( LDAP_DEBUG_ANY,
				"tenancy: register_at failed "
				"for %s\n",
				tenancy_operational_attrs[i] );
			return rc;
		}
	}
	for ( i = 0; i < TENANCY_NCOMPUTED; i++ ) {
		if ( slap_str2ad( tenancy_computed_names[i],
			     &tenancy_ad_computed[i], &text ) ) {
			Debug( LDAP_DEBUG_ANY,
				"tenancy: computed attribute %s "
				"is not registered: %s\n",
				tenancy_computed_names[i], text );
			return -1;
		}
	}
	return 0;
}

static int
tenancy_initialize( void )
{
	int rc;

	rc = tenancy_register_computed();
	if ( rc )
		return rc;

	tenancy_overlay.on_bi.bi_type = "tenancy";
	tenancy_overlay.on_bi.bi_flags = SLAPO_BFLAG_SINGLE;
	tenancy_overlay.on_bi.bi_db_init = tenancy_db_init;
	tenancy_overlay.on_bi.bi_db_open = tenancy_db_open;
	tenancy_overlay.on_bi.bi_db_close = tenancy_db_close;
	tenancy_overlay.on_bi.bi_db_destroy = tenancy_db_destroy;

	tenancy_overlay.on_bi.bi_op_bind = tenancy_op_bind;
	tenancy_overlay.on_bi.bi_op_add = tenancy_op_add;
	tenancy_overlay.on_bi.bi_op_modify = tenancy_op_modify;
	tenancy_overlay.on_bi.bi_op_delete = tenancy_op_delete;
	tenancy_overlay.on_bi.bi_op_modrdn = tenancy_op_modrdn;
	tenancy_overlay.on_bi.bi_op_search = tenancy_op_search;
	tenancy_overlay.on_bi.bi_op_compare = tenancy_op_compare;
	tenancy_overlay.on_bi.bi_chk_controls = tenancy_chk_controls;

	if ( tenancy_cf_build() ) {
		Debug( LDAP_DEBUG_ANY, "tenancy: a configuration directive's "
				       "definition is too long\n" );
		return -1;
	}
	tenancy_overlay.on_bi.bi_cf_ocs = tenancy_ocs;
	rc = config_register_schema( tenancy_cfg, tenancy_ocs );
	if ( rc )
		return rc;

	return overlay_register( &tenancy_overlay );
}

int init_module( int argc, char *argv[] );

int
init_module( int argc, char *argv[] )
{
	(void)argc;
	(void)argv;
	return tenancy_initialize();
}
