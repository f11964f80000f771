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

dovecotdir = $(pkgdatadir)/dovecot
dist_dovecot_DATA = conf/dovecot/dovecot-ldap.conf.ext.in
dovecotconfddir = $(pkgdatadir)/dovecot/conf.d
dist_dovecotconfd_DATA = conf/dovecot/conf.d/90-tenancy.conf.in

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
