// The master key a headless process is given instead of the OS keychain: QUOTAWATCH_MASTER_KEY,
// else the file QUOTAWATCH_MASTER_KEY_FILE names, else the systemd credential "master-key"
// ($CREDENTIALS_DIRECTORY/master-key, from LoadCredential= or LoadCredentialEncrypted=). A file
// keeps the key out of the process environment, which other tools (ps e, /proc/PID/environ,
// crash reports, `systemctl show`) may reveal.
#pragma once

#include "core/result.h"
#include "core/secrets/masterkeysource.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <optional>

namespace qw {

class EnvironmentMasterKey final
{
public:
    EnvironmentMasterKey() = delete;

    // The key from this process's environment; nullopt when none of the three is there (then
    // the keychain is used). A file that cannot be read, is readable by every account, or does
    // not hold a Fernet key is a MasterKeyUnavailable error naming the file: a service must not
    // fall back to the keychain (or a new key) because its key file was wrong.
    [[nodiscard]] static Result<std::optional<QByteArray>> read();
    [[nodiscard]] static Result<std::optional<QByteArray>> read(const QProcessEnvironment &environment);

    // Which of the three read() takes the key from in `environment`, in the same order; Keychain
    // when none of them is there.
    [[nodiscard]] static MasterKeySource source(const QProcessEnvironment &environment);

    static constexpr auto kFileVariable = "QUOTAWATCH_MASTER_KEY_FILE";
    static constexpr auto kCredentialName = "master-key";
    // A Fernet key is 44 characters; anything much larger is not a key file.
    static constexpr qint64 kMaxFileSize = 4096;
};

} // namespace qw
