// --platform, --base-url, --option and --allow-insecure, shared by the commands that describe a key to check
// (keys add, keys test), so both accept and document them alike.
#pragma once

#include "core/keys/keydraft.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace qw::cli {

struct KeyDefinitionOptions
{
    QCommandLineOption platform{QStringLiteral("platform"),
                                QStringLiteral("Platform id (see “quotawatch platforms”)."),
                                QStringLiteral("id")};
    QCommandLineOption baseUrl{QStringLiteral("base-url"),
                               QStringLiteral("The provider's or relay's address, if not the default."),
                               QStringLiteral("url")};
    QCommandLineOption option{QStringLiteral("option"), QStringLiteral("A platform option (repeatable)."),
                              QStringLiteral("k=v")};
    QCommandLineOption allowInsecure{
        QStringLiteral("allow-insecure"),
        QStringLiteral("Allow sending the secret over plain http:// to another machine (unencrypted: anyone "
                       "on the network path can read it). Not needed for https:// or localhost.")};

    [[nodiscard]] QList<QCommandLineOption> all() const { return {platform, baseUrl, option, allowInsecure}; }

    void readInto(const QCommandLineParser &parser, KeyDraft &draft) const
    {
        draft.platform = parser.value(platform);
        draft.baseUrl = parser.value(baseUrl);
        draft.options = parser.values(option);
        if (parser.isSet(allowInsecure))
            draft.allowInsecure = true;
    }
};

} // namespace qw::cli
