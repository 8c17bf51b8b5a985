// The alert rules without storage: a driver feeds a key's checks, one after another, through
// AlertRules::evaluate with one remembered state and the growing history the engine would read,
// and the tests look at which alerts came out where.
#include "core/alerts/alertnotice.h"
#include "core/alerts/alertrules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace qw;

namespace {

const QDateTime kBase = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
// Strings that must never appear in an alert: they stand for the stored secret.
const QString kSecretHint = QStringLiteral("sk-live-9f8e7d6c5b4a39281706");
const QByteArray kSecretEnc = QByteArrayLiteral("gAAAAABsecretTOKENxyzzy0123456789");

Amount units(double value)
{
    return *Amount::fromDouble(value);
}

std::string name(AlertKind kind)
{
    return toString(kind).toStdString();
}

// One key's checks through the rules, as the engine runs them: the state carried from check to
// check, and as history the successful readings of the last 7 days including the current one.
class Driver
{
public:
    explicit Driver(std::optional<double> threshold = std::nullopt, bool percent = false)
    {
        m_key.id = 42;
        m_key.userId = 1;
        m_key.name = QStringLiteral("生产 main-key");
        m_key.platform = QStringLiteral("deepseek");
        m_key.secretHint = kSecretHint;
        m_key.secretEnc = kSecretEnc;
        if (threshold)
            m_key.threshold = units(*threshold);
        m_key.thresholdIsPercent = percent;
    }

    // A successful check `hours` after the start.
    std::vector<std::string> ok(double hours, std::optional<double> remaining,
                                std::optional<double> limit = std::nullopt,
                                const QString &unit = QStringLiteral("USD"))
    {
        Snapshot snapshot = at(hours);
        snapshot.status = CheckStatus::Ok;
        snapshot.kind = limit ? ReadingKind::KeyLimit : ReadingKind::Balance;
        if (remaining)
            snapshot.remaining = units(*remaining);
        if (limit)
            snapshot.limit = units(*limit);
        snapshot.unit = unit;
        return feed(snapshot);
    }

    // The provider answered HTTP 402: a successful check of an empty account (CheckService).
    std::vector<std::string> outOfCredit(double hours, const QString &unit = QStringLiteral("USD"))
    {
        Snapshot snapshot = at(hours);
        snapshot.status = CheckStatus::Ok;
        snapshot.kind = ReadingKind::Balance;
        snapshot.remaining = Amount();
        snapshot.unit = unit;
        snapshot.error = QStringLiteral("out of credit (HTTP 402): Insufficient Balance; the account has no "
                                        "balance left: top it up with the provider");
        return feed(snapshot);
    }

    std::vector<std::string> failed(double hours, CheckStatus status, const QString &error)
    {
        Snapshot snapshot = at(hours);
        snapshot.status = status;
        snapshot.error = error;
        return feed(snapshot);
    }

    [[nodiscard]] int count(AlertKind kind) const
    {
        return int(std::count_if(m_raised.begin(), m_raised.end(),
                                 [kind](const Alert &alert) { return alert.kind == kind; }));
    }
    [[nodiscard]] std::vector<Alert> of(AlertKind kind) const
    {
        std::vector<Alert> found;
        std::copy_if(m_raised.begin(), m_raised.end(), std::back_inserter(found),
                     [kind](const Alert &alert) { return alert.kind == kind; });
        return found;
    }
    // The first and the last alert of a kind; a failure (and an empty alert) when there is none.
    [[nodiscard]] Alert first(AlertKind kind) const
    {
        const std::vector<Alert> found = of(kind);
        if (found.empty())
            ADD_FAILURE() << "no " << name(kind);
        return found.empty() ? Alert() : found.front();
    }
    [[nodiscard]] Alert last(AlertKind kind) const
    {
        const std::vector<Alert> found = of(kind);
        if (found.empty())
            ADD_FAILURE() << "no " << name(kind);
        return found.empty() ? Alert() : found.back();
    }
    [[nodiscard]] const std::vector<Alert> &raised() const { return m_raised; }

    ApiKey m_key;
    AlertSettings m_settings;
    KeyAlertState m_state;

private:
    Snapshot at(double hours) const
    {
        Snapshot snapshot;
        snapshot.keyId = m_key.id;
        snapshot.checkedAt = kBase.addMSecs(std::llround(hours * 3600 * 1000));
        return snapshot;
    }

    std::vector<std::string> feed(const Snapshot &snapshot)
    {
        const qint64 nowMs = snapshot.checkedAt.toMSecsSinceEpoch();
        if (snapshot.status == CheckStatus::Ok && snapshot.remaining)
            m_points.push_back({nowMs, snapshot.remaining->micros()});
        std::vector<BalancePoint> history;
        std::copy_if(m_points.begin(), m_points.end(), std::back_inserter(history),
                     [nowMs](const BalancePoint &p) {
                         return p.atMs >= nowMs - AlertRules::kHistoryMs && p.atMs <= nowMs;
                     });
        const std::vector<Alert> alerts = AlertRules::evaluate(m_key, snapshot, history, m_settings, m_state);
        std::vector<std::string> kinds;
        for (const Alert &alert : alerts) {
            checkWords(alert, snapshot);
            kinds.push_back(name(alert.kind));
            m_raised.push_back(alert);
        }
        return kinds;
    }

