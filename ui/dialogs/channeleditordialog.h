// Adds or edits one notification channel: its kind, where it delivers (an SMTP account or a
// webhook), which alerts it gets, and a test message before it is saved. Stored secrets are
// never shown again: a secret field left empty while editing keeps what is stored.
#pragma once

#include "core/alerts/channelconfig.h"
#include "core/model/channel.h"
#include "core/result.h"

#include <QDialog>
#include <QList>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace qw {
class Session;
}

namespace qw::ui {

class ChannelEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelEditorDialog)

public:
    // `channelId` 0 adds a channel; otherwise that channel is loaded for editing.
    explicit ChannelEditorDialog(Session &session, qint64 channelId = 0, QWidget *parent = nullptr);
    ~ChannelEditorDialog() override;

    // The channel being edited, or the one added once saved; 0 before a new one is saved.
    [[nodiscard]] qint64 channelId() const { return m_channelId; }

    // Checks and saves; on an error the dialog stays open and says what is wrong.
    void accept() override;

signals:
    void channelSaved(qint64 channelId);
    // A "Send test" finished: `message` is what the dialog shows.
    void testFinished(bool ok, const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void retranslateUi();
    void load();
    void updateKindFields();
    void sendTest();
    void finishTest(const Result<void> &result);
    void showStatus(const QString &text, bool error);
    [[nodiscard]] ChannelKind kind() const;
    // The channel as the fields describe it, with stored secrets merged in for empty fields.
    [[nodiscard]] Result<ChannelDraft> draft() const;
    [[nodiscard]] Result<Channel> sealed() const;

    Session &m_session;
    qint64 m_channelId = 0;
    std::optional<Channel> m_stored;
    QJsonObject m_storedSecrets;
    bool m_testing = false;

    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_kindLabel = nullptr;
    QComboBox *m_kind = nullptr;
    QStackedWidget *m_pages = nullptr;

    // E-mail.
    QFormLayout *m_emailForm = nullptr;
    QLabel *m_hostLabel = nullptr;
    QLineEdit *m_host = nullptr;
    QLabel *m_portLabel = nullptr;
    QSpinBox *m_port = nullptr;
    QLabel *m_securityLabel = nullptr;
    QComboBox *m_security = nullptr;
    QLabel *m_userLabel = nullptr;
    QLineEdit *m_user = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_fromLabel = nullptr;
    QLineEdit *m_from = nullptr;
    QLabel *m_toLabel = nullptr;
    QLineEdit *m_to = nullptr;
    QLabel *m_caFileLabel = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_caBrowse = nullptr;

    // Webhooks.
    QLabel *m_urlLabel = nullptr;
    QLineEdit *m_url = nullptr;
    QCheckBox *m_showUrl = nullptr;
    QLabel *m_urlHint = nullptr;
    QLabel *m_chatIdLabel = nullptr;
    QLineEdit *m_chatId = nullptr;
    QLabel *m_parseModeLabel = nullptr;
    QComboBox *m_parseMode = nullptr;
    QLabel *m_signingSecretLabel = nullptr;
    QLineEdit *m_signingSecret = nullptr;

    QGroupBox *m_eventsBox = nullptr;
    QList<QCheckBox *> m_events;
    QLabel *m_eventsHint = nullptr;

    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_testButton = nullptr;
};

} // namespace qw::ui
