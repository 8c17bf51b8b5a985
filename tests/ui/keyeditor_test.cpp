// The key editor: live validation next to each field, saving through KeyService (encrypted
// secret, nothing half-valid stored), editing with and without a new secret, generated option
// widgets, and the Test button against the real provider server.
#include "core/crypto/vault.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/keys/pendingkey.h"
#include "core/storage/apikeyrepository.h"
#include "tests/support/waitfor.h"
#include "tests/ui/uitest.h"
#include "tests/ui/whenmodal.h"
#include "ui/dialogs/keyeditor/optioneditorfactory.h"
#include "ui/dialogs/keyeditordialog.h"
#include "ui/preferences.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <functional>
#include <gtest/gtest.h>
#include <memory>

// Readable failure messages for QString comparisons.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}
QT_END_NAMESPACE

namespace qw::test {

namespace {

using ui::KeyEditorDialog;

const QString kSecret = QStringLiteral("sk-editor-test-5f3a9c0e7b214d68");

class KeyEditorTest : public UiTest
{
protected:
    std::unique_ptr<KeyEditorDialog> newDialog(std::optional<qint64> keyId = {})
    {
        auto dialog = std::make_unique<KeyEditorDialog>(session(), keyId);
        dialog->show();
        return dialog;
    }

    template<typename T = QWidget> static T *child(const KeyEditorDialog &dialog, const QString &name)
    {
        T *found = dialog.findChild<T *>(name);
        EXPECT_NE(found, nullptr) << "no widget named " << name.toStdString();
        return found;
    }

    static QLineEdit *line(const KeyEditorDialog &dialog, const QString &name)
    {
        return child<QLineEdit>(dialog, name);
    }
    static QPushButton *saveButton(const KeyEditorDialog &dialog)
    {
        return child<QPushButton>(dialog, QStringLiteral("save"));
    }
    static QString errorText(const KeyEditorDialog &dialog, const QString &name)
    {
        auto *label = child<QLabel>(dialog, name);
        return label && label->isVisible() ? label->text() : QString();
    }
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }
    static void setInterval(const KeyEditorDialog &dialog, const QString &text)
    {
        auto *combo = child<QComboBox>(dialog, QStringLiteral("interval"));
        combo->lineEdit()->selectAll();
        QTest::keyClicks(combo->lineEdit(), text);
    }

    // A complete, valid DeepSeek key pointing at `scenario`.
    void fillValid(KeyEditorDialog &dialog, const QString &scenario = QStringLiteral("ok"))
    {
        type(line(dialog, QStringLiteral("name")), QStringLiteral("DeepSeek main"));
        ASSERT_TRUE(dialog.setPlatformId(QStringLiteral("deepseek")));
        type(line(dialog, QStringLiteral("secret")), kSecret);
        type(line(dialog, QStringLiteral("baseUrl")), providerUrl(scenario));
    }

    qint64 keyCount()
    {
        auto count = ApiKeyRepository(session().database()).count();
        EXPECT_TRUE(count);
        return count.value_or(-1);
    }

    ApiKey storedKey(qint64 id)
    {
        auto found = ApiKeyRepository(session().database()).find(id);
        EXPECT_TRUE(found && *found);
        return found && *found ? **found : ApiKey{};
    }

    QByteArray storedSecret(qint64 id)
    {
        auto plain = session().vault().decrypt(storedKey(id).secretEnc);
        EXPECT_TRUE(plain);
        return plain ? plain->view().toByteArray() : QByteArray();
    }

    QString testResult(const KeyEditorDialog &dialog)
    {
        return child<QLabel>(dialog, QStringLiteral("testResult"))->text();
    }

    // The text of the label that names `field`; empty when none does.
    static QString labelOf(const KeyEditorDialog &dialog, const QWidget *field)
    {
        for (auto *label : dialog.findChildren<QLabel *>()) {
            if (label->buddy() == field)
                return label->text();
        }
        return {};
    }

    // translations/quotawatch_zh_CN.ts compiled into `dir` and installed; the caller removes it.
    static void installChinese(const QTemporaryDir &dir, QTranslator &chinese)
    {
        ASSERT_TRUE(dir.isValid());
        const QString qm = dir.filePath(QStringLiteral("quotawatch_zh_CN.qm"));
        ASSERT_EQ(QProcess::execute(QStringLiteral(QW_LRELEASE), {QStringLiteral("-silent"),
                                                                  QStringLiteral(QW_TRANSLATIONS_DIR) +
                                                                      QStringLiteral("/quotawatch_zh_CN.ts"),
                                                                  QStringLiteral("-qm"), qm}),
                  0);
        ASSERT_TRUE(chinese.load(qm));
        QCoreApplication::installTranslator(&chinese);
    }

    // Clicks Test and waits until the busy indicator is gone again.
    void runTest(KeyEditorDialog &dialog)
    {
        auto *busy = child<QProgressBar>(dialog, QStringLiteral("testBusy"));
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("test")), Qt::LeftButton);
        ASSERT_TRUE(busy->isVisible()) << testResult(dialog).toStdString();
        ASSERT_TRUE(waitFor([&] { return !busy->isVisible(); }));
    }
};

