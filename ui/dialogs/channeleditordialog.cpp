#include "ui/dialogs/channeleditordialog.h"

#include "core/session/session.h"
#include "ui/widgets/statuspalette.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace qw::ui {

namespace {

constexpr ChannelKind kKinds[] = {ChannelKind::Email,    ChannelKind::Webhook,  ChannelKind::Slack,
                                  ChannelKind::Discord,  ChannelKind::Telegram, ChannelKind::Feishu,
                                  ChannelKind::DingTalk, ChannelKind::WeCom};
constexpr AlertKind kEvents[] = {AlertKind::LowBalance, AlertKind::KeyFailing,    AlertKind::Recovered,
                                 AlertKind::TopUp,      AlertKind::ForecastEmpty, AlertKind::SpendSpike};

const QString kHost = QStringLiteral("host");
const QString kPort = QStringLiteral("port");
const QString kSecurity = QStringLiteral("security");
const QString kUser = QStringLiteral("user");
const QString kFrom = QStringLiteral("from");
const QString kTo = QStringLiteral("to");
const QString kCaFile = QStringLiteral("ca_file");
const QString kEventsKey = QStringLiteral("events");
const QString kOptions = QStringLiteral("options");
const QString kChatId = QStringLiteral("chat_id");
const QString kParseMode = QStringLiteral("parse_mode");
const QString kPassword = QStringLiteral("password");
const QString kUrl = QStringLiteral("url");
const QString kSecret = QStringLiteral("secret");

bool hasSecret(const QJsonObject &secrets, const QString &name)
{
    return !secrets.value(name).toString().isEmpty();
}

bool takesSigningSecret(ChannelKind kind)
{
    return kind == ChannelKind::DingTalk || kind == ChannelKind::Feishu;
}

} // namespace

