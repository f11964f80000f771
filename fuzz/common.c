/*
 * common.c - the fixture directory and the callback sinks the fuzz targets
 * share (common.h).
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define D_A "tenancyDomainName=a.test,ou=domains,dc=example,dc=net"
#define D_B "tenancyDomainName=b.test,ou=domains,dc=example,dc=net"

const char fz_fixture[] =
        "dn: dc=example,dc=net\nobjectClass: organization\no: example\n\n"
        "dn: ou=domains,dc=example,dc=net\nobjectClass: organizationalUnit\n\n"
        "dn: ou=roles,dc=example,dc=net\nobjectClass: organizationalUnit\n\n"
        "dn: cn=operator,dc=example,dc=net\nobjectClass: organizationalRole\n\n"
        "dn: cn=adminConsole,ou=roles,dc=example,dc=net\nobjectClass: tenancyRole\n"
        "cn: adminConsole\ntenancyPermission: console\ntenancyRootOnly: TRUE\n\n"
        "dn: cn=domainManager,ou=roles,dc=example,dc=net\nobjectClass: tenancyRole\n"
        "cn: domainManager\ntenancyPermission: domain\ntenancyRootOnly: TRUE\n"
        "tenancyImplies: adminConsole\n\n"
        "dn: cn=unitManager,ou=roles,dc=example,dc=net\nobjectClass: tenancyRole\n"
        "cn: unitManager\ntenancyPermission: units\n\n"
        "dn: cn=directoryEditor,ou=roles,dc=example,dc=net\nobjectClass: tenancyRole\n"
        "cn: directoryEditor\ntenancyPermission: users.fields\n\n"
        "dn: cn=userManager,ou=roles,dc=example,dc=net\nobjectClass: tenancyRole\n"
        "cn: userManager\ntenancyPermission: users.create\n"
        "tenancyPermission: users.delete\ntenancyPermission: users.move\n"
        "tenancyPermission: users.password\ntenancyPermission: users.mail\n"
        "tenancyImplies: directoryEditor\n\n"
        "dn: cn=groupManager,ou=roles,dc=example,dc=net\nobjectClass: tenancyRole\n"
        "cn: groupManager\ntenancyPermission: groups\n"
        "tenancyPermission: groups.members\n\n"
        "dn: cn=sharedMailboxManager,ou=roles,dc=example,dc=net\n"
        "objectClass: tenancyRole\ncn: sharedMailboxManager\n"
        "tenancyPermission: shared\ntenancyPermission: shares\n\n"
        "dn: cn=delegationManager,ou=roles,dc=example,dc=net\n"
        "objectClass: tenancyRole\ncn: delegationManager\n"
        "tenancyPermission: grants\n\n"
        /* tenant a.test, aliased by a-alias.test */
        "dn: " D_A "\nobjectClass: tenancyDomain\ntenancyDomainName: a.test\n"
        "tenancyDomainAlias: a-alias.test\ntenancyStatus: enabled\n\n"
        "dn: ou=people," D_A "\nobjectClass: organizationalUnit\nou: people\n\n"
        "dn: ou=groups," D_A "\nobjectClass: organizationalUnit\nou: groups\n\n"
        "dn: ou=shared," D_A "\nobjectClass: organizationalUnit\nou: shared\n\n"
        "dn: ou=grants," D_A "\nobjectClass: organizationalUnit\nou: grants\n\n"
        "dn: ou=u1," D_A "\nobjectClass: tenancyUnit\nou: u1\n\n"
        "dn: ou=u2,ou=u1," D_A "\nobjectClass: tenancyUnit\nou: u2\n\n"
        "dn: uid=admin,ou=people," D_A "\nobjectClass: inetOrgPerson\n"
        "objectClass: tenancyMailbox\nuid: admin\ncn: admin\nsn: admin\n"
        "mail: admin@a.test\n\n"
        "dn: uid=alice,ou=people," D_A "\nobjectClass: inetOrgPerson\n"
        "objectClass: tenancyMailbox\nuid: alice\ncn: alice\nsn: alice\n"
        "mail: alice@a.test\ntenancyMailAlias: al@a-alias.test\n"
        "tenancyUnitRef: ou=u1," D_A "\n\n"
        "dn: uid=bob,ou=people," D_A "\nobjectClass: inetOrgPerson\n"
        "objectClass: tenancyMailbox\nuid: bob\ncn: bob\nsn: bob\n"
        "mail: bob@a-alias.test\ntenancyUnitRef: ou=u2,ou=u1," D_A "\n"
        "tenancySendAsDelegate: uid=alice,ou=people," D_A "\n\n"
        "dn: cn=team,ou=groups," D_A "\nobjectClass: groupOfNames\n"
        "objectClass: tenancyGroup\ncn: team\nmail: team@a.test\n"
        "tenancyGroupSendAs: TRUE\ntenancyGroupDelivery: TRUE\n"
        "tenancyUnitRef: ou=u1," D_A "\n"
        "member: uid=alice,ou=people," D_A "\nmember: uid=bob,ou=people," D_A "\n\n"
        "dn: cn=contact,ou=shared," D_A "\nobjectClass: tenancySharedMailbox\n"
        "cn: contact\nmail: contact@a.test\n"
        "tenancyShareManage: cn=team,ou=groups," D_A "\n"
        "tenancyShareRead: uid=admin,ou=people," D_A "\n\n"
        "dn: cn=admin-root,ou=grants," D_A "\nobjectClass: tenancyGrant\n"
        "cn: admin-root\ntenancyGrantee: uid=admin,ou=people," D_A "\n"
        "tenancyScope: " D_A "\ntenancyRole: domainManager\n"
        "tenancyRole: unitManager\ntenancyRole: userManager\n"
        "tenancyRole: groupManager\ntenancyRole: sharedMailboxManager\n"
        "tenancyRole: delegationManager\n\n"
        "dn: cn=alice-u1,ou=grants," D_A "\nobjectClass: tenancyGrant\n"
        "cn: alice-u1\ntenancyGrantee: uid=alice,ou=people," D_A "\n"
        "tenancyScope: ou=u1," D_A "\ntenancyRole: userManager\n\n"
        /* tenant b.test */
        "dn: " D_B "\nobjectClass: tenancyDomain\ntenancyDomainName: b.test\n"
        "tenancyStatus: pending\n\n"
        "dn: ou=people," D_B "\nobjectClass: organizationalUnit\nou: people\n\n"
        "dn: uid=carol,ou=people," D_B "\nobjectClass: inetOrgPerson\n"
        "objectClass: tenancyMailbox\nuid: carol\ncn: carol\nsn: carol\n"
        "mail: carol@b.test\ntenancyStatus: pending\n\n";

