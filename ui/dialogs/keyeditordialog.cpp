#include "ui/dialogs/keyeditordialog.h"

#include "adapters/platformregistry.h"
#include "core/crypto/securebytes.h"
#include "core/crypto/vault.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"
#include "core/keys/pendingkey.h"
#include "core/poll/checkrunner.h"
#include "core/poll/checkservice.h"
#include "core/storage/apikeyrepository.h"
#include "ui/desktopsession.h"
#include "ui/preferences.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScreen>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QStyle>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>
#include <memory>

namespace qw::ui {

namespace {

// Validator messages are written to follow "error:" on a command line; inline they start a sentence.
QString sentence(QString message)
{
    if (!message.isEmpty())
        message[0] = message.at(0).toUpper();
    return message;
}

// Palettes have no "negative" role: a red that reads on the current window colour.
QColor errorColor(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x1c, 0x28);
}

QColor blend(const QColor &base, const QColor &tint, float share)
{
    return QColor::fromRgbF(base.redF() * (1 - share) + tint.redF() * share,
                            base.greenF() * (1 - share) + tint.greenF() * share,
                            base.blueF() * (1 - share) + tint.blueF() * share);
}

void paintAsError(QLabel *label, bool error)
{
    if (!error) {
        label->setPalette(QPalette());
        return;
    }
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, errorColor(palette));
    label->setPalette(palette);
}

QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    paintAsError(label, true);
    label->hide();
    return label;
}

// The adapters keep their help texts in English (the command line prints them) and mark them
// for translation in the context qw::Platforms.
QString platformText(const QString &english)
{
    return english.isEmpty() ? english
                             : QCoreApplication::translate("qw::Platforms", english.toUtf8().constData());
}

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

QString amountText(const Amount &amount, const QString &unit)
{
    return unit.isEmpty() ? amount.toString() : amount.toString() + u' ' + unit;
}

QString statusWords(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Ok:
        return KeyEditorDialog::tr("The key works");
    case CheckStatus::AuthError:
        return KeyEditorDialog::tr("The provider refused the key");
    case CheckStatus::RateLimited:
        return KeyEditorDialog::tr("The provider is limiting requests right now");
    case CheckStatus::NetworkError:
        return KeyEditorDialog::tr("The provider could not be reached");
    case CheckStatus::ProviderError:
        return KeyEditorDialog::tr("The provider answered with an error");
    case CheckStatus::ParseError:
        return KeyEditorDialog::tr("The provider's answer could not be read");
    case CheckStatus::Unsupported:
        return KeyEditorDialog::tr("This key cannot report a balance");
    }
    return {};
}

