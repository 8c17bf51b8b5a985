#include "ui/widgets/sparklinedelegate.h"

#include "core/analytics/downsampling.h"
#include "ui/models/keytablemodel.h"
#include "ui/widgets/itembackground.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>
#include <QPixmapCache>
#include <QPolygonF>
#include <algorithm>
#include <cmath>

namespace qw::ui {

namespace {

constexpr qreal kMarginX = 6;
constexpr qreal kMarginY = 4;
constexpr qreal kLineWidth = 1.5;

} // namespace

SparklineDelegate::SparklineDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QPolygonF SparklineDelegate::polyline(const QList<QPointF> &points, const QRectF &area, int maxPoints)
{
    QList<QPointF> drawn = points;
    if (maxPoints >= 3 && points.size() > maxPoints) {
        // Back to the integer series LTTB works on; amounts in micro-units as stored.
        std::vector<BalancePoint> series;
        series.reserve(std::size_t(points.size()));
        for (const QPointF &point : points)
            series.push_back({qint64(point.x()), std::llround(point.y() * 1e6)});
        const std::vector<BalancePoint> reduced = Downsampling::lttb(series, std::size_t(maxPoints));
        drawn.clear();
        drawn.reserve(qsizetype(reduced.size()));
        for (const BalancePoint &point : reduced)
            drawn.append(QPointF(double(point.atMs), double(point.remainingMicros) / 1e6));
    }
    if (drawn.isEmpty())
        return {};

    const auto [minX, maxX] = std::minmax_element(
        drawn.cbegin(), drawn.cend(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    const auto [minY, maxY] = std::minmax_element(
        drawn.cbegin(), drawn.cend(), [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); });
    const double spanX = maxX->x() - minX->x();
    const double spanY = maxY->y() - minY->y();
    QPolygonF polygon;
    polygon.reserve(drawn.size());
    for (const QPointF &point : drawn) {
        const double x =
            spanX > 0 ? area.left() + (point.x() - minX->x()) / spanX * area.width() : area.center().x();
        const double y =
            spanY > 0 ? area.bottom() - (point.y() - minY->y()) / spanY * area.height() : area.center().y();
        polygon.append(QPointF(x, y));
    }
    return polygon;
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    painter->save();
    drawItemBackground(painter, opt);

    const QRect cell = opt.rect;
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    QColor color =
        opt.palette.color(opt.state.testFlag(QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled,
                          selected ? QPalette::HighlightedText : QPalette::Text);
    // A paused key's row is greyed by the model; the line follows it.
    if (const QVariant foreground = index.data(Qt::ForegroundRole); foreground.isValid() && !selected)
        color = foreground.value<QBrush>().color();
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;

    // An antialiased line with round joins costs a trigonometric call per vertex: scrolling
    // 10,000 rows draws each line once into a pixmap and only copies it afterwards. The model's
    // revision of the row's trend says when a pixmap is out of date.
    const QVariant revision = index.data(KeyTableModel::TrendRevisionRole);
    if (revision.isValid() && cell.width() > 0 && cell.height() > 0) {
        const QString key = QStringLiteral("qw-spark:%1:%2:%3:%4x%5@%6:%7")
                                .arg(quintptr(index.model()), 0, 16)
                                .arg(index.data(KeyTableModel::KeyIdRole).toLongLong())
                                .arg(revision.toULongLong())
                                .arg(cell.width())
                                .arg(cell.height())
                                .arg(ratio)
                                .arg(color.rgba(), 0, 16);
        QPixmap line;
        if (!QPixmapCache::find(key, &line)) {
            line = QPixmap((QSizeF(cell.size()) * ratio).toSize());
            line.setDevicePixelRatio(ratio);
            line.fill(Qt::transparent);
            QPainter linePainter(&line);
            drawLine(&linePainter, QRect(QPoint(0, 0), cell.size()), index, color, ratio);
            linePainter.end();
            QPixmapCache::insert(key, line);
        }
        painter->drawPixmap(cell.topLeft(), line);
    } else {
        drawLine(painter, cell, index, color, ratio);
    }
    painter->restore();
}

void SparklineDelegate::drawLine(QPainter *painter, const QRect &cell, const QModelIndex &index,
                                 const QColor &color, qreal ratio)
{
    const auto points = index.data(KeyTableModel::TrendRole).value<QList<QPointF>>();
    const QRectF area = QRectF(cell).adjusted(kMarginX, kMarginY, -kMarginX, -kMarginY);
    if (points.isEmpty() || area.width() <= 0 || area.height() <= 0)
        return;
    // One point per device pixel is all a screen can show (two on a 2x display).
    const int maxPoints = std::max(3, int(std::ceil(area.width() * ratio)));
    const QPolygonF line = polyline(points, area, maxPoints);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, kLineWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    if (line.size() > 1)
        painter->drawPolyline(line);
    // The latest reading as a dot, so a one-point series shows too.
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawEllipse(line.back(), kLineWidth + 0.5, kLineWidth + 0.5);
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 100));
    return size;
}

} // namespace qw::ui
