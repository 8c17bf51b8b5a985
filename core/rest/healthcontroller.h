// GET /api/health: whether the server and its database answer, for load balancers and
// monitors; no authentication, and nothing in it that a stranger should not see.
#pragma once

#include "core/rest/restcontroller.h"

namespace qw {
class Session;
}

namespace qw::rest {

class HealthController final : public RestController
{
public:
    explicit HealthController(Session &session)
        : m_session(session)
    {}
    void addRoutes(Router &router) override;

private:
    void health(const RestRequest &request, RestReply reply);

    Session &m_session;
};

} // namespace qw::rest