TEST_F(KeyEditorTest, EmptyNameDisablesSaveWithAnInlineError)
{
    auto dialog = newDialog();
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    // Nothing typed yet: no red text, but the reason Save is greyed out is given.
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("nameError")).isEmpty());
    EXPECT_TRUE(child<QLabel>(*dialog, QStringLiteral("status"))->text().contains(QStringLiteral("name")));

    fillValid(*dialog);
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());
    type(line(*dialog, QStringLiteral("name")), QString());
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    EXPECT_EQ(errorText(*dialog, QStringLiteral("nameError")), QStringLiteral("The key needs a name"));
    EXPECT_TRUE(line(*dialog, QStringLiteral("name"))->property("invalid").toBool());

    type(line(*dialog, QStringLiteral("name")), QStringLiteral("x"));
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("nameError")).isEmpty());
    EXPECT_FALSE(line(*dialog, QStringLiteral("name"))->property("invalid").toBool());
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());
}

TEST_F(KeyEditorTest, BadUrlIsShownAndNothingIsSaved)
{
    auto dialog = newDialog();
    fillValid(*dialog);
    type(line(*dialog, QStringLiteral("baseUrl")), QStringLiteral("ftp://x"));
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("baseUrlError")).contains(QStringLiteral("ftp://x")));
    EXPECT_TRUE(line(*dialog, QStringLiteral("baseUrl"))->property("invalid").toBool());

    // Even a save forced past the disabled button stores nothing.
    dialog->accept();
    EXPECT_EQ(dialog->result(), QDialog::Rejected);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(dialog->savedKeyId(), 0);
    EXPECT_EQ(keyCount(), 0);
    // Enter as well.
    QTest::keyClick(line(*dialog, QStringLiteral("name")), Qt::Key_Return);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(keyCount(), 0);

    type(line(*dialog, QStringLiteral("baseUrl")), providerUrl(QStringLiteral("ok")));
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("baseUrlError")).isEmpty());
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());
}

// Plain http:// to another machine is refused at the base URL until the checkbox allows it; the
// warning is visible exactly while it is ticked, and the choice is stored and shown again.
TEST_F(KeyEditorTest, PlainHttpOffThisMachineNeedsTheCheckboxAndShowsAWarning)
{
    auto dialog = newDialog();
    dialog->show();
    fillValid(*dialog);
    auto *allow = child<QCheckBox>(*dialog, QStringLiteral("allowInsecure"));
    auto *warning = child<QLabel>(*dialog, QStringLiteral("insecureWarning"));
    EXPECT_FALSE(allow->isChecked());
    EXPECT_FALSE(warning->isVisible());

    type(line(*dialog, QStringLiteral("baseUrl")), QStringLiteral("http://relay.lan:3000"));
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("baseUrlError")).contains(QStringLiteral("http://")))
        << errorText(*dialog, QStringLiteral("baseUrlError")).toStdString();
    dialog->accept();
    EXPECT_EQ(keyCount(), 0);

    allow->setChecked(true);
    EXPECT_TRUE(warning->isVisible());
    EXPECT_TRUE(warning->text().contains(QStringLiteral("unencrypted")));
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("baseUrlError")).isEmpty());
    ASSERT_TRUE(saveButton(*dialog)->isEnabled());
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    ASSERT_GT(dialog->savedKeyId(), 0);
    EXPECT_TRUE(storedKey(dialog->savedKeyId()).allowsInsecure());

    auto again = newDialog(dialog->savedKeyId());
    again->show();
    EXPECT_TRUE(child<QCheckBox>(*again, QStringLiteral("allowInsecure"))->isChecked());
    EXPECT_TRUE(child<QLabel>(*again, QStringLiteral("insecureWarning"))->isVisible());
}

TEST_F(KeyEditorTest, BadIntervalAndThresholdAreShown)
{
    auto dialog = newDialog();
    fillValid(*dialog);
    setInterval(*dialog, QStringLiteral("5s"));
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    const QString intervalError = errorText(*dialog, QStringLiteral("intervalError"));
    EXPECT_TRUE(intervalError.contains(QStringLiteral("5s"))) << intervalError.toStdString();
    EXPECT_EQ(intervalError,
              QString(KeyValidator::parseInterval(QStringLiteral("5s")).error().message).replace(0, 1, u'I'));

    setInterval(*dialog, QStringLiteral("90s"));
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("intervalError")).isEmpty());
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());

    type(line(*dialog, QStringLiteral("threshold")), QStringLiteral("lots"));
    EXPECT_FALSE(errorText(*dialog, QStringLiteral("thresholdError")).isEmpty());
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    type(line(*dialog, QStringLiteral("threshold")), QStringLiteral("20%"));
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("thresholdError")).isEmpty());
    type(line(*dialog, QStringLiteral("threshold")), QStringLiteral("12.5"));
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("thresholdError")).isEmpty());
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());
}

