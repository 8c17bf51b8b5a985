// The window that adds a key or edits one: the form (KeyEditorForm), "Test", which runs one check
// without storing anything (KeyTestRunner), and Save, which only a key that passes validation
// reaches and which hands it to KeyService.
#pragma once

#include "core/model/apikey.h"
#include "core/result.h"

#include <QDialog>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;

namespace qw {
class SecureBytes;
} // namespace qw

namespace qw {
class Session;
}

namespace qw::ui {

class KeyEditorForm;
class KeyTestRunner;

class KeyEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyEditorDialog)

public:
    // Without `keyId` a new key; with one, that stored key's fields (its secret stays stored
    // unless a new one is typed).
    explicit KeyEditorDialog(Session &session, std::optional<qint64> keyId = {}, QWidget *parent = nullptr);
    ~KeyEditorDialog() override;

    // The id of the key stored by the last successful save; 0 before.
    [[nodiscard]] qint64 savedKeyId() const { return m_savedKeyId; }
    [[nodiscard]] bool isEditing() const { return m_keyId.has_value(); }
    // The selected platform's id; selects a platform by id (false when it is unknown).
    [[nodiscard]] QString platformId() const;
    bool setPlatformId(const QString &id);

    // Adds the keys of a CSV file in the format of `quotawatch keys import`: the valid rows are
    // stored (and checked), the others skipped; the summary, with each skipped line and why, is
    // shown in the dialog and returned. Offered for new keys only.
    QString importCsv(const QString &path);

    // Saves when every field is valid; otherwise shows every problem next to its field, stores
    // nothing and keeps the dialog open.
    void accept() override;
    void done(int result) override;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void buildUi();
    void loadKey();
    void formRevalidated(bool ok, const QString &pending);
    void focusField(QWidget *field);
    void updateTabOrder();
    void fitToScreen(bool growOnly);
    void showStatus(const QString &text, bool error);

    bool save();
    void runTest();
    void showTestResult(bool ok, const QString &message);
    void setTestBusy(bool busy);
    void clearTestResult();
    void importCsvInteractively();

    // The only places that reach the stored keys.
    [[nodiscard]] Result<std::optional<ApiKey>> readKey();
    [[nodiscard]] Result<qint64> storeKey(ApiKey key, SecureBytes secret);

    Session &m_session;
    std::optional<qint64> m_keyId;
    ApiKey m_original; // the stored key when editing
    bool m_loaded = true;
    qint64 m_savedKeyId = 0;

    QScrollArea *m_scroll = nullptr;
    KeyEditorForm *m_form = nullptr;
    KeyTestRunner *m_tester = nullptr;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_testBusy = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QLabel *m_importSummary = nullptr;
};

} // namespace qw::ui
