#include "core/alerts/email/smtptransport.h"

#include "core/alerts/email/emailtext.h"
#include "core/alerts/email/mailbox.h"
#include "core/crypto/securebytes.h"
#include "core/poll/cleartextpolicy.h"
#include "core/poll/curlglobal.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QUrl>
#include <algorithm>
#include <array>
#include <curl/curl.h>
#include <memory>
#include <vector>

namespace qw {

namespace {

constexpr int kMaxConnectTimeoutS = 10;

// What send() hands to curl after validation.
struct Envelope
{
    QByteArray url;
    QByteArray mailFrom;
    std::vector<QByteArray> recipients;
    QString server; // host:port, for messages
};

// The host as it goes into the URL (IPv6 addresses in brackets, IDN in ASCII form), or an error.
tl::expected<QByteArray, QString> urlHost(const QString &rawHost)
{
    const QString host = rawHost.trimmed();
    if (host.isEmpty())
        return tl::unexpected(QStringLiteral("enter the host name of the SMTP server"));
    QString bare = host;
    if (host.startsWith(u'[') && host.endsWith(u']'))
        bare = host.mid(1, host.size() - 2);
    if (bare.contains(u':')) {
        const QHostAddress address(bare);
        if (address.protocol() != QAbstractSocket::IPv6Protocol)
            return tl::unexpected(
                QStringLiteral("the SMTP host %1 is not a host name; enter the port in its own field")
                    .arg(EmailText::quoted(host)));
        return '[' + bare.toLatin1() + ']';
    }
    static const QString forbidden = QStringLiteral(" \t/\\@?#[]%");
    if (EmailText::hasControl(bare) ||
        std::any_of(bare.begin(), bare.end(), [](QChar c) { return forbidden.contains(c); }))
        return tl::unexpected(
            QStringLiteral("the SMTP host %1 is not a valid host name").arg(EmailText::quoted(host)));
    const QByteArray ace = EmailText::isPrintableAscii(bare) ? bare.toLatin1() : QUrl::toAce(bare);
    if (ace.isEmpty())
        return tl::unexpected(
            QStringLiteral("the SMTP host %1 is not a valid host name").arg(EmailText::quoted(host)));
    return ace;
}

Result<Envelope> checkSettings(const SmtpSettings &settings)
{
    const auto host = urlHost(settings.host);
    if (!host)
        return fail(ErrorCode::InvalidInput, host.error());
    if (settings.port < 1 || settings.port > 65535)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the SMTP port %1 is out of range (1 to 65535)").arg(settings.port));
    if (settings.timeoutS < 1)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the SMTP timeout must be at least 1 second"));
    if (settings.from.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("enter the sender address"));
    const auto from = Mailbox::wireAddress(settings.from, QStringLiteral("the sender address"));
    if (!from)
        return fail(ErrorCode::InvalidInput, from.error());
    const QStringList recipients = EmailText::nonBlank(settings.to);
    if (recipients.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("enter at least one recipient address"));
    Envelope envelope;
    for (const QString &recipient : recipients) {
        const auto address = Mailbox::wireAddress(recipient, QStringLiteral("the recipient address"));
        if (!address)
            return fail(ErrorCode::InvalidInput, address.error());
        envelope.recipients.push_back('<' + *address + '>');
    }
    if (EmailText::hasControl(settings.user))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the SMTP user name contains a line break or control character"));
    // A login over plain SMTP sends the password readable to anyone on the path; only a relay on
    // this machine may take one without TLS.
    if (settings.security == SmtpSecurity::None && !settings.user.isEmpty() &&
        !CleartextPolicy::isLoopbackHost(settings.host))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("an SMTP login to %1 without TLS would send the password unencrypted; use "
                                   "security starttls or tls (a login without TLS is only accepted to "
                                   "this machine: localhost, 127.0.0.1 or ::1)")
                        .arg(EmailText::quoted(settings.host.trimmed())));
    if (!settings.caFile.isEmpty()) {
        const QFileInfo info(settings.caFile);
        if (!info.isFile() || !info.isReadable())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("the CA file %1 does not exist or cannot be read")
                            .arg(EmailText::quoted(settings.caFile)));
    }

    const QByteArray scheme = settings.security == SmtpSecurity::Tls ? "smtps" : "smtp";
    envelope.url = scheme + "://" + *host + ':' + QByteArray::number(settings.port);
    envelope.mailFrom = '<' + *from + '>';
    envelope.server = QString::fromLatin1(*host) + u':' + QString::number(settings.port);
    return envelope;
}

