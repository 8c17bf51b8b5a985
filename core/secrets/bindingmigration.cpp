#include "core/secrets/bindingmigration.h"

#include "core/crypto/destinationbinding.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/channelrepository.h"
#include "core/storage/database.h"
#include "core/storage/settingsrepository.h"

namespace qw {

Result<BindingMigration::Bound> BindingMigration::run(Database &db, const Vault &vault)
{
    const QString marker = QLatin1String(DestinationBinding::kVersionSetting);
    SettingsRepository settings(db);
    // Looked at outside a transaction first: after the first start this is all there is to do.
    auto done = settings.value(marker);
    if (!done)
        return tl::unexpected(done.error());
    if (*done)
        return Bound{};

    Transaction transaction(db);
    if (!transaction.started())
        return tl::unexpected(transaction.started().error());
    // Another process may have bound them while we waited.
    done = settings.value(marker);
    if (!done)
        return tl::unexpected(done.error());
    if (*done)
        return Bound{};

    Bound bound;
    ApiKeyRepository keyRows(db);
    auto keys = keyRows.list();
    if (!keys)
        return tl::unexpected(keys.error());
    for (ApiKey &key : *keys) {
        if (auto made = DestinationBinding::bind(key, vault); !made)
            return tl::unexpected(made.error());
        if (auto stored = keyRows.setBinding(key.id, key.binding); !stored)
            return tl::unexpected(stored.error());
        ++bound.keys;
    }
    ChannelRepository channelRows(db);
    auto channels = channelRows.list();
    if (!channels)
        return tl::unexpected(channels.error());
    for (Channel &channel : *channels) {
        if (auto made = DestinationBinding::bind(channel, vault); !made)
            return tl::unexpected(made.error());
        if (auto stored = channelRows.setBinding(channel.id, channel.binding); !stored)
            return tl::unexpected(stored.error());
        ++bound.channels;
    }
    if (auto marked = settings.setValue(marker, QLatin1String(DestinationBinding::kVersion)); !marked)
        return tl::unexpected(marked.error());
    if (auto committed = transaction.commit(); !committed)
        return tl::unexpected(committed.error());
    return bound;
}

} // namespace qw