    // What every alert must carry, whatever its kind.
    void checkWords(const Alert &alert, const Snapshot &snapshot) const
    {
        SCOPED_TRACE(name(alert.kind));
        EXPECT_EQ(alert.keyId, m_key.id);
        EXPECT_EQ(alert.createdAt, snapshot.checkedAt);
        EXPECT_EQ(alert.remaining, snapshot.remaining);
        EXPECT_FALSE(alert.title.trimmed().isEmpty());
        EXPECT_FALSE(alert.message.trimmed().isEmpty());
        EXPECT_TRUE(alert.title.contains(m_key.name)) << alert.title.toStdString();
        EXPECT_TRUE(alert.message.contains(m_key.name)) << alert.message.toStdString();
        for (const QString &text : {alert.title, alert.message}) {
            EXPECT_FALSE(text.contains(kSecretHint)) << text.toStdString();
            EXPECT_FALSE(text.contains(QString::fromLatin1(kSecretEnc))) << text.toStdString();
            EXPECT_FALSE(text.contains(QLatin1String("9f8e7d6c5b4a"))) << text.toStdString();
        }
    }

    std::vector<BalancePoint> m_points;
    std::vector<Alert> m_raised;
};

using Kinds = std::vector<std::string>;
const Kinds kNone;

} // namespace

// ---- low_balance -------------------------------------------------------------------------------

TEST(AlertRules, DrainingBalanceCrossesTheThresholdOnce)
{
    Driver key(10);
    for (int i = 0; i <= 30; ++i)
        key.ok(i * 0.5, 30 - i); // 30, 29, ..., 0
    ASSERT_EQ(key.count(AlertKind::LowBalance), 1);
    const Alert low = key.first(AlertKind::LowBalance);
    EXPECT_EQ(low.remaining, units(9)); // the first reading under 10, not the one at 10
    EXPECT_EQ(low.threshold, units(10));
    EXPECT_FALSE(low.thresholdIsPercent);
    EXPECT_EQ(low.unit, QStringLiteral("USD"));
    EXPECT_TRUE(low.message.contains(QStringLiteral("10 USD"))) << low.message.toStdString();
    EXPECT_TRUE(low.message.contains(QStringLiteral("9 USD"))) << low.message.toStdString();
    EXPECT_EQ(key.count(AlertKind::TopUp), 0);
}

TEST(AlertRules, OutOfCreditIsLowBalanceOnceEvenWithoutAThreshold)
{
    Driver key; // no threshold
    EXPECT_EQ(key.ok(0, 50), kNone);
    EXPECT_EQ(key.outOfCredit(1), Kinds{name(AlertKind::LowBalance)});
    EXPECT_EQ(key.outOfCredit(2), kNone);
    EXPECT_EQ(key.outOfCredit(3), kNone);
    const Alert low = key.first(AlertKind::LowBalance);
    EXPECT_TRUE(low.title.contains(QStringLiteral("Out of credit"))) << low.title.toStdString();
    EXPECT_TRUE(low.message.contains(QStringLiteral("Insufficient Balance"))) << low.message.toStdString();
    EXPECT_EQ(low.unit, QStringLiteral("USD"));
    // Topped up: a top-up from 0, and the next empty account is news again.
    EXPECT_EQ(key.ok(4, 40), Kinds{name(AlertKind::TopUp)});
    EXPECT_EQ(key.ok(5, 39), kNone);
    EXPECT_EQ(key.outOfCredit(6), Kinds{name(AlertKind::LowBalance)});
    EXPECT_EQ(key.count(AlertKind::LowBalance), 2);
}

TEST(AlertRules, AZeroBalanceWithoutA402AndWithoutAThresholdStaysQuiet)
{
    // Without a threshold only the provider's word that the account is empty is a low balance.
    Driver key;
    EXPECT_EQ(key.ok(0, 50), kNone);
    EXPECT_EQ(key.ok(1, 0), kNone);
    EXPECT_EQ(key.count(AlertKind::LowBalance), 0);
}

TEST(AlertRules, OutOfCreditUnderAThresholdAlreadyCrossedIsNotASecondAlert)
{
    Driver key(10);
    EXPECT_EQ(key.ok(0, 50), kNone);
    EXPECT_EQ(key.ok(1, 5), Kinds{name(AlertKind::LowBalance)});
    EXPECT_EQ(key.outOfCredit(2), kNone);
    // Above the threshold again, then empty: one more.
    EXPECT_EQ(key.ok(3, 30), Kinds{name(AlertKind::TopUp)});
    EXPECT_EQ(key.outOfCredit(4), Kinds{name(AlertKind::LowBalance)});
}

TEST(AlertRules, TopUpThenASecondDrainAlertsExactlyOnceMore)
{
    Driver key(10);
    double hours = 0;
    for (double balance = 30; balance >= 5; balance -= 1, hours += 0.5)
        key.ok(hours, balance);
    ASSERT_EQ(key.count(AlertKind::LowBalance), 1);
    ASSERT_EQ(key.count(AlertKind::TopUp), 0);

    key.ok(hours, 50);
    ASSERT_EQ(key.count(AlertKind::TopUp), 1);
    EXPECT_EQ(key.count(AlertKind::LowBalance), 1);
    const Alert topUp = key.first(AlertKind::TopUp);
    EXPECT_EQ(topUp.remaining, units(50));
    EXPECT_TRUE(topUp.message.contains(QStringLiteral("45 USD"))) << topUp.message.toStdString();

    for (double balance = 49; balance >= 5; balance -= 1) {
        hours += 0.5;
        key.ok(hours, balance);
    }
    EXPECT_EQ(key.count(AlertKind::LowBalance), 2);
    EXPECT_EQ(key.last(AlertKind::LowBalance).remaining, units(9));
    EXPECT_EQ(key.count(AlertKind::TopUp), 1);
}

