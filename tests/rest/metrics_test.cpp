// GET /metrics over real HTTP, parsed by the Prometheus project's own Python client
// (text_string_to_metric_families): the families, their types, the label escaping and the
// values; the caller's keys only with a token, every account's when metrics are public.
#include "core/rest/metricscontroller.h"
#include "core/storage/snapshotrepository.h"
#include "tests/rest/restaccounts.h"
#include "tests/rest/restfixture.h"
#include "tests/support/testhttpserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <gtest/gtest.h>

namespace qw::test {
namespace {

constexpr char kSecret[] = "sk-rest-metrics-0123456789abcdef";

// Parses the scrape with prometheus_client; {family: {"type", "samples": [[name, {labels}, value]]}}.
constexpr char kParser[] = R"(
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = {}
for family in text_string_to_metric_families(sys.stdin.read()):
    out[family.name] = {"type": family.type,
                        "samples": [[s.name, s.labels, s.value] for s in family.samples]}
print(json.dumps(out))
)";

QString python()
{
    // Debian's interpreter, where python3-prometheus-client is installed.
    return QFile::exists(QStringLiteral("/usr/bin/python3")) ? QStringLiteral("/usr/bin/python3")
                                                             : QStringLiteral("python3");
}

QJsonObject parsed(const QByteArray &text)
{
    QProcess process;
    process.start(python(), {QStringLiteral("-c"), QLatin1String(kParser)});
    if (!process.waitForStarted(10000))
        return {};
    process.write(text);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

// The value of the sample named `name` whose labels include `labels`; NaN when there is none.
double valueOf(const QJsonObject &families, const QString &family, const QString &name,
               const QJsonObject &labels = {})
{
    for (const QJsonValue &entry :
         families.value(family).toObject().value(QStringLiteral("samples")).toArray()) {
        const QJsonArray sample = entry.toArray();
        if (sample.at(0).toString() != name)
            continue;
        const QJsonObject has = sample.at(1).toObject();
        bool matches = true;
        for (auto it = labels.begin(); it != labels.end(); ++it)
            matches = matches && has.value(it.key()) == it.value();
        if (matches)
            return sample.at(2).toDouble();
    }
    return std::nan("");
}

int samplesOf(const QJsonObject &families, const QString &family)
{
    return int(families.value(family).toObject().value(QStringLiteral("samples")).toArray().size());
}

class RestMetricsTest : public RestFixture
{
protected:
    void SetUp() override
    {
        RestFixture::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        QFile file(QStringLiteral(QW_TEST_DATA_DIR "/providers/deepseek/cny_only.json"));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        m_good.route("GET", "/user/balance", TestResponse::json(file.readAll()));
        m_bad.route("GET", "/user/balance", TestResponse::json(R"({"error":"invalid key"})", 401));
        m_alice = makeAccount(*m_session, QStringLiteral("alice"));
        m_bob = makeAccount(*m_session, QStringLiteral("bob"));
    }

    qint64 addKey(const TestAccount &account, const QString &name, const TestHttpServer &provider)
    {
        m_client.setToken(account.token);
        const HttpResult created = m_client.post(
            QStringLiteral("/api/keys"), QJsonObject{{QStringLiteral("name"), name},
                                                     {QStringLiteral("platform"), QStringLiteral("deepseek")},
                                                     {QStringLiteral("api_key"), QLatin1String(kSecret)},
                                                     {QStringLiteral("base_url"), provider.baseUrl()}});
        EXPECT_EQ(created.status, 201) << created.body.toStdString();
        return created.json().value(QStringLiteral("id")).toInteger();
    }

    void triggerCheck(qint64 id)
    {
        const HttpResult checked = m_client.post(QStringLiteral("/api/keys/%1/trigger-check").arg(id), {});
        ASSERT_EQ(checked.status, 200) << checked.body.toStdString();
    }

    // A key spending one yuan an hour for the last twelve hours, down to 88.
    void addSpendingHistory(qint64 id)
    {
        std::vector<Snapshot> snapshots;
        for (int hour = 0; hour <= 12; ++hour) {
            Snapshot snapshot;
            snapshot.keyId = id;
            snapshot.checkedAt = kSessionNow.addSecs(-3600LL * (12 - hour));
            snapshot.kind = ReadingKind::Balance;
            snapshot.remaining = Amount::fromMicros((100 - hour) * 1'000'000LL);
            snapshot.unit = QStringLiteral("CNY");
            snapshots.push_back(snapshot);
        }
        ASSERT_TRUE(SnapshotRepository(m_session->database()).insertMany(snapshots));
    }

    TestHttpServer m_good;
    TestHttpServer m_bad;
    TestAccount m_alice;
    TestAccount m_bob;
};

TEST_F(RestMetricsTest, AScrapeParsesWithThePrometheusClientAndShowsTheCallersKeys)
{
    const QString oddName = QStringLiteral("prod \"eu\" \\ main");
    const qint64 good = addKey(m_alice, oddName, m_good);
    const qint64 bad = addKey(m_alice, QStringLiteral("revoked"), m_bad);
    const qint64 spending = addKey(m_alice, QStringLiteral("spending"), m_good);
    const qint64 bobs = addKey(m_bob, QStringLiteral("bob's"), m_good);
    m_client.setToken(m_alice.token);
    triggerCheck(good);
    triggerCheck(bad);
    addSpendingHistory(spending);
    addSpendingHistory(bobs);

    m_client.setToken({});
    const HttpResult anonymous = m_client.get(QStringLiteral("/metrics"));
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.header("WWW-Authenticate"), "Bearer");

    m_client.setToken(m_alice.token);
    const HttpResult scrape = m_client.get(QStringLiteral("/metrics"));
    ASSERT_EQ(scrape.status, 200);
    EXPECT_EQ(scrape.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_FALSE(scrape.body.contains(kSecret));
    EXPECT_TRUE(scrape.body.contains("# TYPE quotawatch_balance gauge\n"));
    EXPECT_TRUE(scrape.body.contains(R"(key="prod \"eu\" \\ main")")) << scrape.body.toStdString();

    const QJsonObject families = parsed(scrape.body);
    ASSERT_FALSE(families.isEmpty()) << scrape.body.toStdString();
    for (const char *gauge :
         {"quotawatch_balance", "quotawatch_check_ok", "quotawatch_last_check_timestamp_seconds",
          "quotawatch_days_until_empty", "process_resident_memory_bytes", "process_start_time_seconds",
          "process_open_fds"})
        EXPECT_EQ(families.value(QLatin1String(gauge)).toObject().value(QStringLiteral("type")).toString(),
                  QStringLiteral("gauge"))
            << gauge;
    // Counters lose their _total suffix in the family's name, as the client names them.
    EXPECT_EQ(families.value(QStringLiteral("quotawatch_checks"))
                  .toObject()
                  .value(QStringLiteral("type"))
                  .toString(),
              QStringLiteral("counter"));
    EXPECT_EQ(families.value(QStringLiteral("process_cpu_seconds"))
                  .toObject()
                  .value(QStringLiteral("type"))
                  .toString(),
              QStringLiteral("counter"));

    const QJsonObject goodKey{{QStringLiteral("key_id"), QString::number(good)},
                              {QStringLiteral("key"), oddName}};
    EXPECT_EQ(valueOf(families, QStringLiteral("quotawatch_balance"), QStringLiteral("quotawatch_balance"),
                      {{QStringLiteral("key"), oddName},
                       {QStringLiteral("platform"), QStringLiteral("deepseek")},
                       {QStringLiteral("unit"), QStringLiteral("CNY")}}),
              110.0);
    EXPECT_EQ(samplesOf(families, QStringLiteral("quotawatch_balance")), 2); // the good and the spending key
    EXPECT_EQ(valueOf(families, QStringLiteral("quotawatch_check_ok"), QStringLiteral("quotawatch_check_ok"),
                      goodKey),
              1.0);
    EXPECT_EQ(valueOf(families, QStringLiteral("quotawatch_check_ok"), QStringLiteral("quotawatch_check_ok"),
                      {{QStringLiteral("key"), QStringLiteral("revoked")}}),
              0.0);
    EXPECT_EQ(valueOf(families, QStringLiteral("quotawatch_last_check_timestamp_seconds"),
                      QStringLiteral("quotawatch_last_check_timestamp_seconds"), goodKey),
              double(kSessionNow.toSecsSinceEpoch()));
    // 88 left at one an hour: 88 hours.
    EXPECT_NEAR(valueOf(families, QStringLiteral("quotawatch_days_until_empty"),
                        QStringLiteral("quotawatch_days_until_empty"),
                        {{QStringLiteral("key"), QStringLiteral("spending")}}),
                88.0 / 24.0, 1e-6);
    EXPECT_EQ(samplesOf(families, QStringLiteral("quotawatch_days_until_empty")), 1); // not bob's
    EXPECT_EQ(valueOf(families, QStringLiteral("quotawatch_checks"),
                      QStringLiteral("quotawatch_checks_total"),
                      {{QStringLiteral("status"), QStringLiteral("ok")}}),
              1.0);
    EXPECT_EQ(valueOf(families, QStringLiteral("quotawatch_checks"),
                      QStringLiteral("quotawatch_checks_total"),
                      {{QStringLiteral("status"), QStringLiteral("auth_error")}}),
              1.0);
    EXPECT_EQ(valueOf(families, QStringLiteral("quotawatch_checks"),
                      QStringLiteral("quotawatch_checks_total"),
                      {{QStringLiteral("status"), QStringLiteral("network_error")}}),
              0.0);
    EXPECT_FALSE(scrape.body.contains("bob's"));

    EXPECT_GT(valueOf(families, QStringLiteral("process_resident_memory_bytes"),
                      QStringLiteral("process_resident_memory_bytes")),
              1e6);
    EXPECT_GT(valueOf(families, QStringLiteral("process_open_fds"), QStringLiteral("process_open_fds")), 2.0);
    EXPECT_GT(
        valueOf(families, QStringLiteral("process_cpu_seconds"), QStringLiteral("process_cpu_seconds_total")),
        0.0);
    const double started = valueOf(families, QStringLiteral("process_start_time_seconds"),
                                   QStringLiteral("process_start_time_seconds"));
    const double now = double(QDateTime::currentSecsSinceEpoch());
    EXPECT_GT(started, now - 3600);
    EXPECT_LE(started, now + 1);

    m_client.setToken(m_bob.token);
    const QJsonObject bobsView = parsed(m_client.get(QStringLiteral("/metrics")).body);
    EXPECT_EQ(samplesOf(bobsView, QStringLiteral("quotawatch_days_until_empty")), 1);
    EXPECT_EQ(samplesOf(bobsView, QStringLiteral("quotawatch_check_ok")), 1);
    EXPECT_TRUE(std::isnan(valueOf(bobsView, QStringLiteral("quotawatch_check_ok"),
                                   QStringLiteral("quotawatch_check_ok"), goodKey)));
}

TEST_F(RestMetricsTest, PublicMetricsNeedNoTokenAndShowEveryAccountsKeys)
{
    const qint64 alices = addKey(m_alice, QStringLiteral("alice's"), m_good);
    const qint64 bobs = addKey(m_bob, QStringLiteral("bob's"), m_good);
    addSpendingHistory(alices);
    addSpendingHistory(bobs);
    rest::RestOptions options;
    options.metricsPublic = true;
    startApi(options);
    m_client.setToken({});
    const HttpResult scrape = m_client.get(QStringLiteral("/metrics"));
    ASSERT_EQ(scrape.status, 200);
    const QJsonObject families = parsed(scrape.body);
    EXPECT_EQ(samplesOf(families, QStringLiteral("quotawatch_check_ok")), 2);
    EXPECT_EQ(samplesOf(families, QStringLiteral("quotawatch_days_until_empty")), 2);
    EXPECT_EQ(valueOf(families, QStringLiteral("quotawatch_balance"), QStringLiteral("quotawatch_balance"),
                      {{QStringLiteral("key"), QStringLiteral("bob's")}}),
              88.0);
    // Everything else still needs a token.
    EXPECT_EQ(m_client.get(QStringLiteral("/api/keys")).status, 401);
}

TEST_F(RestMetricsTest, AForecastFollowsANewCheckBetweenScrapes)
{
    const qint64 id = addKey(m_alice, QStringLiteral("spending"), m_good);
    addSpendingHistory(id);
    m_client.setToken(m_alice.token);
    const auto days = [&] {
        return valueOf(parsed(m_client.get(QStringLiteral("/metrics")).body),
                       QStringLiteral("quotawatch_days_until_empty"),
                       QStringLiteral("quotawatch_days_until_empty"));
    };
    EXPECT_NEAR(days(), 88.0 / 24.0, 1e-6);
    EXPECT_NEAR(days(), 88.0 / 24.0, 1e-6); // remembered, the same

    // Twelve more spent in the next hour: 100 in 13 hours, 76 left.
    Snapshot next;
    next.keyId = id;
    next.checkedAt = kSessionNow.addSecs(3600);
    next.kind = ReadingKind::Balance;
    next.remaining = Amount::fromMicros(76'000'000LL);
    next.unit = QStringLiteral("CNY");
    // Stored as another process would store it; the database's change feed tells the engine.
    ASSERT_TRUE(SnapshotRepository(m_session->database()).insert(next));
    m_session->engine().checks().reportStoredElsewhere(id);
    EXPECT_NEAR(days(), 76.0 / (24.0 / 13.0 * 24.0), 1e-6);
}

TEST_F(RestMetricsTest, LabelValuesAreEscapedAsTheFormatSays)
{
    EXPECT_EQ(rest::MetricsController::escapeLabel(QStringLiteral("a\\b\"c\nd é")),
              QByteArray("a\\\\b\\\"c\\nd é"));
}

} // namespace
} // namespace qw::test
