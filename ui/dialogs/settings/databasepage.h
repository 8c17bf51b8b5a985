// Settings, "Database": the database the next start uses (a SQLite file or a PostgreSQL server),
// with a test connection; the one in use stays until a restart. Below it, the size of the
// database in use and how many days its raw checks are kept (RetentionService, shared by every
// instance on the database).
#pragma once

#include "ui/dialogs/settings/settingspage.h"

class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

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
    [[nodiscard]] Result<void> saveShared() override;
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
    // The size and retention of the database in use, read through the session.
    void loadStorage();
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
    QGroupBox *m_storageBox = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_retentionLabel = nullptr;
    QSpinBox *m_retentionDays = nullptr;
    QLabel *m_retentionHint = nullptr;
    std::optional<qint64> m_sizeBytes;
    int m_savedRetentionDays = 0; // 0: not loaded (the database did not answer)
};

} // namespace qw::ui::settings
