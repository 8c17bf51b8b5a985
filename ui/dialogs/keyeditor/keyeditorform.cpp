#include "ui/dialogs/keyeditor/keyeditorform.h"

#include "adapters/platformregistry.h"
#include "core/crypto/securebytes.h"
#include "core/keys/keyvalidator.h"
#include "ui/dialogs/keyeditor/formmessages.h"
#include "ui/dialogs/keyeditor/optioneditorfactory.h"
#include "ui/preferences.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QToolButton>
#include <algorithm>
#include <functional>

namespace qw::ui {

using formmessages::errorLabel;
using formmessages::sentence;

namespace {

QLabel *hintLabel(const QString &text)
{
    auto *label = new QLabel(text);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    QFont font = label->font();
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * 0.9);
        label->setFont(font);
    }
    return label;
}

QIcon themedIcon(std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        const QString themeName = QString::fromLatin1(name);
        if (QIcon::hasThemeIcon(themeName))
            return QIcon::fromTheme(themeName);
    }
    return {};
}

// QFormLayout (Qt 6.4) keeps one set of per-row heights for the two widths it caches (the last one
// asked for and its size hint's) and lays rows out from it whenever the width looks cached: after
// a size-hint query, rows get the heights of another width and wrapped texts overlap the next
// field. Asking for a neighbouring width first makes it compute the rows for this one.
class FormLayout final : public QFormLayout
{
public:
    using QFormLayout::QFormLayout;

    void setGeometry(const QRect &rect) override
    {
        if (hasHeightForWidth())
            (void)heightForWidth(rect.width() + 1);
        QFormLayout::setGeometry(rect);
    }
};

// A row of the form that holds only a note under the field above (help, error). QFormLayout never
// lets a row without a label be lower than its size hint, however wide the wrapped text is laid
// out, so such rows get an empty label.
QLabel *noteSpacer()
{
    return new QLabel;
}

const QString kOptionPrefix = QStringLiteral("option_");

} // namespace

KeyEditorForm::KeyEditorForm(const PlatformRegistry &platforms, bool editing, QWidget *parent)
    : QWidget(parent)
    , m_platforms(platforms)
    , m_editing(editing)
{
    setObjectName(QStringLiteral("keyEditorForm"));
    buildUi();
    populatePlatforms();
}

KeyEditorForm::~KeyEditorForm() = default;

