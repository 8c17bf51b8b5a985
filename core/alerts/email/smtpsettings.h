// Where and how alert e-mail is sent: the SMTP server, its security, the login name and the
// addresses (the password is kept apart, as a secret).
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>
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

} // namespace qw
