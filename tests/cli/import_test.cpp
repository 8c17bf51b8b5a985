// `keys import FILE.csv`: a real-world file (BOM, CRLF, quoted commas, options) goes in whole;
// a file with any bad row or a broken structure goes in not at all, and the error names the line.
#include "tests/cli/clitest.h"

#include <QJsonObject>

namespace qw::test {
namespace {

// What a spreadsheet program saves: a UTF-8 byte-order mark, CRLF line ends, quotes around fields
// with commas or quotes in them, and a blank last line.
const QByteArray kGoodCsv = "\xEF\xBB\xBF"
                            "name,platform,secret,base_url,threshold,interval,options\r\n"
                            "\"Main, personal\",openrouter,sk-or-v1-IMPORTCANARY000111,,5.5,1h,\r\n"
                            "Relay,newapi-user,sk-relay-IMPORTCANARY000222,https://relay.example.com/,10,90s,"
                            "\"user_id=42;currency=CNY\"\r\n"
                            "\"He said \"\"hi\"\"\",deepseek,\"sk-IMPORTCANARY000333\",,,,\r\n"
                            "主账户,siliconflow-intl,sk-IMPORTCANARY000444,,0.25,,\r\n"
                            "\r\n";

QJsonObject byName(const QJsonArray &keys, const QString &name)
{
    for (const QJsonValue &key : keys) {
        if (key.toObject().value(QLatin1String("name")).toString() == name)
            return key.toObject();
    }
    ADD_FAILURE() << "no key named " << name.toStdString();
    return {};
}

class CliImport : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        // Something already stored, which a failed import must leave alone.
        ASSERT_GT(addKey(QStringLiteral("Existing"), QStringLiteral("deepseek"), "sk-existing-0987654321"),
                  0);
    }

    CliResult import(const QByteArray &csv)
    {
        return runDb(cmd({"keys", "import"}) << writeFile(QStringLiteral("keys.csv"), csv));
    }

    // The import failed with exit 2 naming `mentions`, showed no secret from the file, and the
    // database holds only what it held before.
    void expectRejected(const CliResult &result, const QStringList &mentions)
    {
        EXPECT_TRUE(
            failedWith(result, kExitUsage, mentions + QStringList{QStringLiteral("nothing was imported")}));
        EXPECT_FALSE(result.err.contains("CANARY")) << result.describe();
        const QJsonArray keys = listJson();
        ASSERT_EQ(keys.size(), 1);
        EXPECT_EQ(keys.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("Existing"));
        EXPECT_EQ(keyCount(), 1);
    }
};

TEST_F(CliImport, SpreadsheetCsvImportsEveryRow)
{
    const CliResult result = import(kGoodCsv);
    ASSERT_TRUE(succeeded(result));
    EXPECT_TRUE(result.outText().startsWith(QLatin1String("Imported 4 keys"))) << result.describe();

    const QJsonArray keys = listJson();
    ASSERT_EQ(keys.size(), 5);

    const QJsonObject main = byName(keys, QStringLiteral("Main, personal"));
    EXPECT_EQ(main.value(QLatin1String("platform")).toString(), QStringLiteral("openrouter"));
    EXPECT_TRUE(main.value(QLatin1String("base_url")).isNull());
    EXPECT_EQ(main.value(QLatin1String("threshold")).toDouble(), 5.5);
    EXPECT_EQ(main.value(QLatin1String("interval_s")).toInteger(), 3600);

    const QJsonObject relay = byName(keys, QStringLiteral("Relay"));
    EXPECT_EQ(relay.value(QLatin1String("base_url")).toString(), QStringLiteral("https://relay.example.com"));
    EXPECT_EQ(relay.value(QLatin1String("threshold")).toDouble(), 10.0);
    EXPECT_EQ(relay.value(QLatin1String("interval_s")).toInteger(), 90);

    const QJsonObject quoted = byName(keys, QStringLiteral("He said \"hi\""));
    EXPECT_TRUE(quoted.value(QLatin1String("threshold")).isNull());
    EXPECT_EQ(quoted.value(QLatin1String("interval_s")).toInteger(), 1800);

    const QJsonObject chinese = byName(keys, u8("主账户"));
    EXPECT_EQ(chinese.value(QLatin1String("platform")).toString(), QStringLiteral("siliconflow-intl"));
    EXPECT_EQ(chinese.value(QLatin1String("threshold")).toDouble(), 0.25);

    // Options and secrets, through the library.
    for (const ApiKey &key : storedKeys()) {
        if (key.name == QLatin1String("Relay")) {
            EXPECT_EQ(key.options, (QJsonObject{{QStringLiteral("user_id"), QStringLiteral("42")},
                                                {QStringLiteral("currency"), QStringLiteral("CNY")}}));
            EXPECT_EQ(decrypt(m_masterKey, key.secretEnc), QByteArray("sk-relay-IMPORTCANARY000222"));
        } else if (key.name == QLatin1String("He said \"hi\"")) {
            EXPECT_TRUE(key.options.isEmpty());
            EXPECT_EQ(decrypt(m_masterKey, key.secretEnc), QByteArray("sk-IMPORTCANARY000333"));
        }
    }
}

TEST_F(CliImport, LineNumbersCountLinesInsideQuotedFields)
{
    // The second record spans lines 3 and 4, so the bad record starts on line 5.
    const CliResult result = import("name,platform,secret\n"
                                    "One,deepseek,sk-IMPORTCANARY000001\n"
                                    "\"Two\nlines\",deepseek,sk-IMPORTCANARY000002\n"
                                    "Three,nope,sk-IMPORTCANARY000003\n");
    expectRejected(result, {QStringLiteral("line 5"), QStringLiteral("nope")});
}

