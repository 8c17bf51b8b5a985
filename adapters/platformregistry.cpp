#include "adapters/platformregistry.h"

#include "adapters/providers/anthropicadminadapter.h"
#include "adapters/providers/customadapter.h"
#include "adapters/providers/deepinfraadapter.h"
#include "adapters/providers/deepseekadapter.h"
#include "adapters/providers/elevenlabsadapter.h"
#include "adapters/providers/kimicodeadapter.h"
#include "adapters/providers/litellmadapter.h"
#include "adapters/providers/minimaxcodingadapter.h"
#include "adapters/providers/moonshotadapter.h"
#include "adapters/providers/newapiadapter.h"
#include "adapters/providers/newapiuseradapter.h"
#include "adapters/providers/novitaadapter.h"
#include "adapters/providers/openaiadminadapter.h"
#include "adapters/providers/openrouteradapter.h"
#include "adapters/providers/poeadapter.h"
#include "adapters/providers/siliconflowadapter.h"
#include "adapters/providers/unreadableadapter.h"
#include "adapters/providers/veniceadapter.h"
#include "adapters/providers/vercelgatewayadapter.h"
#include "adapters/providers/xaiadapter.h"
#include "adapters/providers/zhipucodingadapter.h"

#include <algorithm>

namespace qw {

PlatformRegistry PlatformRegistry::builtin()
{
    PlatformRegistry registry;
    registry.add(std::make_unique<OpenRouterAdapter>());
    registry.add(std::make_unique<DeepSeekAdapter>());
    registry.add(std::make_unique<MoonshotAdapter>(MoonshotAdapter::Region::China));
    registry.add(std::make_unique<MoonshotAdapter>(MoonshotAdapter::Region::International));
    registry.add(std::make_unique<SiliconFlowAdapter>());
    registry.add(std::make_unique<NovitaAdapter>());
    registry.add(std::make_unique<ElevenLabsAdapter>());
    registry.add(std::make_unique<NewApiAdapter>());
    registry.add(std::make_unique<NewApiUserAdapter>());
    registry.add(std::make_unique<OpenAiAdminAdapter>());
    registry.add(std::make_unique<AnthropicAdminAdapter>());
    registry.add(std::make_unique<ZhipuCodingAdapter>(ZhipuCodingAdapter::Region::China));
    registry.add(std::make_unique<XaiAdapter>());
    registry.add(std::make_unique<LiteLlmAdapter>());
    // Coding plans with usage windows.
    registry.add(std::make_unique<ZhipuCodingAdapter>(ZhipuCodingAdapter::Region::International));
    registry.add(std::make_unique<MiniMaxCodingAdapter>(MiniMaxCodingAdapter::Region::China));
    registry.add(std::make_unique<MiniMaxCodingAdapter>(MiniMaxCodingAdapter::Region::International));
    registry.add(std::make_unique<KimiCodeAdapter>());
    registry.add(std::make_unique<VercelGatewayAdapter>());
    registry.add(std::make_unique<PoeAdapter>());
    registry.add(std::make_unique<VeniceAdapter>());
    registry.add(std::make_unique<DeepInfraAdapter>());
    // Last of the readable ones: the platform for what no adapter knows.
    registry.add(std::make_unique<CustomAdapter>());
    // Listed for what they cannot do: no key of theirs has a balance to read.
    for (auto &unreadable : UnreadableAdapter::known())
        registry.add(std::move(unreadable));
    return registry;
}

void PlatformRegistry::add(std::unique_ptr<Adapter> adapter)
{
    m_adapters.push_back(std::move(adapter));
}

const Adapter *PlatformRegistry::find(QStringView id) const
{
    const auto it =
        std::find_if(m_adapters.begin(), m_adapters.end(),
                     [id](const std::unique_ptr<Adapter> &adapter) { return adapter->id() == id; });
    return it == m_adapters.end() ? nullptr : it->get();
}

} // namespace qw
