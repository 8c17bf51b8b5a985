// GET /api/platforms: the platform registry as clients build their key forms from it — each
// platform's id, name, default address, options and help, and whether it can report a balance.
// Public: it holds nothing about any account.
#pragma once

#include "core/rest/restcontroller.h"

namespace qw {
class Adapter;
class PlatformRegistry;
} // namespace qw

namespace qw::rest {

class PlatformsController final : public RestController
{
public:
    explicit PlatformsController(const PlatformRegistry &platforms)
        : m_platforms(platforms)
    {}
    void addRoutes(Router &router) override;

    // Whether `adapter` reports what is left (a wallet balance, what remains of a key's cap or
    // of a quota), as opposed to only what was spent.
    [[nodiscard]] static bool supportsBalance(const Adapter &adapter);

private:
    const PlatformRegistry &m_platforms;
};

} // namespace qw::rest