TEST_F(KeyEditorTest, CustomDefinitionProblemsShowTheValidatorsMessage)
{
    auto dialog = newDialog();
    type(line(*dialog, QStringLiteral("name")), QStringLiteral("My relay"));
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("custom")));
    type(line(*dialog, QStringLiteral("secret")), kSecret);
    type(line(*dialog, QStringLiteral("baseUrl")), providerUrl(QStringLiteral("ok")));

    // Without a path: the option is required, and the form says so at the path field.
    type(line(*dialog, QStringLiteral("option_unit")), QStringLiteral("CNY"));
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("option_pathError")).contains(QStringLiteral("path")));

    // With a path but no pointer: the custom definition's own check, word for word.
    type(line(*dialog, QStringLiteral("option_path")), QStringLiteral("/user/balance"));
    KeyDraft draft;
    draft.name = QStringLiteral("My relay");
    draft.platform = QStringLiteral("custom");
    draft.baseUrl = providerUrl(QStringLiteral("ok"));
    draft.options = {QStringLiteral("path=/user/balance"), QStringLiteral("unit=CNY")};
    const auto expected = KeyValidator(session().platforms()).validate(draft);
    ASSERT_FALSE(expected);
    QString message = expected.error().message;
    message[0] = message.at(0).toUpper();
    EXPECT_EQ(errorText(*dialog, QStringLiteral("option_remaining_pointerError")), message);
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    dialog->accept();
    EXPECT_EQ(keyCount(), 0);

    type(line(*dialog, QStringLiteral("option_remaining_pointer")),
         QStringLiteral("/balance_infos/0/total_balance"));
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("option_remaining_pointerError")).isEmpty());
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());

    // Bad JSON in the headers is refused at the headers field.
    auto *headers = child<QPlainTextEdit>(*dialog, QStringLiteral("option_headers"));
    headers->setPlainText(QStringLiteral("{not json"));
    EXPECT_TRUE(
        errorText(*dialog, QStringLiteral("option_headersError")).contains(QStringLiteral("headers")));
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    headers->setPlainText(QStringLiteral("{\n  \"Authorization\": \"Bearer {key}\"\n}"));
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());

    // And the definition works end to end.
    runTest(*dialog);
    EXPECT_TRUE(testResult(*dialog).contains(QStringLiteral("110.50 CNY")))
        << testResult(*dialog).toStdString();
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    ASSERT_GT(dialog->savedKeyId(), 0);
    const ApiKey key = storedKey(dialog->savedKeyId());
    // The headers may hold a credential: sealed next to the secret, not among the options.
    EXPECT_FALSE(key.options.contains(QStringLiteral("headers")));
    auto sealed = session().vault().decrypt(key.secretOptionsEnc);
    ASSERT_TRUE(sealed);
    EXPECT_EQ(QJsonDocument::fromJson(sealed->view().toByteArray())
                  .object()
                  .value(QStringLiteral("headers"))
                  .toString(),
              QStringLiteral("{\"Authorization\":\"Bearer {key}\"}"));
    EXPECT_EQ(key.options.value(QStringLiteral("remaining_pointer")).toString(),
              QStringLiteral("/balance_infos/0/total_balance"));
}

TEST_F(KeyEditorTest, ValidNewKeyIsSavedOnceWithAnEncryptedSecret)
{
    QSignalSpy changed(&session(), &Session::keysChanged);
    auto dialog = newDialog();
    fillValid(*dialog);
    type(line(*dialog, QStringLiteral("threshold")), QStringLiteral("20%"));
    setInterval(*dialog, QStringLiteral("10m"));
    type(line(*dialog, QStringLiteral("tags")), QStringLiteral("prod, team-a"));
    child<QCheckBox>(*dialog, QStringLiteral("enabled"))->setChecked(false);
    ASSERT_TRUE(saveButton(*dialog)->isEnabled());
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);

    EXPECT_EQ(dialog->result(), QDialog::Accepted);
    EXPECT_FALSE(dialog->isVisible());
    ASSERT_GT(dialog->savedKeyId(), 0);
    EXPECT_EQ(keyCount(), 1);
    EXPECT_EQ(changed.count(), 1);
    const ApiKey key = storedKey(dialog->savedKeyId());
    EXPECT_EQ(key.name, QStringLiteral("DeepSeek main"));
    EXPECT_EQ(key.platform, QStringLiteral("deepseek"));
    EXPECT_EQ(key.baseUrl, providerUrl(QStringLiteral("ok")));
    ASSERT_TRUE(key.threshold);
    EXPECT_EQ(key.threshold->toString(), QStringLiteral("20"));
    EXPECT_TRUE(key.thresholdIsPercent);
    EXPECT_EQ(key.intervalS, 600);
    EXPECT_EQ(key.tags, (QStringList{QStringLiteral("prod"), QStringLiteral("team-a")}));
    EXPECT_FALSE(key.enabled);
    EXPECT_EQ(storedSecret(key.id), kSecret.toUtf8());
    EXPECT_FALSE(key.secretEnc.contains(kSecret.toUtf8()));

    // The plaintext is nowhere in the database files.
    const QString path = m_testDb->url().mid(QStringLiteral("sqlite://").size());
    for (const QString &file : QStringList{path, path + QStringLiteral("-wal")}) {
        QFile db(file);
        if (!db.open(QIODevice::ReadOnly))
            continue;
        EXPECT_FALSE(db.readAll().contains(kSecret.toUtf8())) << file.toStdString();
    }
    // The field does not keep the secret once the dialog is done.
    EXPECT_TRUE(line(*dialog, QStringLiteral("secret"))->text().isEmpty());
}

TEST_F(KeyEditorTest, EnterSavesAndEscapeCancels)
{
    auto dialog = newDialog();
    fillValid(*dialog);
    QTest::keyClick(line(*dialog, QStringLiteral("name")), Qt::Key_Return);
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
    EXPECT_EQ(keyCount(), 1);

    auto second = newDialog();
    fillValid(*second);
    QTest::keyClick(line(*second, QStringLiteral("name")), Qt::Key_Escape);
    EXPECT_FALSE(second->isVisible());
    EXPECT_EQ(second->result(), QDialog::Rejected);
    EXPECT_EQ(keyCount(), 1);
}

TEST_F(KeyEditorTest, NewKeyNeedsASecret)
{
    auto dialog = newDialog();
    fillValid(*dialog);
    type(line(*dialog, QStringLiteral("secret")), QString());
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    EXPECT_FALSE(errorText(*dialog, QStringLiteral("secretError")).isEmpty());
    dialog->accept();
    EXPECT_EQ(keyCount(), 0);
}

