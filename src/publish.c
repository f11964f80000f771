/*
 * publish.c - which entries answer to addresses, and which an address
 * book publishes, told by object class.
 *
 * Interface (tenancy.h): tn_addressable_class_count(),
 * tn_addressable_class(), tn_addressbook_kind() (and
 * TN_ADDRESSBOOK_FILTER).
 *
 * The engine tells entries apart by the classes it loads them with; the
 * adapters see LDAP entries and filters.  These give them the engine's
 * answer in their terms, so that the overlay's search restriction, the
 * address book export and the engine agree on which entries count.
 *
 * Failure modes: none; an index past the last gives NULL.
 */
#include "tenancy.h"

#include <string.h>
#include <strings.h>

static const char *const addressable_classes[] = {
        "tenancyMailbox", "tenancySharedMailbox", "tenancyGroup", "tenancyDomain"};

#define NADDRESSABLE (sizeof(addressable_classes) / sizeof(addressable_classes[0]))

size_t
tn_addressable_class_count(void)
{
	return NADDRESSABLE;
}

const char *
tn_addressable_class(size_t i)
{
	return i < NADDRESSABLE ? addressable_classes[i] : NULL;
}

static int
has_class(const struct tn_value *classes, size_t n, const char *oc)
{
	size_t len = strlen(oc), i;

	for (i = 0; i < n; i++)
		if (classes[i].len == len && strncasecmp(classes[i].val, oc, len) == 0)
			return 1;
	return 0;
}

const char *
tn_addressbook_kind(const struct tn_value *classes, size_t n)
{
	if (has_class(classes, n, "tenancyGroup"))
		return "group";
	if (has_class(classes, n, "tenancySharedMailbox"))
		return "org";
	return "individual";
}
