#include "ui/theme.h"

#include "ui/preferences.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace qw::ui {

namespace {

// What the platform gave before QuotaWatch changed anything: "System" goes back to it.
struct SystemLook
{
    QPalette palette;
    QString styleName;
};

const SystemLook &systemLook()
{
    static const SystemLook look{QApplication::palette(),
                                 QApplication::style() ? QApplication::style()->name() : QString()};
    return look;
}

void setStyle(const QString &name)
{
    if (QApplication::style() && QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0)
        return;
    if (QStyle *style = QStyleFactory::create(name))
        QApplication::setStyle(style); // the application owns it
}

} // namespace

Theme::Choice Theme::fromSetting(const QString &value)
{
    if (value == QLatin1String("dark"))
        return Choice::Dark;
    if (value == QLatin1String("light"))
        return Choice::Light;
    return Choice::System;
}

QString Theme::toSetting(Choice choice)
{
    switch (choice) {
    case Choice::Dark:
        return QStringLiteral("dark");
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::System:
        break;
    }
    return QString();
}

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool Theme::systemPrefersDark()
{
    const SystemLook &look = systemLook();
    if (isDark(look.palette))
        return true;
    // A dark desktop whose Qt platform theme does not pass its palette on (a plain X session, a
    // GTK desktop without the Qt GTK platform theme) still names it: GTK_THEME=Adwaita:dark, a
    // style such as kvantum-dark.
    const auto namesDark = [](const QString &text) {
        return text.contains(QLatin1String("dark"), Qt::CaseInsensitive);
    };
    return namesDark(qEnvironmentVariable("GTK_THEME")) || namesDark(look.styleName) ||
           namesDark(qEnvironmentVariable("QT_STYLE_OVERRIDE"));
}

QPalette Theme::darkPalette()
{
    // Fusion's dark colours; text on them passes WCAG AA (checked by the widget tests).
    QPalette palette;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x8a, 0x8a, 0x8a);
    const QColor highlight(0x2f, 0x65, 0xca);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabledText);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    palette.setColor(QPalette::Midlight, QColor(0x3e, 0x3e, 0x3e));
    palette.setColor(QPalette::Mid, QColor(0x2f, 0x2f, 0x2f));
    palette.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1a));
    palette.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb3, 0x8c, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x44, 0x44, 0x44));
    return palette;
}

QPalette Theme::lightPalette()
{
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"))) {
        const QPalette palette = fusion->standardPalette();
        delete fusion;
        return palette;
    }
    return QPalette(Qt::black, QColor(0xef, 0xef, 0xef));
}

void Theme::apply(Choice choice)
{
    const SystemLook &look = systemLook(); // read before the first change
    switch (choice) {
    case Choice::Dark:
        setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        return;
    case Choice::Light:
        // A light system keeps its own style; a dark one gets Fusion's light colours.
        if (isDark(look.palette)) {
            setStyle(QStringLiteral("Fusion"));
            QApplication::setPalette(lightPalette());
        } else {
            setStyle(look.styleName);
            QApplication::setPalette(look.palette);
        }
        return;
    case Choice::System: {
        setStyle(look.styleName);
        // A dark style or GTK theme named without a dark palette: give it one. Otherwise the
        // platform's own palette, left unset while unchanged so it can still follow the system.
        const QPalette wanted = systemPrefersDark() && !isDark(look.palette) ? darkPalette() : look.palette;
        if (QApplication::palette() != wanted)
            QApplication::setPalette(wanted);
        return;
    }
    }
}

void Theme::applySaved()
{
    apply(fromSetting(Preferences::theme()));
}

} // namespace qw::ui
