#include "ui/tray/appicon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace qw::ui {

namespace {

QColor badgeColor(KeyHealth health)
{
    switch (health) {
    case KeyHealth::Low:
        return QColor(0xe0, 0x9b, 0x12);
    case KeyHealth::Failing:
        return QColor(0xd0, 0x3b, 0x3b);
    default:
        return QColor(0x2e, 0xa0, 0x43);
    }
}

QPixmap draw(int size, std::optional<KeyHealth> health)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    // The dial: a rounded square in a calm blue with a light arc.
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x1f, 0x4e, 0x8c));
    painter.drawRoundedRect(QRectF(0, 0, s, s), s * 0.22, s * 0.22);
    QPen arc(QColor(0xe8, 0xf0, 0xfb), s * 0.09, Qt::SolidLine, Qt::RoundCap);
    painter.setPen(arc);
    const QRectF dial(s * 0.18, s * 0.22, s * 0.64, s * 0.64);
    painter.drawArc(dial, 200 * 16, -220 * 16);
    // The needle, pointing low: a key running down.
    const QPointF centre = dial.center();
    painter.setPen(
        QPen(health ? badgeColor(*health) : QColor(0xff, 0xc1, 0x4d), s * 0.08, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(centre, centre + QPointF(-s * 0.2, s * 0.06));
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xe8, 0xf0, 0xfb));
    painter.drawEllipse(centre, s * 0.06, s * 0.06);
    if (health && *health != KeyHealth::Ok && *health != KeyHealth::Paused && *health != KeyHealth::Unknown) {
        // A badge in the corner: visible even in a 16-pixel tray.
        painter.setBrush(badgeColor(*health));
        painter.setPen(QPen(Qt::white, s * 0.05));
        painter.drawEllipse(QRectF(s * 0.56, s * 0.56, s * 0.42, s * 0.42));
    }
    return pixmap;
}

QIcon iconFor(std::optional<KeyHealth> health)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(draw(size, health));
    return icon;
}

} // namespace

QIcon AppIcon::make()
{
    return iconFor(std::nullopt);
}

QIcon AppIcon::withHealth(KeyHealth worst)
{
    return iconFor(worst);
}

} // namespace qw::ui
