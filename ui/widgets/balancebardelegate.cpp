#include "ui/widgets/balancebardelegate.h"

#include "ui/models/keytablemodel.h"
#include "ui/widgets/itembackground.h"
#include "ui/widgets/sparklinedelegate.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>

namespace qw::ui {

namespace {

constexpr qreal kMargin = 6;
constexpr qreal kMinBarHeight = 4;
constexpr qreal kMaxBarHeight = 8;

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

BalanceBarDelegate::BalanceBarDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QColor BalanceBarDelegate::fillColor(KeyHealth health, const QPalette &palette)
{
    QColor color;
    switch (health) {
    case KeyHealth::Ok:
        color = QColor(0x2e, 0xa0, 0x43);
        break;
    case KeyHealth::Low:
        color = QColor(0xe0, 0x9b, 0x12);
        break;
    case KeyHealth::Failing:
    case KeyHealth::Empty:
        color = QColor(0xd0, 0x3b, 0x3b);
        break;
    case KeyHealth::Paused:
    case KeyHealth::Unknown:
        color = palette.color(QPalette::Disabled, QPalette::Text);
        break;
    }
    return isDark(palette) ? color.lighter(125) : color;
}

void BalanceBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    painter->save();
    drawItemBackground(painter, opt);

    const QVariant fraction = index.data(KeyTableModel::FractionRole);
    if (fraction.isValid()) {
        const bool selected = opt.state.testFlag(QStyle::State_Selected);
        const QColor onTop = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        const QRectF cell = QRectF(opt.rect).adjusted(kMargin, 0, -kMargin, 0);
        const qreal height = std::clamp(cell.height() / 4, kMinBarHeight, kMaxBarHeight);
        const QRectF track(cell.left(), cell.center().y() - height / 2, cell.width(), height);
        if (track.width() > 0) {
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            QColor trackColor = onTop;
            trackColor.setAlphaF(selected ? 0.35f : 0.15f);
            painter->setBrush(trackColor);
            painter->drawRoundedRect(track, height / 2, height / 2);

            const auto health = KeyHealth(index.data(KeyTableModel::HealthRole).toInt());
            const qreal filled = track.width() * std::clamp(fraction.toDouble(), 0.0, 1.0);
            if (filled > 0) {
                QColor fill = fillColor(health, opt.palette);
                // On the highlight the health colour stays, framed so it does not melt into it.
                if (selected)
                    painter->setPen(QPen(onTop, 1));
                painter->setBrush(fill);
                // At least a round dot, so "almost empty" is still visible.
                painter->drawRoundedRect(QRectF(track.left(), track.top(), std::max(filled, height), height),
                                         height / 2, height / 2);
            }
        }
    } else if (const QString text = index.data(Qt::DisplayRole).toString(); !text.isEmpty()) {
        // Nothing to measure against: the key's trend in a muted colour, so the cell still says
        // which way the balance goes (the tooltip says why there is no bar); a dash without one.
        const bool selected = opt.state.testFlag(QStyle::State_Selected);
        const QColor muted = opt.palette.color(selected ? QPalette::Normal : QPalette::Disabled,
                                               selected ? QPalette::HighlightedText : QPalette::Text);
        if (!index.data(KeyTableModel::TrendRole).value<QList<QPointF>>().isEmpty()) {
            const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
            SparklineDelegate::drawLine(painter, opt.rect, index, muted, ratio);
        } else {
            painter->setPen(muted);
            painter->setFont(opt.font);
            painter->drawText(opt.rect, Qt::AlignCenter, text);
        }
    }
    painter->restore();
}

QSize BalanceBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 80));
    return size;
}

} // namespace qw::ui