TEST_F(KeyEditorTest, DefaultIntervalComesFromPreferences)
{
    ui::Preferences::setDefaultIntervalS(3600);
    auto dialog = newDialog();
    EXPECT_EQ(child<QComboBox>(*dialog, QStringLiteral("interval"))->currentText(), QStringLiteral("1h"));
    fillValid(*dialog);
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    ASSERT_GT(dialog->savedKeyId(), 0);
    EXPECT_EQ(storedKey(dialog->savedKeyId()).intervalS, 3600);
}

TEST_F(KeyEditorTest, SecretIsMaskedWithAShowToggle)
{
    auto dialog = newDialog();
    auto *secret = line(*dialog, QStringLiteral("secret"));
    auto *reveal = child<QAction>(*dialog, QStringLiteral("revealSecret"));
    EXPECT_EQ(secret->echoMode(), QLineEdit::Password);
    reveal->trigger();
    EXPECT_EQ(secret->echoMode(), QLineEdit::Normal);
    reveal->trigger();
    EXPECT_EQ(secret->echoMode(), QLineEdit::Password);
    type(secret, kSecret);
    EXPECT_FALSE(secret->toolTip().contains(kSecret));
    EXPECT_FALSE(reveal->toolTip().contains(kSecret));
}

TEST_F(KeyEditorTest, TestShowsTheReadingAndStoresNothing)
{
    auto dialog = newDialog();
    fillValid(*dialog);
    runTest(*dialog);
    const QString result = testResult(*dialog);
    EXPECT_TRUE(result.contains(QStringLiteral("110.5"))) << result.toStdString();
    EXPECT_TRUE(result.contains(QStringLiteral("CNY"))) << result.toStdString();
    EXPECT_TRUE(result.startsWith(QStringLiteral("OK — 110.50 CNY remaining (balance)")))
        << result.toStdString();
    EXPECT_FALSE(result.contains(kSecret));
    EXPECT_EQ(keyCount(), 0);
    auto snapshots = session().database().run(QStringLiteral("SELECT COUNT(*) FROM snapshots"));
    ASSERT_TRUE(snapshots && snapshots->next());
    EXPECT_EQ(snapshots->value(0).toInt(), 0);
    EXPECT_TRUE(dialog->isVisible());
}

TEST_F(KeyEditorTest, TestShowsTheAuthErrorInWords)
{
    auto dialog = newDialog();
    fillValid(*dialog, QStringLiteral("refused"));
    runTest(*dialog);
    const QString result = testResult(*dialog);
    // One sentence that names the trouble once, without the stored status code.
    EXPECT_TRUE(result.startsWith(QStringLiteral("The provider refused the key (HTTP 401)")))
        << result.toStdString();
    EXPECT_FALSE(result.contains(QStringLiteral("auth_error"))) << result.toStdString();
    EXPECT_FALSE(result.contains(QStringLiteral("Key refused"))) << result.toStdString();
    EXPECT_FALSE(result.contains(kSecret));
    EXPECT_EQ(keyCount(), 0);
}

TEST_F(KeyEditorTest, TestWithoutASecretAsksForOne)
{
    auto dialog = newDialog();
    fillValid(*dialog);
    type(line(*dialog, QStringLiteral("secret")), QString());
    QTest::mouseClick(child<QPushButton>(*dialog, QStringLiteral("test")), Qt::LeftButton);
    EXPECT_FALSE(child<QProgressBar>(*dialog, QStringLiteral("testBusy"))->isVisible());
    EXPECT_TRUE(testResult(*dialog).contains(QStringLiteral("secret"))) << testResult(*dialog).toStdString();
    EXPECT_EQ(m_server.requestCount(), 0);
}

TEST_F(KeyEditorTest, ASecondTestOvertakesTheFirst)
{
    TestResponse slow = TestResponse::json(R"({"error":{"message":"Authentication Fails"}})", 401);
    slow.delayMs = 400;
    m_server.route("GET", "/slow/user/balance", slow);
    auto dialog = newDialog();
    fillValid(*dialog, QStringLiteral("slow"));
    QTest::mouseClick(child<QPushButton>(*dialog, QStringLiteral("test")), Qt::LeftButton);
    EXPECT_TRUE(child<QProgressBar>(*dialog, QStringLiteral("testBusy"))->isVisible());
    // The dialog stays usable meanwhile.
    type(line(*dialog, QStringLiteral("baseUrl")), providerUrl(QStringLiteral("ok")));
    runTest(*dialog);
    EXPECT_TRUE(testResult(*dialog).contains(QStringLiteral("110.5")));
    // The slow answer arrives later and is dropped.
    ASSERT_TRUE(waitFor([&] { return m_server.requestCount() == 2 && m_server.activeRequests() == 0; }));
    QTest::qWait(100);
    EXPECT_TRUE(testResult(*dialog).contains(QStringLiteral("110.5"))) << testResult(*dialog).toStdString();
}

TEST_F(KeyEditorTest, ClosingDuringATestIsSafe)
{
    TestResponse slow = TestResponse::json(R"({"error":{"message":"Authentication Fails"}})", 401);
    slow.delayMs = 200;
    m_server.route("GET", "/slow/user/balance", slow);
    auto dialog = newDialog();
    fillValid(*dialog, QStringLiteral("slow"));
    QTest::mouseClick(child<QPushButton>(*dialog, QStringLiteral("test")), Qt::LeftButton);
    dialog->reject();
    dialog.reset();
    ASSERT_TRUE(waitFor([&] { return m_server.requestCount() == 1 && m_server.activeRequests() == 0; }));
    QTest::qWait(100);
    EXPECT_EQ(keyCount(), 0);
}

