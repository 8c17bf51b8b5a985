// The one JSON mapping the command line and the REST API share: the documented fields, nulls for
// what is absent, and never a secret.
#include "adapters/platformregistry.h"
#include "core/json/modeljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>

namespace qw {
namespace {

TEST(ModelJson, ACheckFollowsTheContractWithNullsForWhatIsAbsent)
{
    Snapshot snapshot;
    snapshot.keyId = 7;
    snapshot.status = CheckStatus::AuthError;
    snapshot.checkedAt = QDateTime(QDate(2026, 3, 10), QTime(12, 0, 0, 250), Qt::UTC);
    snapshot.error = QStringLiteral("the provider refused the key");
    const QJsonObject json = ModelJson::check(snapshot);
    const QStringList expected{
        QStringLiteral("balances"), QStringLiteral("checked_at"), QStringLiteral("details"),
        QStringLiteral("error"),    QStringLiteral("key_id"),     QStringLiteral("kind"),
        QStringLiteral("limit"),    QStringLiteral("remaining"),  QStringLiteral("resets_at"),
        QStringLiteral("status"),   QStringLiteral("unit"),       QStringLiteral("used")};
    EXPECT_EQ(json.keys(), expected);
    EXPECT_EQ(json.value(QStringLiteral("details")), QJsonValue(QJsonArray()));
    EXPECT_EQ(json.value(QStringLiteral("status")).toString(), QStringLiteral("auth_error"));
    EXPECT_TRUE(json.value(QStringLiteral("remaining")).isNull());
    EXPECT_TRUE(json.value(QStringLiteral("kind")).isNull());
    EXPECT_EQ(json.value(QStringLiteral("checked_at")).toString(),
              QStringLiteral("2026-03-10T12:00:00.250Z"));

    snapshot.status = CheckStatus::Ok;
    snapshot.error.clear();
    snapshot.remaining = Amount::fromMicros(49'588'940);
    snapshot.unit = QStringLiteral("CNY");
    const QJsonObject ok = ModelJson::check(snapshot);
    EXPECT_DOUBLE_EQ(ok.value(QStringLiteral("remaining")).toDouble(), 49.58894);
    EXPECT_TRUE(ok.value(QStringLiteral("error")).isNull());

    // A detail: every field, nulls for what is absent, the English label, the reset time in UTC.
    snapshot.details = {{QStringLiteral("window_weekly"), Amount::fromMicros(1'500'000), std::nullopt,
                         Amount::fromMicros(2'000'000), QStringLiteral("tokens"),
                         QDateTime(QDate(2026, 3, 16), QTime(8, 0), Qt::OffsetFromUTC, 8 * 3600)}};
    const QJsonArray details = ModelJson::check(snapshot).value(QStringLiteral("details")).toArray();
    ASSERT_EQ(details.size(), 1);
    const QJsonObject detail = details.first().toObject();
    EXPECT_EQ(detail.value(QStringLiteral("name")).toString(), QStringLiteral("window_weekly"));
    EXPECT_EQ(detail.value(QStringLiteral("label")).toString(), QStringLiteral("Weekly window"));
    EXPECT_DOUBLE_EQ(detail.value(QStringLiteral("remaining")).toDouble(), 1.5);
    EXPECT_TRUE(detail.value(QStringLiteral("used")).isNull());
    EXPECT_DOUBLE_EQ(detail.value(QStringLiteral("limit")).toDouble(), 2.0);
    EXPECT_EQ(detail.value(QStringLiteral("unit")).toString(), QStringLiteral("tokens"));
    EXPECT_EQ(detail.value(QStringLiteral("resets_at")).toString(), QStringLiteral("2026-03-16T00:00:00Z"));
}

TEST(ModelJson, AKeyShowsItsHintAndHealthButNeverItsSecret)
{
    ApiKey key;
    key.id = 3;
    key.name = QStringLiteral("prod");
    key.platform = QStringLiteral("openrouter");
    key.secretEnc = QByteArrayLiteral("gAAAAA-the-token");
    key.secretHint = QStringLiteral("sk-or-v1-…a1b2");
    key.threshold = Amount::fromMicros(5'000'000);
    KeyWithLatest listed{key, std::nullopt, KeyHealth::Unknown};
    const QJsonObject json = ModelJson::key(listed);
    EXPECT_EQ(json.value(QStringLiteral("hint")).toString(), key.secretHint);
    EXPECT_EQ(json.value(QStringLiteral("health")).toString(), QStringLiteral("unknown"));
    EXPECT_TRUE(json.value(QStringLiteral("latest")).isNull());
    EXPECT_TRUE(json.value(QStringLiteral("base_url")).isNull());
    EXPECT_DOUBLE_EQ(json.value(QStringLiteral("threshold")).toDouble(), 5.0);
    EXPECT_FALSE(QJsonDocument(json).toJson().contains("the-token"));
}

TEST(ModelJson, AChannelShowsItsSummaryButNeverItsSecrets)
{
    Channel channel;
    channel.id = 2;
    channel.kind = ChannelKind::Slack;
    channel.name = QStringLiteral("alerts");
    channel.settings.insert(QStringLiteral("summary"), QStringLiteral("hooks.slack.com"));
    channel.secretsEnc = QByteArrayLiteral("gAAAAA-sealed-url");
    const QByteArray text = QJsonDocument(ModelJson::channel(channel)).toJson();
    EXPECT_TRUE(text.contains("\"slack\""));
    EXPECT_FALSE(text.contains("sealed-url"));
}

TEST(ModelJson, EveryPlatformIsListedWithItsOptions)
{
    const PlatformRegistry registry = PlatformRegistry::builtin();
    const QJsonArray platforms = ModelJson::platforms(registry);
    ASSERT_EQ(platforms.size(), qsizetype(registry.all().size()));
    bool sawOptions = false;
    for (const QJsonValue &platform : platforms) {
        EXPECT_FALSE(platform[QStringLiteral("id")].toString().isEmpty());
        sawOptions = sawOptions || !platform[QStringLiteral("options")].toArray().isEmpty();
    }
    EXPECT_TRUE(sawOptions);
}

} // namespace
} // namespace qw
