// What a client of the old web application did, against the real `quotawatch serve` on the
// backend QW_TEST_BACKEND names: register, sign in (JSON and OAuth2 form), add a key that points at
// a loopback server playing DeepSeek, list it, check it now, read its history and /metrics, edit
// and delete it; a second account sees none of it; a personal access token made with the command
// line works until revoked. Every response body and everything serve printed is scanned for the
// key's secret, the passwords and the master key.
#include "tests/rest/restclient.h"
#include "tests/rest/serveprocess.h"
#include "tests/support/secretscan.h"
#include "tests/support/testhttpserver.h"

#include <QFile>
#include <QJsonArray>
#include <QUrlQuery>
#include <gtest/gtest.h>
#include <memory>

namespace qw::test {
namespace {

const QByteArray kKeySecret = "sk-flow-5be0c91d7a2f4e38";
const QByteArray kNewKeySecret = "sk-flow-rotated-e81c40aa93";
const QByteArray kAlicePassword = "alice-correct-horse-7";
const QByteArray kBobPassword = "bob-battery-staple-9";

QByteArray recorded(const char *platform, const char *name)
{
    QFile file(QStringLiteral(QW_TEST_DATA_DIR "/providers/%1/%2")
                   .arg(QLatin1String(platform), QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

class ServeFlow : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_serve = std::make_unique<ServeProcess>();
        if (!m_serve->available())
            GTEST_SKIP() << m_serve->skipReason().toStdString();
        m_provider.route("GET", "/user/balance", TestResponse::json(recorded("deepseek", "cny_only.json")));
        m_secrets = {kKeySecret, kNewKeySecret, kAlicePassword, kBobPassword, m_serve->masterKey()};
        ASSERT_TRUE(m_serve->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}))
            << m_serve->log().toStdString();
        m_client.setBaseUrl(m_serve->url());
    }

    void TearDown() override
    {
        if (!m_serve || !m_serve->available())
            return;
        EXPECT_EQ(m_serve->stop(), 0) << m_serve->log().toStdString();
        for (const QByteArray &body : std::as_const(m_bodies))
            EXPECT_TRUE(holdsNoSecret(m_secrets, body, QStringLiteral("a response body")));
        EXPECT_TRUE(holdsNoSecret(m_secrets, m_serve->log(), QStringLiteral("serve's stderr")));
        EXPECT_TRUE(holdsNoSecret(m_secrets, m_serve->output(), QStringLiteral("serve's stdout")));
    }

    HttpResult keep(HttpResult result)
    {
        m_bodies.append(result.body);
        return result;
    }
    HttpResult get(const QString &path) { return keep(m_client.get(path)); }
    HttpResult post(const QString &path, const QJsonObject &body) { return keep(m_client.post(path, body)); }
    HttpResult patch(const QString &path, const QJsonObject &body)
    {
        return keep(m_client.patch(path, body));
    }
    HttpResult del(const QString &path) { return keep(m_client.del(path)); }

