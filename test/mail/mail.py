"""mail.py - the checks of mail.test, against the running Postfix and Dovecot.

Run by mail.test, which starts slapd (test/mail/data.ldif loaded), Postfix
and Dovecot, and passes in the environment: SMTP_PORT (Postfix's port-25
service, the Internet side), SUBMISSION_PORT (SASL through Dovecot),
IMAP_PORT, LDAPMODIFY, LDAPSEARCH, LDAP_URI, SUFFIX.

Prints one line per check ("  ok   ..." or "  FAIL ...: what was
answered"), then "N passed, M failed"; exits 1 when any check failed.
Python 3 standard library only.
"""

import imaplib
import os
import smtplib
import ssl
import subprocess
import sys
import time
import uuid

SMTP_PORT = int(os.environ["SMTP_PORT"])
SUBMISSION_PORT = int(os.environ["SUBMISSION_PORT"])
IMAP_PORT = int(os.environ["IMAP_PORT"])
SUFFIX = os.environ.get("SUFFIX", "dc=example,dc=net")
TENANT = "tenancyDomainName=acme.test,ou=domains," + SUFFIX
PASSWORD = "secret"
DESK = '"shared/desk@acme.test/INBOX"'
BOARD = '"shared/board@acme.test/INBOX"'
DELIVERY_WAIT = 20  # seconds
# The test's certificate is made for the run: not verified.
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE

passed = 0
failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("  ok   %s" % name)
    else:
        failed += 1
        print("  FAIL %s: %s" % (name, detail))
    sys.stdout.flush()
    return cond


def section(title):
    print("== %s" % title)
    sys.stdout.flush()


def text(b):
    if isinstance(b, bytes):
        return b.decode("utf-8", "replace")
    return str(b)


# ------------------------------------------------------------------ SMTP

def message(sender, rcpts, tag):
    return (
        "From: <%s>\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <%s@tenancy.test>\r\n"
        "\r\nThis is %s.\r\n"
        % (sender, ", ".join("<%s>" % r for r in rcpts), tag, tag, tag)
    )


def send(port, login, sender, rcpts, tag):
    """One SMTP transaction.  Returns (stage, code, text): the first refusal,
    or ("data", 250, ...) when the message was queued."""
    s = smtplib.SMTP("127.0.0.1", port, timeout=30)
    try:
        s.ehlo("client.tenancy.test")
        if port == SUBMISSION_PORT:
            s.starttls(context=TLS)
            s.ehlo("client.tenancy.test")
        if login:
            try:
                s.login(login, PASSWORD)
            except smtplib.SMTPAuthenticationError as e:
                return ("auth", e.smtp_code, text(e.smtp_error))
        code, msg = s.mail(sender)
        if code != 250:
            return ("mail", code, text(msg))
        for r in rcpts:
            code, msg = s.rcpt(r)
            if code not in (250, 251):
                s.rset()
                return ("rcpt " + r, code, text(msg))
        code, msg = s.data(message(sender, rcpts, tag).encode())
        return ("data", code, text(msg))
    finally:
        try:
            s.quit()
        except (smtplib.SMTPException, OSError):
            pass


def submit(login, sender, rcpts, tag):
    return send(SUBMISSION_PORT, login, sender, rcpts, tag)


def inbound(sender, rcpts, tag):
    return send(SMTP_PORT, None, sender, rcpts, tag)


def accepted(r):
    return r[0] == "data" and r[1] == 250


def answer(r):
    return "%s: %s %s" % (r[0], r[1], r[2])


def tag_for(what):
    return "%s-%s" % (what, uuid.uuid4().hex[:8])


# ------------------------------------------------------------------ IMAP

def imap(user):
    m = imaplib.IMAP4("127.0.0.1", IMAP_PORT, timeout=30)
    m.login(user, PASSWORD)
    return m


def bye(m):
    try:
        m.logout()
    except (imaplib.IMAP4.error, OSError):
        pass


