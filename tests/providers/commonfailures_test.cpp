// Every platform, through the whole CheckService path, against the failures any provider can
// produce: refused keys, rate limits, server errors, web pages instead of JSON, cut-off or
// unexpected JSON, a refused connection and a server that never answers.
#include "tests/providers/providertest.h"
#include "tests/support/closedport.h"

#include <QElapsedTimer>
#include <QTcpServer>

using namespace qw;
using namespace qw::test;

namespace {

// The least each platform needs to be saved.
QStringList minimalOptions(const QString &platform)
{
    if (platform == QLatin1String("newapi-user"))
        return {QStringLiteral("user_id=42")};
    if (platform == QLatin1String("xai"))
        return {QStringLiteral("team_id=team-1")};
    if (platform == QLatin1String("custom"))
        return {QStringLiteral("path=/v1/balance"), QStringLiteral("remaining_pointer=/data/balance")};
    return {};
}

QStringList allPlatforms()
{
    QStringList ids;
    const PlatformRegistry registry = PlatformRegistry::builtin();
    for (const auto &adapter : registry.all()) {
        if (adapter->readable()) // the others send nothing (see UnreadableAdapter)
            ids << adapter->id();
    }
    return ids;
}

} // namespace

class CommonFailures : public ProviderTest, public ::testing::WithParamInterface<QString>
{
protected:
    Snapshot checkAgainst(TestResponse response)
    {
        m_server.route("*", "/*", std::move(response));
        return check(GetParam(), minimalOptions(GetParam()));
    }
};

TEST_P(CommonFailures, RefusedKeyIsAnAuthError)
{
    for (int status : {401, 403}) {
        SCOPED_TRACE(status);
        const Snapshot snapshot = checkAgainst(
            TestResponse::json(R"({"error": {"message": "Invalid API key", "type": "auth"}})", status));
        expectError(snapshot, CheckStatus::AuthError);
        EXPECT_TRUE(snapshot.error.contains(QString::number(status))) << snapshot.error.toStdString();
    }
    expectSecretOnlyInHeaders();
}

TEST_P(CommonFailures, SessionKeyOnlyEndpointIsUnsupported)
{
    // What OpenAI's legacy billing endpoints answer an ordinary key; relays pass it on.
    const Snapshot snapshot = checkAgainst(TestResponse::json(
        R"({"error": {"message": "Your request to GET /dashboard/billing/subscription must be made with a session )"
        R"(key (that is, it can only be made from the browser). You made it with the following key type: )"
        R"(secret.", "type": "invalid_request_error"}})",
        403));
    expectError(snapshot, CheckStatus::Unsupported);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("Admin key"))) << snapshot.error.toStdString();
}

TEST_P(CommonFailures, GoneEndpointIsUnsupportedAndSaysItWasRetired)
{
    // SiliconFlow's China endpoint answers this since it was retired; any provider may.
    const Snapshot snapshot =
        checkAgainst(TestResponse::json(fixture(QStringLiteral("siliconflow/gone_410.json")), 410));
    expectError(snapshot, CheckStatus::Unsupported);
    for (const char *words : {"retired", "HTTP 410", "cannot read this balance any more", "deprecated"})
        EXPECT_TRUE(snapshot.error.contains(QLatin1String(words)))
            << words << ": " << snapshot.error.toStdString();
    // Not worth a retry before the next regular check.
    EXPECT_FALSE(snapshot.retryAfterS.has_value());
}

TEST_P(CommonFailures, PaymentRequiredIsAnEmptyAccountNotAFailure)
{
    // DeepSeek's answer when the account has run dry; other providers say it with other words.
    const Snapshot snapshot = checkAgainst(
        TestResponse::json(fixture(QStringLiteral("deepseek/insufficient_balance_402.json")), 402));
    EXPECT_EQ(toString(snapshot.status), QStringLiteral("ok"));
    EXPECT_TRUE(snapshot.outOfCredit());
    EXPECT_EQ(kindOf(snapshot), "balance");
    EXPECT_EQ(microsOf(snapshot.remaining), 0);
    EXPECT_TRUE(snapshot.error.startsWith(QLatin1String("out of credit (HTTP 402)")))
        << snapshot.error.toStdString();
    EXPECT_TRUE(snapshot.error.contains(QLatin1String("Insufficient Balance")))
        << snapshot.error.toStdString();
    EXPECT_FALSE(snapshot.error.contains(QLatin1String(kSecret)));
}

