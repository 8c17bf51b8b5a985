#include "core/alerts/emailsender.h"

#include "core/crypto/securebytes.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QUrl>
#include <QUuid>
#include <algorithm>
#include <array>
#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <vector>

namespace qw {

namespace {

// RFC 2047 limits an encoded word to 75 characters; "=?UTF-8?B?" and "?=" leave 63 for base64,
// i.e. 45 bytes of UTF-8 (60 base64 characters).
constexpr qsizetype kEncodedWordBytes = 45;
// RFC 5322 allows 998 characters a line; a plain ASCII subject longer than this is sent as
// encoded words instead, which are folded over several lines.
constexpr qsizetype kMaxPlainHeaderText = 900;
// RFC 2045: base64 lines of at most 76 characters.
constexpr qsizetype kBase64LineLength = 76;
constexpr int kMaxConnectTimeoutS = 10;

struct Mailbox
{
    QString name;
    QString address;
};

// What send() hands to curl after validation.
struct Envelope
{
    QByteArray url;
    QByteArray mailFrom;
    std::vector<QByteArray> recipients;
    QString server; // host:port, for messages
};

bool isControl(QChar c)
{
    return c.unicode() < 0x20 || c.unicode() == 0x7f;
}

bool hasControl(QStringView text)
{
    return std::any_of(text.begin(), text.end(), isControl);
}

bool isPrintableAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
}

// Line breaks and other control characters become spaces, so a header value stays on its line.
QString withoutControls(QString text)
{
    for (QChar &c : text) {
        if (isControl(c))
            c = u' ';
    }
    return text;
}

// Shows user input inside a message without letting it break the message's line.
QString quoted(const QString &text)
{
    return u'"' + withoutControls(text) + u'"';
}

// "Name <addr>", "\"Name\" <addr>", "<addr>" or "addr".
Mailbox parseMailbox(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype open = trimmed.lastIndexOf(u'<');
    if (!trimmed.endsWith(u'>') || open < 0)
        return {QString(), trimmed};
    QString name = trimmed.left(open).trimmed();
    if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"')) {
        QString unquoted;
        for (qsizetype i = 1; i < name.size() - 1; ++i) {
            if (name.at(i) == u'\\' && i + 1 < name.size() - 1)
                ++i;
            unquoted.append(name.at(i));
        }
        name = unquoted;
    }
    return {name, trimmed.mid(open + 1, trimmed.size() - open - 2).trimmed()};
}

QStringList nonBlank(const QStringList &list)
{
    QStringList result;
    for (const QString &entry : list) {
        if (!entry.trimmed().isEmpty())
            result.append(entry);
    }
    return result;
}

// The address as it goes on the wire: the local part as is (ASCII only), the domain in its
// ASCII (IDNA) form. Fails with a sentence naming `what` ("the sender address").
tl::expected<QByteArray, QString> wireAddress(const QString &mailbox, const QString &what)
{
    if (hasControl(mailbox))
        return tl::unexpected(
            QStringLiteral("%1 %2 contains a line break or control character").arg(what, quoted(mailbox)));
    const QString address = parseMailbox(mailbox).address;
    const qsizetype at = address.lastIndexOf(u'@');
    if (at <= 0 || at == address.size() - 1)
        return tl::unexpected(
            QStringLiteral("%1 %2 is not an e-mail address (name@example.com)").arg(what, quoted(mailbox)));
    static const QString forbidden = QStringLiteral(" \t<>()[],;:\\\"");
    if (std::any_of(address.begin(), address.end(), [](QChar c) { return forbidden.contains(c); }))
        return tl::unexpected(QStringLiteral("%1 %2 contains characters an e-mail address cannot have")
                                  .arg(what, quoted(mailbox)));
    const QString local = address.left(at);
    const QString domain = address.mid(at + 1);
    if (!isPrintableAscii(local))
        return tl::unexpected(
            QStringLiteral("%1 %2 has non-ASCII characters before the @, which cannot be sent")
                .arg(what, quoted(mailbox)));
    const QByteArray aceDomain = isPrintableAscii(domain) ? domain.toLatin1() : QUrl::toAce(domain);
    if (aceDomain.isEmpty() || aceDomain.contains('@'))
        return tl::unexpected(
            QStringLiteral("%1 %2 has an invalid domain after the @").arg(what, quoted(mailbox)));
    return local.toLatin1() + '@' + aceDomain;
}

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
                    .arg(quoted(host)));
        return '[' + bare.toLatin1() + ']';
    }
    static const QString forbidden = QStringLiteral(" \t/\\@?#[]%");
    if (hasControl(bare) ||
        std::any_of(bare.begin(), bare.end(), [](QChar c) { return forbidden.contains(c); }))
        return tl::unexpected(QStringLiteral("the SMTP host %1 is not a valid host name").arg(quoted(host)));
    const QByteArray ace = isPrintableAscii(bare) ? bare.toLatin1() : QUrl::toAce(bare);
    if (ace.isEmpty())
        return tl::unexpected(QStringLiteral("the SMTP host %1 is not a valid host name").arg(quoted(host)));
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
    const auto from = wireAddress(settings.from, QStringLiteral("the sender address"));
    if (!from)
        return fail(ErrorCode::InvalidInput, from.error());
    const QStringList recipients = nonBlank(settings.to);
    if (recipients.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("enter at least one recipient address"));
    Envelope envelope;
    for (const QString &recipient : recipients) {
        const auto address = wireAddress(recipient, QStringLiteral("the recipient address"));
        if (!address)
            return fail(ErrorCode::InvalidInput, address.error());
        envelope.recipients.push_back('<' + *address + '>');
    }
    if (hasControl(settings.user))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the SMTP user name contains a line break or control character"));
    if (!settings.caFile.isEmpty()) {
        const QFileInfo info(settings.caFile);
        if (!info.isFile() || !info.isReadable())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("the CA file %1 does not exist or cannot be read")
                            .arg(quoted(settings.caFile)));
    }

    const QByteArray scheme = settings.security == SmtpSecurity::Tls ? "smtps" : "smtp";
    envelope.url = scheme + "://" + *host + ':' + QByteArray::number(settings.port);
    envelope.mailFrom = '<' + *from + '>';
    envelope.server = QString::fromLatin1(*host) + u':' + QString::number(settings.port);
    return envelope;
}

