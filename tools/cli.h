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
 * cli.h - what the pieces of the tenancy command share.
 *
 * The command line is an adapter: it reads LDIF and LDAP, asks the engine
 * (tenancy.h) and prints the answers.  It decides nothing itself.  Each
 * tools/ file holds one idea; this header lists what they offer each other.
 *
 * Exit codes (DESIGN §9): EXIT_OK success or allowed, EXIT_DENIED denied or
 * findings, EXIT_USAGE usage or connection errors.
 */
#ifndef TENANCY_CLI_H
#define TENANCY_CLI_H

#include <stddef.h>
#include <stdio.h>

#include <ldap.h>

#include "tenancy.h"

struct schema; /* schema.c */

#define EXIT_OK     0
#define EXIT_DENIED 1
#define EXIT_USAGE  2

/* ---------------------------------------------------------------- main.c */

extern const char *progname;

/* Print "tenancy: <message>" on stderr. */
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ------------------------------------------------------------ ldapconn.c */

/*
 * The LDAP options every subcommand takes, as OpenLDAP's own clients do:
 * -H URI, -x, -D DN, -w PW | -W | -y FILE, -Z[Z], -Y MECH, -b BASE.
 */
#define CONN_SHORTOPTS "H:xD:w:Wy:ZY:b:"

struct conn_opts {
	const char *uri; /* NULL: ldap.conf's URI */
	const char *binddn;
	const char *passwd; /* -w */
	const char *pwfile; /* -y */
	int prompt;         /* -W */
	int starttls;       /* 1: -Z, 2: -ZZ (must succeed) */
	const char *mech;   /* -Y: SASL mechanism, e.g. EXTERNAL */
	const char *base;   /* -b */
	int simple;         /* -x: simple bind, even when ldap.conf names SASL */
};

/* Consume one of CONN_SHORTOPTS; returns 0, or -1 when `opt` is not one. */
int conn_option(struct conn_opts *o, int opt, const char *arg);

/* Help text for the options above, for the subcommands' --help. */
extern const char conn_help[];

/* Connect and bind; prints why and returns NULL on failure. */
LDAP *conn_open(const struct conn_opts *o);
void conn_close(LDAP *ld);

/*
 * The base DNs to search for the whole model: -b, else the root DSE's
 * namingContexts, else ldap.conf's BASE.  Returns a NULL-terminated array to free with
 * ber_memvfree(), or NULL (message printed) when none is known.
 */
char **conn_bases(LDAP *ld, const struct conn_opts *o);

/*
 * The single base for provisioning, found as conn_bases() finds them: -b,
 * else the naming context that holds ou=domains (or the only one), else
 * ldap.conf's BASE.  malloc'd, or NULL (message printed).
 */
char *conn_base(LDAP *ld, const struct conn_opts *o);

/*
 * Search `base` with subtree scope, paging through the results, and call
 * `fn` with each entry.  Returns an LDAP result code (message printed on
 * failure); fn returning non-zero stops the search with LDAP_OTHER.
 */
typedef int (*conn_entry_fn)(void *ctx, LDAP *ld, LDAPMessage *entry);
int conn_search(LDAP *ld, const char *base, int scope, const char *filter, char **attrs,
        conn_entry_fn fn, void *ctx);

/*
 * Turn an LDAP search result entry into a tn_entry (operational attributes
 * dropped).  The entry is valid until entry_clear().
 */
struct owned_entry {
	struct tn_entry e;
	struct tn_attr *attrs;
	struct berval ***vals; /* one ldap_get_values_len() array per attr */
	struct tn_value **tvals;
	char **names;
	char *dn;
	size_t n;
};
int entry_from_ldap(struct owned_entry *oe, LDAP *ld, LDAPMessage *msg);
void entry_clear(struct owned_entry *oe);

/* Does a search result entry have object class `oc`? */
int entry_has_class(LDAP *ld, LDAPMessage *e, const char *oc);

/* Report a failed operation with the server's text, exactly. */
void conn_report(LDAP *ld, const char *what, const char *dn, int rc);

/* -------------------------------------------------------------- ldif.c */

/* One LDIF record turned into an engine change. */
struct ldif_rec {
	unsigned long line; /* the record's first line */
	struct tn_change change;
	struct tn_entry entry; /* TN_ADD: the entry, operational attrs dropped */
	int had_operational;   /* slapcat output: entryUUID, entryCSN... */
	/* storage */
	LDIFRecord lr;
	struct tn_attr *attrs;
	struct tn_mod *mods;
	struct tn_value *vals;
	char *newsup;
};

