// ElevenLabs: characters left in the subscription's period, and when the period resets.
#pragma once

#include "adapters/adapter.h"

namespace qw {

class ElevenLabsAdapter final : public SingleRequestAdapter
{
public:
    QString id() const override { return QStringLiteral("elevenlabs"); }
    QString name() const override { return QStringLiteral("ElevenLabs"); }
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.elevenlabs.io"); }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {ReadingKind::Quota}; }

protected:
    HttpRequestSpec request(const AdapterContext &context) const override;
    CheckOutcome parse(const HttpReply &reply, const AdapterContext &context) const override;
};

} // namespace qw
