// `keys test`, `check` and `history` end to end: the real executable checks keys against a real
// HTTP server on 127.0.0.1 playing DeepSeek, and stores what it found.
#include "app/cli/readingtext.h"
#include "app/cli/tableprinter.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/snapshotrepository.h"
#include "tests/cli/clitest.h"
#include "tests/support/testhttpserver.h"

#include <QJsonObject>
#include <map>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSecret = "sk-cli-check-0123456789abcdef";
const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.50","granted_balance":"10.00","topped_up_balance":"100.50"}]})";

} // namespace

class CliChecks : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        m_server.route("GET", "/ok/user/balance", TestResponse::json(kBalance));
        m_server.route("GET", "/refused/user/balance",
                       TestResponse::json(R"({"error":{"message":"Authentication Fails"}})", 401));
    }

    QString base(const char *scenario) const { return m_server.baseUrl() + u'/' + QLatin1String(scenario); }

    qint64 addDeepSeek(const char *name, const char *scenario)
    {
        return addKey(QString::fromUtf8(name), QStringLiteral("deepseek"), kSecret,
                      {QStringLiteral("--base-url"), base(scenario)});
    }

    qint64 snapshotCount()
    {
        auto rows = db().run(QStringLiteral("SELECT COUNT(*) FROM snapshots"));
        return rows && rows->next() ? rows->value(0).toLongLong() : -1;
    }

    TestHttpServer m_server;
};

TEST_F(CliChecks, KeyTestReportsTheReadingAndStoresNothing)
{
    const CliResult result =
        run({QStringLiteral("keys"), QStringLiteral("test"), QStringLiteral("--platform"),
             QStringLiteral("deepseek"), QStringLiteral("--base-url"), base("ok")},
            kSecret);
    ASSERT_TRUE(succeeded(result));
    EXPECT_TRUE(result.outText().contains(QStringLiteral("status:    ok"))) << result.describe();
    EXPECT_TRUE(result.outText().contains(QStringLiteral("remaining: 110.5 CNY"))) << result.describe();
    ASSERT_EQ(m_server.requestCount(), 1);
    EXPECT_EQ(m_server.requests().front().header("Authorization"), "Bearer " + kSecret);
    EXPECT_FALSE(result.out.contains(kSecret));
    // No database is touched: not even created.
    EXPECT_FALSE(QFile::exists(path(QStringLiteral(".local/share/QuotaWatch/quotawatch.db"))));
}

