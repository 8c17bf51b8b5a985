// The settings dialog and the channel editor: nothing written before OK/Apply, invalid fields
// blocking OK, alert settings in the database, preferences in QSettings, channels saved with
// their secrets only encrypted and tested against a real HTTP server, the database connection
// test against a closed PostgreSQL port and a SQLite file, run-time language switching with a
// .qm compiled by lrelease, and the XDG autostart file.
#include "core/alerts/alertsettings.h"
#include "core/alerts/channelconfig.h"
#include "core/model/databaseurl.h"
#include "core/secrets/privatefiles.h"
#include "core/storage/channelrepository.h"
#include "core/storage/settingsrepository.h"
#include "tests/support/scopedumask.h"
#include "tests/support/secretscan.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "ui/dialogs/channeleditordialog.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/launchatlogin.h"
#include "ui/preferences.h"
#include "ui/translator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTranslator>
#include <QTreeWidget>
#include <gtest/gtest.h>
#include <memory>

namespace qw::test {

namespace {

using ui::ChannelEditorDialog;
using ui::Preferences;
using ui::SettingsDialog;

const QString kHookToken = QStringLiteral("qw-hook-token-7f1c2e9a4b");

template<typename T = QWidget> T *child(const QObject &parent, const char *name)
{
    T *found = parent.findChild<T *>(QLatin1String(name));
    EXPECT_NE(found, nullptr) << "no widget named " << name;
    return found;
}

QPushButton *dialogButton(const QWidget &dialog, QDialogButtonBox::StandardButton which)
{
    auto *box = dialog.findChild<QDialogButtonBox *>(QString(), Qt::FindDirectChildrenOnly);
    EXPECT_NE(box, nullptr);
    return box ? box->button(which) : nullptr;
}

class SettingsTest : public UiTest
{
protected:
    void SetUp() override
    {
        UiTest::SetUp();
        m_server.route("POST", "/hooks/" + kHookToken.toLatin1(), TestResponse::json("{}"));
    }

    std::unique_ptr<SettingsDialog> newDialog()
    {
        auto dialog = std::make_unique<SettingsDialog>(session());
        dialog->show();
        return dialog;
    }

    [[nodiscard]] QString hookUrl() const
    {
        return m_server.baseUrl() + QStringLiteral("/hooks/") + kHookToken;
    }

    // A webhook channel stored the way the editor or the CLI stores it; its id.
    qint64 storeWebhook(const QString &name, const QStringList &events = {})
    {
        ChannelDraft draft;
        draft.kind = ChannelKind::Webhook;
        draft.name = name;
        draft.secrets.insert(QStringLiteral("url"), hookUrl());
        if (!events.isEmpty())
            draft.settings.insert(QStringLiteral("events"), QJsonArray::fromStringList(events));
        auto channel = ChannelConfig::seal(draft, session().vault(), session().ownerId());
        EXPECT_TRUE(channel) << (channel ? "" : channel.error().message.toStdString());
        if (!channel)
            return 0;
        channel->userId = session().ownerId();
        auto id = ChannelRepository(session().database()).insert(*channel);
        EXPECT_TRUE(id);
        return id.value_or(0);
    }

    [[nodiscard]] std::vector<RecordedRequest> hookPosts() const
    {
        std::vector<RecordedRequest> posts;
        for (const RecordedRequest &request : m_server.requests()) {
            if (request.method == "POST" && request.path == "/hooks/" + kHookToken.toLatin1())
                posts.push_back(request);
        }
        return posts;
    }

    [[nodiscard]] QByteArray databaseFileBytes() const
    {
        auto url = DatabaseUrl::parse(m_testDb->url());
        EXPECT_TRUE(url);
        QByteArray bytes;
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile file(url->path + suffix);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        return bytes;
    }
};

TEST_F(SettingsTest, ThePreferencesFileIsReadableByTheUserOnly)
{
#ifndef Q_OS_UNIX
    GTEST_SKIP() << "file modes are a Unix matter; on Windows the preferences are in the registry";
#else
    // Made afresh below; on a new machine (or the first run) there is none yet.
    const QString file = QSettings().fileName();
    QFile::remove(file);
    ASSERT_FALSE(QFile::exists(file));
    {
        // What a user's shell usually has: files it creates are readable by everyone.
        const ScopedUmask umask(022);
        auto dialog = newDialog();
        auto *closeToTray = child<QCheckBox>(*dialog, "closeToTray");
        closeToTray->setChecked(!closeToTray->isChecked());
        dialogButton(*dialog, QDialogButtonBox::Ok)->click();
    }
    ASSERT_TRUE(QFile::exists(file));
    EXPECT_EQ(PrivateFiles::mode(file), 0600);

    // A file an older QuotaWatch left readable by others is tightened by the next save.
    ASSERT_EQ(::chmod(QFile::encodeName(file).constData(), 0644), 0);
    Preferences::setDatabaseUrl(QStringLiteral("sqlite:///tmp/private.db"));
    EXPECT_EQ(PrivateFiles::mode(file), 0600);
    EXPECT_EQ(Preferences::databaseUrl(), QStringLiteral("sqlite:///tmp/private.db"));
#endif
}

TEST_F(SettingsTest, AlertSettingsAreSavedOnlyOnOk)
{
    SettingsRepository settings(session().database());
    {
        auto dialog = newDialog();
        child<QSpinBox>(*dialog, "failingAfter")->setValue(30);
        child<QDoubleSpinBox>(*dialog, "forecastDays")->setValue(7);
        child<QDoubleSpinBox>(*dialog, "spikeFactor")->setValue(3);
        dialogButton(*dialog, QDialogButtonBox::Cancel)->click();
    }
    EXPECT_EQ(settings.value(QStringLiteral("alerts.forecast_days")).value_or(QString()), std::nullopt);

    auto dialog = newDialog();
    child<QSpinBox>(*dialog, "failingAfter")->setValue(30);
    child<QDoubleSpinBox>(*dialog, "forecastDays")->setValue(7);
    child<QDoubleSpinBox>(*dialog, "spikeFactor")->setValue(3);
    child<QSpinBox>(*dialog, "maxConcurrent")->setValue(3);
    EXPECT_EQ(settings.value(QStringLiteral("alerts.forecast_days")).value_or(QString()), std::nullopt);
    EXPECT_EQ(settings.value(QStringLiteral("alerts.failing_after_s")).value_or(QString()), std::nullopt);

    dialogButton(*dialog, QDialogButtonBox::Ok)->click();
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
    EXPECT_FALSE(dialog->isVisible());
    auto loaded = AlertSettings::load(settings);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->failingAfterS, 30 * 60);
    EXPECT_DOUBLE_EQ(loaded->forecastDays, 7);
    EXPECT_DOUBLE_EQ(loaded->spikeFactor, 3);
    EXPECT_EQ(Preferences::maxConcurrent(), 3);
    EXPECT_EQ(session().engine().http().limits().maxConcurrent, 3);

