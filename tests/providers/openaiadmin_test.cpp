// The openai-admin platform (an organization Admin key) through the whole check path: this month's
// costs summed over buckets, results and pages, the query that asks for them, a monthly budget,
// ordinary keys refused, and a page loop that never ends.
#include "adapters/providers/costreportquery.h"
#include "core/keys/keyvalidator.h"
#include "tests/providers/providertest.h"

#include <QUrl>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kCostsPath = "/v1/organization/costs";
// 2026-11-01T00:00:00Z, the start of the fixed "now" month.
constexpr auto kMonthStart = "1793491200";

// One page of the costs API with one bucket per amount (a JSON number or string as written).
QByteArray costsPage(const QList<QByteArray> &amounts, const QByteArray &nextPage = {})
{
    QByteArray buckets;
    for (const QByteArray &amount : amounts) {
        if (!buckets.isEmpty())
            buckets += ',';
        buckets += R"({"object": "bucket", "start_time": 1793491200, "end_time": 1793577600, "results": [)"
                   R"({"object": "organization.costs.result", "amount": {"value": )" +
                   amount + R"(, "currency": "usd"}, "line_item": null, "project_id": null}]})";
    }
    const QByteArray more = nextPage.isEmpty()
                                ? QByteArray(R"("has_more": false, "next_page": null)")
                                : QByteArray(R"("has_more": true, "next_page": ")" + nextPage + '"');
    return R"({"object": "page", "data": [)" + buckets + "], " + more + "}";
}

} // namespace

class OpenAiAdmin : public ProviderTest
{
protected:
    // Serves `pages` in turn, choosing by the request's page= parameter ("" for the first).
    void servePages(const QMap<QString, QByteArray> &pages)
    {
        m_server.route("GET", kCostsPath, [pages](const RecordedRequest &request) {
            QString page;
            for (const QByteArray &pair : request.query.split('&')) {
                if (pair.startsWith("page="))
                    page = QUrl::fromPercentEncoding(QByteArray(pair.mid(5)).replace('+', ' '));
            }
            if (!pages.contains(page))
                return TestResponse::json(R"({"error": {"message": "unknown page"}})", 400);
            return TestResponse::json(pages.value(page));
        });
    }
};

TEST_F(OpenAiAdmin, SpendIsTheSumOfEveryResultInEveryBucket)
{
    serveFixture(kCostsPath, QStringLiteral("openai-admin/costs_one_page.json"));

    const Snapshot snapshot = check(QStringLiteral("openai-admin"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "spend");
    EXPECT_EQ(microsOf(snapshot.used), 4'755'000); // 1.25 + 3.5 + 0.005
    EXPECT_EQ(microsOf(snapshot.remaining), std::nullopt);
    EXPECT_EQ(microsOf(snapshot.limit), std::nullopt);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_TRUE(snapshot.balances.empty());
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-12-01T00:00:00.000Z");
}

TEST_F(OpenAiAdmin, AsksForThisMonthInDailyBucketsWithTheAdminKeyAsBearer)
{
    serveFixture(kCostsPath, QStringLiteral("openai-admin/costs_one_page.json"));

    expectOk(check(QStringLiteral("openai-admin")));

    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kCostsPath);
    EXPECT_EQ(queryParam(0, "start_time"), QLatin1String(kMonthStart));
    EXPECT_EQ(queryParam(0, "bucket_width"), QStringLiteral("1d"));
    EXPECT_EQ(queryParam(0, "limit"), QStringLiteral("31"));
    EXPECT_EQ(queryParam(0, "page"), QStringLiteral("<absent>"));
    EXPECT_EQ(sentHeader("Authorization"), QByteArray(QByteArray("Bearer ") + kSecret));
    expectSecretOnlyInHeaders();
}

