// KeyTester against a real HTTP server on 127.0.0.1 playing DeepSeek: one check of a key that is
// not stored, with no database at all, through a shared runner (the desktop) or its own (the CLI).
#include "adapters/platformregistry.h"
#include "core/clock.h"
#include "core/crypto/vault.h"
#include "core/keys/keyvalidator.h"
#include "core/poll/checkrunner.h"
#include "core/poll/httpclient.h"
#include "core/poll/keytester.h"
#include "tests/support/testhttpserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <gtest/gtest.h>
#include <optional>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kSecret = "sk-keytester-0123456789abcdef";
const QByteArray kBalance =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"7.25","granted_balance":"0","topped_up_balance":"7.25"}]})";

} // namespace

class KeyTesterTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_server.route("GET", "/ok/user/balance", TestResponse::json(kBalance));
        // A provider that quotes the key back in its error, as some do.
        m_server.route(
            "GET", "/echo/user/balance",
            TestResponse::json(R"({"error":{"message":"Incorrect API key: )" + kSecret + R"("}})", 401));
        // A middle slice of 12 characters, and the whole key where the 200-character cap on a
        // provider's message cuts it: cut first, its first 6 characters would be left, too few
        // to be told from chance afterwards.
        m_server.route(
            "GET", "/slice/user/balance",
            TestResponse::json(R"({"error":{"message":"the key )" + kSecret.mid(8, 12) + R"( is disabled"}})",
                               401));
        m_server.route(
            "GET", "/cut/user/balance",
            TestResponse::json(R"({"error":{"message":")" + QByteArray(193, 'x') + kSecret + R"("}})", 401));
        TestResponse slow = TestResponse::json(kBalance);
        slow.delayMs = 300;
        m_server.route("GET", "/slow/user/balance", slow);
    }

    ApiKey key(const char *scenario) const
    {
        KeyDraft draft;
        draft.name = QStringLiteral("test");
        draft.platform = QStringLiteral("deepseek");
        draft.baseUrl = m_server.baseUrl() + u'/' + QLatin1String(scenario);
        auto validated = KeyValidator(m_platforms).validate(draft);
        EXPECT_TRUE(validated);
        return validated.value_or(ApiKey{});
    }

    static bool waitFor(const std::function<bool()> &condition, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!condition() && timer.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return condition();
    }

    PlatformRegistry m_platforms = PlatformRegistry::builtin();
    TestHttpServer m_server;
};

TEST_F(KeyTesterTest, TestOnceReturnsTheReadingWithoutASession)
{
    const Snapshot snapshot = KeyTester::testOnce(m_platforms, key("ok"), SecureBytes::copyOf(kSecret));
    EXPECT_EQ(snapshot.status, CheckStatus::Ok) << snapshot.error.toStdString();
    EXPECT_EQ(snapshot.keyId, 0);
    ASSERT_TRUE(snapshot.remaining.has_value());
    EXPECT_EQ(snapshot.remaining->micros(), 7'250'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("CNY"));
    ASSERT_EQ(m_server.requestCount(), 1);
    EXPECT_EQ(m_server.requests().front().header("Authorization"), "Bearer " + kSecret);
}

TEST_F(KeyTesterTest, AnErrorThatEchoesTheSecretShowsOnlyItsHint)
{
    const Snapshot snapshot = KeyTester::testOnce(m_platforms, key("echo"), SecureBytes::copyOf(kSecret));
    EXPECT_EQ(snapshot.status, CheckStatus::AuthError);
    EXPECT_FALSE(snapshot.error.isEmpty());
    EXPECT_FALSE(snapshot.error.contains(QString::fromLatin1(kSecret))) << snapshot.error.toStdString();
    EXPECT_TRUE(snapshot.error.contains(Vault::hintFor(kSecret))) << snapshot.error.toStdString();
}

// No 8 consecutive characters of the key survive, whether the provider quotes all of it, a slice,
// or the whole key where its message is cut to length.
TEST_F(KeyTesterTest, NoSliceOfTheSecretSurvivesInTheError)
{
    for (const char *scenario : {"echo", "slice", "cut"}) {
        SCOPED_TRACE(scenario);
        const Snapshot snapshot =
            KeyTester::testOnce(m_platforms, key(scenario), SecureBytes::copyOf(kSecret));
        EXPECT_EQ(snapshot.status, CheckStatus::AuthError) << snapshot.error.toStdString();
        const QByteArray error = snapshot.error.toUtf8();
        for (qsizetype i = 0; i + 8 <= kSecret.size(); ++i)
            EXPECT_FALSE(error.contains(kSecret.mid(i, 8)))
                << "characters " << i << ".." << i + 7 << " survive";
        if (QByteArrayView(scenario) != "cut") {
            EXPECT_TRUE(snapshot.error.contains(Vault::hintFor(kSecret))) << snapshot.error.toStdString();
        }
    }
    // Scrubbed before the cut: the hint was cut, not the key.
    const Snapshot cut = KeyTester::testOnce(m_platforms, key("cut"), SecureBytes::copyOf(kSecret));
    EXPECT_TRUE(cut.error.contains(QString(193, QLatin1Char('x')) + QStringLiteral("sk-…cd…")))
        << cut.error.toStdString();
    EXPECT_FALSE(cut.error.contains(QStringLiteral("sk-key"))) << cut.error.toStdString();
}

TEST_F(KeyTesterTest, ASharedRunnerReportsToALiveTesterOnly)
{
    SystemClock clock;
    HttpClient http;
    CheckRunner runner(m_platforms, http, clock);

    KeyTester tester(runner);
    std::optional<Snapshot> result;
    tester.test(key("ok"), SecureBytes::copyOf(kSecret),
                [&](const Snapshot &snapshot) { result = snapshot; });
    EXPECT_FALSE(result.has_value()); // later, from the event loop
    ASSERT_TRUE(waitFor([&] { return result.has_value(); }));
    EXPECT_EQ(result->status, CheckStatus::Ok);

    // A tester that goes (a closed editor) before the answer comes is not called back.
    bool called = false;
    auto gone = std::make_unique<KeyTester>(runner);
    gone->test(key("slow"), SecureBytes::copyOf(kSecret), [&](const Snapshot &) { called = true; });
    gone.reset();
    ASSERT_TRUE(waitFor([&] { return m_server.requestCount() == 2; }));
    // The slow answer has had time to arrive and be dropped.
    waitFor([] { return false; }, 800);
    EXPECT_FALSE(called);
}
