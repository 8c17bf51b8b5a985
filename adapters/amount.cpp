#include "adapters/amount.h"

#include <cmath>

namespace qw {

namespace {

constexpr int kFractionDigits = 6;
// Nine million million units: far beyond any balance, well inside qint64 micro-units.
constexpr qint64 kMaxMicros = 9'200'000'000'000LL * 1'000'000;

// value = value * 10 + digit, refusing to pass kMaxMicros.
bool appendDigit(qint64 &value, int digit)
{
    if (value > (kMaxMicros - digit) / 10)
        return false;
    value = value * 10 + digit;
    return true;
}

} // namespace

std::optional<Amount> Amount::parse(QStringView text)
{
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
        return std::nullopt;
    if (pointPosition < 0)
        pointPosition = int(digits.size());

    int exponent = 0;
    if (i < text.size() && (text[i] == u'e' || text[i] == u'E')) {
        ++i;
        bool expNegative = false;
        if (i < text.size() && (text[i] == u'-' || text[i] == u'+')) {
            expNegative = text[i] == u'-';
            ++i;
        }
        const qsizetype expStart = i;
        while (i < text.size() && text[i].isDigit() && text[i].unicode() < 128 && i - expStart < 4) {
            exponent = exponent * 10 + text[i].digitValue();
            ++i;
        }
        if (i == expStart)
            return std::nullopt;
        if (expNegative)
            exponent = -exponent;
    }
    if (i != text.size())
        return std::nullopt;

    // value = digits * 10^(exponent - (digits.size() - pointPosition)); scale to micro-units.
    const int shift = exponent - int(digits.size() - pointPosition) + kFractionDigits;
    qint64 micros = 0;
    if (shift >= 0) {
        for (const QChar c : std::as_const(digits)) {
            if (!appendDigit(micros, c.digitValue()))
                return std::nullopt;
        }
        for (int s = 0; s < shift; ++s) {
            if (!appendDigit(micros, 0))
                return std::nullopt;
        }
    } else {
        // Drop the digits below a micro-unit, rounding half away from zero.
        const qsizetype keep = digits.size() + shift;
        for (qsizetype d = 0; d < keep; ++d) {
            if (!appendDigit(micros, digits[d].digitValue()))
                return std::nullopt;
        }
        const bool roundUp = keep >= 0 && keep < digits.size() && digits[keep].digitValue() >= 5;
        if (roundUp && micros++ >= kMaxMicros)
            return std::nullopt;
    }
    return Amount(negative ? -micros : micros);
}

std::optional<Amount> Amount::fromDouble(double value)
{
    if (!std::isfinite(value))
        return std::nullopt;
    const double micros = std::round(value * 1e6);
    if (std::fabs(micros) > double(kMaxMicros))
        return std::nullopt;
    return Amount(qint64(micros));
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