    // Shown again as saved.
    auto again = newDialog();
    EXPECT_EQ(child<QSpinBox>(*again, "failingAfter")->value(), 30);
    EXPECT_DOUBLE_EQ(child<QDoubleSpinBox>(*again, "forecastDays")->value(), 7);
}

TEST_F(SettingsTest, AFailedAlertWriteLeavesThePreferencesAsTheyWere)
{
    Preferences::setCloseToTray(true);
    const int maxConcurrent = Preferences::maxConcurrent();
    auto dialog = newDialog();
    child<QCheckBox>(*dialog, "closeToTray")->setChecked(false);
    child<QSpinBox>(*dialog, "maxConcurrent")->setValue(maxConcurrent + 1);
    child<QDoubleSpinBox>(*dialog, "forecastDays")->setValue(9);

    // The shared settings cannot be written: nothing of this machine's preferences is either.
    QSqlQuery sql(session().database().handle());
    ASSERT_TRUE(sql.exec(QStringLiteral("ALTER TABLE settings RENAME TO settings_gone")));
    EXPECT_FALSE(dialog->apply());
    EXPECT_EQ(child<QListWidget>(*dialog, "pageList")->currentRow(), int(SettingsDialog::AlertsPage));
    EXPECT_TRUE(child<QLabel>(*dialog, "settingsError")->text().contains(QStringLiteral("alert settings")))
        << child<QLabel>(*dialog, "settingsError")->text().toStdString();
    EXPECT_TRUE(Preferences::closeToTray());
    EXPECT_EQ(Preferences::maxConcurrent(), maxConcurrent);

    // Once it can be written, everything is.
    ASSERT_TRUE(sql.exec(QStringLiteral("ALTER TABLE settings_gone RENAME TO settings")));
    EXPECT_TRUE(dialog->apply());
    EXPECT_TRUE(child<QLabel>(*dialog, "settingsError")->isHidden());
    EXPECT_FALSE(Preferences::closeToTray());
    EXPECT_EQ(Preferences::maxConcurrent(), maxConcurrent + 1);
    SettingsRepository settings(session().database());
    auto loaded = AlertSettings::load(settings);
    ASSERT_TRUE(loaded);
    EXPECT_DOUBLE_EQ(loaded->forecastDays, 9);
}

TEST_F(SettingsTest, UnchangedAlertSettingsKeepExactStoredValues)
{
    SettingsRepository settings(session().database());
    AlertSettings odd;
    odd.failingAfterS = 90; // not whole minutes: the CLI accepts it
    odd.forecastDays = 2.25;
    ASSERT_TRUE(odd.save(settings));
    auto dialog = newDialog();
    child<QCheckBox>(*dialog, "startMinimized")->setChecked(true);
    dialogButton(*dialog, QDialogButtonBox::Ok)->click();
    auto loaded = AlertSettings::load(settings);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->failingAfterS, 90);
    EXPECT_DOUBLE_EQ(loaded->forecastDays, 2.25);
    EXPECT_TRUE(Preferences::startMinimized());
}

TEST_F(SettingsTest, InvalidExchangeRateBlocksOk)
{
    auto dialog = newDialog();
    auto *rates = child<QTableWidget>(*dialog, "exchangeRates");
    child<QPushButton>(*dialog, "addRate")->click();
    ASSERT_EQ(rates->rowCount(), 1);
    rates->item(0, 0)->setText(QStringLiteral("CNY"));
    auto *error = child<QLabel>(*dialog, "settingsError");

    for (const QString &bad : {QStringLiteral("abc"), QStringLiteral("0"), QStringLiteral("-1"), QString()}) {
        rates->item(0, 1)->setText(bad);
        dialogButton(*dialog, QDialogButtonBox::Ok)->click();
        EXPECT_TRUE(dialog->isVisible()) << bad.toStdString();
        EXPECT_NE(dialog->result(), QDialog::Accepted);
        EXPECT_TRUE(error->isVisibleTo(dialog.get()));
        EXPECT_TRUE(error->text().contains(QStringLiteral("CNY"))) << error->text().toStdString();
        EXPECT_EQ(child<QListWidget>(*dialog, "pageList")->currentRow(), int(SettingsDialog::DisplayPage));
        EXPECT_TRUE(Preferences::exchangeRates().isEmpty());
    }
    rates->item(0, 0)->setText(QStringLiteral("C1Y"));
    rates->item(0, 1)->setText(QStringLiteral("0.14"));
    EXPECT_FALSE(dialog->apply());
    EXPECT_TRUE(Preferences::exchangeRates().isEmpty());

    rates->item(0, 0)->setText(QStringLiteral("cny"));
    dialogButton(*dialog, QDialogButtonBox::Ok)->click();
    EXPECT_FALSE(dialog->isVisible());
    EXPECT_FALSE(error->isVisibleTo(dialog.get()));
    EXPECT_EQ(Preferences::exchangeRates().value(QStringLiteral("CNY")), 0.14);
}