void KeyEditorForm::buildUi()
{
    auto *form = m_form = new FormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    // What is said about a field goes in rows of its own under it: its error (a row only while
    // there is one, see placeError()), then its help.
    const auto addRow = [this, form](const QString &text, QWidget *editor, QWidget *field, QLabel *error,
                                     QLabel *help = nullptr) {
        auto *label = new QLabel(text);
        label->setBuddy(editor);
        form->addRow(label, field);
        if (help)
            form->addRow(noteSpacer(), help);
        m_errorAnchors.insert(error, field);
        return label;
    };

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(200);
    m_name->setPlaceholderText(tr("e.g. DeepSeek production"));
    m_nameError = errorLabel(QStringLiteral("nameError"), this);
    addRow(tr("&Name *"), m_name, m_name, m_nameError);

    m_platform = new QComboBox;
    m_platform->setObjectName(QStringLiteral("platform"));
    m_platform->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_platform->setMinimumContentsLength(24);
    m_platformHelp = hintLabel({});
    m_platformHelp->setObjectName(QStringLiteral("platformHelp"));
    m_platformHelp->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *platformLabel = new QLabel(tr("&Platform"));
    platformLabel->setBuddy(m_platform);
    form->addRow(platformLabel, m_platform);
    form->addRow(noteSpacer(), m_platformHelp);

    m_secret = new QLineEdit;
    m_secret->setObjectName(QStringLiteral("secret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                                  Qt::ImhNoAutoUppercase);
    m_revealSecret = new QAction(this);
    m_revealSecret->setObjectName(QStringLiteral("revealSecret"));
    m_revealSecret->setCheckable(true);
    QWidget *secretEditor = m_secret;
    if (themedIcon({"view-visible", "view-reveal-symbolic", "view-reveal"}).isNull()) {
        // Without a themed eye icon an icon-only action in the line edit would be blank.
        m_revealButton = new QToolButton;
        m_revealButton->setObjectName(QStringLiteral("revealSecretButton"));
        m_revealButton->setDefaultAction(m_revealSecret);
        m_revealButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
        secretEditor = new QWidget;
        auto *row = new QHBoxLayout(secretEditor);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(m_secret, 1);
        row->addWidget(m_revealButton);
    } else {
        m_secret->addAction(m_revealSecret, QLineEdit::TrailingPosition);
    }
    setSecretShown(false);
    m_secretError = errorLabel(QStringLiteral("secretError"), this);
    m_secretLabel = addRow(tr("&Secret *"), m_secret, secretEditor, m_secretError);

    m_baseUrl = new QLineEdit;
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_baseUrl->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    m_baseUrlError = errorLabel(QStringLiteral("baseUrlError"), this);
    m_baseUrlHelp = hintLabel({});
    m_baseUrlHelp->setObjectName(QStringLiteral("baseUrlHelp"));
    m_baseUrlLabel = addRow(tr("Base &URL"), m_baseUrl, m_baseUrl, m_baseUrlError, m_baseUrlHelp);

    // Plain http:// to another machine is refused unless the user says so here; the warning
    // stays in view while it is allowed, so the choice is never silent.
    m_allowInsecure = new QCheckBox(tr("Allow plain &http:// to another machine"));
    m_allowInsecure->setObjectName(QStringLiteral("allowInsecure"));
    m_insecureWarning =
        hintLabel(tr("Warning: the secret is then sent unencrypted; anyone on the network path can read "
                     "it. Only for a relay on a network you trust. https:// and localhost need no "
                     "permission."));
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarning"));
    m_insecureWarning->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_insecureWarning->setVisible(false);
    form->addRow(static_cast<QWidget *>(nullptr), m_allowInsecure);
    form->addRow(static_cast<QWidget *>(nullptr), m_insecureWarning);

    // The platform's options are rows of this same form, between this heading and the threshold.
    m_optionsHeader = new QLabel;
    m_optionsHeader->setObjectName(QStringLiteral("optionsHeader"));
    QFont headerFont = m_optionsHeader->font();
    headerFont.setBold(true);
    m_optionsHeader->setFont(headerFont);
    form->addRow(m_optionsHeader);
    m_optionsError = errorLabel(QStringLiteral("optionsError"), this);
    m_errorAnchors.insert(m_optionsError, m_optionsHeader);

    m_threshold = new QLineEdit;
    m_threshold->setObjectName(QStringLiteral("threshold"));
    m_threshold->setPlaceholderText(tr("e.g. 12.5 or 20%"));
    m_thresholdError = errorLabel(QStringLiteral("thresholdError"), this);
    addRow(tr("&Threshold"), m_threshold, m_threshold, m_thresholdError,
           hintLabel(tr("Alert when the remaining amount falls below this number (in the key's currency "
                        "or unit) or below this share of the limit. Empty: no low-balance alert.")));

    m_interval = new QComboBox;
    m_interval->setObjectName(QStringLiteral("interval"));
    m_interval->setEditable(true);
    m_interval->setInsertPolicy(QComboBox::NoInsert);
    for (const char *choice : {"5m", "10m", "30m", "1h", "6h", "24h"})
        m_interval->addItem(QString::fromLatin1(choice));
    m_interval->lineEdit()->setPlaceholderText(KeyValidator::formatInterval(Preferences::defaultIntervalS()));
    m_interval->setToolTip(
        tr("How often the key is checked: pick a value or type one such as 90s, 45m or 2h (10s to 24h)."));
    m_intervalError = errorLabel(QStringLiteral("intervalError"), this);
    addRow(tr("Check &every"), m_interval, m_interval, m_intervalError);

    m_tags = new QLineEdit;
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("Comma-separated, e.g. prod, team-a"));
    m_tagsError = errorLabel(QStringLiteral("tagsError"), this);
    addRow(tr("T&ags"), m_tags, m_tags, m_tagsError);

    m_enabled = new QCheckBox(tr("&Check this key on schedule"));
    m_enabled->setObjectName(QStringLiteral("enabled"));
    form->addRow(static_cast<QWidget *>(nullptr), m_enabled);
}

void KeyEditorForm::populatePlatforms()
{
    // Hosted providers first; then what the user runs or points at (no default address).
    // Last, the providers no API key can read: chosen, they say why and what to use instead
    // (the help below the choice), and saving is refused with the same words.
    std::vector<const Adapter *> providers;
    std::vector<const Adapter *> relays;
    std::vector<const Adapter *> unreadable;
    for (const auto &adapter : m_platforms.all()) {
        if (!adapter->readable())
            unreadable.push_back(adapter.get());
        else
            (adapter->defaultBaseUrl().isEmpty() ? relays : providers).push_back(adapter.get());
    }
    const auto byName = [](const Adapter *a, const Adapter *b) {
        return QString::localeAwareCompare(a->name(), b->name()) < 0;
    };
    std::sort(providers.begin(), providers.end(), byName);
    std::sort(relays.begin(), relays.end(), byName);
    std::sort(unreadable.begin(), unreadable.end(), byName);

    auto *model = qobject_cast<QStandardItemModel *>(m_platform->model());
    const auto addGroup = [&](const QString &title, const std::vector<const Adapter *> &adapters) {
        if (adapters.empty())
            return;
        m_platform->addItem(title);
        if (model) {
            QStandardItem *header = model->item(m_platform->count() - 1);
            header->setFlags(Qt::NoItemFlags);
            QFont font = header->font();
            font.setBold(true);
            header->setFont(font);
        }
        for (const Adapter *adapter : adapters) {
            m_platform->addItem(adapter->name(), adapter->id());
            m_platform->setItemData(m_platform->count() - 1,
                                    OptionEditorFactory::platformText(adapter->help()), Qt::ToolTipRole);
        }
    };
    addGroup(tr("Providers"), providers);
    addGroup(tr("Relays, proxies and custom endpoints"), relays);
    addGroup(tr("No balance an API key can read"), unreadable);
    // No platform is picked for the user: a first entry chosen by default is easily saved by
    // mistake, and its options and help would describe a platform nobody asked for.
    m_platform->setPlaceholderText(tr("Choose a platform…"));
    m_platform->setCurrentIndex(-1);
}

void KeyEditorForm::showNewKey()
{
    m_interval->setCurrentText(KeyValidator::formatInterval(Preferences::defaultIntervalS()));
    m_enabled->setChecked(true);
    // Keys tend to come in batches of one provider: the platform of the last saved key.
    setPlatformId(Preferences::lastPlatform());
    applyPlatform({});
    connectEdits();
}

void KeyEditorForm::showKey(const ApiKey &key)
{
    m_name->setText(key.name);
    setPlatformId(key.platform);
    m_secretLabel->setText(tr("&Secret"));
    m_secret->setPlaceholderText(key.secretHint.isEmpty()
                                     ? tr("Stored — leave empty to keep it")
                                     : tr("Stored (%1) — leave empty to keep it").arg(key.secretHint));
    m_baseUrl->setText(key.baseUrl);
    if (key.threshold)
        m_threshold->setText(key.threshold->toString() +
                             (key.thresholdIsPercent ? QStringLiteral("%") : QString()));
    m_interval->setCurrentText(KeyValidator::formatInterval(key.intervalS));
    m_tags->setText(key.tags.join(QStringLiteral(", ")));
    m_enabled->setChecked(key.enabled);
    m_allowInsecure->setChecked(key.allowsInsecure());
    m_insecureWarning->setVisible(key.allowsInsecure());
    QMap<QString, QString> options;
    for (auto it = key.options.begin(); it != key.options.end(); ++it) {
        if (it.key() != ApiKey::allowInsecureOption())
            options.insert(it.key(), it.value().toString());
    }
    applyPlatform(options);
    connectEdits();
}

void KeyEditorForm::showUnavailable()
{
    setEnabled(false);
    applyPlatform({});
    connectEdits();
}

void KeyEditorForm::connectEdits()
{
    connect(m_name, &QLineEdit::textChanged, this, [this] { fieldEdited(NameField); });
    connect(m_secret, &QLineEdit::textChanged, this, [this] { fieldEdited(SecretField); });
    connect(m_baseUrl, &QLineEdit::textChanged, this, [this] { fieldEdited(BaseUrlField); });
    connect(m_allowInsecure, &QCheckBox::toggled, this, [this](bool allowed) {
        m_insecureWarning->setVisible(allowed);
        fieldEdited(BaseUrlField);
    });
    connect(m_threshold, &QLineEdit::textChanged, this, [this] { fieldEdited(ThresholdField); });
    connect(m_interval, &QComboBox::currentTextChanged, this, [this] { fieldEdited(IntervalField); });
    connect(m_tags, &QLineEdit::textChanged, this, [this] { fieldEdited(TagsField); });
    connect(m_enabled, &QCheckBox::toggled, this, &KeyEditorForm::edited);
    connect(m_platform, &QComboBox::currentIndexChanged, this, &KeyEditorForm::onPlatformChanged);
    connect(m_revealSecret, &QAction::toggled, this, &KeyEditorForm::setSecretShown);
}

QString KeyEditorForm::platformId() const
{
    return m_platform->currentData().toString();
}

bool KeyEditorForm::setPlatformId(const QString &id)
{
    const int index = id.isEmpty() ? -1 : m_platform->findData(id);
    if (index < 0)
        return false;
    m_platform->setCurrentIndex(index);
    return true;
}

const Adapter *KeyEditorForm::currentAdapter() const
{
    return m_platforms.find(platformId());
}

void KeyEditorForm::onPlatformChanged()
{
    if (m_platform->currentIndex() >= 0 && platformId().isEmpty()) {
        // A group heading: move on to the platform next to it.
        const int from = m_platform->currentIndex();
        for (int step : {1, -1}) {
            for (int i = from + step; i >= 0 && i < m_platform->count(); i += step) {
                if (!m_platform->itemData(i).toString().isEmpty()) {
                    m_platform->setCurrentIndex(i);
                    return;
                }
            }
        }
        return;
    }
    applyPlatform(optionValues());
    m_touched &= ~OptionsField;
    revalidate();
    emit edited();
    emit platformChanged();
}

void KeyEditorForm::applyPlatform(const QMap<QString, QString> &values)
{
    const Adapter *adapter = currentAdapter();
    m_platformHelp->setText(adapter ? OptionEditorFactory::platformText(adapter->help()) : QString());
    const QString defaultUrl = adapter ? adapter->defaultBaseUrl() : QString();
    // A platform without an address of its own (a relay, a self-hosted proxy) cannot be checked
    // until it is given one: said by the label, the placeholder and the note, not only on save.
    const bool required = adapter && defaultUrl.isEmpty();
    m_baseUrl->setPlaceholderText(required  ? tr("Required, e.g. https://relay.example.com")
                                  : adapter ? defaultUrl
                                            : QString());
    m_baseUrlLabel->setText(required ? tr("Base &URL *") : tr("Base &URL"));
    m_baseUrlHelp->setText(required ? tr("Required: %1 has no address of its own. Give the address of your "
                                         "relay, proxy or server.")
                                          .arg(adapter->name())
                                    : tr("Empty: the platform's own address. Give a relay's or proxy's "
                                         "address to check through it."));
    rebuildOptions(values);
}

void KeyEditorForm::rebuildOptions(const QMap<QString, QString> &values)
{
    const auto rowOf = [this](QWidget *widget) {
        int row = -1;
        QFormLayout::ItemRole role{};
        m_form->getWidgetPosition(widget, &row, &role);
        return row;
    };
    for (const OptionField &field : m_optionFields) {
        placeError(field.error, false);
        m_errorAnchors.remove(field.error);
        delete field.error;
        m_form->removeRow(rowOf(field.help)); // deletes the row's widgets
        m_form->removeRow(rowOf(field.editor));
    }
    m_optionFields.clear();

    const Adapter *adapter = currentAdapter();
    const QList<OptionSpec> specs = adapter ? adapter->options() : QList<OptionSpec>();
    bool anyRequired = false;
    for (const OptionSpec &spec : specs) {
        // An option that means nothing here is not offered; a stored value of it is dropped on
        // save, as it never changed a check.
        if (!OptionEditorFactory::applies(spec, *adapter))
            continue;
        OptionField field;
        field.spec = spec;
        field.editor =
            OptionEditorFactory::create(spec, values.value(spec.name), [this] { fieldEdited(OptionsField); });
        field.editor->setObjectName(kOptionPrefix + spec.name);
        field.editor->setProperty("required", spec.required);
        field.error = errorLabel(kOptionPrefix + spec.name + QStringLiteral("Error"), this);
        field.help = hintLabel(OptionEditorFactory::help(spec));
        auto *label = new QLabel(OptionEditorFactory::label(spec));
        label->setBuddy(field.editor);
        // Messages and the command line name the option by its key.
        label->setToolTip(spec.name);
        const int at = rowOf(m_threshold);
        m_form->insertRow(at, label, field.editor);
        m_form->insertRow(at + 1, noteSpacer(), field.help);
        // Shown now: the layout would show new rows only on the next pass of the event loop.
        m_form->setRowVisible(at, true);
        m_form->setRowVisible(at + 1, true);
        m_errorAnchors.insert(field.error, field.editor);
        m_optionFields.push_back(field);
        anyRequired = anyRequired || spec.required;
    }
    m_optionsHeader->setText(anyRequired ? tr("Options of this platform (* required)")
                                         : tr("Options of this platform"));
}

void KeyEditorForm::placeError(QLabel *error, bool shown)
{
    // Hidden rows upset QFormLayout's height-for-width (Qt 6.4 lays the others out with stale
    // heights), so an error has a row only while it is shown.
    int row = -1;
    QFormLayout::ItemRole role{};
    m_form->getWidgetPosition(error, &row, &role);
    if (shown && row < 0) {
        int anchorRow = -1;
        m_form->getWidgetPosition(m_errorAnchors.value(error), &anchorRow, &role);
        QLabel *spacer = noteSpacer();
        m_form->insertRow(anchorRow + 1, spacer, error);
        spacer->show();
        error->show();
    } else if (!shown && row >= 0) {
        const QFormLayout::TakeRowResult taken = m_form->takeRow(row);
        if (taken.labelItem) {
            delete taken.labelItem->widget();
            delete taken.labelItem;
        }
        delete taken.fieldItem;
        error->hide();
    }
}

QMap<QString, QString> KeyEditorForm::optionValues() const
{
    QMap<QString, QString> values;
    for (const OptionField &field : m_optionFields)
        values.insert(field.spec.name, OptionEditorFactory::value(field.spec, field.editor));
    return values;
}

KeyDraft KeyEditorForm::draft() const
{
    KeyDraft draft;
    draft.name = m_name->text();
    draft.platform = platformId();
    draft.baseUrl = m_baseUrl->text();
    draft.threshold = m_threshold->text();
    draft.interval = m_interval->currentText().trimmed();
    if (draft.interval.isEmpty())
        draft.interval = KeyValidator::formatInterval(Preferences::defaultIntervalS());
    if (!m_tags->text().trimmed().isEmpty())
        draft.tags << m_tags->text();
    for (const OptionField &field : m_optionFields) {
        const QString value = OptionEditorFactory::value(field.spec, field.editor);
        if (!value.isEmpty())
            draft.options << field.spec.name + u'=' + value;
    }
    draft.allowInsecure = m_allowInsecure->isChecked();
    return draft;
}

SecureBytes KeyEditorForm::typedSecret() const
{
    // Surrounding blanks come with copy and paste and are never part of a key.
    const SecureBytes typed(m_secret->text().toUtf8());
    return SecureBytes::copyOf(typed.view().trimmed());
}

KeyEditorForm::Problems KeyEditorForm::problems() const
{
    // Each field is judged by KeyValidator itself: a draft that is fine everywhere else gets the
    // field's value, and whatever the validator then says beyond the reference's options message
    // is about that field.
    Problems found;
    const KeyDraft form = draft();
    if (form.platform.isEmpty()) {
        // Nothing else can be judged without a platform: its options, its address.
        found.platform = tr("choose a platform");
        QString field;
        KeyDraft nameOnly;
        nameOnly.name = form.name;
        const auto named = KeyValidator(m_platforms).validate(nameOnly, &field);
        if (!named && field == QLatin1String("name"))
            found.name = named.error().message;
        const SecureBytes secret = typedSecret();
        if (!secret.isEmpty() || !m_editing)
            found.secret = KeyValidator::checkSecret(secret.view());
        return found;
    }
    const KeyValidator validator(m_platforms);
    KeyDraft good;
    good.name = QStringLiteral("key");
    good.platform = form.platform;
    good.baseUrl = QStringLiteral("http://localhost");
    good.options = form.options;
    const auto reference = validator.validate(good);
    const QString referenceError = reference ? QString() : reference.error().message;
    const auto problemWith = [&](const std::function<void(KeyDraft &)> &apply) -> std::optional<QString> {
        KeyDraft one = good;
        apply(one);
        const auto result = validator.validate(one);
        if (result || result.error().message == referenceError)
            return std::nullopt;
        return result.error().message;
    };
    found.name = problemWith([&](KeyDraft &one) { one.name = form.name; });
    found.baseUrl = problemWith([&](KeyDraft &one) {
        one.baseUrl = form.baseUrl;
        one.allowInsecure = form.allowInsecure;
    });
    found.threshold = problemWith([&](KeyDraft &one) { one.threshold = form.threshold; });
    found.interval = problemWith([&](KeyDraft &one) { one.interval = form.interval; });
    found.tags = problemWith([&](KeyDraft &one) { one.tags = form.tags; });
    if (!reference) {
        found.options = referenceError;
        for (const OptionField &field : m_optionFields) {
            if (referenceError.contains(u'“' + field.spec.name + u'”')) {
                found.optionName = field.spec.name;
                break;
            }
        }
    }
    const SecureBytes secret = typedSecret();
    if (!secret.isEmpty() || !m_editing) // editing: empty keeps the stored secret
        found.secret = KeyValidator::checkSecret(secret.view());
    return found;
}

void KeyEditorForm::touch(int fields)
{
    m_touched |= fields;
    revalidate();
}

void KeyEditorForm::fieldEdited(int fields)
{
    touch(fields);
    emit edited();
}

void KeyEditorForm::revalidate()
{
    const Problems found = problems();
    const auto shown = [this](Field field) { return (m_touched & field) != 0; };
    const auto inline_ = [](const std::optional<QString> &message) {
        return message ? std::optional<QString>(sentence(*message)) : std::nullopt;
    };
    showError(m_name, m_nameError, inline_(found.name), shown(NameField));
    showError(m_secret, m_secretError, inline_(found.secret), shown(SecretField));
    showError(m_baseUrl, m_baseUrlError, inline_(found.baseUrl), shown(BaseUrlField));
    showError(m_threshold, m_thresholdError, inline_(found.threshold), shown(ThresholdField));
    showError(m_interval, m_intervalError, inline_(found.interval), shown(IntervalField));
    showError(m_tags, m_tagsError, inline_(found.tags), shown(TagsField));
    for (const OptionField &field : m_optionFields) {
        const bool concerned = found.options && field.spec.name == found.optionName;
        showError(field.editor, field.error, concerned ? inline_(found.options) : std::nullopt,
                  shown(OptionsField));
    }
    showError(nullptr, m_optionsError, found.optionName.isEmpty() ? inline_(found.options) : std::nullopt,
              shown(OptionsField));

    // Save is greyed out: say why, also for fields the user has not reached yet.
    const std::pair<const std::optional<QString> &, Field> ordered[] = {
        {found.name, NameField},         {found.platform, PlatformField}, {found.secret, SecretField},
        {found.baseUrl, BaseUrlField},   {found.options, OptionsField},   {found.threshold, ThresholdField},
        {found.interval, IntervalField}, {found.tags, TagsField},
    };
    QString pending;
    for (const auto &[message, field] : ordered) {
        if (message && !shown(field)) {
            pending = *message;
            break;
        }
    }
    const bool anyShown = std::any_of(std::begin(ordered), std::end(ordered),
                                      [&](const auto &entry) { return entry.first && shown(entry.second); });
    emit revalidated(found.ok(), anyShown ? QString() : pending);
}

void KeyEditorForm::showError(QWidget *editor, QLabel *label, const std::optional<QString> &message,
                              bool visible)
{
    const bool show = message.has_value() && visible;
    label->setText(show ? *message : QString());
    placeError(label, show);
    if (editor)
        formmessages::markInvalid(editor, show ? *message : QString(), show);
}

QWidget *KeyEditorForm::firstProblem(const Problems &found) const
{
    QWidget *target = nullptr;
    if (found.name)
        target = m_name;
    else if (found.platform)
        target = m_platform;
    else if (found.secret)
        target = m_secret;
    else if (found.baseUrl)
        target = m_baseUrl;
    else if (found.options) {
        for (const OptionField &field : m_optionFields) {
            if (field.spec.name == found.optionName || (found.optionName.isEmpty() && !target))
                target = field.editor;
        }
    } else if (found.threshold)
        target = m_threshold;
    else if (found.interval)
        target = m_interval;
    else if (found.tags)
        target = m_tags;
    return target;
}

QWidget *KeyEditorForm::revealProblems(bool withName)
{
    touch(withName ? AllFields : AllFields & ~NameField);
    Problems found = problems();
    if (!withName)
        found.name.reset();
    return firstProblem(found);
}

QWidget *KeyEditorForm::revealSecretProblem()
{
    touch(SecretField);
    return m_secret;
}

bool KeyEditorForm::isValid() const
{
    return problems().ok();
}

bool KeyEditorForm::checkOnSchedule() const
{
    return m_enabled->isChecked();
}

void KeyEditorForm::clearSecret()
{
    const QSignalBlocker blocker(m_secret);
    m_secret->clear();
}

QList<QWidget *> KeyEditorForm::tabChain() const
{
    QList<QWidget *> chain{m_name, m_platform, m_secret};
    if (m_revealButton)
        chain << m_revealButton;
    chain << m_baseUrl << m_allowInsecure;
    for (const OptionField &field : m_optionFields)
        chain << field.editor;
    chain << m_threshold << m_interval << m_tags << m_enabled;
    return chain;
}

void KeyEditorForm::setSecretShown(bool shown)
{
    m_secret->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    m_revealSecret->setText(shown ? tr("Hide") : tr("Show"));
    m_revealSecret->setToolTip(shown ? tr("Hide the secret") : tr("Show the secret"));
    m_revealSecret->setIcon(shown ? themedIcon({"view-hidden", "view-conceal-symbolic", "view-conceal"})
                                  : themedIcon({"view-visible", "view-reveal-symbolic", "view-reveal"}));
    if (m_revealSecret->isChecked() != shown) {
        const QSignalBlocker blocker(m_revealSecret);
        m_revealSecret->setChecked(shown);
    }
}

} // namespace qw::ui
