// The front door of the command line: --version, --help, unknown commands, and `platforms`.
// What the executable's main() decides itself (--version, a bad global option, the desktop app
// versus a command) goes through the real binary.
#include "tests/cli/clitest.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace qw::test {
namespace {

// The platform ids of PROVIDERS.md, written out here so the test notices one going missing.
const QStringList kPlatformIds = cmd({"openrouter",
                                      "deepseek",
                                      "moonshot",
                                      "moonshot-intl",
                                      "siliconflow-intl",
                                      "novita",
                                      "elevenlabs",
                                      "newapi",
                                      "newapi-user",
                                      "openai-admin",
                                      "anthropic-admin",
                                      "zhipu-coding",
                                      "xai",
                                      "litellm",
                                      "zai-coding",
                                      "minimax-coding",
                                      "minimax-coding-intl",
                                      "kimi-code",
                                      "vercel-gateway",
                                      "poe",
                                      "venice",
                                      "deepinfra",
                                      "custom"});
// The popular providers no API key can read, listed so people learn why (and SiliconFlow's China
// site, whose endpoint was retired).
const QStringList kUnreadableIds = cmd({"groq", "mistral", "together", "gemini", "azure-openai",
                                        "aws-bedrock", "perplexity", "fireworks", "siliconflow"});
// Relays and self-hosted proxies have no public address.
const QStringList kWithoutDefaultUrl = cmd({"newapi", "newapi-user", "litellm", "custom"});

using CliBasics = CliTest;

TEST_F(CliBasics, VersionPrintsNameAndVersion)
{
    for (const char *flag : {"--version", "-v"}) {
        const CliResult result = runBinary(cmd({flag}));
        ASSERT_TRUE(succeeded(result));
        EXPECT_EQ(result.outText(), QStringLiteral("quotawatch " QW_VERSION "\n"));
        EXPECT_TRUE(QRegularExpression(QStringLiteral("^quotawatch \\d+\\.\\d+\\.\\d+\\n$"))
                        .match(result.outText())
                        .hasMatch())
            << result.describe();
    }
}

TEST_F(CliBasics, HelpListsCommandsAndExitCodes)
{
    for (const char *flag : {"--help", "-h", "help"}) {
        const CliResult result = run(cmd({flag}));
        ASSERT_TRUE(succeeded(result));
        for (const char *expected : {"Usage: quotawatch", "platforms", "keys add", "keys list", "keys remove",
                                     "keys import", "--db", "QUOTAWATCH_MASTER_KEY", "Exit codes"})
            EXPECT_TRUE(result.outText().contains(u8(expected))) << expected << "\n" << result.describe();
    }
}

TEST_F(CliBasics, SubcommandHelpGoesToStdout)
{
    const CliResult result = run(cmd({"keys", "add", "--help"}));
    ASSERT_TRUE(succeeded(result));
    for (const char *expected : {"quotawatch keys add", "--name", "--platform", "--base-url", "--threshold",
                                 "--interval", "--option", "standard input"})
        EXPECT_TRUE(result.outText().contains(u8(expected))) << expected << "\n" << result.describe();
}

TEST_F(CliBasics, UnknownCommandIsOneLineAndExit2)
{
    EXPECT_TRUE(failedWith(run(cmd({"frobnicate"})), kExitUsage, {u8("frobnicate"), u8("--help")}));
    // An unknown global-looking flag is an unknown command too, not the desktop app.
    EXPECT_TRUE(failedWith(runBinary(cmd({"--frobnicate"})), kExitUsage, {u8("--frobnicate")}));
}

TEST_F(CliBasics, UnknownKeysActionIsOneLineAndExit2)
{
    EXPECT_TRUE(failedWith(run(cmd({"keys", "frobnicate"})), kExitUsage, {u8("frobnicate")}));
}

TEST_F(CliBasics, KeysWithoutActionShowsUsageOnStderr)
{
    const CliResult result = run(cmd({"keys"}));
    EXPECT_EQ(result.exitCode, kExitUsage) << result.describe();
    EXPECT_TRUE(result.out.isEmpty()) << result.describe();
    EXPECT_TRUE(result.errText().contains(QLatin1String("keys add"))) << result.describe();
}

TEST_F(CliBasics, DbWithoutValueIsOneLineAndExit2)
{
    EXPECT_TRUE(failedWith(run(cmd({"keys", "list", "--db"})), kExitUsage, {u8("--db")}));
    // main() looks at the global options first, to choose between a command and the desktop app.
    EXPECT_TRUE(failedWith(runBinary(cmd({"keys", "list", "--db"})), kExitUsage, {u8("--db")}));
}

TEST_F(CliBasics, PlatformsTableListsEveryId)
{
    const QString unused = path(QStringLiteral("never-created.db"));
    const CliResult result = run(cmd({"platforms", "--db"}) << unused);
    ASSERT_TRUE(succeeded(result));
    // The table, then after a blank line a note on providers without a balance API.
    const QStringList parts = result.outText().split(QStringLiteral("\n\n"));
    ASSERT_EQ(parts.size(), 2) << result.describe();
    QStringList lines = parts[0].split(u'\n', Qt::SkipEmptyParts);
    ASSERT_FALSE(lines.isEmpty());
    EXPECT_TRUE(lines.takeFirst().startsWith(QLatin1String("ID"))) << result.describe();
    QStringList ids;
    for (const QString &line : lines)
        ids << line.section(u' ', 0, 0);
    EXPECT_EQ(ids, kPlatformIds) << result.describe();
    EXPECT_TRUE(parts[1].contains(QLatin1String("No balance an API key can read"))) << result.describe();
    // One line each, with the reason and what to use instead.
    const QStringList noteLines = parts[1].split(u'\n');
    for (const QString &id : kUnreadableIds) {
        const qsizetype count = std::count_if(noteLines.cbegin(), noteLines.cend(), [&](const QString &text) {
            return text.startsWith(QStringLiteral("  ") + id + QStringLiteral(" — "));
        });
        EXPECT_EQ(count, 1) << id.toStdString() << "\n" << result.describe();
    }
    EXPECT_TRUE(parts[1].contains(u8("groq — Groq: No balance or usage API"))) << result.describe();
    EXPECT_TRUE(parts[1].contains(QLatin1String("HTTP 410"))) << result.describe();
    // Listing platforms needs no database: nothing is created for it.
    EXPECT_FALSE(QFileInfo::exists(unused));
}

TEST_F(CliBasics, PlatformsJsonIsAnArrayOfIdNameAndDefaultUrl)
{
    const CliResult result = run(cmd({"platforms", "--json"}));
    ASSERT_TRUE(succeeded(result));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << result.describe();
    ASSERT_TRUE(document.isArray());

    const QJsonArray array = document.array();
    QStringList ids;
    QStringList unreadable;
    for (const QJsonValue &value : array) {
        ASSERT_TRUE(value.isObject());
        const QJsonObject platform = value.toObject();
        // More fields may follow (kinds, options, help); these three are the contract.
        for (const char *field : {"id", "name", "default_base_url", "readable"})
            EXPECT_TRUE(platform.contains(QLatin1String(field))) << field;
        const QString id = platform.value(QLatin1String("id")).toString();
        EXPECT_FALSE(platform.value(QLatin1String("name")).toString().isEmpty()) << id.toStdString();
        if (!platform.value(QLatin1String("readable")).toBool(true)) {
            // Listed to say why: a reason and what to use instead, and nothing to read.
            unreadable << id;
            EXPECT_GT(platform.value(QLatin1String("help")).toString().size(), 60) << id.toStdString();
            EXPECT_TRUE(platform.value(QLatin1String("kinds")).toArray().isEmpty()) << id.toStdString();
            continue;
        }
        ids << id;
        const QJsonValue url = platform.value(QLatin1String("default_base_url"));
        if (kWithoutDefaultUrl.contains(id)) {
            EXPECT_TRUE(url.isNull()) << id.toStdString();
        } else {
            EXPECT_TRUE(url.isString() && url.toString().startsWith(QLatin1String("https://")))
                << id.toStdString();
        }
    }
    EXPECT_EQ(ids, kPlatformIds);
    EXPECT_EQ(unreadable, kUnreadableIds);
}

TEST_F(CliBasics, PlatformsJsonNamesEveryOptionWithItsLabel)
{
    const CliResult result = run(cmd({"platforms", "--json"}));
    ASSERT_TRUE(succeeded(result));
    QMap<QString, QString> labels; // "platform/option" -> label
    for (const QJsonValue &platform : QJsonDocument::fromJson(result.out).array()) {
        const QString id = platform.toObject().value(QLatin1String("id")).toString();
        for (const QJsonValue &option : platform.toObject().value(QLatin1String("options")).toArray()) {
            const QString name = option.toObject().value(QLatin1String("name")).toString();
            const QString label = option.toObject().value(QLatin1String("label")).toString();
            const QString where = id + u'/' + name;
            EXPECT_FALSE(label.isEmpty()) << where.toStdString();
            EXPECT_NE(label, name) << where.toStdString();
            labels.insert(where, label);
        }
    }
    EXPECT_EQ(labels.value(QStringLiteral("litellm/monthly_budget")), QStringLiteral("Monthly budget"));
    EXPECT_EQ(labels.value(QStringLiteral("custom/method")), QStringLiteral("HTTP method"));
}

TEST_F(CliBasics, PlatformsRejectsExtraArguments)
{
    EXPECT_TRUE(failedWith(run(cmd({"platforms", "extra"})), kExitUsage, {u8("extra")}));
    EXPECT_TRUE(failedWith(run(cmd({"platforms", "--yaml"})), kExitUsage, {u8("yaml")}));
}

#ifdef QW_WITH_GUI
TEST_F(CliBasics, WithoutACommandTheDesktopAppStartsAndPaintsItsDashboard)
{
    addKey(QStringLiteral("shown"), QStringLiteral("deepseek"), "sk-desktop-0123456789abcdef");
    // Offscreen, and told to leave after its first paint (what the start-up benchmark uses).
    const CliResult result =
        runBinary({QStringLiteral("--db"), dbUrl()}, {},
                  {{QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")},
                   {QStringLiteral("QUOTAWATCH_EXIT_AFTER_FIRST_PAINT"), QStringLiteral("1")}});
    EXPECT_EQ(result.exitCode, 0) << result.describe();
    EXPECT_TRUE(result.outText().startsWith(QStringLiteral("first_paint_ms="))) << result.describe();
    // Qt's own GUI options start the app too, instead of being read as a command.
    const CliResult styled =
        runBinary({QStringLiteral("--db"), dbUrl(), QStringLiteral("-style"), QStringLiteral("fusion")}, {},
                  {{QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")},
                   {QStringLiteral("QUOTAWATCH_EXIT_AFTER_FIRST_PAINT"), QStringLiteral("1")}});
    EXPECT_EQ(styled.exitCode, 0) << styled.describe();
    EXPECT_TRUE(styled.outText().startsWith(QStringLiteral("first_paint_ms="))) << styled.describe();
}
#endif

} // namespace
} // namespace qw::test
