#include "adapters/platformregistry.h"

#include <algorithm>

namespace qw {

PlatformRegistry PlatformRegistry::builtin()
{
    // Ids and default hosts from PROVIDERS.md. An empty base URL means the user must give one:
    // relays and self-hosted proxies have no public default.
    PlatformRegistry registry;
    registry.add({QStringLiteral("openrouter"), QStringLiteral("OpenRouter"),
                  QStringLiteral("https://openrouter.ai")});
    registry.add(
        {QStringLiteral("deepseek"), QStringLiteral("DeepSeek"), QStringLiteral("https://api.deepseek.com")});
    registry.add({QStringLiteral("moonshot"), QStringLiteral("Moonshot (China)"),
                  QStringLiteral("https://api.moonshot.cn")});
    registry.add({QStringLiteral("moonshot-intl"), QStringLiteral("Moonshot (International)"),
                  QStringLiteral("https://api.moonshot.ai")});
    registry.add({QStringLiteral("siliconflow"), QStringLiteral("SiliconFlow (China)"),
                  QStringLiteral("https://api.siliconflow.cn")});
    registry.add({QStringLiteral("siliconflow-intl"), QStringLiteral("SiliconFlow (International)"),
                  QStringLiteral("https://api.siliconflow.com")});
    registry.add(
        {QStringLiteral("novita"), QStringLiteral("Novita AI"), QStringLiteral("https://api.novita.ai")});
    registry.add({QStringLiteral("elevenlabs"), QStringLiteral("ElevenLabs"),
                  QStringLiteral("https://api.elevenlabs.io")});
    registry.add({QStringLiteral("newapi"), QStringLiteral("New API / One API relay (token)"), QString()});
    registry.add({QStringLiteral("newapi-user"), QStringLiteral("New API relay (user account)"), QString()});
    registry.add({QStringLiteral("openai-admin"), QStringLiteral("OpenAI (Admin key)"),
                  QStringLiteral("https://api.openai.com")});
    registry.add({QStringLiteral("anthropic-admin"), QStringLiteral("Anthropic (Admin key)"),
                  QStringLiteral("https://api.anthropic.com")});
    registry.add({QStringLiteral("zhipu-coding"), QStringLiteral("Zhipu GLM Coding Plan"),
                  QStringLiteral("https://open.bigmodel.cn")});
    registry.add({QStringLiteral("xai"), QStringLiteral("xAI (management key)"),
                  QStringLiteral("https://management-api.x.ai")});
    registry.add({QStringLiteral("litellm"), QStringLiteral("LiteLLM proxy"), QString()});
    registry.add({QStringLiteral("custom"), QStringLiteral("Custom HTTP endpoint"), QString()});
    return registry;
}

void PlatformRegistry::add(PlatformInfo info)
{
    m_platforms.push_back(std::move(info));
}

const PlatformInfo *PlatformRegistry::find(QStringView id) const
{
    const auto it = std::find_if(m_platforms.begin(), m_platforms.end(),
                                 [id](const PlatformInfo &info) { return info.id == id; });
    return it == m_platforms.end() ? nullptr : &*it;
}

} // namespace qw
