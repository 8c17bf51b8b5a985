// Sends an alert e-mail through the user's SMTP server with libcurl (STARTTLS, implicit TLS or
// plain, optional AUTH), turning every failure into one sentence the user can act on.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <atomic>
#include <optional>

namespace qw {

enum class SmtpSecurity
{
    None,     // plain SMTP; only for servers on a trusted network
    StartTls, // plain connect, then STARTTLS before anything else; refuses to send if not offered
    Tls,      // implicit TLS from the first byte (smtps://, usually port 465)
};

// "none", "starttls", "tls"
[[nodiscard]] QString toString(SmtpSecurity security);
[[nodiscard]] std::optional<SmtpSecurity> smtpSecurityFromString(QStringView text);

struct SmtpSettings
{
    QString host;
    int port = 587;
    SmtpSecurity security = SmtpSecurity::StartTls;
    QString user;      // empty: no AUTH
    QString from;      // address, e.g. alerts@example.com (may be "Name <addr>")
    QStringList to;    // one or more addresses (each may be "Name <addr>")
    QString caFile;    // optional PEM file of trusted CAs (self-signed servers, tests)
    int timeoutS = 30; // whole transfer
};

struct EmailMessage
{
    QString subject;
    QString body;
    QDateTime date; // invalid: now
};

class EmailSender final
{
public:
    // Blocking: call it from a worker thread, never the GUI thread. Safe to call from several
    // threads at once (one curl easy handle per call). `password` is used only when
    // settings.user is not empty. Invalid settings fail with ErrorCode::InvalidInput before any
    // network traffic; delivery failures with ErrorCode::Io. The error message never contains
    // the password. When `cancel` becomes true (from another thread) the transfer stops within
    // about a second and fails with ErrorCode::Io.
    [[nodiscard]] static Result<void> send(const SmtpSettings &settings, QByteArrayView password,
                                           const EmailMessage &message,
                                           const std::atomic_bool *cancel = nullptr);

    // The checks send() makes before it connects (host, port, addresses, CA file, timeout), for
    // a settings dialog or command that wants to refuse bad settings before they are stored.
    [[nodiscard]] static Result<void> validate(const SmtpSettings &settings);

    // The RFC 5322 message as sent: CRLF line ends; Date, From, To (all recipients), Subject
    // (RFC 2047 encoded when not plain ASCII), Message-ID, MIME-Version, a text/plain UTF-8 body
    // in base64. Line breaks and control characters in header values become spaces, so no
    // value can start a header of its own.
    [[nodiscard]] static QByteArray compose(const SmtpSettings &settings, const EmailMessage &message);
};

} // namespace qw
