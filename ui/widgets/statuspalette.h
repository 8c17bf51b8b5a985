// The colours of error and warning text, derived from the palette the text is drawn on, so that
// they stay readable on a light theme and a dark one alike (a fixed dark red vanishes on a dark
// Fusion window).
#pragma once

#include <QColor>
#include <QPalette>

namespace qw::ui {

class StatusPalette final
{
public:
    // The least contrast text gets against its background (WCAG 2's level AA for normal text).
    static constexpr double kMinContrast = 4.5;

    // A red, and an amber, at least kMinContrast against `palette`'s `background` role.
    [[nodiscard]] static QColor error(const QPalette &palette,
                                      QPalette::ColorRole background = QPalette::Window);
    [[nodiscard]] static QColor warning(const QPalette &palette,
                                        QPalette::ColorRole background = QPalette::Window);
    // WCAG 2 contrast ratio of two opaque colours, 1 (the same) to 21 (black on white).
    [[nodiscard]] static double contrast(const QColor &a, const QColor &b);

private:
    [[nodiscard]] static QColor readable(QColor hue, const QColor &background);
};

} // namespace qw::ui
