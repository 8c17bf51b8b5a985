// The form that adds a key or edits one. Every field is judged by KeyValidator as the user types
// (the same rules as the CLI and the REST API), "Test" runs one check without storing anything,
// and only a key that passes validation reaches KeyService.
#pragma once

#include "adapters/adapter.h"
#include "core/keys/keydraft.h"
#include "core/model/apikey.h"

#include <QDialog>
#include <QHash>
#include <QMap>
#include <optional>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QToolButton;

namespace qw {
struct CheckRun;
class SecureBytes;
} // namespace qw

namespace qw::ui {

class DesktopSession;

class KeyEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyEditorDialog)

public:
    // Without `keyId` a new key; with one, that stored key's fields (its secret stays stored
    // unless a new one is typed).
    explicit KeyEditorDialog(DesktopSession &session, std::optional<qint64> keyId = {},
                             QWidget *parent = nullptr);
    ~KeyEditorDialog() override;

    // The id of the key stored by the last successful save; 0 before.
    [[nodiscard]] qint64 savedKeyId() const { return m_savedKeyId; }
    [[nodiscard]] bool isEditing() const { return m_keyId.has_value(); }
    // The selected platform's id; selects a platform by id (false when it is unknown).
    [[nodiscard]] QString platformId() const;
    bool setPlatformId(const QString &id);

    // Saves when every field is valid; otherwise shows every problem next to its field, stores
    // nothing and keeps the dialog open.
    void accept() override;
    void done(int result) override;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    // One generated widget for one of the platform's options.
    struct OptionField
    {
        OptionSpec spec;
        QWidget *editor = nullptr;
        QLabel *error = nullptr;
        QLabel *help = nullptr;
    };

    // What is wrong with the form, per field; empty optionals are fine.
    struct Problems
    {
        std::optional<QString> name;
        std::optional<QString> secret;
        std::optional<QString> baseUrl;
        std::optional<QString> threshold;
        std::optional<QString> interval;
        std::optional<QString> tags;
        std::optional<QString> options;
        QString optionName; // the option `options` is about, when the message names one

        [[nodiscard]] bool ok() const
        {
            return !name && !secret && !baseUrl && !threshold && !interval && !tags && !options;
        }
    };

    enum Field
    {
        NameField = 1 << 0,
        SecretField = 1 << 1,
        BaseUrlField = 1 << 2,
        ThresholdField = 1 << 3,
        IntervalField = 1 << 4,
        TagsField = 1 << 5,
        OptionsField = 1 << 6,
        AllFields = (1 << 7) - 1,
    };

    void buildUi();
    void populatePlatforms();
    void loadKey();
    void connectEdits();
    [[nodiscard]] const Adapter *currentAdapter() const;
    void platformChanged();
    void applyPlatform(const QMap<QString, QString> &values);
    void rebuildOptions(const QMap<QString, QString> &values);
    [[nodiscard]] QWidget *createOptionEditor(const OptionSpec &spec, const QString &value);
    [[nodiscard]] QString optionValue(const OptionField &field) const;
    [[nodiscard]] QMap<QString, QString> optionValues() const;
    void updateTabOrder();
    void fitToScreen(bool growOnly);

    [[nodiscard]] KeyDraft draft() const;
    [[nodiscard]] SecureBytes typedSecret() const;
    [[nodiscard]] Problems problems() const;
    void touch(int fields);
    void revalidate();
    void placeError(QLabel *error, bool shown);
    void showError(QWidget *editor, QLabel *label, const std::optional<QString> &message, bool visible);
    void focusFirstProblem(const Problems &problems);

    bool save();
    void runTest();
    void showTestResult(const CheckRun &run);
    void setTestBusy(bool busy);
    void setSecretShown(bool shown);

    DesktopSession &m_session;
    std::optional<qint64> m_keyId;
    ApiKey m_original; // the stored key when editing
    bool m_loaded = true;
    qint64 m_savedKeyId = 0;
    int m_touched = 0; // Field flags: the fields whose problems are shown
    int m_testRun = 0; // a Test's result is shown only while it is the latest one

    QScrollArea *m_scroll = nullptr;
    QWidget *m_content = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    QComboBox *m_platform = nullptr;
    QLabel *m_platformHelp = nullptr;
    QLabel *m_secretLabel = nullptr;
    QLineEdit *m_secret = nullptr;
    QAction *m_revealSecret = nullptr;
    QToolButton *m_revealButton = nullptr; // when the theme has no icon for the action
    QLabel *m_secretError = nullptr;
    QLabel *m_baseUrlLabel = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLabel *m_baseUrlError = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_optionsHeader = nullptr;
    QLabel *m_optionsError = nullptr;
    std::vector<OptionField> m_optionFields;
    QHash<QLabel *, QWidget *> m_errorAnchors; // an error's row goes under its anchor's
    QLineEdit *m_threshold = nullptr;
    QLabel *m_thresholdError = nullptr;
    QComboBox *m_interval = nullptr;
    QLabel *m_intervalError = nullptr;
    QLineEdit *m_tags = nullptr;
    QLabel *m_tagsError = nullptr;
    QCheckBox *m_enabled = nullptr;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_testBusy = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_saveButton = nullptr;
};

} // namespace qw::ui
