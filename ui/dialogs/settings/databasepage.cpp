#include "ui/dialogs/settings/databasepage.h"

#include "core/model/databaseurl.h"
#include "core/session/session.h"
#include "ui/preferences.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QVBoxLayout>
#include <memory>

namespace qw::ui::settings {

namespace {

const QString kSqliteScheme = QStringLiteral("sqlite://");

// The text of a PostgreSQL URL from its parts, without its password: that one is kept in the
// OS keychain, never in the settings file.
QString postgresUrlText(const DatabaseUrl &url)
{
    QUrl text;
    text.setScheme(QStringLiteral("postgresql"));
    text.setHost(url.host);
    text.setPort(url.port);
    text.setUserName(url.user);
    text.setPath(u'/' + url.databaseName);
    if (!url.connectOptions.isEmpty()) {
        QUrlQuery query;
        for (const QString &option : url.connectOptions.split(u';', Qt::SkipEmptyParts)) {
            const qsizetype equals = option.indexOf(u'=');
            query.addQueryItem(option.left(equals), equals < 0 ? QString() : option.mid(equals + 1));
        }
        text.setQuery(query);
    }
    return text.toString(QUrl::FullyEncoded);
}

} // namespace

DatabasePage::DatabasePage(Session &session, QWidget *parent)
    : SettingsPage(parent)
    , m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    m_databaseInUse = new QLabel(this);
    m_databaseInUse->setObjectName(QStringLiteral("databaseInUse"));
    m_databaseInUse->setWordWrap(true);
    m_databaseInUse->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_databaseInUse);

    m_databaseBox = new QGroupBox(this);
    auto *grid = new QGridLayout(m_databaseBox);
    m_sqlite = new QRadioButton(m_databaseBox);
    m_sqlite->setObjectName(QStringLiteral("sqliteRadio"));
    grid->addWidget(m_sqlite, 0, 0, 1, 2);
    m_sqlitePath = new QLineEdit(m_databaseBox);
    m_sqlitePath->setObjectName(QStringLiteral("sqlitePath"));
    m_sqliteBrowse = new QPushButton(m_databaseBox);
    m_sqliteBrowse->setAutoDefault(false);
    grid->addWidget(m_sqlitePath, 1, 0);
    grid->addWidget(m_sqliteBrowse, 1, 1);
    m_postgres = new QRadioButton(m_databaseBox);
    m_postgres->setObjectName(QStringLiteral("postgresRadio"));
    grid->addWidget(m_postgres, 2, 0, 1, 2);
    m_postgresUrl = new QLineEdit(m_databaseBox);
    m_postgresUrl->setObjectName(QStringLiteral("postgresUrl"));
    grid->addWidget(m_postgresUrl, 3, 0, 1, 2);
    m_postgresPasswordLabel = new QLabel(m_databaseBox);
    m_postgresPassword = new QLineEdit(m_databaseBox);
    m_postgresPassword->setObjectName(QStringLiteral("postgresPassword"));
    m_postgresPassword->setEchoMode(QLineEdit::Password);
    m_postgresPasswordLabel->setBuddy(m_postgresPassword);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_postgresPasswordLabel);
    passwordRow->addWidget(m_postgresPassword, 1);
    grid->addLayout(passwordRow, 4, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    layout->addWidget(m_databaseBox);

    auto *testRow = new QHBoxLayout;
    m_testConnection = new QPushButton(this);
    m_testConnection->setObjectName(QStringLiteral("testConnection"));
    m_testConnection->setAutoDefault(false);
    testRow->addWidget(m_testConnection);
    testRow->addStretch(1);
    layout->addLayout(testRow);
    m_connectionStatus = new QLabel(this);
    m_connectionStatus->setObjectName(QStringLiteral("connectionStatus"));
    m_connectionStatus->setWordWrap(true);
    m_connectionStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connectionStatus->hide();
    layout->addWidget(m_connectionStatus);
    m_databaseHint = hintLabel(this);
    layout->addWidget(m_databaseHint);
    m_restartNote = new QLabel(this);
    m_restartNote->setObjectName(QStringLiteral("restartNote"));
    m_restartNote->setWordWrap(true);
    m_restartNote->hide();
    layout->addWidget(m_restartNote);

    m_storageBox = new QGroupBox(this);
    auto *storage = new QGridLayout(m_storageBox);
    m_size = new QLabel(m_storageBox);
    m_size->setObjectName(QStringLiteral("databaseSize"));
    storage->addWidget(m_size, 0, 0, 1, 2);
    m_retentionLabel = new QLabel(m_storageBox);
    m_retentionDays = new QSpinBox(m_storageBox);
    m_retentionDays->setObjectName(QStringLiteral("rawRetentionDays"));
    m_retentionDays->setRange(RetentionSettings::kMinRawDays, RetentionSettings::kMaxRawDays);
    m_retentionLabel->setBuddy(m_retentionDays);
    storage->addWidget(m_retentionLabel, 1, 0);
    storage->addWidget(m_retentionDays, 1, 1);
    storage->setColumnStretch(2, 1);
    m_retentionHint = hintLabel(m_storageBox);
    storage->addWidget(m_retentionHint, 2, 0, 1, 3);
    layout->addWidget(m_storageBox);
    layout->addStretch(1);

    connect(m_sqlite, &QRadioButton::toggled, this, &DatabasePage::updateFields);
    connect(m_postgres, &QRadioButton::toggled, this, &DatabasePage::updateFields);
    connect(m_testConnection, &QPushButton::clicked, this, &DatabasePage::testConnection);
    connect(m_sqliteBrowse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("SQLite database file"), m_sqlitePath->text(),
                                         tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr,
                                         QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_sqlitePath->setText(QDir::toNativeSeparators(file));
    });

    loadStorage();
    retranslateUi();
    load();
}

