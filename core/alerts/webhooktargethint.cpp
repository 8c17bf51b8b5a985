#include "core/alerts/webhooktargethint.h"

#include <QStringList>
#include <QUrl>
#include <algorithm>

namespace qw {

QString WebhookTargetHint::of(const QString &url)
{
    const QUrl parsed(url.trimmed());
    const QString host = parsed.host().toLower();
    if (host.isEmpty())
        return QString();
    QStringList parts = parsed.path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts);
    const QStringList query = parsed.query(QUrl::FullyDecoded).split(u'&', Qt::SkipEmptyParts);
    for (const QString &item : query)
        parts << item.section(u'=', 1);
    QString token;
    for (const QString &part : parts)
        if (part.size() >= token.size()) // the last of equally long ones: the token comes last
            token = part;
    const qsizetype shown = std::min<qsizetype>(4, token.size() / 3);
    if (shown <= 0)
        return host;
    return host + QStringLiteral("/\u2026") + token.right(shown);
}

} // namespace qw
