// SiliconFlow through the whole check path. The international site (siliconflow-intl): the total
// balance is the headline (gift credit plus paid balance, never the gift credit alone, and it may
// be negative), the gift and paid pots are details, USD, success only when the body's code is
// 20000. The China site's endpoint was retired on 2026-08-14 (HTTP 410): `siliconflow` is listed
// as unreadable, no key can be added for it, and a key stored before answers unsupported without
// its secret going anywhere.
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "tests/providers/providertest.h"

#include <QEventLoop>
#include <QTimer>

using namespace qw;
using namespace qw::test;

namespace {

const QString kChina = QStringLiteral("siliconflow");
const QString kInternational = QStringLiteral("siliconflow-intl");
constexpr auto kPath = "/v1/user/info";

// A successful answer around `data`.
QByteArray answer(const QByteArray &data)
{
    return QByteArrayLiteral(R"({"code": 20000, "message": "OK", "status": true, "data": )") + data + "}";
}

struct DetailText
{
    std::string name;
    std::optional<qint64> remaining;
    std::string unit;
    friend bool operator==(const DetailText &, const DetailText &) = default;
};

std::vector<DetailText> detailsOf(const Snapshot &snapshot)
{
    std::vector<DetailText> details;
    for (const ReadingDetail &detail : snapshot.details)
        details.push_back({detail.name.toStdString(), microsOf(detail.remaining), detail.unit.toStdString()});
    return details;
}

} // namespace

class SiliconFlow : public ProviderTest
{
protected:
    // A key of the China site as one stored before its endpoint was retired (validation refuses
    // the platform now), checked through CheckService like any other.
    Snapshot checkChinaKeyStoredBefore()
    {
        KeyDraft draft;
        draft.name = QStringLiteral("主账户");
        draft.platform = kInternational;
        draft.baseUrl = m_server.baseUrl();
        auto key = KeyValidator(m_platforms).validate(draft);
        EXPECT_TRUE(key);
        if (!key)
            return {};
        key->platform = kChina;
        auto id = KeyService(*m_db, &*m_vault, m_owner).add(PendingKey{*key, SecureBytes::copyOf(kSecret)});
        EXPECT_TRUE(id);
        if (!id)
            return {};
        std::optional<Snapshot> result;
        QEventLoop loop;
        QObject::connect(m_service.get(), &CheckService::checkFinished, &loop,
                         [&](qint64 keyId, const Snapshot &snapshot, bool stored) {
                             EXPECT_TRUE(stored);
                             if (keyId == *id) {
                                 result = snapshot;
                                 loop.quit();
                             }
                         });
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        m_service->check(*id);
        loop.exec();
        EXPECT_TRUE(result.has_value()) << "the check did not finish within 15 s";
        return result.value_or(Snapshot{});
    }
};

TEST_F(SiliconFlow, TotalBalanceIsTheHeadlineGiftAndPaidAreDetails)
{
    serveFixture(kPath, QStringLiteral("siliconflow/intl_user_info.json"));
    const Snapshot s = check(kInternational);
    expectOk(s);
    EXPECT_EQ(kindOf(s), "balance");
    // balance 0.88 (gift) + chargeBalance 88.00 (paid) = totalBalance 88.88, all strings.
    EXPECT_EQ(microsOf(s.remaining), 88'880'000);
    EXPECT_EQ(s.unit.toStdString(), "USD");
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"88.88 USD"});
    EXPECT_FALSE(s.used.has_value());
    EXPECT_FALSE(s.limit.has_value());
    EXPECT_EQ(detailsOf(s), (std::vector<DetailText>{{"gift", 880'000, "USD"}, {"paid", 88'000'000, "USD"}}));
}

TEST_F(SiliconFlow, NegativeTotalIsKeptAsItIs)
{
    // Vouchers are not in the total, which can fall below zero: an account in debt, not a 0.
    serveFixture(kPath, QStringLiteral("siliconflow/intl_negative_total.json"));
    const Snapshot s = check(kInternational);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), -3'250'000);
    EXPECT_EQ(balanceTexts(s.balances), std::vector<std::string>{"-3.25 USD"});
    EXPECT_EQ(detailsOf(s), (std::vector<DetailText>{{"gift", 0, "USD"}, {"paid", -3'250'000, "USD"}}));
}

TEST_F(SiliconFlow, SendsAnAuthenticatedGetToUserInfo)
{
    serveFixture(kPath, QStringLiteral("siliconflow/intl_user_info.json"));
    expectOk(check(kInternational));
    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1U);
    EXPECT_EQ(requests[0].method.toStdString(), "GET");
    EXPECT_EQ(requests[0].path.toStdString(), kPath);
    EXPECT_EQ(sentHeader("Authorization").toStdString(), std::string("Bearer ") + kSecret);
    expectSecretOnlyInHeaders();
}

