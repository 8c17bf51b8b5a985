// Sends an alert e-mail: EmailComposer builds the message, SmtpTransport delivers it through the
// user's SMTP server. Kept as the one entry point the alert channels and dialogs call.
#pragma once

#include "core/alerts/email/emailcomposer.h"
#include "core/alerts/email/smtpsettings.h"
#include "core/alerts/email/smtptransport.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <atomic>

namespace qw {

class EmailSender final
{
public:
    // Composes `message` and sends it; see SmtpTransport::send for threads, errors and `cancel`.
    // The error message never contains the password.
    [[nodiscard]] static Result<void> send(const SmtpSettings &settings, QByteArrayView password,
                                           const EmailMessage &message,
                                           const std::atomic_bool *cancel = nullptr);

    // SmtpTransport::validate: the checks send() makes before it connects.
    [[nodiscard]] static Result<void> validate(const SmtpSettings &settings);

    // EmailComposer::compose: the RFC 5322 message as sent.
    [[nodiscard]] static QByteArray compose(const SmtpSettings &settings, const EmailMessage &message);
};

} // namespace qw