struct ldif_reader;

/* Open FILE ("-" for stdin); NULL (message printed) on failure. */
struct ldif_reader *ldif_reader_open(const char *path);
void ldif_reader_close(struct ldif_reader *r);
const char *ldif_reader_path(const struct ldif_reader *r);
/* Bytes consumed so far and the file's size (0 when unknown), for progress. */
long ldif_reader_pos(const struct ldif_reader *r);
long ldif_reader_size(const struct ldif_reader *r);

/*
 * Read the next record.  Returns 1 with *rec filled (free with
 * ldif_rec_clear), 0 at the end, -1 on a record that does not parse
 * (rec->line says where; the reader has moved past it), -2 when memory ran
 * out or the file could not be read.
 */
int ldif_reader_next(struct ldif_reader *r, struct ldif_rec *rec);
/* Why the last record returned -1: what was wrong, and *line where. */
const char *ldif_reader_error(const struct ldif_reader *r, unsigned long *line);
void ldif_rec_clear(struct ldif_rec *rec);

/* Is `name` an operational attribute that content must not carry? */
int attr_is_operational(const char *name);
/* entryCSN: operational, yet kept for the engine, which orders two claims
 * of one address by it (DESIGN §5b). */
int attr_is_claim_date(const char *name);

/* ------------------------------------------------------------- config.c */

/*
 * Read slapd.conf (and its includes) or cn=config LDIF: the overlay's
 * settings go to the model, schema definitions to the schema (either may be
 * NULL).  Schema files (.schema, or LDIF of cn=schema entries or of a
 * subschema subentry) read the same way.  Returns an exit code.
 */
int config_read(struct tn_model *m, struct schema *s, const char *path);

/* ------------------------------------------------------------- schema.c */

/* LDAP schema definitions, and the checks slapd makes with them. */
struct schema;

/* A schema that knows only slapd's built-in definitions; NULL out of memory. */
struct schema *schema_new(void);
void schema_free(struct schema *s);
/* Add one definition (an attribute type, or an object class), as written in
 * a schema file or a subschema value; 0, or -1 (message printed). */
int schema_define(struct schema *s, int objectclass, const char *text, const char *where);
/* Add the definitions of the server's subschema subentry.  Exit code. */
int schema_load_ldap(struct schema *s, LDAP *ld);
/* Were no definitions added?  Then nothing is checked. */
int schema_empty(const struct schema *s);
/*
 * Check a change as slapd's schema checks would; calls `report` with one
 * line "schema: DN: what" per finding and returns their number.
 */
/*
 * The name the engine knows an attribute description by, as the overlay
 * hands it over (DESIGN §5a.3): the type's first name with the options kept,
 * or tn_attr_subtype_name() of the first supertype the engine reads.  The
 * description itself when the schema does not know its type.  May write to
 * buf (n bytes).
 */
const char *schema_engine_name(struct schema *s, const char *desc, char *buf, size_t n);
/* The first name of an attribute type given by any name or its OID; NULL
 * when the schema does not know it. */
const char *schema_type_name(struct schema *s, const char *type);
/* Is the description's type of DN syntax?  1, 0, or -1 when unknown. */
int schema_is_dn(struct schema *s, const char *desc);
/* One finding: the entry's DN and what is wrong with it. */
typedef void (*schema_report_fn)(void *ctx, const char *dn, const char *what);
size_t schema_check(
        struct schema *s, const struct tn_change *change, schema_report_fn report, void *ctx);

/* ------------------------------------------------------------- strtab.c */

/* A hash table from case-insensitive names to the caller's pointers. */
struct strtab {
	struct strtab_slot *slots;
	size_t cap, n;
};

/* Set `key` to `value` (the key is copied); *old gets the value replaced,
 * if any.  Returns 0, or -1 when memory ran out. */
int strtab_put(struct strtab *t, const char *key, void *value, void **old);
void *strtab_get(const struct strtab *t, const char *key);
/* Free the table, and each value with free_value unless NULL. */
void strtab_free(struct strtab *t, void (*free_value)(void *));
/* The longest run of used slots (the most a lookup walks): for tests. */
size_t strtab_longest_probe(const struct strtab *t);

/* ------------------------------------------------------------ dnlines.c */