struct CurlDeleter
{
    void operator()(CURL *handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter
{
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};

struct Upload
{
    const QByteArray *data = nullptr;
    qsizetype offset = 0;
};

// Called by curl at least once a second, also while it waits for the server.
int checkCancel(void *userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *cancel = static_cast<const std::atomic_bool *>(userdata);
    return cancel->load() ? 1 : 0;
}

size_t readPayload(char *buffer, size_t size, size_t count, void *userdata)
{
    auto *upload = static_cast<Upload *>(userdata);
    const auto room = static_cast<qsizetype>(size * count);
    const qsizetype chunk = std::min(room, upload->data->size() - upload->offset);
    if (chunk <= 0)
        return 0;
    std::copy_n(upload->data->constData() + upload->offset, chunk, buffer);
    upload->offset += chunk;
    return static_cast<size_t>(chunk);
}

QString curlDetail(CURLcode code, const char *errorBuffer, QByteArrayView password)
{
    QString detail = QString::fromUtf8(errorBuffer).trimmed();
    if (detail.isEmpty())
        detail = QString::fromUtf8(curl_easy_strerror(code));
    detail = EmailText::withoutControls(detail);
    // curl does not put credentials in its messages, but the detail is the one text here that
    // we do not write ourselves, so make sure.
    if (!password.isEmpty())
        detail.replace(QString::fromUtf8(password), QStringLiteral("***"));
    return detail;
}

QString failureMessage(CURLcode code, const QString &detail, long osErrno, const SmtpSettings &settings,
                       const Envelope &envelope)
{
    const QString &server = envelope.server;
    const QString host = settings.host.trimmed();
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return QStringLiteral("cannot find the SMTP server %1; check the host name (%2)").arg(host, detail);
    case CURLE_COULDNT_CONNECT:
        return QStringLiteral("cannot connect to the SMTP server %1 (%2)")
            .arg(server, osErrno != 0 ? qt_error_string(static_cast<int>(osErrno)) : detail);
    case CURLE_OPERATION_TIMEDOUT:
        return QStringLiteral("the SMTP server %1 did not answer within %2; check the port and the security "
                              "setting (%3)")
            .arg(server,
                 settings.timeoutS == 1 ? QStringLiteral("1 second")
                                        : QStringLiteral("%1 seconds").arg(settings.timeoutS),
                 detail);
    case CURLE_LOGIN_DENIED:
    case CURLE_AUTH_ERROR:
        return QStringLiteral("the SMTP server refused the login; check the user name and password");
    case CURLE_USE_SSL_FAILED:
        return QStringLiteral(
                   "the SMTP server %1 does not offer STARTTLS; choose TLS (usually port 465), or no "
                   "encryption only on a trusted network (%2)")
            .arg(server, detail);
    case CURLE_SSL_CACERT_BADFILE:
        return QStringLiteral("the CA file %1 could not be loaded (%2)")
            .arg(EmailText::quoted(settings.caFile), detail);
    case CURLE_PEER_FAILED_VERIFICATION:
        return QStringLiteral(
                   "TLS with %1 failed: %2; if the server has a self-signed certificate, set its CA file")
            .arg(host, detail);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return QStringLiteral("TLS with %1 failed: %2").arg(host, detail);
    case CURLE_SEND_ERROR:
        if (detail.startsWith(QLatin1String("RCPT")))
            return QStringLiteral("the SMTP server refused a recipient (%1)").arg(detail);
        if (detail.startsWith(QLatin1String("MAIL failed: 530")))
            return QStringLiteral("the SMTP server %1 requires a login; enter a user name and password")
                .arg(server);
        if (detail.startsWith(QLatin1String("MAIL")))
            return QStringLiteral("the SMTP server refused the sender address %1 (%2)")
                .arg(EmailText::quoted(settings.from.trimmed()), detail);
        if (detail.startsWith(QLatin1String("DATA")))
            return QStringLiteral("the SMTP server refused the message (%1)").arg(detail);
        return QStringLiteral("sending to the SMTP server %1 failed (%2)").arg(server, detail);
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
        return QStringLiteral("the connection to the SMTP server %1 broke off (%2)").arg(server, detail);
    case CURLE_WEIRD_SERVER_REPLY:
        return QStringLiteral("the SMTP server %1 gave an unexpected answer; check the port and the security "
                              "setting (%2)")
            .arg(server, detail);
    case CURLE_ABORTED_BY_CALLBACK:
        return QStringLiteral("sending the e-mail through %1 was cancelled").arg(server);
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_NOT_BUILT_IN:
        return QStringLiteral("this system's libcurl cannot send e-mail (%1)").arg(detail);
    default:
        return QStringLiteral("sending the e-mail through %1 failed (%2)").arg(server, detail);
    }
}

} // namespace

Result<void> SmtpTransport::validate(const SmtpSettings &settings)
{
    const auto checked = checkSettings(settings);
    if (!checked)
        return tl::unexpected(checked.error());
    return {};
}

