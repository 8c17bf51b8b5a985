// One scope of the API (auth, keys, platforms, metrics, health): it adds its routes to the table
// and translates each request into one call of the application core and back.
#pragma once

#include "core/rest/router.h"

namespace qw::rest {

class RestController
{
public:
    virtual ~RestController() = default;
    virtual void addRoutes(Router &router) = 0;

protected:
    // The route handler that calls `method` on `controller`, which must outlive the route table.
    template<typename Controller>
    [[nodiscard]] static Router::Handler handler(Controller *controller,
                                                 void (Controller::*method)(const RestRequest &, RestReply))
    {
        return [controller, method](const RestRequest &request, RestReply reply) {
            (controller->*method)(request, std::move(reply));
        };
    }
    template<typename Controller>
    [[nodiscard]] static Router::Handler
    handler(const Controller *controller, void (Controller::*method)(const RestRequest &, RestReply) const)
    {
        return [controller, method](const RestRequest &request, RestReply reply) {
            (controller->*method)(request, std::move(reply));
        };
    }
};

} // namespace qw::rest
