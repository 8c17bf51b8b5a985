#include "adapters/providertext.h"

namespace qw {

namespace {

bool isLineSpace(char16_t c)
{
    return c == u'\t' || c == u'\n' || c == u'\v' || c == u'\f' || c == u'\r' || c == 0x85;
}

bool isDropped(char16_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

} // namespace

QString ProviderText::stripped(const QString &text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        const char16_t code = c.unicode();
        if (isLineSpace(code))
            result.append(u' ');
        else if (!isDropped(code))
            result.append(c);
    }
    return result;
}

QString ProviderText::clean(const QString &text, qsizetype maxLength)
{
    QString result = stripped(text);
    if (result.size() <= maxLength || maxLength < 1)
        return result;
    result.truncate(maxLength - 1);
    if (!result.isEmpty() && result.back().isHighSurrogate())
        result.chop(1);
    result.append(QChar(0x2026));
    return result;
}

void ProviderText::clean(CheckOutcome &outcome)
{
    if (!outcome) {
        outcome.error().message = clean(outcome.error().message, kMaxMessageLength);
        return;
    }
    outcome->unit = clean(outcome->unit, kMaxUnitLength);
    for (Balance &balance : outcome->balances)
        balance.unit = clean(balance.unit, kMaxUnitLength);
}

} // namespace qw
