// A key's secret goes over plain http only to this machine unless the key allows it: what counts
// as loopback, the validator's refusal naming the flag, and the check itself refusing to send a
// key whose stored row says otherwise (changed behind the app's back).
#include "adapters/platformregistry.h"
#include "core/clock.h"
#include "core/keys/keyvalidator.h"
#include "core/poll/checkrunner.h"
#include "core/poll/cleartextpolicy.h"
#include "core/poll/httpclient.h"
#include "tests/support/testhttpserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <gtest/gtest.h>
#include <optional>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSecret = "sk-cleartext-0123456789abcdef";
const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"7.25","granted_balance":"0","topped_up_balance":"7.25"}]})";

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return condition();
}

} // namespace

TEST(CleartextPolicy, LoopbackIsLocalhost127And6Loopback)
{
    for (const char *host :
         {"localhost", "LocalHost", "localhost.", "127.0.0.1", "127.255.0.9", "::1", "[::1]"})
        EXPECT_TRUE(CleartextPolicy::isLoopbackHost(QString::fromLatin1(host))) << host;
    for (const char *host : {"", "example.com", "localhost.example.com", "mylocalhost", "10.0.0.1",
                             "192.168.1.1", "0.0.0.0", "::", "128.0.0.1", "2001:db8::1", "126.255.255.255"})
        EXPECT_FALSE(CleartextPolicy::isLoopbackHost(QString::fromLatin1(host))) << host;

    EXPECT_TRUE(CleartextPolicy::isCleartextOffLoopback(QUrl(QStringLiteral("http://relay.example.com"))));
    EXPECT_TRUE(CleartextPolicy::isCleartextOffLoopback(QUrl(QStringLiteral("HTTP://10.0.0.1:8080/v1"))));
    EXPECT_FALSE(CleartextPolicy::isCleartextOffLoopback(QUrl(QStringLiteral("https://relay.example.com"))));
    EXPECT_FALSE(CleartextPolicy::isCleartextOffLoopback(QUrl(QStringLiteral("http://127.0.0.1:9"))));
    EXPECT_FALSE(CleartextPolicy::isCleartextOffLoopback(QUrl(QStringLiteral("http://[::1]:9"))));
    EXPECT_FALSE(CleartextPolicy::isCleartextOffLoopback(QUrl(QStringLiteral("http://localhost"))));
}

TEST(CleartextPolicy, TheValidatorRefusesPlainHttpOffLoopbackUnlessAllowed)
{
    const PlatformRegistry platforms = PlatformRegistry::builtin();
    const KeyValidator validator(platforms);
    KeyDraft draft;
    draft.name = QStringLiteral("k");
    draft.platform = QStringLiteral("newapi");
    draft.baseUrl = QStringLiteral("http://relay.example.com");
    QString field;
    const auto refused = validator.validate(draft, &field);
    ASSERT_FALSE(refused);
    EXPECT_EQ(field, QStringLiteral("base_url"));
    EXPECT_TRUE(refused.error().message.contains(QLatin1String("--allow-insecure")))
        << refused.error().message.toStdString();

    draft.allowInsecure = true;
    const auto allowed = validator.validate(draft);
    ASSERT_TRUE(allowed) << allowed.error().message.toStdString();
    EXPECT_TRUE(allowed->allowsInsecure());
    EXPECT_EQ(allowed->options.value(QLatin1String("allow_insecure")).toString(), QStringLiteral("true"));

    // As an option too (CSV, an editor that round-trips the options); the flag decides over it.
    draft.allowInsecure.reset();
    draft.options = {QStringLiteral("allow_insecure=true")};
    ASSERT_TRUE(validator.validate(draft));
    draft.allowInsecure = false;
    EXPECT_FALSE(validator.validate(draft));
    draft.allowInsecure.reset();
    draft.options = {QStringLiteral("allow_insecure=maybe")};
    EXPECT_FALSE(validator.validate(draft));

    // https and loopback need nothing, and store nothing.
    draft.options.clear();
    for (const char *url : {"https://relay.example.com", "http://127.0.0.1:3000", "http://localhost"}) {
        draft.baseUrl = QString::fromLatin1(url);
        const auto key = validator.validate(draft);
        ASSERT_TRUE(key) << url;
        EXPECT_FALSE(key->allowsInsecure());
        EXPECT_FALSE(key->options.contains(QLatin1String("allow_insecure")));
    }
}

class CleartextRunnerTest : public ::testing::Test
{
protected:
    void SetUp() override { m_server.route("GET", "/ok/user/balance", TestResponse::json(kBalance)); }

    std::optional<CheckRun> runOnce(const ApiKey &key)
    {
        std::optional<CheckRun> result;
        m_runner.run(key, std::make_shared<const SecureBytes>(SecureBytes::copyOf(kSecret)),
                     [&](CheckRun run) { result = std::move(run); });
        EXPECT_TRUE(waitFor([&] { return result.has_value(); }));
        return result;
    }

    static ApiKey deepSeek(const QString &baseUrl)
    {
        ApiKey key;
        key.id = 1;
        key.name = QStringLiteral("k");
        key.platform = QStringLiteral("deepseek");
        key.baseUrl = baseUrl;
        key.secretHint = QStringLiteral("sk-…cdef");
        return key;
    }

    PlatformRegistry m_platforms = PlatformRegistry::builtin();
    SystemClock m_clock;
    HttpClient m_http;
    CheckRunner m_runner{m_platforms, m_http, m_clock};
    TestHttpServer m_server;
};

// A stored row that says http:// to another machine (changed behind the app's back): the check
// fails at once and the server that name reaches never sees the key.
TEST_F(CleartextRunnerTest, AStoredPlainHttpRowIsNotSent)
{
    const QString name = QHostInfo::localHostName();
    bool reachesLoopback = false;
    for (const QHostAddress &address : QHostInfo::fromName(name).addresses())
        reachesLoopback = reachesLoopback || address == QHostAddress(QHostAddress::LocalHost);
    if (name.isEmpty() || name == QLatin1String("localhost") || !reachesLoopback)
        GTEST_SKIP() << "this machine's name does not resolve to 127.0.0.1";

    const auto loopback = runOnce(deepSeek(m_server.baseUrl() + QStringLiteral("/ok")));
    ASSERT_TRUE(loopback && loopback->outcome)
        << (loopback ? loopback->outcome.error().message.toStdString() : "");
    ASSERT_EQ(m_server.requestCount(), 1);
    m_server.clearRequests();

    const auto refused = runOnce(deepSeek(m_server.baseUrl(name) + QStringLiteral("/ok")));
    ASSERT_TRUE(refused);
    ASSERT_FALSE(refused->outcome);
    EXPECT_EQ(refused->outcome.error().status, CheckStatus::Unsupported);
    EXPECT_TRUE(refused->outcome.error().message.contains(QLatin1String("not sent")))
        << refused->outcome.error().message.toStdString();
    EXPECT_TRUE(refused->outcome.error().message.contains(QLatin1String("--allow-insecure")));
    EXPECT_EQ(m_server.requestCount(), 0);

    // Allowed on the key: sent.
    ApiKey allowed = deepSeek(m_server.baseUrl(name) + QStringLiteral("/ok"));
    allowed.options.insert(QStringLiteral("allow_insecure"), QStringLiteral("true"));
    const auto sent = runOnce(allowed);
    ASSERT_TRUE(sent && sent->outcome) << (sent ? sent->outcome.error().message.toStdString() : "");
    EXPECT_EQ(m_server.requestCount(), 1);
}