// RFC 2047 encoded words for `text`, split on character boundaries and folded onto lines of
// their own (the folding white space between encoded words is dropped when they are decoded).
QByteArray encodedWords(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray result;
    qsizetype start = 0;
    while (start < utf8.size()) {
        qsizetype end = std::min(start + kEncodedWordBytes, utf8.size());
        // Never split a UTF-8 sequence: back up while the next byte is a continuation byte.
        while (end < utf8.size() && end > start + 1 &&
               (static_cast<unsigned char>(utf8.at(end)) & 0xC0) == 0x80)
            --end;
        if (!result.isEmpty())
            result += "\r\n ";
        result += "=?UTF-8?B?" + utf8.mid(start, end - start).toBase64() + "?=";
        start = end;
    }
    return result;
}

// An unstructured header value (Subject): plain when it is short printable ASCII that cannot be
// mistaken for an encoded word, encoded words otherwise.
QByteArray unstructuredText(const QString &text)
{
    const QString clean = withoutControls(text);
    if (isPrintableAscii(clean) && !clean.contains(QLatin1String("=?")) &&
        clean.size() <= kMaxPlainHeaderText)
        return clean.toLatin1();
    return encodedWords(clean);
}

bool isAtextOrSpace(QChar c)
{
    static const QString specials = QStringLiteral("!#$%&'*+-/=?^_`{|}~ ");
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           specials.contains(c);
}

// A display name: as is when it is plain words, a quoted string when it has specials (dots,
// commas), encoded words when it is not ASCII.
QByteArray displayName(const QString &name)
{
    const QString clean = withoutControls(name).trimmed();
    if (!isPrintableAscii(clean) || clean.contains(QLatin1String("=?")))
        return encodedWords(clean);
    if (std::all_of(clean.begin(), clean.end(), isAtextOrSpace))
        return clean.toLatin1();
    QByteArray quotedName = "\"";
    for (const QChar c : clean) {
        if (c == u'"' || c == u'\\')
            quotedName += '\\';
        quotedName += c.toLatin1();
    }
    return quotedName + '"';
}

// A mailbox for the From/To headers. compose() does not validate (send() does), but still keeps
// whatever it is given on one line.
QByteArray mailboxHeader(const QString &text)
{
    const Mailbox mailbox = parseMailbox(withoutControls(text));
    const auto wire = wireAddress(mailbox.address, QString());
    const QByteArray address = wire ? *wire : withoutControls(mailbox.address).toUtf8();
    if (mailbox.name.trimmed().isEmpty())
        return address;
    return displayName(mailbox.name) + " <" + address + '>';
}

