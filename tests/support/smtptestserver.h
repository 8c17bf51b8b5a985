// A real SMTP server for tests: tests/fixtures/smtp_sink.py (aiosmtpd) as a child process on
// 127.0.0.1, in plain, STARTTLS or implicit-TLS mode with optional AUTH, presenting a
// self-signed certificate made at test time. The sink decodes every message it accepts with
// Python's email package, so tests check our MIME with a parser that is not ours.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <optional>
#include <vector>

namespace qw::test {

// One message the server accepted.
struct SmtpMessage
{
    QByteArray raw;   // the bytes as received
    QJsonObject meta; // mail_from, rcpt_tos, tls, auth_login, decoded (see smtp_sink.py)

    [[nodiscard]] QJsonObject decoded() const;
    // The envelope recipients (RCPT TO), bare addresses.
    [[nodiscard]] QStringList recipients() const;
    // Decoded by Python: the subject without RFC 2047 words, the body with CRLF line ends.
    [[nodiscard]] QString subject() const;
    [[nodiscard]] QString body() const;
};

class SmtpTestServer final
{
public:
    enum class Mode
    {
        Plain,    // no TLS at all
        StartTls, // STARTTLS offered and required before MAIL (and before AUTH)
        Tls,      // implicit TLS from the first byte, like port 465
    };

    SmtpTestServer();
    // Stops the server.
    ~SmtpTestServer();
    SmtpTestServer(const SmtpTestServer &) = delete;
    SmtpTestServer &operator=(const SmtpTestServer &) = delete;

    // A python3 that has aiosmtpd: $QW_PYTHON3, else python3 on PATH, else /usr/bin/python3 (the
    // first python3 on PATH may be a private one, pyenv or venv, without Debian's packages).
    // nullopt when none has it.
    [[nodiscard]] static std::optional<QString> python();
    // The self-signed certificate for localhost and 127.0.0.1 the TLS modes present; a client
    // that takes it as its CA file trusts the server. Made once per test process; empty when
    // openssl could not make it.
    [[nodiscard]] static QString certificateFile();
    // Why a server in `mode` cannot run here (no python3 with aiosmtpd, no certificate), for
    // GTEST_SKIP; empty when it can.
    [[nodiscard]] static QString skipReason(Mode mode = Mode::Plain);

    // Starts the server on `port` (0: a free one) and waits until it listens. With a `user`,
    // AUTH PLAIN/LOGIN with exactly that user and password is required. Each start begins with
    // an empty mailbox. false with error() set when it did not come up.
    bool start(Mode mode = Mode::Plain, const QString &user = {}, const QByteArray &password = {},
               quint16 port = 0);
    // SIGTERM; the exit code, or -1 when it had to be killed or crashed. Also when never started.
    int stop();

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString maildir() const;
    // Every message accepted since start(), in order. The sink writes a message to disk before
    // it answers 250, so a message a client saw accepted is already here.
    [[nodiscard]] std::vector<SmtpMessage> messages() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace qw::test
