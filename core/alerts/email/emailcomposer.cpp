#include "core/alerts/email/emailcomposer.h"

#include "core/alerts/email/emailtext.h"
#include "core/alerts/email/mailbox.h"

#include <QUuid>
#include <algorithm>
#include <array>
#include <cstdlib>

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
    const QString clean = EmailText::withoutControls(text);
    if (EmailText::isPrintableAscii(clean) && !clean.contains(QLatin1String("=?")) &&
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
    const QString clean = EmailText::withoutControls(name).trimmed();
    if (!EmailText::isPrintableAscii(clean) || clean.contains(QLatin1String("=?")))
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
    const Mailbox mailbox = Mailbox::parse(EmailText::withoutControls(text));
    const auto wire = Mailbox::wireAddress(mailbox.address, QString());
    const QByteArray address = wire ? *wire : EmailText::withoutControls(mailbox.address).toUtf8();
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

} // namespace

QByteArray EmailComposer::compose(const SmtpSettings &settings, const EmailMessage &message)
{
    QByteArray out;
    out += "Date: " + rfc5322Date(message.date) + "\r\n";
    out += "From: " + mailboxHeader(settings.from) + "\r\n";

    // All recipients in one header, folded between addresses to keep lines short.
    QByteArray to = "To: ";
    qsizetype lineStart = 0;
    bool first = true;
    for (const QString &recipient : EmailText::nonBlank(settings.to)) {
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

    const QString fromAddress = Mailbox::parse(settings.from).address;
    const auto fromWire = Mailbox::wireAddress(fromAddress, QString());
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

} // namespace qw
