#include "core/alerts/alertrules.h"

#include "core/alerts/alertmessages.h"
#include "core/analytics/burnrate.h"

#include <algorithm>
#include <cmath>

namespace qw {

namespace {

constexpr qint64 kHourMs = 60LL * 60 * 1000;

Alert alertFor(const ApiKey &key, const Snapshot &snapshot, AlertKind kind)
{
    Alert alert;
    alert.keyId = key.id;
    alert.kind = kind;
    alert.createdAt = snapshot.checkedAt;
    alert.remaining = snapshot.remaining;
    alert.unit = snapshot.unit;
    alert.threshold = key.threshold;
    alert.thresholdIsPercent = key.thresholdIsPercent;
    return alert;
}

// Spending within the last hour before `nowMs`. A step reaching back further than the hour
// counts with the share of it inside the hour (the spending spread evenly over the step), so a
// key checked every few hours is not read as spending a whole step's worth each hour. Gaps are
// not spending.
qint64 spentInLastHour(std::span<const BalancePoint> points, qint64 nowMs)
{
    const qint64 windowStart = nowMs - kHourMs;
    double spent = 0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const auto stepMs = Amount::subtractMicros(points[i].atMs, points[i - 1].atMs);
        if (points[i].atMs <= windowStart || !stepMs || *stepMs <= 0 || *stepMs > BurnRate::kMaxStepMs)
            continue;
        const auto drop = Amount::subtractMicros(points[i - 1].remainingMicros, points[i].remainingMicros);
        if (!drop || *drop <= 0)
            continue; // a rise, or a step too large to be a real one
        const qint64 insideMs = points[i].atMs - std::max(points[i - 1].atMs, windowStart);
        spent += double(*drop) * double(insideMs) / double(*stepMs);
    }
    // Converting a double beyond qint64 is undefined; such a figure is held at the limit.
    constexpr double kLimit = 9.0e18;
    return spent >= kLimit ? qint64(kLimit) : qint64(spent);
}

void evaluateFailure(const ApiKey &key, const Snapshot &snapshot, const AlertSettings &settings,
                     KeyAlertState &state, const AlertSubject &subject, std::vector<Alert> &raised)
{
    const bool authError = snapshot.status == CheckStatus::AuthError;
    state.authErrorsInARow = authError ? state.authErrorsInARow + 1 : 0;
    if (!state.failingSince.isValid())
        state.failingSince = snapshot.checkedAt;
    if (state.failingAlerted)
        return;
    const bool authStreak = authError && state.authErrorsInARow >= settings.authErrorsInARow;
    const bool longOutage =
        state.failingSince.msecsTo(snapshot.checkedAt) >= qint64(settings.failingAfterS) * 1000;
    // A destination changed behind the owner's back is news the first time, not after a streak.
    const bool tampered = snapshot.status == CheckStatus::IntegrityError;
    // Nor does waiting help a key no check can read (a retired endpoint, HTTP 410): one notice
    // at once, and none after it until a check succeeds, whatever the key's interval.
    const bool unreadable = snapshot.status == CheckStatus::Unsupported;
    if (!authStreak && !longOutage && !tampered && !unreadable)
        return;
    state.failingAlerted = true;
    Alert alert = alertFor(key, snapshot, AlertKind::KeyFailing);
    if (tampered)
        AlertMessages::keyTampered(alert, subject);
    else if (unreadable)
        AlertMessages::keyUnreadable(alert, subject, snapshot.error);
    else
        AlertMessages::keyFailing(alert, subject, snapshot.error, authError);
    raised.push_back(std::move(alert));
}

void evaluateBalance(const ApiKey &key, const Snapshot &snapshot, std::span<const BalancePoint> history,
                     const AlertSettings &settings, KeyAlertState &state, const AlertSubject &subject,
                     std::vector<Alert> &raised)
{
    const Amount remaining = *snapshot.remaining;
    // A change of unit (a relay switched currency) is a new series, not a top-up or a drop.
    std::optional<Amount> previous = state.lastUnit == snapshot.unit ? state.lastRemaining : std::nullopt;
    const bool toppedUp = previous && AlertRules::isTopUp(*previous, remaining);
    if (toppedUp) {
        Alert alert = alertFor(key, snapshot, AlertKind::TopUp);
        // isTopUp() already checked that the difference fits.
        AlertMessages::topUp(alert, subject, remaining.minus(*previous).value_or(Amount()));
        raised.push_back(std::move(alert));
        state.forecastArmed = true;
    }

    std::optional<Amount> threshold = AlertRules::effectiveThreshold(key, snapshot);
    // An account out of credit (HTTP 402) is low whatever the threshold, also for a key that has
    // none: the rule then stands at the smallest amount, so it fires once for the empty account
    // and re-arms, like any crossing, when the balance comes back.
    if (!threshold && (snapshot.outOfCredit() || !state.low.armed))
        threshold = AlertRules::kOutOfCreditThreshold;
    if (threshold) {
        if (LowBalanceRule::next(state.low, *threshold, remaining, previous)) {
            Alert alert = alertFor(key, snapshot, AlertKind::LowBalance);
            if (snapshot.outOfCredit())
                AlertMessages::outOfCredit(alert, subject, snapshot.error);
            else
                AlertMessages::lowBalance(alert, subject, *threshold);
            raised.push_back(std::move(alert));
        }
    }

    const qint64 nowMs = snapshot.checkedAt.toMSecsSinceEpoch();
    const BurnEstimate burn = BurnRate::estimate(history);
    if (burn.daysUntilEmpty && burn.observedMs >= AlertRules::kForecastMinObservedMs) {
        const double days = *burn.daysUntilEmpty;
        if (state.forecastArmed && remaining.micros() > 0 && days < settings.forecastDays) {
            state.forecastArmed = false;
            Alert alert = alertFor(key, snapshot, AlertKind::ForecastEmpty);
            alert.daysLeft = std::round(days * 10) / 10;
            const double perDayUnits = std::round(burn.microsPerHour * 24 / 1e4) / 100;
            AlertMessages::forecastEmpty(alert, subject, perDayUnits);
            raised.push_back(std::move(alert));
        } else if (days >= settings.forecastDays * 2) {
            state.forecastArmed = true; // the rate fell well back: a new acceleration is news
        }
    } else if (!burn.daysUntilEmpty && burn.observedMs >= AlertRules::kForecastMinObservedMs) {
        state.forecastArmed = true; // not spending at all any more
    }

    // The usual rate from the history before the last hour; an idle key's usual rate is taken
    // as 0.1 % of its balance per hour, so a leaked key that was quiet still stands out.
    const auto beforeHour = std::find_if(history.begin(), history.end(), [&](const BalancePoint &point) {
        return point.atMs > nowMs - kHourMs;
    });
    const std::span<const BalancePoint> baseline(history.begin(), beforeHour);
    const BurnEstimate usual = BurnRate::estimate(baseline);
    const qint64 lastHour = spentInLastHour(history, nowMs);
    const bool cooledDown = !state.lastSpikeAt.isValid() ||
                            state.lastSpikeAt.msecsTo(snapshot.checkedAt) >= AlertRules::kSpikeCooldownMs;
    if (usual.observedMs >= AlertRules::kSpikeBaselineMs && lastHour > 0 && cooledDown && !baseline.empty()) {
        const double floor = double(std::max<qint64>(baseline.back().remainingMicros, 0)) / 1000.0;
        const double expected = std::max(usual.microsPerHour, floor);
        const double factor = expected > 0 ? double(lastHour) / expected : 0;
        if (expected > 0 && factor >= settings.spikeFactor) {
            state.lastSpikeAt = snapshot.checkedAt;
            Alert alert = alertFor(key, snapshot, AlertKind::SpendSpike);
            AlertMessages::spendSpike(alert, subject, Amount::fromMicros(lastHour), factor);
            raised.push_back(std::move(alert));
        }
    }
}

} // namespace

