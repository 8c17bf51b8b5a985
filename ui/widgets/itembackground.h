// The item's background, selection highlight and focus frame as the style draws them, without
// text or icon: what a delegate that paints its own content draws first.
#pragma once

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionViewItem>

namespace qw::ui {

inline void drawItemBackground(QPainter *painter, QStyleOptionViewItem &option)
{
    option.text.clear();
    option.icon = QIcon();
    option.features &= ~QStyleOptionViewItem::HasDisplay;
    option.features &= ~QStyleOptionViewItem::HasDecoration;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);
}

} // namespace qw::ui
