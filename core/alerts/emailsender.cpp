#include "core/alerts/emailsender.h"

namespace qw {

Result<void> EmailSender::send(const SmtpSettings &settings, QByteArrayView password,
                               const EmailMessage &message, const std::atomic_bool *cancel)
{
    return SmtpTransport::send(settings, password, EmailComposer::compose(settings, message), cancel);
}

Result<void> EmailSender::validate(const SmtpSettings &settings)
{
    return SmtpTransport::validate(settings);
}

QByteArray EmailSender::compose(const SmtpSettings &settings, const EmailMessage &message)
{
    return EmailComposer::compose(settings, message);
}

} // namespace qw
