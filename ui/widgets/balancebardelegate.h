// Paints the key table's level column: a thin rounded bar filled to FractionRole, green, amber or
// red by the row's health, in colours that read on light and dark palettes and under selection;
// a quiet dash when the key has neither a limit nor a threshold to measure against (the trend
// beside it tells how it goes, the cell's tooltip says why).
#pragma once

#include "ui/keyhealth.h"

#include <QStyledItemDelegate>

namespace qw::ui {

class BalanceBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BalanceBarDelegate)

public:
    explicit BalanceBarDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The fill colour for `health` on `palette`: brighter on dark backgrounds.
    [[nodiscard]] static QColor fillColor(KeyHealth health, const QPalette &palette);
};

} // namespace qw::ui
