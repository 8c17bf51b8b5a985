// `quotawatch keys test`: checks a key once without saving it; the secret from standard input.
#pragma once

#include "app/cli/command.h"
#include "app/cli/keydefinitionoptions.h"

namespace qw::cli {

class KeysTestCommand final : public Command
{
public:
    KeysTestCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    KeyDefinitionOptions m_definition;
    QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON instead of text.")};
};

} // namespace qw::cli
