// Any HTTP JSON endpoint the user describes: method, path, headers with a {key} placeholder,
// JSON pointers to the numbers, a divisor, a unit and an optional success condition.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class CustomAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("custom"); }
    QString name() const override { return QStringLiteral("Custom HTTP endpoint"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override
    {
        return {ReadingKind::Balance, ReadingKind::KeyLimit, ReadingKind::Spend};
    }
    QList<OptionSpec> ownOptions() const override;

protected:
    std::optional<QString> validateDefinition(const QJsonObject &options) const override;
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
