#include "core/alerts/email/mailbox.h"

#include "core/alerts/email/emailtext.h"

#include <QUrl>
#include <algorithm>

namespace qw {

Mailbox Mailbox::parse(const QString &text)
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

tl::expected<QByteArray, QString> Mailbox::wireAddress(const QString &mailbox, const QString &what)
{
    if (EmailText::hasControl(mailbox))
        return tl::unexpected(QStringLiteral("%1 %2 contains a line break or control character")
                                  .arg(what, EmailText::quoted(mailbox)));
    const QString address = parse(mailbox).address;
    const qsizetype at = address.lastIndexOf(u'@');
    if (at <= 0 || at == address.size() - 1)
        return tl::unexpected(QStringLiteral("%1 %2 is not an e-mail address (name@example.com)")
                                  .arg(what, EmailText::quoted(mailbox)));
    static const QString forbidden = QStringLiteral(" \t<>()[],;:\\\"");
    if (std::any_of(address.begin(), address.end(), [](QChar c) { return forbidden.contains(c); }))
        return tl::unexpected(QStringLiteral("%1 %2 contains characters an e-mail address cannot have")
                                  .arg(what, EmailText::quoted(mailbox)));
    const QString local = address.left(at);
    const QString domain = address.mid(at + 1);
    if (!EmailText::isPrintableAscii(local))
        return tl::unexpected(
            QStringLiteral("%1 %2 has non-ASCII characters before the @, which cannot be sent")
                .arg(what, EmailText::quoted(mailbox)));
    const QByteArray aceDomain =
        EmailText::isPrintableAscii(domain) ? domain.toLatin1() : QUrl::toAce(domain);
    if (aceDomain.isEmpty() || aceDomain.contains('@'))
        return tl::unexpected(
            QStringLiteral("%1 %2 has an invalid domain after the @").arg(what, EmailText::quoted(mailbox)));
    return local.toLatin1() + '@' + aceDomain;
}

} // namespace qw
