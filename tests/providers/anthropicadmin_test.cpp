// The anthropic-admin platform (an Admin key) through the whole check path: this month's cost report
// in cents summed over buckets, results and pages, the x-api-key and anthropic-version headers, a
// monthly budget, ordinary keys refused, and a page loop that never ends.
#include "adapters/providers/costreportquery.h"
#include "tests/providers/providertest.h"

#include <QUrl>

using namespace qw;
using namespace qw::test;

namespace {

const QByteArray kReportPath = "/v1/organizations/cost_report";

// One page of the cost report, one daily bucket per amount (written as given: string or number).
QByteArray reportPage(const QList<QByteArray> &amounts, const QByteArray &nextPage = {})
{
    QByteArray buckets;
    for (const QByteArray &amount : amounts) {
        if (!buckets.isEmpty())
            buckets += ',';
        buckets += R"({"starting_at": "2026-11-01T00:00:00Z", "ending_at": "2026-11-02T00:00:00Z", )"
                   R"("results": [{"currency": "USD", "amount": )" +
                   amount + R"(, "workspace_id": null, "description": null}]})";
    }
    const QByteArray more = nextPage.isEmpty()
                                ? QByteArray(R"("has_more": false, "next_page": null)")
                                : QByteArray(R"("has_more": true, "next_page": ")" + nextPage + '"');
    return R"({"data": [)" + buckets + "], " + more + "}";
}

} // namespace

class AnthropicAdmin : public ProviderTest
{
};

TEST_F(AnthropicAdmin, SpendIsTheSumOfAmountsInCents)
{
    serveFixture(kReportPath, QStringLiteral("anthropic-admin/cost_report_one_page.json"));

    const Snapshot snapshot = check(QStringLiteral("anthropic-admin"));

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "spend");
    EXPECT_EQ(microsOf(snapshot.used), 13'007'500); // (1234.5 + 66.25) cents
    EXPECT_EQ(microsOf(snapshot.remaining), std::nullopt);
    EXPECT_EQ(microsOf(snapshot.limit), std::nullopt);
    EXPECT_EQ(snapshot.unit, QStringLiteral("USD"));
    EXPECT_TRUE(snapshot.balances.empty());
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-12-01T00:00:00.000Z");
}

TEST_F(AnthropicAdmin, AsksFromTheMonthStartWithXApiKeyAndAnthropicVersion)
{
    serveFixture(kReportPath, QStringLiteral("anthropic-admin/cost_report_one_page.json"));

    expectOk(check(QStringLiteral("anthropic-admin")));

    const auto requests = m_server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].path, kReportPath);
    EXPECT_EQ(queryParam(0, "starting_at"), QStringLiteral("2026-11-01T00:00:00Z"));
    EXPECT_EQ(queryParam(0, "bucket_width"), QStringLiteral("1d"));
    // A whole month of daily buckets in one page, not the default 7 a page.
    EXPECT_EQ(queryParam(0, "limit"), QStringLiteral("31"));
    EXPECT_EQ(queryParam(0, "page"), QStringLiteral("<absent>"));
    EXPECT_EQ(sentHeader("x-api-key"), QByteArray(kSecret));
    EXPECT_EQ(sentHeader("anthropic-version"), "2023-06-01");
    EXPECT_TRUE(sentHeader("Authorization").isEmpty()) << "the key goes only in x-api-key";
    expectSecretOnlyInHeaders();
}

TEST_F(AnthropicAdmin, AmountsAsJsonNumbersAreReadToo)
{
    serveJson(kReportPath, reportPage({"250", "0.5"}));

    const Snapshot snapshot = check(QStringLiteral("anthropic-admin"));

    expectOk(snapshot);
    EXPECT_EQ(microsOf(snapshot.used), 2'505'000);
}

TEST_F(AnthropicAdmin, PagesAreFollowedUntilTheLastAndSummed)
{
    const QString token = QStringLiteral("page_MjAyNi0xMS0wOFQwMDowMDowMFo+/w==");
    const QByteArray first = fixture(QStringLiteral("anthropic-admin/cost_report_page1.json"));
    const QByteArray second = fixture(QStringLiteral("anthropic-admin/cost_report_page2.json"));
    m_server.route("GET", kReportPath, [=](const RecordedRequest &request) {
        for (const QByteArray &pair : request.query.split('&')) {
            if (!pair.startsWith("page="))
                continue;
            const QString page = QUrl::fromPercentEncoding(QByteArray(pair.mid(5)).replace('+', ' '));
            return page == token ? TestResponse::json(second)
                                 : TestResponse::json(R"({"type": "error", "error": {"type": )"
                                                      R"("invalid_request_error", "message": "bad page"}})",
                                                      400);
        }
        return TestResponse::json(first);
    });

    const Snapshot snapshot = check(QStringLiteral("anthropic-admin"));

    expectOk(snapshot);
    // (500 + 1234.56789) cents = 17.3456789 USD, rounded to micro-units.
    EXPECT_EQ(microsOf(snapshot.used), 17'345'679);
    ASSERT_EQ(m_server.requestCount(), 2);
    EXPECT_EQ(queryParam(1, "page"), token);
    EXPECT_EQ(queryParam(1, "starting_at"), QStringLiteral("2026-11-01T00:00:00Z"));
    EXPECT_EQ(queryParam(1, "bucket_width"), QStringLiteral("1d"));
    EXPECT_EQ(queryParam(1, "limit"), QStringLiteral("31"));
    EXPECT_EQ(sentHeader("anthropic-version", 1), "2023-06-01");
    expectSecretOnlyInHeaders();
}

