// `keys add`, `keys list` and `keys remove` doing what they should with good input; what they
// print and what they store.
#include "core/model/snapshot.h"
#include "core/storage/snapshotrepository.h"
#include "tests/cli/clitest.h"

#include <QDateTime>
#include <QJsonObject>
#include <QRegularExpression>

namespace qw::test {
namespace {

const QByteArray kSecret = "sk-or-v1-KEYSTESTSECRET1234567890";

using CliKeys = CliTest;

QJsonObject keyWithId(const QJsonArray &keys, qint64 id)
{
    for (const QJsonValue &key : keys) {
        if (key.toObject().value(QLatin1String("id")).toInteger() == id)
            return key.toObject();
    }
    ADD_FAILURE() << "no key with id " << id << " in the list";
    return {};
}

// Terminal columns a text takes, counting CJK and full-width characters as two, as a terminal
// does; for checking that a table with Chinese names still lines up.
int displayWidth(QStringView text)
{
    int width = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool wide = (u >= 0x2E80 && u <= 0xA4CF) || (u >= 0xAC00 && u <= 0xD7A3) ||
                          (u >= 0xF900 && u <= 0xFAFF) || (u >= 0xFF00 && u <= 0xFF60);
        width += wide ? 2 : 1;
    }
    return width;
}

Snapshot snapshotFor(qint64 keyId, int minutesAgo)
{
    Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    snapshot.kind = ReadingKind::Balance;
    snapshot.remaining = Amount::parse(u"12.5");
    snapshot.unit = QStringLiteral("USD");
    snapshot.balances = {{*snapshot.remaining, QStringLiteral("USD")}};
    snapshot.latencyMs = 80;
    return snapshot;
}

TEST_F(CliKeys, AddPrintsTheIdAndListShowsEveryField)
{
    // created_at has whole seconds; allow for the truncation on either side.
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-2);
    const qint64 id = addKey(QStringLiteral("Main"), QStringLiteral("openrouter"), kSecret,
                             cmd({"--threshold", "5.5", "--interval", "90s"}));
    const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(2);
    ASSERT_GT(id, 0);

    const QJsonArray keys = listJson();
    ASSERT_EQ(keys.size(), 1);
    const QJsonObject key = keys.at(0).toObject();
    EXPECT_EQ(key.keys(), cmd({"allow_insecure", "base_url", "created_at", "enabled", "health", "hint", "id",
                               "interval_s", "last_checked_by", "latest", "name", "options", "platform",
                               "tags", "threshold", "threshold_percent"}));
    // Team mode's "who checked it": nobody on SQLite, and not before a check anyway.
    EXPECT_TRUE(key.value(QLatin1String("last_checked_by")).isNull());
    // Never checked yet: nothing to show.
    EXPECT_EQ(key.value(QLatin1String("health")).toString(), QStringLiteral("unknown"));
    EXPECT_TRUE(key.value(QLatin1String("latest")).isNull());
    EXPECT_EQ(key.value(QLatin1String("id")).toInteger(), id);
    EXPECT_EQ(key.value(QLatin1String("name")).toString(), QStringLiteral("Main"));
    EXPECT_EQ(key.value(QLatin1String("platform")).toString(), QStringLiteral("openrouter"));
    EXPECT_TRUE(key.value(QLatin1String("base_url")).isNull());
    EXPECT_TRUE(key.value(QLatin1String("threshold")).isDouble());
    EXPECT_EQ(key.value(QLatin1String("threshold")).toDouble(), 5.5);
    EXPECT_EQ(key.value(QLatin1String("threshold_percent")), QJsonValue(false));
    EXPECT_TRUE(key.value(QLatin1String("interval_s")).isDouble());
    EXPECT_EQ(key.value(QLatin1String("interval_s")).toInteger(), 90);
    EXPECT_EQ(key.value(QLatin1String("enabled")), QJsonValue(true));

    // The hint shows the provider prefix and the last four characters, never the middle.
    const QString hint = key.value(QLatin1String("hint")).toString();
    EXPECT_TRUE(hint.startsWith(QLatin1String("sk-or-v1-")) && hint.endsWith(QLatin1String("7890")))
        << hint.toStdString();
    EXPECT_FALSE(hint.contains(QLatin1String("KEYSTESTSECRET"))) << hint.toStdString();

    const QString created = key.value(QLatin1String("created_at")).toString();
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$"))
                    .match(created)
                    .hasMatch())
        << created.toStdString();
    const QDateTime createdAt = QDateTime::fromString(created, Qt::ISODateWithMs);
    EXPECT_TRUE(createdAt >= before && createdAt <= after) << created.toStdString();
}

