// The key editor's fields: name, platform, secret, base URL, the platform's own options,
// threshold, interval, tags and schedule. Every field is judged by KeyValidator as the user types
// (the same rules as the CLI and the REST API) and its problem is shown under it once the user has
// been there; the dialog around it saves, tests and says what keeps it from saving.
#pragma once

#include "adapters/adapter.h"
#include "core/keys/keydraft.h"
#include "core/model/apikey.h"

#include <QHash>
#include <QMap>
#include <QWidget>
#include <optional>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QToolButton;

namespace qw {
class PlatformRegistry;
class SecureBytes;
} // namespace qw

namespace qw::ui {

class KeyEditorForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyEditorForm)

public:
    // `editing`: the form edits a stored key, whose secret stays unless a new one is typed.
    KeyEditorForm(const PlatformRegistry &platforms, bool editing, QWidget *parent = nullptr);
    ~KeyEditorForm() override;

    // What the form starts with; edits count from then on.
    void showNewKey();
    void showKey(const ApiKey &key);
    // A key that cannot be edited: the fields stay empty and greyed out.
    void showUnavailable();

    [[nodiscard]] QString platformId() const;
    bool setPlatformId(const QString &id);
    [[nodiscard]] KeyDraft draft() const;
    [[nodiscard]] SecureBytes typedSecret() const;
    void clearSecret();
    [[nodiscard]] bool checkOnSchedule() const;
    [[nodiscard]] bool isValid() const;

    // Shows the problem of every field (but the name's when `withName` is false) and returns the
    // first field that has one, or nullptr.
    QWidget *revealProblems(bool withName);
    // Shows the secret's problem; returns its field.
    QWidget *revealSecretProblem();
    // The fields in the order Tab visits them.
    [[nodiscard]] QList<QWidget *> tabChain() const;
    // Judges every field again; revalidated() follows.
    void revalidate();

signals:
    // `ok`: the form can be saved. `pending`: while no problem is shown, the first one of a field
    // the user has not reached yet (empty when there is none).
    void revalidated(bool ok, const QString &pending);
    // Another platform was chosen: its option rows replaced the previous one's.
    void platformChanged();
    // The user changed a field (or the platform): what was learnt about the old values, such as
    // a test's result, no longer holds.
    void edited();

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
        std::optional<QString> platform;
        std::optional<QString> secret;
        std::optional<QString> baseUrl;
        std::optional<QString> threshold;
        std::optional<QString> interval;
        std::optional<QString> tags;
        std::optional<QString> options;
        QString optionName; // the option `options` is about, when the message names one

        [[nodiscard]] bool ok() const
        {
            return !name && !platform && !secret && !baseUrl && !threshold && !interval && !tags && !options;
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
        PlatformField = 1 << 7,
        AllFields = (1 << 8) - 1,
    };

    void buildUi();
    void populatePlatforms();
    void connectEdits();
    [[nodiscard]] const Adapter *currentAdapter() const;
    void onPlatformChanged();
    void applyPlatform(const QMap<QString, QString> &values);
    void rebuildOptions(const QMap<QString, QString> &values);
    [[nodiscard]] QMap<QString, QString> optionValues() const;

    [[nodiscard]] Problems problems() const;
    void touch(int fields);
    void fieldEdited(int fields);
    void placeError(QLabel *error, bool shown);
    void showError(QWidget *editor, QLabel *label, const std::optional<QString> &message, bool visible);
    [[nodiscard]] QWidget *firstProblem(const Problems &problems) const;
    void setSecretShown(bool shown);

    const PlatformRegistry &m_platforms;
    const bool m_editing;
    int m_touched = 0; // Field flags: the fields whose problems are shown

    QFormLayout *m_form = nullptr;
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
    QLabel *m_baseUrlHelp = nullptr;
    QCheckBox *m_allowInsecure = nullptr;
    QLabel *m_insecureWarning = nullptr;
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
};

} // namespace qw::ui