def count(m, mailbox):
    """Messages in mailbox, by SELECT's EXISTS; None when refused."""
    typ, data = m.select(mailbox)
    if typ != "OK":
        return None
    return int(data[0])


def has_tag(user, tag, mailbox="INBOX"):
    m = imap(user)
    try:
        typ, data = m.select(mailbox, readonly=True)
        if typ != "OK":
            return False
        typ, data = m.search(None, "SUBJECT", '"%s"' % tag)
        return typ == "OK" and bool(data[0].split())
    finally:
        bye(m)


def wait_tag(user, tag, mailbox="INBOX"):
    end = time.time() + DELIVERY_WAIT
    while True:
        if has_tag(user, tag, mailbox):
            return True
        if time.time() > end:
            return False
        time.sleep(0.3)


def flags(m, seq):
    typ, data = m.fetch(seq, "(FLAGS)")
    if typ != "OK" or not data or data[0] is None:
        return None
    return text(data[0])


def listing(m):
    typ, data = m.list('""', "*")
    return [text(d) for d in data if d] if typ == "OK" else []


def command(m, name, *args):
    """A command imaplib has no method for; returns (typ, text)."""
    try:
        typ, data = m._simple_command(name, *args)
        return typ, " ".join(text(d) for d in data if d)
    except imaplib.IMAP4.error as e:
        return "BAD", str(e)


def rfc4314(rights):
    """The rights, sorted, without the obsolete "c" and "d" that Dovecot
    adds (RFC 4314, 2.1.1)."""
    return None if rights is None else "".join(sorted(set(rights) - set("cd")))


def myrights(m, mailbox):
    typ, data = m.myrights(mailbox)
    if typ != "OK":
        return None
    # [b'"shared/desk@acme.test/INBOX" lrs']
    return text(data[0]).split()[-1]


# ------------------------------------------------------------------ LDAP

