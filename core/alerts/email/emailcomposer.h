// Builds the RFC 5322 / MIME text of an alert e-mail (headers, encoded subject and names, the
// body in base64), independent of how it is sent.
#pragma once

#include "core/alerts/email/smtpsettings.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace qw {

struct EmailMessage
{
    QString subject;
    QString body;
    QDateTime date; // invalid: now
};

class EmailComposer final
{
public:
    // The RFC 5322 message as sent: CRLF line ends; Date, From, To (all recipients), Subject
    // (RFC 2047 encoded when not plain ASCII), Message-ID, MIME-Version, a text/plain UTF-8 body
    // in base64. Line breaks and control characters in header values become spaces, so no
    // value can start a header of its own.
    // Only the addresses of `settings` are used; they are not validated here (SmtpTransport
    // does that), only kept on their lines.
    [[nodiscard]] static QByteArray compose(const SmtpSettings &settings, const EmailMessage &message);
};

} // namespace qw
