#include "ui/format/displayformat.h"

#include "core/model/readingnames.h"

#include <QLocale>
#include <QTextDocument>
#include <cstdlib>

namespace qw::ui {

namespace {

constexpr qint64 kMicrosPerCent = 10'000;

// `micros` rounded half away from zero to whole cents (1e-2 of the unit), exactly, in integers.
qint64 roundedCents(qint64 micros)
{
    const qint64 cents = micros / kMicrosPerCent;
    const qint64 rest = micros % kMicrosPerCent;
    if (std::llabs(rest) * 2 >= kMicrosPerCent)
        return cents + (micros < 0 ? -1 : 1);
    return cents;
}

// At most two decimals; trailing zeros dropped for counted things, kept for money.
QString number(const Amount &value, bool money)
{
    const qint64 cents = roundedCents(value.micros());
    int decimals = 2;
    if (!money)
        decimals = cents % 100 == 0 ? 0 : (cents % 10 == 0 ? 1 : 2);
    // Exact in a double: |cents| stays below 2^53 for every Amount.
    return QLocale().toString(double(cents) / 100.0, 'f', decimals);
}

} // namespace

bool DisplayFormat::isMoney(const QString &unit)
{
    if (unit.size() != 3)
        return false;
    for (QChar c : unit) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

QString DisplayFormat::unitName(const QString &unit)
{
    // One table for the desktop, the CLI and the REST API.
    return ReadingNames::unitName(unit);
}

QString DisplayFormat::amount(const Amount &value, const QString &unit)
{
    return ReadingNames::withUnit(number(value, isMoney(unit)), unit);
}

QString DisplayFormat::amount(double value, const QString &unit)
{
    if (const auto exact = Amount::fromDouble(value))
        return amount(*exact, unit);
    return ReadingNames::withUnit(QLocale().toString(value, 'g', 6), unit); // beyond what Amount holds
}

QString DisplayFormat::exactAmount(const Amount &value, const QString &unit)
{
    return ReadingNames::exactAmount(value, unit);
}

QString DisplayFormat::exactWhenRounded(const Amount &value, const QString &unit)
{
    if (value.micros() % kMicrosPerCent == 0)
        return {};
    return exactAmount(value, unit);
}

QString DisplayFormat::checkStatus(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Ok:
        return tr("OK");
    case CheckStatus::AuthError:
        return tr("Key refused");
    case CheckStatus::RateLimited:
        return tr("Rate limited");
    case CheckStatus::NetworkError:
        return tr("Network error");
    case CheckStatus::ProviderError:
        return tr("Provider error");
    case CheckStatus::ParseError:
        return tr("Unreadable answer");
    case CheckStatus::Unsupported:
        return tr("Not supported");
    case CheckStatus::IntegrityError:
        return tr("Destination changed");
    }
    return {};
}

QString DisplayFormat::literal(const QString &plain)
{
    if (!Qt::mightBeRichText(plain))
        return plain;
    return Qt::convertFromPlainText(plain, Qt::WhiteSpaceNormal);
}

} // namespace qw::ui
