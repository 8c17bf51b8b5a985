// Time ranges as the command line and the REST API take them.
#include "core/analytics/timerange.h"

#include <gtest/gtest.h>

namespace qw {
namespace {

const QDateTime kNow(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);

TEST(TimeRange, ARelativeTimeCountsBackFromNow)
{
    auto range = TimeRange::parse(QStringLiteral("7d"), kNow);
    ASSERT_TRUE(range);
    EXPECT_EQ(range->from, kNow.addDays(-7));
    EXPECT_FALSE(range->to.isValid());
    EXPECT_EQ(TimeRange::parseTime(QStringLiteral("90m"), kNow), kNow.addSecs(-90 * 60));
    EXPECT_EQ(TimeRange::parseTime(QStringLiteral("2w"), kNow), kNow.addDays(-14));
}

TEST(TimeRange, DatesAndTimesAreUtc)
{
    auto range = TimeRange::parse(QStringLiteral("2026-01-01..2026-02-01"), kNow);
    ASSERT_TRUE(range);
    EXPECT_EQ(range->from, QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    EXPECT_EQ(range->to, QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC));

    auto open = TimeRange::parse(QStringLiteral("2026-01-31T08:00:00+02:00.."), kNow);
    ASSERT_TRUE(open);
    EXPECT_EQ(open->from, QDateTime(QDate(2026, 1, 31), QTime(6, 0), Qt::UTC));
    EXPECT_FALSE(open->to.isValid());

    auto upTo = TimeRange::parse(QStringLiteral("..24h"), kNow);
    ASSERT_TRUE(upTo);
    EXPECT_FALSE(upTo->from.isValid());
    EXPECT_EQ(upTo->to, kNow.addDays(-1));
}

TEST(TimeRange, RejectsWhatIsNotARange)
{
    for (const char *text : {"", "..", "yesterday", "2026-13-01..", "7x", "2026-01-01"}) {
        auto range = TimeRange::parse(QString::fromUtf8(text), kNow);
        ASSERT_FALSE(range) << text;
        EXPECT_EQ(range.error().code, ErrorCode::InvalidInput);
    }
    auto backwards = TimeRange::parse(QStringLiteral("2026-02-01..2026-01-01"), kNow);
    ASSERT_FALSE(backwards);
    EXPECT_TRUE(backwards.error().message.contains(QStringLiteral("ends before")));
}

} // namespace
} // namespace qw