TEST(AlertRules, HoveringAroundTheThresholdDoesNotFlap)
{
    Driver key(10);
    const std::vector<double> hovering{12,   11,  9.9,  10.05, 9.95, 10.08, 9.92,
                                       10.3, 9.9, 10.6, 9.8,   10.2, 9.97};
    double hours = 0;
    for (double balance : hovering) {
        key.ok(hours, balance);
        hours += 0.5;
    }
    EXPECT_EQ(key.count(AlertKind::LowBalance), 1);
    EXPECT_EQ(key.first(AlertKind::LowBalance).remaining, units(9.9));

    // Only a real recovery (above threshold + 10 %) lets the next crossing alert again.
    key.ok(hours, 11.5);
    key.ok(hours + 0.5, 9.5);
    EXPECT_EQ(key.count(AlertKind::LowBalance), 2);
}

TEST(AlertRules, PercentThresholdUsesTheLimitOfTheSnapshot)
{
    Driver key(20, true); // 20 % of the limit
    Snapshot withLimit;
    withLimit.limit = units(50);
    EXPECT_EQ(AlertRules::effectiveThreshold(key.m_key, withLimit), units(10));
    withLimit.limit = units(12.5);
    EXPECT_EQ(AlertRules::effectiveThreshold(key.m_key, withLimit), units(2.5));

    EXPECT_EQ(key.ok(0, 30, 50), kNone);
    EXPECT_EQ(key.ok(1, 12, 50), kNone);
    EXPECT_EQ(key.ok(2, 10, 50), kNone); // at 20 % exactly is not under it
    EXPECT_EQ(key.ok(3, 9.99, 50), Kinds{name(AlertKind::LowBalance)});
    const Alert low = key.first(AlertKind::LowBalance);
    EXPECT_TRUE(low.thresholdIsPercent);
    EXPECT_EQ(low.threshold, units(20));
    EXPECT_TRUE(low.message.contains(QStringLiteral("20%"))) << low.message.toStdString();
    EXPECT_TRUE(low.message.contains(QStringLiteral("10 USD"))) << low.message.toStdString();

    // The same percentage of a bigger limit is a bigger amount.
    Driver big(20, true);
    EXPECT_EQ(big.ok(0, 30, 100), kNone);
    EXPECT_EQ(big.ok(1, 19.5, 100), Kinds{name(AlertKind::LowBalance)});
}

TEST(AlertRules, PercentThresholdWithoutALimitNeverAlertsLowBalance)
{
    Driver key(20, true);
    Snapshot noLimit;
    EXPECT_FALSE(AlertRules::effectiveThreshold(key.m_key, noLimit).has_value());
    noLimit.limit = units(0);
    EXPECT_FALSE(AlertRules::effectiveThreshold(key.m_key, noLimit).has_value());

    for (int i = 0; i <= 20; ++i)
        key.ok(i * 0.5, 20 - i);
    key.ok(11, 0.5, 0.0); // a limit of 0 is no limit to take a share of
    EXPECT_EQ(key.count(AlertKind::LowBalance), 0);

    Driver none; // and no threshold at all
    for (int i = 0; i <= 20; ++i)
        none.ok(i * 0.5, 20 - i);
    EXPECT_EQ(none.count(AlertKind::LowBalance), 0);
}

TEST(AlertRules, UnitChangeIsNotATopUp)
{
    Driver key;
    EXPECT_EQ(key.ok(0, 10), kNone);
    EXPECT_EQ(key.ok(0.5, 70, std::nullopt, QStringLiteral("CNY")), kNone);
    // Within one unit a rise is a top-up again.
    EXPECT_EQ(key.ok(1, 80, std::nullopt, QStringLiteral("CNY")), Kinds{name(AlertKind::TopUp)});
    EXPECT_EQ(key.ok(1.5, 30, std::nullopt, QStringLiteral("USD")), kNone);
    EXPECT_EQ(key.count(AlertKind::TopUp), 1);
}

TEST(AlertRules, UnitChangeIsNotSpendingEither)
{
    // A relay that switches its currency from CNY to USD shows a big "drop" in the number; it is
    // a new series, so neither a spending spike nor a forecast may come out of it.
    Driver key;
    double hours = 0;
    for (double balance = 700; hours <= 24; hours += 0.5, balance -= 0.25)
        key.ok(hours, balance, std::nullopt, QStringLiteral("CNY"));
    ASSERT_EQ(key.raised().size(), 0u);
    for (double balance = 100; hours <= 30; hours += 0.5, balance -= 0.05)
        key.ok(hours, balance, std::nullopt, QStringLiteral("USD"));
    EXPECT_EQ(key.count(AlertKind::SpendSpike), 0);
    EXPECT_EQ(key.count(AlertKind::ForecastEmpty), 0);
    EXPECT_EQ(key.count(AlertKind::TopUp), 0);
}