TEST_F(AnthropicAdmin, MonthlyBudgetGivesWhatIsLeftOfIt)
{
    serveFixture(kReportPath, QStringLiteral("anthropic-admin/cost_report_one_page.json"));

    const Snapshot snapshot = check(QStringLiteral("anthropic-admin"), {QStringLiteral("monthly_budget=20")});

    expectOk(snapshot);
    EXPECT_EQ(kindOf(snapshot), "key_limit");
    EXPECT_EQ(microsOf(snapshot.remaining), 6'992'500);
    EXPECT_EQ(microsOf(snapshot.used), 13'007'500);
    EXPECT_EQ(microsOf(snapshot.limit), 20'000'000);
    EXPECT_EQ(balancesOf(snapshot), (Balances{{6'992'500, "USD"}}));
    EXPECT_EQ(isoOf(snapshot.resetsAt), "2026-12-01T00:00:00.000Z");
}

TEST_F(AnthropicAdmin, OrdinaryKeyRefusedSaysAnAdminKeyIsNeeded)
{
    for (int status : {401, 403}) {
        SCOPED_TRACE(status);
        serveFixture(kReportPath, QStringLiteral("anthropic-admin/permission_error.json"), status);

        const Snapshot snapshot = check(QStringLiteral("anthropic-admin"));

        expectError(snapshot, CheckStatus::AuthError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("Admin key"))) << snapshot.error.toStdString();
        EXPECT_TRUE(snapshot.error.contains(QString::number(status))) << snapshot.error.toStdString();
    }
}

TEST_F(AnthropicAdmin, EndlessPagesAreCutOffAsAProviderError)
{
    m_server.route("GET", kReportPath, TestResponse::json(reportPage({R"("1")"}, "page_forever")));

    const Snapshot snapshot = check(QStringLiteral("anthropic-admin"));

    expectError(snapshot, CheckStatus::ProviderError);
    EXPECT_TRUE(snapshot.error.contains(QString::number(CostReportQuery::kMaxPages)))
        << snapshot.error.toStdString();
    EXPECT_EQ(m_server.requestCount(), CostReportQuery::kMaxPages);
}

TEST_F(AnthropicAdmin, FailingLaterPageFailsTheWholeCheck)
{
    m_server.route("GET", kReportPath, [](const RecordedRequest &request) {
        if (request.query.contains("page="))
            return TestResponse::json(R"({"type": "error", "error": {"type": "rate_limit_error", )"
                                      R"("message": "Rate limited"}})",
                                      429);
        return TestResponse::json(reportPage({R"("100")"}, "page_2"));
    });

    const Snapshot snapshot = check(QStringLiteral("anthropic-admin"));

    expectError(snapshot, CheckStatus::RateLimited);
    EXPECT_EQ(m_server.requestCount(), 2);
}

TEST_F(AnthropicAdmin, AmountOfTheWrongTypeIsAParseErrorNamingItsPlace)
{
    for (const QByteArray &amount : {QByteArray(R"("12 cents")"), QByteArray("true"), QByteArray("null")}) {
        SCOPED_TRACE(amount.toStdString());
        serveJson(kReportPath, reportPage({R"("1")", amount}));

        const Snapshot snapshot = check(QStringLiteral("anthropic-admin"));

        expectError(snapshot, CheckStatus::ParseError);
        EXPECT_TRUE(snapshot.error.contains(QStringLiteral("data[1].results[0].amount")))
            << snapshot.error.toStdString();
    }
}

TEST_F(AnthropicAdmin, MissingDataIsAParseErrorNamingIt)
{
    serveJson(kReportPath, R"({"has_more": false, "next_page": null})");

    const Snapshot snapshot = check(QStringLiteral("anthropic-admin"));

    expectError(snapshot, CheckStatus::ParseError);
    EXPECT_TRUE(snapshot.error.contains(QStringLiteral("“data”"))) << snapshot.error.toStdString();
}
