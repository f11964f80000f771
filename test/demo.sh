#!/bin/sh
# demo.sh - a local slapd with the tenancy overlay and the example tenants.
#
# Run from the build tree after "make" (./bootstrap --demo does both).
# Starts slapd on loopback with its files in ./_demo, loads ldif/base.ldif,
# roles.ldif and the three example tenants, shows what Postfix and Dovecot
# would ask and two writes the overlay refuses, then leaves slapd running
# and says how to stop it.  Running it again starts afresh.

TOP_SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${TOP_BUILDDIR:-}" ]; then
	if [ -f "$PWD/test/lib/config.sh" ]; then TOP_BUILDDIR=$PWD; else TOP_BUILDDIR=$TOP_SRCDIR; fi
fi
export TOP_SRCDIR TOP_BUILDDIR
[ -f "$TOP_BUILDDIR/test/lib/config.sh" ] ||
	{ echo "demo: run ./configure && make first (or ./bootstrap --demo)" >&2; exit 1; }
. "$TOP_SRCDIR/test/lib/harness.sh"

demo=${TENANCY_DEMO_DIR:-$TOP_BUILDDIR/_demo}
if [ -f "$demo/slapd.pid" ]; then
	old=$(cat "$demo/slapd.pid")
	if kill -0 "$old" 2>/dev/null; then
		echo "stopping the previous demo slapd ($old)"
		kill "$old"
		i=0
		while kill -0 "$old" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	fi
fi
rm -rf "$demo"
tn_setup "$demo"
tn_start_conf

D=ou=domains,dc=example,dc=net
IW=tenancyDomainName=iwdemo.fr,$D

show() {
	# show COMMAND...: print the command as a user would type it, run it.
	printf '\n$'
	for a in "$@"; do
		case $a in
		*[!A-Za-z0-9_.,=/:@%+-]*) printf " '%s'" "$a" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
	printf '\n'
	"$@" 2>&1
	return 0
}
say() { printf '\n# %s\n' "$*"; }

echo "loading the examples into $LDAP_URI"
for f in base roles iwdemo bluemind-units lasuite; do
	if out=$(tn_add "$TOP_SRCDIR/ldif/$f.ldif" 2>&1); then
		echo "  ldif/$f.ldif: $(printf '%s\n' "$out" | grep -c '^adding new entry') entries"
	else
		printf '%s\n' "$out" | tail -n 3 >&2
		tn_die "ldif/$f.ldif did not load"
	fi
done

S="-x -H $LDAP_URI -LLL -o ldif-wrap=no"
PF="cn=postfix,ou=services,dc=example,dc=net"
DC="cn=dovecot,ou=services,dc=example,dc=net"

say "Postfix, virtual_mailbox_maps: bob@iwdemo.com reaches bob@iwdemo.fr (alias domain)"
show ldapsearch $S -D "$PF" -w secret -b "$D" '(tenancyAddress=bob@iwdemo.com)' mail

say "Postfix, smtpd_sender_login_maps: who may send as support@iwdemo.fr"
show ldapsearch $S -D "$PF" -w secret -b "$D" '(tenancyAddress=support@iwdemo.fr)' tenancySender

say "Postfix, virtual_alias_maps: where mail to the support group goes"
show ldapsearch $S -D "$PF" -w secret -b "$D" '(tenancyAddress=support@iwdemo.fr)' tenancyDeliverTo

say "Dovecot, acl_groups: the shared mailboxes alice sees, with her level"
show ldapsearch $S -D "$DC" -w secret -b "$D" '(mail=alice@iwdemo.fr)' tenancyImapGroup

say "jeanne's roles, granted on Europe/France"
show ldapsearch $S -D "$ROOTDN" -w "$ROOTPW" -b "$D" '(uid=jeanne)' tenancyEffectiveRole

say "Refused: an address outside the tenant's domains (even for the rootdn)"
cat >"$TN_DIR/eve.ldif" <<LDIF
dn: uid=eve,ou=people,$IW
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: eve
cn: Eve Mallet
sn: Mallet
mail: eve@acme.example
LDIF
show ldapadd -x -H "$LDAP_URI" -D "$ROOTDN" -w "$ROOTPW" -f "$TN_DIR/eve.ldif"

say "Refused: a viewer of ministere.example creates a mailbox"
cat >"$TN_DIR/lea.ldif" <<LDIF
dn: uid=zoe,ou=people,tenancyDomainName=ministere.example,$D
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: zoe
cn: Zoe Blanc
sn: Blanc
mail: zoe.blanc@ministere.example
LDIF
show ldapadd -x -H "$LDAP_URI" -D "uid=lea,ou=people,tenancyDomainName=ministere.example,$D" \
	-w secret -f "$TN_DIR/lea.ldif"

cat <<EOF

slapd is running (pid $(cat "$TN_DIR/slapd.pid")), with the tenancy overlay:
  $LDAP_URI
  $LDAPI_URI
  rootdn $ROOTDN, password $ROOTPW; every example user's password is "secret"
  configuration $TN_DIR/slapd.conf, log $TN_DIR/slapd.log
Stop it with:
  kill \$(cat $TN_DIR/slapd.pid)
EOF