void DatabasePage::loadStorage()
{
    RetentionService retention = m_session.retention();
    auto size = retention.sizeBytes();
    m_sizeBytes = size ? std::optional<qint64>(*size) : std::nullopt;
    auto settings = retention.settings();
    m_savedRetentionDays = settings ? settings->rawDays : 0;
    m_retentionDays->setValue(settings ? settings->rawDays : RetentionSettings::kDefaultRawDays);
    m_retentionDays->setEnabled(settings.has_value());
}

DatabasePage::~DatabasePage() = default;

QString DatabasePage::title() const
{
    return tr("Database");
}

void DatabasePage::retranslateUi()
{
    m_databaseInUse->setText(tr("In use now: %1").arg(m_session.databaseDescription()));
    m_databaseBox->setTitle(tr("Database for the next start"));
    m_sqlite->setText(tr("&SQLite file on this computer"));
    m_sqlitePath->setPlaceholderText(tr("Path of the database file"));
    m_sqliteBrowse->setText(tr("&Browse…"));
    m_postgres->setText(tr("&PostgreSQL server"));
    m_postgresUrl->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/quotawatch"));
    m_postgresPasswordLabel->setText(tr("Pass&word:"));
    m_postgresPassword->setPlaceholderText(
        tr("Kept in the OS keychain; leave empty to use ~/.pgpass or PGPASSWORD"));
    m_testConnection->setText(tr("&Test connection"));
    m_databaseHint->setText(tr("QuotaWatch switches to another database when it starts again. The "
                               "--db option and the QUOTAWATCH_DB environment variable take precedence "
                               "over this setting."));
    m_restartNote->setText(tr("Saved. Restart QuotaWatch to use the new database."));
    m_storageBox->setTitle(tr("Database in use"));
    m_size->setText(m_sizeBytes ? tr("Size: %1").arg(QLocale().formattedDataSize(*m_sizeBytes))
                                : tr("Size: unknown (the database did not answer)"));
    m_retentionLabel->setText(tr("&Keep every check for:"));
    m_retentionDays->setSuffix(tr(" days"));
    m_retentionHint->setText(tr("Older checks are rolled up into hourly points, and after a year into daily "
                                "ones: charts, forecasts and exports read them like the checks they replace. "
                                "Top-ups, status changes and checks that raised an alert are always kept."));
}

