/*
 * event.c - the share notification event, as text.
 *
 * Interface (tenancy.h): tn_event_format(), tn_event_parse().
 *
 * The overlay spools one event per person to notify of a share a write
 * grants; `tenancy notify` reads it back and sends the mail.  Both sides
 * speak this one format, a few "Name: value" lines, so that neither
 * defines it alone.
 *
 * Failure modes: formatting cannot fail (the text is cut to the buffer,
 * as snprintf cuts it); parsing says -1 when the event names no address
 * to deliver to, and never reads past the text's NUL.
 */
#include "tenancy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

size_t
tn_event_format(char *buf, size_t size, const struct tn_event *ev)
{
	/* cppcheck-suppress ctunullpointer ; snprintf() takes NULL with size 0, to measure */
	int n = snprintf(buf, size,
	        "Event: %s\nMailbox: %s\nMailbox-DN: %s\nGrantee: %s\n"
	        "Level: %s\nTo: %s\nActor: %s\nDate: %ld\n",
	        or_empty(ev->event), or_empty(ev->mailbox), or_empty(ev->mailbox_dn),
	        or_empty(ev->grantee), or_empty(ev->level), or_empty(ev->to), or_empty(ev->actor),
	        ev->date);

	return n < 0 ? 0 : (size_t)n;
}

/* One "Name: value" line (its end already cut); unknown names are left. */
static void
event_field(struct tn_event *ev, const char *line)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
	        {"Event", offsetof(struct tn_event, event)},
	        {"Mailbox", offsetof(struct tn_event, mailbox)},
	        {"Mailbox-DN", offsetof(struct tn_event, mailbox_dn)},
	        {"Grantee", offsetof(struct tn_event, grantee)},
	        {"Level", offsetof(struct tn_event, level)},
	        {"To", offsetof(struct tn_event, to)},
	        {"Actor", offsetof(struct tn_event, actor)},
	};
	char *v = strchr(line, ':');
	size_t i;

	if (!v)
		return;
	*v++ = '\0';
	while (*v == ' ')
		v++;
	v[strcspn(v, "\r")] = '\0';
	if (strcmp(line, "Date") == 0) {
		ev->date = strtol(v, NULL, 10);
		return;
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(line, fields[i].name) == 0)
			*(const char **)((char *)ev + fields[i].off) = v;
}

int
tn_event_parse(char *text, struct tn_event *ev)
{
	char *line, *next;

	ev->event = ev->mailbox = ev->mailbox_dn = ev->grantee = "";
	ev->level = ev->to = ev->actor = "";
	ev->date = 0;
	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		event_field(ev, line);
	}
	/* The addresses go into headers and commands: the one grammar (no
	 * blanks, quotes, controls or specials). */
	return tn_address_check(ev->to, strlen(ev->to), NULL) == 0 &&
	                       tn_address_check(ev->mailbox, strlen(ev->mailbox), NULL) == 0
	               ? 0
	               : -1;
}