TEST(AlertRules, IsTopUpNeedsOneCentAndTwoPercent)
{
    EXPECT_TRUE(AlertRules::isTopUp(units(100), units(102)));
    EXPECT_FALSE(AlertRules::isTopUp(units(100), units(101.99)));
    EXPECT_FALSE(AlertRules::isTopUp(units(10), units(10.15))); // a refund while hovering
    EXPECT_TRUE(AlertRules::isTopUp(units(0), units(0.01)));
    EXPECT_FALSE(AlertRules::isTopUp(units(0), units(0.009)));
    EXPECT_TRUE(AlertRules::isTopUp(units(-5), units(0)));
    EXPECT_FALSE(AlertRules::isTopUp(units(50), units(40)));
    EXPECT_FALSE(AlertRules::isTopUp(units(50), units(50)));
}

// ---- key_failing / recovered -------------------------------------------------------------------

TEST(AlertRules, AuthErrorTwiceInARowIsKeyFailingOnceThenRecovered)
{
    Driver key(10);
    const QString error = QStringLiteral("401 invalid api key");
    EXPECT_EQ(key.ok(0, 50), kNone);
    EXPECT_EQ(key.failed(0.1, CheckStatus::AuthError, error), kNone);
    EXPECT_EQ(key.failed(0.2, CheckStatus::AuthError, error), Kinds{name(AlertKind::KeyFailing)});
    EXPECT_EQ(key.failed(0.3, CheckStatus::AuthError, error), kNone);
    EXPECT_EQ(key.failed(0.4, CheckStatus::NetworkError, QStringLiteral("timeout")), kNone);
    EXPECT_EQ(key.ok(0.5, 49), Kinds{name(AlertKind::Recovered)});
    EXPECT_EQ(key.ok(0.6, 48.9), kNone);

    const Alert failing = key.first(AlertKind::KeyFailing);
    EXPECT_TRUE(failing.message.contains(error)) << failing.message.toStdString();
    EXPECT_FALSE(failing.remaining.has_value());
    EXPECT_EQ(key.first(AlertKind::Recovered).remaining, units(49));
    EXPECT_EQ(key.count(AlertKind::KeyFailing), 1);
    EXPECT_EQ(key.count(AlertKind::Recovered), 1);
}

// A destination changed outside QuotaWatch needs the owner now, not after a streak or an hour.
TEST(AlertRules, AnIntegrityErrorIsKeyFailingAtOnceAndOnce)
{
    Driver key(10);
    EXPECT_EQ(key.ok(0, 50), kNone);
    EXPECT_EQ(key.failed(0.1, CheckStatus::IntegrityError, QStringLiteral("changed outside QuotaWatch")),
              Kinds{name(AlertKind::KeyFailing)});
    EXPECT_EQ(key.failed(0.2, CheckStatus::IntegrityError, QStringLiteral("changed outside QuotaWatch")),
              kNone);
    const Alert failing = key.first(AlertKind::KeyFailing);
    EXPECT_TRUE(failing.message.contains(QStringLiteral("outside QuotaWatch")))
        << failing.message.toStdString();
    EXPECT_TRUE(failing.message.contains(QStringLiteral("not sent"))) << failing.message.toStdString();
    EXPECT_EQ(key.ok(0.3, 50), Kinds{name(AlertKind::Recovered)});
}

TEST(AlertRules, AnUnreadableKeyIsKeyFailingAtOnceAndOnce)
{
    // A retired endpoint (HTTP 410): waiting will not help, so one notice at once, none after.
    Driver key(10);
    EXPECT_EQ(key.ok(0, 50), kNone);
    const QString gone = QStringLiteral("the provider retired this balance endpoint (HTTP 410 Gone)");
    EXPECT_EQ(key.failed(0.1, CheckStatus::Unsupported, gone), Kinds{name(AlertKind::KeyFailing)});
    for (int i = 2; i < 50; ++i)
        EXPECT_EQ(key.failed(i * 0.5, CheckStatus::Unsupported, gone), kNone) << i;
    const Alert failing = key.first(AlertKind::KeyFailing);
    EXPECT_TRUE(failing.message.contains(QStringLiteral("HTTP 410"))) << failing.message.toStdString();
    EXPECT_TRUE(failing.message.contains(QStringLiteral("Checking again will not change this")))
        << failing.message.toStdString();
    EXPECT_FALSE(failing.message.contains(QStringLiteral("keeps trying"))) << failing.message.toStdString();
    EXPECT_EQ(key.raised().size(), 1u);
}

TEST(AlertRules, AuthErrorsNotInARowAreNothing)
{
    Driver key;
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(key.failed(i * 0.2, CheckStatus::AuthError, QStringLiteral("401")), kNone);
        EXPECT_EQ(key.ok(i * 0.2 + 0.1, 50), kNone);
    }
    // Another kind of error in between breaks the streak too (the outage is still short).
    EXPECT_EQ(key.failed(2.0, CheckStatus::AuthError, QStringLiteral("401")), kNone);
    EXPECT_EQ(key.failed(2.1, CheckStatus::NetworkError, QStringLiteral("timeout")), kNone);
    EXPECT_EQ(key.failed(2.2, CheckStatus::AuthError, QStringLiteral("401")), kNone);
    EXPECT_EQ(key.failed(2.3, CheckStatus::AuthError, QStringLiteral("401")),
              Kinds{name(AlertKind::KeyFailing)});
    EXPECT_EQ(key.raised().size(), 1u);
}