QString kindWords(ReadingKind kind)
{
    switch (kind) {
    case ReadingKind::Balance:
        return KeyEditorDialog::tr("balance");
    case ReadingKind::KeyLimit:
        return KeyEditorDialog::tr("key limit");
    case ReadingKind::Spend:
        return KeyEditorDialog::tr("spend");
    case ReadingKind::Quota:
        return KeyEditorDialog::tr("quota");
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

KeyEditorDialog::KeyEditorDialog(DesktopSession &session, std::optional<qint64> keyId, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_keyId(keyId)
{
    buildUi();
    populatePlatforms();
    if (m_keyId) {
        loadKey();
    } else {
        setWindowTitle(tr("Add Key"));
        m_interval->setCurrentText(KeyValidator::formatInterval(Preferences::defaultIntervalS()));
        m_enabled->setChecked(true);
        applyPlatform({});
    }
    connectEdits();
    revalidate();
    updateTabOrder();
    fitToScreen(false);
    m_name->setFocus();
}

KeyEditorDialog::~KeyEditorDialog() = default;

void KeyEditorDialog::buildUi()
{
    setObjectName(QStringLiteral("KeyEditorDialog"));
    setSizeGripEnabled(true);

    m_content = new QWidget;
    auto *form = m_form = new FormLayout(m_content);
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
    m_nameError = errorLabel(QStringLiteral("nameError"), m_content);
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
    m_secretError = errorLabel(QStringLiteral("secretError"), m_content);
    m_secretLabel = addRow(tr("&Secret *"), m_secret, secretEditor, m_secretError);

    m_baseUrl = new QLineEdit;
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_baseUrl->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    m_baseUrlError = errorLabel(QStringLiteral("baseUrlError"), m_content);
    m_baseUrlLabel = addRow(tr("Base &URL"), m_baseUrl, m_baseUrl, m_baseUrlError,
                            hintLabel(tr("Empty: the platform's own address. Give a relay's or proxy's "
                                         "address to check through it.")));

    // The platform's options are rows of this same form, between this heading and the threshold.
    m_optionsHeader = new QLabel;
    m_optionsHeader->setObjectName(QStringLiteral("optionsHeader"));
    QFont headerFont = m_optionsHeader->font();
    headerFont.setBold(true);
    m_optionsHeader->setFont(headerFont);
    form->addRow(m_optionsHeader);
    m_optionsError = errorLabel(QStringLiteral("optionsError"), m_content);
    m_errorAnchors.insert(m_optionsError, m_optionsHeader);

    m_threshold = new QLineEdit;
    m_threshold->setObjectName(QStringLiteral("threshold"));
    m_threshold->setPlaceholderText(tr("e.g. 12.5 or 20%"));
    m_thresholdError = errorLabel(QStringLiteral("thresholdError"), m_content);
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
    m_intervalError = errorLabel(QStringLiteral("intervalError"), m_content);
    addRow(tr("Check &every"), m_interval, m_interval, m_intervalError);

    m_tags = new QLineEdit;
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("Comma-separated, e.g. prod, team-a"));
    m_tagsError = errorLabel(QStringLiteral("tagsError"), m_content);
    addRow(tr("T&ags"), m_tags, m_tags, m_tagsError);

    m_enabled = new QCheckBox(tr("&Check this key on schedule"));
    m_enabled->setObjectName(QStringLiteral("enabled"));
    form->addRow(static_cast<QWidget *>(nullptr), m_enabled);

    m_scroll = new QScrollArea;
    m_scroll->setWidget(m_content);
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
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->hide();
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testBusy, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
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

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
    layout->addLayout(testRow);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
}

void KeyEditorDialog::populatePlatforms()
{
    // Hosted providers first; then what the user runs or points at (no default address).
    std::vector<const Adapter *> providers;
    std::vector<const Adapter *> relays;
    for (const auto &adapter : m_session.platforms().all())
        (adapter->defaultBaseUrl().isEmpty() ? relays : providers).push_back(adapter.get());
    const auto byName = [](const Adapter *a, const Adapter *b) {
        return QString::localeAwareCompare(a->name(), b->name()) < 0;
    };
    std::sort(providers.begin(), providers.end(), byName);
    std::sort(relays.begin(), relays.end(), byName);

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
            m_platform->setItemData(m_platform->count() - 1, platformText(adapter->help()), Qt::ToolTipRole);
        }
    };
    addGroup(tr("Providers"), providers);
    addGroup(tr("Relays, proxies and custom endpoints"), relays);
    for (int i = 0; i < m_platform->count(); ++i) {
        if (!m_platform->itemData(i).toString().isEmpty()) {
            m_platform->setCurrentIndex(i);
            break;
        }
    }
}

void KeyEditorDialog::loadKey()
{
    auto found = ApiKeyRepository(m_session.db()).find(*m_keyId);
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
        m_status->setText(problem);
        paintAsError(m_status, true);
        m_status->show();
        m_content->setEnabled(false);
        m_testButton->setEnabled(false);
        applyPlatform({});
        return;
    }
    m_original = std::move(**found);
    setWindowTitle(tr("Edit Key — %1").arg(m_original.name));
    m_name->setText(m_original.name);
    setPlatformId(m_original.platform);
    m_secretLabel->setText(tr("&Secret"));
    m_secret->setPlaceholderText(m_original.secretHint.isEmpty()
                                     ? tr("Stored — leave empty to keep it")
                                     : tr("Stored (%1) — leave empty to keep it").arg(m_original.secretHint));
    m_baseUrl->setText(m_original.baseUrl);
    if (m_original.threshold)
        m_threshold->setText(m_original.threshold->toString() +
                             (m_original.thresholdIsPercent ? QStringLiteral("%") : QString()));
    m_interval->setCurrentText(KeyValidator::formatInterval(m_original.intervalS));
    m_tags->setText(m_original.tags.join(QStringLiteral(", ")));
    m_enabled->setChecked(m_original.enabled);
    QMap<QString, QString> options;
    for (auto it = m_original.options.begin(); it != m_original.options.end(); ++it)
        options.insert(it.key(), it.value().toString());
    applyPlatform(options);
}

