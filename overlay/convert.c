/*
 * convert.c - slapd entries and write operations as engine input.
 *
 * Interface (overlay.h):
 *   tenancy_entry_view()   an Entry as a struct tn_entry;
 *   tenancy_change_view()  an add, modify, delete or modrdn Operation as a
 *                          struct tn_change;
 *   tenancy_view_free(), tenancy_change_view_free() release them.
 *
 * Views borrow the attribute names and values of the slapd structures: they
 * are valid while those are.  Only the arrays are allocated, in one block
 * from the given memory context (the operation's slab, or the heap when it
 * is NULL); a change's view, in the room on the caller's stack when they
 * fit there (most writes: an entry of a score of values, a few
 * modifications).
 *
 * A rename carries slapd's own list of the values it adds and deletes
 * (orr_modlist), which the engine judges as the values stored (§5a.4).
 *
 * One identity (DESIGN §5a.1): the engine gets the DNs slapd normalised,
 * the target's (o_req_ndn, e_nname), the new RDN and superior of a rename,
 * and the normalised values of every attribute of DN syntax, so that two
 * spellings slapd takes for one entry are one entry to the engine.  Other
 * values are passed as the client wrote them (a_vals): the engine judges
 * what Postfix and Dovecot will read.  The DN as written is kept for texts.
 *
 * The login attribute, when it is not mail (which the engine reads as
 * addresses), goes by slapd's normalised values too: uid's caseIgnoreMatch
 * takes "ＢＯＢ" and "bob " for bob, and so must the engine's
 * uniqueness of logins.
 *
 * Attribute descriptions (DESIGN §5a.3): a description with options goes
 * by its full name ("mail;lang-en"); an attribute type declared with SUP
 * of one the engine reads goes by the name tn_attr_subtype_name() gives.
 *
 * Diagnostics: each returns -1 when memory ran out, 0 otherwise.
 */
#include "portable.h"

#include <ac/string.h>

#include "slap.h"

#include "overlay.h"

/* The name the engine knows an attribute description by. */
static const char *
tenancy_attr_name( const AttributeDescription *ad )
{
	AttributeType *at;

	for ( at = ad->ad_type->sat_sup; at; at = at->sat_sup ) {
		const char *sub;
		if ( ( sub = tn_attr_subtype_name( at->sat_cname.bv_val ) ) !=
			NULL )
			return sub;
	}
	return ad->ad_cname.bv_val;
}

/* The values the engine compares: normalised for a DN, and for the login
 * attribute (`login`; uid's caseIgnoreMatch folds case, Unicode
 * compatibility forms and blanks), so that two values slapd matches as
 * one login are one to the engine. */
static BerVarray
tenancy_attr_values( const AttributeDescription *ad,
	const AttributeDescription *login, BerVarray vals, BerVarray nvals )
{
	if ( nvals && ( ad->ad_type->sat_syntax ==
				      slap_schema.si_syn_distinguishedName ||
			      ( login && ad->ad_type == login->ad_type ) ) )
		return nvals;
	return vals;
}

static void
tenancy_values( struct tn_value *out, const BerVarray vals, unsigned n )
{
	unsigned i;

	for ( i = 0; i < n; i++ ) {
		out[i].len = vals[i].bv_len;
		out[i].val = vals[i].bv_val;
	}
}

/* The arrays of a view: in `room` when they fit, else from memctx. */
static void *
tenancy_view_alloc( size_t size, void *memctx, tenancy_view_room *room )
{
	if ( room && size <= sizeof( *room ) )
		return room;
	return slap_sl_malloc( size, memctx );
}

static int
tenancy_entry_view_in( const Entry *e, const AttributeDescription *login,
	struct tn_entry *view, void *memctx, tenancy_view_room *room )
{
	const Attribute *a;
	struct tn_attr *attrs;
	struct tn_value *vals;
	size_t nattrs = 0, nvals = 0, i = 0;

	for ( a = e->e_attrs; a; a = a->a_next ) {
		nattrs++;
		nvals += a->a_numvals;
	}
	attrs = tenancy_view_alloc(
		nattrs * sizeof( *attrs ) + nvals * sizeof( *vals ) + 1, memctx,
		room );
	if ( attrs == NULL )
		return -1;
	vals = (struct tn_value *)( attrs + nattrs );
	for ( a = e->e_attrs; a; a = a->a_next, i++ ) {
		attrs[i].name = tenancy_attr_name( a->a_desc );
		attrs[i].nvals = a->a_numvals;
		attrs[i].vals = vals;
		tenancy_values( vals,
			tenancy_attr_values(
				a->a_desc, login, a->a_vals, a->a_nvals ),
			a->a_numvals );
		vals += a->a_numvals;
	}
	view->dn = e->e_nname.bv_val;
	view->nattrs = nattrs;
	view->attrs = attrs;
	return 0;
}

