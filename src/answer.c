/*
 * answer.c - answers and their texts.
 */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>

void
tn_answer_init(struct tn_answer *a)
{
	a->code = TN_OK;
	a->rule = NULL;
	a->text = NULL;
	a->explain = NULL;
	a->set_status = NULL;
}

void
tn_answer_clear(struct tn_answer *a)
{
	free(a->text);
	free(a->explain);
	tn_answer_init(a);
}

void
answer_set(struct tn_answer *a, enum tn_result code, const char *rule,
	const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	int n;

	a->code = code;
	a->rule = rule;
	free(a->text);
	a->text = NULL;
	buf_init(&b);
	buf_printf(&b, "%s: ", rule);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0) {
		char *s = malloc((size_t)n + 1);
		if (s) {
			const unsigned char *p;
			va_start(ap, fmt);
			vsnprintf(s, (size_t)n + 1, fmt, ap);
			va_end(ap);
			/* One line, whatever the values it quotes hold: control
			 * characters are written as \xNN. */
			for (p = (const unsigned char *)s; *p; p++) {
				if (*p < 0x20 || *p == 0x7f)
					buf_printf(&b, "\\x%02x", *p);
				else
					buf_addc(&b, (char)*p);
			}
			free(s);
		} else {
			b.oom = 1;
		}
	}
	a->text = buf_take(&b);
}

void
answer_oom(struct tn_answer *a)
{
	free(a->text);
	a->text = NULL;
	a->code = TN_UNWILLING_TO_PERFORM;
	a->rule = "memory";
}
