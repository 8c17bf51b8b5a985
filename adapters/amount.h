// An exact amount of money or quota in micro-units (1e-6 of the unit). Providers send decimals
// as strings or JSON numbers; both are converted here once, and nothing downstream touches
// binary floating point except for display and JSON output.
#pragma once

#include <QString>
#include <QStringView>
#include <compare>
#include <optional>
#include <tl/expected.hpp>

namespace qw {

class Amount final
{
public:
    // Why text or a number is not an amount.
    enum class Invalid
    {
        NotANumber,
        OutOfRange, // a number, but beyond ±kMaxUnits
    };

    // The largest magnitude a provider may report, in units. ±10^12 rather than more: the
    // micro-units live in a qint64 (at most ≈9.2×10^12 units), and this bound leaves room for
    // the sum or difference of any two parsed amounts to fit without overflow.
    static constexpr qint64 kMaxUnits = 1'000'000'000'000LL;
    static constexpr qint64 kMaxMicros = kMaxUnits * 1'000'000;

    constexpr Amount() = default;
    static constexpr Amount fromMicros(qint64 micros) { return Amount(micros); }
    // Parses "12", "-3.5", "0.000001", "+7.25", "1e3", "1.5E-2". More than six fraction digits
    // are rounded half away from zero. Anything else is NotANumber; beyond ±kMaxUnits OutOfRange.
    static tl::expected<Amount, Invalid> parseChecked(QStringView text);
    // parseChecked() without saying why.
    static std::optional<Amount> parse(QStringView text);
    // From a JSON number; NaN and infinities are NotANumber, beyond ±kMaxUnits OutOfRange.
    static tl::expected<Amount, Invalid> fromDoubleChecked(double value);
    static std::optional<Amount> fromDouble(double value);

    // Overflow-checked arithmetic: nullopt when the exact result does not fit in a qint64 of
    // micro-units. There are deliberately no + and - operators, so no sum can wrap silently.
    [[nodiscard]] std::optional<Amount> plus(Amount other) const;
    [[nodiscard]] std::optional<Amount> minus(Amount other) const;
    [[nodiscard]] std::optional<Amount> times(qint64 factor) const;
    [[nodiscard]] std::optional<Amount> negated() const;
    // The same on raw micro-unit counts (history points, sums in analytics).
    [[nodiscard]] static std::optional<qint64> addMicros(qint64 a, qint64 b);
    [[nodiscard]] static std::optional<qint64> subtractMicros(qint64 a, qint64 b);
    [[nodiscard]] static std::optional<qint64> multiplyMicros(qint64 a, qint64 b);
    // a + b, held at the qint64 limits instead of wrapping (running totals for display).
    [[nodiscard]] static qint64 saturatingAdd(qint64 a, qint64 b);

    [[nodiscard]] constexpr qint64 micros() const { return m_micros; }
    [[nodiscard]] double toDouble() const { return double(m_micros) / 1e6; }
    // Shortest exact decimal: "12", "-3.5", "0.000001".
    [[nodiscard]] QString toString() const;

    friend constexpr auto operator<=>(Amount, Amount) = default;

private:
    constexpr explicit Amount(qint64 micros)
        : m_micros(micros)
    {}
    qint64 m_micros = 0;
};

} // namespace qw