/* DN -> file and line of the record that held it (a strtab). */

/* Remember where `dn` was (path is not copied); 0, or -1 out of memory. */
int dnlines_put(struct strtab *t, const char *dn, const char *path, unsigned long line);
/* Where `dn` was, and how the file spelled it; 0, or -1 when unknown. */
int dnlines_get(const struct strtab *t, const char *dn, const char **spelled, const char **path,
        unsigned long *line);
void dnlines_free(struct strtab *t);

/* ------------------------------------------------------------ source.c */

/* Load every record of FILE into the model, unjudged.  Returns an exit code. */
int source_load_file(struct tn_model *m, const char *path);
/* Load the directory's tenancy entries under every base.  Exit code. */
int source_load_ldap(struct tn_model *m, LDAP *ld, const struct conn_opts *o);

/* The LDAP filter that selects the entries the engine models. */
extern const char source_filter[];

/* ------------------------------------------------------------ progress.c */

/* A one-line progress bar on stderr, shown only when stderr is a terminal. */
struct progress {
	int on;
	const char *label;
	long total;
	long last;
	long records;           /* shown after the bar; the caller counts */
	unsigned long findings; /* likewise */
	int drawn;              /* the bar is on the screen now */
};
void progress_start(struct progress *p, const char *label, long total);
void progress_update(struct progress *p, long done);
/* Erase the bar before other output to the terminal (NULL: nothing). */
void progress_clear(struct progress *p);
void progress_end(struct progress *p);

/* --------------------------------------------------------------- json.c */

/* Write `s` as a JSON string, quoted; invalid UTF-8 becomes U+FFFD. */
void json_string(FILE *f, const char *s, size_t len);
void json_cstring(FILE *f, const char *s); /* NULL writes null */
/* Write a text of lines as a JSON array of strings (NULL: []). */
void json_lines(FILE *f, const char *text);

/* -------------------------------------------------------------- query.c */

/* An evidence chain (tn_answer or tn_verdict `explain`) on f, each line
 * indented by two blanks; a line equal to `verdict` (NULL: none) is left
 * out. */
void print_explain(FILE *f, const char *explain, const char *verdict);

/* --------------------------------------------------------------- dn.c */

/* Build "attr=value,parent" with libldap's escaping; malloc'd or NULL. */
char *dn_child(const char *attr, const char *value, const char *parent);
/* The parent of `dn` (malloc'd), or NULL. */
char *dn_parent(const char *dn);
/* The value of dn's first RDN (malloc'd), or NULL. */
char *dn_rdn_value(const char *dn);
/* Escape a filter value; malloc'd (ber_memfree), or NULL. */
char *filter_escape(const char *value);

/* ----------------------------------------------------------- modlist.c */

/* An LDAPMod array being built; strings are copied. */
struct modlist {
	LDAPMod **mods; /* NULL-terminated */
	size_t n, cap;
};

/*
 * Add `value` (NULL: none) to the modification (op, attr), which is created
 * after the existing ones unless the last one has the same op and attr.
 * Returns 0, or -1 when memory ran out.
 */
int modlist_add(struct modlist *l, int op, const char *attr, const char *value);
void modlist_free(struct modlist *l);

/* ---------------------------------------------------------- provision.c */

/* One provisioning run: the connection and the base of the directory. */
struct prov {
	struct conn_opts co;
	LDAP *ld;
	char *base;
	int json;
	const char *shortopts; /* the subcommand's own short options, or NULL */
	int dry_run;           /* --dry-run: judge and print, write nothing */
	int explain;           /* --explain: a dry refusal's evidence too */
	struct tn_model *m;    /* --dry-run: the live directory, as read */
	struct tn_actor actor; /* --dry-run: the bound identity */
	char *actor_dn;
	char *dry_ldif; /* --dry-run: the last change allowed, as LDIF */
	int json_open;  /* --json: an object of the array is open */
};

/*
 * Before the action word: no argument prints `usage` on stderr (2),
 * --help prints it on stdout (0); otherwise -1, go on.  prov_help(0, ...)
 * is the usage error.
 */
int prov_help(int argc, char **argv, const char *usage);

/* Connect and find the base; returns EXIT_OK or an exit code. */
int prov_open(struct prov *p);
void prov_close(struct prov *p);

