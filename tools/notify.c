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
 * notify.c - `tenancy notify`: deliver the share notifications that the
 * overlay spooled (tenancy-spool, see slapo-tenancy(5)).
 *
 * Usage: tenancy notify [--spool DIR] [--sendmail PATH | --smtp HOST[:PORT]]
 *                       [--from ADDRESS] [--loop SECONDS]
 *
 * Each event in DIR/new becomes one mail to the person it names, sent
 * through the local sendmail interface (default /usr/sbin/sendmail) or to
 * an SMTP server; sendmail runs with an argument vector, never through a
 * shell (DESIGN §5a.9).  An event is removed only once its mail was
 * accepted, so an interrupted run sends it again next time: at least
 * once, never lost.
 * With --loop, runs again every SECONDS until killed.
 *
 * Exit: 0 when every event was delivered, 1 when some were kept back,
 * 2 on usage errors or an unreadable spool.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define DEFAULT_SPOOL    "/var/spool/tenancy"
#define DEFAULT_SENDMAIL "/usr/sbin/sendmail"

struct notify_opts {
	const char *spool, *sendmail, *smtp, *from;
	int loop;
	int json; /* one JSON object per line for each mail sent */
};

/* The largest event read: a few lines of addresses and DNs. */
#define EVENT_MAX (1024 * 1024)

/* Read an event (tn_event_parse) into *text, which *ev points into and the
 * caller frees; returns 0 when the event names a recipient. */
static int
event_read(const char *path, struct tn_event *ev, char **text)
{
	FILE *f = fopen(path, "r");
	size_t len;

	*text = NULL;
	if (!f || !(*text = malloc(EVENT_MAX + 1))) {
		if (f)
			fclose(f);
		return -1;
	}
	len = fread(*text, 1, EVENT_MAX, f);
	(*text)[len] = '\0';
	fclose(f);
	return tn_event_parse(*text, ev);
}

static void
message_write(FILE *f, const struct tn_event *ev, const char *from, const char *id)
{
	char date[64];
	time_t now = time(NULL);
	const char *doc = "";
	size_t i;

	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", gmtime(&now));
	for (i = 0; i < tn_share_level_count(); i++)
		if (strcmp(tn_share_level_name(i), ev->level) == 0)
			doc = tn_share_level_doc(i);
	fprintf(f,
	        "From: %s\r\nTo: %s\r\nSubject: %s is shared with you\r\n"
	        "Date: %s\r\nMessage-ID: <%s@tenancy>\r\nAuto-Submitted: auto-generated\r\n"
	        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n",
	        from, ev->to, ev->mailbox, date, id);
	fprintf(f,
	        "The mailbox %s is now shared with you (level: %s):\r\n%s.\r\n\r\n"
	        "It appears among your shared folders at your next login.\r\n",
	        ev->mailbox, ev->level, doc);
}

static void
from_of(const struct notify_opts *o, const struct tn_event *ev, char *out, size_t len)
{
	if (o->from) {
		snprintf(out, len, "%s", o->from);
	} else {
		const char *at = strchr(ev->mailbox, '@');
		snprintf(out, len, "postmaster@%s", at ? at + 1 : "localhost");
	}
}

/*
 * No shell (DESIGN §5a.9): sendmail gets an argument vector, the
 * recipient after "--", so that nothing read from the directory or the
 * spool is ever parsed as a command or an option.
 */