struct BadRow
{
    const char *name;
    const char *row; // becomes line 4, after the header and two good rows
    const char *mention;
};

void PrintTo(const BadRow &row, std::ostream *os)
{
    *os << row.name;
}

class CliImportBadRow : public CliImport, public ::testing::WithParamInterface<BadRow>
{
};

TEST_P(CliImportBadRow, NothingFromTheFileIsImported)
{
    const QByteArray csv = QByteArray("name,platform,secret,base_url,threshold,interval,options\n"
                                      "Good one,deepseek,sk-IMPORTCANARY000001,,,,\n"
                                      "Good two,openrouter,sk-or-v1-IMPORTCANARY000002,,1,30m,\n") +
                           GetParam().row + "\n" + "Good three,deepseek,sk-IMPORTCANARY000005,,,,\n";
    expectRejected(import(csv), {QStringLiteral("line 4"), u8(GetParam().mention)});
}

INSTANTIATE_TEST_SUITE_P(
    Rows, CliImportBadRow,
    ::testing::Values(BadRow{"UnknownPlatform", "Bad,nope,sk-IMPORTCANARY000004,,,,", "unknown platform"},
                      BadRow{"EmptySecret", "Bad,deepseek,,,,,", "secret"},
                      BadRow{"BlankSecret", "Bad,deepseek,\"   \",,,,", "secret"},
                      // `keys add` refuses a secret on several lines; so must the import, or a line break
                      // would later travel inside an HTTP header.
                      BadRow{"SecretOnSeveralLines",
                             "Bad,deepseek,\"sk-IMPORTCANARY000004\nsk-IMPORTCANARY000005\",,,,", "secret"},
                      BadRow{"BadInterval", "Bad,deepseek,sk-IMPORTCANARY000004,,,5s,", "interval"},
                      BadRow{"BadThreshold", "Bad,deepseek,sk-IMPORTCANARY000004,,-1,,", "threshold"},
                      BadRow{"BadBaseUrl", "Bad,deepseek,sk-IMPORTCANARY000004,ftp://x,,,", "base URL"},
                      BadRow{"RelayWithoutBaseUrl", "Bad,newapi,sk-IMPORTCANARY000004,,,,", "base URL"},
                      BadRow{"BadOption", "Bad,deepseek,sk-IMPORTCANARY000004,,,,novalue", "novalue"},
                      BadRow{"MissingName", ",deepseek,sk-IMPORTCANARY000004,,,,", "name"},
                      BadRow{"TooManyFields", "Bad,deepseek,sk-IMPORTCANARY000004,,,,,extra", "fields"}),
    [](const ::testing::TestParamInfo<BadRow> &testCase) { return std::string(testCase.param.name); });

struct BadFile
{
    const char *name;
    QByteArray csv;
    QStringList mentions;
};

void PrintTo(const BadFile &file, std::ostream *os)
{
    *os << file.name;
}

class CliImportBadFile : public CliImport, public ::testing::WithParamInterface<BadFile>
{
};

TEST_P(CliImportBadFile, IsRefusedWhole)
{
    expectRejected(import(GetParam().csv), GetParam().mentions);
}

INSTANTIATE_TEST_SUITE_P(
    Files, CliImportBadFile,
    ::testing::Values(
        BadFile{"UnknownColumn", "name,platform,secret,colour\nA,deepseek,sk-IMPORTCANARY000001,red\n",
                cmd({"line 1", "colour"})},
        BadFile{"MissingSecretColumn", "name,platform\nA,deepseek\n", cmd({"line 1", "secret"})},
        BadFile{"MissingPlatformColumn", "name,secret\nA,sk-IMPORTCANARY000001\n",
                cmd({"line 1", "platform"})},
        BadFile{"DuplicateColumn", "name,platform,secret,name\nA,deepseek,sk-IMPORTCANARY000001,B\n",
                cmd({"line 1", "twice"})},
        BadFile{
            "UnterminatedQuote",
            "name,platform,secret\nA,deepseek,sk-IMPORTCANARY000001\nB,deepseek,\"sk-IMPORTCANARY000002\n",
            cmd({"line 3", "quote"})},
        BadFile{"TextAfterClosingQuote", "name,platform,secret\n\"A\"x,deepseek,sk-IMPORTCANARY000001\n",
                cmd({"line 2"})},
        // Columns in the wrong order put the secret where a value is echoed back in the error; the
        // message must still not show it.
        BadFile{"SecretInPlatformColumn",
                "name,platform,secret\nMain,sk-or-v1-SWAPPEDCANARY0001,openrouter\n",
                cmd({"line 2", "platform"})},
        BadFile{"SecretInBaseUrlColumn",
                "name,platform,base_url,secret\nMain,openrouter,sk-or-v1-SWAPPEDCANARY0002,https://"
                "openrouter.ai\n",
                cmd({"line 2", "base URL"})},
        BadFile{"Empty", "", cmd({"empty"})}, BadFile{"OnlyBlankLines", "\n\r\n\n", cmd({"empty"})},
        BadFile{"HeaderOnly", "name,platform,secret\n", cmd({"no keys"})},
        BadFile{"NotUtf8", "name,platform,secret\nA\xff\xfe,deepseek,sk-IMPORTCANARY000001\n",
                cmd({"UTF-8"})}),
    [](const ::testing::TestParamInfo<BadFile> &testCase) { return std::string(testCase.param.name); });

} // namespace
} // namespace qw::test
