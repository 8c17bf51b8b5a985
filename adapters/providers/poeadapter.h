// Poe: the points left on the account (subscription points plus any bought add-on points).
#pragma once

#include "adapters/adapter.h"

namespace qw {

class PoeAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("poe"); }
    QString name() const override { return QStringLiteral("Poe"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.poe.com"); }
    QString help() const override;
    // Points are not money: a quota, so no currency is shown and no money rule applies to them.
    QList<ReadingKind> kinds() const override { return {ReadingKind::Quota}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
