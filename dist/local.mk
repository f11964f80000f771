# dist/local.mk - what an installation needs besides the programs (included
# by Makefile.am): the examples and the Postfix and Dovecot configurations
# under $(pkgdatadir), the LDIF files that enable the overlay in cn=config,
# bash completion, and the systemd units of "tenancy notify".

examplesdir = $(pkgdatadir)/examples
dist_examples_DATA = \
	ldif/base.ldif ldif/roles.ldif ldif/iwdemo.ldif \
	ldif/bluemind-units.ldif ldif/lasuite.ldif

postfixdir = $(pkgdatadir)/postfix
dist_postfix_DATA = \
	conf/postfix/main.cf.in conf/postfix/master.cf.in \
	conf/postfix/ldap-aliases.cf.in conf/postfix/ldap-domains.cf.in \
	conf/postfix/ldap-mailboxes.cf.in conf/postfix/ldap-senders.cf.in

# Dovecot 2.3 (Debian 12) and 2.4 (Debian 13): "dovecot --version" says
# which to take.
dovecot23dir = $(pkgdatadir)/dovecot/2.3
dist_dovecot23_DATA = conf/dovecot/2.3/dovecot-ldap.conf.ext.in
dovecot23confddir = $(pkgdatadir)/dovecot/2.3/conf.d
dist_dovecot23confd_DATA = conf/dovecot/2.3/conf.d/90-tenancy.conf.in
dovecot24confddir = $(pkgdatadir)/dovecot/2.4/conf.d
dist_dovecot24confd_DATA = conf/dovecot/2.4/conf.d/90-tenancy.conf.in

# Webmail identity pickers.
webmaildir = $(pkgdatadir)/webmail
dist_webmail_DATA = conf/roundcube/tenancy.inc.php.in \
	conf/sogo/sogo-tenancy.conf.in

cnconfigdir = $(pkgdatadir)/cn-config
dist_cnconfig_DATA = \
	dist/cnconfig/tenancy-enable.ldif \
	dist/cnconfig/tenancy-disable.ldif

bashcompletiondir = $(datadir)/bash-completion/completions
dist_bashcompletion_DATA = dist/bash-completion/tenancy

EXTRA_DIST += \
	dist/systemd/tenancy-notify.service \
	dist/systemd/tenancy-notify.timer
if SYSTEMD_UNITS
systemdsystemunit_DATA = \
	dist/systemd/tenancy-notify.service \
	dist/systemd/tenancy-notify.timer
endif

# The Debian packages' end-to-end test (run by CI, as root).
EXTRA_DIST += test/packages.sh test/lib/chroot.sh
