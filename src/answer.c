/*
 * answer.c - answers, verdicts and their one-line texts.
 *
 * Every refusal reads "<rule>: <entry>: <why>".  answer_set() and
 * answer_cat() write the rule and the rest of a question's answer;
 * verdict_set() fills a verdict's rule, entry and message apart, and
 * composes its text from them with tn_verdict_text(), the one place that
 * knows that form.  Both escape every control character a quoted value
 * brings (as \xNN), so that no value can add a line to a client's message
 * or to a log.
 *
 * Interface (answer.h): answer_set(), answer_cat(), answer_oom(),
 * verdict_set(), verdict_oom(); tn_answer_init(), tn_answer_clear(),
 * tn_verdict_init(), tn_verdict_clear() and tn_verdict_text() (tenancy.h).
 *
 * Failure modes: when memory runs out while a text is made, the answer
 * or verdict keeps its code and rule and has no text.  answer_oom() and
 * verdict_oom() are the answer to a question, and the verdict on a
 * change, that could not be made for want of memory.
 */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
tn_answer_init(struct tn_answer *a)
{
	a->want_explain = 0;
	a->code = TN_OK;
	a->rule = NULL;
	a->text = NULL;
	a->explain = NULL;
}

void
tn_answer_clear(struct tn_answer *a)
{
	int want_explain = a->want_explain;

	free(a->text);
	free(a->explain);
	tn_answer_init(a);
	/* It belongs to the question, which the caller may ask again. */
	a->want_explain = want_explain;
}

/* Does s[0..len) hold a control character (below 0x20, or 0x7f)?  Eight
 * bytes at a time: every answer's text is scanned, and its values rarely
 * hold one.  A byte b < 0x20 is one whose b - 0x20 borrows (high bit set)
 * while b's own high bit is clear; 0x7f is the byte whose xor with 0x7f is
 * zero, tested the same way.  A borrow only propagates from a byte that
 * already matched, so the test is exact for "any". */
static int
has_control(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t acc = 0, w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&w, s + i, 8);
		x = w ^ (0x7f * ones);
		acc |= ((w - 0x20 * ones) & ~w) | ((x - ones) & ~x);
	}
	if (acc & highs)
		return 1;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return 1;
	}
	return 0;
}

/* Give the answer the text in `b` (which starts with the rule), on one
 * line whatever the values it quotes hold: control characters are written
 * as \xNN (rare: the text is rebuilt only then). */
static void
answer_take(struct tn_answer *a, enum tn_result code, const char *rule, struct buf *b)
{
	a->code = code;
	a->rule = rule;
	if (b->s && has_control(b->s, b->len)) {
		struct buf clean;
		size_t i;
		buf_init(&clean);
		for (i = 0; i < b->len; i++) {
			unsigned char c = (unsigned char)b->s[i];
			if (c < 0x20 || c == 0x7f)
				buf_printf(&clean, "\\x%02x", c);
			else
				buf_addc(&clean, (char)c);
		}
		buf_free(b);
		*b = clean;
	}
	a->text = buf_take(b);
}

/* The text in `b`, on one line as answer_take() makes it. */
static char *
one_line(struct buf *b)
{
	struct tn_answer a;

	tn_answer_init(&a);
	answer_take(&a, TN_OK, NULL, b);
	return a.text;
}

void
answer_set(struct tn_answer *a, enum tn_result code, const char *rule, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	free(a->text);
	a->text = NULL;
	buf_init(&b);
	buf_reserve(&b, 255);
	buf_adds(&b, rule);
	buf_add(&b, ": ", 2);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	answer_take(a, code, rule, &b);
}

/* The most parts a text is made of, rule included. */
#define ANSWER_PARTS 16