TEST_F(OpenAiAdmin, AmountsAsNumericStringsAreSummedExactly)
{
    serveFixture(kCostsPath, QStringLiteral("openai-admin/costs_strings.json"));

    const Snapshot snapshot = check(QStringLiteral("openai-admin"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.used), 300'000); // "0.1" + "0.2", no binary rounding
}

TEST_F(OpenAiAdmin, MonthWithoutCostsIsZeroSpend)
{
    serveJson(kCostsPath, R"({"object": "page", "data": [], "has_more": false, "next_page": null})");

    const Snapshot snapshot = check(QStringLiteral("openai-admin"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "spend");
    EXPECT_EQ(microsOf(snapshot.used), 0);
}

TEST_F(OpenAiAdmin, PagesAreFollowedUntilTheLastAndSummed)
{
    servePages(
        {{QString(), fixture(QStringLiteral("openai-admin/costs_page1.json"))},
         {QStringLiteral("page_AAAAAGk+ZwAA/wE="), fixture(QStringLiteral("openai-admin/costs_page2.json"))},
         {QStringLiteral("page_3"), fixture(QStringLiteral("openai-admin/costs_page3.json"))}});

    const Snapshot snapshot = check(QStringLiteral("openai-admin"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.used), 13'000'000); // 10 + 2.25 + 0.75
    ASSERT_EQ(m_server.requestCount(), 3);
    EXPECT_EQ(queryParam(0, "page"), QStringLiteral("<absent>"));
    // The token arrives as sent by the provider, '+', '/' and '=' included.
    EXPECT_EQ(queryParam(1, "page"), QStringLiteral("page_AAAAAGk+ZwAA/wE="));
    EXPECT_EQ(queryParam(2, "page"), QStringLiteral("page_3"));
    for (int i = 0; i < 3; ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(queryParam(i, "start_time"), QLatin1String(kMonthStart));
        EXPECT_EQ(queryParam(i, "bucket_width"), QStringLiteral("1d"));
        EXPECT_EQ(queryParam(i, "limit"), QStringLiteral("31"));
    }
    expectSecretOnlyInHeaders();
}

TEST_F(OpenAiAdmin, FailingLaterPageFailsTheWholeCheck)
{
    m_server.route("GET", kCostsPath, [](const RecordedRequest &request) {
        if (request.query.contains("page="))
            return TestResponse::json(R"({"error": {"message": "internal error"}})", 500);
        return TestResponse::json(costsPage({"4"}, "page_2"));
    });

    const Snapshot snapshot = check(QStringLiteral("openai-admin"));

    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_EQ(microsOf(snapshot.used), std::nullopt) << "no partial sum is reported";
    EXPECT_EQ(m_server.requestCount(), 2);
}

TEST_F(OpenAiAdmin, MonthlyBudgetGivesWhatIsLeftOfIt)
{
    serveFixture(kCostsPath, QStringLiteral("openai-admin/costs_one_page.json"));

    const Snapshot snapshot = check(QStringLiteral("openai-admin"), {QStringLiteral("monthly_budget=100")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 95'245'000);
    EXPECT_EQ(microsOf(snapshot.used), 4'755'000);
    EXPECT_EQ(microsOf(snapshot.limit), 100'000'000);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_EQ(balancesOf(snapshot), (Balances{{95'245'000, "USD"}}));
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-12-01T00:00:00.000Z");
}

TEST_F(OpenAiAdmin, BudgetSpentBeyondGoesNegative)
{
    serveJson(kCostsPath, costsPage({"30.5", "0.25"}));

    const Snapshot snapshot = check(QStringLiteral("openai-admin"), {QStringLiteral("monthly_budget=25.50")});

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.remaining), -5'250'000);
    EXPECT_EQ(microsOf(snapshot.limit), 25'500'000);
}

TEST_F(OpenAiAdmin, MonthlyBudgetMustBeANonNegativeNumber)
{
    KeyDraft draft;
    draft.name = QStringLiteral("org");
    draft.platform = QStringLiteral("openai-admin");
    draft.options = {QStringLiteral("monthly_budget=-5")};
    const auto key = KeyValidator(m_platforms).validate(draft);
    ASSERT_FALSE(key);
    EXPECT_TRUE(key.error().message.contains(QStringLiteral("monthly_budget")))
        << key.error().message.toStdString();
}

TEST_F(OpenAiAdmin, OrdinaryKeyRefusedSaysAnAdminKeyIsNeeded)
{
    for (int status : {401, 403}) {
        SCOPED_TRACE(status);
        serveFixture(kCostsPath, QStringLiteral("openai-admin/insufficient_permissions.json"), status);

        const Snapshot snapshot = check(QStringLiteral("openai-admin"));

        expectError(snapshot, CheckStatus::AuthError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("Admin key"))) << snapshot.error.toStdString();
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("insufficient permissions")))
            << snapshot.error.toStdString();
    }
}

TEST_F(OpenAiAdmin, EndlessPagesAreCutOffAsAProviderError)
{
    m_server.route("GET", kCostsPath, TestResponse::json(costsPage({"1"}, "page_again")));

    const Snapshot snapshot = check(QStringLiteral("openai-admin"));

    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_TRUE(snapshot.error.contains(QString::number(CostReportQuery::kMaxPages)))
        << snapshot.error.toStdString();
    EXPECT_EQ(m_server.requestCount(), CostReportQuery::kMaxPages);
}

TEST_F(OpenAiAdmin, AmountOfTheWrongTypeIsAParseErrorNamingItsPlace)
{
    serveJson(kCostsPath, costsPage({"1.5", R"("about two")"}));

    const Snapshot snapshot = check(QStringLiteral("openai-admin"));

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("data[1].results[0].amount.value")))
        << snapshot.error.toStdString();
}

TEST_F(OpenAiAdmin, ResultWithoutAnAmountIsAParseErrorNamingItsPlace)
{
    serveJson(kCostsPath, R"({"object": "page", "data": [{"object": "bucket", "results": [)"
                          R"({"object": "organization.costs.result", "amount": {"currency": "usd"}}]}],)"
                          R"( "has_more": false, "next_page": null})");

    const Snapshot snapshot = check(QStringLiteral("openai-admin"));

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("data[0].results[0].amount.value")))
        << snapshot.error.toStdString();
}

TEST_F(OpenAiAdmin, DataThatIsNotAListIsAParseErrorNamingIt)
{
    serveJson(kCostsPath, R"({"object": "page", "data": {"results": []}, "has_more": false})");

    const Snapshot snapshot = check(QStringLiteral("openai-admin"));

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("“data”"))) << snapshot.error.toStdString();
}
