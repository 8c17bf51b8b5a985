// --concurrency and --per-host, shared by the commands that run checks (check, serve). Their
// values are checked where every other source of them is: Configuration::limits().
#pragma once

#include "core/session/configuration.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace qw::cli {

struct LimitOptions
{
    QCommandLineOption concurrency{QStringLiteral("concurrency"),
                                   QStringLiteral("Checks in flight at once, in total (default 8)."),
                                   QStringLiteral("N")};
    QCommandLineOption perHost{QStringLiteral("per-host"),
                               QStringLiteral("Checks in flight at once against one host (default 4)."),
                               QStringLiteral("N")};

    void readInto(const QCommandLineParser &parser, ConfigurationFlags &flags) const
    {
        flags.concurrency = parser.value(concurrency);
        flags.perHost = parser.value(perHost);
    }
};

} // namespace qw::cli
