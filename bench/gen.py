#!/usr/bin/env python3
"""gen.py - a mail directory of a given scale, as one LDIF for slapadd.

Usage: gen.py [-t TENANTS] [-m MAILBOXES] [-s SEED] [--ldif DIR]
              [-o OUT.ldif] [-l OUT.list]

Writes base.ldif and roles.ldif (from DIR, default ../ldif next to this
script), then TENANTS tenants of MAILBOXES mailboxes each (default
100 x 1,000).  Each tenant has an alias domain, a 6-deep tree of units
(two children per unit: 126 units), mailboxes spread over the units with
some aliases and send-as delegates, groups of 5 to 50 members of which
about one in five also holds earlier groups (nesting), shared mailboxes
with shares, and grants of the default roles to users and groups.

Entries come parent before child, and every entry comes after the entries
it names (units, members, grantees), so that the file loads with slapadd
and `tenancy lint` judges it in order.

The list file (-l) is for bench/load: one item per line, a tag, a tab and
the value:
  m  a mailbox's primary address        (search, sender)
  a  another address of an entry: an alias, or the alias-domain form
  d  a mailbox's DN                      (modify)
  p  a tenant's ou=people DN, a tab, the tenant's domain name   (add)
  g  a group's DN, a tab, a mailbox DN of its tenant that is no member
                                         (member)

Only the Python standard library is used.
"""

import argparse
import os
import random
import sys

SUFFIX = "dc=example,dc=net"
DOMAINS = "ou=domains," + SUFFIX

# Roles of ldif/roles.ldif: the root-only ones are granted on the domain only.
ROOT_ROLES = ["adminConsole", "domainManager"]
UNIT_ROLES = ["unitManager", "directoryEditor", "userManager", "quotaManager",
              "serviceManager", "groupManager", "sharedMailboxManager",
              "delegationManager"]

UNIT_DEPTH = 6
UNIT_FANOUT = 2

GIVEN = ["Alice", "Bruno", "Chloe", "David", "Emma", "Farid", "Gabrielle",
         "Hugo", "Ines", "Jules", "Karim", "Lea", "Manon", "Nathan", "Oceane",
         "Paul", "Quentin", "Rose", "Samir", "Theo"]
FAMILY = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
          "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre",
          "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier"]


def entry(out, dn, attrs):
    """Write one entry: attrs is a list of (name, value) pairs."""
    lines = ["dn: " + dn]
    lines.extend(name + ": " + value for name, value in attrs)
    out.write("\n".join(lines))
    out.write("\n\n")


