// A key as the user typed it (command line, CSV row, editor form, REST body), before it is
// checked. KeyValidator turns it into an ApiKey or says which field is wrong, so every entry
// point accepts and refuses exactly the same things.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace qw {

struct KeyDraft
{
    QString name;
    QString platform;
    QString baseUrl;     // empty: the platform's default
    QString threshold;   // decimal in the key's unit, or "20%" of the limit; empty: none
    QString interval;    // "90s", "30m", "1h", or plain seconds; empty: the default
    QStringList options; // "k=v" each
    QStringList tags;    // free labels; may also be comma-separated
    // --allow-insecure, the editor's checkbox, REST "allow_insecure": when set, it decides over an
    // "allow_insecure=..." among the options.
    std::optional<bool> allowInsecure;
};

} // namespace qw