Result<void> SmtpTransport::send(const SmtpSettings &settings, QByteArrayView password,
                                 const QByteArray &payload, const std::atomic_bool *cancel)
{
    const auto checked = checkSettings(settings);
    if (!checked)
        return tl::unexpected(checked.error());
    const bool useLogin = !settings.user.isEmpty();
    if (useLogin && password.contains('\0'))
        return fail(
            ErrorCode::InvalidInput,
            QStringLiteral("the SMTP password contains a NUL character, which an SMTP login cannot carry"));
    if (cancel && cancel->load())
        return fail(ErrorCode::Io,
                    QStringLiteral("sending the e-mail through %1 was cancelled").arg(checked->server));
    const Envelope &envelope = *checked;

    if (!curlGlobalReady())
        return fail(ErrorCode::Io,
                    QStringLiteral("libcurl could not be initialised, so no e-mail can be sent"));
    std::unique_ptr<curl_slist, SlistDeleter> recipients;
    for (const QByteArray &recipient : envelope.recipients) {
        curl_slist *appended = curl_slist_append(recipients.get(), recipient.constData());
        if (!appended)
            return fail(ErrorCode::Io, QStringLiteral("out of memory while preparing the e-mail"));
        (void)recipients.release(); // appended is the same list, grown
        recipients.reset(appended);
    }

    std::array<char, CURL_ERROR_SIZE> errorBuffer{};
    Upload upload{&payload, 0};
    const long timeout = settings.timeoutS;
    const QByteArray user = settings.user.toUtf8();
    // curl copies the strings it is given; this copy is wiped when send() returns. curl's own
    // copy is freed (not wiped) by curl_easy_cleanup, which we cannot change.
    const SecureBytes secret = SecureBytes::copyOf(useLogin ? password : QByteArrayView());
    const QByteArray caFile = settings.caFile.toLocal8Bit();

    // Declared after everything it points into, so it is cleaned up (which may still talk to the
    // server and write to the error buffer) before any of that goes away.
    const std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
    if (!handle)
        return fail(ErrorCode::Io,
                    QStringLiteral("libcurl could not start a transfer, so no e-mail can be sent"));
    CURL *curl = handle.get();

    bool ok = curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer.data()) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_URL, envelope.url.constData()) == CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500 // 7.85.0 replaced the bit mask with a string
    ok = ok && curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps") == CURLE_OK;
#else
    ok = ok && curl_easy_setopt(curl, CURLOPT_PROTOCOLS, long(CURLPROTO_SMTP | CURLPROTO_SMTPS)) == CURLE_OK;
#endif
    // STARTTLS with CURLUSESSL_ALL: if the server does not offer it, fail rather than send the
    // login and the message in the clear. (For smtps:// the connection is TLS from the start.)
    const long useSsl =
        settings.security == SmtpSecurity::None ? long(CURLUSESSL_NONE) : long(CURLUSESSL_ALL);
    ok = ok && curl_easy_setopt(curl, CURLOPT_USE_SSL, useSsl) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK;
    if (!caFile.isEmpty())
        ok = ok && curl_easy_setopt(curl, CURLOPT_CAINFO, caFile.constData()) == CURLE_OK;
    if (useLogin) {
        ok = ok && curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData()) == CURLE_OK;
        ok = ok && curl_easy_setopt(curl, CURLOPT_PASSWORD, secret.data()) == CURLE_OK;
    }
    ok = ok && curl_easy_setopt(curl, CURLOPT_MAIL_FROM, envelope.mailFrom.constData()) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get()) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_READFUNCTION, &readPayload) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_READDATA, &upload) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::min(timeout, long(kMaxConnectTimeoutS))) ==
                   CURLE_OK;
    // No SIGALRM for DNS timeouts: signals and threads do not mix.
    ok = ok && curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
    if (cancel) {
        ok = ok && curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &checkCancel) == CURLE_OK;
        ok = ok && curl_easy_setopt(curl, CURLOPT_XFERINFODATA, cancel) == CURLE_OK;
        ok = ok && curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L) == CURLE_OK;
    }
    if (!ok)
        return fail(ErrorCode::Io,
                    QStringLiteral("this system's libcurl lacks a feature needed to send e-mail (%1)")
                        .arg(curlDetail(CURLE_UNKNOWN_OPTION, errorBuffer.data(), secret.view())));

    const CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK)
        return {};
    long osErrno = 0;
    if (curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &osErrno) != CURLE_OK)
        osErrno = 0;
    const QString detail = curlDetail(code, errorBuffer.data(), secret.view());
    return fail(ErrorCode::Io, failureMessage(code, detail, osErrno, settings, envelope));
}

} // namespace qw
