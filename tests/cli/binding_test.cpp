// A secret goes only where its owner sent it: the database is written behind QuotaWatch's back
// (plain SQL on the same SQLite file or PostgreSQL database) to point a key or a channel at a
// trap server on loopback, and `check`, `channels test` and `keys edit` run as a user would run
// them. The trap must never see a connection; the check says integrity_error and alerts.
#include "tests/cli/clitest.h"
#include "tests/support/closedport.h"
#include "tests/support/testhttpserver.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSecret = "sk-cli-binding-0123456789abcdef";
const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"50.00","granted_balance":"0","topped_up_balance":"50.00"}]})";
const QString kMarker = QStringLiteral("destination_binding_version");

} // namespace

class CliBinding : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        m_provider.route("GET", "/user/balance", TestResponse::json(kBalance));
        m_provider.route("GET", "/v1/user/balance", TestResponse::json(kBalance));
        m_trap.route("*", "/*", TestResponse::json(kBalance));
    }

    qint64 addWatchedKey(const QStringList &extra = {})
    {
        return addKey(QStringLiteral("prod"), QStringLiteral("deepseek"), kSecret,
                      QStringList{QStringLiteral("--base-url"), m_provider.baseUrl()} + extra);
    }

    void sql(const QString &statement, const QVariantList &values = {})
    {
        auto ran = db().run(statement, values);
        ASSERT_TRUE(ran.has_value()) << ran.error().message.toStdString();
    }

    QVariant value(const QString &statement, const QVariantList &values = {})
    {
        auto query = db().run(statement, values);
        EXPECT_TRUE(query.has_value()) << (query ? std::string() : query.error().message.toStdString());
        return query && query->next() ? query->value(0) : QVariant();
    }

    QString latestStatus(qint64 keyId)
    {
        return value(QStringLiteral("SELECT status FROM snapshots WHERE key_id = ? ORDER BY id DESC LIMIT 1"),
                     {keyId})
            .toString();
    }

    QStringList alertKinds()
    {
        QStringList kinds;
        auto query = db().run(QStringLiteral("SELECT kind FROM alerts ORDER BY id"));
        EXPECT_TRUE(query.has_value());
        while (query && query->next())
            kinds << query->value(0).toString();
        return kinds;
    }

    // `check` of every key, expected to find an integrity error and send nothing anywhere.
    void expectIntegrityError(qint64 id)
    {
        const int before = m_provider.requestCount();
        const CliResult checked = runDb(cmd({"check", "--json"}));
        EXPECT_EQ(checked.exitCode, 1) << checked.describe();
        const QJsonObject check = QJsonDocument::fromJson(checked.out).array().at(0).toObject();
        EXPECT_EQ(check.value(QLatin1String("status")).toString(), QStringLiteral("integrity_error"))
            << checked.describe();
        EXPECT_TRUE(
            check.value(QLatin1String("error")).toString().contains(QLatin1String("outside QuotaWatch")))
            << checked.describe();
        EXPECT_EQ(m_trap.connectionCount(), 0) << "the trap server was contacted";
        EXPECT_EQ(m_provider.requestCount(), before) << "the secret went out anyway";
        EXPECT_EQ(latestStatus(id), QStringLiteral("integrity_error"));
        EXPECT_FALSE(checked.out.contains(kSecret));
    }

    TestHttpServer m_provider;
    TestHttpServer m_trap;
};

