#include "ui/dialogs/keyeditordialog.h"

#include "core/crypto/securebytes.h"
#include "core/crypto/vault.h"
#include "core/keys/keycsvimport.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/keys/pendingkey.h"
#include "core/poll/scheduler.h"
#include "core/session/session.h"
#include "ui/dialogs/keyeditor/formmessages.h"
#include "ui/dialogs/keyeditor/keyeditorform.h"
#include "ui/dialogs/keyeditor/keytestrunner.h"
#include "ui/preferences.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

namespace qw::ui {

using formmessages::paintAsError;
using formmessages::sentence;

KeyEditorDialog::KeyEditorDialog(Session &session, std::optional<qint64> keyId, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_keyId(keyId)
{
    buildUi();
    if (m_keyId) {
        loadKey();
    } else {
        setWindowTitle(tr("Add Key"));
        m_form->showNewKey();
    }
    m_form->revalidate();
    updateTabOrder();
    fitToScreen(false);
    m_form->tabChain().constFirst()->setFocus(); // the name
}

KeyEditorDialog::~KeyEditorDialog() = default;

void KeyEditorDialog::buildUi()
{
    setObjectName(QStringLiteral("KeyEditorDialog"));
    setSizeGripEnabled(true);

    m_form = new KeyEditorForm(m_session.platforms(), m_keyId.has_value());
    m_scroll = new QScrollArea;
    m_scroll->setWidget(m_form);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setMinimumHeight(160);

    m_testBusy = new QProgressBar;
    m_testBusy->setObjectName(QStringLiteral("testBusy"));
    m_testBusy->setRange(0, 0);
    m_testBusy->setTextVisible(false);
    m_testBusy->setMaximumWidth(80);
    m_testBusy->setMaximumHeight(fontMetrics().height());
    m_testBusy->hide();
    m_testResult = new QLabel;
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setWordWrap(true);
    // A test's result quotes the provider: text, never markup.
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->hide();
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testBusy, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("save"));
    m_saveButton->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancel"));
    m_testButton = m_buttons->addButton(tr("&Test"), QDialogButtonBox::ActionRole);
    m_testButton->setObjectName(QStringLiteral("test"));
    m_testButton->setAutoDefault(false);
    m_testButton->setToolTip(tr("Check the key once with these settings, without saving it."));
    if (!m_keyId) {
        m_importButton = m_buttons->addButton(tr("&Import CSV…"), QDialogButtonBox::ActionRole);
        m_importButton->setObjectName(QStringLiteral("importCsv"));
        m_importButton->setAutoDefault(false);
        m_importButton->setToolTip(tr("Add many keys from a CSV file with the columns name, platform, secret "
                                      "and optionally base_url, threshold, interval, options."));
    }
    m_importSummary = new QLabel;
    m_importSummary->setObjectName(QStringLiteral("importSummary"));
    m_importSummary->setTextFormat(Qt::PlainText);
    m_importSummary->setWordWrap(true);
    m_importSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_importSummary->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
    layout->addLayout(testRow);
    layout->addWidget(m_status);
    layout->addWidget(m_importSummary);
    layout->addWidget(m_buttons);

    m_tester = new KeyTestRunner(m_session, this);
    connect(m_tester, &KeyTestRunner::finished, this, &KeyEditorDialog::showTestResult);
    connect(m_form, &KeyEditorForm::revalidated, this, &KeyEditorDialog::formRevalidated);
    connect(m_form, &KeyEditorForm::platformChanged, this, [this] {
        updateTabOrder();
        // Sized for the new platform's rows: smaller again after one with many options.
        fitToScreen(false);
    });
    connect(m_form, &KeyEditorForm::edited, this, &KeyEditorDialog::clearTestResult);
    if (m_importButton)
        connect(m_importButton, &QPushButton::clicked, this, &KeyEditorDialog::importCsvInteractively);
    connect(m_testButton, &QPushButton::clicked, this, &KeyEditorDialog::runTest);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &KeyEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &KeyEditorDialog::reject);
}

void KeyEditorDialog::loadKey()
{
    auto found = readKey();
    QString problem;
    if (!found)
        problem = tr("The key could not be read: %1").arg(found.error().message);
    else if (!*found)
        problem = tr("This key no longer exists; it may have been removed elsewhere.");
    else if (!m_session.platforms().find((*found)->platform))
        // Saving would have to change the platform behind the user's back.
        problem = tr("This key uses the platform “%1”, which this version of QuotaWatch does not know.")
                      .arg((*found)->platform);
    if (!problem.isEmpty()) {
        m_loaded = false;
        setWindowTitle(tr("Edit Key"));
        showStatus(problem, true);
        m_testButton->setEnabled(false);
        m_form->showUnavailable();
        return;
    }
    m_original = std::move(**found);
    setWindowTitle(tr("Edit Key — %1").arg(m_original.name));
    m_form->showKey(m_original);
}

