/*
 * answer.c - answers and their texts.
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
	for (i = 0; b->s && i < b->len; i++)
		if ((unsigned char)b->s[i] < 0x20 || b->s[i] == 0x7f)
			break;
	if (b->s && i < b->len) {
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

void
answer_cat(struct tn_answer *a, enum tn_result code, const char *rule, ...)
{
	struct buf b;
	va_list ap;
	const char *s;
	size_t len = strlen(rule) + 2;

	free(a->text);
	a->text = NULL;
	/* Measure first: the text is written once, into one allocation. */
	va_start(ap, rule);
	while ((s = va_arg(ap, const char *)) != NULL)
		len += strlen(s);
	va_end(ap);
	buf_init(&b);
	buf_reserve(&b, len);
	buf_adds(&b, rule);
	buf_add(&b, ": ", 2);
	va_start(ap, rule);
	while ((s = va_arg(ap, const char *)) != NULL)
		buf_adds(&b, s);
	va_end(ap);
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
