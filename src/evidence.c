/*
 * evidence.c - the evidence behind a refusal: the entries that decided it
 * (DESIGN §10), for lint --explain.
 *
 * When the caller of tn_judge() set want_explain, each refusal of the
 * judge also writes, one line each, "<DN>: <what it shows>": the actor,
 * the unit where a permission was needed and the units above it, and the
 * grants that count there (rights_at()'s own lines, so the walk is the
 * one the decision made); the holder of a taken address or name; the
 * entries that still refer to an entry; the reference and what it names.
 * evidence_close() hands the lines to the verdict; a refusal that wrote
 * none gets one line, its entry and message.  Without want_explain every
 * function here returns at once: a write costs what it cost.
 *
 * A chain names only what the refusal's text may name: a hidden entry
 * stays hidden (a refusal "hidden" has no chain), and the holder of a
 * name in another tenant is not named.
 *
 * Interface (judge.h): EXPLAINING(), evidence(), evidence_ref(),
 * evidence_units(), evidence_grants(), evidence_close().
 *
 * Failure modes: when memory runs out the chain is cut short or NULL;
 * the verdict is the same.  Control characters in a line become \xNN, so
 * that no value adds a line to the chain.
 */
#include "judge.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Append s to the chain with its control characters as \xNN. */
static void
add_escaped(struct buf *ev, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, from = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != 0x7f)
			continue;
		buf_add(ev, s + from, i - from);
		{
			const char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			buf_add(ev, e, 4);
		}
		from = i + 1;
	}
	buf_add(ev, s + from, len - from);
}

/* One line: the DN in `who`, ": ", the formatted rest. */
static void
line(struct judge *j, const struct buf *who, const char *fmt, va_list ap)
{
	struct buf l;

	buf_init(&l);
	buf_vprintf(&l, fmt, ap);
	add_escaped(&j->ev, who->s ? who->s : "", who->len);
	buf_adds(&j->ev, ": ");
	add_escaped(&j->ev, l.s ? l.s : "", l.len);
	buf_addc(&j->ev, '\n');
	buf_free(&l);
}

void
evidence(struct judge *j, uint32_t id, const char *fmt, ...)
{
	struct buf who;
	va_list ap;

	if (!EXPLAINING(j))
		return;
	buf_init(&who);
	if (id)
		node_dn_display(j->m, id, &who);
	else
		buf_adds(&who, j->actor && j->actor->dn ? j->actor->dn : "");
	va_start(ap, fmt);
	line(j, &who, fmt, ap);
	va_end(ap);
	buf_free(&who);
}

void
evidence_ref(struct judge *j, const char *cdn, const char *fmt, ...)
{
	struct buf who;
	va_list ap;

	if (!EXPLAINING(j))
		return;
	buf_init(&who);
	ref_display(j, &who, cdn);
	if (!who.s || who.oom) {
		buf_reset(&who);
		buf_adds(&who, cdn);
	}
	va_start(ap, fmt);
	line(j, &who, fmt, ap);
	va_end(ap);
	buf_free(&who);
}

void
evidence_units(struct judge *j, uint32_t unit, const char *need)
{
	uint32_t k;

	if (!EXPLAINING(j) || !unit)
		return;
	for (k = unit; k; k = unit_parent(j->m, k)) {
		int dom = j->m->nodes[k].kind == K_DOMAIN;
		if (k == unit)
			evidence(j, k, "the %s where %s", dom ? "domain" : "unit", need);
		else
			evidence(j, k, "%s above it", dom ? "the domain" : "a unit");
		if (dom)
			break;
	}
}

void
evidence_grants(struct judge *j, uint32_t who, uint32_t unit)
{
	struct rights r;
	struct buf ex, at;
	size_t n = 0, i;

	if (!EXPLAINING(j) || !unit)
		return;
	buf_init(&ex);
	buf_init(&at);
	node_dn_display(j->m, unit, &at);
	if (!who) {
		evidence(j, 0, "not an entry of the directory: holds no grant at %s or above",
		        at.s ? at.s : "");
		buf_free(&at);
		return;
	}
	if (rights_at(j->m, who, unit, &r, &ex) < 0)
		ex.oom = 1;
	rights_free(&r);
	for (i = 0; i < ex.len; i++)
		n += ex.s[i] == '\n';
	if (ex.oom)
		evidence(j, who, "its grants at %s: memory ran out", at.s ? at.s : "");
	else if (n == 0)
		evidence(j, who, "holds no grant at %s or above, directly or through a group",
		        at.s ? at.s : "");
	else
		evidence(j, who, "holds %zu grant%s at %s or above:", n, n == 1 ? "" : "s",
		        at.s ? at.s : "");
	if (!ex.oom && ex.s) {
		/* rights_at()'s lines, one a grant, as --explain prints them
		 * for tenancy rights. */
		const char *p = ex.s, *nl;
		while (*p && (nl = strchr(p, '\n')) != NULL) {
			add_escaped(&j->ev, p, (size_t)(nl - p));
			buf_addc(&j->ev, '\n');
			p = nl + 1;
		}
	}
	buf_free(&ex);
	buf_free(&at);
}

void
evidence_close(struct judge *j)
{
	struct tn_verdict *v = j->out;

	if (!EXPLAINING(j) || v->code == TN_OK || v->explain) {
		buf_free(&j->ev);
		return;
	}
	/* A hidden target is answered as a missing one: nothing to show.
	 * Memory running out decided nothing about the entries. */
	if (!v->rule || strcmp(v->rule, "hidden") == 0 || strcmp(v->rule, "memory") == 0) {
		buf_free(&j->ev);
		return;
	}
	if (!j->ev.len && v->message) {
		/* Nothing beyond the target itself: the rule's input. */
		if (v->entry) {
			add_escaped(&j->ev, v->entry, strlen(v->entry));
			buf_adds(&j->ev, ": ");
		}
		add_escaped(&j->ev, v->message, strlen(v->message));
		buf_addc(&j->ev, '\n');
	}
	v->explain = buf_take(&j->ev);
	buf_free(&j->ev);
}