TEST_F(CliChecks, KeyTestJsonAndFailureExitCode)
{
    const CliResult ok =
        run({QStringLiteral("keys"), QStringLiteral("test"), QStringLiteral("--platform"),
             QStringLiteral("deepseek"), QStringLiteral("--base-url"), base("ok"), QStringLiteral("--json")},
            kSecret);
    ASSERT_TRUE(succeeded(ok));
    const QJsonObject reading = QJsonDocument::fromJson(ok.out).object();
    EXPECT_EQ(reading.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    EXPECT_DOUBLE_EQ(reading.value(QStringLiteral("remaining")).toDouble(), 110.5);
    EXPECT_EQ(reading.value(QStringLiteral("unit")).toString(), QStringLiteral("CNY"));

    const CliResult refused =
        run({QStringLiteral("keys"), QStringLiteral("test"), QStringLiteral("--platform"),
             QStringLiteral("deepseek"), QStringLiteral("--base-url"), base("refused")},
            kSecret);
    EXPECT_EQ(refused.exitCode, 1) << refused.describe();
    EXPECT_TRUE(refused.outText().contains(QStringLiteral("auth_error"))) << refused.describe();
    EXPECT_FALSE(refused.out.contains(kSecret));
}

TEST_F(CliChecks, KeyTestRefusesBadInputBeforeAnyRequest)
{
    EXPECT_TRUE(failedWith(run({QStringLiteral("keys"), QStringLiteral("test"), QStringLiteral("--platform"),
                                QStringLiteral("nope")},
                               kSecret),
                           kExitUsage, {QStringLiteral("unknown platform")}));
    EXPECT_TRUE(failedWith(run({QStringLiteral("keys"), QStringLiteral("test"), QStringLiteral("--platform"),
                                QStringLiteral("deepseek"), QStringLiteral("--base-url"), base("ok")},
                               QByteArray()),
                           kExitUsage, {QStringLiteral("secret")}));
    EXPECT_EQ(m_server.requestCount(), 0);
}

TEST_F(CliChecks, CheckStoresEverySnapshotAndFailsWhenOneCheckFails)
{
    const qint64 good = addDeepSeek("good", "ok");
    const qint64 bad = addDeepSeek("bad", "refused");
    const CliResult result = runDb({QStringLiteral("check"), QStringLiteral("--json")});
    EXPECT_EQ(result.exitCode, 1) << result.describe();
    const QJsonArray checks = QJsonDocument::fromJson(result.out).array();
    ASSERT_EQ(checks.size(), 2) << result.describe();
    EXPECT_EQ(checks[0].toObject().value(QStringLiteral("key_id")).toInteger(), good);
    EXPECT_EQ(checks[0].toObject().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    EXPECT_DOUBLE_EQ(checks[0].toObject().value(QStringLiteral("remaining")).toDouble(), 110.5);
    EXPECT_EQ(checks[1].toObject().value(QStringLiteral("key_id")).toInteger(), bad);
    EXPECT_EQ(checks[1].toObject().value(QStringLiteral("status")).toString(), QStringLiteral("auth_error"));
    EXPECT_FALSE(checks[1].toObject().value(QStringLiteral("error")).toString().isEmpty());
    for (const char *field : {"key_id", "status", "kind", "remaining", "used", "limit", "unit", "balances",
                              "error", "checked_at"})
        EXPECT_TRUE(checks[0].toObject().contains(QLatin1String(field))) << field;
    EXPECT_EQ(snapshotCount(), 2);

    // Only the good key: everything ok, exit 0, a table on stdout.
    const CliResult one = runDb({QStringLiteral("check"), QString::number(good)});
    EXPECT_TRUE(succeeded(one));
    EXPECT_TRUE(one.outText().contains(QStringLiteral("110.5 CNY"))) << one.describe();
    EXPECT_EQ(snapshotCount(), 3);
    auto stored = SnapshotRepository(db()).latest(good);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->remaining->micros(), 110'500'000);
}

// A database that cannot be written while `check` runs is not the provider's failure: the
// result shows as not stored (the balance it read still shown), stderr says why in one line, and
// the exit code is the database's, not a failed check's.
TEST_F(CliChecks, CheckWhoseResultCannotBeStoredSaysSoWithTheDatabaseExitCode)
{
    if (isPostgres())
        GTEST_SKIP() << "SQLite: another connection holds the file's write lock";
    const qint64 id = addDeepSeek("locked out", "ok");
    ASSERT_GT(id, 0);
    const qint64 before = snapshotCount();
    auto locker = m_testDb->open();
    ASSERT_NE(locker, nullptr);
    ASSERT_TRUE(locker->run(QStringLiteral("BEGIN EXCLUSIVE")));
    const CliResult result = runDb({QStringLiteral("check"), QStringLiteral("--json")});
    ASSERT_TRUE(locker->run(QStringLiteral("COMMIT")));

    EXPECT_EQ(result.exitCode, kExitDatabase) << result.describe();
    const QJsonArray checks = QJsonDocument::fromJson(result.out).array();
    ASSERT_EQ(checks.size(), 1) << result.describe();
    const QJsonObject check = checks[0].toObject();
    EXPECT_EQ(check.value(QStringLiteral("status")).toString(), QStringLiteral("not_stored"));
    EXPECT_DOUBLE_EQ(check.value(QStringLiteral("remaining")).toDouble(), 110.5) << "what the provider said";
    EXPECT_FALSE(result.outText().contains(QStringLiteral("provider_error"))) << result.describe();
    const QStringList lines = result.errLines();
    ASSERT_FALSE(lines.isEmpty()) << result.describe();
    EXPECT_TRUE(lines.last().contains(QStringLiteral("could not be stored"))) << result.describe();
    EXPECT_EQ(snapshotCount(), before);

    // The lock gone, the same command stores its result and succeeds.
    const CliResult again = runDb({QStringLiteral("check")});
    EXPECT_TRUE(succeeded(again));
    EXPECT_EQ(snapshotCount(), before + 1);
}

TEST_F(CliChecks, KeysListShowsEachKeysHealthAndLatestCheck)
{
    const qint64 good = addDeepSeek("good", "ok");
    const qint64 bad = addDeepSeek("bad", "refused");
    const qint64 low = addKey(
        QStringLiteral("low"), QStringLiteral("deepseek"), kSecret,
        {QStringLiteral("--base-url"), base("ok"), QStringLiteral("--threshold"), QStringLiteral("200")});
    const qint64 paused = addDeepSeek("paused", "ok");
    ASSERT_TRUE(ApiKeyRepository(db()).setEnabled(paused, false).value_or(false));
    ASSERT_EQ(runDb({QStringLiteral("check")}).exitCode, 1);

    std::map<qint64, QJsonObject> byId;
    for (const QJsonValue &value : listJson())
        byId[value.toObject().value(QLatin1String("id")).toInteger()] = value.toObject();
    ASSERT_EQ(byId.size(), 4U);
    const std::map<qint64, QString> expected{{good, QStringLiteral("ok")},
                                             {bad, QStringLiteral("failing")},
                                             {low, QStringLiteral("low")},
                                             {paused, QStringLiteral("paused")}};
    for (const auto &[id, health] : expected)
        EXPECT_EQ(byId[id].value(QLatin1String("health")).toString(), health) << id;
    const QJsonObject latest = byId[good].value(QLatin1String("latest")).toObject();
    EXPECT_EQ(latest.value(QLatin1String("key_id")).toInteger(), good);
    EXPECT_EQ(latest.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
    EXPECT_DOUBLE_EQ(latest.value(QLatin1String("remaining")).toDouble(), 110.5);
    EXPECT_EQ(byId[bad].value(QLatin1String("latest")).toObject().value(QLatin1String("status")),
              QJsonValue(QStringLiteral("auth_error")));
    EXPECT_TRUE(byId[paused].value(QLatin1String("latest")).isNull());

    // The table says the same in its STATUS column.
    const CliResult table = runDb(cmd({"keys", "list"}));
    ASSERT_TRUE(succeeded(table));
    const QStringList lines = table.outText().split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 5) << table.describe();
    EXPECT_TRUE(lines[0].trimmed().endsWith(QLatin1String("STATUS"))) << table.describe();
    for (const QString &line : lines.mid(1)) {
        const QString name = line.split(u' ', Qt::SkipEmptyParts).value(1);
        const QString word = line.split(u' ', Qt::SkipEmptyParts).constLast();
        const QString want = name == QLatin1String("good")  ? QStringLiteral("ok")
                             : name == QLatin1String("bad") ? QStringLiteral("failing")
                             : name == QLatin1String("low") ? QStringLiteral("low")
                                                            : QStringLiteral("paused");
        EXPECT_EQ(word, want) << line.toStdString();
    }
}

TEST_F(CliChecks, CheckRefusesUnknownIdsAndBadLimitsBeforeCheckingAnything)
{
    addDeepSeek("good", "ok");
    EXPECT_TRUE(failedWith(runDb({QStringLiteral("check"), QStringLiteral("999999")}), kExitUsage,
                           {QStringLiteral("999999")}));
    EXPECT_TRUE(failedWith(runDb({QStringLiteral("check"), QStringLiteral("abc")}), kExitUsage));
    EXPECT_TRUE(
        failedWith(runDb({QStringLiteral("check"), QStringLiteral("--concurrency"), QStringLiteral("0")}),
                   kExitUsage, {QStringLiteral("concurrency")}));
    EXPECT_TRUE(
        failedWith(runDb({QStringLiteral("check"), QStringLiteral("--per-host"), QStringLiteral("x")}),
                   kExitUsage, {QStringLiteral("per-host")}));
    EXPECT_EQ(m_server.requestCount(), 0);
    EXPECT_EQ(snapshotCount(), 0);
}

TEST_F(CliChecks, CheckWithNoKeysSaysSo)
{
    const CliResult result = runDb({QStringLiteral("check")});
    EXPECT_EQ(result.exitCode, 0) << result.describe();
    EXPECT_TRUE(result.errText().contains(QStringLiteral("no enabled keys"))) << result.describe();
}

TEST_F(CliChecks, HistoryShowsStoredChecksAsTableCsvAndJson)
{
    const qint64 id = addDeepSeek("good", "ok");
    ASSERT_EQ(runDb({QStringLiteral("check")}).exitCode, 0);
    ASSERT_EQ(runDb({QStringLiteral("check")}).exitCode, 0);

    const CliResult table = runDb({QStringLiteral("history"), QString::number(id)});
    ASSERT_TRUE(succeeded(table));
    EXPECT_EQ(table.outText().count(QStringLiteral("110.5")), 2) << table.describe();

    const CliResult csv = runDb({QStringLiteral("history"), QString::number(id), QStringLiteral("--csv")});
    ASSERT_TRUE(succeeded(csv));
    const QStringList lines = csv.outText().trimmed().split(u'\n');
    ASSERT_EQ(lines.size(), 3) << csv.describe();
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("checked_at,status,kind,remaining")));
    EXPECT_TRUE(lines[1].contains(QStringLiteral(",ok,balance,110.5,"))) << lines[1].toStdString();

    const CliResult json = runDb({QStringLiteral("history"), QString::number(id), QStringLiteral("--json"),
                                  QStringLiteral("--from"), QStringLiteral("1h")});
    ASSERT_TRUE(succeeded(json));
    EXPECT_EQ(QJsonDocument::fromJson(json.out).array().size(), 2);

    const CliResult future = runDb({QStringLiteral("history"), QString::number(id), QStringLiteral("--json"),
                                    QStringLiteral("--from"), QStringLiteral("2099-01-01")});
    ASSERT_TRUE(succeeded(future));
    EXPECT_TRUE(QJsonDocument::fromJson(future.out).array().isEmpty());
}

