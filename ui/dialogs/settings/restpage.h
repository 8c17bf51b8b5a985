// Settings, "REST API": whether the desktop serves the REST API, where (address, port, other
// machines, HTTPS files, public /metrics) and where it listens now; the local owner's API password
// and personal access tokens, so scripts reach the same keys through the API. The server settings
// are written on OK/Apply (then the server restarts with them); the password and the tokens, like
// channels, are changed at once.
#pragma once

#include "ui/dialogs/settings/settingspage.h"

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace qw {
class Session;
}

namespace qw::ui {
class DesktopRestServer;
}

namespace qw::ui::settings {

class RestPage final : public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestPage)

public:
    // `server` may be null (no running app to restart, as in some tests).
    explicit RestPage(Session &session, DesktopRestServer *server = nullptr, QWidget *parent = nullptr);
    ~RestPage() override;

    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::optional<Invalid> check() const override;
    void savePreferences() override;

    // Sets the owner's password from the two fields (both must match); false with the reason shown.
    bool setPassword();
    // Asks for a name, creates a token for the owner and shows it once.
    void createToken();
    // Revokes the selected token after asking.
    void revokeSelectedToken();

protected:
    void retranslateUi() override;

private:
    struct Saved
    {
        bool enabled = false;
        QString address;
        int port = 0;
        bool allowRemote = false;
        QString certificate;
        QString key;
        bool metricsPublic = false;
    };

    void load();
    [[nodiscard]] Saved current() const;
    void refreshListening();
    void refreshRemoteWarning();
    void refreshPasswordState();
    void refreshTokens();
    void refreshTokenButtons();
    void browse(QLineEdit *field, const QString &caption);

    Session &m_session;
    DesktopRestServer *m_server = nullptr;
    Saved m_saved;

    QGroupBox *m_restBox = nullptr;
    QCheckBox *m_restEnabled = nullptr;
    QLabel *m_restAddressLabel = nullptr;
    QLineEdit *m_restAddress = nullptr;
    QLabel *m_restPortLabel = nullptr;
    QSpinBox *m_restPort = nullptr;
    QCheckBox *m_allowRemote = nullptr;
    QLabel *m_remoteWarning = nullptr;
    QLabel *m_certificateLabel = nullptr;
    QLineEdit *m_certificate = nullptr;
    QPushButton *m_browseCertificate = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_browseKey = nullptr;
    QCheckBox *m_metricsPublic = nullptr;
    QLabel *m_listeningLabel = nullptr;
    QLabel *m_listening = nullptr;
    QLabel *m_restHint = nullptr;

    QGroupBox *m_passwordBox = nullptr;
    QLabel *m_passwordState = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_passwordRepeatLabel = nullptr;
    QLineEdit *m_passwordRepeat = nullptr;
    QPushButton *m_setPassword = nullptr;
    QLabel *m_passwordStatus = nullptr;

    QGroupBox *m_tokensBox = nullptr;
    QLabel *m_tokensHint = nullptr;
    QTableWidget *m_tokens = nullptr;
    QPushButton *m_createToken = nullptr;
    QPushButton *m_revokeToken = nullptr;
    QLabel *m_tokenStatus = nullptr;
};

} // namespace qw::ui::settings
