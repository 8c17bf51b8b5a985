// A personal access token as a list shows it: scripts and Prometheus sign in with the plain
// token, which is shown once; only its hash is stored, and it is never part of this struct.
#pragma once

#include <QDateTime>
#include <QString>

namespace qw {

struct AccessToken
{
    qint64 id = 0;
    qint64 userId = 0;
    QString name;
    QDateTime createdAt;  // UTC
    QDateTime lastUsedAt; // UTC; null until first used
    bool revoked = false;
};

} // namespace qw
