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
    // The URL the page describes, never with a password in it (one typed into the URL goes to
    // the password); an error when the fields do not make one.
    [[nodiscard]] Result<QString> urlFromFields() const;
    // The PostgreSQL password: the password field, else one typed into the URL.
    [[nodiscard]] QString passwordFromFields() const;
    void testConnection();
    void showConnectionStatus(const QString &text, bool error);

    Session &m_session;
    QString m_savedUrl;
    bool m_testRunning = false;
    // The password as loaded or last kept in the keychain: only a changed one is written.
    QString m_savedPassword;

    QLabel *m_databaseInUse = nullptr;
    QGroupBox *m_databaseBox = nullptr;
    QRadioButton *m_sqlite = nullptr;
    QLineEdit *m_sqlitePath = nullptr;
    QPushButton *m_sqliteBrowse = nullptr;
    QRadioButton *m_postgres = nullptr;
    QLineEdit *m_postgresUrl = nullptr;
    QLabel *m_postgresPasswordLabel = nullptr;
    QLineEdit *m_postgresPassword = nullptr;
    QPushButton *m_testConnection = nullptr;
    QLabel *m_connectionStatus = nullptr;
    QLabel *m_databaseHint = nullptr;
    QLabel *m_restartNote = nullptr;
};

} // namespace qw::ui::settings
