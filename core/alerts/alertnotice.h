// An alert as it goes out to a channel: the stored alert plus what a reader needs to know which
// key it is about. toJson() is the documented webhook payload.
#pragma once

#include "core/model/alert.h"

#include <QJsonObject>

namespace qw {

struct AlertNotice
{
    Alert alert;
    QString keyName;
    QString platform;

    // {"event", "key": {"id", "name", "platform"} (null for "test"), "remaining", "unit", "threshold",
    // "days_left",
    //  "message", "time"}: numbers as JSON numbers, absent values as null, time in ISO 8601 UTC.
    // "threshold" is in the key's unit, or a percentage when "threshold_unit" says "percent".
    [[nodiscard]] QJsonObject toJson() const;
    // The body a person reads (e-mail, chat): the title, then the message.
    [[nodiscard]] QString plainText() const;
    // An e-mail's subject: the title, tagged "[QuotaWatch]" so that a mailbox shows and filters
    // where it comes from.
    [[nodiscard]] QString emailSubject() const;
};

} // namespace qw
