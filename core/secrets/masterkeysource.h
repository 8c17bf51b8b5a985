// Where a session's master key came from, for the places that tell the user (the About box):
// the OS keychain, or one of the ways a headless process is given it.
#pragma once

namespace qw {

enum class MasterKeySource
{
    Keychain,            // the OS keychain (service "QuotaWatch", key "master-key")
    EnvironmentVariable, // QUOTAWATCH_MASTER_KEY
    KeyFile,             // the file QUOTAWATCH_MASTER_KEY_FILE names
    SystemdCredential,   // $CREDENTIALS_DIRECTORY/master-key
};

} // namespace qw
