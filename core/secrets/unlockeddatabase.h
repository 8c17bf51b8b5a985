// The one sequence every front end uses to reach encrypted secrets: find the master key
// (QUOTAWATCH_MASTER_KEY, else the keychain) before the database is touched, so nothing is
// written when there is none; then open and migrate the database; then prove the key fits it
// (creating and enrolling one on first use); then bind the rows of an older database once.
#pragma once

#include "core/crypto/vault.h"
#include "core/result.h"
#include "core/storage/database.h"

#include <memory>

namespace qw {

class MasterKeyStore;

struct UnlockedDatabase
{
    std::unique_ptr<Database> db;
    Vault vault;

    [[nodiscard]] static Result<UnlockedDatabase> open(const DatabaseUrl &url, const QString &connectionName,
                                                       MasterKeyStore &store);
};

} // namespace qw
