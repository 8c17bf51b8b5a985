// A popular provider whose ordinary API key has no balance to read, or whose balance endpoint
// was retired: listed, so people learn why and what to use instead, but no key can be added for
// it, and a key of it stored before answers unsupported without sending its secret anywhere.
#pragma once

#include "adapters/adapter.h"

#include <memory>
#include <vector>

namespace qw {

class UnreadableAdapter final : public Adapter
{
public:
    // `why`: English, marked QT_TRANSLATE_NOOP("qw::Platforms", …) where it is written; why no
    // key can be read and what to use instead, in a sentence or two.
    UnreadableAdapter(QString id, QString name, const char *why, QString defaultBaseUrl = {});

    // Groq, Mistral, Together, Google Gemini, Azure OpenAI, AWS Bedrock, Perplexity, Fireworks
    // and SiliconFlow (China), in the order the platform list shows them.
    [[nodiscard]] static std::vector<std::unique_ptr<Adapter>> known();

    QString id() const override { return m_id; }
    QString name() const override { return m_name; }
    QString defaultBaseUrl() const override { return m_defaultBaseUrl; }
    QString help() const override;
    QList<ReadingKind> kinds() const override { return {}; }
    bool readable() const override { return false; }

    std::unique_ptr<BalanceQuery> begin(const AdapterContext &context) const override;

private:
    QString m_id;
    QString m_name;
    const char *m_why;
    QString m_defaultBaseUrl;
};

} // namespace qw