TEST_F(SiliconFlow, TheOpenAiStyleAddressWorks)
{
    // https://api.siliconflow.com/v1, as pasted from an OpenAI client's settings.
    serveFixture(kPath, QStringLiteral("siliconflow/intl_user_info.json"));
    const Snapshot s = check(kInternational, {}, m_server.baseUrl() + QStringLiteral("/v1/"));
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 88'880'000);
    ASSERT_EQ(m_server.requests().size(), 1U);
    EXPECT_EQ(m_server.requests()[0].path.toStdString(), kPath);
}

TEST_F(SiliconFlow, EachSiteDefaultsToItsOwnHost)
{
    const Adapter *china = m_platforms.find(kChina);
    const Adapter *international = m_platforms.find(kInternational);
    ASSERT_NE(china, nullptr);
    ASSERT_NE(international, nullptr);
    EXPECT_EQ(china->defaultBaseUrl().toStdString(), "https://api.siliconflow.cn");
    EXPECT_EQ(international->defaultBaseUrl().toStdString(), "https://api.siliconflow.com");
    EXPECT_FALSE(china->readable());
    EXPECT_TRUE(international->readable());
}

TEST_F(SiliconFlow, ChinaKeysCannotBeAddedAnyMoreAndTheRefusalSaysWhy)
{
    KeyDraft draft;
    draft.name = QStringLiteral("主账户");
    draft.platform = kChina;
    QString field;
    const auto key = KeyValidator(m_platforms).validate(draft, &field);
    ASSERT_FALSE(key);
    EXPECT_EQ(field, QStringLiteral("platform"));
    for (const char *words : {"siliconflow", "HTTP 410", "siliconflow-intl", "2026-08-14"})
        EXPECT_TRUE(key.error().message.contains(QLatin1String(words))) << key.error().message.toStdString();
}

TEST_F(SiliconFlow, ChinaKeyStoredBeforeAnswersUnsupportedWithoutSendingIt)
{
    serveFixture(kPath, QStringLiteral("siliconflow/gone_410.json"), 410);
    const Snapshot s = checkChinaKeyStoredBefore();
    expectError(s, CheckStatus::Unsupported);
    for (const char *words : {"retired", "HTTP 410", "siliconflow-intl"})
        EXPECT_TRUE(s.error.contains(QLatin1String(words))) << s.error.toStdString();
    // The endpoint is gone: the secret goes nowhere.
    EXPECT_TRUE(m_server.requests().empty());
}

TEST_F(SiliconFlow, RetiredEndpointIsUnsupported)
{
    // What api.siliconflow.cn/v1/user/info answers since 2026-08-14; if the international one
    // follows, its keys say so the same way.
    serveFixture(kPath, QStringLiteral("siliconflow/gone_410.json"), 410);
    const Snapshot s = check(kInternational);
    expectError(s, CheckStatus::Unsupported);
    EXPECT_TRUE(s.error.contains(QLatin1String("HTTP 410"))) << s.error.toStdString();
    EXPECT_TRUE(s.error.contains(QLatin1String("deprecated"))) << s.error.toStdString();
}