TEST_F(SettingsTest, DisplayCurrencyAndRatesArePersisted)
{
    {
        auto dialog = newDialog();
        child<QComboBox>(*dialog, "displayCurrency")->setCurrentText(QStringLiteral("eur"));
        auto *rates = child<QTableWidget>(*dialog, "exchangeRates");
        child<QPushButton>(*dialog, "addRate")->click();
        child<QPushButton>(*dialog, "addRate")->click();
        child<QPushButton>(*dialog, "addRate")->click(); // left blank: ignored
        rates->item(0, 0)->setText(QStringLiteral("CNY"));
        rates->item(0, 1)->setText(QStringLiteral("0.13"));
        rates->item(1, 0)->setText(QStringLiteral("USD"));
        rates->item(1, 1)->setText(QStringLiteral("0.92"));
        EXPECT_TRUE(Preferences::displayCurrency().isEmpty());
        dialogButton(*dialog, QDialogButtonBox::Ok)->click();
        EXPECT_EQ(dialog->result(), QDialog::Accepted);
    }
    EXPECT_EQ(Preferences::displayCurrency(), QStringLiteral("EUR"));
    const QMap<QString, double> expected{{QStringLiteral("CNY"), 0.13}, {QStringLiteral("USD"), 0.92}};
    EXPECT_EQ(Preferences::exchangeRates(), expected);

    auto dialog = newDialog();
    EXPECT_EQ(child<QComboBox>(*dialog, "displayCurrency")->currentText(), QStringLiteral("EUR"));
    auto *rates = child<QTableWidget>(*dialog, "exchangeRates");
    ASSERT_EQ(rates->rowCount(), 2);
    EXPECT_EQ(rates->item(0, 0)->text(), QStringLiteral("CNY"));
    EXPECT_EQ(rates->item(0, 1)->text(), QStringLiteral("0.13"));

    // Removing a rate and clearing the currency are saved too.
    rates->setCurrentCell(0, 0);
    child<QPushButton>(*dialog, "removeRate")->click();
    child<QComboBox>(*dialog, "displayCurrency")->setCurrentText(QString());
    ASSERT_TRUE(dialog->apply());
    EXPECT_TRUE(Preferences::displayCurrency().isEmpty());
    EXPECT_EQ(Preferences::exchangeRates(), (QMap<QString, double>{{QStringLiteral("USD"), 0.92}}));
}

TEST_F(SettingsTest, NewWebhookIsStoredEncryptedAndSendsATest)
{
    ChannelEditorDialog editor(session());
    editor.show();
    child<QLineEdit>(editor, "channelName")->setText(QStringLiteral("Ops hook"));
    auto *kind = child<QComboBox>(editor, "channelKind");
    kind->setCurrentIndex(kind->findData(int(ChannelKind::Webhook)));
    auto *url = child<QLineEdit>(editor, "webhookUrl");
    EXPECT_EQ(url->echoMode(), QLineEdit::Password);
    url->setText(hookUrl());
    child<QCheckBox>(editor, "showWebhookUrl")->setChecked(true);
    EXPECT_EQ(url->echoMode(), QLineEdit::Normal);
    child<QCheckBox>(editor, "event_low_balance")->setChecked(true);
    child<QCheckBox>(editor, "event_key_failing")->setChecked(true);

    QSignalSpy tested(&editor, &ChannelEditorDialog::testFinished);
    child<QPushButton>(editor, "sendTestButton")->click();
    ASSERT_TRUE(waitFor([&] { return tested.count() == 1; }));
    EXPECT_TRUE(tested.at(0).at(0).toBool()) << tested.at(0).at(1).toString().toStdString();
    const std::vector<RecordedRequest> posts = hookPosts();
    ASSERT_EQ(posts.size(), 1u);
    const QJsonObject payload = QJsonDocument::fromJson(posts.front().body).object();
    EXPECT_EQ(payload.value(QLatin1String("event")).toString(), QStringLiteral("test"));
    EXPECT_EQ(ChannelRepository(session().database()).list().value_or(std::vector<Channel>{}).size(), 0u)
        << "a test send stores nothing";

    dialogButton(editor, QDialogButtonBox::Save)->click();
    EXPECT_EQ(editor.result(), QDialog::Accepted);
    ASSERT_GT(editor.channelId(), 0);

    auto stored = ChannelRepository(session().database()).find(editor.channelId());
    ASSERT_TRUE(stored && *stored);
    const Channel &channel = **stored;
    EXPECT_EQ(channel.name, QStringLiteral("Ops hook"));
    EXPECT_EQ(channel.kind, ChannelKind::Webhook);
    EXPECT_EQ(channel.settings.value(QLatin1String("events")).toArray(),
              QJsonArray({QStringLiteral("low_balance"), QStringLiteral("key_failing")}));
    auto secrets = ChannelConfig::openSecrets(channel, session().vault());
    ASSERT_TRUE(secrets);
    EXPECT_EQ(secrets->value(QLatin1String("url")).toString(), hookUrl());

    // The URL's token only ever leaves the process encrypted.
    auto row = session().database().run(
        QStringLiteral("SELECT config_json, config_enc FROM channels WHERE id = ?"), {channel.id});
    ASSERT_TRUE(row && row->next());
    EXPECT_FALSE(row->value(0).toString().contains(kHookToken));
    EXPECT_FALSE(row->value(1).toString().contains(kHookToken));
    EXPECT_FALSE(row->value(0).toString().contains(QStringLiteral("/hooks/")));
    EXPECT_FALSE(databaseFileBytes().contains(kHookToken.toLatin1()));
}