TEST_F(CliBinding, AKeyRedirectedWithSqlSendsNothingSaysIntegrityErrorAndAlertsAtOnce)
{
    const qint64 id = addWatchedKey();
    ASSERT_GT(id, 0);
    ASSERT_TRUE(succeeded(runDb(cmd({"check"}))));
    EXPECT_EQ(m_provider.requestCount(), 1);

    sql(QStringLiteral("UPDATE api_keys SET base_url = ? WHERE id = ?"), {m_trap.baseUrl(), id});
    expectIntegrityError(id);
    // At once, not after a streak: the owner must act.
    EXPECT_EQ(alertKinds(), QStringList{QStringLiteral("key_failing")});

    // Every front end of the command line says so.
    const CliResult listed = runDb(cmd({"keys", "list"}));
    ASSERT_TRUE(succeeded(listed));
    EXPECT_TRUE(listed.outText().contains(QLatin1String("integrity_error"))) << listed.describe();
    const QJsonArray keys = listJson();
    EXPECT_EQ(keys.at(0)
                  .toObject()
                  .value(QLatin1String("latest"))
                  .toObject()
                  .value(QLatin1String("status"))
                  .toString(),
              QStringLiteral("integrity_error"))
        << QJsonDocument(keys).toJson().toStdString();
    const CliResult history = runDb({QStringLiteral("history"), QString::number(id)});
    ASSERT_TRUE(succeeded(history));
    EXPECT_TRUE(history.outText().contains(QLatin1String("integrity_error"))) << history.describe();

    // A second check alerts no more, and still sends nothing.
    expectIntegrityError(id);
    EXPECT_EQ(alertKinds(), QStringList{QStringLiteral("key_failing")});
}

TEST_F(CliBinding, OptionsPlatformAndMovedSecretsAreBoundToo)
{
    const qint64 first = addWatchedKey();
    const qint64 second = addWatchedKey();
    ASSERT_GT(second, first);
    // The secret of one row moved into another (same platform and address, another owner's
    // row in a shared database, say): the token is part of what is bound.
    sql(QStringLiteral("UPDATE api_keys SET secret_enc = (SELECT secret_enc FROM api_keys WHERE id = ?) "
                       "WHERE id = ?"),
        {second, first});
    sql(QStringLiteral("UPDATE api_keys SET options_json = ? WHERE id = ?"),
        {QStringLiteral(R"({"header.X":"y"})"), second});
    const CliResult checked = runDb(cmd({"check", "--json"}));
    EXPECT_EQ(checked.exitCode, 1);
    const QJsonArray checks = QJsonDocument::fromJson(checked.out).array();
    ASSERT_EQ(checks.size(), 2) << checked.describe();
    for (const QJsonValue &check : checks)
        EXPECT_EQ(check.toObject().value(QLatin1String("status")).toString(),
                  QStringLiteral("integrity_error"));
    EXPECT_EQ(m_provider.requestCount(), 0);
}

// An attacker cannot have a row bound again by clearing its binding.
TEST_F(CliBinding, ANulledBindingIsAnIntegrityErrorAndNeverReBound)
{
    const qint64 id = addWatchedKey();
    ASSERT_TRUE(succeeded(runDb(cmd({"check"}))));
    sql(QStringLiteral("UPDATE api_keys SET base_url = ?, binding = NULL WHERE id = ?"),
        {m_trap.baseUrl(), id});
    expectIntegrityError(id);
    expectIntegrityError(id);
    EXPECT_TRUE(value(QStringLiteral("SELECT binding FROM api_keys WHERE id = ?"), {id}).isNull());
}