#define MAX_ATTRS 32
#define MAX_VALS  64

static void
load_block(struct tn_model *m, char *block)
{
	struct tn_attr attrs[MAX_ATTRS];
	struct tn_value vals[MAX_VALS];
	struct tn_entry e = {NULL, 0, attrs};
	size_t nv = 0;
	char *line, *save = NULL;

	for (line = strtok_r(block, "\n", &save); line != NULL;
	        line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':');
		const char *v;

		if (colon == NULL || nv == MAX_VALS)
			abort();
		*colon = '\0';
		v = colon + 1 + (colon[1] == ' ');
		if (strcmp(line, "dn") == 0) {
			e.dn = v;
			continue;
		}
		vals[nv].val = v;
		vals[nv].len = strlen(v);
		if (e.nattrs > 0 && strcmp(attrs[e.nattrs - 1].name, line) == 0) {
			attrs[e.nattrs - 1].nvals++;
		} else {
			if (e.nattrs == MAX_ATTRS)
				abort();
			attrs[e.nattrs].name = line;
			attrs[e.nattrs].vals = &vals[nv];
			attrs[e.nattrs].nvals = 1;
			e.nattrs++;
		}
		nv++;
	}
	if (e.dn == NULL || tn_model_load(m, &e) != 0)
		abort();
}