def ldapmodify(ldif, dn, pw):
    p = subprocess.run(
        [os.environ.get("LDAPMODIFY", "ldapmodify"), "-x", "-H", os.environ["LDAP_URI"],
         "-D", dn, "-w", pw],
        input=ldif.encode(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return p.returncode, text(p.stdout).strip()


def imap_group(uid):
    p = subprocess.run(
        [os.environ.get("LDAPSEARCH", "ldapsearch"), "-LLL", "-o", "ldif-wrap=no", "-x",
         "-H", os.environ["LDAP_URI"], "-D", "cn=dovecot,ou=services," + SUFFIX,
         "-w", "secret", "-b", "uid=%s,ou=people,%s" % (uid, TENANT), "-s", "base",
         "(objectClass=*)", "tenancyImapGroup"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return " ".join(l for l in text(p.stdout).splitlines() if l.startswith("tenancyImapGroup"))


# ------------------------------------------------------------------ checks

def postmap(table, key):
    """What Postfix reads from one of the shipped tables, without a server:
    the values sorted, or None when the key is not found."""
    d = os.environ["POSTFIX_DIR"]
    p = subprocess.run(["postmap", "-c", d, "-q", key, "ldap:%s/ldap-%s.cf" % (d, table)],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        return None if p.returncode == 1 and not p.stdout.strip() else "error: " + text(p.stdout)
    return ",".join(sorted(text(p.stdout).strip().split(",")))


def tables():
    section("0. the shipped ldap: tables, as postmap reads them")
    for table, key, want in (
            ("domains", "acme.test", "acme.test"),
            ("domains", "acme-mail.test", "acme.test"),
            ("domains", "closed.test", None),
            ("domains", "outside.example", None),
            ("mailboxes", "dan@acme.test", "dan@acme.test"),
            ("mailboxes", "dan@acme-mail.test", "dan@acme.test"),
            ("mailboxes", "desk@acme.test", "desk@acme.test"),
            ("mailboxes", "team@acme.test", None),
            ("mailboxes", "erin@acme.test", None),
            ("mailboxes", "zoe@closed.test", None),
            ("aliases", "team@acme.test", "anna@acme.test,bruno@acme.test,carla@acme.test"),
            ("aliases", "team@acme-mail.test", "anna@acme.test,bruno@acme.test,carla@acme.test"),
            ("aliases", "sales@acme.test", None),
            ("aliases", "dan@acme.test", None),
            ("senders", "team@acme.test", "anna@acme.test,bruno@acme.test,carla@acme.test"),
            ("senders", "desk@acme.test", "anna@acme.test"),
            ("senders", "bruno@acme-mail.test", "bruno@acme.test"),
            ("senders", "sales@acme.test", None),
            ("senders", "dan@acme-mail.test", "dan@acme.test,gina@acme.test"),
            ("senders", "erin@acme.test", None)):
        got = postmap(table, key)
        check("ldap-%s.cf: %s -> %s" % (table, key, want if want else "not found"),
              got == want, "got %r" % got)


def send_as():
    section("1. send-as through a group, on submission (SASL through Dovecot)")
    r = submit("carla@acme.test", "team@acme.test", ["dan@acme.test"], tag_for("team-carla"))
    check("carla, member of team through the nested group backoffice, sends as team@acme.test",
          accepted(r), answer(r))
    r = submit("bruno@acme.test", "team@acme.test", ["dan@acme.test"], tag_for("team-bruno"))
    check("bruno, direct member of team, sends as team@acme.test", accepted(r), answer(r))
    r = submit("dan@acme.test", "team@acme.test", ["anna@acme.test"], tag_for("team-dan"))
    check("dan, not a member, is refused 553 as team@acme.test",
          r[1] == 553 and "not owned by user dan@acme.test" in r[2], answer(r))
    r = submit("gina@acme.test", "sales@acme.test", ["dan@acme.test"], tag_for("sales-gina"))
    check("gina, member of sales (no tenancyGroupSendAs), is refused 553 as sales@acme.test",
          r[1] == 553, answer(r))
    r = submit("gina@acme.test", "dan@acme.test", ["anna@acme.test"], tag_for("dan-gina"))
    check("gina, dan's send-as delegate, sends as dan@acme.test", accepted(r), answer(r))
    r = submit("dan@acme.test", "dan@acme.test", ["anna@acme.test"], tag_for("dan-own"))
    check("dan sends as himself", accepted(r), answer(r))
    m = smtplib.SMTP("127.0.0.1", SUBMISSION_PORT, timeout=30)
    try:
        m.ehlo("client.tenancy.test")
        check("submission offers no AUTH before STARTTLS", not m.has_extn("auth"),
              "EHLO: %s" % text(m.ehlo_resp))
        m.starttls(context=TLS)
        m.ehlo("client.tenancy.test")
        try:
            m.user, m.password = "dan@acme.test", "not-the-password"
            m.auth("PLAIN", m.auth_plain)
            check("a wrong password is refused", False, "AUTH accepted")
        except smtplib.SMTPAuthenticationError as e:
            check("a wrong password is refused (%d)" % e.smtp_code, e.smtp_code == 535,
                  "%d %s" % (e.smtp_code, text(e.smtp_error)))
        try:
            m.user, m.password = "erin@acme.test", PASSWORD
            m.auth("PLAIN", m.auth_plain)
            check("a disabled user cannot log in", False, "AUTH accepted")
        except smtplib.SMTPAuthenticationError as e:
            check("a disabled user cannot log in (%d)" % e.smtp_code, e.smtp_code == 535,
                  "%d %s" % (e.smtp_code, text(e.smtp_error)))
    finally:
        try:
            m.quit()
        except (smtplib.SMTPException, OSError):
            pass


def alias_domain_sender():
    section("2. sending as one's own address in the alias-domain form")
    r = submit("bruno@acme.test", "bruno@acme-mail.test", ["dan@acme.test"], tag_for("bruno-alias"))
    check("bruno@acme.test sends as bruno@acme-mail.test", accepted(r), answer(r))
    r = submit("bruno@acme-mail.test", "bruno@acme.test", ["dan@acme.test"], tag_for("bruno-login-alias"))
    check("a login in the alias-domain form is bruno@acme.test for Postfix", accepted(r), answer(r))
    r = submit("dan@acme.test", "bruno@acme-mail.test", ["anna@acme.test"], tag_for("dan-bruno"))
    check("dan is refused 553 as bruno@acme-mail.test", r[1] == 553, answer(r))


def shared_sender():
    section("3. sending as a shared mailbox")
    r = submit("anna@acme.test", "desk@acme.test", ["dan@acme.test"], tag_for("desk-anna"))
    check("anna (manage) sends as desk@acme.test", accepted(r), answer(r))
    r = submit("bruno@acme.test", "desk@acme.test", ["dan@acme.test"], tag_for("desk-bruno"))
    check("bruno (read) is refused 553 as desk@acme.test",
          r[1] == 553 and "not owned by user bruno@acme.test" in r[2], answer(r))
    r = submit("carla@acme.test", "desk@acme.test", ["dan@acme.test"], tag_for("desk-carla"))
    check("carla (write) is refused 553 as desk@acme.test", r[1] == 553, answer(r))
    r = submit("gina@acme.test", "desk@acme.test", ["dan@acme.test"], tag_for("desk-gina"))
    check("gina (readreply through sales) is refused 553 as desk@acme.test", r[1] == 553, answer(r))


def delivery():
    section("4. delivery from the Internet side (port 25)")
    tag = tag_for("to-team")
    r = inbound("someone@outside.example", ["team@acme.test"], tag)
    check("team@acme.test is accepted", accepted(r), answer(r))
    for u in ("bruno", "anna", "carla"):
        how = "direct member" if u == "bruno" else "through backoffice"
        check("team@ lands in %s's INBOX (%s)" % (u, how), wait_tag("%s@acme.test" % u, tag),
              "not in INBOX after %d s" % DELIVERY_WAIT)
    check("team@ does not land in dan's INBOX", not has_tag("dan@acme.test", tag), "it did")
    tag = tag_for("to-alias")
    r = inbound("someone@outside.example", ["dan@acme-mail.test"], tag)
    check("dan@acme-mail.test is accepted", accepted(r), answer(r))
    check("dan@acme-mail.test lands in dan@acme.test's INBOX", wait_tag("dan@acme.test", tag),
          "not in INBOX after %d s" % DELIVERY_WAIT)
    for rcpt, why, code in (
            ("nobody@acme.test", "an unknown address", 550),
            ("nobody@acme-mail.test", "an unknown address in the alias domain", 550),
            ("erin@acme.test", "a disabled mailbox", 550),
            ("erin@acme-mail.test", "a disabled mailbox, alias-domain form", 550),
            ("zoe@closed.test", "a mailbox of a disabled domain", 554),
            ("sales@acme.test", "a group that does not deliver", 550),
            ("backoffice@acme.test", "a name that is no address", 550)):
        r = inbound("someone@outside.example", [rcpt], tag_for("refused"))
        check("%s (%s) is refused at RCPT: %d" % (rcpt, why, code),
              r[0].startswith("rcpt") and r[1] == code, answer(r))


def shared_imap():
    section("5. the shared mailbox desk@acme.test over IMAP")
    tags = [tag_for("desk-%d" % i) for i in range(3)]
    for t in tags:
        r = inbound("someone@outside.example", ["desk@acme.test"], t)
        check("desk@acme.test accepts %s" % t, accepted(r), answer(r))
    for t in tags:
        check("%s lands in desk's INBOX (seen by anna, manage)" % t,
              wait_tag("anna@acme.test", t, DESK), "not there after %d s" % DELIVERY_WAIT)

    m = imap("anna@acme.test")
    try:
        rights = myrights(m, DESK)
        check("anna's (manage) MYRIGHTS are lrswipkxte, no a", rfc4314(rights) == "eiklprstwx",
              repr(rights))
    finally:
        bye(m)

    # bruno: read.
    m = imap("bruno@acme.test")
    try:
        boxes = listing(m)
        check("bruno (read) lists the shared mailbox under shared/desk@acme.test",
              any('"/" shared/desk@acme.test' in b for b in boxes), repr(boxes))
        n = count(m, DESK)
        check("bruno selects it: 3 messages", n == 3, "EXISTS %r" % n)
        rights = myrights(m, DESK)
        check("bruno's MYRIGHTS are lrs", rfc4314(rights) == "lrs", repr(rights))
        groups = imap_group("bruno")
        check("bruno's one tenancyImapGroup value names both his shares",
              "desk@acme.test:read" in groups and "board@acme.test:write" in groups
              and groups.count("tenancyImapGroup") == 1, groups)
        rights = myrights(m, BOARD)
        check("bruno's MYRIGHTS on board@acme.test, his second share, are lrswite",
              rfc4314(rights) == "eilrstw", repr(rights))
        typ, _ = m.store("1", "+FLAGS", "(\\Seen)")
        f = flags(m, "1")
        check("bruno may mark a message \\Seen", f is not None and "\\Seen" in f,
              "STORE %s, FLAGS %s" % (typ, f))
        typ, _ = m.store("1", "+FLAGS", "(\\Deleted)")
        f = flags(m, "1")
        check("bruno cannot mark a message \\Deleted (STORE %s)" % typ,
              f is not None and "\\Deleted" not in f, "FLAGS %s" % f)
        typ, data = m.expunge()
        n = count(m, DESK)
        check("bruno's EXPUNGE removes nothing (EXPUNGE %s): 3 messages" % typ, n == 3,
              "EXISTS %r" % n)
        typ, msg = command(m, "MOVE", "1", "INBOX")
        n = count(m, DESK)
        check("bruno cannot MOVE out of it (MOVE %s): 3 messages" % typ,
              typ != "OK" and n == 3, "MOVE %s %s, EXISTS %r" % (typ, msg, n))
    finally:
        bye(m)

    # gina: readreply, through the group sales.
    m = imap("gina@acme.test")
    try:
        n = count(m, DESK)
        check("gina (readreply through sales) selects it: 3 messages", n == 3, "EXISTS %r" % n)
        rights = myrights(m, DESK)
        check("gina's MYRIGHTS are lrsw", rfc4314(rights) == "lrsw", repr(rights))
        typ, _ = m.store("2", "+FLAGS", "(\\Answered)")
        f = flags(m, "2")
        check("gina marks a message \\Answered", f is not None and "\\Answered" in f,
              "STORE %s, FLAGS %s" % (typ, f))
        typ, _ = m.store("2", "+FLAGS", "(\\Deleted)")
        f = flags(m, "2")
        check("gina cannot mark it \\Deleted (STORE %s)" % typ,
              f is not None and "\\Deleted" not in f, "FLAGS %s" % f)
        typ, msg = command(m, "MOVE", "2", "INBOX")
        n = count(m, DESK)
        check("gina cannot MOVE out of it (MOVE %s): 3 messages" % typ,
              typ != "OK" and n == 3, "MOVE %s %s, EXISTS %r" % (typ, msg, n))
    finally:
        bye(m)

    # carla: write.
    m = imap("carla@acme.test")
    try:
        before = count(m, "INBOX")
        n = count(m, DESK)
        check("carla (write) selects it: 3 messages", n == 3, "EXISTS %r" % n)
        rights = myrights(m, DESK)
        check("carla's MYRIGHTS are lrswite", rfc4314(rights) == "eilrstw", repr(rights))
        typ, _ = m.store("1", "+FLAGS", "(\\Deleted)")
        f = flags(m, "1")
        check("carla marks a message \\Deleted", f is not None and "\\Deleted" in f,
              "STORE %s, FLAGS %s" % (typ, f))
        typ, _ = m.expunge()
        n = count(m, DESK)
        check("carla's EXPUNGE removes it: 2 messages", n == 2, "EXPUNGE %s, EXISTS %r" % (typ, n))
        typ, msg = command(m, "MOVE", "1", "INBOX")
        n = count(m, DESK)
        check("carla MOVEs one to her INBOX: 1 message left", typ == "OK" and n == 1,
              "MOVE %s %s, EXISTS %r" % (typ, msg, n))
        after = count(m, "INBOX")
        check("carla's INBOX has one more", before is not None and after == before + 1,
              "%r then %r" % (before, after))
    finally:
        bye(m)

    # dan: no share.
    m = imap("dan@acme.test")
    try:
        boxes = listing(m)
        check("dan (no share) lists no shared mailbox",
              not any("shared/" in b for b in boxes), repr(boxes))
        n = count(m, DESK)
        check("dan cannot select shared/desk@acme.test/INBOX", n is None, "EXISTS %r" % n)
    finally:
        bye(m)

    m = imap("bruno@acme.test")
    try:
        n = count(m, DESK)
        check("bruno sees carla's changes: 1 message", n == 1, "EXISTS %r" % n)
    finally:
        bye(m)


def grant_in_ldap():
    section("6. a share granted with ldapmodify, at the next IMAP login")
    desk = "cn=desk,ou=shared," + TENANT
    dan = "uid=dan,ou=people," + TENANT
    before = imap_group("dan")
    check("dan has no tenancyImapGroup", before == "", before)
    ldif = "dn: %s\nchangetype: modify\nadd: tenancyShareRead\ntenancyShareRead: %s\n" % (desk, dan)
    rc, out = ldapmodify(ldif, "uid=anna,ou=people," + TENANT, PASSWORD)
    if not check("anna, who manages desk@, grants dan read with ldapmodify", rc == 0,
                 "ldapmodify exited %d: %s" % (rc, out)):
        rc, out = ldapmodify(ldif, "cn=admin," + SUFFIX, "secret")
        check("(the rootdn grants it instead)", rc == 0, "ldapmodify exited %d: %s" % (rc, out))
    after = imap_group("dan")
    check("dan's tenancyImapGroup is desk@acme.test:read",
          after == "tenancyImapGroup: desk@acme.test:read", repr(after))
    m = imap("dan@acme.test")
    try:
        n = count(m, DESK)
        check("at his next login dan selects shared/desk@acme.test/INBOX: 1 message",
              n == 1, "EXISTS %r" % n)
        rights = myrights(m, DESK)
        check("dan's MYRIGHTS are lrs", rfc4314(rights) == "lrs", repr(rights))
        typ, _ = m.store("1", "+FLAGS", "(\\Deleted)")
        f = flags(m, "1")
        check("dan cannot mark it \\Deleted (STORE %s)" % typ,
              f is not None and "\\Deleted" not in f, "FLAGS %s" % f)
    finally:
        bye(m)
    ldif = "dn: %s\nchangetype: modify\ndelete: tenancyShareRead\ntenancyShareRead: %s\n" % (desk, dan)
    rc, out = ldapmodify(ldif, "uid=anna,ou=people," + TENANT, PASSWORD)
    if not check("anna revokes it with ldapmodify", rc == 0, "ldapmodify exited %d: %s" % (rc, out)):
        ldapmodify(ldif, "cn=admin," + SUFFIX, "secret")
    m = imap("dan@acme.test")
    try:
        n = count(m, DESK)
        check("at his next login dan sees nothing again", n is None, "EXISTS %r" % n)
    finally:
        bye(m)


def main():
    for step in (tables, send_as, alias_domain_sender, shared_sender, delivery, shared_imap, grant_in_ldap):
        try:
            step()
        except Exception as e:  # a server that hung up: report, go on
            check("%s finished" % step.__name__, False, "%s: %s" % (type(e).__name__, e))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
