# test/dns/local.mk - tenancy domain check against a real DNS server
# (dnsmasq on loopback) and a real slapd (included by Makefile.am).
TESTS += test/dns/domaincheck.test
EXTRA_DIST += test/dns/domaincheck.test test/dns/records.conf test/dns/domains.ldif \
	conf/systemd