void
fz_load_text(struct tn_model *m, const char *text)
{
	char *copy = strdup(text), *p, *next;

	if (copy == NULL)
		abort();
	for (p = copy; p != NULL && *p != '\0'; p = next) {
		next = strstr(p, "\n\n");
		if (next != NULL) {
			next[1] = '\0';
			next += 2;
		}
		if (*p != '\n')
			load_block(m, p);
	}
	free(copy);
}

struct tn_model *
fz_fixture_model(void)
{
	struct tn_model *m = tn_model_new();

	if (m == NULL || tn_config_add_operator(m, "cn=operator,dc=example,dc=net") != 0 ||
	        tn_config_add_reader(m, "cn=postfix,ou=services,dc=example,dc=net") != 0 ||
	        tn_config_set_domains_base(m, "ou=domains,dc=example,dc=net") != 0 ||
	        tn_config_set_roles_base(m, "ou=roles,dc=example,dc=net") != 0)
		abort();
	fz_load_text(m, fz_fixture);
	return m;
}

/* Read every byte of a string, so that ASan checks it is all there. */
static unsigned
touch(const char *s, size_t len)
{
	unsigned h = 0;
	size_t i;

	for (i = 0; i < len; i++)
		h = h * 31 + (unsigned char)s[i];
	return h;
}

static volatile unsigned fz_sink;

int
fz_value_sink(void *ctx, const char *val, size_t len)
{
	(void)ctx;
	fz_sink += touch(val, len);
	return 0;
}

int
fz_route_sink(void *ctx, const char *dn, const char *attr, const char *stored)
{
	(void)ctx;
	fz_sink +=
	        touch(dn, strlen(dn)) + touch(attr, strlen(attr)) + touch(stored, strlen(stored));
	return 0;
}

int
fz_who_sink(void *ctx, const char *login, const char *reason)
{
	(void)ctx;
	fz_sink += touch(login, strlen(login)) + touch(reason, strlen(reason));
	return 0;
}

int
fz_grant_sink(void *ctx, const char *mailbox_dn, const char *address, const char *grantee,
        const char *level, const char *recipient)
{
	(void)ctx;
	fz_sink += touch(mailbox_dn, strlen(mailbox_dn)) + touch(address, strlen(address)) +
	           touch(grantee, strlen(grantee)) + touch(level, strlen(level)) +
	           touch(recipient, strlen(recipient));
	return 0;
}

void
fz_report_sink(void *ctx, const char *dn, const struct tn_verdict *v)
{
	(void)ctx;
	fz_sink += touch(dn ? dn : "", dn ? strlen(dn) : 0);
	fz_check_verdict(v, 1);
}

void
fz_check_answer(const struct tn_answer *a, int one_line)
{
	static int strict = -1;

	/* FUZZ_ONE_LINE=0 skips the one-line check (a known finding). */
	if (strict < 0)
		strict = getenv("FUZZ_ONE_LINE") == NULL ||
		         strcmp(getenv("FUZZ_ONE_LINE"), "0") != 0;
	one_line &= strict;
	if (a->text != NULL) {
		/* A refusal's text is one line for the LDAP client. */
		if (one_line && a->code != TN_OK && strchr(a->text, '\n') != NULL) {
			fprintf(stderr, "answer text holds a newline: %s\n", a->text);
			abort();
		}
		fz_sink += touch(a->text, strlen(a->text));
	}
	if (a->explain != NULL)
		fz_sink += touch(a->explain, strlen(a->explain));
	if (a->code != TN_OK && a->rule == NULL) {
		fprintf(stderr, "refusal without a rule (code %d)\n", a->code);
		abort();
	}
}

