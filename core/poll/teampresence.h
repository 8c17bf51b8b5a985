// Team mode on PostgreSQL: which other instances (desktops, `serve`) share this database now, as
// far as the footprints they leave on the keys tell — for the desktop's "Team: …" line. Nothing on
// SQLite, where one instance is all there is.
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace qw {

class Database;

class TeamPresence final
{
public:
    // `self`: this process's InstanceIdentity name, never listed.
    TeamPresence(Database &db, QString self)
        : m_db(db)
        , m_self(std::move(self))
    {}

    // Whether there can be other instances at all (the database is PostgreSQL).
    [[nodiscard]] bool isTeamMode() const;
    // The names of the other instances that hold a live lease on a key, or that stored the latest
    // check of a key less than two of that key's intervals ago; sorted, each once. Empty on
    // SQLite. An instance that has not checked anything yet (no keys due, or all taken by the
    // others) leaves no footprint and is not listed.
    [[nodiscard]] Result<QStringList> otherInstances() const;

private:
    Database &m_db;
    QString m_self;
};

} // namespace qw
