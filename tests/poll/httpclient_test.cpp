// HttpClient against real HTTP servers on loopback: answers of every status, transport failures,
// limits, redirects and the concurrency caps. No mocks: every request crosses a TCP socket.
#include "adapters/replyparsing.h"
#include "core/poll/httpclient.h"
#include "tests/poll/httpclienttesting.h"
#include "tests/support/closedport.h"
#include "tests/support/testhttpserver.h"
#include "tests/support/waitfor.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qw {
namespace {

using test::RecordedRequest;
using test::TestHttpServer;
using test::TestResponse;
using namespace std::chrono_literals;

constexpr int SafetyMs = test::kSafetyMs;

using test::describe;
using test::sendAndWait;
using test::waitFor;

// Collects callbacks; shared so a callback arriving after a failed test does no harm.
struct Results
{
    std::vector<HttpResult> results;
    QElapsedTimer clock;
    Results() { clock.start(); }

    HttpCallback callback(const std::shared_ptr<Results> &self)
    {
        return [self](HttpResult result) { self->results.push_back(std::move(result)); };
    }
};

HttpRequestSpec get(const QString &path)
{
    HttpRequestSpec spec;
    spec.path = path;
    return spec;
}

qint64 msSince(const QElapsedTimer &timer)
{
    return timer.elapsed();
}

TEST(HttpClient, JsonRoundTripCarriesMethodPathQueryHeadersAndBody)
{
    TestHttpServer server;
    TestResponse answer = TestResponse::json(R"({"balance":"12.50"})");
    answer.headers.emplaceBack("X-Request-Id", "abc");
    server.route("POST", "/v1/user/balance", answer);
    HttpClient client;

    HttpRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/v1/user/balance");
    spec.query.addQueryItem(QStringLiteral("start_time"), QStringLiteral("1700000000"));
    spec.query.addQueryItem(QStringLiteral("note"), QStringLiteral("a b"));
    spec.headers.emplaceBack("Authorization", "Bearer sk-test-secret");
    spec.headers.emplaceBack("anthropic-version", "2023-06-01");
    spec.body = R"({"month":"2024-05"})";
    const HttpResult result = sendAndWait(client, server.baseUrl(), std::move(spec));

    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->body, R"({"balance":"12.50"})");
    EXPECT_EQ(result->header("x-request-id"), "abc");
    EXPECT_EQ(result->header("Content-Type"), "application/json");

    ASSERT_EQ(server.requestCount(), 1);
    const RecordedRequest seen = server.requests().front();
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.path, "/v1/user/balance");
    EXPECT_EQ(seen.query, "start_time=1700000000&note=a%20b");
    EXPECT_EQ(seen.header("Authorization"), "Bearer sk-test-secret");
    EXPECT_EQ(seen.header("anthropic-version"), "2023-06-01");
    EXPECT_EQ(seen.header("Content-Type"), "application/json");
    EXPECT_EQ(seen.body, R"({"month":"2024-05"})");
}

TEST(HttpClient, BaseUrlPathPrefixAndTrailingSlashAreKept)
{
    TestHttpServer server;
    server.route("GET", "/relay/v1/key", TestResponse::json("{}"));
    HttpClient client;
    const HttpResult result =
        sendAndWait(client, server.baseUrl() + QStringLiteral("/relay/"), get(QStringLiteral("/v1/key")));
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(server.requests().front().path, "/relay/v1/key");
}

TEST(HttpClient, UserAgentNamesQuotaWatchUnlessTheRequestSetsOne)
{
    TestHttpServer server;
    server.route("GET", "/ua", TestResponse::json("{}"));
    HttpClient client;
    ASSERT_TRUE(sendAndWait(client, server.baseUrl(), get(QStringLiteral("/ua"))).has_value());
    HttpRequestSpec custom = get(QStringLiteral("/ua"));
    custom.headers.emplaceBack("User-Agent", "custom-agent/1");
    ASSERT_TRUE(sendAndWait(client, server.baseUrl(), std::move(custom)).has_value());

    const auto seen = server.requests();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_TRUE(seen[0].header("User-Agent").startsWith("QuotaWatch/" QW_VERSION))
        << seen[0].header("User-Agent").toStdString();
    EXPECT_EQ(seen[1].header("User-Agent"), "custom-agent/1");
    EXPECT_TRUE(HttpClient::userAgent().contains("QuotaWatch"));
}

struct StatusCase
{
    int status;
    CheckStatus classified;
};

class HttpClientStatus : public ::testing::TestWithParam<StatusCase>
{
};