void
fz_check_verdict(const struct tn_verdict *v, int one_line)
{
	struct tn_answer a;
	char *composed;

	a.want_explain = v->want_explain;
	a.code = v->code;
	a.rule = v->rule;
	a.text = v->text;
	a.explain = v->explain;
	fz_check_answer(&a, one_line);
	/* The evidence: asked for, every refusal with a text has it (a
	 * hidden one has neither), one line each, no control character in
	 * a line; not asked for, none is built. */
	if (v->want_explain && v->code != TN_OK && v->message != NULL && v->explain == NULL) {
		fprintf(stderr, "refusal %s without its evidence\n", v->rule);
		abort();
	}
	if (!v->want_explain && v->explain != NULL) {
		fprintf(stderr, "evidence built unasked: %s\n", v->explain);
		abort();
	}
	if (v->explain != NULL) {
		const char *p;
		size_t len = strlen(v->explain);
		for (p = v->explain; *p; p++)
			if (((unsigned char)*p < 0x20 && *p != '\n') || *p == 0x7f) {
				fprintf(stderr, "evidence holds a control character: %s\n",
				        v->explain);
				abort();
			}
		if (len == 0 || v->explain[len - 1] != '\n' || strstr(v->explain, "\n\n")) {
			fprintf(stderr, "evidence is not lines: \"%s\"\n", v->explain);
			abort();
		}
	}
	if (v->message == NULL)
		return;
	if ((composed = tn_verdict_text(v->rule, v->entry, v->message)) == NULL)
		abort();
	if (v->text == NULL || strcmp(composed, v->text) != 0) {
		fprintf(stderr, "verdict text \"%s\" is not its fields \"%s\"\n",
		        v->text ? v->text : "(null)", composed);
		abort();
	}
	free(composed);
}

void
fz_ask_all(const struct tn_model *m, const char *dn, const char *text)
{
	static const char *const attrs[] = {TN_AT_ADDRESS, TN_AT_SENDER, TN_AT_DELIVER_TO,
	        TN_AT_IMAP_GROUP, TN_AT_EFFECTIVE_ROLE};
	struct tn_actor actor = {dn, 0};
	struct tn_answer a;
	size_t i;

	for (i = 0; i < sizeof attrs / sizeof *attrs; i++)
		tn_computed(m, attrs[i], dn, fz_value_sink, NULL);
	tn_route(m, text, strlen(text), fz_route_sink, NULL);
	tn_sendas_who(m, text, fz_who_sink, NULL);
	(void)tn_visible(m, &actor, dn);
	(void)tn_sees_all(m, &actor);
	/* With explanations: they are the longer code to exercise. */
	tn_answer_init(&a);
	a.want_explain = 1;
	for (i = 0; i < 2; i++) {
		if (tn_sendas_check(m, text, text, (int)i, &a) == 0)
			fz_check_answer(&a, 0);
		tn_answer_clear(&a);
		if (tn_sendas_check(m, dn, text, (int)i, &a) == 0)
			fz_check_answer(&a, 0);
		tn_answer_clear(&a);
	}
	if (tn_rights(m, dn, NULL, &a) == 0)
		fz_check_answer(&a, 0);
	tn_answer_clear(&a);
	if (tn_rights(m, dn, dn, &a) == 0)
		fz_check_answer(&a, 0);
	tn_answer_clear(&a);
}

int
fz_env_on(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && strcmp(v, "0") != 0;
}

int
fz_skip_empty(void)
{
	static int skip = -1;

	if (skip < 0)
		skip = getenv("FUZZ_SKIP_EMPTY") != NULL &&
		       strcmp(getenv("FUZZ_SKIP_EMPTY"), "0") != 0;
	return skip;
}

unsigned
fz_byte(struct fz_in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

unsigned
fz_pick(struct fz_in *in, unsigned n)
{
	return n ? fz_byte(in) % n : 0;
}
