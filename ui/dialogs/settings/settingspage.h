// One page of the settings window. A page loads its fields when it is made; the window asks every
// page to check its fields, then writes them (see SettingsDialog::apply()).
#pragma once

#include "core/result.h"

#include <QWidget>
#include <optional>

class QLabel;

namespace qw::ui::settings {

class SettingsPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    // A field that keeps the window from writing anything, and what is wrong with it.
    struct Invalid
    {
        QWidget *field;
        QString message;
    };

    explicit SettingsPage(QWidget *parent = nullptr);
    ~SettingsPage() override;

    // The page's name in the list of pages, in the current language.
    [[nodiscard]] virtual QString title() const = 0;
    // The first field whose value cannot be written, if any.
    [[nodiscard]] virtual std::optional<Invalid> check() const;
    // Writes what changed that can fail to be written (the shared database, the autostart file).
    // Every page does this before any preference is written, so a failure leaves those as they
    // were; the message says what was not written.
    [[nodiscard]] virtual Result<void> saveShared();
    // Writes what changed in this machine's preferences; called only when check() and
    // saveShared() of every page succeeded.
    virtual void savePreferences();

    // `text` in `label`, red when it is an error; hidden when empty.
    static void showStatus(QLabel *label, const QString &text, bool error);

protected:
    virtual void retranslateUi() = 0;
    void changeEvent(QEvent *event) override;

    // A word-wrapped note in the palette's quieter colour.
    [[nodiscard]] static QLabel *hintLabel(QWidget *parent);
};

} // namespace qw::ui::settings