void KeyEditorDialog::connectEdits()
{
    connect(m_name, &QLineEdit::textChanged, this, [this] { touch(NameField); });
    connect(m_secret, &QLineEdit::textChanged, this, [this] { touch(SecretField); });
    connect(m_baseUrl, &QLineEdit::textChanged, this, [this] { touch(BaseUrlField); });
    connect(m_threshold, &QLineEdit::textChanged, this, [this] { touch(ThresholdField); });
    connect(m_interval, &QComboBox::currentTextChanged, this, [this] { touch(IntervalField); });
    connect(m_tags, &QLineEdit::textChanged, this, [this] { touch(TagsField); });
    connect(m_platform, &QComboBox::currentIndexChanged, this, &KeyEditorDialog::platformChanged);
    connect(m_revealSecret, &QAction::toggled, this, &KeyEditorDialog::setSecretShown);
    connect(m_testButton, &QPushButton::clicked, this, &KeyEditorDialog::runTest);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &KeyEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &KeyEditorDialog::reject);
}

QString KeyEditorDialog::platformId() const
{
    return m_platform->currentData().toString();
}

bool KeyEditorDialog::setPlatformId(const QString &id)
{
    const int index = id.isEmpty() ? -1 : m_platform->findData(id);
    if (index < 0)
        return false;
    m_platform->setCurrentIndex(index);
    return true;
}

const Adapter *KeyEditorDialog::currentAdapter() const
{
    return m_session.platforms().find(platformId());
}

void KeyEditorDialog::platformChanged()
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
    updateTabOrder();
    fitToScreen(true);
}

void KeyEditorDialog::applyPlatform(const QMap<QString, QString> &values)
{
    const Adapter *adapter = currentAdapter();
    m_platformHelp->setText(adapter ? platformText(adapter->help()) : QString());
    const QString defaultUrl = adapter ? adapter->defaultBaseUrl() : QString();
    m_baseUrl->setPlaceholderText(defaultUrl.isEmpty() ? tr("e.g. https://relay.example.com") : defaultUrl);
    m_baseUrlLabel->setText(defaultUrl.isEmpty() ? tr("Base &URL *") : tr("Base &URL"));
    rebuildOptions(values);
}

void KeyEditorDialog::rebuildOptions(const QMap<QString, QString> &values)
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
        OptionField field;
        field.spec = spec;
        field.editor = createOptionEditor(spec, values.value(spec.name));
        field.editor->setObjectName(kOptionPrefix + spec.name);
        field.editor->setProperty("required", spec.required);
        field.error = errorLabel(kOptionPrefix + spec.name + QStringLiteral("Error"), m_content);
        field.help = hintLabel(platformText(spec.help));
        auto *label = new QLabel(spec.required ? tr("%1 *").arg(spec.name) : spec.name);
        label->setBuddy(field.editor);
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

void KeyEditorDialog::placeError(QLabel *error, bool shown)
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

QWidget *KeyEditorDialog::createOptionEditor(const OptionSpec &spec, const QString &value)
{
    const auto touched = [this] { touch(OptionsField); };
    switch (spec.type) {
    case OptionSpec::Type::Boolean: {
        auto *box = new QCheckBox;
        const QString initial = value.isEmpty() ? spec.defaultValue : value;
        box->setChecked(initial == QLatin1String("true"));
        connect(box, &QCheckBox::toggled, this, touched);
        return box;
    }
    case OptionSpec::Type::Choice: {
        auto *combo = new QComboBox;
        const QString none = !spec.defaultValue.isEmpty() ? tr("Default (%1)").arg(spec.defaultValue)
                             : spec.required              ? tr("Choose…")
                                                          : tr("Not set");
        combo->addItem(none, QString());
        for (const QString &choice : spec.choices)
            combo->addItem(choice, choice);
        if (!value.isEmpty() && combo->findData(value) < 0)
            combo->addItem(value, value); // kept so that the validator can say what is wrong with it
        combo->setCurrentIndex(std::max(0, combo->findData(value)));
        connect(combo, &QComboBox::currentIndexChanged, this, touched);
        return combo;
    }
    case OptionSpec::Type::JsonObject: {
        auto *edit = new QPlainTextEdit;
        edit->setTabChangesFocus(true);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        edit->setPlaceholderText(spec.defaultValue);
        const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8());
        edit->setPlainText(document.isObject() ? QString::fromUtf8(document.toJson(QJsonDocument::Indented))
                                               : value);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 2 * edit->frameWidth() +
                             int(edit->document()->documentMargin() * 2));
        connect(edit, &QPlainTextEdit::textChanged, this, touched);
        return edit;
    }
    case OptionSpec::Type::Integer:
    case OptionSpec::Type::Amount:
    case OptionSpec::Type::JsonPointer:
    case OptionSpec::Type::Text:
        break;
    }
    auto *edit = new QLineEdit(value);
    QString placeholder = spec.defaultValue;
    if (spec.type == OptionSpec::Type::Integer) {
        edit->setValidator(
            new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,18}")), edit));
    } else if (spec.type == OptionSpec::Type::Amount) {
        edit->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[0-9]{0,13}([.][0-9]{0,6})?")), edit));
    } else if (spec.type == OptionSpec::Type::JsonPointer && placeholder.isEmpty()) {
        placeholder = tr("e.g. %1").arg(QStringLiteral("/data/balance"));
    }
    edit->setPlaceholderText(placeholder);
    connect(edit, &QLineEdit::textChanged, this, touched);
    return edit;
}

