#include "ui/dialogs/keyeditor/optioneditorfactory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QTextDocument>
#include <algorithm>

namespace qw::ui {

namespace {

QWidget *booleanEditor(const OptionSpec &spec, const QString &value, const std::function<void()> &edited)
{
    auto *box = new QCheckBox;
    const QString initial = value.isEmpty() ? spec.defaultValue : value;
    box->setChecked(initial == QLatin1String("true"));
    QObject::connect(box, &QCheckBox::toggled, box, edited);
    return box;
}

QWidget *choiceEditor(const OptionSpec &spec, const QString &value, const std::function<void()> &edited)
{
    auto *combo = new QComboBox;
    const QString none = !spec.defaultValue.isEmpty()
                             ? OptionEditorFactory::tr("Default (%1)").arg(spec.defaultValue)
                         : spec.required ? OptionEditorFactory::tr("Choose…")
                                         : OptionEditorFactory::tr("Not set");
    combo->addItem(none, QString());
    for (const QString &choice : spec.choices)
        combo->addItem(choice, choice);
    if (!value.isEmpty() && combo->findData(value) < 0)
        combo->addItem(value, value); // kept so that the validator can say what is wrong with it
    combo->setCurrentIndex(std::max(0, combo->findData(value)));
    QObject::connect(combo, &QComboBox::currentIndexChanged, combo, edited);
    return combo;
}

QWidget *jsonEditor(const OptionSpec &spec, const QString &value, const std::function<void()> &edited)
{
    auto *edit = new QPlainTextEdit;
    edit->setTabChangesFocus(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setPlaceholderText(spec.defaultValue);
    const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8());
    edit->setPlainText(document.isObject() ? QString::fromUtf8(document.toJson(QJsonDocument::Indented))
                                           : value);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 2 * edit->frameWidth() +
                         int(edit->document()->documentMargin() * 2));
    QObject::connect(edit, &QPlainTextEdit::textChanged, edit, edited);
    return edit;
}

QWidget *lineEditor(const OptionSpec &spec, const QString &value, const std::function<void()> &edited)
{
    auto *edit = new QLineEdit(value);
    QString placeholder = spec.defaultValue;
    if (spec.type == OptionSpec::Type::Integer) {
        edit->setValidator(
            new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,18}")), edit));
    } else if (spec.type == OptionSpec::Type::Amount) {
        edit->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[0-9]{0,13}([.][0-9]{0,6})?")), edit));
    } else if (spec.type == OptionSpec::Type::JsonPointer && placeholder.isEmpty()) {
        placeholder = OptionEditorFactory::tr("e.g. %1").arg(QStringLiteral("/data/balance"));
    }
    edit->setPlaceholderText(placeholder);
    QObject::connect(edit, &QLineEdit::textChanged, edit, edited);
    return edit;
}

} // namespace

QWidget *OptionEditorFactory::create(const OptionSpec &spec, const QString &value,
                                     const std::function<void()> &edited)
{
    switch (spec.type) {
    case OptionSpec::Type::Boolean:
        return booleanEditor(spec, value, edited);
    case OptionSpec::Type::Choice:
        return choiceEditor(spec, value, edited);
    case OptionSpec::Type::JsonObject:
        return jsonEditor(spec, value, edited);
    case OptionSpec::Type::Integer:
    case OptionSpec::Type::Amount:
    case OptionSpec::Type::JsonPointer:
    case OptionSpec::Type::Text:
        break;
    }
    return lineEditor(spec, value, edited);
}

QString OptionEditorFactory::value(const OptionSpec &spec, const QWidget *editor)
{
    if (auto *box = qobject_cast<const QCheckBox *>(editor)) {
        // Only a departure from the default is stored, as the CLI would store it.
        const QString value = box->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
        const QString fallback = spec.defaultValue.isEmpty() ? QStringLiteral("false") : spec.defaultValue;
        return value == fallback ? QString() : value;
    }
    if (auto *combo = qobject_cast<const QComboBox *>(editor))
        return combo->currentData().toString();
    if (auto *text = qobject_cast<const QPlainTextEdit *>(editor)) {
        const QString value = text->toPlainText().trimmed();
        const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8());
        return document.isObject() ? QString::fromUtf8(document.toJson(QJsonDocument::Compact)) : value;
    }
    if (auto *line = qobject_cast<const QLineEdit *>(editor))
        return line->text().trimmed();
    return {};
}

QString OptionEditorFactory::label(const OptionSpec &spec)
{
    // An option without a label (a platform added without one) still gets its key.
    const QString name = spec.label.isEmpty() ? spec.name : platformText(spec.label);
    return spec.required ? tr("%1 *").arg(name) : name;
}

QString OptionEditorFactory::help(const OptionSpec &spec)
{
    return platformText(spec.help);
}

QString OptionEditorFactory::platformText(const QString &english)
{
    return english.isEmpty() ? english
                             : QCoreApplication::translate("qw::Platforms", english.toUtf8().constData());
}

bool OptionEditorFactory::applies(const OptionSpec &spec, const Adapter &adapter)
{
    if (spec.name != QLatin1String("currency"))
        return true;
    const QList<ReadingKind> kinds = adapter.kinds();
    return std::any_of(kinds.begin(), kinds.end(),
                       [](ReadingKind kind) { return kind != ReadingKind::Quota; });
}

} // namespace qw::ui
