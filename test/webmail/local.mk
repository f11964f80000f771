# test/webmail/local.mk - webmail identities through Roundcube's own LDAP
# code against a real slapd (included by Makefile.am).
TESTS += test/webmail/roundcube.test
EXTRA_DIST += test/webmail/roundcube.test test/webmail/identities.php \
	test/webmail/data.ldif conf/roundcube conf/sogo
