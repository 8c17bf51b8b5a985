// The REST API's options made from a Configuration — flags, environment, saved settings — in one
// place, so that `quotawatch serve` and the desktop cannot start the API differently.
#pragma once

#include "core/rest/restapi.h"
#include "core/result.h"
#include "core/session/configuration.h"

namespace qw::rest {

class RestConfiguration final
{
public:
    // The address, HTTPS files, CORS allow-list, login token lifetime, remote access and public
    // /metrics; an InvalidInput error naming the flag, variable or setting that is wrong.
    [[nodiscard]] static Result<RestOptions> options(const Configuration &configuration);
};

} // namespace qw::rest
