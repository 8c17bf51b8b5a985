#include "ui/keyhealth.h"

#include <QPainter>
#include <QPixmap>
#include <algorithm>

namespace qw::ui {

namespace {

enum class Fill
{
    Solid,
    Ring, // hollow: Empty, told apart from Failing's dot without relying on colour alone
};

// A circle in a colour that reads on light and dark palettes alike.
QIcon dot(const QColor &color, Fill fill = Fill::Solid)
{
    QIcon icon;
    for (int size : {16, 22, 32, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        qreal margin = size / 8.0;
        if (fill == Fill::Ring) {
            const qreal width = std::max(2.0, size / 6.0);
            painter.setPen(QPen(color, width));
            painter.setBrush(Qt::NoBrush);
            margin += width / 2;
        } else {
            painter.setPen(QPen(color.darker(130), size / 16.0));
            painter.setBrush(color);
        }
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QString KeyHealthInfo::label(KeyHealth health)
{
    switch (health) {
    case KeyHealth::Ok:
        return tr("OK");
    case KeyHealth::Low:
        return tr("Running low");
    case KeyHealth::Empty:
        return tr("Empty");
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
    case KeyHealth::Empty:
        return dot(QColor(0xd0, 0x3b, 0x3b), Fill::Ring);
    case KeyHealth::Failing:
        return dot(QColor(0xd0, 0x3b, 0x3b));
    case KeyHealth::Paused:
        return dot(QColor(0x8a, 0x8f, 0x98));
    case KeyHealth::Unknown:
        break;
    }
    return dot(QColor(0x5b, 0x8d, 0xd9));
}

} // namespace qw::ui