QString KeyEditorDialog::optionValue(const OptionField &field) const
{
    if (auto *box = qobject_cast<QCheckBox *>(field.editor)) {
        // Only a departure from the default is stored, as the CLI would store it.
        const QString value = box->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
        const QString fallback =
            field.spec.defaultValue.isEmpty() ? QStringLiteral("false") : field.spec.defaultValue;
        return value == fallback ? QString() : value;
    }
    if (auto *combo = qobject_cast<QComboBox *>(field.editor))
        return combo->currentData().toString();
    if (auto *text = qobject_cast<QPlainTextEdit *>(field.editor)) {
        const QString value = text->toPlainText().trimmed();
        const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8());
        return document.isObject() ? QString::fromUtf8(document.toJson(QJsonDocument::Compact)) : value;
    }
    if (auto *line = qobject_cast<QLineEdit *>(field.editor))
        return line->text().trimmed();
    return {};
}

QMap<QString, QString> KeyEditorDialog::optionValues() const
{
    QMap<QString, QString> values;
    for (const OptionField &field : m_optionFields)
        values.insert(field.spec.name, optionValue(field));
    return values;
}

void KeyEditorDialog::updateTabOrder()
{
    QList<QWidget *> chain{m_name, m_platform, m_secret};
    if (m_revealButton)
        chain << m_revealButton;
    chain << m_baseUrl;
    for (const OptionField &field : m_optionFields)
        chain << field.editor;
    chain << m_threshold << m_interval << m_tags << m_enabled << m_testButton << m_saveButton
          << m_buttons->button(QDialogButtonBox::Cancel);
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
    const int minimumWidth = std::max(520, m_content->minimumSizeHint().width() + chromeWidth);
    setMinimumWidth(std::min(minimumWidth, available.width()));

    const int width = std::clamp(std::max(620, m_content->sizeHint().width() + chromeWidth), minimumWidth,
                                 std::max(minimumWidth, available.width() * 9 / 10));
    const int contentHeight = m_content->hasHeightForWidth() ? m_content->heightForWidth(width - chromeWidth)
                                                             : m_content->sizeHint().height();
    int chromeHeight =
        margins.top() + margins.bottom() + m_buttons->sizeHint().height() + layout()->spacing();
    const int belowWidth = width - margins.left() - margins.right();
    for (QLabel *below : {m_testResult, m_status}) {
        if (!below->isHidden())
            chromeHeight += below->heightForWidth(belowWidth) + layout()->spacing();
    }
    const int height = std::min(contentHeight + chromeHeight, available.height() * 9 / 10);
    if (growOnly)
        resize(std::max(this->width(), width), std::max(this->height(), height));
    else
        resize(width, height);
}

KeyDraft KeyEditorDialog::draft() const
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
        const QString value = optionValue(field);
        if (!value.isEmpty())
            draft.options << field.spec.name + u'=' + value;
    }
    return draft;
}

SecureBytes KeyEditorDialog::typedSecret() const
{
    // Surrounding blanks come with copy and paste and are never part of a key.
    const SecureBytes typed(m_secret->text().toUtf8());
    return SecureBytes::copyOf(typed.view().trimmed());
}

