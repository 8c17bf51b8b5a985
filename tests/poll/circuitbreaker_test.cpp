#include "core/poll/circuitbreaker.h"

#include <gtest/gtest.h>

using qw::CircuitBreaker;

namespace {

const QDateTime kNow(QDate(2026, 11, 15), QTime(12, 0), Qt::UTC);
const QString kHost = QStringLiteral("api.deepseek.com");

} // namespace

TEST(CircuitBreaker, OpensAfterConsecutiveFailuresOnlyForThatHost)
{
    CircuitBreaker breaker(3, 300);
    for (int i = 0; i < 2; ++i)
        breaker.recordFailure(kHost, kNow);
    EXPECT_EQ(breaker.state(kHost, kNow), CircuitBreaker::State::Closed);
    EXPECT_TRUE(breaker.allows(kHost, kNow));
    breaker.recordFailure(kHost, kNow);
    EXPECT_EQ(breaker.state(kHost, kNow), CircuitBreaker::State::Open);
    EXPECT_FALSE(breaker.allows(kHost, kNow.addSecs(299)));
    EXPECT_EQ(breaker.reopensAt(kHost), kNow.addSecs(300));
    EXPECT_TRUE(breaker.allows(QStringLiteral("openrouter.ai"), kNow));
}

TEST(CircuitBreaker, SuccessResetsTheCount)
{
    CircuitBreaker breaker(3, 300);
    breaker.recordFailure(kHost, kNow);
    breaker.recordFailure(kHost, kNow);
    breaker.recordSuccess(kHost);
    breaker.recordFailure(kHost, kNow);
    breaker.recordFailure(kHost, kNow);
    EXPECT_EQ(breaker.state(kHost, kNow), CircuitBreaker::State::Closed);
}

TEST(CircuitBreaker, HalfOpenLetsOneTrialThroughAndItsResultDecides)
{
    CircuitBreaker breaker(2, 60);
    breaker.recordFailure(kHost, kNow);
    breaker.recordFailure(kHost, kNow);
    const QDateTime later = kNow.addSecs(61);
    EXPECT_EQ(CircuitBreaker::toString(breaker.state(kHost, later)), QStringLiteral("half-open"));
    EXPECT_TRUE(breaker.allows(kHost, later));
    EXPECT_FALSE(breaker.allows(kHost, later)); // only one trial at a time

    // A failed trial re-opens for a full cool-down at once.
    breaker.recordFailure(kHost, later);
    EXPECT_EQ(breaker.state(kHost, later.addSecs(59)), CircuitBreaker::State::Open);
    const QDateTime evenLater = later.addSecs(61);
    EXPECT_TRUE(breaker.allows(kHost, evenLater));
    breaker.recordSuccess(kHost);
    EXPECT_EQ(breaker.state(kHost, evenLater), CircuitBreaker::State::Closed);
    EXPECT_TRUE(breaker.allows(kHost, evenLater));
    EXPECT_FALSE(breaker.reopensAt(kHost).isValid());
}
