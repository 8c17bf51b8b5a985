// The deepseek adapter through the whole check path: one balance per currency (CNY, USD or both),
// every one kept, the headline chosen by the `currency` option or else the first non-zero one.
#include "core/storage/snapshotrepository.h"
#include "tests/providers/providertest.h"

using namespace qw;
using namespace qw::test;

namespace {

const QString kPlatform = QStringLiteral("deepseek");
constexpr auto kPath = "/user/balance";

// A balance_infos entry as DeepSeek writes it; `total` is pasted as is (quote it for a string).
QByteArray entry(const char *currency, const char *total)
{
    return QByteArrayLiteral(R"({"currency": ")") + currency + R"(", "total_balance": )" + total +
           R"(, "granted_balance": "0.00", "topped_up_balance": "0.00"})";
}

QByteArray answer(const QByteArray &entries, bool available = true)
{
    return QByteArrayLiteral(R"({"is_available": )") + (available ? "true" : "false") +
           R"(, "balance_infos": [)" + entries + "]}";
}

} // namespace

class DeepSeek : public ProviderTest
{
protected:
    void serve(const QString &fixtureName) { serveFixture(kPath, QStringLiteral("deepseek/") + fixtureName); }

    // What the database holds for the key's latest check.
    [[nodiscard]] Snapshot stored(const Snapshot &reported)
    {
        auto latest = SnapshotRepository(*m_db).latest(reported.keyId);
        if (!latest || !*latest) {
            ADD_FAILURE() << "no stored snapshot for key " << reported.keyId;
            return {};
        }
        return **latest;
    }
};

TEST_F(DeepSeek, CnyAccountReportsTheTotalBalance)
{
    serve(QStringLiteral("cny_only.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    // total_balance is granted + topped up, not either part.
    EXPECT_EQ(microsOf(s.remaining), 110'000'000);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"110 CNY"});
    EXPECT_FALSE(s.used.has_value());
    EXPECT_FALSE(s.limit.has_value());
}

TEST_F(DeepSeek, SendsAnAuthenticatedGetToUserBalance)
{
    serve(QStringLiteral("cny_only.json"));
    expectOk(check(kPlatform));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests[0].method.toStdString(), "GET");
    EXPECT_EQ(requests[0].path.toStdString(), kPath);
    EXPECT_EQ(sentHeader("Authorization").toStdString(), std::string("Bearer ") + kSecret);
    expectSecretOnlyInHeaders();
}

TEST_F(DeepSeek, UsdOnlyAccountIsReadInUsd)
{
    serve(QStringLiteral("usd_only.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 12'340'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"12.34 USD"});
}

TEST_F(DeepSeek, BothCurrenciesAreKeptAndTheFirstNonZeroIsTheHeadline)
{
    serve(QStringLiteral("cny_and_usd.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 56'780'000);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
    EXPECT_EQ(balanceTexts(s.balances), (std::vector<std::string>{"56.78 CNY", "12.34 USD"}));
}

TEST_F(DeepSeek, HeadlineFollowsPreferredCurrency)
{
    serve(QStringLiteral("cny_and_usd.json"));
    for (const QString &option : {QStringLiteral("currency=USD"), QStringLiteral("currency=usd")}) {
        SCOPED_TRACE(option.toStdString());
        const Snapshot s = check(kPlatform, {option});
        expectOk(s);
        EXPECT_EQ(microsOf(s.remaining), 12'340'000);
        EXPECT_EQ(s.unit.toStdString(), "USD");
        // Every balance stays, in the provider's order, and is stored so.
        EXPECT_EQ(balanceTexts(s.balances), (std::vector<std::string>{"56.78 CNY", "12.34 USD"}));
        const Snapshot saved = stored(s);
        EXPECT_EQ(saved.unit.toStdString(), "USD");
        EXPECT_EQ(balanceTexts(saved.balances), (std::vector<std::string>{"56.78 CNY", "12.34 USD"}));
    }
}

TEST_F(DeepSeek, EmptyFirstCurrencyIsNotTheHeadline)
{
    serve(QStringLiteral("cny_empty_usd_funded.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 7'500'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), (std::vector<std::string>{"0 CNY", "7.5 USD"}));
}

TEST_F(DeepSeek, PreferredCurrencyWinsEvenWhenEmpty)
{
    serve(QStringLiteral("cny_empty_usd_funded.json"));
    const Snapshot s = check(kPlatform, {QStringLiteral("currency=CNY")});
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
    EXPECT_EQ(s.balances.size(), 2U);
}

TEST_F(DeepSeek, PreferredCurrencyTheAccountLacksFallsBackToWhatItHolds)
{
    serve(QStringLiteral("cny_only.json"));
    const Snapshot s = check(kPlatform, {QStringLiteral("currency=USD")});
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 110'000'000);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
}

TEST_F(DeepSeek, UnavailableAccountIsAnEmptyBalanceNotAnError)
{
    serve(QStringLiteral("exhausted.json"));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
}

TEST_F(DeepSeek, OverdrawnAccountKeepsItsNegativeBalance)
{
    serveJson(kPath, answer(entry("CNY", R"("-1.25")"), false));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), -1'250'000);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
}

TEST_F(DeepSeek, AccountWithoutAnyCurrencyIsAZeroBalance)
{
    serve(QStringLiteral("no_currencies.json"));
    Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(s.unit.toStdString(), "CNY");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"0 CNY"});

    // ... in the currency the user prefers, when there is one.
    s = check(kPlatform, {QStringLiteral("currency=usd")});
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 0);
    EXPECT_EQ(s.unit.toStdString(), "USD");
}

TEST_F(DeepSeek, TotalBalanceAsAJsonNumberIsRead)
{
    serveJson(kPath, answer(entry("USD", "3.5") + ',' + entry("CNY", "20")));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 3'500'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), (std::vector<std::string>{"3.5 USD", "20 CNY"}));
}

TEST_F(DeepSeek, LowerCaseCurrencyIsNormalised)
{
    serveJson(kPath, answer(entry("usd", R"("4.20")")));
    const Snapshot s = check(kPlatform);
    expectOk(s);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(microsOf(s.remaining), 4'200'000);
}

TEST_F(DeepSeek, WrongTypeForTotalBalanceIsAParseErrorNamingIt)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {answer(entry("CNY", R"("abc")")), QStringLiteral("balance_infos[0].total_balance")},
        {answer(entry("CNY", "true")), QStringLiteral("balance_infos[0].total_balance")},
        {answer(entry("CNY", R"("1.00")") + ',' + entry("USD", "null")),
         QStringLiteral("balance_infos[1].total_balance")},
        {answer(R"({"currency": "CNY"})"), QStringLiteral("balance_infos[0].total_balance")},
        {answer(R"({"total_balance": "5.00"})"), QStringLiteral("balance_infos[0].currency")},
        {R"({"is_available": true, "balance_infos": {"currency": "CNY", "total_balance": "1"}})",
         QStringLiteral("balance_infos")},
    };
    for (const auto &[body, field] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kPlatform);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“%1”").arg(field))) << s.error.toStdString();
    }
}