KeyEditorDialog::Problems KeyEditorDialog::problems() const
{
    // Each field is judged by KeyValidator itself: a draft that is fine everywhere else gets the
    // field's value, and whatever the validator then says beyond the reference's options message
    // is about that field.
    Problems found;
    const KeyDraft form = draft();
    const KeyValidator validator(m_session.platforms());
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
    found.baseUrl = problemWith([&](KeyDraft &one) { one.baseUrl = form.baseUrl; });
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
    if (!secret.isEmpty() || !isEditing()) // editing: empty keeps the stored secret
        found.secret = KeyValidator::checkSecret(secret.view());
    return found;
}

void KeyEditorDialog::touch(int fields)
{
    m_touched |= fields;
    revalidate();
}

void KeyEditorDialog::revalidate()
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

    m_saveButton->setEnabled(m_loaded && found.ok());
    if (!m_loaded)
        return;
    // Save is greyed out: say why, also for fields the user has not reached yet.
    const std::pair<const std::optional<QString> &, Field> ordered[] = {
        {found.name, NameField},       {found.secret, SecretField},       {found.baseUrl, BaseUrlField},
        {found.options, OptionsField}, {found.threshold, ThresholdField}, {found.interval, IntervalField},
        {found.tags, TagsField},
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
    m_status->setText(pending.isEmpty() || anyShown ? QString() : tr("To save: %1").arg(pending));
    paintAsError(m_status, false);
    m_status->setVisible(!m_status->text().isEmpty());
}

void KeyEditorDialog::showError(QWidget *editor, QLabel *label, const std::optional<QString> &message,
                                bool visible)
{
    const bool show = message.has_value() && visible;
    label->setText(show ? *message : QString());
    placeError(label, show);
    if (!editor)
        return;
    if (editor->property("invalid").toBool() == show)
        return;
    editor->setProperty("invalid", show);
    editor->setAccessibleDescription(show ? *message : QString());
    if (show) {
        QPalette palette = editor->palette();
        palette.setColor(QPalette::Base, blend(palette.color(QPalette::Base), errorColor(palette), 0.18f));
        editor->setPalette(palette);
    } else {
        editor->setPalette(QPalette());
    }
}

void KeyEditorDialog::focusFirstProblem(const Problems &found)
{
    QWidget *target = nullptr;
    if (found.name)
        target = m_name;
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
    if (!target)
        return;
    m_scroll->ensureWidgetVisible(target);
    target->setFocus(Qt::OtherFocusReason);
}

void KeyEditorDialog::accept()
{
    if (save())
        QDialog::accept();
}

void KeyEditorDialog::done(int result)
{
    ++m_testRun; // a test still running reports to nobody
    {
        const QSignalBlocker blocker(m_secret);
        m_secret->clear();
    }
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
    const Problems found = problems();
    if (!found.ok()) {
        touch(AllFields);
        focusFirstProblem(found);
        return false;
    }
    const auto fail = [this](const QString &message) {
        m_status->setText(tr("The key was not saved: %1").arg(message));
        paintAsError(m_status, true);
        m_status->show();
        return false;
    };
    auto key = KeyValidator(m_session.platforms()).validate(draft());
    if (!key)
        return fail(sentence(key.error().message));
    key->enabled = m_enabled->isChecked();
    auto owner = m_session.ownerId();
    if (!owner)
        return fail(owner.error().message);
    KeyService service(m_session.db(), &m_session.vault(), *owner);
    SecureBytes secret = typedSecret();
    if (isEditing()) {
        key->id = *m_keyId;
        key->createdAt = m_original.createdAt;
        key->nextCheckAt = m_original.nextCheckAt;
        auto updated = service.update(*key, secret.isEmpty() ? nullptr : &secret);
        if (!updated)
            return fail(updated.error().message);
        m_savedKeyId = *m_keyId;
    } else {
        auto id = service.add(PendingKey{*key, std::move(secret)});
        if (!id)
            return fail(id.error().message);
        m_savedKeyId = *id;
    }
    m_session.notifyKeysChanged();
    return true;
}

