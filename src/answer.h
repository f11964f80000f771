/*
 * answer.h - answers (answer.c): filling a tn_answer with a result and its
 * one-line text.
 */
#ifndef TN_ANSWER_H
#define TN_ANSWER_H

#include "model.h"

/* Set the answer's code and rule, and its text to "<rule>: " and the
 * printf-formatted rest, on one line (control characters become \xNN),
 * replacing any text it had.  When memory runs out, the text is NULL;
 * the code and rule are set all the same. */
void answer_set(struct tn_answer *a, enum tn_result code, const char *rule,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same from strings joined as they are, ended by NULL (at most 15 of
 * them; more are left out): for the hot paths, where printf's parsing
 * would cost more than the decision. */
void answer_cat(struct tn_answer *a, enum tn_result code, const char *rule,
	...) __attribute__((sentinel));
/* The answer when memory ran out: TN_UNWILLING_TO_PERFORM, rule "memory",
 * no text. */
void answer_oom(struct tn_answer *a);

#endif