TEST_F(SettingsTest, EditingWithAnEmptyUrlKeepsTheStoredOne)
{
    const qint64 id = storeWebhook(QStringLiteral("Ops hook"), {QStringLiteral("topup")});
    ASSERT_GT(id, 0);
    ChannelEditorDialog editor(session(), id);
    editor.show();
    EXPECT_EQ(child<QLineEdit>(editor, "channelName")->text(), QStringLiteral("Ops hook"));
    EXPECT_TRUE(child<QLineEdit>(editor, "webhookUrl")->text().isEmpty()) << "a stored secret is never shown";
    EXPECT_TRUE(child<QCheckBox>(editor, "event_topup")->isChecked());
    EXPECT_FALSE(child<QCheckBox>(editor, "event_low_balance")->isChecked());
    child<QLineEdit>(editor, "channelName")->setText(QStringLiteral("Renamed hook"));
    child<QCheckBox>(editor, "event_topup")->setChecked(false);

    // The kept URL is what a test send uses too.
    QSignalSpy tested(&editor, &ChannelEditorDialog::testFinished);
    child<QPushButton>(editor, "sendTestButton")->click();
    ASSERT_TRUE(waitFor([&] { return tested.count() == 1; }));
    EXPECT_TRUE(tested.at(0).at(0).toBool()) << tested.at(0).at(1).toString().toStdString();
    EXPECT_EQ(hookPosts().size(), 1u);

    dialogButton(editor, QDialogButtonBox::Save)->click();
    EXPECT_EQ(editor.result(), QDialog::Accepted);
    auto stored = ChannelRepository(session().database()).find(id);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->name, QStringLiteral("Renamed hook"));
    EXPECT_FALSE((*stored)->settings.contains(QLatin1String("events")));
    auto secrets = ChannelConfig::openSecrets(**stored, session().vault());
    ASSERT_TRUE(secrets);
    EXPECT_EQ(secrets->value(QLatin1String("url")).toString(), hookUrl());
    EXPECT_EQ(ChannelRepository(session().database()).list().value_or(std::vector<Channel>{}).size(), 1u);
}

TEST_F(SettingsTest, ChannelEditorRefusesIncompleteChannels)
{
    ChannelEditorDialog editor(session());
    editor.show();
    auto *status = child<QLabel>(editor, "channelStatus");
    dialogButton(editor, QDialogButtonBox::Save)->click();
    EXPECT_TRUE(editor.isVisible());
    EXPECT_TRUE(status->isVisibleTo(&editor));

    child<QLineEdit>(editor, "channelName")->setText(QStringLiteral("Mail"));
    auto *kind = child<QComboBox>(editor, "channelKind");
    kind->setCurrentIndex(kind->findData(int(ChannelKind::Email)));
    child<QLineEdit>(editor, "emailHost")->setText(QStringLiteral("smtp.example.com"));
    child<QLineEdit>(editor, "emailFrom")->setText(QStringLiteral("alerts@example.com"));
    child<QLineEdit>(editor, "emailTo")->setText(QStringLiteral("a@example.com, b@example.com"));
    child<QLineEdit>(editor, "emailUser")->setText(QStringLiteral("alerts"));
    dialogButton(editor, QDialogButtonBox::Save)->click();
    EXPECT_TRUE(editor.isVisible()) << "a user without a password";
    EXPECT_TRUE(status->text().contains(QStringLiteral("password"))) << status->text().toStdString();

    child<QLineEdit>(editor, "emailPassword")->setText(QStringLiteral("hunter2-mail-secret"));
    dialogButton(editor, QDialogButtonBox::Save)->click();
    EXPECT_EQ(editor.result(), QDialog::Accepted) << status->text().toStdString();
    auto stored = ChannelRepository(session().database()).find(editor.channelId());
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ(ChannelConfig::summary(**stored),
              QStringLiteral("smtp.example.com:587 (starttls) → a@example.com, b@example.com"));
    EXPECT_FALSE(QJsonDocument((*stored)->settings).toJson().contains("hunter2"));
}

