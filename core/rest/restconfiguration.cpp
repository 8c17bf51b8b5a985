#include "core/rest/restconfiguration.h"

namespace qw::rest {

Result<RestOptions> RestConfiguration::options(const Configuration &configuration)
{
    RestOptions options;
    auto endpoint = configuration.restEndpoint();
    if (!endpoint)
        return tl::unexpected(endpoint.error());
    auto tls = configuration.restTlsFiles();
    if (!tls)
        return tl::unexpected(tls.error());
    auto origins = configuration.restAllowedOrigins();
    if (!origins)
        return tl::unexpected(origins.error());
    auto minutes = configuration.tokenMinutes();
    if (!minutes)
        return tl::unexpected(minutes.error());
    options.endpoint = *endpoint;
    options.allowRemote = configuration.restAllowRemote();
    options.tlsCertificateFile = tls->certificateFile;
    options.tlsKeyFile = tls->keyFile;
    options.metricsPublic = configuration.restMetricsPublic();
    options.allowedOrigins = *origins;
    options.tokenLifetimeSeconds = *minutes * 60;
    return options;
}

} // namespace qw::rest