/*
 * The operations, each printing the server's refusal exactly.  Return
 * EXIT_OK, EXIT_DENIED when the server refused, EXIT_USAGE when it could
 * not be reached.
 */
int prov_add(struct prov *p, const char *dn, struct modlist *l);
int prov_modify(struct prov *p, const char *dn, struct modlist *l);
int prov_modify1(struct prov *p, const char *dn, int op, const char *attr, const char *value);
int prov_delete(struct prov *p, const char *dn);
/* The exit code for an LDAP result (message printed when not success). */
int prov_result(struct prov *p, int rc, const char *what, const char *dn);
/* After a change: print `dn` on a line of its own, unless --json or
 * --dry-run print the change themselves. */
void prov_print_dn(const struct prov *p, const char *dn);
/* With --json, add "key": value to the last change's object. */
void prov_note(const struct prov *p, const char *key, const char *value);

/* tenancyDomainName=NAME,ou=domains,BASE (malloc'd), or NULL. */
char *prov_domain_dn(struct prov *p, const char *name);
/* Does `dn` exist, as far as the actor sees?  1 yes, 0 no, -1 error (printed). */
int prov_exists(struct prov *p, const char *dn);
/* ou=NAME under `parent`, created when missing, in *dn (malloc'd).
 * Returns an exit code. */
int prov_container(struct prov *p, const char *parent, const char *name, char **dn);
/*
 * A unit given as a DN, or as a path below the domain ("Europe/France").
 * "/" or "" is the domain itself.  malloc'd, or NULL.
 */
char *prov_unit_dn(struct prov *p, const char *domain_dn, const char *unit);
/*
 * The tenant of `dn` and its parent unit (nearest tenancyUnit ancestor,
 * else the domain), read from the directory; malloc'd.  Returns an exit code.
 */
int prov_ancestors(struct prov *p, const char *dn, char **domain_dn, char **parent_unit);

/* Parse one subcommand's options: the LDAP ones, --json, --help and `extra`;
 * `handle` gets the others.  Returns -1 to go on, else an exit code. */
struct option;
typedef int (*prov_opt_fn)(void *ctx, int opt, const char *arg);
int prov_parse(struct prov *p, int argc, char **argv, const struct option *extra,
        prov_opt_fn handle, void *ctx, const char *usage);

/* ------------------------------------------------------------ listing.c */

/*
 * `tenancy KIND list|show ...` for KIND user, group, shared, unit, grant
 * or share (list only); argv[1] is the action.  Returns an exit code.
 */
int listing_run(const char *kind, int argc, char **argv, const char *usage);

/* ------------------------------------------------------------- dryrun.c */

/* Prime p->m from the live directory and find the actor; exit code. */
int dryrun_open(struct prov *p);
void dryrun_close(struct prov *p);
/*
 * Judge one change (kind TN_ADD, TN_MODIFY or TN_DELETE) as the overlay
 * would; allowed, record it in the model and keep it as LDIF in
 * p->dry_ldif, printed unless --json (with the tenancyStatus the overlay
 * would add).  Returns EXIT_OK, EXIT_DENIED (refusal printed) or
 * EXIT_USAGE.
 */
int dryrun_change(struct prov *p, int kind, const char *what, const char *dn, LDAPMod **mods);
/* The change as LDIF text (malloc'd), or NULL; `status` as above, or NULL. */
char *dryrun_ldif(int kind, const char *dn, LDAPMod **mods, const char *status);

/* ----------------------------------------------------------- password.c */

/* A new random password (RAND_bytes) and its {CRYPT} SHA-512 hash;
 * both malloc'd.  Returns 0, or -1 (message printed). */
int password_generate(char **clear, char **hashed);

/* --------------------------------------------------------- subcommands */

int cmd_lint(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_rights(int argc, char **argv);
int cmd_who_can(int argc, char **argv);
int cmd_identities(int argc, char **argv);
int cmd_domain(int argc, char **argv);
/* tenancy domain check (domaincheck.c); argv[0] is "check". */
int cmd_domain_check(int argc, char **argv);
int cmd_alias(int argc, char **argv);
int cmd_unit(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_group(int argc, char **argv);
int cmd_shared(int argc, char **argv);
int cmd_grant(int argc, char **argv);
int cmd_share(int argc, char **argv);
int cmd_sendas(int argc, char **argv);
int cmd_addressbook(int argc, char **argv);
int cmd_notify(int argc, char **argv);

#endif /* TENANCY_CLI_H */
