/*
 * answer.h - answers and verdicts (answer.c): filling a tn_answer or a
 * tn_verdict with a result and its one-line text.
 */
#ifndef TN_ANSWER_H
#define TN_ANSWER_H

#include "model.h"

/* Set the answer's code and rule, and its text to "<rule>: " and the
 * printf-formatted rest, on one line (control characters become \xNN),
 * replacing any text it had.  When memory runs out, the text is NULL;
 * the code and rule are set all the same. */
void answer_set(struct tn_answer *a, enum tn_result code, const char *rule, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* The same from strings joined as they are, ended by NULL (at most 15 of
 * them; more are left out): for the hot paths, where printf's parsing
 * would cost more than the decision. */
void answer_cat(struct tn_answer *a, enum tn_result code, const char *rule, ...)
        __attribute__((sentinel));
/* The answer when memory ran out: TN_UNWILLING_TO_PERFORM, rule "memory",
 * no text. */
void answer_oom(struct tn_answer *a);

/* A refusal of a change: `fmt` writes "<entry>: <message>", and its part
 * before its first ": " alone gives the entry (a verdict without one has
 * no ": " in its format).  Control characters become \xNN in each; the
 * text is tn_verdict_text() of the rule, the entry and the message.  When
 * memory runs out, the strings are NULL; the code and rule are set all
 * the same. */
void verdict_set(struct tn_verdict *v, enum tn_result code, const char *rule, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* The verdict when memory ran out: TN_UNWILLING_TO_PERFORM, rule
 * "memory", no text. */
void verdict_oom(struct tn_verdict *v);

#endif