TEST(AlertRules, OtherErrorsAreKeyFailingOnlyAfterFailingAfterS)
{
    Driver key;
    ASSERT_EQ(key.m_settings.failingAfterS, 3600);
    EXPECT_EQ(key.ok(0, 50), kNone);
    // Failing from 0:10 on: nothing for the first 59 minutes of the outage.
    for (int minute = 10; minute < 70; minute += 10)
        EXPECT_EQ(key.failed(minute / 60.0,
                             minute % 20 ? CheckStatus::NetworkError : CheckStatus::RateLimited,
                             QStringLiteral("connection refused")),
                  kNone)
            << minute;
    EXPECT_EQ(key.failed(69.9 / 60, CheckStatus::ProviderError, QStringLiteral("502")), kNone);
    EXPECT_EQ(key.failed(70 / 60.0, CheckStatus::NetworkError, QStringLiteral("connection refused")),
              Kinds{name(AlertKind::KeyFailing)});
    EXPECT_EQ(key.failed(80 / 60.0, CheckStatus::NetworkError, QStringLiteral("connection refused")), kNone);
    EXPECT_EQ(key.failed(300 / 60.0, CheckStatus::NetworkError, QStringLiteral("connection refused")), kNone);
    EXPECT_EQ(key.ok(5.1, 50), Kinds{name(AlertKind::Recovered)});

    // A shorter setting is honoured; an outage counts from its own start.
    Driver quick;
    quick.m_settings.failingAfterS = 1800;
    EXPECT_EQ(quick.failed(0, CheckStatus::NetworkError, QStringLiteral("x")), kNone);
    EXPECT_EQ(quick.failed(0.4, CheckStatus::NetworkError, QStringLiteral("x")), kNone);
    EXPECT_EQ(quick.ok(0.45, 5), kNone);
    EXPECT_EQ(quick.failed(0.5, CheckStatus::NetworkError, QStringLiteral("x")), kNone);
    EXPECT_EQ(quick.failed(0.9, CheckStatus::NetworkError, QStringLiteral("x")), kNone);
    EXPECT_EQ(quick.failed(1.0, CheckStatus::NetworkError, QStringLiteral("x")),
              Kinds{name(AlertKind::KeyFailing)});
}

// ---- forecast_empty ----------------------------------------------------------------------------

TEST(AlertRules, ForecastOnceWhenDaysLeftFallUnderThreeAndAgainAfterATopUp)
{
    Driver key; // no threshold: only the forecast speaks
    // 1 USD an hour from 100: days left = remaining / 24, under 3 once remaining < 72.
    double hours = 0;
    double balance = 100;
    std::optional<double> firstAt;
    for (; balance >= 10; hours += 0.5, balance -= 0.5) {
        const Kinds kinds = key.ok(hours, balance);
        if (!firstAt && !kinds.empty())
            firstAt = balance;
    }
    ASSERT_EQ(key.count(AlertKind::ForecastEmpty), 1) << "not repeated while it stays under";
    EXPECT_EQ(key.raised().size(), 1u);
    EXPECT_EQ(firstAt, 71.5); // the first reading with under 3 days left (71.5 / 24 = 2.98)
    const Alert forecast = key.first(AlertKind::ForecastEmpty);
    ASSERT_TRUE(forecast.daysLeft.has_value());
    EXPECT_NEAR(*forecast.daysLeft, 71.5 / 24, 0.06);
    EXPECT_LT(*forecast.daysLeft, 3.0 + 1e-9);
    EXPECT_TRUE(forecast.message.contains(QStringLiteral("24 USD"))) << forecast.message.toStdString();

    // A top-up to about 4 days: under 2 x 3 days, so only the top-up re-arms the forecast.
    EXPECT_EQ(key.ok(hours, 100), Kinds{name(AlertKind::TopUp)});
    for (balance = 99.5; balance >= 60; balance -= 0.5) {
        hours += 0.5;
        key.ok(hours, balance);
    }
    EXPECT_EQ(key.count(AlertKind::ForecastEmpty), 2);
    const Alert second = key.last(AlertKind::ForecastEmpty);
    ASSERT_TRUE(second.daysLeft.has_value());
    EXPECT_GT(*second.daysLeft, 2.5);
    EXPECT_LE(*second.daysLeft, 3.0);
    EXPECT_GT(second.remaining, units(65)); // right as it went under, not somewhere later
}

TEST(AlertRules, NoForecastBeforeSixHoursWereObserved)
{
    Driver key;
    // 10 USD burning at 1 USD an hour: hours left, but nothing until 6 h of history.
    for (int i = 0; i < 12; ++i)
        EXPECT_EQ(key.ok(i * 0.5, 10 - i * 0.5), kNone) << i;
    EXPECT_EQ(key.ok(6, 4), Kinds{name(AlertKind::ForecastEmpty)});
    EXPECT_NEAR(key.first(AlertKind::ForecastEmpty).daysLeft.value_or(-1), 0.2, 0.05); // 4 h
}