    // Registers and signs in with the OAuth2 form; the access token, or empty.
    QByteArray registerAndSignIn(const QString &name, const QByteArray &password)
    {
        const HttpResult registered = post(
            QStringLiteral("/api/auth/register"),
            {{QStringLiteral("username"), name}, {QStringLiteral("password"), QString::fromUtf8(password)}});
        EXPECT_EQ(registered.status, 201) << registered.body.toStdString();
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
        form.addQueryItem(QStringLiteral("username"), name);
        form.addQueryItem(QStringLiteral("password"), QString::fromUtf8(password));
        m_client.setToken({});
        const HttpResult login = keep(m_client.send("POST", QStringLiteral("/api/auth/login"),
                                                    form.toString(QUrl::FullyEncoded).toUtf8(),
                                                    {{"Content-Type", "application/x-www-form-urlencoded"}}));
        EXPECT_EQ(login.status, 200) << login.body.toStdString();
        EXPECT_EQ(login.json().value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
        EXPECT_GT(login.json().value(QStringLiteral("expires_in")).toInt(), 0);
        return login.json().value(QStringLiteral("access_token")).toString().toUtf8();
    }

    std::unique_ptr<ServeProcess> m_serve;
    TestHttpServer m_provider;
    RestClient m_client;
    QByteArrayList m_secrets;
    QByteArrayList m_bodies;
};

TEST_F(ServeFlow, AKeyFromRegistrationToDeletionAndASecondAccountThatSeesNoneOfIt)
{
    const QByteArray alice = registerAndSignIn(QStringLiteral("alice"), kAlicePassword);
    ASSERT_FALSE(alice.isEmpty());
    m_client.setToken(alice);
    const HttpResult me = get(QStringLiteral("/api/auth/me"));
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json().value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
    EXPECT_TRUE(me.json().value(QStringLiteral("is_admin")).toBool()) << "the first account is the admin";

    const HttpResult created =
        post(QStringLiteral("/api/keys"), {{QStringLiteral("name"), QStringLiteral("DeepSeek prod")},
                                           {QStringLiteral("platform"), QStringLiteral("deepseek")},
                                           {QStringLiteral("api_key"), QString::fromUtf8(kKeySecret)},
                                           {QStringLiteral("base_url"), m_provider.baseUrl()},
                                           {QStringLiteral("threshold"), 20},
                                           {QStringLiteral("tags"), QJsonArray{QStringLiteral("prod")}}});
    ASSERT_EQ(created.status, 201) << created.body.toStdString();
    const qint64 id = created.json().value(QStringLiteral("id")).toInteger();
    ASSERT_GT(id, 0);
    const QString keyPath = QStringLiteral("/api/keys/%1").arg(id);

    const HttpResult listed = get(QStringLiteral("/api/keys"));
    ASSERT_EQ(listed.status, 200);
    ASSERT_EQ(listed.jsonArray().size(), 1);
    EXPECT_EQ(listed.jsonArray().first().toObject().value(QStringLiteral("name")).toString(),
              QStringLiteral("DeepSeek prod"));

    const HttpResult checked = post(keyPath + QStringLiteral("/trigger-check"), {});
    ASSERT_EQ(checked.status, 200) << checked.body.toStdString();
    EXPECT_EQ(checked.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    EXPECT_DOUBLE_EQ(checked.json().value(QStringLiteral("remaining")).toDouble(), 110.0);
    EXPECT_EQ(checked.json().value(QStringLiteral("unit")).toString(), QStringLiteral("CNY"));
    // The provider saw the key's secret, and only there does it go.
    ASSERT_GE(m_provider.requestCount(), 1);
    EXPECT_EQ(m_provider.requests().back().header("Authorization"), "Bearer " + kKeySecret);

    const HttpResult history = get(keyPath + QStringLiteral("/balance-history?limit=5"));
    ASSERT_EQ(history.status, 200);
    ASSERT_GE(history.jsonArray().size(), 1);
    EXPECT_EQ(history.jsonArray().first().toObject().value(QStringLiteral("key_id")).toInteger(), id);

    const HttpResult metrics = get(QStringLiteral("/metrics"));
    ASSERT_EQ(metrics.status, 200);
    EXPECT_TRUE(metrics.body.contains("quotawatch_balance{")) << metrics.body.toStdString();
    EXPECT_TRUE(metrics.body.contains("DeepSeek prod"));

    const HttpResult rotated = patch(keyPath, {{QStringLiteral("api_key"), QString::fromUtf8(kNewKeySecret)},
                                               {QStringLiteral("name"), QStringLiteral("DeepSeek main")}});
    ASSERT_EQ(rotated.status, 200) << rotated.body.toStdString();
    EXPECT_EQ(rotated.json().value(QStringLiteral("name")).toString(), QStringLiteral("DeepSeek main"));
    ASSERT_EQ(post(keyPath + QStringLiteral("/trigger-check"), {}).status, 200);
    EXPECT_EQ(m_provider.requests().back().header("Authorization"), "Bearer " + kNewKeySecret);

    // A second account, once the administrator opened registration from the command line.
    m_client.setToken({});
    const HttpResult closed = post(QStringLiteral("/api/auth/register"),
                                   {{QStringLiteral("username"), QStringLiteral("bob")},
                                    {QStringLiteral("password"), QString::fromUtf8(kBobPassword)}});
    EXPECT_EQ(closed.status, 403);
    const ProcessOutcome opened =
        m_serve->run({QStringLiteral("user"), QStringLiteral("registration"), QStringLiteral("open")});
    ASSERT_TRUE(opened.finished && opened.exitCode == 0) << opened.describe();
    const QByteArray bob = registerAndSignIn(QStringLiteral("bob"), kBobPassword);
    ASSERT_FALSE(bob.isEmpty());
    m_client.setToken(bob);
    EXPECT_EQ(get(QStringLiteral("/api/keys")).jsonArray().size(), 0);
    EXPECT_EQ(get(keyPath).status, 404);
    EXPECT_EQ(patch(keyPath, {{QStringLiteral("name"), QStringLiteral("mine now")}}).status, 404);
    EXPECT_EQ(post(keyPath + QStringLiteral("/trigger-check"), {}).status, 404);
    EXPECT_EQ(get(keyPath + QStringLiteral("/balance-history")).status, 404);
    EXPECT_EQ(del(keyPath).status, 404);
    EXPECT_FALSE(get(QStringLiteral("/metrics")).body.contains("DeepSeek"));

    m_client.setToken(alice);
    EXPECT_EQ(get(keyPath).json().value(QStringLiteral("name")).toString(), QStringLiteral("DeepSeek main"));
    EXPECT_EQ(del(keyPath).status, 204);
    EXPECT_EQ(get(keyPath).status, 404);
    EXPECT_EQ(get(QStringLiteral("/api/keys")).jsonArray().size(), 0);
}

TEST_F(ServeFlow, APersonalAccessTokenFromTheCommandLineWorksUntilRevoked)
{
    ASSERT_FALSE(registerAndSignIn(QStringLiteral("alice"), kAlicePassword).isEmpty());
    const ProcessOutcome created =
        m_serve->run({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("prometheus"),
                      QStringLiteral("--user"), QStringLiteral("alice")});
    ASSERT_TRUE(created.finished && created.exitCode == 0) << created.describe();
    QByteArray token;
    for (const QByteArray &word : created.out.simplified().split(' ')) {
        if (word.startsWith("qwp_"))
            token = word;
    }
    ASSERT_FALSE(token.isEmpty()) << created.describe();
    m_client.setToken(token);
    const HttpResult me = get(QStringLiteral("/api/auth/me"));
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json().value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
    EXPECT_EQ(get(QStringLiteral("/metrics")).status, 200);

    const ProcessOutcome listed =
        m_serve->run({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--user"),
                      QStringLiteral("alice"), QStringLiteral("--json")});
    ASSERT_TRUE(listed.finished && listed.exitCode == 0) << listed.describe();
    EXPECT_FALSE(listed.out.contains(token)) << "a token is shown once, when it is made";
    const QJsonArray tokens = QJsonDocument::fromJson(listed.out).array();
    ASSERT_EQ(tokens.size(), 1) << listed.describe();
    const qint64 tokenId = tokens.first().toObject().value(QStringLiteral("id")).toInteger();
    const ProcessOutcome revoked =
        m_serve->run({QStringLiteral("token"), QStringLiteral("revoke"), QString::number(tokenId),
                      QStringLiteral("--user"), QStringLiteral("alice")});
    ASSERT_TRUE(revoked.finished && revoked.exitCode == 0) << revoked.describe();
    const HttpResult refused = get(QStringLiteral("/api/auth/me"));
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(refused.header("WWW-Authenticate"), "Bearer");
    m_secrets.append(token); // from here on it must not show up anywhere
}

} // namespace
} // namespace qw::test
