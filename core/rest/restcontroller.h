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
};

} // namespace qw::rest
