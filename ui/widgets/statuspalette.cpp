#include "ui/widgets/statuspalette.h"

#include <algorithm>
#include <cmath>

namespace qw::ui {

namespace {

double channel(double c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

} // namespace

double StatusPalette::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor StatusPalette::readable(QColor hue, const QColor &background)
{
    // Keep the hue and move its lightness away from the background's until the text reads:
    // lighter on a dark window, darker on a light one.
    const bool darkBackground = luminance(background) < 0.18;
    float h = 0;
    float s = 0;
    float l = 0;
    float a = 0;
    hue.getHslF(&h, &s, &l, &a);
    if (darkBackground) {
        l = std::max(l, 0.62F);
        hue.setHslF(h, s, l, 1.0F);
    }
    for (int step = 0; step < 40 && contrast(hue, background) < kMinContrast; ++step) {
        l = std::clamp(l + (darkBackground ? 0.02F : -0.02F), 0.0F, 1.0F);
        hue.setHslF(h, s, l, 1.0F);
    }
    return hue.toRgb();
}

QColor StatusPalette::error(const QPalette &palette, QPalette::ColorRole background)
{
    return readable(QColor(0xd0, 0x3b, 0x3b), palette.color(background));
}

QColor StatusPalette::warning(const QPalette &palette, QPalette::ColorRole background)
{
    return readable(QColor(0xc9, 0x8a, 0x00), palette.color(background));
}

} // namespace qw::ui
