// Settings, "Database": the database the next start uses (a SQLite file or a PostgreSQL server),
// with a test connection; the one in use stays until a restart.
#pragma once

#include "ui/dialogs/settings/settingspage.h"

class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace qw {
class Session;
}

namespace qw::ui {} // namespace qw::ui

namespace qw::ui::settings {

class DatabasePage final : public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabasePage)

public:
    explicit DatabasePage(Session &session, QWidget *parent = nullptr);
    ~DatabasePage() override;

    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::optional<Invalid> check() const override;
    void savePreferences() override;

    // The URL the next start uses as saved (as the page resolves it; see urlFromFields()).
    [[nodiscard]] QString databaseUrl() const { return m_savedUrl; }

signals:
    // A test connection finished (`message` is what the page shows).
    void connectionTested(bool ok, const QString &message);

protected:
    void retranslateUi() override;

private:
    void load();
    void updateFields();
    // The URL the page describes: the stored preference when a redacted URL was left as shown;
    // an error when the fields do not make one.
    [[nodiscard]] Result<QString> urlFromFields() const;
    void testConnection();
    void showConnectionStatus(const QString &text, bool error);

    Session &m_session;
    QString m_savedUrl;
    bool m_testRunning = false;
    // The PostgreSQL URL shown with its password redacted, and the full URL it stands for.
    QString m_shownPostgresUrl;
    QString m_postgresSource;

    QLabel *m_databaseInUse = nullptr;
    QGroupBox *m_databaseBox = nullptr;
    QRadioButton *m_sqlite = nullptr;
    QLineEdit *m_sqlitePath = nullptr;
    QPushButton *m_sqliteBrowse = nullptr;
    QRadioButton *m_postgres = nullptr;
    QLineEdit *m_postgresUrl = nullptr;
    QPushButton *m_testConnection = nullptr;
    QLabel *m_connectionStatus = nullptr;
    QLabel *m_databaseHint = nullptr;
    QLabel *m_restartNote = nullptr;
};

} // namespace qw::ui::settings