TEST_F(CliBinding, ADatabaseOfThePreviousSchemaIsBoundOnceThenChecksNormally)
{
    const qint64 id = addWatchedKey();
    ASSERT_GT(id, 0);
    // As the previous QuotaWatch left it: no binding columns, schema version 6, no marker.
    sql(QStringLiteral("ALTER TABLE api_keys DROP COLUMN binding"));
    sql(QStringLiteral("ALTER TABLE channels DROP COLUMN binding"));
    sql(QStringLiteral("ALTER TABLE api_keys DROP COLUMN secret_options_enc"));
    sql(QStringLiteral("ALTER TABLE snapshots DROP COLUMN details_json"));   // migration 8
    sql(QStringLiteral("ALTER TABLE api_keys DROP COLUMN last_checked_by")); // migration 9
    sql(QStringLiteral("DROP TABLE rollup_progress"));                       // migration 10
    sql(QStringLiteral("DROP TABLE snapshot_rollups"));
    sql(QStringLiteral("DELETE FROM settings WHERE key = 'retention.raw_days'"));
    sql(QStringLiteral("DELETE FROM schema_version WHERE version >= 7"));
    sql(QStringLiteral("DELETE FROM settings WHERE key = ?"), {kMarker});

    // Binding an old database is said once, never done silently: making a database look old
    // again is how someone who can write it would get a redirected row bound.
    const CliResult upgraded = runDb(cmd({"check"}));
    ASSERT_EQ(upgraded.exitCode, 0) << upgraded.describe();
    EXPECT_EQ(upgraded.errLines(),
              QStringList{QStringLiteral("QuotaWatch: bound the destinations of 1 key(s) and 0 alert "
                                         "channel(s) stored without one (a database from an older "
                                         "version); this happens once per database")});
    EXPECT_TRUE(succeeded(runDb(cmd({"check"}))));
    EXPECT_EQ(m_provider.requestCount(), 2);
    EXPECT_EQ(latestStatus(id), QStringLiteral("ok"));
    EXPECT_EQ(setting(kMarker), std::optional<QString>(QStringLiteral("1")));
    EXPECT_FALSE(
        value(QStringLiteral("SELECT binding FROM api_keys WHERE id = ?"), {id}).toString().isEmpty());

    // From now on a change by SQL is caught, migration or not.
    sql(QStringLiteral("UPDATE api_keys SET base_url = ?, binding = NULL WHERE id = ?"),
        {m_trap.baseUrl(), id});
    expectIntegrityError(id);
}

TEST_F(CliBinding, EditingTheDestinationAsksForTheSecretOrRebind)
{
    const qint64 id = addWatchedKey();
    ASSERT_GT(id, 0);
    const QString idText = QString::number(id);

    // Name and a path on the same origin: no question asked.
    ASSERT_TRUE(succeeded(runDb({QStringLiteral("keys"), QStringLiteral("edit"), idText,
                                 QStringLiteral("--name"), QStringLiteral("renamed")})));
    ASSERT_TRUE(
        succeeded(runDb({QStringLiteral("keys"), QStringLiteral("edit"), idText, QStringLiteral("--base-url"),
                         QString(m_provider.baseUrl() + QStringLiteral("/v1"))})));
    ASSERT_TRUE(succeeded(runDb(cmd({"check"}))));
    EXPECT_EQ(m_provider.requestCount(), 1);

    // Another origin: refused with the way out, nothing changed.
    TestHttpServer relay;
    relay.route("GET", "/user/balance", TestResponse::json(kBalance));
    const QStringList move{QStringLiteral("keys"), QStringLiteral("edit"), idText,
                           QStringLiteral("--base-url"), relay.baseUrl()};
    EXPECT_TRUE(failedWith(
        runDb(move), kExitUsage,
        {QStringLiteral("127.0.0.1"), QStringLiteral("--secret-stdin"), QStringLiteral("--rebind")}));
    EXPECT_EQ(value(QStringLiteral("SELECT base_url FROM api_keys WHERE id = ?"), {id}).toString(),
              QString(m_provider.baseUrl() + QStringLiteral("/v1")));
    // Another platform too.
    EXPECT_TRUE(failedWith(
        runDb({QStringLiteral("keys"), QStringLiteral("edit"), idText, QStringLiteral("--platform"),
               QStringLiteral("openrouter"), QStringLiteral("--base-url"), QString()}),
        kExitUsage, {QStringLiteral("--rebind")}));

    // --rebind sends the stored secret there, and the check goes there.
    ASSERT_TRUE(succeeded(runDb(move + QStringList{QStringLiteral("--rebind")})));
    ASSERT_TRUE(succeeded(runDb(cmd({"check"}))));
    ASSERT_EQ(relay.requestCount(), 1);
    EXPECT_EQ(relay.requests().front().header("Authorization"), "Bearer " + kSecret);

    // Or a new secret with the move.
    const QByteArray newSecret = "sk-cli-binding-new-0123456789";
    ASSERT_TRUE(
        succeeded(runDb({QStringLiteral("keys"), QStringLiteral("edit"), idText, QStringLiteral("--base-url"),
                         m_provider.baseUrl(), QStringLiteral("--secret-stdin")},
                        newSecret)));
    ASSERT_TRUE(succeeded(runDb(cmd({"check"}))));
    EXPECT_EQ(m_provider.requests().back().header("Authorization"), "Bearer " + newSecret);
}

