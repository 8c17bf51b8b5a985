// --concurrency and --per-host, shared by the commands that run checks (check, serve).
#pragma once

#include "core/poll/httpclient.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <optional>

namespace qw::cli {

struct LimitOptions
{
    QCommandLineOption concurrency{QStringLiteral("concurrency"),
                                   QStringLiteral("Checks in flight at once, in total (default 8)."),
                                   QStringLiteral("N")};
    QCommandLineOption perHost{QStringLiteral("per-host"),
                               QStringLiteral("Checks in flight at once against one host (default 4)."),
                               QStringLiteral("N")};

    std::optional<QString> read(const QCommandLineParser &parser, HttpClientLimits &limits) const
    {
        for (const auto &[option, target] :
             {std::pair{&concurrency, &limits.maxConcurrent}, std::pair{&perHost, &limits.maxPerHost}}) {
            if (!parser.isSet(*option))
                continue;
            bool ok = false;
            const int value = parser.value(*option).toInt(&ok);
            if (!ok || value < 1 || value > 256)
                return QStringLiteral("--%1 must be a whole number from 1 to 256")
                    .arg(option->names().constFirst());
            *target = value;
        }
        return std::nullopt;
    }
};

} // namespace qw::cli
