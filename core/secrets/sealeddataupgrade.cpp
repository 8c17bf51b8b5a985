#include "core/secrets/sealeddataupgrade.h"

#include "core/alerts/channelconfig.h"
#include "core/crypto/destinationbinding.h"
#include "core/crypto/sealedoptions.h"
#include "core/crypto/vault.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"

#include <QJsonObject>
#include <utility>
#include <vector>

namespace qw {

namespace {

// What has to change, found by reading only: most opens find nothing and write nothing.
struct Changes
{
    std::vector<Channel> channels;
    std::vector<std::pair<qint64, QString>> hints;
    std::vector<ApiKey> keys; // with their secret options moved into the sealed column
    [[nodiscard]] bool empty() const { return channels.empty() && hints.empty() && keys.empty(); }
};

Result<void> findChannels(Database &db, const Vault &vault, Changes &changes)
{
    auto channels = ChannelRepository(db).list();
    if (!channels)
        return tl::unexpected(channels.error());
    for (const Channel &channel : *channels) {
        if (!ChannelConfig::hasHeadersInClear(channel))
            continue;
        // A redirected row is left to fail its check: sealing and binding it again would
        // launder it.
        if (!DestinationBinding::holds(channel, vault))
            continue;
        auto moved = ChannelConfig::moveHeadersIntoSecrets(channel, vault);
        if (!moved) {
            if (moved.error().code == ErrorCode::MasterKeyMismatch || moved.error().code == ErrorCode::Crypto)
                continue; // a damaged row: nothing to seal the headers with
            return tl::unexpected(moved.error());
        }
        if (auto rebound = DestinationBinding::bind(*moved, vault); !rebound)
            return tl::unexpected(rebound.error());
        changes.channels.push_back(std::move(*moved));
    }
    return {};
}

// Today's rule shows a known provider prefix or none before the ellipsis. Only a hint that shows
// something else can be the old rule's, so only those secrets are decrypted: an up-to-date
// database costs no decryption at each start.
bool withinTodaysRule(const QString &hint)
{
    const qsizetype ellipsis = hint.indexOf(QChar(0x2026));
    const QString prefix = ellipsis < 0 ? hint : hint.left(ellipsis);
    return prefix.isEmpty() || Vault::knownHintPrefixes().contains(prefix);
}

void findHints(const std::vector<ApiKey> &keys, const Vault &vault, Changes &changes)
{
    for (const ApiKey &key : keys) {
        if (withinTodaysRule(key.secretHint))
            continue;
        auto secret = vault.decrypt(key.secretEnc);
        if (!secret)
            continue;
        QString hint = Vault::hintFor(secret->view());
        if (hint != key.secretHint)
            changes.hints.emplace_back(key.id, std::move(hint));
    }
}

// Keys written before some option values were secrets keep them in options_json: sealed into
// secret_options_enc, together with what is sealed there already.
Result<void> findKeyOptions(const std::vector<ApiKey> &keys, const Vault &vault, Changes &changes)
{
    for (const ApiKey &key : keys) {
        QJsonObject clear;
        for (const QString &name : ApiKey::secretOptionNames()) {
            if (key.options.contains(name))
                clear.insert(name, key.options.value(name));
        }
        if (clear.isEmpty() || !DestinationBinding::holds(key, vault))
            continue;
        auto opened = SealedOptions::open(key, vault);
        if (!opened)
            continue; // a damaged row: its check says so
        QJsonObject sealed = std::move(*opened);
        ApiKey moved = key;
        for (auto it = clear.begin(); it != clear.end(); ++it) {
            moved.options.remove(it.key());
            if (!sealed.contains(it.key()))
                sealed.insert(it.key(), it.value());
        }
        auto token = SealedOptions::seal(sealed, vault);
        if (!token)
            return tl::unexpected(token.error());
        moved.secretOptionsEnc = *token;
        if (auto rebound = DestinationBinding::bind(moved, vault); !rebound)
            return tl::unexpected(rebound.error());
        changes.keys.push_back(std::move(moved));
    }
    return {};
}

} // namespace

Result<void> SealedDataUpgrade::run(Database &db, const Vault &vault)
{
    Changes changes;
    if (auto found = findChannels(db, vault, changes); !found)
        return found;
    // Read once for both: every start of every front end pays for it.
    auto listed = ApiKeyRepository(db).list();
    if (!listed)
        return tl::unexpected(listed.error());
    findHints(*listed, vault, changes);
    if (auto found = findKeyOptions(*listed, vault, changes); !found)
        return found;
    if (changes.empty())
        return {};

    Transaction transaction(db);
    if (!transaction.started())
        return tl::unexpected(transaction.started().error());
    ChannelRepository channels(db);
    for (const Channel &channel : changes.channels) {
        if (auto updated = channels.update(channel); !updated)
            return tl::unexpected(updated.error());
    }
    ApiKeyRepository keys(db);
    for (const ApiKey &key : changes.keys) {
        if (auto moved = keys.moveSecretOptions(key.id, key.options, key.secretOptionsEnc); !moved)
            return moved;
        if (auto rebound = keys.setBinding(key.id, key.binding); !rebound)
            return rebound;
    }
    for (const auto &[id, hint] : changes.hints) {
        if (auto set = keys.setSecretHint(id, hint); !set)
            return set;
    }
    return transaction.commit();
}

} // namespace qw
