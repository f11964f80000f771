/*
 * dn.c - libFuzzer target: DN and address parsing.
 *
 * The input is split at NUL bytes into up to eight hostile strings.  Each
 * is used as a DN (target of an add, modify, delete and rename; actor;
 * reference value of every DN-valued tenancy attribute), as an address
 * (mail, tenancyMailAlias, domain names) and as a question (tn_route,
 * tn_visible, send-as, rights, computed attributes), against the fixture
 * directory of common.c.  A change the engine allows is applied, and the
 * model is asked again, so that a hostile value that got in is also read
 * back.  Finds crashes, leaks, reads past counted values (values are not
 * NUL-terminated here: each is copied to an exact-size buffer).
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSTR 8

static const char *const dn_attrs[] = {"member", "tenancyUnitRef", "tenancyShareRead",
        "tenancyShareReadReply", "tenancyShareWrite", "tenancyShareManage", "tenancySendAsDelegate",
        "tenancySendOnBehalfDelegate", "tenancySubscription", "tenancyGrantee", "tenancyScope",
        "mail", "tenancyMailAlias", "tenancyDomainAlias", "tenancyDomainName", "tenancyStatus",
        "tenancyRole", "objectClass", "tenancyContext", "tenancyImplies", "tenancyPermission",
        "uid", "cn"};
#define NATTRS (sizeof dn_attrs / sizeof *dn_attrs)

static const char *const actors[] = {
        NULL,
        "cn=operator,dc=example,dc=net",
        "uid=admin,ou=people,tenancyDomainName=a.test,ou=domains,dc=example,dc=net",
        "uid=alice,ou=people,tenancyDomainName=a.test,ou=domains,dc=example,dc=net",
        "uid=carol,ou=people,tenancyDomainName=b.test,ou=domains,dc=example,dc=net",
};

static const char *const targets[] = {
        "uid=bob,ou=people,tenancyDomainName=a.test,ou=domains,dc=example,dc=net",
        "cn=team,ou=groups,tenancyDomainName=a.test,ou=domains,dc=example,dc=net",
        "cn=contact,ou=shared,tenancyDomainName=a.test,ou=domains,dc=example,dc=net",
        "tenancyDomainName=a.test,ou=domains,dc=example,dc=net",
        "cn=alice-u1,ou=grants,tenancyDomainName=a.test,ou=domains,dc=example,dc=net",
        "ou=u2,ou=u1,tenancyDomainName=a.test,ou=domains,dc=example,dc=net",
        "cn=userManager,ou=roles,dc=example,dc=net",
};
#define NTARGETS (sizeof targets / sizeof *targets)

static struct tn_model *model;

/* Judge a change; apply it when allowed; returns whether it was. */
static int
judge_apply(const struct tn_actor *actor, const struct tn_change *c)
{
	struct tn_pending *pending = NULL;
	struct tn_verdict a;
	int applied = 0;

	tn_verdict_init(&a);
	if (tn_judge(model, actor, c, &a, &pending) != 0)
		abort();
	fz_check_verdict(&a, 1);
	if (a.code == TN_OK && a.set_status == NULL) {
		tn_share_grants(model, c, fz_grant_sink, NULL);
		int rc = tn_commit(model, pending);
		pending = NULL;
		if (rc != 0) {
			/* Allowed, yet the model cannot take it: a finding. */
			fprintf(stderr,
			        "dn: tn_commit failed on an allowed change: "
			        "kind %d dn \"%s\"",
			        (int)c->kind, c->dn);
			if (c->kind == TN_MODIFY && c->nmods > 0) {
				const struct tn_attr *at = &c->mods[0].attr;
				/* A delete of a whole attribute has no values. */
				fprintf(stderr, " op %d %s", (int)c->mods[0].op, at->name);
				if (at->nvals > 0)
					fprintf(stderr, ": \"%.*s\"", (int)at->vals[0].len,
					        at->vals[0].val);
			}
			if (c->kind == TN_RENAME)
				fprintf(stderr, " newrdn \"%s\" newsup \"%s\"", c->newrdn,
				        c->newsup ? c->newsup : "");
			fprintf(stderr, "\n");
			if (!fz_env_on("FUZZ_APPLY_FAIL_OK"))
				abort();
			/* A known finding (fuzz/known.sh): start again clean. */
			tn_verdict_clear(&a);
			return 1;
		}
		applied = 1;
	}
	tn_discard(pending);
	tn_verdict_clear(&a);
	return applied;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s[NSTR], *raw[NSTR];
	struct tn_value v[NSTR];
	size_t ns = 0, i, start = 0;
	unsigned sel = size ? data[0] : 0;
	struct tn_actor actor;
	const char *target;
	int dirty = 0, empty = 0;

	if (size > 4096)
		return 0;
	if (model == NULL)
		model = fz_fixture_model();
	/* Exact-size copies: a read past a counted value is caught. */
	for (i = 1; i <= size && ns < NSTR; i++) {
		if (i == size || data[i] == '\0') {
			size_t len = i - start - (start == 0);
			const uint8_t *from = data + start + (start == 0);
			s[ns] = malloc(len + 1);
			if (s[ns] == NULL)
				abort();
			memcpy(s[ns], from, len);
			s[ns][len] = '\0';
			/* Values are counted, not terminated: no NUL after. */
			raw[ns] = malloc(len ? len : 1);
			if (raw[ns] == NULL)
				abort();
			memcpy(raw[ns], from, len);
			v[ns].val = raw[ns];
			v[ns].len = len;
			empty |= len == 0;
			ns++;
			start = i + 1;
		}
	}
	if (ns == 0 || (empty && fz_skip_empty())) {
		for (i = 0; i < ns; i++) {
			free(s[i]);
			free(raw[i]);
		}
		return 0;
	}
	actor.dn = actors[sel % 5];
	actor.is_root = actor.dn == NULL;
	target = targets[(sel >> 3) % NTARGETS];

	for (i = 0; i < ns; i++) {
		struct tn_attr attr = {dn_attrs[(sel + i) % NATTRS], 1, &v[i]};
		struct tn_attr add_attrs[3];
		struct tn_value oc[2] = {{13, "inetOrgPerson"}, {14, "tenancyMailbox"}};
		struct tn_value mail = {v[i].len, v[i].val};
		struct tn_entry e;
		struct tn_mod mod;
		struct tn_change c;
		struct tn_actor hostile = {s[i], 0};

		/* The string as a DN: add, delete, rename, modify target. */
		add_attrs[0] = (struct tn_attr){"objectClass", 2, oc};
		add_attrs[1] = (struct tn_attr){"mail", 1, &mail};
		add_attrs[2] = attr;
		e = (struct tn_entry){s[i], 3, add_attrs};
		memset(&c, 0, sizeof c);
		c.kind = TN_ADD;
		c.dn = s[i];
		c.entry = &e;
		dirty |= judge_apply(&actor, &c);
		c.kind = TN_DELETE;
		c.entry = NULL;
		(void)judge_apply(&hostile, &c);
		c.kind = TN_RENAME;
		c.newrdn = s[(i + 1) % ns];
		c.newsup = (sel & 0x80) ? s[(i + 2) % ns] : NULL;
		c.deleteoldrdn = sel & 1;
		(void)judge_apply(&actor, &c);

		/* The string as a value of every kind of attribute. */
		mod.op = (enum tn_mod_op)((sel >> 5) % 4);
		mod.attr = attr;
		memset(&c, 0, sizeof c);
		c.kind = TN_MODIFY;
		c.dn = target;
		c.mods = &mod;
		c.nmods = 1;
		dirty |= judge_apply(&actor, &c);

		/* The string as a rename of a fixture entry. */
		memset(&c, 0, sizeof c);
		c.kind = TN_RENAME;
		c.dn = target;
		c.newrdn = s[i];
		c.deleteoldrdn = 1;
		dirty |= judge_apply(&actor, &c);

		/* Questions. */
		fz_ask_all(model, s[i], s[(i + 1) % ns]);
		tn_route(model, v[i].val, v[i].len, fz_route_sink, NULL);
		(void)tn_visible(model, &hostile, target);
		(void)tn_visible(model, &actor, s[i]);
	}
	if (dirty) {
		/* Ask about the fixture once more, then start the next input
		 * from a clean fixture. */
		for (i = 0; i < NTARGETS; i++)
			fz_ask_all(model, targets[i], s[0]);
		tn_model_free(model);
		model = NULL;
	}
	for (i = 0; i < ns; i++) {
		free(s[i]);
		free(raw[i]);
	}
	return 0;
}
