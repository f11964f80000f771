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
 * source.c - where the engine's model comes from: LDIF files or a live
 * directory.
 *
 * source_load_file() loads every add record of a file into the model
 * unjudged (tn_model_load), and applies change records in order
 * (tn_record): a file is the directory's history.  source_load_ldap()
 * searches each base for the entries the engine models, selected by their
 * object classes (DESIGN §3: no configuration for a standard layout),
 * paging through them so that memory is bounded by the model.
 *
 * Diagnostics: both print what failed and return an exit code.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char source_filter[] = TN_LOAD_FILTER;

void
entry_clear(struct owned_entry *oe)
{
	size_t i;

	for (i = 0; i < oe->n; i++) {
		ldap_value_free_len(oe->vals[i]);
		ldap_memfree(oe->names[i]);
		free(oe->tvals[i]);
	}
	free(oe->attrs);
	free(oe->vals);
	free(oe->tvals);
	free(oe->names);
	ldap_memfree(oe->dn);
	memset(oe, 0, sizeof *oe);
}

/* Make room for one more attribute; -1 when memory ran out. */
static int
entry_grow(struct owned_entry *oe, size_t *cap)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p;

	if (oe->n < *cap)
		return 0;
	if ((p = realloc(oe->attrs, ncap * sizeof *oe->attrs)) == NULL)
		return -1;
	oe->attrs = p;
	if ((p = realloc(oe->vals, ncap * sizeof *oe->vals)) == NULL)
		return -1;
	oe->vals = p;
	if ((p = realloc(oe->tvals, ncap * sizeof *oe->tvals)) == NULL)
		return -1;
	oe->tvals = p;
	if ((p = realloc(oe->names, ncap * sizeof *oe->names)) == NULL)
		return -1;
	oe->names = p;
	*cap = ncap;
	return 0;
}

int
entry_from_ldap(struct owned_entry *oe, LDAP *ld, LDAPMessage *msg)
{
	BerElement *ber = NULL;
	char *name;
	size_t cap = 0;

	memset(oe, 0, sizeof *oe);
	oe->dn = ldap_get_dn(ld, msg);
	if (oe->dn == NULL)
		return -1;
	for (name = ldap_first_attribute(ld, msg, &ber); name != NULL;
	        name = ldap_next_attribute(ld, msg, ber)) {
		struct berval **v;
		size_t n, j;

		if (attr_is_operational(name) && !attr_is_claim_date(name)) {
			ldap_memfree(name);
			continue;
		}
		if (entry_grow(oe, &cap) != 0) {
			ldap_memfree(name);
			goto fail;
		}
		v = ldap_get_values_len(ld, msg, name);
		n = (size_t)ldap_count_values_len(v);
		oe->names[oe->n] = name;
		oe->vals[oe->n] = v;
		oe->tvals[oe->n] = calloc(n ? n : 1, sizeof **oe->tvals);
		if (oe->tvals[oe->n] == NULL) {
			oe->n++;
			goto fail;
		}
		for (j = 0; j < n; j++) {
			oe->tvals[oe->n][j].val = v[j]->bv_val;
			oe->tvals[oe->n][j].len = v[j]->bv_len;
		}
		oe->attrs[oe->n].name = name;
		oe->attrs[oe->n].vals = oe->tvals[oe->n];
		oe->attrs[oe->n].nvals = n;
		oe->n++;
	}
	ber_free(ber, 0);
	oe->e.dn = oe->dn;
	oe->e.attrs = oe->attrs;
	oe->e.nattrs = oe->n;
	return 0;
fail:
	ber_free(ber, 0);
	entry_clear(oe);
	return -1;
}

struct load_ctx {
	struct tn_model *m;
	struct progress bar;
	long count;
};

static int
load_entry(void *ctx, LDAP *ld, LDAPMessage *msg)
{
	struct load_ctx *lc = ctx;
	struct owned_entry oe;
	int rc;

	if (entry_from_ldap(&oe, ld, msg) != 0) {
		warnx_("out of memory");
		return -1;
	}
	rc = tn_model_load(lc->m, &oe.e);
	entry_clear(&oe);
	if (rc != 0) {
		warnx_("out of memory");
		return -1;
	}
	lc->bar.records = ++lc->count;
	progress_update(&lc->bar, lc->count);
	return 0;
}

int
source_load_ldap(struct tn_model *m, LDAP *ld, const struct conn_opts *o)
{
	/* entryCSN orders two claims of one address (DESIGN §5b). */
	static char *attrs[] = {"*", "entryCSN", NULL};
	struct load_ctx lc = {m, {0, NULL, 0, 0, 0, 0, 0}, 0};
	char **bases = conn_bases(ld, o);
	size_t i;
	int rc = LDAP_SUCCESS;

	if (bases == NULL)
		return EXIT_USAGE;
	progress_start(&lc.bar, "loading directory", 0);
	for (i = 0; bases[i] != NULL && rc == LDAP_SUCCESS; i++)
		rc = conn_search(
		        ld, bases[i], LDAP_SCOPE_SUBTREE, source_filter, attrs, load_entry, &lc);
	progress_end(&lc.bar);
	ber_memvfree((void **)bases);
	return rc == LDAP_SUCCESS ? EXIT_OK : EXIT_USAGE;
}

int
source_load_file(struct tn_model *m, const char *path)
{
	struct ldif_reader *r = ldif_reader_open(path);
	struct ldif_rec rec;
	int rc, status = EXIT_OK;

	if (r == NULL)
		return EXIT_USAGE;
	while ((rc = ldif_reader_next(r, &rec)) != 0) {
		if (rc == -1) {
			unsigned long line;
			const char *why = ldif_reader_error(r, &line);

			warnx_("%s:%lu: %s; record skipped", path, line, why);
			status = EXIT_USAGE;
			continue;
		}
		if (rc < 0) {
			warnx_("%s: read error or out of memory", path);
			status = EXIT_USAGE;
			break;
		}
		if (rec.change.kind == TN_ADD)
			rc = tn_model_load(m, &rec.entry);
		else
			rc = tn_record(m, &rec.change);
		ldif_rec_clear(&rec);
		if (rc != 0) {
			warnx_("out of memory");
			status = EXIT_USAGE;
			break;
		}
	}
	ldif_reader_close(r);
	return status;
}
