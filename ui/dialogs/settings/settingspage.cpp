#include "ui/dialogs/settings/settingspage.h"

#include "ui/widgets/statuspalette.h"

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
                     error ? StatusPalette::error(normal) : normal.color(QPalette::WindowText));
    label->setPalette(palette);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace qw::ui::settings
