// A loopback port nobody listens on right now (bound, noted and released again): the address
// of a server that is down, which a test may later bring up on the same port.
#pragma once

#include <QHostAddress>
#include <QTcpServer>

namespace qw::test {

inline quint16 closedLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace qw::test