TEST_P(HttpClientStatus, ErrorStatusesAreRepliesWithBodyAndHeaders)
{
    const StatusCase c = GetParam();
    TestHttpServer server;
    TestResponse answer = TestResponse::json(R"({"error":{"message":"provider says no"}})", c.status);
    answer.headers.emplaceBack("Retry-After", "7");
    server.route("GET", "/v1/key", answer);
    HttpClient client;
    HttpRequestSpec spec = get(QStringLiteral("/v1/key"));
    spec.headers.emplaceBack("Authorization", "Bearer sk-bad");
    const HttpResult result = sendAndWait(client, server.baseUrl(), std::move(spec));

    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(result->status, c.status);
    EXPECT_EQ(result->body, R"({"error":{"message":"provider says no"}})");
    EXPECT_EQ(result->header("Retry-After"), "7");
    // What the adapters then make of it.
    const auto error = reply::errorForStatus(*result);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->status, c.classified);
}

INSTANTIATE_TEST_SUITE_P(Statuses, HttpClientStatus,
                         ::testing::Values(StatusCase{401, CheckStatus::AuthError},
                                           StatusCase{403, CheckStatus::AuthError},
                                           StatusCase{404, CheckStatus::ProviderError},
                                           StatusCase{429, CheckStatus::RateLimited},
                                           StatusCase{500, CheckStatus::ProviderError},
                                           StatusCase{503, CheckStatus::ProviderError}),
                         [](const auto &test) { return std::to_string(test.param.status); });

// A challenge an HTTP library could answer (Basic, Digest) changes nothing: the 401 reaches the
// adapter as it came, after exactly one request.
TEST(HttpClient, UnauthorizedWithChallengeIsStillAReply)
{
    TestHttpServer server;
    for (const QByteArray &challenge : {QByteArray("Basic realm=\"api\""), QByteArray("Bearer realm=\"api\""),
                                        QByteArray("Digest realm=\"api\", nonce=\"abc\", qop=\"auth\"")}) {
        server.clearRequests();
        TestResponse answer = TestResponse::json(R"({"detail":{"status":"invalid_api_key"}})", 401);
        answer.headers.emplaceBack("WWW-Authenticate", challenge);
        server.route("GET", "/v1/user/subscription", answer);
        HttpClient client;
        HttpRequestSpec spec = get(QStringLiteral("/v1/user/subscription"));
        spec.headers.emplaceBack("xi-api-key", "secret");
        const HttpResult result = sendAndWait(client, server.baseUrl(), std::move(spec));

        ASSERT_TRUE(result.has_value()) << challenge.toStdString() << ": " << describe(result);
        EXPECT_EQ(result->status, 401) << challenge.toStdString();
        EXPECT_EQ(result->body, R"({"detail":{"status":"invalid_api_key"}})") << challenge.toStdString();
        EXPECT_EQ(server.requestCount(), 1) << challenge.toStdString();
    }
}

TEST(HttpClient, ConnectionRefusedNamesTheHost)
{
    const quint16 port = test::closedLoopbackPort();
    HttpClient client;
    const HttpResult result = sendAndWait(client, QStringLiteral("http://127.0.0.1:") + QString::number(port),
                                          get(QStringLiteral("/x")));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().status, CheckStatus::NetworkError);
    EXPECT_EQ(result.error().message, QStringLiteral("cannot connect to 127.0.0.1: connection refused"));
}

TEST(HttpClient, UnknownHostCannotBeResolved)
{
    HttpClient client({.timeoutMs = 5000});
    const HttpResult result =
        sendAndWait(client, QStringLiteral("https://no-such-host.invalid"), get(QStringLiteral("/x")));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().status, CheckStatus::NetworkError);
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("no-such-host.invalid"))) << describe(result);
    EXPECT_TRUE(result.error().message.startsWith(QStringLiteral("cannot resolve"))) << describe(result);
}

// The system's proxy (here http_proxy, as on any Linux desktop) carries the request, the key
// with it, to a host this machine could not even resolve itself.
TEST(HttpClient, TheSystemProxyCarriesTheRequest)
{
    TestHttpServer proxy;
    proxy.route("GET", "http://provider.test/*", TestResponse::json(R"({"balance":"7.5"})"));
    const bool hadProxy = qEnvironmentVariableIsSet("http_proxy");
    const QByteArray savedProxy = qgetenv("http_proxy");
    qputenv("http_proxy", proxy.baseUrl().toUtf8());
    HttpClient client;
    HttpRequestSpec spec = get(QStringLiteral("/v1/balance"));
    spec.headers.emplaceBack("Authorization", "Bearer sk-via-proxy");
    const HttpResult result = sendAndWait(client, QStringLiteral("http://provider.test"), std::move(spec));
    if (hadProxy)
        qputenv("http_proxy", savedProxy);
    else
        qunsetenv("http_proxy");

    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(result->body, R"({"balance":"7.5"})");
    ASSERT_EQ(proxy.requestCount(), 1);
    const RecordedRequest seen = proxy.requests().front();
    EXPECT_EQ(seen.path, "http://provider.test/v1/balance");
    EXPECT_EQ(seen.header("Authorization"), "Bearer sk-via-proxy");
}

