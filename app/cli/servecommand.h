// `quotawatch serve [--no-rest] [--listen HOST:PORT] [--allow-remote] [--tls-cert F --tls-key F]
// [--cors-origin O]... [--token-minutes N] [--metrics-public]`: the scheduler and the REST API,
// headless, until SIGINT or SIGTERM. The API's options come from rest::RestConfiguration, as the
// desktop's do.
#pragma once

#include "app/cli/command.h"
#include "app/cli/limitoptions.h"

namespace qw::cli {

class ServeCommand final : public Command
{
public:
    ServeCommand();

protected:
    int run(CliContext &context, const QCommandLineParser &parser) override;

private:
    QCommandLineOption m_noRest{QStringLiteral("no-rest"), QStringLiteral("Do not start the REST API.")};
    QCommandLineOption m_listen{
        QStringLiteral("listen"),
        QStringLiteral("REST API address (HOST:PORT; default 127.0.0.1:8000, port 0: any free "
                       "port)."),
        QStringLiteral("address")};
    QCommandLineOption m_allowRemote{
        QStringLiteral("allow-remote"),
        QStringLiteral("Allow the REST API on an address other machines can reach (use HTTPS there).")};
    QCommandLineOption m_tlsCert{
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve the REST API over HTTPS with this PEM certificate (or QUOTAWATCH_TLS_CERT)."),
        QStringLiteral("file")};
    QCommandLineOption m_tlsKey{QStringLiteral("tls-key"),
                                QStringLiteral("The unencrypted PEM private key of --tls-cert (or "
                                               "QUOTAWATCH_TLS_KEY)."),
                                QStringLiteral("file")};
    QCommandLineOption m_corsOrigin{
        QStringLiteral("cors-origin"),
        QStringLiteral("Let web pages from this origin (scheme://host[:port]) call the REST API; repeat "
                       "for more (or QUOTAWATCH_CORS_ORIGINS, comma-separated). Default: none."),
        QStringLiteral("origin")};
    QCommandLineOption m_tokenMinutes{
        QStringLiteral("token-minutes"),
        QStringLiteral("How long a login's access token is valid, 1 to 1440 minutes (or "
                       "QUOTAWATCH_TOKEN_MINUTES). Default: 30."),
        QStringLiteral("minutes")};
    QCommandLineOption m_metricsPublic{QStringLiteral("metrics-public"),
                                       QStringLiteral("Serve /metrics without an access token.")};
    LimitOptions m_limits;
};

} // namespace qw::cli
