// Hands a composed message to the user's SMTP server with libcurl (STARTTLS, implicit TLS or
// plain, optional AUTH, timeouts, cancelling), turning every failure into one sentence the user
// can act on.
#pragma once

#include "core/alerts/email/smtpsettings.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <atomic>

namespace qw {

class SmtpTransport final
{
public:
    // Sends `payload`, the whole RFC 5322 message (EmailComposer), from settings.from to
    // settings.to. Blocking: call it from a worker thread, never the GUI thread. Safe to call
    // from several threads at once (one curl easy handle per call). `password` is used only when
    // settings.user is not empty. Invalid settings fail with ErrorCode::InvalidInput before any
    // network traffic; delivery failures with ErrorCode::Io. The error message never contains
    // the password. When `cancel` becomes true (from another thread) the transfer stops within
    // about a second and fails with ErrorCode::Io.
    [[nodiscard]] static Result<void> send(const SmtpSettings &settings, QByteArrayView password,
                                           const QByteArray &payload,
                                           const std::atomic_bool *cancel = nullptr);

    // The checks send() makes before it connects (host, port, addresses, CA file, timeout), for
    // a settings dialog or command that wants to refuse bad settings before they are stored.
    [[nodiscard]] static Result<void> validate(const SmtpSettings &settings);
};

} // namespace qw
