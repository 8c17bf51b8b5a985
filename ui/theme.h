// The application's light or dark look: follows the system (its palette, or on Linux a dark
// style or GTK theme) unless Settings → Display picks Light or Dark. Qt 6.4 has no colour-scheme
// API yet, so the system's choice is read from the palette the platform gave at start.
#pragma once

#include <QPalette>
#include <QString>

namespace qw::ui {

class Theme final
{
public:
    enum class Choice
    {
        System,
        Light,
        Dark,
    };

    Theme() = delete;

    // The saved setting ("light", "dark"; anything else follows the system) and back.
    [[nodiscard]] static Choice fromSetting(const QString &value);
    [[nodiscard]] static QString toSetting(Choice choice);

    // Applies `choice` to the running application: a Fusion look with a dark or a light palette,
    // or the system's own style and palette again. Widgets get a PaletteChange (the charts and
    // the status colours follow it).
    static void apply(Choice choice);
    // Applies the saved setting (Preferences::theme()).
    static void applySaved();

    // Whether the system (as found before the first apply()) asks for a dark look.
    [[nodiscard]] static bool systemPrefersDark();
    [[nodiscard]] static bool isDark(const QPalette &palette);
    [[nodiscard]] static QPalette darkPalette();
    [[nodiscard]] static QPalette lightPalette();
};

} // namespace qw::ui
