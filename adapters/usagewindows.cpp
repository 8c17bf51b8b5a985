#include "adapters/usagewindows.h"

#include "adapters/replyparsing.h"

#include <algorithm>

namespace qw::windows {

namespace {

constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 24 * kHour;
const Amount kHundredPercent = Amount::fromMicros(100'000'000);

// The share a window has left as a fraction of micro-units, or nullopt when it has none to compare.
struct Share
{
    qint64 left;
    qint64 of;
};

std::optional<Share> shareOf(const ReadingDetail &window)
{
    if (!window.limit || window.limit->micros() <= 0 || !window.remaining)
        return std::nullopt;
    const qint64 of = window.limit->micros();
    return Share{std::clamp<qint64>(window.remaining->micros(), 0, of), of};
}

// -1, 0 or 1 as a/b is below, equal to or above c/d, for 0 <= a <= b, 0 <= c <= d, b and d above
// zero. Exact without multiplying (which could overflow at micro-unit scale): compare the whole
// parts, then the inverted remainders, as in a continued fraction; it ends like Euclid's algorithm.
int compareFractions(qint64 a, qint64 b, qint64 c, qint64 d)
{
    int sign = 1;
    for (;;) {
        const qint64 wholeAB = a / b;
        const qint64 wholeCD = c / d;
        if (wholeAB != wholeCD)
            return wholeAB < wholeCD ? -sign : sign;
        a %= b;
        c %= d;
        if (a == 0 || c == 0) {
            if (a == c)
                return 0;
            return a == 0 ? -sign : sign;
        }
        // a/b < c/d exactly when b/a > d/c.
        const qint64 nextA = b;
        const qint64 nextC = d;
        b = a;
        d = c;
        a = nextA;
        c = nextC;
        sign = -sign;
    }
}

} // namespace

QString nameForDuration(qint64 seconds)
{
    if (seconds <= 0)
        return {};
    if (seconds == kDay)
        return QStringLiteral("window_daily");
    if (seconds == 7 * kDay)
        return QStringLiteral("window_weekly");
    if (seconds % kHour == 0)
        return QStringLiteral("window_%1h").arg(seconds / kHour);
    if (seconds % 60 == 0)
        return QStringLiteral("window_%1min").arg(seconds / 60);
    return QStringLiteral("window_%1s").arg(seconds);
}

ReadingDetail percentWindow(const QString &name, Amount usedPercent, const QDateTime &resetsAt)
{
    const Amount used = std::clamp(usedPercent, Amount(), kHundredPercent);
    ReadingDetail window;
    window.name = name;
    window.used = used;
    // Both within 0..100, so the difference cannot overflow.
    window.remaining = Amount::fromMicros(kHundredPercent.micros() - used.micros());
    window.limit = kHundredPercent;
    window.unit = QStringLiteral("percent");
    window.resetsAt = resetsAt;
    return window;
}

tl::expected<ReadingDetail, CheckError> countedWindow(const QString &name, const QString &unit, Amount limit,
                                                      std::optional<Amount> used,
                                                      std::optional<Amount> remaining,
                                                      const QDateTime &resetsAt, QStringView where)
{
    if (!used && !remaining)
        return tl::unexpected(reply::parseError(
            QStringLiteral("neither what is used nor what is left is given in “%1”").arg(where)));
    if (!remaining) {
        auto left = reply::difference(limit, *used);
        if (!left)
            return tl::unexpected(left.error());
        remaining = std::max(*left, Amount());
    } else if (!used) {
        auto spent = reply::difference(limit, *remaining);
        if (!spent)
            return tl::unexpected(spent.error());
        used = std::max(*spent, Amount());
    }
    ReadingDetail window;
    window.name = name;
    window.remaining = std::max(*remaining, Amount());
    window.used = used;
    window.limit = limit;
    window.unit = unit;
    window.resetsAt = resetsAt;
    return window;
}

bool isTighter(const ReadingDetail &a, const ReadingDetail &b)
{
    const std::optional<Share> shareA = shareOf(a);
    const std::optional<Share> shareB = shareOf(b);
    if (!shareA)
        return false;
    if (!shareB)
        return true;
    const int order = compareFractions(shareA->left, shareA->of, shareB->left, shareB->of);
    if (order != 0)
        return order < 0;
    // A known reset is later than an unknown one: an idle window says none.
    return a.resetsAt.isValid() && (!b.resetsAt.isValid() || a.resetsAt > b.resetsAt);
}

CheckOutcome quotaReading(std::vector<ReadingDetail> windows, const QString &expected,
                          const std::function<bool(const ReadingDetail &)> &mayLead)
{
    const ReadingDetail *headline = nullptr;
    for (const ReadingDetail &window : windows) {
        if (!shareOf(window) || (mayLead && !mayLead(window)))
            continue;
        if (!headline || isTighter(window, *headline))
            headline = &window;
    }
    if (!headline)
        return tl::unexpected(reply::parseError(expected));
    BalanceReading reading;
    reading.kind = ReadingKind::Quota;
    reading.remaining = headline->remaining;
    reading.used = headline->used;
    reading.limit = headline->limit;
    reading.unit = headline->unit;
    reading.resetsAt = headline->resetsAt;
    reading.balances = {{*headline->remaining, headline->unit}};
    reading.details = std::move(windows);
    return reading;
}

} // namespace qw::windows