ChannelEditorDialog::ChannelEditorDialog(Session &session, qint64 channelId, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_channelId(channelId)
{
    buildUi();
    retranslateUi();
    load();
    updateKindFields();
    // Room for a webhook URL and the hints without a tall, narrow window.
    resize(std::max(sizeHint().width(), fontMetrics().averageCharWidth() * 100), sizeHint().height());
}

ChannelEditorDialog::~ChannelEditorDialog() = default;

void ChannelEditorDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *general = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("channelName"));
    m_nameLabel = new QLabel(this);
    m_nameLabel->setBuddy(m_name);
    general->addRow(m_nameLabel, m_name);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("channelKind"));
    for (const ChannelKind kind : kKinds)
        m_kind->addItem(QString(), int(kind));
    m_kind->setCurrentIndex(m_kind->findData(int(ChannelKind::Webhook)));
    m_kindLabel = new QLabel(this);
    m_kindLabel->setBuddy(m_kind);
    general->addRow(m_kindLabel, m_kind);
    layout->addLayout(general);

    m_pages = new QStackedWidget(this);

    // E-mail.
    auto *emailPage = new QWidget(m_pages);
    m_emailForm = new QFormLayout(emailPage);
    m_emailForm->setContentsMargins(0, 0, 0, 0);
    auto addEmailRow = [&](QLabel *&label, QWidget *field, const char *name) {
        field->setObjectName(QLatin1String(name));
        label = new QLabel(emailPage);
        label->setBuddy(field);
        m_emailForm->addRow(label, field);
    };
    m_host = new QLineEdit(emailPage);
    addEmailRow(m_hostLabel, m_host, "emailHost");
    m_port = new QSpinBox(emailPage);
    m_port->setRange(0, 65535);
    addEmailRow(m_portLabel, m_port, "emailPort");
    m_security = new QComboBox(emailPage);
    for (const char *security : {"starttls", "tls", "none"})
        m_security->addItem(QString(), QLatin1String(security));
    addEmailRow(m_securityLabel, m_security, "emailSecurity");
    m_user = new QLineEdit(emailPage);
    addEmailRow(m_userLabel, m_user, "emailUser");
    m_password = new QLineEdit(emailPage);
    m_password->setEchoMode(QLineEdit::Password);
    addEmailRow(m_passwordLabel, m_password, "emailPassword");
    m_from = new QLineEdit(emailPage);
    addEmailRow(m_fromLabel, m_from, "emailFrom");
    m_to = new QLineEdit(emailPage);
    addEmailRow(m_toLabel, m_to, "emailTo");
    auto *caRow = new QWidget(emailPage);
    auto *caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    m_caFile = new QLineEdit(caRow);
    m_caFile->setObjectName(QStringLiteral("emailCaFile"));
    m_caBrowse = new QPushButton(caRow);
    caLayout->addWidget(m_caFile, 1);
    caLayout->addWidget(m_caBrowse);
    m_caFileLabel = new QLabel(emailPage);
    m_caFileLabel->setBuddy(m_caFile);
    m_emailForm->addRow(m_caFileLabel, caRow);
    m_pages->addWidget(emailPage);

    // Webhooks. A grid rather than a form: rows come and go with the kind, and Qt 6.4's
    // QFormLayout::setRowVisible corrupts memory next to a word-wrapped label.
    auto *webhookPage = new QWidget(m_pages);
    auto *webhookGrid = new QGridLayout(webhookPage);
    webhookGrid->setContentsMargins(0, 0, 0, 0);
    webhookGrid->setColumnStretch(1, 1);
    int row = 0;
    auto addWebhookRow = [&](QLabel *&label, QWidget *field, const char *name) {
        field->setObjectName(QLatin1String(name));
        label = new QLabel(webhookPage);
        label->setBuddy(field);
        webhookGrid->addWidget(label, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
        webhookGrid->addWidget(field, row, 1, 1, 2);
        ++row;
    };
    m_url = new QLineEdit(webhookPage);
    // The URL's path or query is the credential: masked like a password unless asked.
    m_url->setEchoMode(QLineEdit::Password);
    m_url->setObjectName(QStringLiteral("webhookUrl"));
    m_urlLabel = new QLabel(webhookPage);
    m_urlLabel->setBuddy(m_url);
    m_showUrl = new QCheckBox(webhookPage);
    m_showUrl->setObjectName(QStringLiteral("showWebhookUrl"));
    webhookGrid->addWidget(m_urlLabel, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
    webhookGrid->addWidget(m_url, row, 1);
    webhookGrid->addWidget(m_showUrl, row, 2);
    ++row;
    m_urlHint = new QLabel(webhookPage);
    m_urlHint->setWordWrap(true);
    m_urlHint->setForegroundRole(QPalette::PlaceholderText);
    webhookGrid->addWidget(m_urlHint, row++, 1, 1, 2);
    m_chatId = new QLineEdit(webhookPage);
    addWebhookRow(m_chatIdLabel, m_chatId, "telegramChatId");
    m_parseMode = new QComboBox(webhookPage);
    for (const char *mode : {"", "HTML", "MarkdownV2", "Markdown"})
        m_parseMode->addItem(QLatin1String(mode), QLatin1String(mode));
    addWebhookRow(m_parseModeLabel, m_parseMode, "telegramParseMode");
    m_signingSecret = new QLineEdit(webhookPage);
    m_signingSecret->setEchoMode(QLineEdit::Password);
    addWebhookRow(m_signingSecretLabel, m_signingSecret, "signingSecret");
    webhookGrid->setRowStretch(row, 1);
    m_pages->addWidget(webhookPage);
    layout->addWidget(m_pages);

    m_eventsBox = new QGroupBox(this);
    auto *eventsLayout = new QGridLayout(m_eventsBox);
    int index = 0;
    for (const AlertKind event : kEvents) {
        auto *box = new QCheckBox(m_eventsBox);
        box->setObjectName(QStringLiteral("event_") + toString(event));
        box->setProperty("event", toString(event));
        eventsLayout->addWidget(box, index / 2, index % 2);
        m_events << box;
        ++index;
    }
    m_eventsHint = new QLabel(m_eventsBox);
    m_eventsHint->setWordWrap(true);
    m_eventsHint->setForegroundRole(QPalette::PlaceholderText);
    eventsLayout->addWidget(m_eventsHint, (index + 1) / 2, 0, 1, 2);
    layout->addWidget(m_eventsBox);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("channelStatus"));
    m_status->setWordWrap(true);
    // Test results quote mail and webhook servers: text, never markup.
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    layout->addWidget(m_status);
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_testButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_testButton->setObjectName(QStringLiteral("sendTestButton"));
    // Enter in a field saves; the test send is a deliberate click or its mnemonic.
    m_testButton->setAutoDefault(false);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ChannelEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ChannelEditorDialog::reject);
    connect(m_testButton, &QPushButton::clicked, this, &ChannelEditorDialog::sendTest);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ChannelEditorDialog::updateKindFields);
    connect(m_showUrl, &QCheckBox::toggled, this,
            [this](bool shown) { m_url->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_caBrowse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Certificate authorities (PEM)"), m_caFile->text(),
                                         tr("PEM files (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    connect(m_security, &QComboBox::currentIndexChanged, this, [this] {
        m_port->setSpecialValueText(m_security->currentData().toString() == QLatin1String("tls")
                                        ? tr("Default (465)")
                                        : tr("Default (587)"));
    });
}

