// An account. The desktop runs as the local owner account; the REST API adds others.
#pragma once

#include <QDateTime>
#include <QString>

namespace qw {

struct User
{
    static constexpr auto kOwnerName = "owner";

    qint64 id = 0;
    QString username;
    QString passwordHash; // empty for the local owner, who signs in through the OS session
    bool isAdmin = false;
    QDateTime createdAt; // UTC
};

} // namespace qw
