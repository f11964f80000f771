/*
 * route.c - libFuzzer target: the address rewrite path.
 *
 * A search filter (tenancyAddress=X) is rewritten by the overlay into an
 * equality on the stored values that tn_route() reports for X.  Here X is
 * arbitrary bytes, in an exact-size buffer with no NUL after it, routed
 * against the fixture directory of common.c.  Checks that what comes back
 * is well formed: at most one entry, a known attribute, and a stored value
 * that is itself an address routing to that same entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"

static struct tn_model *model;

struct seen {
	size_t calls;
	char dn[256];
	char value[256];
	int bad;
};

static int
record(void *ctx, const char *dn, const char *attr, const char *stored)
{
	struct seen *s = ctx;

	/* An address routes through mail or an alias; a bare domain name
	 * through the domain's names. */
	if (strcasecmp(attr, "mail") != 0 && strcasecmp(attr, "tenancyMailAlias") != 0 &&
	        strcasecmp(attr, "tenancyDomainName") != 0 &&
	        strcasecmp(attr, "tenancyDomainAlias") != 0)
		s->bad = 1;
	if (s->calls > 0 && strcasecmp(s->dn, dn) != 0)
		s->bad = 2;
	snprintf(s->dn, sizeof s->dn, "%s", dn);
	snprintf(s->value, sizeof s->value, "%s", stored);
	s->calls++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen first = {0}, again = {0};
	char *exact;
	size_t n;

	if (model == NULL)
		model = fz_fixture_model();
	exact = malloc(size ? size : 1);
	if (exact == NULL)
		abort();
	memcpy(exact, data, size);
	n = tn_route(model, exact, size, record, &first);
	if (n > 1 || first.bad || (n == 0 && first.calls != 0)) {
		fprintf(stderr, "route: %zu entries, %zu calls, bad %d\n", n, first.calls,
		        first.bad);
		abort();
	}
	if (n == 1) {
		/* The stored value the filter is rewritten to finds the same entry. */
		if (tn_route(model, first.value, strlen(first.value), record, &again) != 1 ||
		        strcasecmp(again.dn, first.dn) != 0) {
			fprintf(stderr, "route: %s found %s through %s, which routes to %s\n",
			        "input", first.dn, first.value, again.dn);
			abort();
		}
	}
	{
		char *z = strndup((const char *)data, size);
		if (z == NULL)
			abort();
		tn_sendas_who(model, z, fz_who_sink, NULL);
		free(z);
	}
	free(exact);
	return 0;
}