// A key redirected behind QuotaWatch's back is not approved by the next edit: only its secret,
// given again, makes it work.
TEST_F(CliBinding, ATamperedKeyTakesOnlyItsSecretAgain)
{
    const qint64 id = addWatchedKey();
    const QString idText = QString::number(id);
    sql(QStringLiteral("UPDATE api_keys SET base_url = ? WHERE id = ?"), {m_trap.baseUrl(), id});
    EXPECT_TRUE(failedWith(runDb({QStringLiteral("keys"), QStringLiteral("edit"), idText,
                                  QStringLiteral("--name"), QStringLiteral("x"), QStringLiteral("--rebind")}),
                           kExitUsage, {QStringLiteral("outside QuotaWatch")}));
    expectIntegrityError(id);

    ASSERT_TRUE(
        succeeded(runDb({QStringLiteral("keys"), QStringLiteral("edit"), idText, QStringLiteral("--base-url"),
                         m_provider.baseUrl(), QStringLiteral("--secret-stdin")},
                        kSecret)));
    ASSERT_TRUE(succeeded(runDb(cmd({"check"}))));
    EXPECT_EQ(latestStatus(id), QStringLiteral("ok"));
    EXPECT_EQ(m_trap.connectionCount(), 0);
}

TEST_F(CliBinding, AChannelRedirectedWithSqlSendsNothing)
{
    // Plain SMTP to a port nobody listens on; then the row is pointed at the trap.
    const CliResult added = runDb(
        {QStringLiteral("channels"), QStringLiteral("add"), QStringLiteral("--kind"), QStringLiteral("email"),
         QStringLiteral("--name"), QStringLiteral("mail"), QStringLiteral("--host"),
         QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(closedLoopbackPort()),
         QStringLiteral("--security"), QStringLiteral("none"), QStringLiteral("--from"),
         QStringLiteral("alerts@example.com"), QStringLiteral("--to"), QStringLiteral("owner@example.com")});
    ASSERT_TRUE(succeeded(added)) << added.describe();
    const qint64 channel = added.outText().trimmed().toLongLong();
    QJsonObject settings =
        QJsonDocument::fromJson(
            value(QStringLiteral("SELECT config_json FROM channels WHERE id = ?"), {channel})
                .toString()
                .toUtf8())
            .object();
    settings.insert(QStringLiteral("port"), int(m_trap.port()));
    sql(QStringLiteral("UPDATE channels SET config_json = ? WHERE id = ?"),
        {QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact)), channel});

    const CliResult tested =
        runDb({QStringLiteral("channels"), QStringLiteral("test"), QString::number(channel)});
    EXPECT_NE(tested.exitCode, 0) << tested.describe();
    EXPECT_TRUE(tested.errText().contains(QLatin1String("outside QuotaWatch"))) << tested.describe();

    // An alert queued for it is not delivered either.
    const qint64 id = addWatchedKey({QStringLiteral("--threshold"), QStringLiteral("100")});
    ASSERT_GT(id, 0);
    const CliResult checked = runDb(cmd({"check"}));
    EXPECT_EQ(latestStatus(id), QStringLiteral("ok")) << checked.describe();
    EXPECT_EQ(alertKinds(), QStringList{QStringLiteral("low_balance")});
    EXPECT_TRUE(value(QStringLiteral("SELECT last_error FROM outbox WHERE channel_id = ?"), {channel})
                    .toString()
                    .contains(QLatin1String("outside QuotaWatch")));
    EXPECT_NE(value(QStringLiteral("SELECT status FROM outbox WHERE channel_id = ?"), {channel}).toString(),
              QStringLiteral("sent"));
    EXPECT_EQ(m_trap.connectionCount(), 0) << "the trap server was contacted";
}