std::optional<Amount> AlertRules::effectiveThreshold(const ApiKey &key, const Snapshot &snapshot)
{
    if (!key.threshold)
        return std::nullopt;
    if (!key.thresholdIsPercent)
        return key.threshold;
    if (!snapshot.limit || snapshot.limit->micros() <= 0)
        return std::nullopt;
    // percent × limit / 100 with both in micro-units: divide by 1e8, split so nothing overflows
    // (the percentage is at most 1e8 micro-units).
    constexpr qint64 kScale = 100'000'000;
    // Checked all the same: both come from the database, which need not hold what we wrote.
    const qint64 percent = key.threshold->micros();
    const qint64 limit = snapshot.limit->micros();
    const auto whole = Amount::multiplyMicros(limit / kScale, percent);
    const auto part = Amount::multiplyMicros(limit % kScale, percent);
    if (!whole || !part)
        return std::nullopt;
    const auto threshold = Amount::addMicros(*whole, *part / kScale);
    return threshold ? std::optional<Amount>(Amount::fromMicros(*threshold)) : std::nullopt;
}

bool AlertRules::isTopUp(Amount before, Amount after)
{
    const auto rise = Amount::subtractMicros(after.micros(), before.micros());
    if (!rise || *rise < 10'000)
        return false;
    const auto scaled = Amount::multiplyMicros(*rise, 50);
    // A rise so large that 50 times it overflows is certainly at least 2 % of the balance.
    return !scaled || *scaled >= std::max<qint64>(before.micros(), 0);
}

std::vector<Alert> AlertRules::evaluate(const ApiKey &key, const Snapshot &snapshot,
                                        std::span<const BalancePoint> history, const AlertSettings &settings,
                                        KeyAlertState &state, const QString &platformName)
{
    std::vector<Alert> raised;
    const AlertSubject subject{key.name, platformName.isEmpty() ? key.platform : platformName,
                               snapshot.checkedAt};
    if (snapshot.status != CheckStatus::Ok) {
        evaluateFailure(key, snapshot, settings, state, subject, raised);
        return raised;
    }
    if (state.failingAlerted) {
        Alert alert = alertFor(key, snapshot, AlertKind::Recovered);
        AlertMessages::recovered(alert, subject);
        raised.push_back(std::move(alert));
    }
    state.failingAlerted = false;
    state.failingSince = QDateTime();
    state.authErrorsInARow = 0;
    if (!snapshot.remaining)
        return raised;
    // A change of unit (a relay switched currency) starts a new series: the rates and spikes
    // read only the history since, and the old number is no "previous" to compare with.
    if (!state.lastUnit.isEmpty() && state.lastUnit != snapshot.unit)
        state.seriesSince = snapshot.checkedAt;
    if (state.seriesSince.isValid()) {
        const qint64 sinceMs = state.seriesSince.toMSecsSinceEpoch();
        const auto first = std::find_if(history.begin(), history.end(), [sinceMs](const BalancePoint &point) {
            return point.atMs >= sinceMs;
        });
        history = history.subspan(std::size_t(first - history.begin()));
    }
    evaluateBalance(key, snapshot, history, settings, state, subject, raised);
    state.lastRemaining = snapshot.remaining;
    state.lastUnit = snapshot.unit;
    return raised;
}

} // namespace qw