void KeyEditorDialog::runTest()
{
    if (!m_loaded)
        return;
    const auto showFailure = [this](const QString &message) {
        ++m_testRun;
        setTestBusy(false);
        m_testResult->setText(message);
        paintAsError(m_testResult, true);
        m_testResult->show();
        fitToScreen(true); // the result takes room from the form: grow while the screen allows
    };
    // The name plays no part in a check; everything else must be as it would be saved.
    KeyDraft testDraft = draft();
    testDraft.name = QStringLiteral("test");
    auto key = KeyValidator(m_session.platforms()).validate(testDraft);
    if (!key) {
        touch(AllFields & ~NameField);
        Problems found = problems();
        found.name.reset();
        focusFirstProblem(found);
        showFailure(tr("Fix the marked fields first: %1").arg(key.error().message));
        return;
    }
    SecureBytes secret = typedSecret();
    if (secret.isEmpty() && isEditing()) {
        auto stored = m_session.vault().decrypt(m_original.secretEnc);
        if (!stored) {
            showFailure(tr("The stored secret cannot be decrypted (%1); type the secret again.")
                            .arg(stored.error().message));
            return;
        }
        secret = std::move(*stored);
    }
    if (auto problem = KeyValidator::checkSecret(secret.view())) {
        touch(SecretField);
        m_secret->setFocus(Qt::OtherFocusReason);
        showFailure(secret.isEmpty() ? tr("Type the key's secret to test it.") : sentence(*problem));
        return;
    }
    key->id = m_keyId.value_or(0);
    key->secretHint = Vault::hintFor(secret.view());
    key->enabled = m_enabled->isChecked();

    const int run = ++m_testRun;
    setTestBusy(true);
    m_testResult->setText(tr("Testing…"));
    paintAsError(m_testResult, false);
    m_testResult->show();
    fitToScreen(true); // the result takes room from the form: grow while the screen allows
    const QPointer<KeyEditorDialog> self(this);
    m_session.engine().runner().run(*key, std::make_shared<const SecureBytes>(std::move(secret)),
                                    [self, run](CheckRun result) {
                                        // Closed, or overtaken by a newer test: nobody waits for this.
                                        if (!self || self->m_testRun != run)
                                            return;
                                        self->setTestBusy(false);
                                        self->showTestResult(result);
                                    });
}

void KeyEditorDialog::showTestResult(const CheckRun &run)
{
    const Snapshot snapshot = CheckService::snapshotOf(m_keyId.value_or(0), run);
    if (snapshot.status != CheckStatus::Ok) {
        m_testResult->setText(
            tr("%1 (%2): %3").arg(statusWords(snapshot.status), toString(snapshot.status), snapshot.error));
        paintAsError(m_testResult, true);
        fitToScreen(true);
        return;
    }
    const QString kind = snapshot.kind ? kindWords(*snapshot.kind) : QString();
    QStringList lines;
    if (snapshot.remaining) {
        const QString amount = amountText(*snapshot.remaining, snapshot.unit);
        lines << (kind.isEmpty() ? tr("OK — %1 remaining").arg(amount)
                                 : tr("OK — %1 remaining (%2)").arg(amount, kind));
    } else if (snapshot.used) {
        const QString amount = amountText(*snapshot.used, snapshot.unit);
        lines << (kind.isEmpty() ? tr("OK — %1 used").arg(amount)
                                 : tr("OK — %1 used (%2)").arg(amount, kind));
    } else {
        lines << tr("OK — the provider accepted the key");
    }
    QStringList details;
    if (snapshot.remaining && snapshot.used)
        details << tr("used %1").arg(amountText(*snapshot.used, snapshot.unit));
    if (snapshot.limit)
        details << tr("limit %1").arg(amountText(*snapshot.limit, snapshot.unit));
    if (snapshot.balances.size() > 1) {
        QStringList balances;
        for (const Balance &balance : snapshot.balances)
            balances << amountText(balance.amount, balance.unit);
        details << tr("balances %1").arg(balances.join(QStringLiteral(", ")));
    }
    if (snapshot.resetsAt.isValid())
        details
            << tr("resets %1").arg(QLocale().toString(snapshot.resetsAt.toLocalTime(), QLocale::ShortFormat));
    details << tr("answered in %1 ms").arg(snapshot.latencyMs);
    lines << details.join(QStringLiteral(" · "));
    m_testResult->setText(lines.join(u'\n'));
    paintAsError(m_testResult, false);
    fitToScreen(true);
}

void KeyEditorDialog::setTestBusy(bool busy)
{
    m_testBusy->setVisible(busy);
    m_testButton->setToolTip(busy ? tr("Test again with the current settings; the running test is dropped.")
                                  : tr("Check the key once with these settings, without saving it."));
}

void KeyEditorDialog::setSecretShown(bool shown)
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
