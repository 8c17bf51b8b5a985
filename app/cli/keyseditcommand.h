// `quotawatch keys edit ID`: changes a stored key. Sending its secret to another platform or
// origin needs the secret again (--secret-stdin) or an explicit --rebind.
#pragma once

#include "app/cli/command.h"
#include "app/cli/keydefinitionoptions.h"

namespace qw::cli {

class KeysEditCommand final : public Command
{
public:
    KeysEditCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_name{QStringLiteral("name"), QStringLiteral("A new name."), QStringLiteral("name")};
    KeyDefinitionOptions m_definition;
    QCommandLineOption m_threshold{QStringLiteral("threshold"),
                                   QStringLiteral("Warn below this (5, 12.50, or 20% of the limit); "
                                                  "empty: no threshold."),
                                   QStringLiteral("amount")};
    QCommandLineOption m_interval{QStringLiteral("interval"),
                                  QStringLiteral("How often to check: 90s, 30m, 1h."),
                                  QStringLiteral("duration")};
    QCommandLineOption m_secretStdin{QStringLiteral("secret-stdin"),
                                     QStringLiteral("Read a new secret from standard input.")};
    QCommandLineOption m_rebind{QStringLiteral("rebind"),
                                QStringLiteral("Send the stored secret to the new platform or address.")};
};

} // namespace qw::cli
