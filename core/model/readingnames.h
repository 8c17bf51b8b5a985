// The words for a reading's parts that people read: the label of a detail (a plan's windows,
// gift and paid pots) and the name of a unit, in the user's language, for the CLI, the REST
// API and the desktop alike (the CLI and REST have no widgets, so this lives in core).
#pragma once

#include "adapters/balancereading.h"

#include <QCoreApplication>
#include <QString>
#include <functional>

namespace qw {

class ReadingNames final
{
    Q_DECLARE_TR_FUNCTIONS(ReadingNames)

public:
    // "5-hour window", "Weekly window", "Gift balance", "Team budget", … in the installed
    // translation's language; window_<N>h, window_<N>min and window_<N>s for any N; a name nobody
    // knows yet shown as it is.
    [[nodiscard]] static QString detailLabel(const QString &name);
    // The same label in English whatever the language: the JSON's "label", which scripts may
    // match on, must not change with the machine's locale.
    [[nodiscard]] static QString englishDetailLabel(const QString &name);

    // Counted units (tokens, characters, credits, points, requests) in the user's language,
    // "%" for percent, currency codes and unknown units as they are.
    [[nodiscard]] static QString unitName(const QString &unit);
    // A written number with its unit: "61 requests", "12.5 CNY", "42%", the number alone without a unit.
    [[nodiscard]] static QString withUnit(const QString &number, const QString &unit);
    // withUnit() of every stored digit.
    [[nodiscard]] static QString exactAmount(const Amount &value, const QString &unit);

    // How one amount with its unit is written; the desktop passes its rounded, localised form.
    using AmountFormat = std::function<QString(const Amount &, const QString &unit)>;
    // The figures of a detail in one phrase: "61 of 200 requests left", "139 requests used",
    // "12.5 CNY left", plus ", resets 2026-12-07 04:00 UTC" when the provider says. `format`
    // defaults to exactAmount().
    [[nodiscard]] static QString detailFigures(const ReadingDetail &detail, const AmountFormat &format = {});
    // A table cell's worth: "5-hour window 61/200 requests", "This month's spend 12.5 USD used",
    // "Gift balance 3.5 CNY"; the label alone without figures.
    [[nodiscard]] static QString detailShort(const ReadingDetail &detail, const AmountFormat &format = {});
    // "5-hour window: " + detailFigures(): one line of the CLI's check output.
    [[nodiscard]] static QString detailLine(const ReadingDetail &detail, const AmountFormat &format = {});
};

} // namespace qw
