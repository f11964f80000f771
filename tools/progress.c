/*
 * Copyright 2026 The tenancy developers (see AUTHORS).
 * All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted only as authorized by the OpenLDAP
 * Public License.
 *
 * A copy of this license is available in the file LICENSE in the
 * top-level directory of the distribution or, alternatively, at
 * <http://www.OpenLDAP.org/license.html>.
 */
/*
 * progress.c - a progress bar on stderr for long runs.
 *
 * Shown only when stderr is a terminal, so that scripts and logs get
 * nothing but the output they asked for.  With a known total it draws a
 * bar; without one, a running count; either way the records read and the
 * findings so far follow.  Redrawn at most once per percent or every 1000
 * items.  Output that goes to the same terminal calls progress_clear()
 * first, so that nothing is written over the bar: the bar comes back at the
 * next update.
 */
#include <unistd.h>

#include "cli.h"

void
progress_start(struct progress *p, const char *label, long total)
{
	p->on = isatty(STDERR_FILENO);
	p->label = label;
	p->total = total;
	p->last = -1;
	p->records = 0;
	p->findings = 0;
	p->drawn = 0;
}

void
progress_clear(struct progress *p)
{
	if (p == NULL || !p->on || !p->drawn)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	p->drawn = 0;
	p->last = -1; /* redraw at the next update */
}

void
progress_update(struct progress *p, long done)
{
	enum { WIDTH = 40 };

	if (!p->on)
		return;
	if (p->total > 0) {
		long pct = done * 100 / p->total, i, fill;

		if (pct > 100)
			pct = 100;
		if (pct == p->last)
			return;
		p->last = pct;
		fill = pct * WIDTH / 100;
		fprintf(stderr, "\r%s [", p->label);
		for (i = 0; i < WIDTH; i++)
			fputc(i < fill ? '#' : ' ', stderr);
		fprintf(stderr, "] %3ld%%", pct);
	} else {
		long step = done / 1000;
		if (step == p->last)
			return;
		p->last = step;
		fprintf(stderr, "\r%s: %ld", p->label, done);
	}
	fprintf(stderr, "  %ld record%s, %lu finding%s\033[K", p->records,
	        p->records == 1 ? "" : "s", p->findings, p->findings == 1 ? "" : "s");
	fflush(stderr);
	p->drawn = 1;
}

void
progress_end(struct progress *p)
{
	progress_clear(p);
	p->last = -1;
}
