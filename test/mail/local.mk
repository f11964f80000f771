# test/mail/local.mk - real Postfix and Dovecot against slapd with the
# overlay (included by test/local.mk).  mail.test skips (77) when not run
# as root or without the Debian packages that ./bootstrap installs.

TESTS += test/mail/mail.test

EXTRA_DIST += \
	test/mail/mail.test \
	test/mail/mail.py \
	test/mail/data.ldif \
	conf/postfix \
	conf/dovecot
