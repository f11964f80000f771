<?php
// identities.php LOGIN - the identities Roundcube's own code finds for LOGIN.
//
// Runs the new_user_identity plugin's lookup (rcube_ldap against the
// address book of the shipped conf/roundcube/tenancy.inc.php) as Roundcube
// does at a user's first login, and prints what it would create: the
// default identity's address on the first line ("default: ADDRESS"), then
// every address of the list ("identity: ADDRESS").  Exit 1 when the
// plugin found no entry.  ROUNDCUBE_CONFIG_DIR names the configuration
// directory; ROUNDCUBE_INSTALL Roundcube's installation (Debian's default).
define('INSTALL_PATH', rtrim(getenv('ROUNDCUBE_INSTALL') ?: '/var/lib/roundcube', '/') . '/');
require_once INSTALL_PATH . 'program/include/clisetup.php';

if ($argc != 2) {
    fwrite(STDERR, "usage: identities.php LOGIN\n");
    exit(2);
}

$rcmail = rcmail::get_instance();
require_once INSTALL_PATH . 'plugins/new_user_identity/new_user_identity.php';
$plugin = new new_user_identity($rcmail->plugins);
$plugin->init();
$args = $plugin->lookup_user_name(['user' => $argv[1], 'host' => 'localhost']);

if (empty($args['email_list'])) {
    fwrite(STDERR, "new_user_identity found no entry for {$argv[1]}\n");
    exit(1);
}
echo 'default: ', $args['user_email'], "\n";
foreach ($args['email_list'] as $email) {
    echo 'identity: ', $email, "\n";
}
