#include "ui/keyhealth.h"

#include "core/alerts/alertrules.h"

#include <QPainter>
#include <QPixmap>

namespace qw::ui {

namespace {

// A filled circle in a colour that reads on light and dark palettes alike.
QIcon dot(const QColor &color)
{
    QIcon icon;
    for (int size : {16, 22, 32, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(color.darker(130), size / 16.0));
        painter.setBrush(color);
        const qreal margin = size / 8.0;
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

KeyHealth KeyHealthInfo::of(const ApiKey &key, const std::optional<Snapshot> &latest)
{
    if (!key.enabled)
        return KeyHealth::Paused;
    if (!latest)
        return KeyHealth::Unknown;
    if (latest->status != CheckStatus::Ok)
        return KeyHealth::Failing;
    const auto threshold = AlertRules::effectiveThreshold(key, *latest);
    if (threshold && latest->remaining && *latest->remaining < *threshold)
        return KeyHealth::Low;
    return KeyHealth::Ok;
}

QString KeyHealthInfo::label(KeyHealth health)
{
    switch (health) {
    case KeyHealth::Ok:
        return tr("OK");
    case KeyHealth::Low:
        return tr("Running low");
    case KeyHealth::Failing:
        return tr("Failing");
    case KeyHealth::Paused:
        return tr("Paused");
    case KeyHealth::Unknown:
        break;
    }
    return tr("Not checked yet");
}

QIcon KeyHealthInfo::icon(KeyHealth health)
{
    switch (health) {
    case KeyHealth::Ok:
        return dot(QColor(0x2e, 0xa0, 0x43));
    case KeyHealth::Low:
        return dot(QColor(0xe0, 0x9b, 0x12));
    case KeyHealth::Failing:
        return dot(QColor(0xd0, 0x3b, 0x3b));
    case KeyHealth::Paused:
        return dot(QColor(0x8a, 0x8f, 0x98));
    case KeyHealth::Unknown:
        break;
    }
    return dot(QColor(0x5b, 0x8d, 0xd9));
}

int KeyHealthInfo::severity(KeyHealth health)
{
    switch (health) {
    case KeyHealth::Failing:
        return 4;
    case KeyHealth::Low:
        return 3;
    case KeyHealth::Unknown:
        return 2;
    case KeyHealth::Ok:
        return 1;
    case KeyHealth::Paused:
        break;
    }
    return 0;
}

} // namespace qw::ui
