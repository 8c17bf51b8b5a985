#include "ui/dialogs/settings/restpage.h"

#include "core/accounts/accountservice.h"
#include "core/session/session.h"
#include "ui/desktoprestserver.h"
#include "ui/dialogs/accesstokendialog.h"
#include "ui/preferences.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace qw::ui::settings {

namespace {

enum TokenColumn
{
    NameColumn,
    CreatedColumn,
    LastUsedColumn,
    RevokedColumn,
    TokenColumnCount,
};

constexpr int kTokenIdRole = Qt::UserRole + 1;
constexpr int kTokenRevokedRole = Qt::UserRole + 2;

bool isLoopback(const QString &host)
{
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

QString shortDateTime(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

// A line edit with a "Browse…" button beside it.
QWidget *withButton(QLineEdit *field, QPushButton *button, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    layout->addWidget(button);
    return row;
}

} // namespace

RestPage::RestPage(Session &session, DesktopRestServer *server, QWidget *parent)
    : SettingsPage(parent)
    , m_session(session)
    , m_server(server)
{
    auto *layout = new QVBoxLayout(this);

    // The server.
    m_restBox = new QGroupBox(this);
    auto *form = new QFormLayout(m_restBox);
    m_restEnabled = new QCheckBox(m_restBox);
    m_restEnabled->setObjectName(QStringLiteral("restEnabled"));
    form->addRow(m_restEnabled);
    m_restAddress = new QLineEdit(m_restBox);
    m_restAddress->setObjectName(QStringLiteral("restAddress"));
    m_restAddress->setMaximumWidth(m_restAddress->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 28);
    m_restAddressLabel = new QLabel(m_restBox);
    m_restAddressLabel->setBuddy(m_restAddress);
    form->addRow(m_restAddressLabel, m_restAddress);
    m_restPort = new QSpinBox(m_restBox);
    m_restPort->setObjectName(QStringLiteral("restPort"));
    m_restPort->setRange(0, 65535);
    m_restPort->setMaximumWidth(m_restAddress->maximumWidth());
    m_restPortLabel = new QLabel(m_restBox);
    m_restPortLabel->setBuddy(m_restPort);
    form->addRow(m_restPortLabel, m_restPort);
    m_allowRemote = new QCheckBox(m_restBox);
    m_allowRemote->setObjectName(QStringLiteral("restAllowRemote"));
    form->addRow(m_allowRemote);
    m_remoteWarning = new QLabel(m_restBox);
    m_remoteWarning->setObjectName(QStringLiteral("restRemoteWarning"));
    m_remoteWarning->setWordWrap(true);
    form->addRow(m_remoteWarning);
    m_certificate = new QLineEdit(m_restBox);
    m_certificate->setObjectName(QStringLiteral("restTlsCert"));
    m_browseCertificate = new QPushButton(m_restBox);
    m_certificateLabel = new QLabel(m_restBox);
    m_certificateLabel->setBuddy(m_certificate);
    form->addRow(m_certificateLabel, withButton(m_certificate, m_browseCertificate, m_restBox));
    m_key = new QLineEdit(m_restBox);
    m_key->setObjectName(QStringLiteral("restTlsKey"));
    m_browseKey = new QPushButton(m_restBox);
    m_keyLabel = new QLabel(m_restBox);
    m_keyLabel->setBuddy(m_key);
    form->addRow(m_keyLabel, withButton(m_key, m_browseKey, m_restBox));
    m_metricsPublic = new QCheckBox(m_restBox);
    m_metricsPublic->setObjectName(QStringLiteral("restMetricsPublic"));
    form->addRow(m_metricsPublic);
    m_listening = new QLabel(m_restBox);
    m_listening->setObjectName(QStringLiteral("restListening"));
    m_listening->setWordWrap(true);
    m_listening->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listeningLabel = new QLabel(m_restBox);
    form->addRow(m_listeningLabel, m_listening);
    m_restHint = hintLabel(m_restBox);
    form->addRow(m_restHint);
    layout->addWidget(m_restBox);

    // Signing in as the owner.
    m_passwordBox = new QGroupBox(this);
    auto *passwordForm = new QFormLayout(m_passwordBox);
    m_passwordState = new QLabel(m_passwordBox);
    m_passwordState->setObjectName(QStringLiteral("restPasswordState"));
    m_passwordState->setWordWrap(true);
    passwordForm->addRow(m_passwordState);
    m_password = new QLineEdit(m_passwordBox);
    m_password->setObjectName(QStringLiteral("restPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordLabel = new QLabel(m_passwordBox);
    m_passwordLabel->setBuddy(m_password);
    passwordForm->addRow(m_passwordLabel, m_password);
    m_passwordRepeat = new QLineEdit(m_passwordBox);
    m_passwordRepeat->setObjectName(QStringLiteral("restPasswordRepeat"));
    m_passwordRepeat->setEchoMode(QLineEdit::Password);
    m_passwordRepeatLabel = new QLabel(m_passwordBox);
    m_passwordRepeatLabel->setBuddy(m_passwordRepeat);
    passwordForm->addRow(m_passwordRepeatLabel, m_passwordRepeat);
    m_setPassword = new QPushButton(m_passwordBox);
    m_setPassword->setObjectName(QStringLiteral("restSetPassword"));
    auto *setRow = new QHBoxLayout;
    setRow->addWidget(m_setPassword);
    setRow->addStretch(1);
    passwordForm->addRow(QString(), setRow);
    m_passwordStatus = new QLabel(m_passwordBox);
    m_passwordStatus->setObjectName(QStringLiteral("restPasswordStatus"));
    m_passwordStatus->setWordWrap(true);
    m_passwordStatus->hide();
    passwordForm->addRow(m_passwordStatus);
    layout->addWidget(m_passwordBox);

    // Personal access tokens.
    m_tokensBox = new QGroupBox(this);
    auto *tokensLayout = new QVBoxLayout(m_tokensBox);
    m_tokensHint = hintLabel(m_tokensBox);
    tokensLayout->addWidget(m_tokensHint);
    m_tokens = new QTableWidget(0, TokenColumnCount, m_tokensBox);
    m_tokens->setObjectName(QStringLiteral("restTokens"));
    m_tokens->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tokens->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tokens->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tokens->verticalHeader()->hide();
    m_tokens->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tokens->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_tokens->setMinimumHeight(120);
    tokensLayout->addWidget(m_tokens);
    auto *tokenButtons = new QHBoxLayout;
    m_createToken = new QPushButton(m_tokensBox);
    m_createToken->setObjectName(QStringLiteral("restCreateToken"));
    m_revokeToken = new QPushButton(m_tokensBox);
    m_revokeToken->setObjectName(QStringLiteral("restRevokeToken"));
    tokenButtons->addWidget(m_createToken);
    tokenButtons->addWidget(m_revokeToken);
    tokenButtons->addStretch(1);
    tokensLayout->addLayout(tokenButtons);
    m_tokenStatus = new QLabel(m_tokensBox);
    m_tokenStatus->setObjectName(QStringLiteral("restTokenStatus"));
    m_tokenStatus->setWordWrap(true);
    m_tokenStatus->hide();
    tokensLayout->addWidget(m_tokenStatus);
    layout->addWidget(m_tokensBox);
    layout->addStretch(1);

    connect(m_allowRemote, &QCheckBox::toggled, this, &RestPage::refreshRemoteWarning);
    connect(m_restAddress, &QLineEdit::textChanged, this, &RestPage::refreshRemoteWarning);
    connect(m_certificate, &QLineEdit::textChanged, this, &RestPage::refreshRemoteWarning);
    connect(m_key, &QLineEdit::textChanged, this, &RestPage::refreshRemoteWarning);
    connect(m_browseCertificate, &QPushButton::clicked, this,
            [this] { browse(m_certificate, tr("HTTPS certificate (PEM)")); });
    connect(m_browseKey, &QPushButton::clicked, this,
            [this] { browse(m_key, tr("HTTPS private key (PEM)")); });
    connect(m_setPassword, &QPushButton::clicked, this, [this] { setPassword(); });
    connect(m_password, &QLineEdit::returnPressed, this, [this] { setPassword(); });
    connect(m_createToken, &QPushButton::clicked, this, &RestPage::createToken);
    connect(m_revokeToken, &QPushButton::clicked, this, &RestPage::revokeSelectedToken);
    connect(m_tokens, &QTableWidget::itemSelectionChanged, this, &RestPage::refreshTokenButtons);
    if (m_server)
        connect(m_server, &DesktopRestServer::stateChanged, this, &RestPage::refreshListening);

    load();
    retranslateUi();
}

RestPage::~RestPage() = default;

QString RestPage::title() const
{
    return tr("REST API");
}

void RestPage::retranslateUi()
{
    m_restBox->setTitle(tr("Server"));
    m_restEnabled->setText(tr("&Serve the REST API from this app"));
    m_restAddressLabel->setText(tr("Listen a&ddress:"));
    m_restPortLabel->setText(tr("&Port:"));
    m_restPort->setSpecialValueText(tr("any free port"));
    m_allowRemote->setText(tr("Allow &other machines to connect"));
    m_certificateLabel->setText(tr("HTTPS &certificate:"));
    m_certificate->setPlaceholderText(tr("PEM file; empty: plain HTTP"));
    m_browseCertificate->setText(tr("Browse…"));
    m_keyLabel->setText(tr("HTTPS private &key:"));
    m_key->setPlaceholderText(tr("PEM file, not encrypted"));
    m_browseKey->setText(tr("Browse…"));
    m_metricsPublic->setText(tr("Serve /&metrics without a token"));
    m_listeningLabel->setText(tr("Listening now:"));
    m_restHint->setText(tr("The same API as “quotawatch serve”, with the keys of this app. Clients sign in "
                           "with the password or a token below. 127.0.0.1 keeps it on this computer."));

    m_passwordBox->setTitle(tr("Signing in"));
    m_passwordLabel->setText(tr("New pass&word:"));
    m_passwordRepeatLabel->setText(tr("&Repeat:"));
    m_setPassword->setText(tr("Set &password"));

    m_tokensBox->setTitle(tr("Personal access tokens"));
    m_tokensHint->setText(tr("For scripts and Prometheus: a token is sent as “Authorization: Bearer <token>” "
                             "and works until it is revoked."));
    m_tokens->setHorizontalHeaderLabels({tr("Name"), tr("Created"), tr("Last used"), tr("Revoked")});
    m_createToken->setText(tr("&Create…"));
    m_revokeToken->setText(tr("Re&voke"));

    refreshListening();
    refreshRemoteWarning();
    refreshPasswordState();
    refreshTokens();
}

void RestPage::load()
{
    m_saved.enabled = Preferences::restEnabled();
    m_saved.address = Preferences::restAddress();
    m_saved.port = Preferences::restPort();
    m_saved.allowRemote = Preferences::restAllowRemote();
    m_saved.certificate = Preferences::restTlsCertificate();
    m_saved.key = Preferences::restTlsKey();
    m_saved.metricsPublic = Preferences::restMetricsPublic();
    m_restEnabled->setChecked(m_saved.enabled);
    m_restAddress->setText(m_saved.address);
    m_restPort->setValue(m_saved.port);
    m_allowRemote->setChecked(m_saved.allowRemote);
    m_certificate->setText(m_saved.certificate);
    m_key->setText(m_saved.key);
    m_metricsPublic->setChecked(m_saved.metricsPublic);
}

RestPage::Saved RestPage::current() const
{
    return {m_restEnabled->isChecked(),  m_restAddress->text().trimmed(), m_restPort->value(),
            m_allowRemote->isChecked(),  m_certificate->text().trimmed(), m_key->text().trimmed(),
            m_metricsPublic->isChecked()};
}

std::optional<SettingsPage::Invalid> RestPage::check() const
{
    const Saved wanted = current();
    if (QHostAddress parsed;
        wanted.address != QLatin1String("localhost") && !parsed.setAddress(wanted.address))
        return Invalid{m_restAddress,
                       tr("The REST API address must be an IP address such as 127.0.0.1, or localhost.")};
    if (!isLoopback(wanted.address) && !wanted.allowRemote)
        return Invalid{m_allowRemote, tr("%1 can be reached from other machines: allow other machines to "
                                         "connect, or listen on 127.0.0.1.")
                                          .arg(wanted.address)};
    if (wanted.certificate.isEmpty() != wanted.key.isEmpty())
        return Invalid{wanted.certificate.isEmpty() ? m_certificate : m_key,
                       tr("HTTPS needs both the certificate and the private key file.")};
    return std::nullopt;
}

void RestPage::savePreferences()
{
    const Saved wanted = current();
    if (wanted.enabled != m_saved.enabled)
        Preferences::setRestEnabled(wanted.enabled);
    if (wanted.address != m_saved.address)
        Preferences::setRestAddress(wanted.address);
    if (wanted.port != m_saved.port)
        Preferences::setRestPort(wanted.port);
    if (wanted.allowRemote != m_saved.allowRemote)
        Preferences::setRestAllowRemote(wanted.allowRemote);
    if (wanted.certificate != m_saved.certificate)
        Preferences::setRestTlsCertificate(wanted.certificate);
    if (wanted.key != m_saved.key)
        Preferences::setRestTlsKey(wanted.key);
    if (wanted.metricsPublic != m_saved.metricsPublic)
        Preferences::setRestMetricsPublic(wanted.metricsPublic);
    m_saved = wanted;
    // Restarts only when an option changed; a failure shows on this page and in the status bar.
    if (m_server)
        m_server->applySettings();
}

void RestPage::refreshListening()
{
    if (!m_server) {
        m_listening->setText(tr("not running"));
        return;
    }
    switch (m_server->state()) {
    case DesktopRestServer::State::Off:
        showStatus(m_listening, tr("not running"), false);
        break;
    case DesktopRestServer::State::Listening:
        showStatus(m_listening, m_server->url().toString(), false);
        break;
    case DesktopRestServer::State::Failed:
        showStatus(m_listening, tr("could not start: %1").arg(m_server->problem()), true);
        break;
    }
}

void RestPage::refreshRemoteWarning()
{
    const Saved wanted = current();
    const bool clearText = wanted.allowRemote && (wanted.certificate.isEmpty() || wanted.key.isEmpty());
    showStatus(m_remoteWarning,
               clearText ? tr("Without HTTPS, passwords and tokens cross the network readable by anyone on "
                              "the way. Set a certificate and key below.")
                         : QString(),
               true);
}

void RestPage::refreshPasswordState()
{
    auto owner = m_session.accounts().find(m_session.ownerId());
    if (!owner) {
        showStatus(m_passwordState, owner.error().message, true);
        return;
    }
    const QString name = owner->username;
    m_passwordState->setText(
        owner->passwordHash.isEmpty()
            ? tr("No password is set: nobody can sign in to the API as “%1” yet.").arg(name)
            : tr("A password is set. Sign in to the API as “%1” with it.").arg(name));
}

bool RestPage::setPassword()
{
    const QString password = m_password->text();
    if (password.size() < AccountService::kMinPasswordLength) {
        showStatus(m_passwordStatus,
                   tr("The password needs at least %1 characters.").arg(AccountService::kMinPasswordLength),
                   true);
        return false;
    }
    if (password != m_passwordRepeat->text()) {
        showStatus(m_passwordStatus, tr("The two passwords differ."), true);
        return false;
    }
    auto set = m_session.accounts().setPassword(m_session.ownerId(), password);
    m_password->clear();
    m_passwordRepeat->clear();
    if (!set) {
        showStatus(m_passwordStatus, tr("The password was not set: %1").arg(set.error().message), true);
        return false;
    }
    showStatus(m_passwordStatus, tr("The password was set."), false);
    refreshPasswordState();
    return true;
}

void RestPage::refreshTokens()
{
    auto tokens = m_session.accounts().listTokens(m_session.ownerId());
    m_tokens->setRowCount(0);
    if (!tokens) {
        showStatus(m_tokenStatus, tr("The tokens cannot be read: %1").arg(tokens.error().message), true);
        refreshTokenButtons();
        return;
    }
    m_tokens->setRowCount(int(tokens->size()));
    int row = 0;
    for (const AccessToken &token : *tokens) {
        auto *name = new QTableWidgetItem(token.name);
        name->setData(kTokenIdRole, token.id);
        name->setData(kTokenRevokedRole, token.revoked);
        m_tokens->setItem(row, NameColumn, name);
        m_tokens->setItem(row, CreatedColumn, new QTableWidgetItem(shortDateTime(token.createdAt)));
        m_tokens->setItem(
            row, LastUsedColumn,
            new QTableWidgetItem(token.lastUsedAt.isValid() ? shortDateTime(token.lastUsedAt) : tr("never")));
        m_tokens->setItem(row, RevokedColumn,
                          new QTableWidgetItem(token.revoked ? tr("revoked") : QString()));
        ++row;
    }
    refreshTokenButtons();
}

void RestPage::refreshTokenButtons()
{
    const QList<QTableWidgetItem *> selected = m_tokens->selectedItems();
    bool revocable = false;
    if (!selected.isEmpty()) {
        const QTableWidgetItem *name = m_tokens->item(selected.first()->row(), NameColumn);
        revocable = name && !name->data(kTokenRevokedRole).toBool();
    }
    m_revokeToken->setEnabled(revocable);
}

void RestPage::createToken()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New access token"),
                                               tr("What will use it (e.g. “prometheus”, “backup script”)?"),
                                               QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    auto created = m_session.accounts().createToken(m_session.ownerId(), name);
    if (!created) {
        showStatus(m_tokenStatus, tr("The token was not created: %1").arg(created.error().message), true);
        return;
    }
    showStatus(m_tokenStatus, QString(), false);
    refreshTokens();
    AccessTokenDialog dialog(name, created->token, this);
    created->token.fill(u'\0'); // the dialog has the only copy now
    dialog.exec();
}

void RestPage::revokeSelectedToken()
{
    const QList<QTableWidgetItem *> selected = m_tokens->selectedItems();
    if (selected.isEmpty())
        return;
    const QTableWidgetItem *name = m_tokens->item(selected.first()->row(), NameColumn);
    if (!name)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Revoke token"),
        tr("Revoke the token “%1”? Whatever uses it can no longer sign in.").arg(name->text()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    const qint64 id = name->data(kTokenIdRole).toLongLong();
    if (auto revoked = m_session.accounts().revokeToken(m_session.ownerId(), id); !revoked) {
        showStatus(m_tokenStatus, tr("The token was not revoked: %1").arg(revoked.error().message), true);
        return;
    }
    showStatus(m_tokenStatus, QString(), false);
    refreshTokens();
}

void RestPage::browse(QLineEdit *field, const QString &caption)
{
    const QString file = QFileDialog::getOpenFileName(this, caption, field->text(),
                                                      tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    if (!file.isEmpty())
        field->setText(file);
}

} // namespace qw::ui::settings