static int
send_sendmail(const struct notify_opts *o, const struct tn_event *ev, const char *id)
{
	char from[300];
	char *argv[7];
	int fds[2], st, rc = 0;
	pid_t pid;
	FILE *p;

	from_of(o, ev, from, sizeof(from));
	argv[0] = (char *)o->sendmail;
	argv[1] = (char *)"-oi";
	argv[2] = (char *)"-f";
	argv[3] = from;
	argv[4] = (char *)"--";
	argv[5] = (char *)ev->to;
	argv[6] = NULL;
	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[1]);
		if (dup2(fds[0], STDIN_FILENO) < 0)
			_exit(127);
		close(fds[0]);
		execv(o->sendmail, argv);
		_exit(127);
	}
	close(fds[0]);
	if (!(p = fdopen(fds[1], "w"))) {
		close(fds[1]);
		rc = -1;
	} else {
		message_write(p, ev, from, id);
		if (fclose(p) != 0)
			rc = -1; /* sendmail went away before the end */
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return rc == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* Read one SMTP reply (multi-line aware); returns its code, or -1. */
static int
smtp_reply(FILE *in)
{
	char line[1024];

	while (fgets(line, sizeof(line), in)) {
		int code;
		if (strlen(line) < 4)
			return -1;
		code = atoi(line);
		if (line[3] != '-')
			return code;
	}
	return -1;
}

static int
smtp_cmd(FILE *in, FILE *out, int want, const char *fmt, const char *arg)
{
	if (fmt) {
		fprintf(out, fmt, arg);
		fputs("\r\n", out);
		fflush(out);
	}
	return smtp_reply(in) / 100 == want / 100 ? 0 : -1;
}

static int
send_smtp(const struct notify_opts *o, const struct tn_event *ev, const char *id)
{
	char host[256], from[300], *port, *body = NULL;
	struct addrinfo hints = {0}, *res = NULL, *ai;
	FILE *in = NULL, *out = NULL, *msg;
	size_t blen = 0;
	int fd = -1, rc = -1;

	snprintf(host, sizeof(host), "%s", o->smtp);
	port = strrchr(host, ':');
	if (port)
		*port++ = '\0';
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port ? port : "25", &hints, &res) != 0)
		return -1;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		return -1;
	in = fdopen(fd, "r");
	out = in ? fdopen(dup(fd), "w") : NULL;
	if (!in || !out)
		goto out;
	from_of(o, ev, from, sizeof(from));
	if (smtp_cmd(in, out, 220, NULL, NULL) || smtp_cmd(in, out, 250, "EHLO %s", "localhost") ||
	        smtp_cmd(in, out, 250, "MAIL FROM:<%s>", from) ||
	        smtp_cmd(in, out, 250, "RCPT TO:<%s>", ev->to) ||
	        smtp_cmd(in, out, 354, "%s", "DATA"))
		goto out;
	msg = open_memstream(&body, &blen);
	if (!msg)
		goto out;
	message_write(msg, ev, from, id);
	fclose(msg);
	{
		/* Dot-stuffing: a line starting with '.' gets another. */
		const char *p = body;
		while (*p) {
			const char *nl = strstr(p, "\r\n");
			size_t n = nl ? (size_t)(nl - p) + 2 : strlen(p);
			if (*p == '.')
				fputc('.', out);
			fwrite(p, 1, n, out);
			p += n;
		}
	}
	if (smtp_cmd(in, out, 250, "%s", "."))
		goto out;
	rc = 0;
	fputs("QUIT\r\n", out);
	fflush(out);
out:
	free(body);
	if (out)
		fclose(out);
	if (in)
		fclose(in);
	else if (fd >= 0)
		close(fd);
	return rc;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* One pass over the spool; returns how many events were kept back, or -1. */
