/*
 * answer.h - answers (answer.c): filling a tn_answer with a result and its
 * one-line text.
 */
#ifndef TN_ANSWER_H
#define TN_ANSWER_H

#include "model.h"

void answer_set(struct tn_answer *a, enum tn_result code, const char *rule,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same from strings joined as they are, ended by NULL: for the hot
 * paths, where printf's parsing would cost more than the decision. */
void answer_cat(struct tn_answer *a, enum tn_result code, const char *rule,
	...) __attribute__((sentinel));
void answer_oom(struct tn_answer *a);

#endif