Result<void> DatabasePage::saveShared()
{
    const int days = m_retentionDays->value();
    if (m_savedRetentionDays == 0 || days == m_savedRetentionDays)
        return {};
    if (auto saved = m_session.retention().setRawDays(days); !saved)
        return fail(saved.error().code,
                    tr("The retention could not be saved: %1").arg(saved.error().message));
    m_savedRetentionDays = days;
    return {};
}

void DatabasePage::load()
{
    // The preference when there is one, else the database in use.
    const QString stored = Preferences::databaseUrl();
    auto parsed =
        stored.isEmpty() ? Result<DatabaseUrl>(m_session.databaseUrl()) : DatabaseUrl::parse(stored);
    const DatabaseUrl current = parsed.value_or(m_session.databaseUrl());
    if (current.backend == DatabaseUrl::Backend::Postgres) {
        m_postgres->setChecked(true);
        m_postgresUrl->setText(postgresUrlText(current));
        // A password an older QuotaWatch saved in the URL: moved to the keychain on the next save.
        m_postgresPassword->setText(current.password);
        m_sqlitePath->setText(QDir::toNativeSeparators(DatabaseUrl::defaultLocation().path));
    } else {
        m_sqlite->setChecked(true);
        m_sqlitePath->setText(QDir::toNativeSeparators(current.path));
    }
    updateFields();
    // What the page says before any edit; only a different answer is written on apply. A saved
    // URL that still holds its password counts as different, so that it is written without.
    m_savedUrl = urlFromFields().value_or(QString());
    if (!current.password.isEmpty() && !stored.isEmpty())
        m_savedUrl = stored.trimmed();
    else
        m_savedPassword = m_postgresPassword->text();
}

std::optional<SettingsPage::Invalid> DatabasePage::check() const
{
    auto url = urlFromFields();
    if (!url)
        return Invalid{m_sqlite->isChecked() ? m_sqlitePath : m_postgresUrl, url.error().message};
    return std::nullopt;
}

void DatabasePage::savePreferences()
{
    auto url = urlFromFields();
    if (!url)
        return;
    const QString password = m_postgres->isChecked() ? passwordFromFields() : QString();
    if (m_postgres->isChecked() && (password != m_savedPassword || *url != m_savedUrl) &&
        !password.isEmpty()) {
        // The keychain answers within its timeout; the URL is saved either way, without it.
        if (auto kept = Session::storeDatabasePassword(*DatabaseUrl::parse(*url), password); !kept)
            showConnectionStatus(tr("The password could not be kept in the OS keychain (%1). Put it in "
                                    "~/.pgpass or the PGPASSWORD environment variable instead.")
                                     .arg(kept.error().message),
                                 true);
        m_savedPassword = password;
    }
    if (*url == m_savedUrl)
        return;
    Preferences::setDatabaseUrl(*url);
    m_restartNote->show();
    m_savedUrl = *url;
}

QString DatabasePage::passwordFromFields() const
{
    if (!m_postgresPassword->text().isEmpty())
        return m_postgresPassword->text();
    auto typed = DatabaseUrl::parse(m_postgresUrl->text().trimmed());
    return typed ? typed->password : QString();
}

void DatabasePage::updateFields()
{
    const bool sqlite = m_sqlite->isChecked();
    m_sqlitePath->setEnabled(sqlite);
    m_sqliteBrowse->setEnabled(sqlite);
    m_postgresUrl->setEnabled(!sqlite);
    m_postgresPassword->setEnabled(!sqlite);
}

