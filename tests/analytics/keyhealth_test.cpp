#include "core/analytics/keyhealth.h"
#include "core/analytics/overview.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace qw;

namespace {

Amount units(qint64 whole)
{
    return Amount::fromMicros(whole * 1'000'000);
}

Snapshot reading(std::optional<Amount> remaining, ReadingKind kind = ReadingKind::Balance)
{
    Snapshot snapshot;
    snapshot.status = CheckStatus::Ok;
    snapshot.kind = kind;
    snapshot.remaining = remaining;
    snapshot.unit = QStringLiteral("CNY");
    return snapshot;
}

ApiKey keyWithThreshold(std::optional<qint64> threshold)
{
    ApiKey key;
    key.enabled = true;
    if (threshold)
        key.threshold = units(*threshold);
    return key;
}

} // namespace

TEST(KeyHealth, ABalanceAtOrBelowZeroIsEmptyWithOrWithoutAThreshold)
{
    for (const qint64 micros : {qint64(0), qint64(-1), qint64(-5'000'000)}) {
        const Snapshot snapshot = reading(Amount::fromMicros(micros));
        EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(std::nullopt), snapshot), KeyHealth::Empty) << micros;
        EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(10), snapshot), KeyHealth::Empty) << micros;
    }
    // One micro-unit left is low (under the threshold), not empty.
    EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(10), reading(Amount::fromMicros(1))), KeyHealth::Low);
    EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(std::nullopt), reading(Amount::fromMicros(1))),
              KeyHealth::Ok);
}

TEST(KeyHealth, AQuotaUsedUpIsEmpty)
{
    Snapshot quota = reading(std::nullopt, ReadingKind::Quota);
    quota.unit = QStringLiteral("tokens");
    quota.used = units(1000);
    quota.limit = units(1000);
    EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(std::nullopt), quota), KeyHealth::Empty);
    quota.used = units(1200); // past the cap
    EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(std::nullopt), quota), KeyHealth::Empty);
    quota.used = units(999);
    EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(std::nullopt), quota), KeyHealth::Ok);

    Snapshot cap = reading(units(0), ReadingKind::KeyLimit);
    cap.limit = units(50);
    EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(std::nullopt), cap), KeyHealth::Empty);
}

TEST(KeyHealth, OutOfCreditIsEmptyAndSpendingAloneNever)
{
    Snapshot refused = reading(units(0));
    refused.error = QStringLiteral("Insufficient Balance");
    ASSERT_TRUE(refused.outOfCredit());
    EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(std::nullopt), refused), KeyHealth::Empty);

    // What was spent, without a limit, says nothing about what is left.
    Snapshot spend = reading(std::nullopt, ReadingKind::Spend);
    spend.used = units(0);
    EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(std::nullopt), spend), KeyHealth::Ok);
}

TEST(KeyHealth, AFailedCheckAndAPausedKeyWinOverTheReading)
{
    Snapshot failed = reading(units(0));
    failed.status = CheckStatus::NetworkError;
    failed.error = QStringLiteral("timed out");
    EXPECT_EQ(KeyHealthRules::of(keyWithThreshold(std::nullopt), failed), KeyHealth::Failing);
    ApiKey paused = keyWithThreshold(std::nullopt);
    paused.enabled = false;
    EXPECT_EQ(KeyHealthRules::of(paused, reading(units(0))), KeyHealth::Paused);
}

TEST(KeyHealth, WordsAndSeverityWorstFirst)
{
    EXPECT_EQ(KeyHealthRules::toString(KeyHealth::Empty), QStringLiteral("empty"));
    EXPECT_EQ(KeyHealthRules::toString(KeyHealth::Failing), QStringLiteral("failing"));
    // kWorstFirst is every state once, in falling severity.
    const auto &order = KeyHealthRules::kWorstFirst;
    for (std::size_t i = 1; i < order.size(); ++i)
        EXPECT_GT(KeyHealthRules::severity(order[i - 1]), KeyHealthRules::severity(order[i])) << i;
    EXPECT_EQ(order.front(), KeyHealth::Empty);
    EXPECT_EQ(order[1], KeyHealth::Failing);
    EXPECT_EQ(order.back(), KeyHealth::Paused);
    for (int value = 0; value < int(order.size()); ++value)
        EXPECT_NE(std::find(order.begin(), order.end(), KeyHealth(value)), order.end()) << value;
}

TEST(KeyHealth, OverviewWorstIsEmptyOverFailing)
{
    Overview overview;
    overview.add(std::nullopt, KeyHealth::Failing);
    overview.add(reading(units(0)), KeyHealth::Empty);
    overview.add(reading(units(5)), KeyHealth::Low);
    EXPECT_EQ(overview.worst(), KeyHealth::Empty);
    EXPECT_EQ(overview.count(KeyHealth::Empty), 1);
}
