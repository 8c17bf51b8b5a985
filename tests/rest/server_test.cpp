// The server's shared behaviour, over a real socket: the security headers, 404 against 405, the
// body cap, bearer authentication's 401 with WWW-Authenticate, and the health check.
#include "tests/rest/restfixture.h"

#include <gtest/gtest.h>

namespace qw::test {
namespace {

class RestServerTest : public RestFixture
{
};

TEST_F(RestServerTest, HealthAnswersWithoutAuthenticationAndCarriesTheSecurityHeaders)
{
    const HttpResult health = m_client.get(QStringLiteral("/api/health"));
    ASSERT_EQ(health.status, 200) << health.networkError.toStdString();
    EXPECT_EQ(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    EXPECT_EQ(health.json().value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
    EXPECT_EQ(health.json().value(QStringLiteral("version")).toString(), QStringLiteral(QW_VERSION));
    EXPECT_EQ(health.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(health.header("Content-Security-Policy").left(18), "default-src 'none'");
    EXPECT_EQ(health.header("Content-Type"), "application/json");
    EXPECT_TRUE(health.header("Access-Control-Allow-Origin").isEmpty());
}

TEST_F(RestServerTest, UnknownPathIs404AndWrongMethodIs405NamingTheAllowedOnes)
{
    const HttpResult missing = m_client.get(QStringLiteral("/api/nothing-here"));
    EXPECT_EQ(missing.status, 404);
    EXPECT_FALSE(missing.detail().isEmpty());
    const HttpResult wrongMethod = m_client.send("PUT", QStringLiteral("/api/health"));
    EXPECT_EQ(wrongMethod.status, 405);
    EXPECT_EQ(wrongMethod.header("Allow"), "GET");
    EXPECT_FALSE(wrongMethod.detail().isEmpty());
}

TEST_F(RestServerTest, ABodyOver64KiBIs413AndTheServerGoesOnServing)
{
    const HttpResult tooLarge =
        m_client.send("POST", QStringLiteral("/api/health"), QByteArray(200 * 1024, 'x'),
                      {{"Content-Type", "application/json"}});
    // The server refuses as the bytes arrive and closes; the client sees the 413 or, when it was
    // still sending, a closed connection; never a 2xx.
    if (tooLarge.status != 0) {
        EXPECT_EQ(tooLarge.status, 413);
    }
    const HttpResult justUnder =
        m_client.send("POST", QStringLiteral("/api/health"), QByteArray(60 * 1024, 'x'),
                      {{"Content-Type", "application/json"}});
    EXPECT_EQ(justUnder.status, 405); // read whole, then routed
    EXPECT_EQ(m_client.get(QStringLiteral("/api/health")).status, 200);
}

TEST_F(RestServerTest, AllowedOriginsGetCorsHeadersAndOthersNone)
{
    rest::RestOptions options;
    options.allowedOrigins = {QStringLiteral("https://dash.example")};
    startApi(options);
    const HttpResult allowed =
        m_client.send("GET", QStringLiteral("/api/health"), {}, {{"Origin", "https://dash.example"}});
    EXPECT_EQ(allowed.header("Access-Control-Allow-Origin"), "https://dash.example");
    const HttpResult other =
        m_client.send("GET", QStringLiteral("/api/health"), {}, {{"Origin", "https://evil.example"}});
    EXPECT_TRUE(other.header("Access-Control-Allow-Origin").isEmpty());
    const HttpResult preflight =
        m_client.send("OPTIONS", QStringLiteral("/api/keys"), {}, {{"Origin", "https://dash.example"}});
    EXPECT_EQ(preflight.status, 204);
    EXPECT_TRUE(preflight.header("Access-Control-Allow-Headers").contains("Authorization"));
}

TEST_F(RestServerTest, ARemoteAddressNeedsAllowRemote)
{
    rest::RestApi api(*m_session);
    rest::RestOptions options;
    options.endpoint.host = QStringLiteral("0.0.0.0");
    options.endpoint.port = 0;
    const auto refused = api.start(options);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("allow-remote")));
    options.allowRemote = true;
    QString warning;
    const auto started = api.start(options, &warning);
    ASSERT_TRUE(started) << started.error().message.toStdString();
    EXPECT_TRUE(warning.contains(QStringLiteral("HTTPS")));
}

TEST_F(RestServerTest, APortInUseIsAClearError)
{
    rest::RestApi second(*m_session);
    rest::RestOptions options;
    options.endpoint.port = int(m_api->url().port());
    const auto started = second.start(options);
    ASSERT_FALSE(started);
    EXPECT_TRUE(started.error().message.contains(QString::number(m_api->url().port())));
}

} // namespace
} // namespace qw::test
