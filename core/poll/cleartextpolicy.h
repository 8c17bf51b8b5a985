// Where a secret may travel without TLS: only to this machine (loopback). Keys, webhook
// presets and SMTP logins all ask here, so "loopback" means the same everywhere.
#pragma once

#include <QString>
#include <QUrl>

namespace qw {

class CleartextPolicy final
{
public:
    // "localhost" (any case, with or without a trailing dot), 127.0.0.0/8 and ::1. A name that
    // merely resolves to loopback does not count: resolution can change behind our back.
    [[nodiscard]] static bool isLoopbackHost(const QString &host);
    // An http:// URL whose host is not loopback: whatever is sent there can be read (and
    // changed) by anyone on the path.
    [[nodiscard]] static bool isCleartextOffLoopback(const QUrl &url);
};

} // namespace qw
