// The platforms QuotaWatch knows, by the ids of PROVIDERS.md. Keys name their platform by id,
// so the registry is what `keys add` and `keys import` check a platform against.
#pragma once

#include <QString>
#include <QStringView>
#include <vector>

namespace qw {

struct PlatformInfo
{
    QString id;             // stable identifier stored with each key, e.g. "openrouter"
    QString name;           // display name, e.g. "OpenRouter"
    QString defaultBaseUrl; // empty when the user must give one (relays, self-hosted proxies)
};

class PlatformRegistry final
{
public:
    // Every platform QuotaWatch ships with.
    static PlatformRegistry builtin();

    void add(PlatformInfo info);
    [[nodiscard]] const PlatformInfo *find(QStringView id) const;
    [[nodiscard]] const std::vector<PlatformInfo> &all() const { return m_platforms; }

private:
    std::vector<PlatformInfo> m_platforms;
};

} // namespace qw