Result<QString> DatabasePage::urlFromFields() const
{
    if (m_sqlite->isChecked()) {
        const QString path = m_sqlitePath->text().trimmed();
        if (path.isEmpty())
            return fail(ErrorCode::InvalidInput, tr("Enter the path of the SQLite database file."));
        const QFileInfo file(QDir::fromNativeSeparators(path));
        if (file.isDir())
            return fail(ErrorCode::InvalidInput,
                        tr("%1 is a folder; enter the path of a database file in it.").arg(path));
        return kSqliteScheme + file.absoluteFilePath();
    }
    const QString text = m_postgresUrl->text().trimmed();
    if (text.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("Enter the PostgreSQL URL, e.g. postgresql://user@host:5432/quotawatch."));
    auto parsed = DatabaseUrl::parse(text);
    if (!parsed || parsed->backend != DatabaseUrl::Backend::Postgres)
        return fail(ErrorCode::InvalidInput,
                    tr("This is not a PostgreSQL URL; it should look like "
                       "postgresql://user@host:5432/quotawatch.") +
                        (parsed ? QString() : u' ' + tr("(%1)").arg(parsed.error().message)));
    return postgresUrlText(*parsed);
}

void DatabasePage::testConnection()
{
    if (m_testRunning)
        return;
    auto text = urlFromFields();
    if (!text) {
        showConnectionStatus(text.error().message, true);
        emit connectionTested(false, text.error().message);
        return;
    }
    auto url = DatabaseUrl::parse(*text);
    if (url && url->backend == DatabaseUrl::Backend::Postgres)
        url->password = passwordFromFields(); // empty: the keychain's, then PGPASSWORD / ~/.pgpass
    if (!url) {
        const QString message = tr("This database cannot be used: %1").arg(url.error().message);
        showConnectionStatus(message, true);
        emit connectionTested(false, message);
        return;
    }

    m_testRunning = true;
    m_testConnection->setEnabled(false);
    showConnectionStatus(tr("Connecting to %1…").arg(url->redacted()), false);
    // Opening may wait for a server (up to its connect timeout): on a thread of its own, with a
    // connection name of its own, opened and closed there.
    auto outcome = std::make_shared<Result<DatabaseProbe>>();
    const QString connectionName =
        QStringLiteral("settings-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QThread *thread = QThread::create([target = *url, connectionName, outcome] {
        *outcome = Session::probeDatabase(target, connectionName);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(
        thread, &QThread::finished, this,
        [this, outcome, shown = url->redacted(), sqlite = url->backend == DatabaseUrl::Backend::Sqlite] {
            m_testRunning = false;
            m_testConnection->setEnabled(true);
            bool usable = outcome->has_value();
            QString message;
            if (!*outcome) {
                message = tr("This database cannot be used: %1").arg(outcome->error().message);
            } else if ((*outcome)->initialized && (*outcome)->schemaVersion > (*outcome)->latestVersion) {
                usable = false;
                message = tr("Connected to %1, but it was written by a newer QuotaWatch (schema version %2; "
                             "this one knows up to %3).")
                              .arg(shown)
                              .arg((*outcome)->schemaVersion)
                              .arg((*outcome)->latestVersion);
            } else if ((*outcome)->initialized) {
                message =
                    tr("Connected to %1: a QuotaWatch database, schema version %2. QuotaWatch can use it.")
                        .arg(shown)
                        .arg((*outcome)->schemaVersion);
            } else if ((*outcome)->holdsOtherTables) {
                message = tr("Connected to %1: it holds tables of another application, but no QuotaWatch "
                             "data. QuotaWatch would add its tables beside them on first use.")
                              .arg(shown);
            } else if (sqlite) {
                message =
                    tr("No database file at %1 yet: empty database, will be set up on first use.").arg(shown);
            } else {
                message = tr("Connected to %1: empty database, will be set up on first use.").arg(shown);
            }
            showConnectionStatus(message, !usable);
            emit connectionTested(usable, message);
        });
    thread->start();
}

void DatabasePage::showConnectionStatus(const QString &text, bool error)
{
    showStatus(m_connectionStatus, text, error);
}

} // namespace qw::ui::settings