TEST(HttpClient, ServerThatNeverAnswersTimesOut)
{
    TestHttpServer server;
    TestResponse hang;
    hang.mode = TestResponse::Mode::Hang;
    server.route("GET", "/hang", hang);
    HttpClient client({.timeoutMs = 300});
    QElapsedTimer timer;
    timer.start();
    const HttpResult result = sendAndWait(client, server.baseUrl(), get(QStringLiteral("/hang")));
    const qint64 elapsed = msSince(timer);

    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().status, CheckStatus::NetworkError);
    EXPECT_EQ(result.error().message, QStringLiteral("no answer from 127.0.0.1 within 0.3 s"));
    EXPECT_GE(elapsed, 250);
    EXPECT_LT(elapsed, 2000);
    EXPECT_EQ(server.requestCount(), 1);
}

// A listening socket whose accept queue is full: the kernel ignores further SYNs, so a connect
// hangs, as it does behind a firewall that drops packets.
class FullBacklogListener
{
public:
    FullBacklogListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(m_fd, 0) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
            return;
        }
        m_port = ntohs(address.sin_port);
    }
    ~FullBacklogListener() { ::close(m_fd); }
    FullBacklogListener(const FullBacklogListener &) = delete;
    FullBacklogListener &operator=(const FullBacklogListener &) = delete;

    [[nodiscard]] quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

TEST(HttpClient, ConnectThatHangsTimesOut)
{
    FullBacklogListener listener;
    ASSERT_NE(listener.port(), 0);
    // Fill the accept queue with connections nobody accepts.
    std::vector<std::unique_ptr<QTcpSocket>> fillers;
    for (int i = 0; i < 8; ++i) {
        fillers.push_back(std::make_unique<QTcpSocket>());
        fillers.back()->connectToHost(QHostAddress::LocalHost, listener.port());
    }
    waitFor([] { return false; }, 200);
    const bool anyPending = std::any_of(fillers.begin(), fillers.end(), [](const auto &socket) {
        return socket->state() == QAbstractSocket::ConnectingState;
    });
    if (!anyPending)
        GTEST_SKIP()
            << "this kernel completes connects beyond the listen backlog; cannot simulate a hanging connect";

    HttpClient client({.timeoutMs = 400});
    QElapsedTimer timer;
    timer.start();
    const HttpResult result =
        sendAndWait(client, QStringLiteral("http://127.0.0.1:") + QString::number(listener.port()),
                    get(QStringLiteral("/x")));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().status, CheckStatus::NetworkError);
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("127.0.0.1 within 0.4 s")))
        << describe(result);
    EXPECT_LT(msSince(timer), 2000);
}

TEST(HttpClient, ClosedWithoutAnswerIsANetworkError)
{
    TestHttpServer server;
    TestResponse close;
    close.mode = TestResponse::Mode::CloseWithoutAnswer;
    server.route("GET", "/close", close);
    HttpClient client;
    const HttpResult result = sendAndWait(client, server.baseUrl(), get(QStringLiteral("/close")));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().status, CheckStatus::NetworkError);
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("127.0.0.1"))) << describe(result);
}

TEST(HttpClient, TruncatedBodyIsNotASuccess)
{
    TestHttpServer server;
    TestResponse truncated =
        TestResponse::json(QByteArray(R"({"balance":")") + QByteArray(4000, '9') + "\"}");
    truncated.mode = TestResponse::Mode::TruncateBody;
    server.route("GET", "/short", truncated);
    HttpClient client;
    const HttpResult result = sendAndWait(client, server.baseUrl(), get(QStringLiteral("/short")));
    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_TRUE(result.error().status == CheckStatus::NetworkError ||
                result.error().status == CheckStatus::ProviderError)
        << describe(result);
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("127.0.0.1"))) << describe(result);
}

