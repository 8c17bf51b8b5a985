// `quotawatch keys add`: one key to watch, its secret read from standard input.
#pragma once

#include "app/cli/command.h"
#include "app/cli/keydefinitionoptions.h"
#include "core/keys/keyservice.h"
#include "core/result.h"

#include <vector>

namespace qw::cli {

class KeysAddCommand final : public Command
{
public:
    KeysAddCommand();

    // Stores `pending` through the session's keys (keys add and keys import).
    [[nodiscard]] static Result<std::vector<qint64>> store(CliContext &context,
                                                           const std::vector<PendingKey> &pending);

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_name{QStringLiteral("name"), QStringLiteral("A name to recognise the key by."),
                              QStringLiteral("name")};
    KeyDefinitionOptions m_definition;
    QCommandLineOption m_threshold{
        QStringLiteral("threshold"),
        QStringLiteral("Warn when the remaining amount falls below this (5, 12.50, or 20% of the limit)."),
        QStringLiteral("amount")};
    QCommandLineOption m_interval{QStringLiteral("interval"),
                                  QStringLiteral("How often to check: 90s, 30m, 1h (default 30m)."),
                                  QStringLiteral("duration")};
    QCommandLineOption m_tag{QStringLiteral("tag"), QStringLiteral("A label to group keys by (repeatable)."),
                             QStringLiteral("tag")};
};

} // namespace qw::cli
