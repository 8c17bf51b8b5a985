#include "adapters/adapter.h"

#include "adapters/amount.h"
#include "adapters/jsonpointer.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace qw {

namespace {

// Messages a user sees (the CLI prints them; the key editor shows them inline): English unless a
// translation is installed, in the context lupdate files them under.
// `text` must be marked QT_TRANSLATE_NOOP("qw::Platforms", …) where it is written.
QString translated(const char *text)
{
    return QCoreApplication::translate("qw::Platforms", text);
}

const OptionSpec kCurrencyOption{
    QStringLiteral("currency"),
    QStringLiteral(QT_TRANSLATE_NOOP("qw::Platforms", "Preferred currency")),
    OptionSpec::Type::Text,
    {},
    QStringLiteral(QT_TRANSLATE_NOOP(
        "qw::Platforms",
        "Preferred currency for the headline amount when the provider reports several (e.g. CNY, USD).")),
    false,
    {}};

std::optional<QString> checkValue(const OptionSpec &spec, const QString &value)
{
    auto wrong = [&](const QString &expected) {
        return translated(QT_TRANSLATE_NOOP("qw::Platforms", "option “%1” must be %2, not “%3”"))
            .arg(spec.name, expected, value);
    };
    switch (spec.type) {
    case OptionSpec::Type::Text:
        return std::nullopt;
    case OptionSpec::Type::Amount: {
        const auto amount = Amount::parse(value);
        if (!amount || amount->micros() < 0)
            return wrong(translated(QT_TRANSLATE_NOOP("qw::Platforms", "a non-negative number")));
        return std::nullopt;
    }
    case OptionSpec::Type::Integer: {
        bool ok = false;
        const qlonglong number = value.toLongLong(&ok);
        if (!ok || number <= 0)
            return wrong(translated(QT_TRANSLATE_NOOP("qw::Platforms", "a positive whole number")));
        return std::nullopt;
    }
    case OptionSpec::Type::Boolean:
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return wrong(translated(QT_TRANSLATE_NOOP("qw::Platforms", "true or false")));
        return std::nullopt;
    case OptionSpec::Type::JsonObject: {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return wrong(translated(QT_TRANSLATE_NOOP(
                "qw::Platforms", "a JSON object like {\"Authorization\": \"Bearer {key}\"}")));
        return std::nullopt;
    }
    case OptionSpec::Type::JsonPointer:
        if (!JsonPointer::isValid(value))
            return wrong(translated(QT_TRANSLATE_NOOP("qw::Platforms", "a JSON pointer like /data/balance")));
        return std::nullopt;
    case OptionSpec::Type::Choice:
        if (!spec.choices.contains(value))
            return wrong(translated(QT_TRANSLATE_NOOP("qw::Platforms", "one of %1"))
                             .arg(spec.choices.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return std::nullopt;
}

class SingleRequestQuery final : public BalanceQuery
{
public:
    SingleRequestQuery(HttpRequestSpec request, std::function<CheckOutcome(const HttpReply &)> parse)
        : m_request(std::move(request))
        , m_parse(std::move(parse))
    {}

    QueryStep next(const HttpReply *previous) override
    {
        if (!previous)
            return std::move(m_request);
        return m_parse(*previous);
    }

private:
    HttpRequestSpec m_request;
    std::function<CheckOutcome(const HttpReply &)> m_parse;
};

} // namespace

QString OptionSpec::typeName() const
{
    switch (type) {
    case Type::Text:
        return QStringLiteral("text");
    case Type::Amount:
        return QStringLiteral("amount");
    case Type::Integer:
        return QStringLiteral("integer");
    case Type::Boolean:
        return QStringLiteral("boolean");
    case Type::JsonObject:
        return QStringLiteral("json_object");
    case Type::JsonPointer:
        return QStringLiteral("json_pointer");
    case Type::Choice:
        return QStringLiteral("choice");
    }
    return {};
}

QList<OptionSpec> Adapter::options() const
{
    QList<OptionSpec> all = ownOptions();
    all.append(kCurrencyOption);
    return all;
}

std::optional<QString> Adapter::checkOptions(const QJsonObject &values) const
{
    const QList<OptionSpec> specs = options();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec &candidate) {
            return candidate.name == it.key();
        });
        if (spec == specs.end()) {
            QStringList names;
            for (const OptionSpec &candidate : specs)
                names << candidate.name;
            return translated(QT_TRANSLATE_NOOP("qw::Platforms",
                                                "platform “%1” has no option “%2”; its options are: %3"))
                .arg(id(), it.key(), names.join(QStringLiteral(", ")));
        }
        if (auto error = checkValue(*spec, it.value().toString()))
            return error;
    }
    for (const OptionSpec &spec : specs) {
        if (spec.required && values.value(spec.name).toString().isEmpty())
            return translated(QT_TRANSLATE_NOOP("qw::Platforms", "platform “%1” needs the option “%2” (%3)"))
                .arg(id(), spec.name,
                     QCoreApplication::translate("qw::Platforms", spec.help.toUtf8().constData()));
    }
    return validateDefinition(values);
}

std::optional<QString> Adapter::validateDefinition(const QJsonObject &) const
{
    return std::nullopt;
}

std::unique_ptr<BalanceQuery> SingleRequestAdapter::begin(const AdapterContext &context) const
{
    // The context is copied: the query outlives this call, and the secret view stays valid
    // for the whole check (CheckService keeps the plaintext until the outcome is known).
    return std::make_unique<SingleRequestQuery>(
        request(context), [this, context](const HttpReply &reply) { return parse(reply, context); });
}

} // namespace qw