TEST_F(KeyEditorTest, EditingKeepsTheStoredSecretWhenLeftEmpty)
{
    const qint64 id = addKey(QStringLiteral("Old name"));
    const QByteArray original = storedSecret(id);
    auto dialog = newDialog(id);
    EXPECT_EQ(line(*dialog, QStringLiteral("name"))->text(), QStringLiteral("Old name"));
    EXPECT_EQ(dialog->platformId(), QStringLiteral("deepseek"));
    EXPECT_EQ(line(*dialog, QStringLiteral("baseUrl"))->text(), providerUrl(QStringLiteral("ok")));
    auto *secret = line(*dialog, QStringLiteral("secret"));
    EXPECT_TRUE(secret->text().isEmpty());
    EXPECT_TRUE(secret->placeholderText().contains(storedKey(id).secretHint));
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());

    // Test uses the stored secret.
    runTest(*dialog);
    EXPECT_TRUE(testResult(*dialog).contains(QStringLiteral("110.5"))) << testResult(*dialog).toStdString();

    QSignalSpy changed(&session(), &Session::keysChanged);
    type(line(*dialog, QStringLiteral("name")), QStringLiteral("New name"));
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
    EXPECT_EQ(dialog->savedKeyId(), id);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(keyCount(), 1);
    EXPECT_EQ(storedKey(id).name, QStringLiteral("New name"));
    EXPECT_EQ(storedSecret(id), original);
}

TEST_F(KeyEditorTest, EditingReplacesTheSecretWhenTyped)
{
    const qint64 id = addKey(QStringLiteral("Key"), QStringLiteral("ok"), QStringLiteral("5"));
    auto dialog = newDialog(id);
    EXPECT_EQ(line(*dialog, QStringLiteral("threshold"))->text(), QStringLiteral("5"));
    type(line(*dialog, QStringLiteral("secret")), kSecret);
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
    EXPECT_EQ(storedSecret(id), kSecret.toUtf8());
    EXPECT_EQ(storedKey(id).secretHint, Vault::hintFor(kSecret.toUtf8()));
    EXPECT_EQ(keyCount(), 1);
}

// Another server gets the stored secret only when the owner says so; Test does not send it there.
TEST_F(KeyEditorTest, MovingAKeyToAnotherServerAsksBeforeTheStoredSecretGoesThere)
{
    const qint64 id = addKey(QStringLiteral("Key"));
    TestHttpServer relay;
    relay.route("*", "/*", TestResponse::json("{}"));
    auto dialog = newDialog(id);
    type(line(*dialog, QStringLiteral("baseUrl")), relay.baseUrl());

    QTest::mouseClick(child<QPushButton>(*dialog, QStringLiteral("test")), Qt::LeftButton);
    EXPECT_TRUE(testResult(*dialog).contains(QStringLiteral("127.0.0.1")))
        << testResult(*dialog).toStdString();

    QString question;
    whenModal<QMessageBox>([&](QMessageBox *box) {
        question = box->text();
        box->button(QMessageBox::No)->click();
    });
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    EXPECT_TRUE(question.contains(QStringLiteral("127.0.0.1"))) << question.toStdString();
    EXPECT_NE(dialog->result(), QDialog::Accepted);
    EXPECT_EQ(storedKey(id).baseUrl, providerUrl(QStringLiteral("ok")));
    EXPECT_TRUE(
        child<QLabel>(*dialog, QStringLiteral("status"))->text().contains(QStringLiteral("not sent")));

    whenModal<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
    EXPECT_EQ(storedKey(id).baseUrl, relay.baseUrl());
    EXPECT_EQ(relay.connectionCount(), 0);
}

TEST_F(KeyEditorTest, EditingAKeyThatIsGoneSavesNothing)
{
    auto dialog = newDialog(4242);
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    EXPECT_TRUE(child<QLabel>(*dialog, QStringLiteral("status"))->isVisible());
    dialog->accept();
    EXPECT_EQ(keyCount(), 0);
}

TEST_F(KeyEditorTest, AKeyOfAnUnknownPlatformIsNotRewritten)
{
    KeyDraft draft;
    draft.name = QStringLiteral("From a newer version");
    draft.platform = QStringLiteral("deepseek");
    auto key = KeyValidator(session().platforms()).validate(draft);
    ASSERT_TRUE(key);
    key->platform = QStringLiteral("retired-platform");
    auto id = KeyService(session().database(), &session().vault(), session().ownerId())
                  .add(PendingKey{*key, SecureBytes::copyOf("sk-0123456789")});
    ASSERT_TRUE(id);

    auto dialog = newDialog(*id);
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    EXPECT_TRUE(child<QLabel>(*dialog, QStringLiteral("status"))
                    ->text()
                    .contains(QStringLiteral("retired-platform")));
    dialog->accept();
    EXPECT_EQ(storedKey(*id).platform, QStringLiteral("retired-platform"));
}