TEST_F(SettingsTest, SettingsDialogAddsTestsAndPausesChannels)
{
    auto dialog = newDialog();
    dialog->showPage(SettingsDialog::ChannelsPage);
    auto *list = child<QTreeWidget>(*dialog, "channelList");
    EXPECT_EQ(list->topLevelItemCount(), 0);

    child<QPushButton>(*dialog, "addChannel")->click();
    auto *editor = dialog->findChild<ChannelEditorDialog *>();
    ASSERT_NE(editor, nullptr);
    child<QLineEdit>(*editor, "channelName")->setText(QStringLiteral("Team hook"));
    child<QLineEdit>(*editor, "webhookUrl")->setText(hookUrl());
    dialogButton(*editor, QDialogButtonBox::Save)->click();
    ASSERT_EQ(list->topLevelItemCount(), 1);
    QTreeWidgetItem *item = list->topLevelItem(0);
    EXPECT_EQ(item->text(0), QStringLiteral("Team hook"));
    // The host and the token's last characters: enough to tell two hooks apart, not the secret.
    EXPECT_EQ(item->text(2), QStringLiteral("127.0.0.1/") + QChar(0x2026) + kHookToken.right(4));
    EXPECT_EQ(item->checkState(0), Qt::Checked);
    EXPECT_EQ(list->currentItem(), item);

    QSignalSpy tested(dialog.get(), &SettingsDialog::channelTestFinished);
    child<QPushButton>(*dialog, "testChannel")->click();
    ASSERT_TRUE(waitFor([&] { return tested.count() == 1; }));
    EXPECT_TRUE(tested.at(0).at(0).toBool()) << tested.at(0).at(1).toString().toStdString();
    ASSERT_EQ(hookPosts().size(), 1u);
    EXPECT_EQ(
        QJsonDocument::fromJson(hookPosts().front().body).object().value(QLatin1String("event")).toString(),
        QStringLiteral("test"));

    item->setCheckState(0, Qt::Unchecked);
    auto ids = ChannelRepository(session().database()).enabledIds();
    ASSERT_TRUE(ids);
    EXPECT_TRUE(ids->empty());
    list->topLevelItem(0)->setCheckState(0, Qt::Checked);
    EXPECT_EQ(ChannelRepository(session().database()).enabledIds().value_or(std::vector<qint64>{}).size(),
              1u);
}

TEST_F(SettingsTest, RemovingAChannelAsksFirst)
{
    const qint64 keep = storeWebhook(QStringLiteral("Keep me"));
    const qint64 drop = storeWebhook(QStringLiteral("Drop me"));
    auto dialog = newDialog();
    dialog->showPage(SettingsDialog::ChannelsPage);
    auto *list = child<QTreeWidget>(*dialog, "channelList");
    ASSERT_EQ(list->topLevelItemCount(), 2);
    list->setCurrentItem(list->topLevelItem(1));

    child<QPushButton>(*dialog, "removeChannel")->click();
    auto *question = dialog->findChild<QMessageBox *>(QStringLiteral("removeChannelQuestion"));
    ASSERT_NE(question, nullptr);
    EXPECT_TRUE(question->text().contains(QStringLiteral("Drop me")));
    question->button(QMessageBox::Cancel)->click();
    EXPECT_TRUE(ChannelRepository(session().database()).find(drop).value_or(std::nullopt).has_value());
    ASSERT_TRUE(waitFor([&] { return dialog->findChild<QMessageBox *>() == nullptr; }));

    child<QPushButton>(*dialog, "removeChannel")->click();
    question = dialog->findChild<QMessageBox *>(QStringLiteral("removeChannelQuestion"));
    ASSERT_NE(question, nullptr);
    question->button(QMessageBox::Yes)->click();
    EXPECT_FALSE(ChannelRepository(session().database()).find(drop).value_or(std::nullopt).has_value());
    EXPECT_TRUE(ChannelRepository(session().database()).find(keep).value_or(std::nullopt).has_value());
    ASSERT_EQ(list->topLevelItemCount(), 1);
    EXPECT_EQ(list->topLevelItem(0)->text(0), QStringLiteral("Keep me"));
}

TEST_F(SettingsTest, TestConnectionReportsFailureAndSuccess)
{
    auto dialog = newDialog();
    dialog->showPage(SettingsDialog::DatabasePage);
    EXPECT_TRUE(child<QLabel>(*dialog, "databaseInUse")->text().contains(QStringLiteral("sqlite://")));
    auto *status = child<QLabel>(*dialog, "connectionStatus");
    QSignalSpy tested(dialog.get(), &SettingsDialog::connectionTested);

    child<QRadioButton>(*dialog, "postgresRadio")->setChecked(true);
    child<QLineEdit>(*dialog, "postgresUrl")->setText(QStringLiteral("postgresql://x@127.0.0.1:1/none"));
    child<QPushButton>(*dialog, "testConnection")->click();
    ASSERT_TRUE(waitFor([&] { return tested.count() == 1; }, 30000));
    EXPECT_FALSE(tested.at(0).at(0).toBool());
    EXPECT_TRUE(status->isVisibleTo(dialog.get()));
    EXPECT_TRUE(status->text().contains(QStringLiteral("cannot be used"))) << status->text().toStdString();
    EXPECT_TRUE(status->text().contains(QStringLiteral("127.0.0.1"))) << status->text().toStdString();

    child<QLineEdit>(*dialog, "postgresUrl")->setText(QStringLiteral("mysql://x@127.0.0.1/none"));
    child<QPushButton>(*dialog, "testConnection")->click();
    ASSERT_EQ(tested.count(), 2);
    EXPECT_FALSE(tested.at(1).at(0).toBool());
    EXPECT_FALSE(dialog->apply()) << "an unusable URL blocks OK";
    EXPECT_TRUE(Preferences::databaseUrl().isEmpty());

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("other.db"));
    child<QRadioButton>(*dialog, "sqliteRadio")->setChecked(true);
    child<QLineEdit>(*dialog, "sqlitePath")->setText(path);
    child<QPushButton>(*dialog, "testConnection")->click();
    ASSERT_TRUE(waitFor([&] { return tested.count() == 3; }, 30000));
    EXPECT_TRUE(tested.at(2).at(0).toBool()) << tested.at(2).at(1).toString().toStdString();
    EXPECT_TRUE(status->text().contains(QStringLiteral("empty database, will be set up on first use")))
        << status->text().toStdString();
    EXPECT_FALSE(QFileInfo::exists(path)) << "testing a connection creates no database file";
    EXPECT_TRUE(Preferences::databaseUrl().isEmpty()) << "a test writes no setting";

    QSignalSpy changed(dialog.get(), &SettingsDialog::databaseChangedForNextStart);
    ASSERT_TRUE(dialog->apply());
    EXPECT_EQ(Preferences::databaseUrl(), QStringLiteral("sqlite://") + path);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_TRUE(child<QLabel>(*dialog, "restartNote")->isVisibleTo(dialog.get()));
}