TEST(AlertRules, ForecastReArmsWhenDaysLeftGrowToTwiceTheSetting)
{
    Driver key;
    key.m_settings.forecastDays = 1; // under 1 day alerts; 2 days or more re-arms
    // 10 USD an hour from 100 for 6.5 h: hours left.
    for (int i = 0; i <= 13; ++i)
        key.ok(i * 0.5, 100 - i * 5);
    ASSERT_EQ(key.count(AlertKind::ForecastEmpty), 1);
    // Then idle at 35 until the long-run rate gives more than 2 days (65 spent in 96 h).
    double hours = 7;
    for (; hours <= 96; hours += 1)
        EXPECT_EQ(key.ok(hours, 35), kNone) << hours;
    // Spending again, without any top-up: the forecast speaks once more when under 1 day.
    for (double balance = 30; balance >= 0; balance -= 5, hours += 1)
        key.ok(hours, balance);
    EXPECT_EQ(key.count(AlertKind::TopUp), 0);
    ASSERT_EQ(key.count(AlertKind::ForecastEmpty), 2);
    EXPECT_EQ(key.last(AlertKind::ForecastEmpty).remaining, units(15));
}

TEST(AlertRules, NoForecastForAnEmptyKey)
{
    Driver key;
    // 1 USD an hour from 6: empty when the forecast first has 6 h to go on; nothing to warn of.
    for (int i = 0; i <= 12; ++i)
        EXPECT_EQ(key.ok(i * 0.5, 6 - i * 0.5), kNone) << i;
    for (int i = 13; i <= 30; ++i)
        EXPECT_EQ(key.ok(i * 0.5, 0), kNone) << i;
}

// ---- spend_spike -------------------------------------------------------------------------------

TEST(AlertRules, SpendSpikeOnceAfterASlowDayThenCooldown)
{
    Driver key;
    double hours = 0;
    double balance = 1000;
    for (; hours <= 24; hours += 0.5, balance -= 0.25) // 0.5 USD an hour
        EXPECT_EQ(key.ok(hours, balance), kNone) << hours;
    balance -= 25; // 25 USD within half an hour: 25 x the idle floor of about 1 USD/h
    EXPECT_EQ(key.ok(hours, balance), Kinds{name(AlertKind::SpendSpike)});
    const Alert spike = key.first(AlertKind::SpendSpike);
    EXPECT_EQ(spike.remaining, units(balance));
    EXPECT_TRUE(spike.message.contains(QStringLiteral("25.5 USD"))) << spike.message.toStdString();

    // Another big drop within 6 h: no second alert.
    const double firstSpike = hours;
    for (int i = 0; i < 11; ++i) {
        hours += 0.5;
        balance -= i % 3 == 0 ? 30 : 0.25;
        EXPECT_EQ(key.ok(hours, balance), kNone) << hours;
    }
    ASSERT_LT(hours - firstSpike, 6);
    // Past the cooldown a new spike counts again.
    for (; hours - firstSpike < 6.5;) {
        hours += 0.5;
        balance -= 0.25;
        key.ok(hours, balance);
    }
    EXPECT_EQ(key.count(AlertKind::SpendSpike), 1);
    hours += 0.5;
    balance -= 60; // about 11 x the usual rate, which now includes the earlier spikes
    EXPECT_EQ(key.ok(hours, balance), Kinds{name(AlertKind::SpendSpike)});
    EXPECT_EQ(key.count(AlertKind::SpendSpike), 2);
}

TEST(AlertRules, SpikeIsMeasuredAgainstTheRateBeforeTheLastHour)
{
    // 2 USD an hour for a day; the last hour is judged against that rate (5 x = 10 USD), not
    // against a rate that already includes the last hour.
    const auto lastHour = [](double spent) {
        Driver key;
        double hours = 0;
        for (; hours <= 24; hours += 0.5)
            key.ok(hours, 1000 - hours * 2);
        // The half hour before was usual (1 USD); the rest of the hour's spending comes now.
        return key.ok(hours, 1000 - (hours - 0.5) * 2 - (spent - 1));
    };
    EXPECT_EQ(lastHour(9), kNone);                               // 4.5 x
    EXPECT_EQ(lastHour(11), Kinds{name(AlertKind::SpendSpike)}); // 5.5 x
}

TEST(AlertRules, AnIdleKeyThatSuddenlySpendsIsASpike)
{
    // A key that spent nothing for a day: its usual rate is taken as 0.1 % of the balance an
    // hour (1 USD/h at 1000), so spending 6 in an hour stands out and 3 does not.
    Driver key;
    double hours = 0;
    for (; hours <= 24; hours += 0.5)
        EXPECT_EQ(key.ok(hours, 1000), kNone) << hours;
    EXPECT_EQ(key.ok(hours, 997), kNone);
    EXPECT_EQ(key.count(AlertKind::SpendSpike), 0);

    Driver leaked;
    for (hours = 0; hours <= 24; hours += 0.5)
        leaked.ok(hours, 1000);
    EXPECT_EQ(leaked.ok(hours, 994), Kinds{name(AlertKind::SpendSpike)});
}

TEST(AlertRules, NoSpikeWithoutTwelveHoursOfUsualHistory)
{
    Driver key;
    double hours = 0;
    double balance = 1000;
    for (; hours < 11; hours += 0.5, balance -= 0.25)
        key.ok(hours, balance);
    EXPECT_EQ(key.ok(hours, balance - 100), kNone); // a new key's first big spend is no spike
    EXPECT_EQ(key.count(AlertKind::SpendSpike), 0);

    Driver older; // the same spend after 13 h of history is one
    for (hours = 0, balance = 1000; hours < 13; hours += 0.5, balance -= 0.25)
        older.ok(hours, balance);
    EXPECT_EQ(older.ok(hours, balance - 100), Kinds{name(AlertKind::SpendSpike)});
}