TEST(HttpClient, StreamedAnswerLargerThanTheCapIsCutOff)
{
    TestHttpServer server;
    TestResponse big;
    big.body = QByteArray(1024 * 1024, 'x');
    big.mode = TestResponse::Mode::Stream;
    big.streamChunkBytes = 16 * 1024;
    big.streamIntervalMs = 5;
    server.route("GET", "/big", big);
    HttpClient client({.maxResponseBytes = 64 * 1024});
    const HttpResult result = sendAndWait(client, server.baseUrl(), get(QStringLiteral("/big")));

    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError);
    EXPECT_EQ(
        result.error().message,
        QStringLiteral("the answer from 127.0.0.1 is larger than 64 KiB; this is not a balance response"));
    // The client hung up early: the server never got rid of the whole megabyte.
    waitFor([] { return false; }, 100);
    EXPECT_LT(server.bytesSent(), 512 * 1024);
}

// The deadlines of all transfers share one timer: a transfer started later with a shorter
// timeout still ends at its own deadline, not at the earlier transfer's, and the earlier one runs
// on to its own. The answers trickle in, so only the client's deadline (not Qt's inactivity
// timeout) can end them.
TEST(HttpClient, EachTransferEndsAtItsOwnDeadline)
{
    TestHttpServer server;
    TestResponse trickle;
    trickle.body = QByteArray(64 * 1024, 'x');
    trickle.mode = TestResponse::Mode::Stream;
    trickle.streamChunkBytes = 16;
    trickle.streamIntervalMs = 20;
    server.route("GET", "/long", trickle);
    server.route("GET", "/short", trickle);
    HttpClient client({.timeoutMs = 1500});
    std::vector<std::pair<QString, qint64>> ended; // in the order they ended: message, ms after the start
    QElapsedTimer clock;
    clock.start();
    const HttpCallback note = [&ended, &clock](HttpResult result) {
        EXPECT_FALSE(result.has_value());
        ended.emplace_back(result ? QString() : result.error().message, clock.elapsed());
    };
    client.send(server.baseUrl(), get(QStringLiteral("/long")), note);
    client.setLimits({.timeoutMs = 300});
    client.send(server.baseUrl(), get(QStringLiteral("/short")), note);
    ASSERT_TRUE(waitFor([&] { return ended.size() == 2; }));

    EXPECT_EQ(ended[0].first, QStringLiteral("the answer from 127.0.0.1 did not finish within 0.3 s"));
    EXPECT_GE(ended[0].second, 250);
    EXPECT_LT(ended[0].second, 1000);
    EXPECT_EQ(ended[1].first, QStringLiteral("the answer from 127.0.0.1 did not finish within 1.5 s"));
    EXPECT_GE(ended[1].second, 1400);
    EXPECT_EQ(client.inFlight(), 0);
}

TEST(HttpClient, AnnouncedLengthAboveTheCapIsRefusedUpFront)
{
    TestHttpServer server;
    server.route("GET", "/big", TestResponse::json(QByteArray(1024 * 1024, ' ')));
    HttpClient client({.maxResponseBytes = 64 * 1024});
    const HttpResult result = sendAndWait(client, server.baseUrl(), get(QStringLiteral("/big")));
    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError);
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("larger than 64 KiB"))) << describe(result);
}

TEST(HttpClient, AnswerExactlyAtTheCapIsAccepted)
{
    TestHttpServer server;
    TestResponse exact;
    exact.body = QByteArray(64 * 1024, 'x');
    server.route("GET", "/exact", exact);
    TestResponse streamed = exact;
    streamed.mode = TestResponse::Mode::Stream;
    server.route("GET", "/streamed", streamed);
    HttpClient client({.maxResponseBytes = 64 * 1024});
    for (const QString &path : {QStringLiteral("/exact"), QStringLiteral("/streamed")}) {
        const HttpResult result = sendAndWait(client, server.baseUrl(), get(path));
        ASSERT_TRUE(result.has_value()) << path.toStdString() << ": " << describe(result);
        EXPECT_EQ(result->body.size(), 64 * 1024);
    }
}

TEST(HttpClient, SameHostRedirectIsFollowedWithTheKey)
{
    TestHttpServer server;
    TestResponse moved;
    moved.redirectTo = "/v2/balance";
    server.route("GET", "/v1/balance", moved);
    TestResponse absolute;
    absolute.redirectTo = server.baseUrl().toUtf8() + "/v2/balance";
    absolute.status = 301;
    server.route("GET", "/v0/balance", absolute);
    server.route("GET", "/v2/balance", TestResponse::json(R"({"ok":true})"));
    HttpClient client;

    for (const QString &path : {QStringLiteral("/v1/balance"), QStringLiteral("/v0/balance")}) {
        server.clearRequests();
        HttpRequestSpec spec = get(path);
        spec.headers.emplaceBack("Authorization", "Bearer sk-secret");
        const HttpResult result = sendAndWait(client, server.baseUrl(), std::move(spec));
        ASSERT_TRUE(result.has_value()) << describe(result);
        EXPECT_EQ(result->status, 200);
        EXPECT_EQ(result->body, R"({"ok":true})");
        const auto seen = server.requests();
        ASSERT_EQ(seen.size(), 2u);
        EXPECT_EQ(seen[1].path, "/v2/balance");
        EXPECT_EQ(seen[1].header("Authorization"), "Bearer sk-secret");
    }
}

