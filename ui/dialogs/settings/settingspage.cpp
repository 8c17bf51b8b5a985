#include "ui/dialogs/settings/settingspage.h"

#include <QEvent>
#include <QLabel>

namespace qw::ui::settings {

SettingsPage::SettingsPage(QWidget *parent)
    : QWidget(parent)
{}

SettingsPage::~SettingsPage() = default;

std::optional<SettingsPage::Invalid> SettingsPage::check() const
{
    return std::nullopt;
}

Result<void> SettingsPage::saveShared()
{
    return {};
}

void SettingsPage::savePreferences() {}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QLabel *SettingsPage::hintLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

void SettingsPage::showStatus(QLabel *label, const QString &text, bool error)
{
    // The label's own palette is the one painted: the normal colour comes from around it.
    const QPalette normal = label->parentWidget() ? label->parentWidget()->palette() : QPalette();
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText,
                     error ? QColor(0xb0, 0x00, 0x20) : normal.color(QPalette::WindowText));
    label->setPalette(palette);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace qw::ui::settings