TEST_F(KeyEditorTest, OptionWidgetsFollowThePlatform)
{
    auto dialog = newDialog();
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("deepseek")));
    EXPECT_EQ(dialog->findChild<QWidget *>(QStringLiteral("option_user_id")), nullptr);
    EXPECT_NE(dialog->findChild<QLineEdit *>(QStringLiteral("option_currency")), nullptr);
    const QString help = child<QLabel>(*dialog, QStringLiteral("platformHelp"))->text();
    EXPECT_FALSE(help.isEmpty());

    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("newapi-user")));
    auto *userId = dialog->findChild<QLineEdit *>(QStringLiteral("option_user_id"));
    ASSERT_NE(userId, nullptr);
    EXPECT_TRUE(userId->property("required").toBool());
    EXPECT_NE(child<QLabel>(*dialog, QStringLiteral("platformHelp"))->text(), help);
    // Its label says it is required, and points at the field.
    bool labelled = false;
    for (auto *label : dialog->findChildren<QLabel *>()) {
        if (label->buddy() == userId)
            labelled = label->text().contains(u'*');
    }
    EXPECT_TRUE(labelled);
    // Whole numbers only.
    QTest::keyClicks(userId, QStringLiteral("4x2"));
    EXPECT_EQ(userId->text(), QStringLiteral("42"));

    // A relay has no default address: the base URL is required.
    type(line(*dialog, QStringLiteral("name")), QStringLiteral("Relay"));
    type(line(*dialog, QStringLiteral("secret")), kSecret);
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    type(line(*dialog, QStringLiteral("baseUrl")), providerUrl(QStringLiteral("relay")));
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());
    type(userId, QString());
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    EXPECT_TRUE(
        errorText(*dialog, QStringLiteral("option_user_idError")).contains(QStringLiteral("user_id")));
    type(userId, QStringLiteral("42"));
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());

    // Choices become combo boxes, flags check boxes; a value kept across platforms when it fits.
    type(line(*dialog, QStringLiteral("option_currency")), QStringLiteral("USD"));
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("custom")));
    EXPECT_EQ(dialog->findChild<QWidget *>(QStringLiteral("option_user_id")), nullptr);
    EXPECT_NE(dialog->findChild<QComboBox *>(QStringLiteral("option_method")), nullptr);
    EXPECT_NE(dialog->findChild<QPlainTextEdit *>(QStringLiteral("option_headers")), nullptr);
    EXPECT_EQ(line(*dialog, QStringLiteral("option_currency"))->text(), QStringLiteral("USD"));
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("newapi")));
    EXPECT_NE(dialog->findChild<QCheckBox *>(QStringLiteral("option_legacy_remaining")), nullptr);

    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    ASSERT_GT(dialog->savedKeyId(), 0);
    const ApiKey key = storedKey(dialog->savedKeyId());
    EXPECT_EQ(key.platform, QStringLiteral("newapi"));
    EXPECT_EQ(key.options, (QJsonObject{{QStringLiteral("currency"), QStringLiteral("USD")}}));
}

TEST_F(KeyEditorTest, OptionsAreShownByTheirLabelsNotTheirKeys)
{
    auto dialog = newDialog();
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("deepseek")));
    EXPECT_EQ(labelOf(*dialog, child(*dialog, QStringLiteral("option_currency"))),
              QStringLiteral("Preferred currency"));
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("newapi-user")));
    EXPECT_EQ(labelOf(*dialog, child(*dialog, QStringLiteral("option_user_id"))),
              QStringLiteral("User ID *"));
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("openai-admin")));
    EXPECT_EQ(labelOf(*dialog, child(*dialog, QStringLiteral("option_monthly_budget"))),
              QStringLiteral("Monthly budget"));

    // Every option of every platform has a label of its own, and the editor shows it.
    for (const auto &adapter : session().platforms().all()) {
        ASSERT_TRUE(dialog->setPlatformId(adapter->id())) << adapter->id().toStdString();
        for (const OptionSpec &spec : adapter->options()) {
            SCOPED_TRACE(adapter->id().toStdString() + " " + spec.name.toStdString());
            if (!ui::OptionEditorFactory::applies(spec, *adapter)) {
                EXPECT_EQ(dialog->findChild<QWidget *>(QStringLiteral("option_") + spec.name), nullptr);
                continue;
            }
            EXPECT_FALSE(spec.label.isEmpty());
            EXPECT_NE(spec.label, spec.name);
            auto *editor = child(*dialog, QStringLiteral("option_") + spec.name);
            ASSERT_NE(editor, nullptr);
            const QString shown = labelOf(*dialog, editor);
            EXPECT_EQ(shown, spec.required ? spec.label + QStringLiteral(" *") : spec.label);
        }
    }
}

TEST_F(KeyEditorTest, OptionLabelsAreShownInChinese)
{
    QTemporaryDir dir;
    QTranslator chinese;
    ASSERT_NO_FATAL_FAILURE(installChinese(dir, chinese));
    const auto uninstall = qScopeGuard([&] { QCoreApplication::removeTranslator(&chinese); });

    // Every label has a Chinese translation.
    for (const auto &adapter : session().platforms().all()) {
        for (const OptionSpec &spec : adapter->options()) {
            const QString translated = ui::OptionEditorFactory::platformText(spec.label);
            EXPECT_NE(translated, spec.label) << "no translation of " << spec.label.toStdString();
        }
    }

    auto dialog = newDialog();
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("newapi-user")));
    EXPECT_EQ(labelOf(*dialog, child(*dialog, QStringLiteral("option_user_id"))),
              QStringLiteral("用户 ID *"));
    EXPECT_EQ(labelOf(*dialog, child(*dialog, QStringLiteral("option_quota_per_unit"))),
              QStringLiteral("每美元额度单位数"));
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("openai-admin")));
    EXPECT_EQ(labelOf(*dialog, child(*dialog, QStringLiteral("option_monthly_budget"))),
              QStringLiteral("每月预算"));
}