TEST(HttpClient, RedirectToAnotherHostIsRefusedAndTheKeyNotSent)
{
    TestHttpServer origin;
    TestHttpServer elsewhere;
    elsewhere.route("*", "/*", TestResponse::json("{}"));
    TestResponse away;
    away.redirectTo = elsewhere.baseUrl(QStringLiteral("localhost")).toUtf8() + "/collect";
    origin.route("GET", "/v1/key", away);
    HttpClient client;
    HttpRequestSpec spec = get(QStringLiteral("/v1/key"));
    spec.headers.emplaceBack("Authorization", "Bearer sk-secret");
    const HttpResult result = sendAndWait(client, origin.baseUrl(), std::move(spec));

    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError);
    EXPECT_EQ(
        result.error().message,
        QStringLiteral("the provider redirected to another host (localhost); the key is not sent there — set "
                       "the base URL to the right address"));
    waitFor([] { return false; }, 200);
    EXPECT_EQ(elsewhere.requestCount(), 0);
    EXPECT_EQ(elsewhere.connectionCount(), 0);
}

TEST(HttpClient, RedirectLoopEnds)
{
    TestHttpServer server;
    TestResponse loop;
    loop.redirectTo = "/loop";
    server.route("GET", "/loop", loop);
    HttpClient client;
    const HttpResult result = sendAndWait(client, server.baseUrl(), get(QStringLiteral("/loop")));
    ASSERT_FALSE(result.has_value()) << describe(result);
    EXPECT_EQ(result.error().status, CheckStatus::ProviderError);
    EXPECT_EQ(
        result.error().message,
        QStringLiteral("127.0.0.1 redirected more than 5 times; set the base URL to the final address"));
    EXPECT_EQ(server.requestCount(), 6); // the first request and five redirects, none sent twice
}

TEST(HttpClient, SeeOtherAfterPostContinuesWithGet)
{
    TestHttpServer server;
    TestResponse seeOther;
    seeOther.status = 303;
    seeOther.redirectTo = "/result";
    server.route("POST", "/submit", seeOther);
    server.route("GET", "/result", TestResponse::json(R"({"done":true})"));
    HttpClient client;
    HttpRequestSpec spec = get(QStringLiteral("/submit"));
    spec.method = "POST";
    spec.body = R"({"q":1})";
    const HttpResult result = sendAndWait(client, server.baseUrl(), std::move(spec));
    ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(result->body, R"({"done":true})");
    const auto seen = server.requests();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1].method, "GET");
    EXPECT_TRUE(seen[1].body.isEmpty());
    EXPECT_TRUE(seen[1].header("Content-Type").isEmpty());
}

TEST(HttpClient, InvalidBaseUrlFailsLaterAndNeverEchoesWhatCouldBeAKey)
{
    HttpClient client;
    struct Case
    {
        QString base;
        QString expected;
    };
    const std::vector<Case> cases = {
        {QString(),
         QStringLiteral(
             "the base URL is empty; it must be an http(s) address such as https://api.example.com")},
        {QStringLiteral("ftp://files.example.com/pub"),
         QStringLiteral(
             "the base URL “ftp://files.example.com” is not an http(s) address; it must start with "
             "https:// or http://")},
        {QStringLiteral("sk-or-v1-0123456789abcdef"),
         QStringLiteral("the base URL is not an http(s) address; it must look like https://api.example.com")},
        {QStringLiteral("http://"),
         QStringLiteral("the base URL is not an http(s) address; it must look like https://api.example.com")},
    };
    for (const Case &c : cases) {
        auto results = std::make_shared<Results>();
        HttpRequestSpec spec = get(QStringLiteral("/x"));
        spec.headers.emplaceBack("Authorization", "Bearer sk-secret");
        client.send(c.base, std::move(spec), results->callback(results));
        EXPECT_TRUE(results->results.empty()) << "the callback ran inside send()";
        ASSERT_TRUE(waitFor([&] { return !results->results.empty(); }));
        const HttpResult &result = results->results.front();
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().status, CheckStatus::NetworkError);
        EXPECT_EQ(result.error().message, c.expected) << c.base.toStdString();
    }
}

