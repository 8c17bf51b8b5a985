// Paints the key table's trend column: the TrendRole series as a thin antialiased line scaled
// to the cell, reduced with LTTB to about one point per device pixel when it is longer, and kept
// as a pixmap (QPixmapCache) while the row's TrendRevisionRole stays the same.
#pragma once

#include <QList>
#include <QPointF>
#include <QPolygonF>
#include <QStyledItemDelegate>

namespace qw::ui {

class SparklineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SparklineDelegate)

public:
    explicit SparklineDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // `points` (x = ms, y = amount) reduced to at most `maxPoints` (LTTB) and mapped into `area`,
    // larger y up. A flat series is drawn across the middle.
    [[nodiscard]] static QPolygonF polyline(const QList<QPointF> &points, const QRectF &area, int maxPoints);
    // The row's TrendRole series as a line in `cell`, its latest point as a dot; nothing when the
    // series is empty. Also the Level cell's picture of a key with nothing to measure against.
    static void drawLine(QPainter *painter, const QRect &cell, const QModelIndex &index, const QColor &color,
                         qreal ratio);
};

} // namespace qw::ui
