// Settings → REST API and the REST API inside the desktop: the page saves and loads its settings
// and refuses a combination the server would refuse; the owner's password set there signs in;
// a personal access token is shown once, listed and revoked; enabling the API makes
// GET /api/health answer on the address the page and the status bar show, and disabling closes
// it; a port in use is shown, not fatal.
#include "core/accounts/accountservice.h"
#include "core/session/configuration.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "tests/ui/whenmodal.h"
#include "ui/desktoprestserver.h"
#include "ui/dialogs/accesstokendialog.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/mainwindow.h"
#include "ui/preferences.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTcpServer>
#include <QTimer>
#include <functional>
#include <gtest/gtest.h>
#include <memory>

namespace qw::test {

namespace {

using ui::DesktopRestServer;
using ui::Preferences;
using ui::SettingsDialog;

template<typename T = QWidget> T *child(const QObject &parent, const char *name)
{
    T *found = parent.findChild<T *>(QLatin1String(name));
    EXPECT_NE(found, nullptr) << "no widget named " << name;
    return found;
}

// GET `url`: the status, or 0 when nothing answered (connection refused).
int httpStatus(const QUrl &url, QByteArray *body = nullptr)
{
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    if (body)
        *body = reply->readAll();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

class RestSettingsTest : public UiTest
{
protected:
    std::unique_ptr<SettingsDialog> newDialog(DesktopRestServer *server = nullptr)
    {
        auto dialog = std::make_unique<SettingsDialog>(session(), server);
        dialog->showPage(SettingsDialog::RestPage);
        dialog->show();
        return dialog;
    }

    [[nodiscard]] QString ownerName()
    {
        auto owner = session().accounts().find(session().ownerId());
        EXPECT_TRUE(owner);
        return owner ? owner->username : QString();
    }
};

TEST_F(RestSettingsTest, ThePageSavesAndLoadsItsSettings)
{
    {
        auto dialog = newDialog();
        EXPECT_FALSE(child<QCheckBox>(*dialog, "restEnabled")->isChecked()) << "off by default";
        EXPECT_EQ(child<QLineEdit>(*dialog, "restAddress")->text(), QStringLiteral("127.0.0.1"));
        EXPECT_EQ(child<QSpinBox>(*dialog, "restPort")->value(), 8000);

        child<QCheckBox>(*dialog, "restEnabled")->setChecked(true);
        child<QLineEdit>(*dialog, "restAddress")->setText(QStringLiteral("0.0.0.0"));
        child<QSpinBox>(*dialog, "restPort")->setValue(9123);
        child<QLineEdit>(*dialog, "restTlsCert")->setText(QStringLiteral("/etc/qw/cert.pem"));
        // Another machine's address without "allow other machines", and a certificate without
        // its key: nothing written.
        EXPECT_FALSE(dialog->apply());
        EXPECT_FALSE(Preferences::restEnabled());
        child<QCheckBox>(*dialog, "restAllowRemote")->setChecked(true);
        EXPECT_FALSE(dialog->apply());
        EXPECT_FALSE(Preferences::restEnabled());

        // Allowed remotely without HTTPS: a warning, but not a refusal.
        child<QLineEdit>(*dialog, "restTlsCert")->clear();
        EXPECT_FALSE(child<QLabel>(*dialog, "restRemoteWarning")->isHidden());
        child<QLineEdit>(*dialog, "restTlsCert")->setText(QStringLiteral("/etc/qw/cert.pem"));
        child<QLineEdit>(*dialog, "restTlsKey")->setText(QStringLiteral("/etc/qw/key.pem"));
        EXPECT_TRUE(child<QLabel>(*dialog, "restRemoteWarning")->isHidden());
        child<QCheckBox>(*dialog, "restMetricsPublic")->setChecked(true);
        ASSERT_TRUE(dialog->apply());
    }
    EXPECT_TRUE(Preferences::restEnabled());
    EXPECT_EQ(Preferences::restAddress(), QStringLiteral("0.0.0.0"));
    EXPECT_EQ(Preferences::restPort(), 9123);
    EXPECT_TRUE(Preferences::restAllowRemote());
    EXPECT_EQ(Preferences::restTlsCertificate(), QStringLiteral("/etc/qw/cert.pem"));
    EXPECT_EQ(Preferences::restTlsKey(), QStringLiteral("/etc/qw/key.pem"));
    EXPECT_TRUE(Preferences::restMetricsPublic());
    // What `serve` and the desktop read back is what the page wrote.
    const Configuration configuration;
    EXPECT_TRUE(configuration.restEnabledOnDesktop());
    EXPECT_TRUE(configuration.restAllowRemote());
    EXPECT_TRUE(configuration.restMetricsPublic());
    EXPECT_EQ(configuration.restTlsFiles()->keyFile, QStringLiteral("/etc/qw/key.pem"));
    EXPECT_EQ(configuration.restEndpoint()->port, 9123);

    auto reopened = newDialog();
    EXPECT_TRUE(child<QCheckBox>(*reopened, "restEnabled")->isChecked());
    EXPECT_EQ(child<QLineEdit>(*reopened, "restAddress")->text(), QStringLiteral("0.0.0.0"));
    EXPECT_EQ(child<QSpinBox>(*reopened, "restPort")->value(), 9123);
    EXPECT_TRUE(child<QCheckBox>(*reopened, "restAllowRemote")->isChecked());
    EXPECT_EQ(child<QLineEdit>(*reopened, "restTlsCert")->text(), QStringLiteral("/etc/qw/cert.pem"));
    EXPECT_EQ(child<QLineEdit>(*reopened, "restTlsKey")->text(), QStringLiteral("/etc/qw/key.pem"));
    EXPECT_TRUE(child<QCheckBox>(*reopened, "restMetricsPublic")->isChecked());
}

TEST_F(RestSettingsTest, APasswordSetThereSignsInAsTheOwner)
{
    auto dialog = newDialog();
    const QString name = ownerName();
    auto *state = child<QLabel>(*dialog, "restPasswordState");
    EXPECT_TRUE(state->text().contains(QStringLiteral("No password"))) << state->text().toStdString();
    EXPECT_TRUE(state->text().contains(name));

    child<QLineEdit>(*dialog, "restPassword")->setText(QStringLiteral("correct horse"));
    child<QLineEdit>(*dialog, "restPasswordRepeat")->setText(QStringLiteral("correct hose"));
    child<QPushButton>(*dialog, "restSetPassword")->click();
    EXPECT_FALSE(session().accounts().authenticate(name, QStringLiteral("correct horse")));
    EXPECT_TRUE(child<QLabel>(*dialog, "restPasswordStatus")->text().contains(QStringLiteral("differ")));

    child<QLineEdit>(*dialog, "restPassword")->setText(QStringLiteral("short"));
    child<QLineEdit>(*dialog, "restPasswordRepeat")->setText(QStringLiteral("short"));
    child<QPushButton>(*dialog, "restSetPassword")->click();
    EXPECT_FALSE(session().accounts().authenticate(name, QStringLiteral("short")));

    child<QLineEdit>(*dialog, "restPassword")->setText(QStringLiteral("correct horse"));
    child<QLineEdit>(*dialog, "restPasswordRepeat")->setText(QStringLiteral("correct horse"));
    child<QPushButton>(*dialog, "restSetPassword")->click();
    auto signedIn = session().accounts().authenticate(name, QStringLiteral("correct horse"));
    ASSERT_TRUE(signedIn) << signedIn.error().message.toStdString();
    EXPECT_EQ(signedIn->id, session().ownerId());
    EXPECT_TRUE(child<QLineEdit>(*dialog, "restPassword")->text().isEmpty()) << "not left in the field";
    EXPECT_TRUE(state->text().contains(QStringLiteral("A password is set")));
}

TEST_F(RestSettingsTest, ATokenIsShownOnceListedAndRevoked)
{
    auto dialog = newDialog();
    auto *table = child<QTableWidget>(*dialog, "restTokens");
    EXPECT_EQ(table->rowCount(), 0);
    EXPECT_FALSE(child<QPushButton>(*dialog, "restRevokeToken")->isEnabled());

    QString shown;
    QString note;
    whenModal<QInputDialog>([](QInputDialog *ask) {
        ask->setTextValue(QStringLiteral("prometheus"));
        ask->accept();
    });
    whenModal<ui::AccessTokenDialog>([&](ui::AccessTokenDialog *tokenDialog) {
        shown = child<QLineEdit>(*tokenDialog, "tokenValue")->text();
        note = child<QLabel>(*tokenDialog, "tokenNote")->text();
        child<QPushButton>(*tokenDialog, "copyToken")->click();
        tokenDialog->accept();
    });
    child<QPushButton>(*dialog, "restCreateToken")->click(); // returns once both dialogs closed
    ASSERT_FALSE(shown.isEmpty());
    EXPECT_TRUE(note.contains(QStringLiteral("not be shown again")));
    EXPECT_EQ(QApplication::clipboard()->text(), shown);
    auto user = session().accounts().authenticateToken(shown);
    ASSERT_TRUE(user) << user.error().message.toStdString();
    EXPECT_EQ(user->id, session().ownerId());

    // Listed by name, with its use now recorded once the list is read again; the token itself
    // is in no cell.
    ASSERT_EQ(table->rowCount(), 1);
    EXPECT_EQ(table->item(0, 0)->text(), QStringLiteral("prometheus"));
    EXPECT_FALSE(table->item(0, 1)->text().isEmpty());
    EXPECT_EQ(table->item(0, 2)->text(), QStringLiteral("never"));
    EXPECT_TRUE(table->item(0, 3)->text().isEmpty());
    for (int column = 0; column < table->columnCount(); ++column)
        EXPECT_FALSE(table->item(0, column)->text().contains(shown));
    auto reopened = newDialog();
    auto *again = child<QTableWidget>(*reopened, "restTokens");
    ASSERT_EQ(again->rowCount(), 1);
    EXPECT_NE(again->item(0, 2)->text(), QStringLiteral("never"));

    // Revoking asks; Cancel keeps it.
    again->selectRow(0);
    auto *revoke = child<QPushButton>(*reopened, "restRevokeToken");
    ASSERT_TRUE(revoke->isEnabled());
    whenModal<QMessageBox>([](QMessageBox *question) { question->button(QMessageBox::Cancel)->click(); });
    revoke->click();
    EXPECT_TRUE(again->item(0, 3)->text().isEmpty());
    EXPECT_TRUE(session().accounts().authenticateToken(shown));

    whenModal<QMessageBox>([](QMessageBox *question) {
        EXPECT_TRUE(question->text().contains(QStringLiteral("prometheus")));
        question->button(QMessageBox::Yes)->click();
    });
    revoke->click();
    ASSERT_EQ(again->rowCount(), 1);
    EXPECT_EQ(again->item(0, 3)->text(), QStringLiteral("revoked"));
    EXPECT_FALSE(session().accounts().authenticateToken(shown));
    again->selectRow(0);
    EXPECT_FALSE(revoke->isEnabled()) << "a revoked token cannot be revoked again";
}

TEST_F(RestSettingsTest, EnablingServesHealthOnTheShownAddressAndDisablingClosesIt)
{
    DesktopRestServer server(session(), Configuration());
    server.applySettings();
    EXPECT_EQ(server.state(), DesktopRestServer::State::Off) << "off by default";
    ui::MainWindow window(session());
    window.setRestServer(&server);
    auto *status = child<QLabel>(window, "restStatus");
    EXPECT_TRUE(status->isHidden());

    auto dialog = newDialog(&server);
    EXPECT_EQ(child<QLabel>(*dialog, "restListening")->text(), QStringLiteral("not running"));
    child<QCheckBox>(*dialog, "restEnabled")->setChecked(true);
    child<QSpinBox>(*dialog, "restPort")->setValue(0); // any free port
    ASSERT_TRUE(dialog->apply());
    ASSERT_EQ(server.state(), DesktopRestServer::State::Listening) << server.problem().toStdString();
    const QUrl url = server.url();
    EXPECT_EQ(url.host(), QStringLiteral("127.0.0.1"));
    EXPECT_GT(url.port(), 0);
    EXPECT_EQ(child<QLabel>(*dialog, "restListening")->text(), url.toString());
    EXPECT_TRUE(status->text().contains(url.toString())) << status->text().toStdString();
    EXPECT_FALSE(status->isHidden());

    QByteArray body;
    EXPECT_EQ(httpStatus(url.resolved(QUrl(QStringLiteral("/api/health"))), &body), 200);
    EXPECT_TRUE(body.contains("\"status\"")) << body.toStdString();

    // An OK that changes nothing keeps the same server (and its port).
    ASSERT_TRUE(dialog->apply());
    EXPECT_EQ(server.url(), url);

    child<QCheckBox>(*dialog, "restEnabled")->setChecked(false);
    ASSERT_TRUE(dialog->apply());
    EXPECT_EQ(server.state(), DesktopRestServer::State::Off);
    EXPECT_EQ(child<QLabel>(*dialog, "restListening")->text(), QStringLiteral("not running"));
    EXPECT_TRUE(status->isHidden());
    EXPECT_EQ(httpStatus(url.resolved(QUrl(QStringLiteral("/api/health")))), 0) << "closed";
}

TEST_F(RestSettingsTest, APortInUseOrAMissingTlsFileIsShownNotFatal)
{
    QTcpServer occupant;
    ASSERT_TRUE(occupant.listen(QHostAddress::LocalHost, 0));
    Preferences::setRestEnabled(true);
    Preferences::setRestPort(occupant.serverPort());
    DesktopRestServer server(session(), Configuration());
    server.applySettings();
    EXPECT_EQ(server.state(), DesktopRestServer::State::Failed);
    EXPECT_FALSE(server.problem().isEmpty());

    auto dialog = newDialog(&server);
    auto *listening = child<QLabel>(*dialog, "restListening");
    EXPECT_TRUE(listening->text().startsWith(QStringLiteral("could not start")))
        << listening->text().toStdString();

    // A certificate that is not there: the reason names the file.
    child<QSpinBox>(*dialog, "restPort")->setValue(0);
    child<QLineEdit>(*dialog, "restTlsCert")->setText(QStringLiteral("/nonexistent/cert.pem"));
    child<QLineEdit>(*dialog, "restTlsKey")->setText(QStringLiteral("/nonexistent/key.pem"));
    ASSERT_TRUE(dialog->apply());
    EXPECT_EQ(server.state(), DesktopRestServer::State::Failed);
    EXPECT_TRUE(listening->text().contains(QStringLiteral("/nonexistent/")))
        << listening->text().toStdString();

    // Fixed: it listens.
    child<QLineEdit>(*dialog, "restTlsCert")->clear();
    child<QLineEdit>(*dialog, "restTlsKey")->clear();
    ASSERT_TRUE(dialog->apply());
    EXPECT_EQ(server.state(), DesktopRestServer::State::Listening) << server.problem().toStdString();
}

} // namespace
} // namespace qw::test