void
answer_cat(struct tn_answer *a, enum tn_result code, const char *rule, ...)
{
	const char *part[ANSWER_PARTS];
	size_t plen[ANSWER_PARTS], n = 0, len;
	struct buf b;
	va_list ap;
	const char *s;

	free(a->text);
	a->text = NULL;
	/* Measure first: the text is written once, into one allocation. */
	part[n] = rule;
	plen[n] = strlen(rule);
	len = plen[n++] + 2;
	va_start(ap, rule);
	while ((s = va_arg(ap, const char *)) != NULL && n < ANSWER_PARTS) {
		part[n] = s;
		plen[n] = strlen(s);
		len += plen[n++];
	}
	va_end(ap);
	buf_init(&b);
	if (buf_reserve(&b, len) == 0) {
		char *p = b.s;
		size_t i;
		for (i = 0; i < n; i++) {
			memcpy(p, part[i], plen[i]);
			p += plen[i];
			if (i == 0) {
				*p++ = ':';
				*p++ = ' ';
			}
		}
		*p = '\0';
		b.len = len;
	}
	answer_take(a, code, rule, &b);
}

void
answer_oom(struct tn_answer *a)
{
	free(a->text);
	a->text = NULL;
	a->code = TN_UNWILLING_TO_PERFORM;
	a->rule = "memory";
}

void
tn_verdict_init(struct tn_verdict *v)
{
	v->want_explain = 0;
	v->code = TN_OK;
	v->rule = NULL;
	v->entry = NULL;
	v->message = NULL;
	v->text = NULL;
	v->explain = NULL;
	v->set_status = NULL;
}

void
tn_verdict_clear(struct tn_verdict *v)
{
	int want_explain = v->want_explain;

	free(v->entry);
	free(v->message);
	free(v->text);
	free(v->explain);
	tn_verdict_init(v);
	/* It belongs to the question, which the caller may ask again. */
	v->want_explain = want_explain;
}

char *
tn_verdict_text(const char *rule, const char *entry, const char *message)
{
	size_t rl, el, ml;
	char *t, *p;

	if (!message)
		return NULL;
	rule = rule ? rule : "";
	rl = strlen(rule);
	el = entry ? strlen(entry) + 2 : 0;
	ml = strlen(message);
	if (!(t = malloc(rl + 2 + el + ml + 1)))
		return NULL;
	p = t;
	memcpy(p, rule, rl);
	p += rl;
	*p++ = ':';
	*p++ = ' ';
	if (entry) {
		memcpy(p, entry, el - 2);
		p += el - 2;
		*p++ = ':';
		*p++ = ' ';
	}
	memcpy(p, message, ml + 1);
	return t;
}

/* The most a verdict's format may spend on its entry part. */
#define ENTRY_FMT_MAX 32

void
verdict_set(struct tn_verdict *v, enum tn_result code, const char *rule, const char *fmt, ...)
{
	const char *sep = strstr(fmt, ": ");
	struct buf all, entry;
	va_list ap;

	free(v->entry);
	free(v->message);
	free(v->text);
	v->entry = v->message = v->text = NULL;
	v->code = code;
	v->rule = rule;
	buf_init(&all);
	buf_init(&entry);
	va_start(ap, fmt);
	if (sep && (size_t)(sep - fmt) < ENTRY_FMT_MAX) {
		/* The entry is what the format writes before its first ": ":
		 * the same arguments through that part of it alone. */
		char efmt[ENTRY_FMT_MAX];
		va_list eap;
		memcpy(efmt, fmt, (size_t)(sep - fmt));
		efmt[sep - fmt] = '\0';
		va_copy(eap, ap);
		buf_vprintf(&entry, efmt, eap);
		va_end(eap);
	} else {
		sep = NULL;
	}
	buf_vprintf(&all, fmt, ap);
	va_end(ap);
	if (sep && !entry.oom && !all.oom && all.len >= entry.len + 2) {
		/* The message: what follows the entry and its ": ". */
		struct buf msg;
		buf_init(&msg);
		buf_add(&msg, all.s + entry.len + 2, all.len - entry.len - 2);
		buf_free(&all);
		all = msg;
		v->entry = one_line(&entry);
	}
	buf_free(&entry);
	v->message = one_line(&all);
	v->text = tn_verdict_text(rule, v->entry, v->message);
}

void
verdict_oom(struct tn_verdict *v)
{
	free(v->entry);
	free(v->message);
	free(v->text);
	v->entry = v->message = v->text = NULL;
	v->code = TN_UNWILLING_TO_PERFORM;
	v->rule = "memory";
}
