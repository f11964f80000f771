/*
 * answer.c - answers and their one-line texts.
 *
 * Every refusal reads "<rule>: <entry>: <why>".  answer_set() and
 * answer_cat() write the rule and the rest, and escape every control
 * character a quoted value brings (as \xNN), so that no value can add a
 * line to a client's message or to a log.
 *
 * Interface (answer.h): answer_set(), answer_cat(), answer_oom();
 * tn_answer_init() and tn_answer_clear() (tenancy.h).
 *
 * Failure modes: when memory runs out while a text is made, the answer
 * keeps its code and rule and has no text.  answer_oom() is the answer to
 * a question that could not be answered for want of memory.
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
	a->set_status = NULL;
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
	uint64_t acc = 0, w, x;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
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
answer_take(struct tn_answer *a, enum tn_result code, const char *rule,
	struct buf *b)
{
	size_t i;

	a->code = code;
	a->rule = rule;
	if (b->s && has_control(b->s, b->len)) {
		struct buf clean;
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

void
answer_set(struct tn_answer *a, enum tn_result code, const char *rule,
	const char *fmt, ...)
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
	size_t plen[ANSWER_PARTS], n = 0, len, i;
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
