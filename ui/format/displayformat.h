// How amounts, units and check statuses read on screen, in one place so the key table, the
// summary header, the history window and the tray use the same words and the same rounding.
#pragma once

#include "adapters/amount.h"
#include "adapters/balancereading.h"

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace qw::ui {

class DisplayFormat final
{
    Q_DECLARE_TR_FUNCTIONS(DisplayFormat)

public:
    // An ISO 4217 code such as "CNY" or "USD": three capital letters. Every counted unit of the
    // data model (tokens, characters, percent, credits, points, requests) is lower case.
    [[nodiscard]] static bool isMoney(const QString &unit);
    // Currency codes as they are, counted things in the user's language; "%" for percent.
    [[nodiscard]] static QString unitName(const QString &unit);

    // For tables and headers, in the user's locale: money to the cent ("49.59 CNY", rounded half
    // away from zero), counted things with at most two decimals and none when whole ("1,200
    // tokens", "12.5 credits"), percent as "42%". An empty unit gives the number alone.
    [[nodiscard]] static QString amount(const Amount &value, const QString &unit);
    // The same for a sum already in floating point (the header's totals).
    [[nodiscard]] static QString amount(double value, const QString &unit);
    // Every stored digit ("49.58894 CNY"): for tooltips beside a rounded figure, and the
    // history's check table.
    [[nodiscard]] static QString exactAmount(const Amount &value, const QString &unit);
    // The exact figure, when rounding hid digits of it; empty when amount() already shows it all.
    [[nodiscard]] static QString exactWhenRounded(const Amount &value, const QString &unit);

    // "OK", "Key refused", "Rate limited", … (translated).
    [[nodiscard]] static QString checkStatus(CheckStatus status);

    // Plain text (a provider's error, a key's name, a unit) made safe for a tooltip, a message box
    // or a tray message: Qt renders those as HTML when the text looks like markup, so such text is
    // escaped into a paragraph that shows it literally; other text is returned unchanged
    // (escaping it would show the entities).
    [[nodiscard]] static QString literal(const QString &plain);
};

} // namespace qw::ui