TEST_F(CliKeys, IntervalsAreStoredInSeconds)
{
    const std::vector<std::pair<const char *, int>> intervals{
        {"90s", 90}, {"30m", 1800},  {"1h", 3600}, {"2h30m", 9000}, {"600", 600},
        {"10s", 10}, {"24h", 86400}, {"1H", 3600}, {nullptr, 1800}, // no --interval: the default of 30
                                                                    // minutes
    };
    std::vector<std::pair<qint64, int>> added;
    for (const auto &[text, seconds] : intervals) {
        const QStringList extra = text ? QStringList{QStringLiteral("--interval"), u8(text)} : QStringList();
        const qint64 id = addKey(QStringLiteral("Every %1").arg(u8(text ? text : "default")),
                                 QStringLiteral("deepseek"), kSecret, extra);
        ASSERT_GT(id, 0) << (text ? text : "default");
        added.emplace_back(id, seconds);
    }
    const QJsonArray keys = listJson();
    for (const auto &[id, seconds] : added)
        EXPECT_EQ(keyWithId(keys, id).value(QLatin1String("interval_s")).toInteger(), seconds) << "id " << id;
}

TEST_F(CliKeys, BaseUrlAndThresholdAreNormalised)
{
    const qint64 relay = addKey(QStringLiteral("Relay"), QStringLiteral("newapi"), kSecret,
                                cmd({"--base-url", "https://relay.example.com/v1/", "--threshold", "0"}));
    const qint64 cents = addKey(QStringLiteral("Cents"), QStringLiteral("deepseek"), kSecret,
                                cmd({"--threshold", "12.50", "--base-url", "http://127.0.0.1:8080"}));
    const qint64 none = addKey(QStringLiteral("None"), QStringLiteral("deepseek"), kSecret);
    const QJsonArray keys = listJson();

    const QJsonObject relayKey = keyWithId(keys, relay);
    EXPECT_EQ(relayKey.value(QLatin1String("base_url")).toString(),
              QStringLiteral("https://relay.example.com/v1"));
    // Zero is a threshold ("warn when empty"), not the absence of one.
    EXPECT_TRUE(relayKey.value(QLatin1String("threshold")).isDouble());
    EXPECT_EQ(relayKey.value(QLatin1String("threshold")).toDouble(), 0.0);

    const QJsonObject centsKey = keyWithId(keys, cents);
    EXPECT_EQ(centsKey.value(QLatin1String("base_url")).toString(), QStringLiteral("http://127.0.0.1:8080"));
    EXPECT_EQ(centsKey.value(QLatin1String("threshold")).toDouble(), 12.5);

    EXPECT_TRUE(keyWithId(keys, none).value(QLatin1String("threshold")).isNull());
    EXPECT_EQ(centsKey.value(QLatin1String("threshold_percent")), QJsonValue(false));
}

TEST_F(CliKeys, TagsAreTrimmedDeduplicatedAndStored)
{
    const qint64 id = addKey(QStringLiteral("Tagged"), QStringLiteral("deepseek"), kSecret,
                             cmd({"--tag", "prod", "--tag", " team-a , Prod,", "--tag", "团队"}));
    ASSERT_GT(id, 0);
    EXPECT_EQ(keyWithId(listJson(), id).value(QLatin1String("tags")).toArray(),
              QJsonArray({QStringLiteral("prod"), QStringLiteral("team-a"), QStringLiteral("团队")}));
}

TEST_F(CliKeys, ThresholdMayBeAPercentageOfTheLimit)
{
    const qint64 id =
        addKey(QStringLiteral("Quota"), QStringLiteral("elevenlabs"), kSecret, cmd({"--threshold", "12.5%"}));
    ASSERT_GT(id, 0);
    const QJsonObject key = keyWithId(listJson(), id);
    EXPECT_EQ(key.value(QLatin1String("threshold")).toDouble(), 12.5);
    EXPECT_EQ(key.value(QLatin1String("threshold_percent")), QJsonValue(true));
    const CliResult table = runDb(cmd({"keys", "list"}));
    EXPECT_TRUE(table.outText().contains(QStringLiteral("12.5%"))) << table.describe();
}

TEST_F(CliKeys, OptionsAreRepeatableAndStored)
{
    const qint64 id = addKey(QStringLiteral("Options"), QStringLiteral("newapi-user"), kSecret,
                             cmd({"--base-url", "https://relay.example.com", "--option", "user_id=42",
                                  "--option", "currency=CNY", "--option", "quota_per_unit=500000"}));
    ASSERT_GT(id, 0);
    const std::vector<ApiKey> keys = storedKeys();
    ASSERT_EQ(keys.size(), 1u);
    const QJsonObject expected{{QStringLiteral("user_id"), QStringLiteral("42")},
                               {QStringLiteral("currency"), QStringLiteral("CNY")},
                               {QStringLiteral("quota_per_unit"), QStringLiteral("500000")}};
    EXPECT_EQ(keys.front().options, expected);
    EXPECT_EQ(keys.front().id, id);
}

