// The platforms QuotaWatch knows, by the ids of PROVIDERS.md, each with its adapter. Keys name
// their platform by id; adding a provider is one adapter class and one line in builtin().
#pragma once

#include "adapters/adapter.h"

#include <QStringView>
#include <memory>
#include <vector>

namespace qw {

class PlatformRegistry final
{
public:
    PlatformRegistry() = default;
    PlatformRegistry(PlatformRegistry &&) = default;
    PlatformRegistry &operator=(PlatformRegistry &&) = default;

    // Every platform QuotaWatch ships with.
    static PlatformRegistry builtin();

    void add(std::unique_ptr<Adapter> adapter);
    [[nodiscard]] const Adapter *find(QStringView id) const;
    [[nodiscard]] const std::vector<std::unique_ptr<Adapter>> &all() const { return m_adapters; }

private:
    std::vector<std::unique_ptr<Adapter>> m_adapters;
};

} // namespace qw