TEST_F(SiliconFlow, BalancesAsJsonNumbersAreRead)
{
    serveJson(kPath, answer(R"({"balance": 1.2, "chargeBalance": 13, "totalBalance": 14.2})"));
    const Snapshot s = check(kInternational);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 14'200'000);
    EXPECT_EQ(detailsOf(s),
              (std::vector<DetailText>{{"gift", 1'200'000, "USD"}, {"paid", 13'000'000, "USD"}}));
}

TEST_F(SiliconFlow, GiftCreditOnlyAccountReportsItThroughTheTotal)
{
    serveJson(kPath, answer(R"({"balance": "14.00", "chargeBalance": "0", "totalBalance": "14.00"})"));
    const Snapshot s = check(kInternational);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 14'000'000);
}

TEST_F(SiliconFlow, MissingPotsAreLeftOutNotInvented)
{
    serveJson(kPath, answer(R"({"totalBalance": "5.00", "balance": null})"));
    const Snapshot s = check(kInternational);
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 5'000'000);
    EXPECT_TRUE(s.details.empty());
}

TEST_F(SiliconFlow, NonNumericPotIsAParseErrorNamingIt)
{
    serveJson(kPath, answer(R"({"balance": "free", "chargeBalance": "1", "totalBalance": "1"})"));
    const Snapshot s = check(kInternational);
    expectError(s, CheckStatus::ParseError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("“data.balance”"))) << s.error.toStdString();
}

TEST_F(SiliconFlow, NonSuccessCodeWithHttp200IsAProviderError)
{
    serveFixture(kPath, QStringLiteral("siliconflow/error_code.json"));
    const Snapshot s = check(kInternational);
    expectError(s, CheckStatus::ProviderError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("50603"))) << s.error.toStdString();
    EXPECT_TRUE(s.error.contains(QStringLiteral("too busy"))) << s.error.toStdString();
}

TEST_F(SiliconFlow, NonSuccessCodeIsAnErrorEvenWithABalance)
{
    serveJson(kPath, R"({"code": 20001, "status": true, "data": {"totalBalance": "9.99"}})");
    const Snapshot s = check(kInternational);
    expectError(s, CheckStatus::ProviderError);
    EXPECT_TRUE(s.error.contains(QStringLiteral("20001"))) << s.error.toStdString();
}

TEST_F(SiliconFlow, MissingOrNonNumericCodeIsAParseErrorNamingIt)
{
    const std::vector<std::pair<QByteArray, QString>> cases{
        {R"({"status": true, "data": {"totalBalance": "9.99"}})", QStringLiteral("missing")},
        {R"({"code": null, "data": {"totalBalance": "9.99"}})", QStringLiteral("missing")},
        {R"({"code": "OK", "data": {"totalBalance": "9.99"}})", QStringLiteral("not a number")},
    };
    for (const auto &[body, problem] : cases) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kInternational);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“code”"))) << s.error.toStdString();
        EXPECT_TRUE(s.error.contains(problem)) << s.error.toStdString();
    }
}

TEST_F(SiliconFlow, WrongTypeForTotalBalanceIsAParseErrorNamingIt)
{
    const std::vector<QByteArray> bodies{
        answer(R"({"balance": "0.88", "chargeBalance": "88.00", "totalBalance": "abc"})"),
        answer(R"({"totalBalance": true})"),
        answer(R"({"totalBalance": ["88.88"]})"),
        // The gift credit alone is never passed off as the total.
        answer(R"({"balance": "0.88", "chargeBalance": "88.00"})"),
        answer("null"),
    };
    for (const QByteArray &body : bodies) {
        SCOPED_TRACE(body.toStdString());
        serveJson(kPath, body);
        const Snapshot s = check(kInternational);
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QStringLiteral("“data.totalBalance”"))) << s.error.toStdString();
    }
}