QByteArray rfc5322Date(const QDateTime &when)
{
    static constexpr std::array<const char *, 7> days{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<const char *, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime date = when.isValid() ? when : QDateTime::currentDateTime();
    const QDate day = date.date();
    const QTime time = date.time();
    const int offsetMinutes = date.offsetFromUtc() / 60;
    const int absOffset = std::abs(offsetMinutes);
    return QStringLiteral("%1, %2 %3 %4 %5:%6:%7 %8%9%10")
        .arg(QLatin1String(days.at(static_cast<size_t>(day.dayOfWeek() - 1))))
        .arg(day.day(), 2, 10, QLatin1Char('0'))
        .arg(QLatin1String(months.at(static_cast<size_t>(day.month() - 1))))
        .arg(day.year(), 4, 10, QLatin1Char('0'))
        .arg(time.hour(), 2, 10, QLatin1Char('0'))
        .arg(time.minute(), 2, 10, QLatin1Char('0'))
        .arg(time.second(), 2, 10, QLatin1Char('0'))
        .arg(offsetMinutes < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(absOffset / 60, 2, 10, QLatin1Char('0'))
        .arg(absOffset % 60, 2, 10, QLatin1Char('0'))
        .toLatin1();
}

// The text in RFC 2046 canonical form (CRLF line ends), base64 in lines of 76.
QByteArray base64Body(const QString &body)
{
    QString canonical = body;
    canonical.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    canonical.replace(u'\r', u'\n');
    canonical.replace(QLatin1String("\n"), QLatin1String("\r\n"));
    const QByteArray encoded = canonical.toUtf8().toBase64();
    QByteArray result;
    for (qsizetype i = 0; i < encoded.size(); i += kBase64LineLength)
        result += encoded.mid(i, kBase64LineLength) + "\r\n";
    return result;
}

// Runs curl_global_init exactly once, whichever thread sends first. It is never undone: curl's
// global state lives until the process ends.
bool curlReady()
{
    static std::once_flag once;
    static bool ready = false;
    std::call_once(once, [] { ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; });
    return ready;
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
    detail = withoutControls(detail);
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
        return QStringLiteral("the CA file %1 could not be loaded (%2)").arg(quoted(settings.caFile), detail);
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
                .arg(quoted(settings.from.trimmed()), detail);
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

QString toString(SmtpSecurity security)
{
    switch (security) {
    case SmtpSecurity::None:
        return QStringLiteral("none");
    case SmtpSecurity::StartTls:
        return QStringLiteral("starttls");
    case SmtpSecurity::Tls:
        return QStringLiteral("tls");
    }
    return QStringLiteral("starttls");
}

std::optional<SmtpSecurity> smtpSecurityFromString(QStringView text)
{
    for (const SmtpSecurity security : {SmtpSecurity::None, SmtpSecurity::StartTls, SmtpSecurity::Tls}) {
        if (text.compare(toString(security), Qt::CaseInsensitive) == 0)
            return security;
    }
    return std::nullopt;
}

QByteArray EmailSender::compose(const SmtpSettings &settings, const EmailMessage &message)
{
    QByteArray out;
    out += "Date: " + rfc5322Date(message.date) + "\r\n";
    out += "From: " + mailboxHeader(settings.from) + "\r\n";

    // All recipients in one header, folded between addresses to keep lines short.
    QByteArray to = "To: ";
    qsizetype lineStart = 0;
    bool first = true;
    for (const QString &recipient : nonBlank(settings.to)) {
        const QByteArray mailbox = mailboxHeader(recipient);
        if (!first) {
            if (to.size() - lineStart + 2 + mailbox.size() > 78) {
                to += ",\r\n ";
                lineStart = to.size() - 1;
            } else {
                to += ", ";
            }
        }
        to += mailbox;
        first = false;
    }
    out += to + "\r\n";

    out += "Subject: " + unstructuredText(message.subject) + "\r\n";

    const QString fromAddress = parseMailbox(settings.from).address;
    const auto fromWire = wireAddress(fromAddress, QString());
    QByteArray domain = fromWire ? fromWire->mid(fromWire->lastIndexOf('@') + 1) : QByteArray();
    if (domain.isEmpty())
        domain = "quotawatch.invalid";
    out += "Message-ID: <" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + '@' + domain + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    // RFC 3834: an automatic message, so vacation responders and the like do not answer it.
    out += "Auto-Submitted: auto-generated\r\n";
    out += "\r\n";
    out += base64Body(message.body);
    return out;
}

Result<void> EmailSender::validate(const SmtpSettings &settings)
{
    const auto checked = checkSettings(settings);
    if (!checked)
        return tl::unexpected(checked.error());
    return {};
}

Result<void> EmailSender::send(const SmtpSettings &settings, QByteArrayView password,
                               const EmailMessage &message, const std::atomic_bool *cancel)
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
    const QByteArray payload = compose(settings, message);

    if (!curlReady())
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
