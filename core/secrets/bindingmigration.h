// Binds the keys and channels of a database written before destination bindings existed, once,
// right after the vault is unlocked: every row in one transaction, then the marker setting, so
// a row found later without a valid binding is an integrity error and never quietly re-bound.
#pragma once

#include "core/result.h"

namespace qw {

class Database;
class Vault;

class BindingMigration final
{
public:
    struct Bound
    {
        int keys = 0;
        int channels = 0;
    };

    // Nothing to do (zero rows bound) when the marker is already set.
    [[nodiscard]] static Result<Bound> run(Database &db, const Vault &vault);
};

} // namespace qw
