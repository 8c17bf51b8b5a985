// Where the master key is kept between runs. The production store is the OS keychain; tests
// substitute their own. A store answers "no entry yet" (nullopt) distinctly from "cannot reach
// the keychain" (an error), because only the first may lead to creating a new key.
#pragma once

#include "core/crypto/securebytes.h"
#include "core/result.h"

#include <optional>

namespace qw {

class MasterKeyStore
{
public:
    virtual ~MasterKeyStore() = default;

    [[nodiscard]] virtual Result<std::optional<SecureBytes>> read() = 0;
    [[nodiscard]] virtual Result<void> write(const SecureBytes &key) = 0;
    // For messages: "the OS keychain (service QuotaWatch, entry master-key)".
    [[nodiscard]] virtual QString description() const = 0;
};

} // namespace qw