namespace {

// What a plan with several windows leaves in the database (the adapters that fill details are
// tested with their providers in tests/providers); here: that every front end shows them.
Snapshot planSnapshot(qint64 keyId)
{
    Snapshot snapshot;
    snapshot.keyId = keyId;
    snapshot.checkedAt = QDateTime::currentDateTimeUtc().addSecs(-120);
    snapshot.kind = ReadingKind::Quota;
    snapshot.remaining = Amount::parse(u"61");
    snapshot.limit = Amount::parse(u"200");
    snapshot.unit = QStringLiteral("requests");
    snapshot.details = {
        {QStringLiteral("window_5h"), Amount::parse(u"61"), Amount::parse(u"139"), Amount::parse(u"200"),
         QStringLiteral("requests"), QDateTime(QDate(2026, 12, 7), QTime(4, 0), Qt::UTC)},
        {QStringLiteral("window_weekly"),
         Amount::parse(u"800"),
         std::nullopt,
         Amount::parse(u"1000"),
         QStringLiteral("requests"),
         {}},
        {QStringLiteral("gift"),
         Amount::parse(u"12.5"),
         std::nullopt,
         std::nullopt,
         QStringLiteral("points"),
         {}},
    };
    return snapshot;
}

} // namespace

TEST_F(CliChecks, HistoryShowsEveryDetailAsTableCsvAndJson)
{
    const qint64 id = addDeepSeek("plan", "ok");
    ASSERT_EQ(runDb({QStringLiteral("check")}).exitCode, 0); // migrates the database first
    ASSERT_TRUE(SnapshotRepository(db()).insert(planSnapshot(id)));

    const CliResult table = runDb({QStringLiteral("history"), QString::number(id)});
    ASSERT_TRUE(succeeded(table));
    const QStringList rows = table.outText().split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(rows.size(), 3) << table.describe();
    EXPECT_TRUE(rows[0].contains(QLatin1String("DETAILS"))) << table.describe();
    EXPECT_TRUE(
        rows[1].contains(QStringLiteral("5-hour window 61/200 requests; Weekly window 800/1000 requests; "
                                        "Gift balance 12.5 points")))
        << table.describe();
    EXPECT_FALSE(rows[2].contains(QLatin1String("window"))) << table.describe(); // DeepSeek: no details

    const CliResult json = runDb({QStringLiteral("history"), QString::number(id), QStringLiteral("--json")});
    ASSERT_TRUE(succeeded(json));
    const QJsonArray checks = QJsonDocument::fromJson(json.out).array();
    ASSERT_EQ(checks.size(), 2) << json.describe();
    // Oldest first: the plan's check (two minutes ago), then DeepSeek's, which has no details.
    EXPECT_EQ(checks[1].toObject().value(QLatin1String("details")).toArray(), QJsonArray());
    const QJsonArray details = checks[0].toObject().value(QLatin1String("details")).toArray();
    ASSERT_EQ(details.size(), 3) << json.describe();
    const QJsonObject fiveHours = details[0].toObject();
    EXPECT_EQ(fiveHours,
              (QJsonObject{{QStringLiteral("name"), QStringLiteral("window_5h")},
                           {QStringLiteral("label"), QStringLiteral("5-hour window")},
                           {QStringLiteral("remaining"), 61.0},
                           {QStringLiteral("used"), 139.0},
                           {QStringLiteral("limit"), 200.0},
                           {QStringLiteral("unit"), QStringLiteral("requests")},
                           {QStringLiteral("resets_at"), QStringLiteral("2026-12-07T04:00:00Z")}}));
    const QJsonObject gift = details[2].toObject();
    EXPECT_EQ(gift.value(QLatin1String("label")).toString(), QStringLiteral("Gift balance"));
    EXPECT_DOUBLE_EQ(gift.value(QLatin1String("remaining")).toDouble(), 12.5);
    EXPECT_TRUE(gift.value(QLatin1String("used")).isNull());
    EXPECT_TRUE(gift.value(QLatin1String("resets_at")).isNull());

    const CliResult csv = runDb({QStringLiteral("history"), QString::number(id), QStringLiteral("--csv")});
    ASSERT_TRUE(succeeded(csv));
    const QStringList lines = csv.outText().trimmed().split(u'\n');
    ASSERT_EQ(lines.size(), 3) << csv.describe();
    EXPECT_TRUE(lines[0].endsWith(QLatin1String(",latency_ms,details")));
    EXPECT_TRUE(lines[1].endsWith(QStringLiteral(",\"5-hour window: 61/200 requests left, used 139 requests, "
                                                 "resets 2026-12-07T04:00:00Z; Weekly window: "
                                                 "800/1000 requests left; Gift balance: 12.5 points left\"")))
        << lines[1].toStdString();
}