TEST_F(SettingsTest, StoredPostgresPasswordLeavesTheSettingsFile)
{
    // As an older QuotaWatch saved it: the password inside the URL.
    const QString stored = QStringLiteral("postgresql://qw:s3cret-pw@db.example.com:5433/quotawatch");
    Preferences::setDatabaseUrl(stored);
    auto dialog = newDialog();
    EXPECT_TRUE(child<QRadioButton>(*dialog, "postgresRadio")->isChecked());
    const QString shown = child<QLineEdit>(*dialog, "postgresUrl")->text();
    EXPECT_FALSE(shown.contains(QStringLiteral("s3cret-pw"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("db.example.com")));
    auto *password = child<QLineEdit>(*dialog, "postgresPassword");
    EXPECT_EQ(password->echoMode(), QLineEdit::Password);
    child<QCheckBox>(*dialog, "closeToTray")->setChecked(false);
    // The keychain may or may not be reachable here; either way the URL is saved without it.
    ASSERT_TRUE(dialog->apply());
    EXPECT_EQ(Preferences::databaseUrl(), QStringLiteral("postgresql://qw@db.example.com:5433/quotawatch"));
    EXPECT_FALSE(Preferences::closeToTray());
    QSettings().sync();
    QFile file(QSettings().fileName());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(test::holdsNoSecret({QByteArrayLiteral("s3cret-pw")}, file.readAll(),
                                    QStringLiteral("the settings file")));
}

TEST_F(SettingsTest, TypedPostgresPasswordNeverReachesTheSettingsFile)
{
    auto dialog = newDialog();
    dialog->showPage(SettingsDialog::DatabasePage);
    child<QRadioButton>(*dialog, "postgresRadio")->setChecked(true);
    // In the URL and in the password field: neither lands in the file.
    child<QLineEdit>(*dialog, "postgresUrl")
        ->setText(QStringLiteral("postgresql://qw:Url-Pass-1234@db.example.com/quota"));
    ASSERT_TRUE(dialog->apply());
    EXPECT_EQ(Preferences::databaseUrl(), QStringLiteral("postgresql://qw@db.example.com:5432/quota"));
    child<QLineEdit>(*dialog, "postgresPassword")->setText(QStringLiteral("Field-Pass-5678"));
    ASSERT_TRUE(dialog->apply());
    QSettings().sync();
    QFile file(QSettings().fileName());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(
        test::holdsNoSecret({QByteArrayLiteral("Url-Pass-1234"), QByteArrayLiteral("Field-Pass-5678")},
                            file.readAll(), QStringLiteral("the settings file")));
}

// A translation of one text of the settings' General page, compiled by lrelease into `dir`.
bool compileTranslation(const QString &dir, const QString &language, const QString &source,
                        const QString &translation)
{
    const QString ts = dir + QStringLiteral("/quotawatch_") + language + QStringLiteral(".ts");
    QFile file(ts);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QStringLiteral("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE TS>\n"
                              "<TS version=\"2.1\" language=\"%1\">\n<context>\n"
                              "    <name>qw::ui::settings::GeneralPage</name>\n"
                              "    <message>\n        <source>%2</source>\n"
                              "        <translation>%3</translation>\n    </message>\n"
                              "</context>\n</TS>\n")
                   .arg(language, source.toHtmlEscaped(), translation.toHtmlEscaped())
                   .toUtf8());
    file.close();
    const int exitCode =
        QProcess::execute(QStringLiteral(QW_LRELEASE),
                          {QStringLiteral("-silent"), ts, QStringLiteral("-qm"),
                           dir + QStringLiteral("/quotawatch_") + language + QStringLiteral(".qm")});
    return exitCode == 0;
}