QString KeyEditorDialog::platformId() const
{
    return m_form->platformId();
}

bool KeyEditorDialog::setPlatformId(const QString &id)
{
    return m_form->setPlatformId(id);
}

void KeyEditorDialog::formRevalidated(bool ok, const QString &pending)
{
    m_saveButton->setEnabled(m_loaded && ok);
    if (!m_loaded)
        return;
    // Save is greyed out: say why, also for fields the user has not reached yet.
    showStatus(pending.isEmpty() ? QString() : tr("To save: %1").arg(pending), false);
}

void KeyEditorDialog::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    paintAsError(m_status, error);
    m_status->setVisible(!text.isEmpty());
}

void KeyEditorDialog::focusField(QWidget *field)
{
    if (!field)
        return;
    m_scroll->ensureWidgetVisible(field);
    field->setFocus(Qt::OtherFocusReason);
}

void KeyEditorDialog::updateTabOrder()
{
    QList<QWidget *> chain = m_form->tabChain();
    chain << m_testButton << m_saveButton << m_buttons->button(QDialogButtonBox::Cancel);
    for (qsizetype i = 0; i + 1 < chain.size(); ++i)
        setTabOrder(chain.at(i), chain.at(i + 1));
}

void KeyEditorDialog::fitToScreen(bool growOnly)
{
    // As much of the form as the screen allows, so that it rarely needs scrolling: the size hint
    // of a scroll area says nothing about its content.
    ensurePolished();
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1280, 800);
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 2;
    const QMargins margins = layout()->contentsMargins();
    const int chromeWidth = margins.left() + margins.right() + scrollBar;
    const int minimumWidth = std::max(520, m_form->minimumSizeHint().width() + chromeWidth);
    setMinimumWidth(std::min(minimumWidth, available.width()));

    const int width = std::clamp(std::max(620, m_form->sizeHint().width() + chromeWidth), minimumWidth,
                                 std::max(minimumWidth, available.width() * 9 / 10));
    const int contentHeight = m_form->hasHeightForWidth() ? m_form->heightForWidth(width - chromeWidth)
                                                          : m_form->sizeHint().height();
    int chromeHeight =
        margins.top() + margins.bottom() + m_buttons->sizeHint().height() + layout()->spacing();
    const int belowWidth = width - margins.left() - margins.right();
    for (QLabel *below : {m_testResult, m_status, m_importSummary}) {
        if (!below->isHidden())
            chromeHeight += below->heightForWidth(belowWidth) + layout()->spacing();
    }
    const int height = std::min(contentHeight + chromeHeight, available.height() * 9 / 10);
    if (growOnly)
        resize(std::max(this->width(), width), std::max(this->height(), height));
    else
        resize(width, height);
}

void KeyEditorDialog::accept()
{
    if (save())
        QDialog::accept();
}

void KeyEditorDialog::done(int result)
{
    m_tester->cancel(); // a test still running reports to nobody
    m_form->clearSecret();
    QDialog::done(result);
}

