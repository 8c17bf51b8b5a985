// `quotawatch serve [--no-rest] [--listen HOST:PORT] ...`: the scheduler and the REST API,
// headless, until SIGINT or SIGTERM.
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
        QStringLiteral("Allow the REST API on an address other machines can reach.")};
    QCommandLineOption m_tlsCert{QStringLiteral("tls-cert"),
                                 QStringLiteral("Serve the REST API over HTTPS with this PEM certificate."),
                                 QStringLiteral("file")};
    QCommandLineOption m_tlsKey{QStringLiteral("tls-key"),
                                QStringLiteral("The PEM private key of --tls-cert."), QStringLiteral("file")};
    QCommandLineOption m_metricsPublic{QStringLiteral("metrics-public"),
                                       QStringLiteral("Serve /metrics without an access token.")};
    LimitOptions m_limits;
};

} // namespace qw::cli
