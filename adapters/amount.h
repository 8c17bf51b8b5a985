// An exact amount of money or quota in micro-units (1e-6 of the unit). Providers send decimals
// as strings or JSON numbers; both are converted here once, and nothing downstream touches
// binary floating point except for display and JSON output.
#pragma once

#include <QString>
#include <QStringView>
#include <compare>
#include <optional>

namespace qw {

class Amount final
{
public:
    constexpr Amount() = default;
    static constexpr Amount fromMicros(qint64 micros) { return Amount(micros); }
    // Parses "12", "-3.5", "0.000001", "+7.25", "1e3", "1.5E-2". More than six fraction digits
    // are rounded half away from zero. nullopt for anything else, or beyond ±9.2e12 units.
    static std::optional<Amount> parse(QStringView text);
    // From a JSON number; nullopt for NaN, infinities and out-of-range values.
    static std::optional<Amount> fromDouble(double value);

    [[nodiscard]] constexpr qint64 micros() const { return m_micros; }
    [[nodiscard]] double toDouble() const { return double(m_micros) / 1e6; }
    // Shortest exact decimal: "12", "-3.5", "0.000001".
    [[nodiscard]] QString toString() const;

    friend constexpr auto operator<=>(Amount, Amount) = default;
    friend constexpr Amount operator+(Amount a, Amount b) { return Amount(a.m_micros + b.m_micros); }
    friend constexpr Amount operator-(Amount a, Amount b) { return Amount(a.m_micros - b.m_micros); }

private:
    constexpr explicit Amount(qint64 micros)
        : m_micros(micros)
    {}
    qint64 m_micros = 0;
};

} // namespace qw