void KeyEditorDialog::keyPressEvent(QKeyEvent *event)
{
    // Enter with Save greyed out still answers: it points at what is missing.
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const bool plain = (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
    if (enter && plain && !m_saveButton->isEnabled() && !qobject_cast<QPushButton *>(focusWidget())) {
        accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

bool KeyEditorDialog::save()
{
    if (!m_loaded)
        return false;
    if (!m_form->isValid()) {
        focusField(m_form->revealProblems(true));
        return false;
    }
    const auto fail = [this](const QString &message) {
        showStatus(tr("The key was not saved: %1").arg(message), true);
        return false;
    };
    auto key = KeyValidator(m_session.platforms()).validate(m_form->draft());
    if (!key)
        return fail(sentence(key.error().message));
    key->enabled = m_form->checkOnSchedule();
    auto id = storeKey(std::move(*key), m_form->typedSecret());
    if (!id)
        return fail(id.error().message);
    m_savedKeyId = *id;
    Preferences::setLastPlatform(m_form->platformId());
    return true;
}

void KeyEditorDialog::runTest()
{
    if (!m_loaded)
        return;
    const auto showFailure = [this](const QString &message) {
        m_tester->cancel();
        setTestBusy(false);
        m_testResult->setText(message);
        paintAsError(m_testResult, true);
        m_testResult->show();
        fitToScreen(true); // the result takes room from the form: grow while the screen allows
    };
    // The name plays no part in a check; everything else must be as it would be saved.
    KeyDraft testDraft = m_form->draft();
    testDraft.name = QStringLiteral("test");
    auto key = KeyValidator(m_session.platforms()).validate(testDraft);
    if (!key) {
        focusField(m_form->revealProblems(false));
        showFailure(tr("Fix the marked fields first: %1").arg(key.error().message));
        return;
    }
    SecureBytes secret = m_form->typedSecret();
    if (secret.isEmpty() && isEditing()) {
        // Only where it was stored for, and only while that is as it was stored.
        ApiKey edited = *key;
        edited.id = *m_keyId;
        auto stored = m_session.keys().storedSecretFor(edited);
        if (!stored) {
            showFailure(tr("The stored secret cannot be used (%1); type the secret again.")
                            .arg(stored.error().message));
            return;
        }
        secret = std::move(*stored);
    }
    if (auto problem = KeyValidator::checkSecret(secret.view())) {
        m_form->revealSecretProblem()->setFocus(Qt::OtherFocusReason);
        showFailure(secret.isEmpty() ? tr("Type the key's secret to test it.") : sentence(*problem));
        return;
    }
    key->id = m_keyId.value_or(0);
    key->secretHint = Vault::hintFor(secret.view());
    key->enabled = m_form->checkOnSchedule();

    setTestBusy(true);
    m_testResult->setText(tr("Testing…"));
    paintAsError(m_testResult, false);
    m_testResult->show();
    fitToScreen(true); // the result takes room from the form: grow while the screen allows
    m_tester->start(*key, std::move(secret));
}

void KeyEditorDialog::showTestResult(bool ok, const QString &message)
{
    setTestBusy(false);
    m_testResult->setText(message);
    paintAsError(m_testResult, !ok);
    fitToScreen(true);
}

void KeyEditorDialog::setTestBusy(bool busy)
{
    m_testBusy->setVisible(busy);
    m_testButton->setToolTip(busy ? tr("Test again with the current settings; the running test is dropped.")
                                  : tr("Check the key once with these settings, without saving it."));
}

void KeyEditorDialog::clearTestResult()
{
    // A result (or a test still running) speaks of values that are no longer in the form.
    m_tester->cancel();
    setTestBusy(false);
    m_testResult->clear();
    m_testResult->hide();
}

void KeyEditorDialog::importCsvInteractively()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import keys from CSV"), Preferences::exportFolder(),
                                     tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        (void)importCsv(path);
}

QString KeyEditorDialog::importCsv(const QString &path)
{
    QString summary;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        summary = tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    } else {
        // The file holds every secret in plain text: wiped when this returns.
        const SecureBytes content(file.readAll());
        auto report = KeyCsvImport::run(m_session.keys(), m_session.platforms(), content.view());
        if (!report) {
            summary = tr("%1 cannot be imported: %2. Nothing was imported.")
                          .arg(QDir::toNativeSeparators(path), report.error().message);
        } else {
            // New keys have nothing to show yet.
            for (qint64 id : report->imported)
                m_session.engine().scheduler().checkNow(id);
            const int imported = int(report->imported.size());
            const int skipped = int(report->skipped.size());
            QStringList lines{tr("Imported %1, skipped %2.")
                                  .arg(imported == 1 ? tr("1 key") : tr("%1 keys").arg(imported),
                                       skipped == 1 ? tr("1 row") : tr("%1 rows").arg(skipped))};
            for (const KeyImportReport::Skipped &row : report->skipped)
                lines << tr("Line %1 skipped: %2").arg(row.line).arg(sentence(row.reason));
            summary = lines.join(u'\n');
        }
    }
    m_importSummary->setText(summary);
    m_importSummary->show();
    fitToScreen(true);
    return summary;
}

Result<std::optional<ApiKey>> KeyEditorDialog::readKey()
{
    auto key = m_session.keys().get(*m_keyId);
    if (!key && key.error().code == ErrorCode::NotFound)
        return std::optional<ApiKey>();
    if (!key)
        return tl::unexpected(key.error());
    return std::optional<ApiKey>(std::move(*key));
}

Result<qint64> KeyEditorDialog::storeKey(ApiKey key, SecureBytes secret)
{
    KeyService &service = m_session.keys();
    if (!isEditing())
        return service.add(PendingKey{std::move(key), std::move(secret)});
    key.id = *m_keyId;
    key.createdAt = m_original.createdAt;
    key.nextCheckAt = m_original.nextCheckAt;
    // The stored secret would go to another platform or server: only when its owner says so.
    bool confirmed = false;
    if (secret.isEmpty() && service.destinationChanges(m_original, key)) {
        QString host = QUrl(service.effectiveBaseUrl(key)).host();
        if (host.isEmpty())
            host = key.platform;
        const auto answer =
            QMessageBox::question(this, tr("Send the secret to %1?").arg(host),
                                  tr("This change sends the stored secret of “%1” to %2, where it was not "
                                     "sent before. Send it there? To use another secret, choose No and "
                                     "enter it.")
                                      .arg(key.name, host),
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return fail(
                ErrorCode::Conflict,
                tr("the stored secret was not sent to %1; enter the secret to save this address").arg(host));
        confirmed = true;
    }
    if (auto updated = service.update(key, secret.isEmpty() ? nullptr : &secret, confirmed); !updated)
        return tl::unexpected(updated.error());
    return *m_keyId;
}

} // namespace qw::ui