namespace {

// A key spending a steady `perHour` from 1000, checked every `intervalH` hours for 3 days.
int spikesAtSteadyRate(double perHour, double intervalH)
{
    Driver key;
    for (double hours = 0; hours <= 72; hours += intervalH)
        key.ok(hours, 1000 - perHour * hours);
    return key.count(AlertKind::SpendSpike);
}

} // namespace

TEST(AlertRules, NormalRateNeverSpikes)
{
    for (double intervalH : {0.25, 0.5, 1.0, 2.0, 3.0}) {
        EXPECT_EQ(spikesAtSteadyRate(5, intervalH), 0) << "checked every " << intervalH << " h";
        EXPECT_EQ(spikesAtSteadyRate(0.2, intervalH), 0) << "checked every " << intervalH << " h";
    }
    // A rate that wobbles (twice the usual, then nothing) is no spike either.
    Driver key;
    double balance = 1000;
    for (int i = 0; i <= 144; ++i) {
        key.ok(i * 0.5, balance);
        balance -= i % 4 < 2 ? 4 : 0;
    }
    EXPECT_EQ(key.count(AlertKind::SpendSpike), 0);
}

TEST(AlertRules, NormalRateNeverSpikesWithLongCheckIntervals)
{
    // Keys may be checked every few hours (interval up to 24 h; steps up to 6 h still count as
    // spending). "The last hour" must not take a whole 5-6 h step as one hour's spending.
    for (double intervalH : {4.0, 5.0, 6.0})
        EXPECT_EQ(spikesAtSteadyRate(5, intervalH), 0) << "checked every " << intervalH << " h";
}

TEST(AlertRules, TopUpIsNeverSpending)
{
    Driver key;
    double hours = 0;
    double balance = 1000;
    for (; hours <= 24; hours += 0.5, balance -= 0.25)
        key.ok(hours, balance);
    ASSERT_EQ(key.raised().size(), 0u);
    balance += 500; // from the last reading, 988 (the loop stepped on to 987.75)
    EXPECT_EQ(key.ok(hours, balance), Kinds{name(AlertKind::TopUp)});
    for (int i = 0; i < 30; ++i) {
        hours += 0.5;
        balance -= 0.25;
        EXPECT_EQ(key.ok(hours, balance), kNone) << hours;
    }
    // A top-up right after a small spend in the same hour changes nothing either.
    hours += 0.25;
    EXPECT_EQ(key.ok(hours, balance - 0.1), kNone);
    hours += 0.25;
    EXPECT_EQ(key.ok(hours, balance + 300), Kinds{name(AlertKind::TopUp)});
    EXPECT_EQ(key.count(AlertKind::SpendSpike), 0);
    EXPECT_EQ(key.count(AlertKind::ForecastEmpty), 0);
    const std::vector<Alert> topUps = key.of(AlertKind::TopUp);
    ASSERT_EQ(topUps.size(), 2u);
    EXPECT_TRUE(topUps[0].message.contains(QStringLiteral("by 499.75 USD")))
        << topUps[0].message.toStdString();
    EXPECT_TRUE(topUps[1].message.contains(QStringLiteral("by 300.1 USD")))
        << topUps[1].message.toStdString();
}

// ---- words -------------------------------------------------------------------------------------

TEST(AlertRules, EveryKindHasWordsWithTheKeyNameAndNoSecret)
{
    // Every kind once; the driver checks each alert's title and message as it comes out.
    Driver key(10);
    double hours = 0;
    double balance = 1000;
    for (; hours <= 24; hours += 0.5, balance -= 0.25)
        key.ok(hours, balance);
    key.ok(hours += 0.5, balance -= 100);                                    // spend_spike
    key.ok(hours += 0.5, balance = 9);                                       // low_balance, forecast
    key.failed(hours += 0.1, CheckStatus::AuthError, QStringLiteral("401")); //
    key.failed(hours += 0.1, CheckStatus::AuthError, QStringLiteral("401")); // key_failing
    key.ok(hours += 0.1, 5000);                                              // recovered, topup
    for (AlertKind kind : {AlertKind::LowBalance, AlertKind::KeyFailing, AlertKind::Recovered,
                           AlertKind::TopUp, AlertKind::ForecastEmpty, AlertKind::SpendSpike})
        EXPECT_EQ(key.count(kind), 1) << name(kind);
    QStringList titles;
    for (const Alert &alert : key.raised())
        titles << alert.title;
    titles.removeDuplicates();
    EXPECT_EQ(titles.size(), 6) << "each kind says what happened";
}

// ---- state and payload -------------------------------------------------------------------------