TEST_F(KeyEditorTest, EditingShowsTheStoredOptions)
{
    KeyDraft draft;
    draft.name = QStringLiteral("Relay user");
    draft.platform = QStringLiteral("newapi-user");
    draft.baseUrl = providerUrl(QStringLiteral("relay"));
    draft.options = {QStringLiteral("user_id=7")};
    auto key = KeyValidator(session().platforms()).validate(draft);
    ASSERT_TRUE(key);
    auto id = KeyService(session().database(), &session().vault(), session().ownerId())
                  .add(PendingKey{*key, SecureBytes::copyOf("token-1234567")});
    ASSERT_TRUE(id);

    auto dialog = newDialog(*id);
    EXPECT_EQ(dialog->platformId(), QStringLiteral("newapi-user"));
    EXPECT_EQ(line(*dialog, QStringLiteral("option_user_id"))->text(), QStringLiteral("7"));
    EXPECT_TRUE(saveButton(*dialog)->isEnabled());
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    EXPECT_EQ(storedKey(*id).options.value(QStringLiteral("user_id")).toString(), QStringLiteral("7"));
}

TEST_F(KeyEditorTest, PlatformsAreGroupedAndSorted)
{
    auto dialog = newDialog();
    auto *combo = child<QComboBox>(*dialog, QStringLiteral("platform"));
    QStringList ids;
    for (int i = 0; i < combo->count(); ++i) {
        if (!combo->itemData(i).toString().isEmpty())
            ids << combo->itemData(i).toString();
    }
    EXPECT_EQ(qsizetype(ids.size()), qsizetype(session().platforms().all().size()));
    // A new key starts on no platform at all (see OpensOnAChooseAPlatformPlaceholder).
    EXPECT_EQ(combo->currentIndex(), -1);
    // A heading cannot be chosen.
    combo->setCurrentIndex(0);
    EXPECT_FALSE(combo->currentData().toString().isEmpty());
    // Typing a name picks the platform.
    combo->setFocus();
    QTest::keyClicks(combo, QStringLiteral("DeepS")); // "Deep" alone is DeepInfra, sorted first
    EXPECT_EQ(dialog->platformId(), QStringLiteral("deepseek"));
}

TEST_F(KeyEditorTest, FitsOnA1280x800Screen)
{
    auto dialog = newDialog();
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("custom")));
    EXPECT_LE(dialog->width(), 1280);
    EXPECT_LE(dialog->height(), 800);
    EXPECT_GE(dialog->width(), dialog->minimumSizeHint().width());
}

TEST_F(KeyEditorTest, OpensOnAChooseAPlatformPlaceholderThenOnTheLastUsedOne)
{
    auto dialog = newDialog();
    auto *combo = child<QComboBox>(*dialog, QStringLiteral("platform"));
    EXPECT_EQ(combo->currentIndex(), -1);
    EXPECT_EQ(combo->placeholderText(), QStringLiteral("Choose a platform…"));
    EXPECT_TRUE(dialog->platformId().isEmpty());
    // No platform: no options of one, nothing to save, and the reason once the name is there.
    EXPECT_EQ(dialog->findChild<QWidget *>(QStringLiteral("option_currency")), nullptr);
    type(line(*dialog, QStringLiteral("name")), QStringLiteral("DeepSeek main"));
    type(line(*dialog, QStringLiteral("secret")), kSecret);
    EXPECT_FALSE(saveButton(*dialog)->isEnabled());
    EXPECT_TRUE(child<QLabel>(*dialog, QStringLiteral("status"))->text().contains(QStringLiteral("platform")))
        << child<QLabel>(*dialog, QStringLiteral("status"))->text().toStdString();
    dialog->accept();
    EXPECT_EQ(keyCount(), 0);

    fillValid(*dialog);
    QTest::mouseClick(saveButton(*dialog), Qt::LeftButton);
    ASSERT_GT(dialog->savedKeyId(), 0);
    EXPECT_EQ(ui::Preferences::lastPlatform(), QStringLiteral("deepseek"));

    auto next = newDialog();
    EXPECT_EQ(next->platformId(), QStringLiteral("deepseek"));
    EXPECT_NE(next->findChild<QLineEdit *>(QStringLiteral("option_currency")), nullptr);
}

TEST_F(KeyEditorTest, NoCurrencyOptionForAPlatformCountingCharacters)
{
    auto dialog = newDialog();
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("elevenlabs"))); // characters
    EXPECT_EQ(dialog->findChild<QWidget *>(QStringLiteral("option_currency")), nullptr);
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("kimi-code"))); // a share of a usage window
    EXPECT_EQ(dialog->findChild<QWidget *>(QStringLiteral("option_currency")), nullptr);
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("deepseek"))); // money
    EXPECT_NE(dialog->findChild<QWidget *>(QStringLiteral("option_currency")), nullptr);
}

TEST_F(KeyEditorTest, SaysWhenTheBaseUrlIsRequired)
{
    auto dialog = newDialog();
    auto *baseUrl = line(*dialog, QStringLiteral("baseUrl"));
    auto *help = child<QLabel>(*dialog, QStringLiteral("baseUrlHelp"));
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("deepseek")));
    EXPECT_FALSE(help->text().contains(QStringLiteral("Required")));
    EXPECT_EQ(labelOf(*dialog, baseUrl), QStringLiteral("Base &URL"));

    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("newapi"))); // a relay: no address of its own
    EXPECT_TRUE(
        help->text().startsWith(QStringLiteral("Required: new-api / one-api relay (token) has no address")))
        << help->text().toStdString();
    EXPECT_TRUE(baseUrl->placeholderText().startsWith(QStringLiteral("Required")));
    EXPECT_EQ(labelOf(*dialog, baseUrl), QStringLiteral("Base &URL *"));
    type(baseUrl, QStringLiteral("x"));
    type(baseUrl, QString());
    EXPECT_TRUE(errorText(*dialog, QStringLiteral("baseUrlError")).contains(QStringLiteral("base URL")))
        << errorText(*dialog, QStringLiteral("baseUrlError")).toStdString();
}

