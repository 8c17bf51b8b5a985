// A key's secret never crosses the network in clear unless the key says so: `keys add` and
// `keys test` refuse a plain http:// base URL to another machine without --allow-insecure, and a
// key whose row was changed behind the app's back to such a URL is not sent at all.
#include "tests/cli/clitest.h"
#include "tests/support/testhttpserver.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QJsonObject>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSecret = "sk-cli-insecure-0123456789abcdef";
const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"1.50","granted_balance":"0","topped_up_balance":"1.50"}]})";

// This machine's name when it resolves to 127.0.0.1 (Debian lists it in /etc/hosts): a host that
// is not loopback by name, yet reaches a trap server on 127.0.0.1. Empty when it does not.
QString nameThatReachesLoopback()
{
    const QString name = QHostInfo::localHostName();
    if (name.isEmpty() || name.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return {};
    const QHostInfo info = QHostInfo::fromName(name);
    for (const QHostAddress &address : info.addresses()) {
        if (address == QHostAddress(QHostAddress::LocalHost))
            return name;
    }
    return {};
}

} // namespace

class CliInsecure : public CliTest
{
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        m_server.route("GET", "/ok/user/balance", TestResponse::json(kBalance));
    }

    TestHttpServer m_server;
};

TEST_F(CliInsecure, PlainHttpToAnotherMachineIsRefusedAndNamesTheFlag)
{
    const CliResult result = runDb(cmd({"keys", "add", "--name", "Relay", "--platform", "deepseek",
                                        "--base-url", "http://relay.example.com"}),
                                   kSecret);
    EXPECT_TRUE(
        failedWith(result, kExitUsage, {QStringLiteral("--allow-insecure"), QStringLiteral("http://")}));
    EXPECT_EQ(keyCount(), 0);

    const CliResult test =
        run(cmd({"keys", "test", "--platform", "deepseek", "--base-url", "http://10.1.2.3:8080"}), kSecret);
    EXPECT_TRUE(failedWith(test, kExitUsage, {QStringLiteral("--allow-insecure")}));
}

TEST_F(CliInsecure, HttpsAndLoopbackNeedNoPermission)
{
    for (const char *url : {"https://relay.example.com", "http://127.0.0.1:9", "http://127.8.9.10",
                            "http://localhost:8080", "http://[::1]:8080"}) {
        SCOPED_TRACE(url);
        const qint64 id = addKey(QStringLiteral("K"), QStringLiteral("deepseek"), kSecret,
                                 {QStringLiteral("--base-url"), QString::fromUtf8(url)});
        EXPECT_GT(id, 0);
    }
    for (const QJsonValue &key : listJson())
        EXPECT_EQ(key.toObject().value(QLatin1String("allow_insecure")), QJsonValue(false));
}

TEST_F(CliInsecure, AllowInsecureIsStoredAndShown)
{
    const qint64 id = addKey(QStringLiteral("Lan relay"), QStringLiteral("deepseek"), kSecret,
                             cmd({"--base-url", "http://relay.lan:3000", "--allow-insecure"}));
    ASSERT_GT(id, 0);
    const QJsonArray keys = listJson();
    ASSERT_EQ(keys.size(), 1);
    EXPECT_EQ(keys.first().toObject().value(QLatin1String("allow_insecure")), QJsonValue(true));
    // Shown as its own field, not as a platform option.
    EXPECT_FALSE(keys.first()
                     .toObject()
                     .value(QLatin1String("options"))
                     .toObject()
                     .contains(QLatin1String("allow_insecure")));
    const auto stored = storedKeys();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_TRUE(stored.front().allowsInsecure());
}

TEST_F(CliInsecure, ImportTakesAnAllowInsecureColumn)
{
    const QString file =
        writeFile(QStringLiteral("keys.csv"), "name,platform,secret,base_url,allow_insecure\n"
                                              "a,deepseek,sk-import-aaaaaaaaaaaa1111,http://relay.lan,true\n"
                                              "b,deepseek,sk-import-bbbbbbbbbbbb2222,https://relay.lan,\n");
    const CliResult result = runDb({QStringLiteral("keys"), QStringLiteral("import"), file});
    ASSERT_TRUE(succeeded(result)) << result.describe();
    const QJsonArray keys = listJson();
    ASSERT_EQ(keys.size(), 2);
    EXPECT_EQ(keys.at(0).toObject().value(QLatin1String("allow_insecure")), QJsonValue(true));
    EXPECT_EQ(keys.at(1).toObject().value(QLatin1String("allow_insecure")), QJsonValue(false));

    const QString refused =
        writeFile(QStringLiteral("refused.csv"), "name,platform,secret,base_url\n"
                                                 "a,deepseek,sk-import-cccccccccccc3333,http://relay.lan\n");
    EXPECT_TRUE(failedWith(runDb({QStringLiteral("keys"), QStringLiteral("import"), refused}), kExitUsage,
                           {QStringLiteral("allow-insecure")}));
    EXPECT_EQ(keyCount(), 2);
}

// The row says http:// to another machine, changed behind the app's back: the check fails and
// the trap server, which that name reaches, never sees a request.
TEST_F(CliInsecure, ARowChangedToPlainHttpSendsNothing)
{
    const QString name = nameThatReachesLoopback();
    if (name.isEmpty())
        GTEST_SKIP() << "this machine's name does not resolve to 127.0.0.1";
    const qint64 id = addKey(QStringLiteral("K"), QStringLiteral("deepseek"), kSecret,
                             {QStringLiteral("--base-url"), m_server.baseUrl() + QStringLiteral("/ok")});
    ASSERT_GT(id, 0);
    ASSERT_TRUE(succeeded(runDb({QStringLiteral("check"), QString::number(id)})));
    ASSERT_EQ(m_server.requestCount(), 1);
    m_server.clearRequests();

    auto changed = db().run(QStringLiteral("UPDATE api_keys SET base_url = ? WHERE id = ?"),
                            {QString(m_server.baseUrl(name) + QStringLiteral("/ok")), id});
    ASSERT_TRUE(changed) << changed.error().message.toStdString();
    const CliResult check = runDb({QStringLiteral("check"), QString::number(id), QStringLiteral("--json")});
    EXPECT_EQ(check.exitCode, 1) << check.describe();
    EXPECT_EQ(m_server.requestCount(), 0);
    const QJsonArray results = QJsonDocument::fromJson(check.out).array();
    ASSERT_EQ(results.size(), 1) << check.describe();
    EXPECT_NE(results.first().toObject().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
}