TEST_F(CliKeys, TableShowsNameAndHintButNeverTheSecret)
{
    ASSERT_GT(addKey(QStringLiteral("Main"), QStringLiteral("openrouter"), kSecret,
                     cmd({"--threshold", "5.5", "--interval", "90s"})),
              0);
    ASSERT_GT(addKey(QStringLiteral("Backup"), QStringLiteral("deepseek"), "sk-backupbackup9876"), 0);

    const CliResult result = runDb(cmd({"keys", "list"}));
    ASSERT_TRUE(succeeded(result));
    const QStringList lines = result.outText().split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3) << result.describe();
    EXPECT_TRUE(lines[0].startsWith(QLatin1String("ID"))) << result.describe();
    for (const char *expected : {"Main", "openrouter", "7890", "5.5", "90s"})
        EXPECT_TRUE(lines[1].contains(u8(expected))) << expected << "\n" << result.describe();
    for (const char *expected : {"Backup", "deepseek", "9876", "30m"})
        EXPECT_TRUE(lines[2].contains(u8(expected))) << expected << "\n" << result.describe();
    EXPECT_FALSE(result.out.contains(kSecret));
    EXPECT_FALSE(result.out.contains("KEYSTESTSECRET"));
    EXPECT_FALSE(result.out.contains("sk-backupbackup9876"));
}

TEST_F(CliKeys, ChineseNamesRoundTrip)
{
    const QString name = u8("主账户（测试）");
    const qint64 id = addKey(name, QStringLiteral("deepseek"), kSecret);
    ASSERT_GT(id, 0);
    ASSERT_GT(addKey(QStringLiteral("ascii"), QStringLiteral("deepseek"), kSecret), 0);

    EXPECT_EQ(keyWithId(listJson(), id).value(QLatin1String("name")).toString(), name);
    ASSERT_FALSE(storedKeys().empty());
    EXPECT_EQ(storedKeys().front().name, name);

    // The table counts a Chinese character as two columns, so the next column lines up.
    const CliResult table = runDb(cmd({"keys", "list"}));
    ASSERT_TRUE(succeeded(table));
    const QStringList lines = table.outText().split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3) << table.describe();
    ASSERT_TRUE(lines[1].contains(name)) << table.describe();
    const int header = displayWidth(QStringView(lines[0]).left(lines[0].indexOf(QLatin1String("PLATFORM"))));
    for (const QString &row : {lines[1], lines[2]})
        EXPECT_EQ(displayWidth(QStringView(row).left(row.indexOf(QLatin1String("deepseek")))), header)
            << table.describe();
}

TEST_F(CliKeys, EmptyListSaysHowToAddAKey)
{
    const CliResult table = runDb(cmd({"keys", "list"}));
    ASSERT_TRUE(succeeded(table));
    EXPECT_TRUE(table.outText().contains(QLatin1String("keys add"))) << table.describe();
    EXPECT_TRUE(listJson().isEmpty());
}

TEST_F(CliKeys, RemoveDeletesTheKeyAndItsSnapshots)
{
    const qint64 first = addKey(QStringLiteral("First"), QStringLiteral("deepseek"), kSecret);
    const qint64 second = addKey(QStringLiteral("Second"), QStringLiteral("deepseek"), kSecret);
    ASSERT_TRUE(first > 0 && second > 0);
    SnapshotRepository snapshots(db());
    for (const qint64 id : {first, second}) {
        for (int minutes : {10, 5}) {
            const auto inserted = snapshots.insert(snapshotFor(id, minutes));
            ASSERT_TRUE(inserted.has_value()) << inserted.error().message.toStdString();
        }
    }
    auto snapshotCount = [&](qint64 id) {
        auto query = db().run(QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE key_id = ?"), {id});
        EXPECT_TRUE(query.has_value() && query->next());
        return query ? query->value(0).toLongLong() : -1;
    };
    ASSERT_EQ(snapshotCount(first), 2);

    const CliResult removed = runDb(cmd({"keys", "remove"}) << QString::number(first));
    ASSERT_TRUE(succeeded(removed));
    EXPECT_TRUE(removed.outText().contains(QString::number(first)) &&
                removed.outText().contains(QLatin1String("First")))
        << removed.describe();

    EXPECT_EQ(snapshotCount(first), 0);
    EXPECT_EQ(snapshotCount(second), 2);
    const QJsonArray keys = listJson();
    ASSERT_EQ(keys.size(), 1);
    EXPECT_EQ(keys.at(0).toObject().value(QLatin1String("id")).toInteger(), second);

    // Gone is gone: a second removal is an unknown id.
    EXPECT_TRUE(failedWith(runDb(cmd({"keys", "remove"}) << QString::number(first)), kExitUsage,
                           {QString::number(first)}));
    EXPECT_EQ(keyCount(), 1);
}

} // namespace
} // namespace qw::test