TEST_F(SettingsTest, LanguageSwitchEmitsAndRetranslates)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString chinese = QStringLiteral("界面语言(&L)：");
    ASSERT_TRUE(
        compileTranslation(dir.path(), QStringLiteral("zh_CN"), QStringLiteral("&Language:"), chinese));

    auto dialog = newDialog();
    auto *label = child<QLabel>(*dialog, "languageLabel");
    EXPECT_EQ(label->text(), QStringLiteral("&Language:"));
    QSignalSpy switched(dialog.get(), &SettingsDialog::languageChanged);
    auto *language = child<QComboBox>(*dialog, "language");
    language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
    EXPECT_EQ(switched.count(), 0) << "nothing happens before Apply";
    EXPECT_TRUE(Preferences::language().isEmpty());

    ui::UiTranslator translator(dir.path());
    QObject::connect(dialog.get(), &SettingsDialog::languageChanged, dialog.get(),
                     [&translator](const QString &chosen) { translator.setLanguage(chosen); });
    dialogButton(*dialog, QDialogButtonBox::Apply)->click();
    ASSERT_EQ(switched.count(), 1);
    EXPECT_EQ(switched.at(0).at(0).toString(), QStringLiteral("zh_CN"));
    EXPECT_EQ(Preferences::language(), QStringLiteral("zh_CN"));
    EXPECT_TRUE(translator.hasAppTranslation());
    EXPECT_TRUE(waitFor([&] { return label->text() == chinese; })) << label->text().toStdString();

    language->setCurrentIndex(language->findData(QStringLiteral("en")));
    dialogButton(*dialog, QDialogButtonBox::Apply)->click();
    ASSERT_EQ(switched.count(), 2);
    EXPECT_FALSE(translator.hasAppTranslation()) << "no English .qm in this folder";
    EXPECT_TRUE(waitFor([&] { return label->text() == QStringLiteral("&Language:"); }))
        << label->text().toStdString();
}

TEST_F(SettingsTest, TranslatorLoadsTheProjectTranslationAndCopesWithoutOne)
{
    const QLocale locale;
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const int exitCode =
        QProcess::execute(QStringLiteral(QW_LRELEASE),
                          {QStringLiteral("-silent"),
                           QStringLiteral(QW_TRANSLATIONS_DIR) + QStringLiteral("/quotawatch_zh_CN.ts"),
                           QStringLiteral("-qm"), dir.filePath(QStringLiteral("quotawatch_zh_CN.qm"))});
    ASSERT_EQ(exitCode, 0);
    {
        ui::UiTranslator translator(dir.path());
        EXPECT_TRUE(translator.setLanguage(QStringLiteral("zh_CN")));
        EXPECT_EQ(translator.language(), QStringLiteral("zh_CN"));
        EXPECT_TRUE(translator.hasAppTranslation());
    }
    // qw_ui carries the compiled-in translations (qw_translations): no executable needed.
    ui::UiTranslator compiledIn;
    EXPECT_TRUE(compiledIn.setLanguage(QStringLiteral("zh_CN")));
    EXPECT_TRUE(compiledIn.hasAppTranslation());
    // A language QuotaWatch has no translation for is no error: its texts stay English.
    EXPECT_FALSE(compiledIn.setLanguage(QStringLiteral("fr")));
    EXPECT_FALSE(compiledIn.hasAppTranslation());
    // ... and its plurals English ones, not the source text's "1 alert deliveries failing".
    EXPECT_EQ(QCoreApplication::translate("qw::ui::TrayIcon", "%n alert deliveries failing", nullptr, 1),
              QStringLiteral("1 alert delivery failing"));
    EXPECT_FALSE(compiledIn.setLanguage(QStringLiteral("C")));
    EXPECT_EQ(QCoreApplication::translate("qw::ui::TrayIcon", "%n alert deliveries failing", nullptr, 1),
              QStringLiteral("1 alert delivery failing"));
    QLocale::setDefault(locale); // setLanguage() changed it for the numbers and dates
}

TEST_F(SettingsTest, ChannelEditorRetranslatesOnLanguageChange)
{
    class Upper final : public QTranslator
    {
    public:
        QString translate(const char *context, const char *source, const char *, int) const override
        {
            if (qstrcmp(context, "qw::ui::ChannelEditorDialog") == 0)
                return QString::fromUtf8(source).toUpper();
            return {};
        }
        bool isEmpty() const override { return false; }
    };
    ChannelEditorDialog editor(session());
    editor.show();
    EXPECT_EQ(editor.windowTitle(), QStringLiteral("Add Notification Channel"));
    Upper upper;
    QCoreApplication::installTranslator(&upper);
    EXPECT_TRUE(waitFor([&] { return editor.windowTitle() == QStringLiteral("ADD NOTIFICATION CHANNEL"); }));
    QCoreApplication::removeTranslator(&upper);
    EXPECT_TRUE(waitFor([&] { return editor.windowTitle() == QStringLiteral("Add Notification Channel"); }));
}

class LaunchAtLoginTest : public SettingsTest
{
protected:
    void SetUp() override
    {
        SettingsTest::SetUp();
        ASSERT_TRUE(m_config.isValid());
        m_oldConfigHome = qgetenv("XDG_CONFIG_HOME");
        m_hadConfigHome = qEnvironmentVariableIsSet("XDG_CONFIG_HOME");
        // Test mode points every location at ~/.qttest; the autostart folder must follow
        // XDG_CONFIG_HOME the way it does for users.
        QStandardPaths::setTestModeEnabled(false);
        qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
    }
    void TearDown() override
    {
        if (m_hadConfigHome)
            qputenv("XDG_CONFIG_HOME", m_oldConfigHome);
        else
            qunsetenv("XDG_CONFIG_HOME");
        QStandardPaths::setTestModeEnabled(true);
        SettingsTest::TearDown();
    }

    QTemporaryDir m_config;
    QByteArray m_oldConfigHome;
    bool m_hadConfigHome = false;
};