def copy_ldif(out, path):
    """Copy an LDIF file's records, without its comments."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                out.write(line)
    out.write("\n")


def units(domain_dn):
    """The unit DNs of one tenant, parents first (breadth-first)."""
    base = "ou=units," + domain_dn
    result = []
    level = [("", base)]
    for _ in range(UNIT_DEPTH):
        nxt = []
        for name, dn in level:
            for k in range(UNIT_FANOUT):
                child = (name + "-" if name else "u") + str(k)
                cdn = "ou=" + child + "," + dn
                result.append((child, cdn))
                nxt.append((child, cdn))
        level = nxt
    return result


def tenant(out, lst, rnd, t, nmail):
    dom = "t%04d.org" % t
    alias_dom = "t%04d.com" % t
    ddn = "tenancyDomainName=%s,%s" % (dom, DOMAINS)
    entry(out, ddn, [("objectClass", "tenancyDomain"),
                     ("tenancyDomainName", dom),
                     ("tenancyDomainAlias", alias_dom),
                     ("tenancyStatus", "enabled"),
                     ("description", "Tenant %d" % t)])
    for c in ("people", "groups", "shared", "units", "grants"):
        entry(out, "ou=%s,%s" % (c, ddn), [("objectClass", "organizationalUnit"),
                                           ("ou", c)])
    unit_list = units(ddn)
    for name, udn in unit_list:
        entry(out, udn, [("objectClass", "tenancyUnit"), ("ou", name)])
    unit_dns = [u for _, u in unit_list]

    people = "ou=people," + ddn
    lst.write("p\t%s\t%s\n" % (people, dom))
    users = []
    for i in range(nmail):
        uid = "user%d" % i
        udn = "uid=%s,%s" % (uid, people)
        given = rnd.choice(GIVEN)
        family = rnd.choice(FAMILY)
        mail = "%s@%s" % (uid, dom)
        attrs = [("objectClass", "inetOrgPerson"),
                 ("objectClass", "tenancyMailbox"),
                 ("uid", uid), ("cn", "%s %s" % (given, family)),
                 ("givenName", given), ("sn", family), ("mail", mail)]
        lst.write("m\t%s\nd\t%s\n" % (mail, udn))
        if rnd.random() < 0.3:
            lst.write("a\t%s@%s\n" % (uid, alias_dom))
        if rnd.random() < 0.2:
            alias = "%s.%s.%d@%s" % (given.lower(), family.lower(), i, dom)
            attrs.append(("tenancyMailAlias", alias))
            lst.write("a\t%s\n" % alias)
        if rnd.random() < 0.9:
            attrs.append(("tenancyUnitRef", rnd.choice(unit_dns)))
        attrs.append(("tenancyStatus", "enabled"))
        if users and rnd.random() < 0.05:
            attrs.append(("tenancySendAsDelegate", rnd.choice(users)))
        if users and rnd.random() < 0.05:
            attrs.append(("tenancyShareRead", rnd.choice(users)))
        if rnd.random() < 0.5:
            attrs.append(("telephoneNumber", "+33 1 %02d %02d %02d %02d" % tuple(
                rnd.randrange(100) for _ in range(4))))
        attrs.append(("userPassword", "secret"))
        entry(out, udn, attrs)
        users.append(udn)

    groups = []
    ngroups = max(1, nmail // 20)
    for g in range(ngroups):
        cn = "group%d" % g
        gdn = "cn=%s,ou=groups,%s" % (cn, ddn)
        mail = "%s@%s" % (cn, dom)
        attrs = [("objectClass", "groupOfNames"), ("objectClass", "tenancyGroup"),
                 ("cn", cn), ("mail", mail),
                 ("tenancyUnitRef", rnd.choice(unit_dns))]
        lst.write("a\t%s\n" % mail)
        if rnd.random() < 0.3:
            attrs.append(("tenancyGroupSendAs", "TRUE"))
        if rnd.random() < 0.5:
            attrs.append(("tenancyGroupDelivery", "TRUE"))
        size = min(len(users), rnd.randint(5, 50))
        members = rnd.sample(users, size)
        if groups and rnd.random() < 0.2:
            members.extend(rnd.sample(groups, min(len(groups), rnd.randint(1, 2))))
        attrs.extend(("member", m) for m in members)
        entry(out, gdn, attrs)
        groups.append(gdn)
        # A mailbox of the tenant that is no member, for bench/load's
        # member operation; from a generator of its own, so that the
        # directory is the same with or without the list.
        others = [u for u in users if u not in set(members)]
        if others:
            lst.write("g\t%s\t%s\n" % (gdn, random.Random(t * 100003 + g).choice(others)))

    for s in range(max(1, nmail // 100)):
        cn = "shared%d" % s
        mail = "%s@%s" % (cn, dom)
        lst.write("a\t%s\n" % mail)
        entry(out, "cn=%s,ou=shared,%s" % (cn, ddn), [
            ("objectClass", "tenancySharedMailbox"), ("cn", cn), ("mail", mail),
            ("tenancyUnitRef", rnd.choice(unit_dns)),
            ("tenancyStatus", "enabled"),
            ("tenancyShareManage", rnd.choice(users)),
            ("tenancyShareReadReply", rnd.choice(groups)),
            ("tenancyShareRead", rnd.choice(users))])

    grants = "ou=grants," + ddn
    entry(out, "cn=admin,%s" % grants, [
        ("objectClass", "tenancyGrant"), ("cn", "admin"),
        ("tenancyGrantee", users[0]), ("tenancyScope", ddn)]
        + [("tenancyRole", r) for r in ROOT_ROLES + UNIT_ROLES])
    for k in range(max(1, nmail // 100)):
        grantee = rnd.choice(groups) if rnd.random() < 0.3 else rnd.choice(users)
        roles = rnd.sample(UNIT_ROLES, rnd.randint(1, 3))
        entry(out, "cn=grant%d,%s" % (k, grants), [
            ("objectClass", "tenancyGrant"), ("cn", "grant%d" % k),
            ("tenancyGrantee", grantee),
            ("tenancyScope", rnd.choice(unit_dns))]
            + [("tenancyRole", r) for r in roles])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description="Generate a tenancy benchmark LDIF.")
    p.add_argument("-t", "--tenants", type=int, default=100)
    p.add_argument("-m", "--mailboxes", type=int, default=1000,
                   help="mailboxes per tenant")
    p.add_argument("-s", "--seed", type=int, default=1)
    p.add_argument("--ldif", default=os.path.join(here, "..", "ldif"),
                   help="the directory holding base.ldif and roles.ldif")
    p.add_argument("-o", "--output", default="-", help="the LDIF (default stdout)")
    p.add_argument("-l", "--list", help="the list of addresses and DNs for bench/load")
    a = p.parse_args()
    if a.tenants < 1 or a.mailboxes < 2:
        p.error("at least 1 tenant of 2 mailboxes")

    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8",
                                                   buffering=1 << 20)
    lst = open(a.list if a.list else os.devnull, "w", encoding="utf-8",
               buffering=1 << 20)
    rnd = random.Random(a.seed)
    copy_ldif(out, os.path.join(a.ldif, "base.ldif"))
    copy_ldif(out, os.path.join(a.ldif, "roles.ldif"))
    for t in range(a.tenants):
        tenant(out, lst, rnd, t, a.mailboxes)
    lst.close()
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
