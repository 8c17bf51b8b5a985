#include "core/poll/cleartextpolicy.h"

#include <QHostAddress>

namespace qw {

bool CleartextPolicy::isLoopbackHost(const QString &host)
{
    QString name = host.trimmed().toLower();
    if (name.startsWith(u'[') && name.endsWith(u']'))
        name = name.mid(1, name.size() - 2);
    if (name.endsWith(u'.'))
        name.chop(1);
    if (name == QLatin1String("localhost"))
        return true;
    QHostAddress address;
    // setAddress() also takes shorthand such as "127.1"; QUrl has already normalised a URL's
    // host, so only the dotted-quad and IPv6 forms reach here from URLs.
    return address.setAddress(name) && address.isLoopback();
}

bool CleartextPolicy::isCleartextOffLoopback(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 &&
           !isLoopbackHost(url.host());
}

} // namespace qw
