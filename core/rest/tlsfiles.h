// The HTTPS certificate and private key (PEM files) the REST API serves with, read and checked
// before the server starts, so a wrong path, a file that is not PEM or a key that does not
// belong to the certificate is one clear start-up error instead of failed handshakes later.
#pragma once

#include "core/result.h"

#include <QSslConfiguration>

namespace qw::rest {

class TlsFiles final
{
public:
    [[nodiscard]] static Result<QSslConfiguration> load(const QString &certificateFile,
                                                        const QString &keyFile);
};

} // namespace qw::rest