TEST(HttpClient, CallbackNeverRunsInsideSend)
{
    TestHttpServer server;
    server.route("GET", "/x", TestResponse::json("{}"));
    HttpClient client;
    auto results = std::make_shared<Results>();
    client.send(server.baseUrl(), get(QStringLiteral("/x")), results->callback(results));
    EXPECT_TRUE(results->results.empty());
    EXPECT_EQ(client.inFlight(), 1);
    ASSERT_TRUE(waitFor([&] { return !results->results.empty(); }));
    EXPECT_EQ(client.inFlight(), 0);
}

TEST(HttpClient, PerHostCapHoldsAndQueuedRequestsFollow)
{
    TestHttpServer server;
    TestResponse slow = TestResponse::json("{}");
    slow.delayMs = 200;
    server.route("GET", "/slow", slow);
    HttpClient client({.maxConcurrent = 8, .maxPerHost = 2});
    auto results = std::make_shared<Results>();
    for (int i = 0; i < 10; ++i)
        client.send(server.baseUrl(), get(QStringLiteral("/slow")), results->callback(results));
    EXPECT_EQ(client.inFlight(), 2);
    EXPECT_EQ(client.queued(), 8);
    ASSERT_TRUE(waitFor([&] { return results->results.size() == 10; }));
    const qint64 elapsed = results->clock.elapsed();

    for (const HttpResult &result : results->results)
        EXPECT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(server.maxConcurrentConnections(), 2);
    EXPECT_GE(elapsed, 950);  // 5 rounds of 200 ms
    EXPECT_LT(elapsed, 1800); // not 10 rounds
    EXPECT_EQ(client.queued(), 0);
}

// Qt 6.4 opens at most 6 connections per host and manager; a higher per-host cap must still
// mean that many requests in flight at once.
TEST(HttpClient, PerHostCapAboveSixIsReached)
{
    TestHttpServer server;
    TestResponse slow = TestResponse::json("{}");
    slow.delayMs = 300;
    server.route("GET", "/slow", slow);
    HttpClient client({.maxConcurrent = 16, .maxPerHost = 16});
    auto results = std::make_shared<Results>();
    for (int i = 0; i < 32; ++i)
        client.send(server.baseUrl(), get(QStringLiteral("/slow")), results->callback(results));
    ASSERT_TRUE(waitFor([&] { return results->results.size() == 32; }));
    const qint64 elapsed = results->clock.elapsed();
    for (const HttpResult &result : results->results)
        EXPECT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(server.maxConcurrentConnections(), 16);
    EXPECT_LT(elapsed, 1500); // 2 rounds of 300 ms, not 6 rounds at 6 connections
}

TEST(HttpClient, TotalCapHoldsAcrossHosts)
{
    TestHttpServer first;
    TestHttpServer second;
    TestResponse slow = TestResponse::json("{}");
    slow.delayMs = 150;
    first.route("GET", "/slow", slow);
    second.route("GET", "/slow", slow);
    HttpClient client({.maxConcurrent = 3, .maxPerHost = 3});
    auto results = std::make_shared<Results>();
    int mostInFlight = 0;
    for (int i = 0; i < 6; ++i) {
        client.send(first.baseUrl(), get(QStringLiteral("/slow")), results->callback(results));
        client.send(second.baseUrl(QStringLiteral("localhost")), get(QStringLiteral("/slow")),
                    results->callback(results));
        mostInFlight = std::max(mostInFlight, client.inFlight());
    }
    ASSERT_TRUE(waitFor([&] {
        mostInFlight = std::max(mostInFlight, client.inFlight());
        return results->results.size() == 12;
    }));
    for (const HttpResult &result : results->results)
        EXPECT_TRUE(result.has_value()) << describe(result);

    std::vector<RecordedRequest> all = first.requests();
    const auto more = second.requests();
    all.insert(all.end(), more.begin(), more.end());
    ASSERT_EQ(all.size(), 12u);
    EXPECT_EQ(test::maxOverlap(all), 3);
    EXPECT_LE(mostInFlight, 3);
    EXPECT_GE(results->clock.elapsed(), 4 * 150 - 50);
}

