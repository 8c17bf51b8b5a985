// Amounts a hostile or broken provider might send, through the whole check path: numbers far
// beyond any balance, and numbers that are each in range but whose sum or difference is not.
// Every one ends as a parse_error naming the field, never as a wrapped or absurd reading.
#include "tests/providers/providertest.h"

#include <memory>

using namespace qw;
using namespace qw::test;

namespace {

// A deepseek answer with one CNY balance of `total` (the JSON text as sent).
QByteArray deepseekBalance(const QByteArray &total)
{
    return R"({"is_available": true, "balance_infos": [{"currency": "CNY", "total_balance": )" + total +
           R"(, "granted_balance": "0", "topped_up_balance": "0"}]})";
}

QByteArray costsPage(const QList<QByteArray> &values)
{
    QByteArray results;
    for (const QByteArray &value : values) {
        if (!results.isEmpty())
            results += ',';
        results += R"({"object": "organization.costs.result", "amount": {"value": )" + value +
                   R"(, "currency": "usd"}})";
    }
    return R"({"object": "page", "has_more": false, "next_page": null, "data": [{"object": "bucket",
              "start_time": 1793491200, "end_time": 1793577600, "results": [)" +
           results + "]}]}";
}

} // namespace

class HostileAmounts : public ProviderTest
{
};

TEST_F(HostileAmounts, HugeNumbersAsTextOrJsonNumbersAreParseErrors)
{
    // One route whose answer each round changes: routes are matched in the order they were added.
    auto current = std::make_shared<QByteArray>();
    m_server.route("GET", "/user/balance", [current](const RecordedRequest &) {
        return TestResponse::json(deepseekBalance(*current));
    });
    for (const QByteArray &total :
         {QByteArray(R"("1e300")"), QByteArray(R"("-1e16")"), QByteArray(R"("999999999999999999999")"),
          QByteArray("1e300"), QByteArray("-1e16"), QByteArray("999999999999999999999")}) {
        SCOPED_TRACE(total.toStdString());
        *current = total;
        const Snapshot s = check(QStringLiteral("deepseek"));
        expectError(s, CheckStatus::ParseError);
        EXPECT_TRUE(s.error.contains(QLatin1String("out of range"))) << s.error.toStdString();
        EXPECT_TRUE(s.balances.empty());
    }
}

TEST_F(HostileAmounts, AnInRangeDifferenceThatLeavesTheRangeIsAParseError)
{
    // Each figure is inside ±10^12, remaining = limit - count is not.
    serveJson("/v1/user/subscription",
              R"({"character_count": -900000000000, "character_limit": 900000000000, "status": "active"})");
    const Snapshot s = check(QStringLiteral("elevenlabs"));
    expectError(s, CheckStatus::ParseError);
    EXPECT_FALSE(s.used.has_value());
    EXPECT_FALSE(s.limit.has_value());
}

TEST_F(HostileAmounts, ASumOfManyCostLinesThatLeavesTheRangeIsAParseError)
{
    serveJson("/v1/organization/costs", costsPage({"600000000000", "600000000000"}));
    const Snapshot s = check(QStringLiteral("openai-admin"));
    expectError(s, CheckStatus::ParseError);
    EXPECT_TRUE(s.error.contains(QLatin1String("add up"))) << s.error.toStdString();
}

TEST_F(HostileAmounts, AmountsAtTheBoundStillWork)
{
    serveJson("/user/balance", deepseekBalance(R"("1000000000000")"));
    const Snapshot s = check(QStringLiteral("deepseek"));
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), Amount::kMaxMicros);
}

TEST_F(HostileAmounts, AResetTimeBeyondAnyDateIsLeftOutNotConverted)
{
    // 1e300 seconds does not fit a qint64: converting it would be undefined behaviour.
    serveJson("/v1/user/subscription", R"({"character_count": 1, "character_limit": 10, "status": "active",
                                          "next_character_count_reset_unix": 1e300})");
    const Snapshot s = check(QStringLiteral("elevenlabs"));
    expectOk(s);
    EXPECT_EQ(microsOf(s.remaining), 9'000'000);
    EXPECT_FALSE(s.resetsAt.isValid());
}
