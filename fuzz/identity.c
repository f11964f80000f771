/*
 * identity.c - libFuzzer target: one entry, whatever its spelling
 * (DESIGN §5a.1).
 *
 * The input picks a DN of the fixture directory (common.c) and respells it
 * the ways LDAP lets one DN be written: attribute types and values in any
 * ASCII case, blanks around ',', '=' and '+', characters of a value as hex
 * escapes (upper or lower case; a blank inside a value as \20 too),
 * specials escaped as "\," or "\2C", and
 * the values of a multi-valued RDN in any order.  slapd takes every such
 * spelling for the same entry; so must the engine: for each actor, the
 * verdict (code and rule) on the same modify, delete and rename, the
 * visibility, and the computed attributes are the same for the spelling
 * as for the DN as written in the fixture.  The rest of the input is then
 * used as bytes mixed into the spelling (not an equivalence any more),
 * which must neither crash nor leak.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tn_model *model;

#define D_A "tenancyDomainName=a.test,ou=domains,dc=example,dc=net"
#define D_B "tenancyDomainName=b.test,ou=domains,dc=example,dc=net"

static const char *const dns[] = {
        "uid=bob,ou=people," D_A,
        "uid=admin,ou=people," D_A,
        "uid=alice,ou=people," D_A,
        "cn=team,ou=groups," D_A,
        "cn=contact,ou=shared," D_A,
        "ou=u2,ou=u1," D_A,
        "cn=alice-u1,ou=grants," D_A,
        D_A,
        "uid=carol,ou=people," D_B,
        "cn=userManager,ou=roles,dc=example,dc=net",
        /* added to the fixture (extra[]): a multi-valued RDN, and specials
	 * to escape */
        "cn=x+uid=y,ou=people," D_A,
        "cn=a\\,b+sn=c\\+d,ou=people," D_A,
        "cn=a b,ou=people," D_A,
};

static const char extra[] = "dn: cn=x+uid=y,ou=people," D_A "\nobjectClass: inetOrgPerson\n"
                            "objectClass: tenancyMailbox\nmail: xy@a.test\n\n"
                            "dn: cn=a\\,b+sn=c\\+d,ou=people," D_A "\nobjectClass: inetOrgPerson\n"
                            "objectClass: tenancyMailbox\nmail: ab@a.test\n\n"
                            "dn: cn=a b,ou=people," D_A "\nobjectClass: inetOrgPerson\n"
                            "objectClass: tenancyMailbox\nmail: a.b@a.test\n\n";
#define NDNS (sizeof dns / sizeof *dns)

static const struct tn_actor actors[] = {
        {"uid=alice,ou=people," D_A, 0},
        {"uid=admin,ou=people," D_A, 0},
        {"uid=carol,ou=people," D_B, 0},
        {"cn=operator,dc=example,dc=net", 0},
        {"cn=admin,dc=example,dc=net", 1},
};
#define NACTORS (sizeof actors / sizeof *actors)

struct out {
	char *s;
	size_t n, cap;
};

static void
put(struct out *o, char c)
{
	if (o->n + 1 >= o->cap) {
		o->cap = o->cap ? o->cap * 2 : 256;
		if ((o->s = realloc(o->s, o->cap)) == NULL)
			abort();
	}
	o->s[o->n++] = c;
	o->s[o->n] = '\0';
}

static void
blanks(struct out *o, struct fz_in *in)
{
	unsigned n = fz_pick(in, 3);

	while (n-- > 0)
		put(o, ' ');
}

static char
flip(char c, struct fz_in *in)
{
	if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && fz_pick(in, 2))
		return (char)(c ^ 0x20);
	return c;
}

/* One AVA "type=value" (value with its escapes as in dns[]), respelled. */
static void
respell_ava(struct out *o, const char *ava, size_t len, struct fz_in *in)
{
	static const char hex[] = "0123456789abcdef0123456789ABCDEF";
	size_t i = 0;

	for (; i < len && ava[i] != '='; i++)
		put(o, flip(ava[i], in));
	blanks(o, in);
	put(o, '=');
	blanks(o, in);
	for (i++; i < len; i++) {
		unsigned char c = (unsigned char)ava[i];
		unsigned how = fz_pick(in, 4);
		int upper = fz_pick(in, 2) ? 16 : 0;

		if (c == '\\') {
			c = (unsigned char)ava[++i];
			/* an escaped special: "\," or its hex form */
			if (how & 1) {
				put(o, '\\');
				put(o, hex[(c >> 4) + upper]);
				put(o, hex[(c & 15) + upper]);
			} else {
				put(o, '\\');
				put(o, (char)c);
			}
		} else if (how == 0) {
			put(o, '\\');
			put(o, hex[(c >> 4) + upper]);
			put(o, hex[(c & 15) + upper]);
		} else {
			put(o, flip((char)c, in));
		}
	}
}

/* Split an RDN at its unescaped '+'. */
static size_t
avas(const char *rdn, size_t len, const char **at, size_t *alen, size_t max)
{
	size_t n = 0, i, start = 0;

	for (i = 0; i <= len && n < max; i++) {
		if (i < len && rdn[i] == '\\') {
			i++;
			continue;
		}
		if (i == len || rdn[i] == '+') {
			at[n] = rdn + start;
			alen[n++] = i - start;
			start = i + 1;
		}
	}
	return n;
}