TEST(HttpClient, LongQueueForOneHostDoesNotDelayAnother)
{
    TestHttpServer busy;
    TestHttpServer quiet;
    TestResponse slow = TestResponse::json("{}");
    slow.delayMs = 300;
    busy.route("GET", "/slow", slow);
    quiet.route("GET", "/fast", TestResponse::json("{}"));
    HttpClient client({.maxConcurrent = 4, .maxPerHost = 2});
    auto busyResults = std::make_shared<Results>();
    for (int i = 0; i < 20; ++i)
        client.send(busy.baseUrl(), get(QStringLiteral("/slow")), busyResults->callback(busyResults));
    EXPECT_EQ(client.queued(), 18);

    QElapsedTimer timer;
    timer.start();
    const HttpResult fast =
        sendAndWait(client, quiet.baseUrl(QStringLiteral("localhost")), get(QStringLiteral("/fast")));
    ASSERT_TRUE(fast.has_value()) << describe(fast);
    EXPECT_LT(timer.elapsed(), 250); // not after any of the 300 ms answers
    EXPECT_TRUE(busyResults->results.empty());

    client.abortAll();
    EXPECT_EQ(busyResults->results.size(), 20u);
}

TEST(HttpClient, AbortAllCancelsQueuedAndInFlight)
{
    TestHttpServer server;
    TestResponse hang;
    hang.mode = TestResponse::Mode::Hang;
    server.route("GET", "/hang", hang);
    HttpClient client({.maxPerHost = 1});
    auto results = std::make_shared<Results>();
    for (int i = 0; i < 3; ++i)
        client.send(server.baseUrl(), get(QStringLiteral("/hang")), results->callback(results));
    ASSERT_TRUE(waitFor([&] { return server.requestCount() == 1; }));
    EXPECT_EQ(client.inFlight(), 1);
    EXPECT_EQ(client.queued(), 2);

    client.abortAll();
    ASSERT_EQ(results->results.size(), 3u); // inside abortAll
    for (const HttpResult &result : results->results) {
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().status, CheckStatus::NetworkError);
        EXPECT_EQ(result.error().message, QStringLiteral("the request to 127.0.0.1 was cancelled"));
    }
    EXPECT_EQ(client.inFlight(), 0);
    EXPECT_EQ(client.queued(), 0);
    EXPECT_TRUE(waitFor([&] { return server.activeRequests() == 0; }, 2000)); // the connection was closed
    waitFor([] { return false; }, 100);
    EXPECT_EQ(results->results.size(), 3u); // nothing twice
    EXPECT_EQ(server.requestCount(), 1);

    // Still usable afterwards.
    server.route("GET", "/ok", TestResponse::json("{}"));
    EXPECT_TRUE(sendAndWait(client, server.baseUrl(), get(QStringLiteral("/ok"))).has_value());
}

TEST(HttpClient, DestroyedWithRequestsInFlightCallsNoCallback)
{
    TestHttpServer server;
    TestResponse hang;
    hang.mode = TestResponse::Mode::Hang;
    server.route("GET", "/hang", hang);
    server.route("GET", "/fast", TestResponse::json("{}"));
    auto client = std::make_unique<HttpClient>(HttpClientLimits{.maxPerHost = 2});
    auto results = std::make_shared<Results>();
    for (int i = 0; i < 2; ++i)
        client->send(server.baseUrl(), get(QStringLiteral("/hang")), results->callback(results));
    client->send(server.baseUrl(), get(QStringLiteral("/fast")), results->callback(results)); // queued
    ASSERT_TRUE(waitFor([&] { return server.requestCount() == 2; }));

    client.reset();
    waitFor([] { return false; }, 300);
    EXPECT_TRUE(results->results.empty());
    EXPECT_TRUE(waitFor([&] { return server.activeRequests() == 0; }, 2000));
}

TEST(HttpClient, CallbackMayDestroyTheClient)
{
    TestHttpServer server;
    server.route("GET", "/fast", TestResponse::json("{}"));
    TestResponse hang;
    hang.mode = TestResponse::Mode::Hang;
    server.route("GET", "/hang", hang);
    auto client = std::make_unique<HttpClient>();
    int calls = 0;
    client->send(server.baseUrl(), get(QStringLiteral("/hang")), [&](HttpResult) { ++calls; });
    client->send(server.baseUrl(), get(QStringLiteral("/fast")), [&](HttpResult result) {
        EXPECT_TRUE(result.has_value());
        ++calls;
        client.reset();
    });
    ASSERT_TRUE(waitFor([&] { return client == nullptr; }));
    waitFor([] { return false; }, 100);
    EXPECT_EQ(calls, 1);
}