int
tenancy_entry_view( const Entry *e, const AttributeDescription *login,
	struct tn_entry *view, void *memctx )
{
	return tenancy_entry_view_in( e, login, view, memctx, NULL );
}

void
tenancy_view_free( void *ptr, void *memctx )
{
	if ( ptr )
		slap_sl_free( ptr, memctx );
}

static enum tn_mod_op
tenancy_mod_op( short op )
{
	switch ( op ) {
	case LDAP_MOD_DELETE:
	case SLAP_MOD_SOFTDEL:
#ifdef SLAP_MOD_DEL_IF_PRESENT
	case SLAP_MOD_DEL_IF_PRESENT:
#endif
		return TN_MOD_DELETE;
	case LDAP_MOD_REPLACE:
		return TN_MOD_REPLACE;
	case LDAP_MOD_INCREMENT:
		return TN_MOD_INCREMENT;
	default: /* LDAP_MOD_ADD, SLAP_MOD_SOFTADD, ..._ADD_IF_NOT_PRESENT */
		return TN_MOD_ADD;
	}
}

static int
tenancy_mods_view( Operation *op, const AttributeDescription *login,
	Modifications *modlist, struct tn_change *change,
	tenancy_view_room *room )
{
	Modifications *ml;
	struct tn_mod *mods;
	struct tn_value *vals;
	size_t nmods = 0, nvals = 0, i = 0;

	for ( ml = modlist; ml; ml = ml->sml_next ) {
		nmods++;
		nvals += ml->sml_numvals;
	}
	mods = tenancy_view_alloc(
		nmods * sizeof( *mods ) + nvals * sizeof( *vals ) + 1,
		op->o_tmpmemctx, room );
	if ( mods == NULL )
		return -1;
	vals = (struct tn_value *)( mods + nmods );
	for ( ml = modlist; ml; ml = ml->sml_next, i++ ) {
		mods[i].op = tenancy_mod_op( ml->sml_op );
		mods[i].attr.name = tenancy_attr_name( ml->sml_desc );
		mods[i].attr.nvals = ml->sml_values ? ml->sml_numvals : 0;
		mods[i].attr.vals = vals;
		if ( ml->sml_values ) {
			tenancy_values( vals,
				tenancy_attr_values( ml->sml_desc, login,
					ml->sml_values, ml->sml_nvalues ),
				ml->sml_numvals );
			vals += ml->sml_numvals;
		}
	}
	change->mods = mods;
	change->nmods = nmods;
	return 0;
}

int
tenancy_change_view( Operation *op, const AttributeDescription *login,
	struct tn_change *change, struct tn_entry *entry,
	tenancy_view_room *room )
{
	memset( change, 0, sizeof( *change ) );
	/* The identity is slapd's; refusals quote the DN as written. */
	change->dn = op->o_req_ndn.bv_val;
	change->display_dn = op->o_req_dn.bv_val;

	switch ( op->o_tag ) {
	case LDAP_REQ_ADD:
		change->kind = TN_ADD;
		if ( tenancy_entry_view_in(
			     op->ora_e, login, entry, op->o_tmpmemctx, room ) )
			return -1;
		entry->dn = op->o_req_ndn.bv_val;
		change->entry = entry;
		return 0;
	case LDAP_REQ_MODIFY:
		change->kind = TN_MODIFY;
		return tenancy_mods_view(
			op, login, op->orm_modlist, change, room );
	case LDAP_REQ_DELETE:
		change->kind = TN_DELETE;
		return 0;
	case LDAP_REQ_MODRDN:
		change->kind = TN_RENAME;
		change->newrdn = op->orr_nnewrdn.bv_val;
		change->newsup =
			op->orr_nnewSup && !BER_BVISNULL( op->orr_nnewSup )
				? op->orr_nnewSup->bv_val
				: NULL;
		change->deleteoldrdn = op->orr_deleteoldrdn;
		/* The values the rename adds and deletes, as slapd listed them
		 * (slap_modrdn2mods): the RDN as written, " x" included. */
		return op->orr_modlist ? tenancy_mods_view( op, login,
						 op->orr_modlist, change, room )
				       : 0;
	default:
		return -1;
	}
}

void
tenancy_change_view_free(
	Operation *op, struct tn_change *change, tenancy_view_room *room )
{
	if ( change->entry && (void *)change->entry->attrs != (void *)room )
		tenancy_view_free(
			(void *)change->entry->attrs, op->o_tmpmemctx );
	if ( change->mods && (void *)change->mods != (void *)room )
		tenancy_view_free( (void *)change->mods, op->o_tmpmemctx );
	change->entry = NULL;
	change->mods = NULL;
}