void ChannelEditorDialog::retranslateUi()
{
    setWindowTitle(m_channelId == 0 ? tr("Add Notification Channel") : tr("Edit Notification Channel"));
    m_nameLabel->setText(tr("&Name:"));
    m_name->setPlaceholderText(tr("e.g. Team alerts"));
    m_kindLabel->setText(tr("&Kind:"));
    const QStringList kindNames = {tr("E-mail"),   tr("Webhook (QuotaWatch JSON)"),
                                   tr("Slack"),    tr("Discord"),
                                   tr("Telegram"), tr("Feishu / Lark"),
                                   tr("DingTalk"), tr("WeCom")};
    for (int i = 0; i < m_kind->count() && i < kindNames.size(); ++i)
        m_kind->setItemText(i, kindNames.at(i));

    m_hostLabel->setText(tr("SMTP ser&ver:"));
    m_host->setPlaceholderText(tr("smtp.example.com"));
    m_portLabel->setText(tr("&Port:"));
    m_port->setSpecialValueText(m_security->currentData().toString() == QLatin1String("tls")
                                    ? tr("Default (465)")
                                    : tr("Default (587)"));
    m_securityLabel->setText(tr("S&ecurity:"));
    m_security->setItemText(0, tr("STARTTLS"));
    m_security->setItemText(1, tr("TLS"));
    m_security->setItemText(2, tr("None (unencrypted)"));
    m_userLabel->setText(tr("&User name:"));
    m_user->setPlaceholderText(tr("Leave empty when the server needs no login"));
    m_passwordLabel->setText(tr("Pass&word:"));
    m_fromLabel->setText(tr("Fro&m:"));
    m_from->setPlaceholderText(tr("alerts@example.com"));
    m_toLabel->setText(tr("Rec&ipients (To):"));
    m_to->setPlaceholderText(tr("Addresses separated by commas"));
    m_caFileLabel->setText(tr("&CA file:"));
    m_caFile->setPlaceholderText(tr("Optional: for a server with its own certificate"));
    m_caBrowse->setText(tr("&Browse…"));

    m_urlLabel->setText(tr("&URL:"));
    m_showUrl->setText(tr("S&how"));
    m_chatIdLabel->setText(tr("Chat &ID:"));
    m_chatId->setPlaceholderText(tr("A chat number or @channel name"));
    m_parseModeLabel->setText(tr("&Parse mode:"));
    m_parseMode->setItemText(0, tr("Plain text"));
    m_signingSecretLabel->setText(tr("Signing se&cret:"));

    m_eventsBox->setTitle(tr("Alerts to send"));
    const QStringList eventNames = {tr("&Low balance"), tr("Key &failing"),      tr("&Recovered"),
                                    tr("T&op-up"),      tr("Running &dry soon"), tr("Spendin&g spike")};
    for (int i = 0; i < m_events.size() && i < eventNames.size(); ++i)
        m_events.at(i)->setText(eventNames.at(i));
    m_eventsHint->setText(tr("None checked: every alert."));

    m_buttons->button(QDialogButtonBox::Save)->setText(tr("&Save"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_testButton->setText(tr("Send &test"));
    updateKindFields();
}

void ChannelEditorDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ChannelEditorDialog::load()
{
    if (m_channelId == 0)
        return;
    auto found = m_session.channels().get(m_channelId);
    if (!found) {
        showStatus(found.error().code == ErrorCode::NotFound
                       ? tr("This channel no longer exists; it may have been removed elsewhere.")
                       : tr("The channel cannot be read: %1").arg(found.error().message),
                   true);
        m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
        m_testButton->setEnabled(false);
        return;
    }
    m_stored = *found;
    const Channel &channel = *m_stored;
    if (auto secrets = m_session.channels().openSecrets(channel))
        m_storedSecrets = *secrets;
    else
        showStatus(tr("The stored secrets of this channel cannot be opened (%1). Enter them again.")
                       .arg(secrets.error().message),
                   true);

    m_name->setText(channel.name);
    m_kind->setCurrentIndex(m_kind->findData(int(channel.kind)));
    const QJsonObject &settings = channel.settings;
    if (channel.kind == ChannelKind::Email) {
        m_host->setText(settings.value(kHost).toString());
        m_port->setValue(settings.value(kPort).toInt(0));
        const int security =
            m_security->findData(settings.value(kSecurity).toString(QStringLiteral("starttls")));
        m_security->setCurrentIndex(std::max(security, 0));
        m_user->setText(settings.value(kUser).toString());
        m_from->setText(settings.value(kFrom).toString());
        QStringList to;
        const QJsonArray recipients = settings.value(kTo).toArray();
        for (const QJsonValue &address : recipients)
            to << address.toString();
        m_to->setText(to.join(QStringLiteral(", ")));
        m_caFile->setText(settings.value(kCaFile).toString());
    } else {
        const QJsonObject options = settings.value(kOptions).toObject();
        m_chatId->setText(options.value(kChatId).toVariant().toString());
        const int mode = m_parseMode->findData(options.value(kParseMode).toString());
        m_parseMode->setCurrentIndex(std::max(mode, 0));
    }
    const QJsonArray events = settings.value(kEventsKey).toArray();
    for (QCheckBox *box : std::as_const(m_events))
        box->setChecked(events.contains(box->property("event").toString()));
}

ChannelKind ChannelEditorDialog::kind() const
{
    return ChannelKind(m_kind->currentData().toInt());
}

void ChannelEditorDialog::updateKindFields()
{
    const ChannelKind current = kind();
    const bool email = current == ChannelKind::Email;
    m_pages->setCurrentIndex(email ? 0 : 1);
    // The stack takes the size of the page shown, not of the largest one.
    for (int i = 0; i < m_pages->count(); ++i)
        m_pages->widget(i)->setSizePolicy(QSizePolicy::Preferred, i == m_pages->currentIndex()
                                                                      ? QSizePolicy::Preferred
                                                                      : QSizePolicy::Ignored);
    for (QWidget *telegramOnly :
         std::initializer_list<QWidget *>{m_chatIdLabel, m_chatId, m_parseModeLabel, m_parseMode})
        telegramOnly->setVisible(current == ChannelKind::Telegram);
    m_signingSecretLabel->setVisible(takesSigningSecret(current));
    m_signingSecret->setVisible(takesSigningSecret(current));

    // Only a secret stored for this same kind can be kept by leaving its field empty.
    const bool sameKind = m_stored && m_stored->kind == current;
    const auto keepHint = [&](const QString &name, const QString &keep, const QString &otherwise) {
        return sameKind && hasSecret(m_storedSecrets, name) ? keep : otherwise;
    };
    m_password->setPlaceholderText(
        keepHint(kPassword, tr("Leave empty to keep the stored password"), QString()));
    m_url->setPlaceholderText(
        keepHint(kUrl, tr("Leave empty to keep the stored URL"), QStringLiteral("https://…")));
    m_signingSecret->setPlaceholderText(
        keepHint(kSecret, tr("Leave empty to keep the stored secret"), tr("Optional, e.g. SEC…")));

    QString hint;
    switch (current) {
    case ChannelKind::Email:
        break;
    case ChannelKind::Webhook:
        hint = tr("QuotaWatch posts its JSON alert payload to this URL.");
        break;
    case ChannelKind::Slack:
        hint = tr("An incoming-webhook URL: https://hooks.slack.com/services/…");
        break;
    case ChannelKind::Discord:
        hint = tr("A channel webhook URL: https://discord.com/api/webhooks/…");
        break;
    case ChannelKind::Telegram:
        hint = tr("The bot API URL with your bot's token: https://api.telegram.org/bot<token>");
        break;
    case ChannelKind::Feishu:
        hint = tr("The custom bot's webhook URL: https://open.feishu.cn/open-apis/bot/v2/hook/…");
        break;
    case ChannelKind::DingTalk:
        hint = tr("The custom robot's URL: https://oapi.dingtalk.com/robot/send?access_token=…");
        break;
    case ChannelKind::WeCom:
        hint = tr("The group robot's URL: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…");
        break;
    }
    if (!email)
        hint +=
            u'\n' + tr("Anyone with this URL can post to it: it is stored encrypted and not shown again.");
    m_urlHint->setText(hint);
}

Result<ChannelDraft> ChannelEditorDialog::draft() const
{
    ChannelDraft draft;
    draft.kind = kind();
    draft.name = m_name->text().trimmed();
    if (draft.name.isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Give the channel a name."));

    // Start from what is stored, so options and secrets this dialog does not show (a generic
    // webhook's extra headers, a timeout set on the command line) survive an edit.
    const bool sameKind = m_stored && m_stored->kind == draft.kind;
    QJsonObject settings = sameKind ? m_stored->settings : QJsonObject();
    QJsonObject secrets = sameKind ? m_storedSecrets : QJsonObject();

    QStringList events;
    for (const QCheckBox *box : m_events) {
        if (box->isChecked())
            events << box->property("event").toString();
    }
    settings.remove(kEventsKey);
    if (!events.isEmpty())
        settings.insert(kEventsKey, QJsonArray::fromStringList(events));

    if (draft.kind == ChannelKind::Email) {
        for (const QString &key : {kHost, kPort, kSecurity, kUser, kFrom, kTo, kCaFile})
            settings.remove(key);
        const QString host = m_host->text().trimmed();
        if (host.isEmpty())
            return fail(ErrorCode::InvalidInput, tr("Enter the SMTP server's host name."));
        settings.insert(kHost, host);
        if (m_port->value() > 0)
            settings.insert(kPort, m_port->value());
        settings.insert(kSecurity, m_security->currentData().toString());
        const QString user = m_user->text().trimmed();
        if (!user.isEmpty())
            settings.insert(kUser, user);
        const QString from = m_from->text().trimmed();
        if (from.isEmpty())
            return fail(ErrorCode::InvalidInput, tr("Enter the sender's address (From)."));
        settings.insert(kFrom, from);
        QStringList to;
        for (const QString &address : m_to->text().split(u',', Qt::SkipEmptyParts)) {
            if (!address.trimmed().isEmpty())
                to << address.trimmed();
        }
        if (to.isEmpty())
            return fail(ErrorCode::InvalidInput, tr("Enter at least one recipient (To)."));
        settings.insert(kTo, QJsonArray::fromStringList(to));
        if (!m_caFile->text().trimmed().isEmpty())
            // Absolute: `quotawatch serve` and the desktop app send from other folders.
            settings.insert(kCaFile, QFileInfo(m_caFile->text().trimmed()).absoluteFilePath());
        if (!m_password->text().isEmpty())
            secrets.insert(kPassword, m_password->text());
        if (user.isEmpty())
            secrets.remove(kPassword);
        else if (!hasSecret(secrets, kPassword))
            return fail(ErrorCode::InvalidInput, tr("Enter the password for %1.").arg(user));
    } else {
        settings.remove(kHost); // the display summary; sealing works it out again
        const QString url = m_url->text().trimmed();
        if (!url.isEmpty())
            secrets.insert(kUrl, url);
        else if (!hasSecret(secrets, kUrl))
            return fail(ErrorCode::InvalidInput, tr("Enter the webhook URL."));
        QJsonObject options = settings.value(kOptions).toObject();
        if (draft.kind == ChannelKind::Telegram) {
            const QString chatId = m_chatId->text().trimmed();
            if (chatId.isEmpty())
                return fail(ErrorCode::InvalidInput,
                            tr("Enter the Telegram chat ID: the chat number (ask @userinfobot) or an "
                               "@channel name."));
            options.insert(kChatId, chatId);
            const QString mode = m_parseMode->currentData().toString();
            if (mode.isEmpty())
                options.remove(kParseMode);
            else
                options.insert(kParseMode, mode);
        }
        settings.remove(kOptions);
        if (!options.isEmpty())
            settings.insert(kOptions, options);
        if (takesSigningSecret(draft.kind) && !m_signingSecret->text().trimmed().isEmpty())
            secrets.insert(kSecret, m_signingSecret->text().trimmed());
    }
    draft.settings = settings;
    draft.secrets = secrets;
    return draft;
}

Result<Channel> ChannelEditorDialog::sealed() const
{
    auto fields = draft();
    if (!fields)
        return tl::unexpected(fields.error());
    auto channel = m_session.channels().seal(*fields);
    if (!channel)
        return channel;
    if (m_stored) {
        channel->id = m_stored->id;
        channel->userId = m_stored->userId;
        channel->enabled = m_stored->enabled;
        channel->createdAt = m_stored->createdAt;
    }
    return channel;
}

void ChannelEditorDialog::accept()
{
    auto fields = draft();
    if (!fields) {
        showStatus(tr("Not saved: %1").arg(fields.error().message), true);
        return;
    }
    ChannelService &channels = m_session.channels();
    if (m_stored) {
        if (auto updated = channels.update(m_stored->id, *fields, m_stored->enabled); !updated) {
            showStatus(
                updated.error().code == ErrorCode::NotFound
                    ? tr("Not saved: this channel no longer exists; it may have been removed elsewhere.")
                    : tr("Not saved: %1").arg(updated.error().message),
                true);
            return;
        }
    } else {
        auto id = channels.add(*fields);
        if (!id) {
            showStatus(tr("Not saved: %1").arg(id.error().message), true);
            return;
        }
        m_channelId = *id;
    }
    emit channelSaved(m_channelId);
    QDialog::accept();
}

void ChannelEditorDialog::sendTest()
{
    if (m_testing)
        return;
    auto channel = sealed();
    if (!channel) {
        const QString message = tr("Cannot send a test: %1").arg(channel.error().message);
        showStatus(message, true);
        emit testFinished(false, message);
        return;
    }
    m_testing = true;
    m_testButton->setEnabled(false);
    showStatus(tr("Sending a test message…"), false);
    // The session's sender outlives this dialog: a reply after it closed goes nowhere.
    m_session.channels().sendTest(*channel,
                                  [self = QPointer<ChannelEditorDialog>(this)](Result<void> result) {
                                      if (self)
                                          self->finishTest(result);
                                  });
}

void ChannelEditorDialog::finishTest(const Result<void> &result)
{
    m_testing = false;
    m_testButton->setEnabled(true);
    const QString message = result ? tr("The test message was sent. Check that it arrived.")
                                   : tr("The test message was not sent: %1").arg(result.error().message);
    showStatus(message, !result);
    emit testFinished(result.has_value(), message);
}

void ChannelEditorDialog::showStatus(const QString &text, bool error)
{
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, error ? StatusPalette::error(this->palette())
                                                 : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

} // namespace qw::ui
