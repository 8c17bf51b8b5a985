// The adapter interface: everything QuotaWatch knows about one provider's balance API. An
// adapter describes the requests to send and turns the replies into a BalanceReading or a
// classified CheckError; it owns no socket, no storage and no secret beyond one check.
#pragma once

#include "adapters/balancereading.h"
#include "adapters/httpexchange.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <memory>
#include <optional>
#include <variant>

namespace qw {

// One option a platform takes, e.g. `user_id` for newapi-user or `monthly_budget`.
struct OptionSpec
{
    enum class Type
    {
        Text,
        Amount,
        Integer,
        Boolean,
        JsonObject,
        JsonPointer,
        Choice
    };

    QString name;  // what the CLI, the JSON and the validator's messages call it
    QString label; // English, for people ("Monthly budget"): marked QT_TRANSLATE_NOOP("qw::Platforms", …)
    Type type = Type::Text;
    QString defaultValue; // empty: none
    QString help;         // English, like Adapter::help()
    bool required = false;
    QStringList choices; // for Type::Choice

    [[nodiscard]] QString typeName() const;
};

// What a check knows when it talks to the provider.
struct AdapterContext
{
    QString baseUrl;       // the key's base URL, or the platform default; no trailing slash
    QJsonObject options;   // validated, string values
    QByteArrayView secret; // plain text, valid only while the check runs
    QDateTime now;         // UTC; injected so month boundaries can be tested

    [[nodiscard]] QString option(const QString &name, const QString &fallback = {}) const
    {
        const QString value = options.value(name).toString();
        return value.isEmpty() ? fallback : value;
    }
};

// One check's conversation with a provider. next() is called first with no reply, then with
// the reply to each request it asked for, until it returns the outcome.
using QueryStep = std::variant<HttpRequestSpec, CheckOutcome>;

class BalanceQuery
{
public:
    virtual ~BalanceQuery() = default;
    [[nodiscard]] virtual QueryStep next(const HttpReply *previous) = 0;
};

class Adapter
{
public:
    virtual ~Adapter() = default;

    [[nodiscard]] virtual QString id() const = 0;
    [[nodiscard]] virtual QString name() const = 0;
    [[nodiscard]] virtual QString defaultBaseUrl() const { return {}; }
    // Which kind of key works, in a sentence or two, e.g. "Needs an Admin key (sk-admin-…)".
    // English, so the CLI and `platforms --json` stay stable; the text is marked
    // QT_TRANSLATE_NOOP("qw::Platforms", …) and the desktop translates it when it shows it.
    [[nodiscard]] virtual QString help() const = 0;
    [[nodiscard]] virtual QList<ReadingKind> kinds() const = 0;
    // Whether an ordinary API key of this platform can be read at all. One that cannot is
    // still listed, with help() saying why and what to use instead, but no key can be added
    // for it; a key stored before answers unsupported.
    [[nodiscard]] virtual bool readable() const { return true; }
    // The platform's own options; `currency` (the preferred headline currency) is added for all.
    [[nodiscard]] virtual QList<OptionSpec> ownOptions() const { return {}; }

    [[nodiscard]] virtual std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const = 0;

    // ownOptions() plus the common ones.
    [[nodiscard]] QList<OptionSpec> options() const;
    // Refuses unknown option names, values of the wrong type and missing required options, then
    // asks validateDefinition(); the message names the option.
    [[nodiscard]] std::optional<QString> checkOptions(const QJsonObject &options) const;

protected:
    // For definitions whose parts must fit together (the custom platform).
    [[nodiscard]] virtual std::optional<QString> validateDefinition(const QJsonObject &options) const;
};

// For the many providers that answer with one request: request() and parse().
class SingleRequestAdapter : public Adapter
{
public:
    [[nodiscard]] std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const final;

protected:
    [[nodiscard]] virtual HttpRequestSpec request(const AdapterContext &context) const = 0;
    [[nodiscard]] virtual CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const = 0;
};

} // namespace qw