static int
notify_pass(const struct notify_opts *o)
{
	char dir[4096], path[4096 + 256];
	struct dirent **names;
	int n, i, kept = 0;

	snprintf(dir, sizeof(dir), "%s/new", o->spool);
	n = scandir(dir, &names, NULL, by_name);
	if (n < 0) {
		if (errno == ENOENT)
			return 0; /* nothing was ever spooled */
		warnx_("cannot read the spool %s: %s", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct tn_event ev;
		char *text;
		if (names[i]->d_name[0] == '.') {
			free(names[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (event_read(path, &ev, &text) < 0) {
			warnx_("%s: not a share event; left in place", path);
			kept++;
		} else {
			int sent = o->smtp ? send_smtp(o, &ev, names[i]->d_name)
			                   : send_sendmail(o, &ev, names[i]->d_name);
			if (sent == 0 && unlink(path) == 0) {
				if (o->json) {
					fputs("{\"notified\": ", stdout);
					json_cstring(stdout, ev.to);
					fputs(", \"mailbox\": ", stdout);
					json_cstring(stdout, ev.mailbox);
					fputs(", \"level\": ", stdout);
					json_cstring(stdout, ev.level);
					fputs("}\n", stdout);
				} else {
					printf("notified %s: %s shared at level %s\n", ev.to,
					        ev.mailbox, ev.level);
				}
			} else {
				warnx_("%s: could not notify %s; kept for the next run",
				        names[i]->d_name, ev.to);
				kept++;
			}
		}
		free(text);
		free(names[i]);
	}
	free(names);
	fflush(stdout);
	return kept;
}

/* A positive count of seconds, all digits; 0, or -1 when it is none. */
static int
parse_seconds(const char *arg, int *out)
{
	char *end = NULL;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v <= 0 || v > 86400 * 365)
		return -1;
	*out = (int)v;
	return 0;
}

/*
 * The spool must be a directory: a mistyped --spool would otherwise look
 * like a spool with nothing in it.  An empty spool (no new/ yet) is fine.
 */
static int
spool_check(const char *spool)
{
	struct stat st;

	if (stat(spool, &st) != 0) {
		warnx_("notify: spool %s: %s", spool, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		warnx_("notify: spool %s: not a directory", spool);
		return -1;
	}
	return 0;
}

static void
notify_usage(FILE *f)
{
	fprintf(f,
	        "Usage: tenancy notify [--spool DIR] [--sendmail PATH | --smtp HOST[:PORT]]\n"
	        "                      [--from ADDRESS] [--loop SECONDS] [--json]\n\n"
	        "Send the share notifications the overlay spooled (tenancy-spool), one\n"
	        "mail each, and remove each event once its mail was accepted.\n\n"
	        "  --spool DIR      the overlay's tenancy-spool (default %s)\n"
	        "  --sendmail PATH  deliver through this sendmail (default %s)\n"
	        "  --smtp HOST[:P]  deliver to this SMTP server instead\n"
	        "  --from ADDRESS   envelope and From: (default postmaster@<mailbox domain>)\n"
	        "  --loop SECONDS   run again every SECONDS until killed\n"
	        "  --json           each mail sent as a JSON object, one per line\n",
	        DEFAULT_SPOOL, DEFAULT_SENDMAIL);
}

int
cmd_notify(int argc, char **argv)
{
	static const struct option longopts[] = {{"spool", required_argument, NULL, 's'},
	        {"sendmail", required_argument, NULL, 'S'}, {"smtp", required_argument, NULL, 'm'},
	        {"from", required_argument, NULL, 'f'}, {"loop", required_argument, NULL, 'l'},
	        {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0}};
	struct notify_opts o = {DEFAULT_SPOOL, DEFAULT_SENDMAIL, NULL, NULL, 0, 0};
	int c, kept;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o.spool = optarg;
			break;
		case 'S':
			o.sendmail = optarg;
			break;
		case 'm':
			o.smtp = optarg;
			break;
		case 'f':
			o.from = optarg;
			break;
		case 'l':
			if (parse_seconds(optarg, &o.loop) != 0) {
				warnx_("notify: --loop wants a number of seconds, not '%s'",
				        optarg);
				return EXIT_USAGE;
			}
			break;
		case 'j':
			o.json = 1;
			break;
		case 'h':
			notify_usage(stdout);
			return EXIT_OK;
		default:
			notify_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc || o.loop < 0 || (o.from && strpbrk(o.from, " <>\r\n"))) {
		notify_usage(stderr);
		return EXIT_USAGE;
	}
	if (spool_check(o.spool) != 0)
		return EXIT_USAGE;
	/* A sendmail or SMTP server that goes away early is a failed
	 * delivery, kept for the next run, not the end of this one. */
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		kept = notify_pass(&o);
		if (!o.loop)
			break;
		sleep((unsigned)o.loop);
	}
	return kept < 0 ? EXIT_USAGE : kept ? EXIT_DENIED : EXIT_OK;
}