TEST(HttpClient, ManyRequestsOverKeepAliveConnections)
{
    TestHttpServer server;
    server.route("GET", "/v1/*", TestResponse::json(R"({"balance":1})"));
    HttpClient client;
    auto results = std::make_shared<Results>();
    constexpr int Count = 400;
    for (int i = 0; i < Count; ++i)
        client.send(server.baseUrl(), get(QStringLiteral("/v1/k") + QString::number(i)),
                    results->callback(results));
    ASSERT_TRUE(waitFor([&] { return results->results.size() == Count; }));
    for (const HttpResult &result : results->results)
        ASSERT_TRUE(result.has_value()) << describe(result);
    EXPECT_EQ(server.requestCount(), Count);
    EXPECT_LE(server.maxConcurrentConnections(), 4);
    // Connections are reused: one per slot, never one per request.
    EXPECT_LE(server.connectionCount(), 4);
}

TEST(HttpClient, RaisedLimitsLetWaitingRequestsStart)
{
    TestHttpServer server;
    TestResponse slow = TestResponse::json("{}");
    slow.delayMs = 200;
    server.route("GET", "/slow", slow);
    HttpClient client({.maxConcurrent = 1, .maxPerHost = 1});
    auto results = std::make_shared<Results>();
    for (int i = 0; i < 3; ++i)
        client.send(server.baseUrl(), get(QStringLiteral("/slow")), results->callback(results));
    EXPECT_EQ(client.inFlight(), 1);
    client.setLimits({.maxConcurrent = 4, .maxPerHost = 4});
    EXPECT_EQ(client.inFlight(), 3);
    ASSERT_TRUE(waitFor([&] { return results->results.size() == 3; }));
    EXPECT_LT(results->clock.elapsed(), 450);
}

} // namespace

TEST(HttpClientJoin, ABaseEndingInV1SaysTheSharedSegmentsOnce)
{
    const auto join = [](const char *base, const char *path, bool fromApiRoot = true) {
        return HttpClient::joinedUrl(QString::fromLatin1(base), QString::fromLatin1(path), fromApiRoot)
            .toStdString();
    };
    // The OpenAI-style address people paste, with the adapters' versioned paths.
    EXPECT_EQ(join("https://api.moonshot.cn/v1", "/v1/users/me/balance"),
              "https://api.moonshot.cn/v1/users/me/balance");
    EXPECT_EQ(join("https://relay.example.com/v1", "/v1/dashboard/billing/subscription"),
              "https://relay.example.com/v1/dashboard/billing/subscription");
    EXPECT_EQ(join("https://openrouter.ai/api/v1", "/api/v1/key"), "https://openrouter.ai/api/v1/key");
    // A relay under a prefix keeps it; only the shared tail is said once.
    EXPECT_EQ(join("https://example.com/relay/v1", "/v1/user/info"),
              "https://example.com/relay/v1/user/info");
    EXPECT_EQ(join("https://example.com/v1", "/v1"), "https://example.com/v1");
    // A path from the API's root beside the /v1 routes: the pasted /v1 is dropped.
    EXPECT_EQ(join("https://api.deepseek.com/v1", "/user/balance"), "https://api.deepseek.com/user/balance");
    EXPECT_EQ(join("https://litellm.example.com/v1", "/key/info"), "https://litellm.example.com/key/info");
    EXPECT_EQ(join("https://example.com/relay/v1", "/api/usage/token"),
              "https://example.com/relay/api/usage/token");
    EXPECT_EQ(join("https://example.com/v1", "/v1beta/models"), "https://example.com/v1beta/models");
    // The custom platform's own path goes after its base as it is (the shared tail still once).
    EXPECT_EQ(join("https://api.deepseek.com/v1", "/user/balance", false),
              "https://api.deepseek.com/v1/user/balance");
    EXPECT_EQ(join("https://example.com/v1", "/v1beta/models", false),
              "https://example.com/v1/v1beta/models");
    EXPECT_EQ(join("https://example.com/v1", "/v1/balance", false), "https://example.com/v1/balance");
    // Other bases are joined as they are.
    EXPECT_EQ(join("https://example.com/api", "/api/usage/token"), "https://example.com/api/api/usage/token");
    EXPECT_EQ(join("https://example.com/api", "/api/usage/token", false),
              "https://example.com/api/api/usage/token");
    EXPECT_EQ(join("https://example.com/v2", "/v2/balance"), "https://example.com/v2/v2/balance");
    EXPECT_EQ(join("https://example.com", "/v1/user/info"), "https://example.com/v1/user/info");
    EXPECT_EQ(join("https://example.com/xv1", "/v1/user/info"), "https://example.com/xv1/v1/user/info");
}

} // namespace qw
