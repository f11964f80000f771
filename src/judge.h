/*
 * judge.h - the judge's state, shared by the files that judge a change:
 * judge.c (reading the change, the driver), invariants.c, inuse.c and
 * authz.c.
 */
#ifndef TN_JUDGE_H
#define TN_JUDGE_H

#include "engine.h"
#include "dn.h"
#include "record.h"

struct judge {
	struct tn_model *m;
	const struct tn_actor *actor;
	const struct tn_change *c;
	struct tn_answer *out;
	uint32_t me, my_tenant;
	int privileged, reader, inert;
	struct tn_prepared *read;       /* tn_read_change()'s, or NULL */
	struct buf dn;          /* canonical target DN */
	uint32_t id;            /* the target's node, 0 when unknown */
	uint32_t parent;        /* parent_node()'s answer, once parent_known */
	int parent_known;
	uint32_t tenant;        /* the target's tenant */
	enum kind kb, ka;       /* kind before, after */
	struct rec before, after;
	struct buf t1, t2;      /* scratch for DNs in messages */
	/* cached rights of the actor at one unit */
	uint32_t rights_unit;
	struct rights rights;
	int have_rights;
	int plain;              /* a modify of attributes the engine ignores */
	int outside;            /* outside_tenants(): tenancy has no say */
};

#define REFUSED(j) ((j)->out->code != TN_OK)

/* ---- judge.c */
const char *dn_of(struct judge *j, struct buf *b, uint32_t id);
const char *target(struct judge *j);
const char *quoted(struct buf *b, const char *v);
uint32_t nearest(const struct tn_model *m, const char *cdn, size_t len);
uint32_t parent_node(struct judge *j);
const char *role_display(const struct tn_model *m, uint32_t r, const char *fallback);
const char *ref_display(struct judge *j, struct buf *b, const char *cdn);

/* ---- invariants.c */
void check_entry(struct judge *j);
void check_credentials(struct judge *j);
void check_lifecycle(struct judge *j);
void check_redate(struct judge *j);

/* ---- inuse.c */
uint32_t role_of_node(const struct tn_model *m, uint32_t id);
void refuse_role_in_use(struct judge *j, uint32_t r);
int c_newsup_tenant(struct judge *j, uint32_t *newt);
void check_delete(struct judge *j);
void check_rename(struct judge *j);

/* ---- authz.c */
void authorize_add(struct judge *j);
void authorize_delete(struct judge *j);
void authorize_modify(struct judge *j);
void authorize_rename(struct judge *j);
int judge_sees(struct judge *j, uint32_t id);
int authorize_actor(struct judge *j);

#endif