TEST_F(KeyEditorTest, AnEditClearsTheTestResult)
{
    auto dialog = newDialog();
    fillValid(*dialog);
    runTest(*dialog);
    auto *result = child<QLabel>(*dialog, QStringLiteral("testResult"));
    EXPECT_TRUE(result->isVisible());
    EXPECT_TRUE(result->text().startsWith(QStringLiteral("OK")));

    type(line(*dialog, QStringLiteral("threshold")), QStringLiteral("5"));
    EXPECT_FALSE(result->isVisible());
    EXPECT_TRUE(result->text().isEmpty());

    // A test still running when a field changes reports nothing afterwards.
    QTest::mouseClick(child<QPushButton>(*dialog, QStringLiteral("test")), Qt::LeftButton);
    ASSERT_TRUE(child<QProgressBar>(*dialog, QStringLiteral("testBusy"))->isVisible());
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("siliconflow")));
    EXPECT_FALSE(child<QProgressBar>(*dialog, QStringLiteral("testBusy"))->isVisible());
    QTest::qWait(300);
    EXPECT_FALSE(result->isVisible());
}

TEST_F(KeyEditorTest, ShrinksBackWhenASmallerPlatformIsPicked)
{
    auto dialog = newDialog();
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("custom")));
    QApplication::processEvents();
    const int large = dialog->height();
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("deepseek")));
    QApplication::processEvents();
    EXPECT_LT(dialog->height(), large);
    ASSERT_TRUE(dialog->setPlatformId(QStringLiteral("custom")));
    QApplication::processEvents();
    EXPECT_EQ(dialog->height(), large);
}

TEST_F(KeyEditorTest, ImportsACsvFileAndListsTheSkippedRows)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("keys.csv"));
    const QString secondSecret = QStringLiteral("sk-second-import-9a8b7c6d5e4f");
    const QString badSecret = QStringLiteral("sk-bad-row-secret-0011223344");
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write((QStringLiteral("name,platform,secret,base_url\n") + QStringLiteral("First,deepseek,") +
                kSecret + u',' + providerUrl(QStringLiteral("ok")) + u'\n' +
                // Columns out of order: the secret stands where the platform belongs.
                QStringLiteral("Broken,") + badSecret + QStringLiteral(",deepseek,\n") +
                QStringLiteral("Second,deepseek,") + secondSecret + u',' + providerUrl(QStringLiteral("ok")) +
                QStringLiteral("\n,deepseek,sk-noname-row-123456789,\n"))
                   .toUtf8());
    file.close();

    auto dialog = newDialog();
    auto *import = child<QPushButton>(*dialog, QStringLiteral("importCsv"));
    EXPECT_TRUE(import->isVisible());
    const QString summary = dialog->importCsv(path);
    EXPECT_TRUE(summary.startsWith(QStringLiteral("Imported 2 keys, skipped 2 rows.")))
        << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("Line 3 skipped: "))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("Line 5 skipped: The key needs a name")))
        << summary.toStdString();
    EXPECT_FALSE(summary.contains(badSecret)) << summary.toStdString();
    EXPECT_FALSE(summary.contains(kSecret));
    EXPECT_FALSE(summary.contains(secondSecret));
    EXPECT_EQ(child<QLabel>(*dialog, QStringLiteral("importSummary"))->text(), summary);
    EXPECT_TRUE(child<QLabel>(*dialog, QStringLiteral("importSummary"))->isVisible());
    ASSERT_EQ(keyCount(), 2);
    const auto keys = session().keys().list();
    ASSERT_TRUE(keys);
    QStringList names;
    for (const auto &key : *keys)
        names << key.name;
    names.sort();
    EXPECT_EQ(names, (QStringList{QStringLiteral("First"), QStringLiteral("Second")}));

    // Editing a key offers no import.
    auto editing = newDialog(keys->front().id);
    EXPECT_EQ(editing->findChild<QPushButton *>(QStringLiteral("importCsv")), nullptr);
}

TEST_F(KeyEditorTest, ARefusedKeyIsDescribedOnceInChinese)
{
    QTemporaryDir dir;
    QTranslator chinese;
    ASSERT_NO_FATAL_FAILURE(installChinese(dir, chinese));
    const auto uninstall = qScopeGuard([&] { QCoreApplication::removeTranslator(&chinese); });

    auto dialog = newDialog();
    EXPECT_EQ(child<QComboBox>(*dialog, QStringLiteral("platform"))->placeholderText(),
              QStringLiteral("选择平台…"));
    fillValid(*dialog, QStringLiteral("refused"));
    runTest(*dialog);
    const QString result = testResult(*dialog);
    // The kind of failure in Chinese, then the check's own words; no stored code.
    EXPECT_TRUE(result.startsWith(QStringLiteral("密钥被拒：The provider refused the key (HTTP 401)")))
        << result.toStdString();
    EXPECT_FALSE(result.contains(QStringLiteral("auth_error")));
}

} // namespace

} // namespace qw::test
