#include "ui/tray/appicon.h"

#include <QPainter>
#include <QPixmap>
#include <optional>

// Outside any namespace, as Q_INIT_RESOURCE requires: qw_ui is a static library, so the icon's
// resource object is linked in only when something refers to it.
static void initIconResource()
{
    Q_INIT_RESOURCE(quotawatch);
}

namespace qw::ui {

namespace {

std::optional<QColor> badgeColor(KeyHealth health)
{
    switch (health) {
    case KeyHealth::Ok:
        return QColor(0x2e, 0xa0, 0x43);
    case KeyHealth::Low:
        return QColor(0xe0, 0x9b, 0x12);
    case KeyHealth::Failing:
    case KeyHealth::Empty:
        return QColor(0xd0, 0x3b, 0x3b);
    case KeyHealth::Paused:
        return QColor(0x8a, 0x8f, 0x98);
    case KeyHealth::Unknown:
        break;
    }
    return std::nullopt;
}

QPixmap base(int size)
{
    static const bool initialised = (initIconResource(), true);
    Q_UNUSED(initialised);
    return QPixmap(QStringLiteral(":/icons/quotawatch-%1.png").arg(size));
}

QPixmap withBadge(int size, const QColor &color)
{
    QPixmap pixmap = base(size);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    // In the corner, big enough to tell apart in a 16-pixel tray, ringed in white to stand off
    // the blue.
    const qreal s = size;
    painter.setBrush(color);
    painter.setPen(QPen(Qt::white, std::max(1.0, s * 0.05)));
    painter.drawEllipse(QRectF(s * 0.56, s * 0.56, s * 0.42, s * 0.42));
    return pixmap;
}

} // namespace

QIcon AppIcon::make()
{
    QIcon icon;
    for (int size : kSizes)
        icon.addPixmap(base(size));
    return icon;
}

QIcon AppIcon::withHealth(KeyHealth worst)
{
    const auto color = badgeColor(worst);
    if (!color)
        return make();
    QIcon icon;
    for (int size : kSizes)
        icon.addPixmap(withBadge(size, *color));
    return icon;
}

} // namespace qw::ui