static void
respell(struct out *o, const char *dn, struct fz_in *in)
{
	const char *p = dn;

	blanks(o, in);
	while (*p) {
		const char *e = p, *a[8];
		size_t al[8], n, k, order[8];

		while (*e && *e != ',') {
			if (*e == '\\' && e[1])
				e++;
			e++;
		}
		n = avas(p, (size_t)(e - p), a, al, 8);
		for (k = 0; k < n; k++)
			order[k] = k;
		for (k = n; k > 1; k--) { /* shuffle the AVAs */
			size_t j = fz_pick(in, (unsigned)k), t = order[k - 1];
			order[k - 1] = order[j];
			order[j] = t;
		}
		for (k = 0; k < n; k++) {
			if (k) {
				blanks(o, in);
				put(o, '+');
				blanks(o, in);
			}
			respell_ava(o, a[order[k]], al[order[k]], in);
		}
		if (!*e)
			break;
		blanks(o, in);
		put(o, ',');
		blanks(o, in);
		p = e + 1;
	}
	blanks(o, in);
}

struct verdict {
	int code;
	char rule[64];
};

static void
judge(const struct tn_actor *actor, const struct tn_change *c, struct verdict *v)
{
	struct tn_verdict a;

	tn_verdict_init(&a);
	if (tn_judge(model, actor, c, &a, NULL) != 0)
		abort();
	fz_check_verdict(&a, 1);
	v->code = (int)a.code;
	snprintf(v->rule, sizeof v->rule, "%s", a.rule ? a.rule : "");
	tn_verdict_clear(&a);
}

static void
verdicts(const struct tn_actor *actor, const char *dn, struct verdict v[4])
{
	struct tn_value val = {1, "x"};
	struct tn_mod mod = {TN_MOD_REPLACE, {"description", 1, &val}};
	struct tn_mod pw = {TN_MOD_REPLACE, {"userPassword", 1, &val}};
	struct tn_change c;

	memset(&c, 0, sizeof c);
	c.kind = TN_MODIFY;
	c.dn = dn;
	c.mods = &mod;
	c.nmods = 1;
	judge(actor, &c, &v[0]);
	c.mods = &pw;
	judge(actor, &c, &v[1]);
	memset(&c, 0, sizeof c);
	c.kind = TN_DELETE;
	c.dn = dn;
	judge(actor, &c, &v[2]);
	c.kind = TN_RENAME;
	c.newrdn = "cn=renamed";
	judge(actor, &c, &v[3]);
}

struct values {
	struct out all;
};

static int
collect(void *ctx, const char *val, size_t len)
{
	struct values *v = ctx;
	size_t i;

	for (i = 0; i < len; i++)
		put(&v->all, val[i]);
	put(&v->all, '\n');
	return 0;
}

static void
differ(const char *what, const char *dn, const char *spelling)
{
	fprintf(stderr, "identity: %s differs between \"%s\" and its spelling \"%s\"\n", what, dn,
	        spelling);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = {data, size};
	const char *dn;
	struct out sp = {NULL, 0, 0};
	size_t i, k;

	if (model == NULL) {
		model = fz_fixture_model();
		fz_load_text(model, extra);
	}
	dn = dns[fz_pick(&in, NDNS)];
	respell(&sp, dn, &in);
	if (sp.s == NULL)
		abort();

	for (i = 0; i < NACTORS; i++) {
		struct verdict a[4], b[4];

		verdicts(&actors[i], dn, a);
		verdicts(&actors[i], sp.s, b);
		for (k = 0; k < 4; k++)
			if (a[k].code != b[k].code || strcmp(a[k].rule, b[k].rule) != 0)
				differ("a verdict", dn, sp.s);
		if (tn_visible(model, &actors[i], dn) != tn_visible(model, &actors[i], sp.s))
			differ("visibility", dn, sp.s);
	}
	{
		static const char *const attrs[] = {TN_AT_ADDRESS, TN_AT_SENDER, TN_AT_DELIVER_TO,
		        TN_AT_IMAP_GROUP, TN_AT_EFFECTIVE_ROLE};
		for (k = 0; k < sizeof attrs / sizeof *attrs; k++) {
			struct values x = {{NULL, 0, 0}}, y = {{NULL, 0, 0}};
			size_t nx = tn_computed(model, attrs[k], dn, collect, &x);
			size_t ny = tn_computed(model, attrs[k], sp.s, collect, &y);
			if (nx != ny || (x.all.s && strcmp(x.all.s, y.all.s ? y.all.s : "")))
				differ(attrs[k], dn, sp.s);
			free(x.all.s);
			free(y.all.s);
		}
	}

	/* What is left of the input, mixed into the spelling: any DN at all.
	 * Only well-formed answers are asked for. */
	for (i = 0; in.n > 0 && i < 64; i++) {
		size_t at = sp.n ? fz_pick(&in, (unsigned)sp.n) : 0;
		sp.s[at] = (char)fz_byte(&in);
	}
	if (memchr(sp.s, '\0', sp.n) == NULL) {
		struct verdict v[4];
		for (i = 0; i < NACTORS; i++) {
			verdicts(&actors[i], sp.s, v);
			(void)tn_visible(model, &actors[i], sp.s);
		}
		fz_ask_all(model, sp.s, sp.s);
	}
	free(sp.s);
	return 0;
}