TEST_P(CommonFailures, BaseUrlEndingInV1SaysV1Once)
{
    // What the plain address sends, then the same key with the OpenAI-style address people paste.
    m_server.route("*", "/*", TestResponse::json(R"({"unexpected": true})"));
    (void)check(GetParam(), minimalOptions(GetParam()));
    const auto plain = m_server.requests();
    ASSERT_FALSE(plain.empty());
    for (const QString &suffix : {QStringLiteral("/v1"), QStringLiteral("/v1/")}) {
        SCOPED_TRACE(suffix.toStdString());
        m_server.clearRequests();
        (void)check(GetParam(), minimalOptions(GetParam()), m_server.baseUrl() + suffix);
        const auto pasted = m_server.requests();
        ASSERT_EQ(pasted.size(), plain.size());
        for (std::size_t i = 0; i < plain.size(); ++i) {
            // A built-in platform's paths start at the API's root, which the pasted address names
            // with /v1 after it: the same requests either way. The custom platform's own path goes
            // after its base as it is, said once where it repeats the base's /v1.
            const bool custom = GetParam() == QLatin1String("custom");
            const QByteArray expected = !custom || plain[i].path.startsWith("/v1/")
                                            ? plain[i].path
                                            : QByteArrayLiteral("/v1") + plain[i].path;
            EXPECT_EQ(pasted[i].path.toStdString(), expected.toStdString());
            EXPECT_FALSE(pasted[i].path.startsWith("/v1/v1"));
        }
    }
}

TEST_P(CommonFailures, TooManyRequestsHonoursRetryAfter)
{
    TestResponse response = TestResponse::json(R"({"error": "slow down"})", 429);
    response.headers.append(qMakePair(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("30")));
    const Snapshot snapshot = checkAgainst(response);
    expectError(snapshot, CheckStatus::RateLimited);
    EXPECT_EQ(snapshot.retryAfterS, 30);
}

TEST_P(CommonFailures, ServerErrorIsAProviderError)
{
    const Snapshot snapshot =
        checkAgainst(TestResponse::json(R"({"error": {"message": "upstream failed"}})", 500));
    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("500")));
}

TEST_P(CommonFailures, HtmlPageIsAProviderError)
{
    for (int status : {200, 502}) {
        SCOPED_TRACE(status);
        TestResponse page;
        page.status = status;
        page.headers = {qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/html"))};
        page.body =
            "<!DOCTYPE html><html><head><title>Bad gateway</title></head><body>cloudflare</body></html>";
        expectError(checkAgainst(page), CheckStatus::ProviderError);
    }
}

TEST_P(CommonFailures, TruncatedJsonIsAParseError)
{
    const Snapshot snapshot = checkAgainst(TestResponse::json(R"({"data": {"balance": 12.5, "total_bal)"));
    expectError(snapshot, CheckStatus::ParseError);
}

TEST_P(CommonFailures, UnexpectedJsonIsAParseErrorNamingAField)
{
    const Snapshot snapshot = checkAgainst(TestResponse::json(R"({"unexpected": true})"));
    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("field"))) << snapshot.error.toStdString();
}

TEST_P(CommonFailures, JsonThatIsNotAnObjectIsAParseError)
{
    expectError(checkAgainst(TestResponse::json("[1, 2, 3]")), CheckStatus::ParseError);
}

TEST_P(CommonFailures, RefusedConnectionIsANetworkError)
{
    const quint16 port = test::closedLoopbackPort();
    ASSERT_GT(port, 0);
    const Snapshot snapshot =
        check(GetParam(), minimalOptions(GetParam()), QStringLiteral("http://127.0.0.1:%1").arg(port));
    expectError(snapshot, CheckStatus::NetworkError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("127.0.0.1"))) << snapshot.error.toStdString();
}

TEST_P(CommonFailures, ServerThatNeverAnswersTimesOut)
{
    TestResponse hang;
    hang.mode = TestResponse::Mode::Hang;
    QElapsedTimer timer;
    timer.start();
    const Snapshot snapshot = checkAgainst(hang);
    expectError(snapshot, CheckStatus::NetworkError);
    EXPECT_LT(timer.elapsed(), 5000); // the client's timeout is 0.6 s in these tests
}

INSTANTIATE_TEST_SUITE_P(AllPlatforms, CommonFailures, ::testing::ValuesIn(allPlatforms()),
                         [](const ::testing::TestParamInfo<QString> &param) {
                             QString name = param.param;
                             return name.replace(u'-', u'_').toStdString();
                         });
