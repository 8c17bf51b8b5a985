#include "adapters/amount.h"

#include <QRegularExpression>
#include <cmath>
#include <limits>

namespace qw {

namespace {

constexpr int kFractionDigits = 6;

// value = value * 10 + digit, refusing to pass kMaxMicros.
bool appendDigit(qint64 &value, int digit)
{
    if (value > (Amount::kMaxMicros - digit) / 10)
        return false;
    value = value * 10 + digit;
    return true;
}

} // namespace

std::optional<Amount> Amount::parse(QStringView text)
{
    const auto parsed = parseChecked(text);
    return parsed ? std::optional<Amount>(*parsed) : std::nullopt;
}

tl::expected<Amount, Amount::Invalid> Amount::parseChecked(QStringView text)
{
    const auto notANumber = tl::unexpected(Invalid::NotANumber);
    const auto outOfRange = tl::unexpected(Invalid::OutOfRange);
    text = text.trimmed();
    qsizetype i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == u'-' || text[i] == u'+')) {
        negative = text[i] == u'-';
        ++i;
    }

    // Collect the significant digits and where the decimal point sits among them.
    QString digits;
    int pointPosition = -1;
    for (; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isDigit() && c.unicode() < 128) {
            digits.append(c);
        } else if (c == u'.' && pointPosition < 0) {
            pointPosition = int(digits.size());
        } else {
            break;
        }
    }
    if (digits.isEmpty())
        return notANumber;
    if (pointPosition < 0)
        pointPosition = int(digits.size());

    int exponent = 0;
    bool hugeExponent = false;
    if (i < text.size() && (text[i] == u'e' || text[i] == u'E')) {
        ++i;
        bool expNegative = false;
        if (i < text.size() && (text[i] == u'-' || text[i] == u'+')) {
            expNegative = text[i] == u'-';
            ++i;
        }
        const qsizetype expStart = i;
        while (i < text.size() && text[i] == u'0')
            ++i; // leading zeros do not count towards the exponent's length
        const qsizetype significantStart = i;
        while (i < text.size() && text[i].isDigit() && text[i].unicode() < 128 && i - significantStart < 4) {
            exponent = exponent * 10 + text[i].digitValue();
            ++i;
        }
        if (i == expStart)
            return notANumber;
        // An exponent with more digits than that makes the value 0 or far out of range.
        while (i < text.size() && text[i].isDigit() && text[i].unicode() < 128) {
            hugeExponent = true;
            ++i;
        }
        if (expNegative)
            exponent = -exponent;
    }
    if (i != text.size())
        return notANumber;
    if (hugeExponent) {
        const bool zero = !digits.contains(QRegularExpression(QStringLiteral("[1-9]")));
        return exponent < 0 || zero ? tl::expected<Amount, Invalid>(Amount()) : outOfRange;
    }

    // value = digits * 10^(exponent - (digits.size() - pointPosition)); scale to micro-units.
    const int shift = exponent - int(digits.size() - pointPosition) + kFractionDigits;
    qint64 micros = 0;
    if (shift >= 0) {
        for (const QChar c : std::as_const(digits)) {
            if (!appendDigit(micros, c.digitValue()))
                return outOfRange;
        }
        for (int s = 0; s < shift; ++s) {
            if (!appendDigit(micros, 0))
                return outOfRange;
        }
    } else {
        // Drop the digits below a micro-unit, rounding half away from zero.
        const qsizetype keep = digits.size() + shift;
        for (qsizetype d = 0; d < keep; ++d) {
            if (!appendDigit(micros, digits[d].digitValue()))
                return outOfRange;
        }
        const bool roundUp = keep >= 0 && keep < digits.size() && digits[keep].digitValue() >= 5;
        if (roundUp && micros++ >= kMaxMicros)
            return outOfRange;
    }
    return Amount(negative ? -micros : micros);
}

std::optional<Amount> Amount::fromDouble(double value)
{
    const auto converted = fromDoubleChecked(value);
    return converted ? std::optional<Amount>(*converted) : std::nullopt;
}

tl::expected<Amount, Amount::Invalid> Amount::fromDoubleChecked(double value)
{
    if (!std::isfinite(value))
        return tl::unexpected(Invalid::NotANumber);
    // Compared before scaling so that the conversion to qint64 below is always defined.
    if (std::fabs(value) > double(kMaxUnits))
        return tl::unexpected(Invalid::OutOfRange);
    return Amount(qint64(std::round(value * 1e6)));
}

std::optional<Amount> Amount::plus(Amount other) const
{
    const auto sum = addMicros(m_micros, other.m_micros);
    return sum ? std::optional<Amount>(Amount(*sum)) : std::nullopt;
}

std::optional<Amount> Amount::minus(Amount other) const
{
    const auto difference = subtractMicros(m_micros, other.m_micros);
    return difference ? std::optional<Amount>(Amount(*difference)) : std::nullopt;
}

std::optional<Amount> Amount::times(qint64 factor) const
{
    const auto product = multiplyMicros(m_micros, factor);
    return product ? std::optional<Amount>(Amount(*product)) : std::nullopt;
}

std::optional<Amount> Amount::negated() const
{
    return Amount().minus(*this);
}

std::optional<qint64> Amount::addMicros(qint64 a, qint64 b)
{
    qint64 result = 0;
    if (__builtin_add_overflow(a, b, &result))
        return std::nullopt;
    return result;
}

std::optional<qint64> Amount::subtractMicros(qint64 a, qint64 b)
{
    qint64 result = 0;
    if (__builtin_sub_overflow(a, b, &result))
        return std::nullopt;
    return result;
}

std::optional<qint64> Amount::multiplyMicros(qint64 a, qint64 b)
{
    qint64 result = 0;
    if (__builtin_mul_overflow(a, b, &result))
        return std::nullopt;
    return result;
}

qint64 Amount::saturatingAdd(qint64 a, qint64 b)
{
    if (const auto sum = addMicros(a, b))
        return *sum;
    return b > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
}

QString Amount::toString() const
{
    const bool negative = m_micros < 0;
    // Work in unsigned so that the most negative value cannot overflow on negation.
    const quint64 magnitude = negative ? quint64(0) - quint64(m_micros) : quint64(m_micros);
    QString text = QString::number(magnitude / 1'000'000);
    quint64 fraction = magnitude % 1'000'000;
    if (fraction != 0) {
        QString fractionText = QString::number(fraction).rightJustified(kFractionDigits, u'0');
        while (fractionText.endsWith(u'0'))
            fractionText.chop(1);
        text += u'.' + fractionText;
    }
    return negative ? u'-' + text : text;
}

} // namespace qw
