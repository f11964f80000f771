/*
 * spool.c - durable share notifications.
 *
 * Interface (overlay.h):
 *   tenancy_spool_prepare()  before the backend runs an accepted write:
 *                            one event file per person to notify of a
 *                            share the write grants, in <spool>/new/
 *                            (none, and a log line, beyond
 *                            TN_SHARE_NOTIFY_MAX);
 *   tenancy_spool_finish()   after it ran: keeps them if it committed,
 *                            removes them if it did not.
 *
 * Any LDAP client may grant a share, so the overlay, not a tool, records
 * it.  Each event is written maildir style: into tmp/, fsync'd, then
 * renamed into new/, before the backend commits.  If slapd dies after that,
 * nothing is lost: at worst a notification tells of a share whose write
 * did not finish.  `tenancy notify` reads new/ and removes each event once
 * its mail was accepted.
 *
 * An event is a few "Name: value" lines, in the engine's format
 * (tn_event_format: Event, Mailbox, Mailbox-DN, Grantee, Level, To, Actor,
 * Date), which `tenancy notify` reads back with tn_event_parse().
 *
 * Diagnostics: a spool that cannot be written is logged and the write goes
 * on: the directory is the source of truth, notification is a courtesy.
 */
#include "portable.h"

#include <ac/string.h>
#include <ac/unistd.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>

#include "slap.h"

#include "overlay.h"

/* Names are unique per process: time, pid, and this counter. */
static unsigned long spool_counter;

static int
spool_dirs( const char *spool )
{
	char path[MAXPATHLEN];

	if ( mkdir( spool, 0750 ) && errno != EEXIST )
		return -1;
	snprintf( path, sizeof( path ), "%s/tmp", spool );
	if ( mkdir( path, 0750 ) && errno != EEXIST )
		return -1;
	snprintf( path, sizeof( path ), "%s/new", spool );
	if ( mkdir( path, 0750 ) && errno != EEXIST )
		return -1;
	return 0;
}

/* The rename is durable once new/ itself is on disk (power loss, not
 * only a crash of slapd). */
static void
spool_sync_dir( const char *spool )
{
	char path[MAXPATHLEN];
	int fd;

	snprintf( path, sizeof( path ), "%s/new", spool );
	fd = open( path, O_RDONLY | O_DIRECTORY );
	if ( fd >= 0 ) {
		(void)fsync( fd );
		close( fd );
	}
}

struct spool_ctx {
	tenancy_info *ti;
	const char *spool;
	const char *actor;
	char **paths; /* NULL-terminated, ch_malloc'd */
	int n;
};

static int
spool_write( void *vctx, const char *mailbox_dn, const char *mailbox,
	const char *grantee, const char *level, const char *to )
{
	struct spool_ctx *ctx = vctx;
	char name[128], tmp[MAXPATHLEN], new[MAXPATHLEN], host[64], *text;
	struct tn_event ev;
	unsigned long n;
	size_t len;
	FILE *f;
	int fd;

	n = __atomic_add_fetch( &spool_counter, 1, __ATOMIC_RELAXED );
	if ( gethostname( host, sizeof( host ) ) )
		strcpy( host, "localhost" );
	host[sizeof( host ) - 1] = '\0';
	snprintf( name, sizeof( name ), "%ld.%ld_%lu.%s", (long)slap_get_time(),
		(long)getpid(), n, host );
	snprintf( tmp, sizeof( tmp ), "%s/tmp/%s", ctx->spool, name );
	snprintf( new, sizeof( new ), "%s/new/%s", ctx->spool, name );

	fd = open( tmp, O_WRONLY | O_CREAT | O_EXCL, 0640 );
	if ( fd < 0 || !( f = fdopen( fd, "w" ) ) ) {
		if ( fd >= 0 )
			close( fd );
		goto fail;
	}
	ev.event = TN_EVENT_SHARE;
	ev.mailbox = mailbox;
	ev.mailbox_dn = mailbox_dn;
	ev.grantee = grantee;
	ev.level = level;
	ev.to = to;
	ev.actor = ctx->actor;
	ev.date = (long)slap_get_time();
	len = tn_event_format( NULL, 0, &ev );
	text = ch_malloc( len + 1 );
	tn_event_format( text, len + 1, &ev );
	if ( fwrite( text, 1, len, f ) != len ) {
		ch_free( text );
		fclose( f );
		unlink( tmp );
		goto fail;
	}
	ch_free( text );
	if ( fflush( f ) || fsync( fileno( f ) ) ) {
		fclose( f );
		unlink( tmp );
		goto fail;
	}
	fclose( f );
	if ( rename( tmp, new ) ) {
		unlink( tmp );
		goto fail;
	}
	spool_sync_dir( ctx->spool );
	ctx->paths =
		ch_realloc( ctx->paths, ( ctx->n + 2 ) * sizeof( char * ) );
	ctx->paths[ctx->n++] = ch_strdup( new );
	ctx->paths[ctx->n] = NULL;
	return 0;
fail:
	Debug( LDAP_DEBUG_ANY,
		"tenancy: cannot spool a share event in %s: %s\n", ctx->spool,
		strerror( errno ) );
	ctx->ti->ti_spool_ready = 0; /* create the directories again */
	return 0;
}

char **
tenancy_spool_prepare(
	tenancy_info *ti, Operation *op, const struct tn_change *change )
{
	struct spool_ctx ctx = { ti, ti->ti_spool, op->o_ndn.bv_val, NULL, 0 };
	size_t n;

	if ( !ti->ti_spool ||
		( change->kind != TN_ADD && change->kind != TN_MODIFY ) )
		return NULL;
	/* Called under the write mutex: ti_spool_ready needs no other lock. */
	if ( !ti->ti_spool_ready ) {
		if ( spool_dirs( ti->ti_spool ) ) {
			Debug( LDAP_DEBUG_ANY,
				"tenancy: cannot create the spool %s: %s\n",
				ti->ti_spool, strerror( errno ) );
			return NULL;
		}
		ti->ti_spool_ready = 1;
	}
	if ( !ctx.actor )
		ctx.actor = "";
	ldap_pvt_thread_rdwr_rlock( &ti->ti_model_lock );
	n = tn_share_grants( ti->ti_model, change, spool_write, &ctx );
	ldap_pvt_thread_rdwr_runlock( &ti->ti_model_lock );
	if ( n > TN_SHARE_NOTIFY_MAX )
		Debug( LDAP_DEBUG_ANY,
			"tenancy: %s: shared with %lu people, "
			"too many to notify (at most %d): none is\n",
			change->dn, (unsigned long)n, TN_SHARE_NOTIFY_MAX );
	return ctx.paths;
}

void
tenancy_spool_finish( char **paths, int committed )
{
	int i;

	if ( !paths )
		return;
	for ( i = 0; paths[i]; i++ ) {
		if ( !committed )
			unlink( paths[i] );
		ch_free( paths[i] );
	}
	ch_free( paths );
}
