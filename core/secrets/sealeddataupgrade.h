// Brings what older versions stored next to the sealed secrets up to today's rules, once the
// master key is known: webhook header values kept in a channel's visible settings move into its
// sealed secrets, a key's secret option values (the custom platform's headers) move from
// options_json into secret_options_enc, and key hints made by the old prefix-guessing rule are
// recomputed from the secret. What needs a change is found by reading; the changes are written in one
// transaction, so a failure leaves every row as it was, and an up-to-date database is not written at all.
// It runs after BindingMigration: a row whose destination binding fails is left as it is (its
// check says integrity_error), and a moved row is bound again.
#pragma once

#include "core/result.h"

namespace qw {

class Database;
class Vault;

class SealedDataUpgrade final
{
public:
    // A secret that does not decrypt is left alone (the vault unlocker has already proved the
    // key fits the database; such a row is damaged, and its check will say so).
    [[nodiscard]] static Result<void> run(Database &db, const Vault &vault);
};

} // namespace qw
