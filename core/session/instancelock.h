// One QuotaWatch per database where two would check the same keys twice and send every alert
// twice: one desktop per user and database, and on SQLite one process of any kind (the desktop or
// `serve`). A QLockFile decides the race between two starts; the holder listens on a local socket
// (per user, per database) so that a second desktop can raise its window and a refused process
// can name the holder's kind and PID. PostgreSQL's team mode shares a database on purpose, so
// `serve` takes no lock there; one-shot commands (`check`, `keys list`, …) never take one.
#pragma once

#include "core/model/databaseurl.h"
#include "core/result.h"

#include <QLockFile>
#include <QObject>
#include <memory>
#include <optional>
#include <variant>

class QLocalServer;

namespace qw {

class InstanceLock final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceLock)

public:
    enum class Kind
    {
        Desktop,
        Serve,
    };
    // The process that holds the lock, as far as it answered (or its lock file tells).
    struct Holder
    {
        std::optional<Kind> kind; // nullopt: it did not answer
        qint64 pid = 0;           // 0: unknown
        // This was a desktop asking a desktop: the holder was asked to raise its window, and did
        // answer, so the asking process may simply leave.
        bool raised = false;
    };
    using Outcome = std::variant<std::unique_ptr<InstanceLock>, Holder>;

    // The name both the lock file and the socket are made from: per user and per database (a
    // hash of the SQLite file's canonical path, or of the PostgreSQL server, user and database);
    // nullopt when `kind` takes no lock on `url` (`serve` on PostgreSQL).
    [[nodiscard]] static std::optional<QString> lockName(const DatabaseUrl &url, Kind kind);

    // Takes the lock for `url`, or finds who holds it: a desktop asking a desktop asks it to
    // raise its window. `directory` holds the lock file and the socket; empty: the user's runtime
    // folder (XDG_RUNTIME_DIR). A lock of a process that died is taken over. Blocks for at most a
    // few seconds when the holder has only just started and does not listen yet. A lock
    // nobody needs (see lockName()) is an InstanceLock that holds nothing.
    [[nodiscard]] static Result<Outcome> acquire(const DatabaseUrl &url, Kind kind,
                                                 const QString &directory = {});

    // What to tell a process refused because `holder` uses `url`: who, and the two ways out.
    [[nodiscard]] static QString refusal(const DatabaseUrl &url, const Holder &holder);
    [[nodiscard]] static QString kindName(Kind kind);

    ~InstanceLock() override;

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] bool holdsLock() const { return m_file != nullptr; }

signals:
    // A second desktop started on the same database and left: show the window, even from the tray.
    void raiseRequested();

private:
    InstanceLock(Kind kind, std::unique_ptr<QLockFile> file, QLocalServer *server);
    void onConnection();

    Kind m_kind;
    std::unique_ptr<QLockFile> m_file;
    QLocalServer *m_server = nullptr; // a child
};

} // namespace qw
