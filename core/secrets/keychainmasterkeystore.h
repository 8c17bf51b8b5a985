// The master key in the OS keychain through QtKeychain (Secret Service, macOS Keychain, Windows
// Credential Store), with QtKeychain's insecure plain-file fallback switched off.
#pragma once

#include "core/secrets/masterkeystore.h"

#include <QString>

namespace qw {

class KeychainMasterKeyStore final : public MasterKeyStore
{
public:
    // Service "QuotaWatch", key "master-key" in production; tests pass their own names so they
    // never touch a real user's entry.
    explicit KeychainMasterKeyStore(QString service = QStringLiteral("QuotaWatch"),
                                    QString key = QStringLiteral("master-key"));

    [[nodiscard]] Result<std::optional<SecureBytes>> read() override;
    [[nodiscard]] Result<void> write(const SecureBytes &key) override;
    [[nodiscard]] Result<void> remove();
    [[nodiscard]] QString description() const override;

private:
    QString m_service;
    QString m_key;
};

} // namespace qw