TEST_F(CliChecks, HistoryNamesWindowsAndUnitsInChinese)
{
    const qint64 id = addDeepSeek("plan", "ok");
    ASSERT_EQ(runDb({QStringLiteral("check")}).exitCode, 0);
    ASSERT_TRUE(SnapshotRepository(db()).insert(planSnapshot(id)));
    // The executable installs the translation, so this one goes through it.
    const CliResult table = runBinary(QStringList{QStringLiteral("--db"), dbUrl()} + cmd({"history"}) +
                                          QStringList{QString::number(id)},
                                      {}, {{QStringLiteral("QUOTAWATCH_LANGUAGE"), QStringLiteral("zh_CN")}});
    ASSERT_TRUE(succeeded(table)) << table.describe();
    EXPECT_TRUE(
        table.outText().contains(u8("5 小时窗口 61/200 次; 每周窗口 800/1000 次; 赠送余额 12.5 积分")))
        << table.describe();
    // The JSON stays English whatever the language: scripts match on it.
    const CliResult json = runBinary(QStringList{QStringLiteral("--db"), dbUrl()} + cmd({"history"}) +
                                         QStringList{QString::number(id), QStringLiteral("--json")},
                                     {}, {{QStringLiteral("QUOTAWATCH_LANGUAGE"), QStringLiteral("zh_CN")}});
    ASSERT_TRUE(succeeded(json)) << json.describe();
    const QJsonArray checks = QJsonDocument::fromJson(json.out).array();
    ASSERT_EQ(checks.size(), 2);
    EXPECT_EQ(checks[0]
                  .toObject()
                  .value(QLatin1String("details"))
                  .toArray()[1]
                  .toObject()
                  .value(QLatin1String("label")),
              QJsonValue(QStringLiteral("Weekly window")));
}

