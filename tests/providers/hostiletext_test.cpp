// Text a hostile provider chose, through the whole check path: what is stored has no control or
// bidirectional characters and fits its length cap, whatever the provider sent.
#include "adapters/providertext.h"
#include "core/storage/snapshotrepository.h"
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

bool hasControlOrBidi(const QString &text)
{
    for (const QChar c : text) {
        const char16_t code = c.unicode();
        if (code < 0x20 || (code >= 0x7F && code <= 0x9F) || (code >= 0x202A && code <= 0x202E) ||
            (code >= 0x2066 && code <= 0x2069))
            return true;
    }
    return false;
}

} // namespace

class HostileText : public ProviderTest
{
};

TEST_F(HostileText, ErrorMessagesAreStrippedAndCappedBeforeTheyAreStored)
{
    // JSON escapes deliver the raw controls: an ANSI colour, a bell, a right-to-left override.
    serveJson(
        "/user/balance",
        R"({"error": {"message": "\u001b[2J\u0007bad \u202egnp.exe\u202c <b>x</b><img src=x onerror=alert(1)>"}})",
        500);
    const Snapshot s = check(QStringLiteral("deepseek"));
    expectError(s, CheckStatus::ProviderError);
    EXPECT_FALSE(hasControlOrBidi(s.error)) << s.error.toStdString();
    EXPECT_TRUE(s.error.contains(QLatin1String("bad gnp.exe"))) << s.error.toStdString();
    // Markup is kept as text here; front ends escape it when they show it.
    EXPECT_TRUE(s.error.contains(QLatin1String("<b>x</b>"))) << s.error.toStdString();

    const auto stored = SnapshotRepository(*m_db).latest(s.keyId);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->error, s.error);
}

TEST_F(HostileText, AnEndlessMessageIsCapped)
{
    const QByteArray words = QByteArray("overloaded ").repeated(200);
    serveJson("/user/balance", R"({"message": ")" + words + R"("})", 503);
    const Snapshot s = check(QStringLiteral("deepseek"));
    expectError(s, CheckStatus::ProviderError);
    EXPECT_LE(s.error.size(), ProviderText::kMaxMessageLength);
}

TEST_F(HostileText, CurrencyNamesAreStrippedAndCapped)
{
    serveJson(
        "/user/balance",
        R"({"is_available": true, "balance_infos": [{"currency": "U\u0000S\u202eD\u0085-a-currency-name-far-too-long",
                  "total_balance": "5", "granted_balance": "0", "topped_up_balance": "5"}]})");
    const Snapshot s = check(QStringLiteral("deepseek"));
    expectOk(s);
    ASSERT_EQ(s.balances.size(), 1U);
    EXPECT_FALSE(hasControlOrBidi(s.unit)) << s.unit.toStdString();
    EXPECT_LE(s.unit.size(), ProviderText::kMaxUnitLength);
    EXPECT_TRUE(s.unit.startsWith(QLatin1String("USD "))) << s.unit.toStdString();
    EXPECT_EQ(s.balances.front().unit, s.unit);
}