TEST_F(LaunchAtLoginTest, WritesAndRemovesTheAutostartFile)
{
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    GTEST_SKIP() << "the XDG autostart entry is for Linux and other Unix desktops";
#endif
    // Named like the installed desktop entry (resources/), so desktops match the two.
    const QString file =
        m_config.filePath(QStringLiteral("autostart/io.github.quotawatch.QuotaWatch.desktop"));
    ASSERT_EQ(ui::LaunchAtLogin::location(), file) << "must not touch the real autostart folder";
    EXPECT_FALSE(ui::LaunchAtLogin::isEnabled());

    ASSERT_TRUE(ui::LaunchAtLogin::setEnabled(true, QStringLiteral("/opt/Quota Watch/bin/quota$watch")));
    EXPECT_TRUE(ui::LaunchAtLogin::isEnabled());
    QFile entry(file);
    ASSERT_TRUE(entry.open(QIODevice::ReadOnly));
    const QByteArray content = entry.readAll();
    entry.close();
    EXPECT_TRUE(content.startsWith("[Desktop Entry]\n"));
    EXPECT_TRUE(content.contains("Type=Application\n"));
    EXPECT_TRUE(content.contains("Exec=\"/opt/Quota Watch/bin/quota\\\\$watch\"\n")) << content.toStdString();
    // What desktops accept: desktop-file-validate (desktop-file-utils) finds no error in it.
    if (const QString validate = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        !validate.isEmpty()) {
        QProcess process;
        process.start(validate, {file});
        ASSERT_TRUE(process.waitForFinished(10000));
        EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardOutput().toStdString();
    }

    ASSERT_TRUE(ui::LaunchAtLogin::setEnabled(false));
    EXPECT_FALSE(QFile::exists(file));
    EXPECT_FALSE(ui::LaunchAtLogin::isEnabled());
    EXPECT_TRUE(ui::LaunchAtLogin::setEnabled(false)) << "removing twice is fine";

    // Through the dialog: written on OK only, starting this program.
    auto dialog = newDialog();
    auto *box = child<QCheckBox>(*dialog, "launchAtLogin");
    EXPECT_FALSE(box->isChecked());
    box->setChecked(true);
    EXPECT_FALSE(QFile::exists(file));
    dialogButton(*dialog, QDialogButtonBox::Ok)->click();
    ASSERT_TRUE(QFile::exists(file));
    ASSERT_TRUE(entry.open(QIODevice::ReadOnly));
    EXPECT_TRUE(entry.readAll().contains(QCoreApplication::applicationFilePath().toUtf8()));
    entry.close();

    auto again = newDialog();
    EXPECT_TRUE(child<QCheckBox>(*again, "launchAtLogin")->isChecked());
    child<QCheckBox>(*again, "launchAtLogin")->setChecked(false);
    dialogButton(*again, QDialogButtonBox::Ok)->click();
    EXPECT_FALSE(QFile::exists(file));
}

TEST_F(LaunchAtLoginTest, AnEntryUnderTheOldNameCountsAndIsReplaced)
{
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    GTEST_SKIP() << "the XDG autostart entry is for Linux and other Unix desktops";
#endif
    // Written by a version that named the entry quotawatch.desktop.
    const QString legacy = m_config.filePath(QStringLiteral("autostart/quotawatch.desktop"));
    ASSERT_EQ(ui::LaunchAtLogin::legacyLocation(), legacy);
    ASSERT_TRUE(QDir().mkpath(QFileInfo(legacy).absolutePath()));
    QFile old(legacy);
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("[Desktop Entry]\nType=Application\nName=QuotaWatch\nExec=/usr/bin/quotawatch\n");
    old.close();
    EXPECT_TRUE(ui::LaunchAtLogin::isEnabled());

    // Switched on again: one entry, under the new name.
    ASSERT_TRUE(ui::LaunchAtLogin::setEnabled(true, QStringLiteral("/usr/bin/quotawatch")));
    EXPECT_FALSE(QFile::exists(legacy));
    EXPECT_TRUE(QFile::exists(ui::LaunchAtLogin::location()));

    // Switched off: neither is left.
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("[Desktop Entry]\nType=Application\nName=QuotaWatch\nExec=/usr/bin/quotawatch\n");
    old.close();
    ASSERT_TRUE(ui::LaunchAtLogin::setEnabled(false));
    EXPECT_FALSE(QFile::exists(legacy));
    EXPECT_FALSE(QFile::exists(ui::LaunchAtLogin::location()));
    EXPECT_FALSE(ui::LaunchAtLogin::isEnabled());
}

TEST_F(SettingsTest, DatabasePageShowsTheSizeAndSavesTheRetention)
{
    auto dialog = newDialog();
    dialog->showPage(SettingsDialog::DatabasePage);
    // The size of the database in use, as the database itself reports it.
    auto bytes = session().retention().sizeBytes();
    ASSERT_TRUE(bytes);
    EXPECT_GT(*bytes, 0);
    const QString sizeText = child<QLabel>(*dialog, "databaseSize")->text();
    EXPECT_TRUE(sizeText.contains(QLocale().formattedDataSize(*bytes))) << sizeText.toStdString();

    auto *days = child<QSpinBox>(*dialog, "rawRetentionDays");
    EXPECT_EQ(days->value(), 90);
    EXPECT_TRUE(days->isEnabled());
    days->setValue(45);
    ASSERT_TRUE(dialog->apply());
    EXPECT_EQ(session().retention().settings()->rawDays, 45);
    EXPECT_EQ(SettingsRepository(session().database())
                  .value(QStringLiteral("retention.raw_days"))
                  ->value_or(QString()),
              QStringLiteral("45"));
    // A new window shows what is stored.
    auto again = newDialog();
    EXPECT_EQ(child<QSpinBox>(*again, "rawRetentionDays")->value(), 45);
}

} // namespace

} // namespace qw::test
