#include "core/poll/checkplanner.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace qw;

namespace {

const QDateTime kNow(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC);

} // namespace

TEST(CheckPlanner, IntervalJitterStaysWithinTenPercentAndActuallyVaries)
{
    CheckPlanner planner(42);
    qint64 lowest = std::numeric_limits<qint64>::max();
    qint64 highest = 0;
    for (int i = 0; i < 2000; ++i) {
        const qint64 ms = kNow.msecsTo(planner.afterInterval(kNow, 1800));
        lowest = std::min(lowest, ms);
        highest = std::max(highest, ms);
    }
    EXPECT_GE(lowest, 1'620'000);
    EXPECT_LE(highest, 1'980'000);
    // Spread over most of the window, so keys added together drift apart.
    EXPECT_LT(lowest, 1'640'000);
    EXPECT_GT(highest, 1'960'000);
}

TEST(CheckPlanner, RestartKeepsAFutureScheduleAndSpreadsOverdueKeysOverAMinute)
{
    CheckPlanner planner(7);
    const QDateTime future = kNow.addSecs(600);
    EXPECT_EQ(planner.atStartup(future, kNow, 1800, false), future);

    int inFirstHalf = 0;
    for (int i = 0; i < 400; ++i) {
        const QDateTime overdue = planner.atStartup(kNow.addSecs(-3600), kNow, 1800, false);
        const qint64 ms = kNow.msecsTo(overdue);
        ASSERT_GE(ms, 0);
        ASSERT_LE(ms, 60'000);
        inFirstHalf += ms < 30'000 ? 1 : 0;
        const QDateTime never = planner.atStartup(QDateTime(), kNow, 1800, false);
        ASSERT_LE(kNow.msecsTo(never), 60'000);
    }
    // Not all at once: roughly half land in each half of the minute.
    EXPECT_GT(inFirstHalf, 120);
    EXPECT_LT(inFirstHalf, 280);
}

TEST(CheckPlanner, AKeyNeverCheckedIsDueAtOnceWhateverWasPlanned)
{
    CheckPlanner planner(11);
    EXPECT_EQ(planner.atStartup(QDateTime(), kNow, 1800, true), kNow);
    EXPECT_EQ(planner.atStartup(kNow.addSecs(-3600), kNow, 1800, true), kNow);
    EXPECT_EQ(planner.atStartup(kNow.addSecs(600), kNow, 1800, true), kNow);
}

TEST(CheckPlanner, OverdueKeysWithAShortIntervalSpreadOverThatIntervalOnly)
{
    CheckPlanner planner(13);
    qint64 highest = 0;
    for (int i = 0; i < 400; ++i) {
        const qint64 ms = kNow.msecsTo(planner.atStartup(kNow.addSecs(-3600), kNow, 10, false));
        ASSERT_GE(ms, 0);
        ASSERT_LE(ms, 10'000);
        highest = std::max(highest, kNow.msecsTo(planner.atStartup(QDateTime(), kNow, 10, false)));
    }
    EXPECT_LE(highest, 10'000);
    // Still spread, not all at the start.
    EXPECT_GT(highest, 8'000);
}

TEST(CheckPlanner, AFutureScheduleIsKeptButNeverBeyondOneIntervalFromNow)
{
    CheckPlanner planner(17);
    // Planned under a 30-minute interval; the key now checks every 10 s.
    const QDateTime planned = planner.atStartup(kNow.addSecs(1500), kNow, 10, false);
    EXPECT_GT(planned, kNow);
    EXPECT_LE(kNow.msecsTo(planned), 11'000);
    // Within one interval (with its jitter) it is kept to the millisecond.
    const QDateTime jittered = kNow.addMSecs(1'950'000);
    EXPECT_EQ(planner.atStartup(jittered, kNow, 1800, false), jittered);
}

TEST(CheckPlanner, OnlyTransientFailuresAreRetried)
{
    EXPECT_TRUE(CheckPlanner::isTransient(CheckStatus::NetworkError));
    EXPECT_TRUE(CheckPlanner::isTransient(CheckStatus::ProviderError));
    EXPECT_TRUE(CheckPlanner::isTransient(CheckStatus::RateLimited));
    EXPECT_FALSE(CheckPlanner::isTransient(CheckStatus::AuthError));
    EXPECT_FALSE(CheckPlanner::isTransient(CheckStatus::ParseError));
    EXPECT_FALSE(CheckPlanner::isTransient(CheckStatus::Unsupported));
    EXPECT_FALSE(CheckPlanner::isTransient(CheckStatus::Ok));

    CheckPlanner planner(1);
    EXPECT_FALSE(planner.retryAfterFailure(kNow, CheckStatus::AuthError, 1, std::nullopt, 1800));
}

TEST(CheckPlanner, BackoffDoublesWithJitterAndStops)
{
    CheckPlanner planner(3);
    double previousMid = 0;
    for (int attempt = 1; attempt <= CheckPlanner::kMaxRetries; ++attempt) {
        const auto retry =
            planner.retryAfterFailure(kNow, CheckStatus::NetworkError, attempt, std::nullopt, 3600);
        ASSERT_TRUE(retry) << attempt;
        const double seconds = kNow.msecsTo(*retry) / 1000.0;
        const double nominal = CheckPlanner::kFirstRetryS * std::pow(2.0, attempt - 1);
        EXPECT_GE(seconds, nominal * 0.9) << attempt;
        EXPECT_LE(seconds, nominal * 1.1) << attempt;
        EXPECT_GT(nominal, previousMid);
        previousMid = nominal;
    }
    EXPECT_FALSE(planner.retryAfterFailure(kNow, CheckStatus::NetworkError, CheckPlanner::kMaxRetries + 1,
                                           std::nullopt, 3600));
}

TEST(CheckPlanner, RetryAfterIsHonouredButNeverPastTheRegularCheck)
{
    CheckPlanner planner(5);
    const auto retry = planner.retryAfterFailure(kNow, CheckStatus::RateLimited, 1, 120, 1800);
    ASSERT_TRUE(retry);
    EXPECT_GE(kNow.secsTo(*retry), 120);
    // A Retry-After beyond the interval: the regular check comes first, no retry.
    EXPECT_FALSE(planner.retryAfterFailure(kNow, CheckStatus::RateLimited, 1, 7200, 1800));
    // Backoff longer than a short interval: no retry either.
    EXPECT_FALSE(planner.retryAfterFailure(kNow, CheckStatus::ProviderError, 4, std::nullopt, 60));
}