TEST(KeyAlertState, JsonRoundTrip)
{
    KeyAlertState state;
    state.low.armed = false;
    state.forecastArmed = false;
    state.authErrorsInARow = 3;
    state.failingSince = kBase.addSecs(60);
    state.failingAlerted = true;
    state.lastSpikeAt = kBase.addMSecs(123'456);
    state.lastRemaining = Amount::fromMicros(-1'234'567);
    state.lastUnit = QStringLiteral("CNY");

    const KeyAlertState back = KeyAlertState::fromJson(state.toJson());
    EXPECT_EQ(back.low.armed, false);
    EXPECT_EQ(back.forecastArmed, false);
    EXPECT_EQ(back.authErrorsInARow, 3);
    EXPECT_EQ(back.failingSince, state.failingSince);
    EXPECT_EQ(back.failingAlerted, true);
    EXPECT_EQ(back.lastSpikeAt, state.lastSpikeAt);
    EXPECT_EQ(back.lastRemaining, state.lastRemaining);
    EXPECT_EQ(back.lastUnit, QStringLiteral("CNY"));

    const KeyAlertState fresh = KeyAlertState::fromJson(KeyAlertState().toJson());
    EXPECT_TRUE(fresh.low.armed);
    EXPECT_TRUE(fresh.forecastArmed);
    EXPECT_FALSE(fresh.failingSince.isValid());
    EXPECT_FALSE(fresh.lastSpikeAt.isValid());
    EXPECT_FALSE(fresh.lastRemaining.has_value());
}

TEST(KeyAlertState, MalformedFieldsTakeDefaults)
{
    const KeyAlertState state = KeyAlertState::fromJson(QJsonObject{
        {QStringLiteral("low_armed"), QStringLiteral("no")},
        {QStringLiteral("auth_errors"), -4},
        {QStringLiteral("failing_since"), QStringLiteral("yesterday")},
        {QStringLiteral("last_remaining"), QJsonArray{1}},
    });
    EXPECT_TRUE(state.low.armed);
    EXPECT_EQ(state.authErrorsInARow, 0);
    EXPECT_FALSE(state.failingSince.isValid());
    EXPECT_FALSE(state.lastRemaining.has_value());
    EXPECT_TRUE(KeyAlertState::fromJson(QJsonObject()).forecastArmed);
}

TEST(AlertNotice, ToJsonIsTheDocumentedPayload)
{
    Driver key(20, true);
    key.ok(0, 30, 50);
    key.ok(1, 9.5, 50);
    ASSERT_EQ(key.count(AlertKind::LowBalance), 1);
    const AlertNotice notice{key.first(AlertKind::LowBalance), key.m_key.name, key.m_key.platform};
    const QJsonObject json = notice.toJson();

    QStringList fields = json.keys();
    fields.sort();
    EXPECT_EQ(fields, (QStringList{
                          QStringLiteral("days_left"), QStringLiteral("event"), QStringLiteral("key"),
                          QStringLiteral("message"), QStringLiteral("remaining"), QStringLiteral("threshold"),
                          QStringLiteral("threshold_unit"), QStringLiteral("time"), QStringLiteral("unit")}));
    EXPECT_EQ(json.value(QLatin1String("event")).toString(), QStringLiteral("low_balance"));
    const QJsonObject keyJson = json.value(QLatin1String("key")).toObject();
    EXPECT_EQ(keyJson.value(QLatin1String("id")).toInteger(), 42);
    EXPECT_EQ(keyJson.value(QLatin1String("name")).toString(), key.m_key.name);
    EXPECT_EQ(keyJson.value(QLatin1String("platform")).toString(), QStringLiteral("deepseek"));
    EXPECT_TRUE(json.value(QLatin1String("remaining")).isDouble());
    EXPECT_DOUBLE_EQ(json.value(QLatin1String("remaining")).toDouble(), 9.5);
    EXPECT_EQ(json.value(QLatin1String("unit")).toString(), QStringLiteral("USD"));
    EXPECT_DOUBLE_EQ(json.value(QLatin1String("threshold")).toDouble(), 20);
    EXPECT_EQ(json.value(QLatin1String("threshold_unit")).toString(), QStringLiteral("percent"));
    EXPECT_TRUE(json.value(QLatin1String("days_left")).isNull());
    EXPECT_EQ(json.value(QLatin1String("message")).toString(), notice.alert.message);
    EXPECT_EQ(json.value(QLatin1String("time")).toString(), QStringLiteral("2026-01-01T01:00:00.000Z"));
    const QString text = QString::fromUtf8(QJsonDocument(json).toJson());
    EXPECT_FALSE(text.contains(kSecretHint));

    // An amount threshold is in the key's unit; a forecast carries its days.
    Alert forecast = notice.alert;
    forecast.kind = AlertKind::ForecastEmpty;
    forecast.thresholdIsPercent = false;
    forecast.threshold = units(10);
    forecast.daysLeft = 2.5;
    const QJsonObject second = AlertNotice{forecast, notice.keyName, notice.platform}.toJson();
    EXPECT_EQ(second.value(QLatin1String("event")).toString(), QStringLiteral("forecast_empty"));
    EXPECT_EQ(second.value(QLatin1String("threshold_unit")).toString(), QStringLiteral("USD"));
    EXPECT_DOUBLE_EQ(second.value(QLatin1String("days_left")).toDouble(), 2.5);

    // Nothing known is null, not 0 or "".
    Alert failing;
    failing.kind = AlertKind::KeyFailing;
    failing.createdAt = kBase;
    const QJsonObject third = AlertNotice{failing, notice.keyName, notice.platform}.toJson();
    for (const char *field : {"remaining", "unit", "threshold", "threshold_unit", "days_left"})
        EXPECT_TRUE(third.value(QLatin1String(field)).isNull()) << field;
}
