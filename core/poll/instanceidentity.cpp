#include "core/poll/instanceidentity.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QRandomGenerator>

namespace qw {

InstanceIdentity InstanceIdentity::create(const QString &role)
{
    const quint32 suffix = QRandomGenerator::system()->bounded(0x10000U);
    return InstanceIdentity(QStringLiteral("%1@%2:%3-%4")
                                .arg(role, QHostInfo::localHostName())
                                .arg(QCoreApplication::applicationPid())
                                .arg(suffix, 4, 16, QLatin1Char('0')));
}

QString InstanceIdentity::roleOfThisProcess()
{
    const QCoreApplication *app = QCoreApplication::instance();
    // By class name: core links no GUI module.
    if (app && app->inherits("QGuiApplication"))
        return QStringLiteral("desktop");
    if (app && QCoreApplication::arguments().mid(1).contains(QLatin1String("serve")))
        return QStringLiteral("serve");
    return QStringLiteral("cli");
}

} // namespace qw