TEST_F(CliChecks, CheckJsonAlwaysHasDetails)
{
    addDeepSeek("good", "ok");
    const CliResult result = runDb({QStringLiteral("check"), QStringLiteral("--json")});
    ASSERT_TRUE(succeeded(result));
    const QJsonArray checks = QJsonDocument::fromJson(result.out).array();
    ASSERT_EQ(checks.size(), 1) << result.describe();
    ASSERT_TRUE(checks[0].toObject().value(QLatin1String("details")).isArray()) << result.describe();
    EXPECT_TRUE(checks[0].toObject().value(QLatin1String("details")).toArray().isEmpty());
}

// `check` writes the details of a reading as indented lines under its row; this is the table it
// prints, with a reading as CheckService stores it.
TEST(CliCheckText, EachDetailIsAnIndentedLineUnderItsKey)
{
    const Snapshot snapshot = planSnapshot(4);
    cli::TablePrinter table({QStringLiteral("ID"), QStringLiteral("STATUS"), QStringLiteral("REMAINING")});
    table.addRow(
        {QStringLiteral("4"), QStringLiteral("ok"), cli::amountText(snapshot.remaining, snapshot.unit)});
    for (const QString &line : cli::detailLines(snapshot))
        table.addNote(line);
    table.addRow({QStringLiteral("5"), QStringLiteral("ok"), QStringLiteral("1 USD")});
    QString text;
    QTextStream out(&text);
    table.print(out);
    EXPECT_EQ(text, QStringLiteral("ID  STATUS  REMAINING\n"
                                   "4   ok      61 requests\n"
                                   "  5-hour window: 61 of 200 requests left, resets 2026-12-07 04:00 UTC\n"
                                   "  Weekly window: 800 of 1000 requests left\n"
                                   "  Gift balance: 12.5 points left\n"
                                   "5   ok      1 USD\n"));
}

TEST_F(CliChecks, HistoryRefusesBadInput)
{
    const qint64 id = addDeepSeek("good", "ok");
    const QString idText = QString::number(id);
    EXPECT_TRUE(failedWith(runDb({QStringLiteral("history"), QStringLiteral("999999")}), kExitUsage,
                           {QStringLiteral("999999")}));
    EXPECT_TRUE(failedWith(
        runDb({QStringLiteral("history"), idText, QStringLiteral("--from"), QStringLiteral("soon")}),
        kExitUsage, {QStringLiteral("--from")}));
    EXPECT_TRUE(failedWith(
        runDb({QStringLiteral("history"), idText, QStringLiteral("--csv"), QStringLiteral("--json")}),
        kExitUsage));
    EXPECT_TRUE(failedWith(runDb({QStringLiteral("history")}), kExitUsage));
}
