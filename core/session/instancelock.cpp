#include "core/session/instancelock.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace qw {

namespace {

// A holder that only just took the lock listens a moment later; a second start that lost the
// race waits this long for it before giving up on an answer.
constexpr int kConnectWithinMs = 3000;
constexpr int kAnswerWithinMs = 2000;
// A client that says nothing is let go after this, so it cannot hold a socket open for ever.
constexpr int kIdleClientMs = 5000;
constexpr qint64 kMaxLine = 256;

QByteArray word(InstanceLock::Kind kind)
{
    return kind == InstanceLock::Kind::Desktop ? QByteArrayLiteral("desktop") : QByteArrayLiteral("serve");
}

std::optional<InstanceLock::Kind> kindOf(const QByteArray &text)
{
    if (text == "desktop")
        return InstanceLock::Kind::Desktop;
    if (text == "serve")
        return InstanceLock::Kind::Serve;
    return std::nullopt;
}

// Who "the same user" is: the runtime folder is per user already, but its fallback (/tmp) is not.
QByteArray userId()
{
#ifdef Q_OS_UNIX
    return QByteArray::number(qulonglong(::getuid()));
#else
    return qEnvironmentVariable("USERNAME").toUtf8();
#endif
}

// The user's runtime folder. Not QStandardPaths on Unix: without XDG_RUNTIME_DIR (cron, su, a
// container) it warns on stderr, which `serve` keeps for its log and scripts read.
QString runtimeFolder()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty() && QFileInfo(xdg).isDir())
        return xdg;
    const QString own =
        QDir(QDir::tempPath()).filePath(QStringLiteral("quotawatch-") + QString::fromLatin1(userId()));
    if (QDir().mkpath(own))
        QFile::setPermissions(own, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return own;
#else
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return runtime.isEmpty() ? QDir::tempPath() : runtime;
#endif
}

bool isInMemory(const DatabaseUrl &url)
{
    return url.path.isEmpty() || url.path == QLatin1String(":memory:");
}

} // namespace

std::optional<QString> InstanceLock::lockName(const DatabaseUrl &url, Kind kind)
{
    QByteArray what;
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        if (isInMemory(url))
            return std::nullopt;
        // One file, however it is named (a symlink, "..", a relative --db).
        const QFileInfo file(url.path);
        const QString canonical = file.canonicalFilePath();
        what = "sqlite\n" + (canonical.isEmpty() ? file.absoluteFilePath() : canonical).toUtf8();
    } else {
        // Team mode shares a PostgreSQL database on purpose: only a second desktop of the same
        // user is pointless there (a second tray icon, every check twice on one machine).
        if (kind == Kind::Serve)
            return std::nullopt;
        what = "postgresql-desktop\n" + url.user.toUtf8() + '@' + url.host.toLower().toUtf8() + ':' +
               QByteArray::number(url.port) + '/' + url.databaseName.toUtf8();
    }
    const QByteArray hash =
        QCryptographicHash::hash(QByteArray(userId() + '\n' + what), QCryptographicHash::Sha256)
            .toHex()
            .left(24);
    return QStringLiteral("quotawatch-") + QString::fromLatin1(hash);
}

Result<InstanceLock::Outcome> InstanceLock::acquire(const DatabaseUrl &url, Kind kind,
                                                    const QString &directory)
{
    const std::optional<QString> name = lockName(url, kind);
    if (!name)
        return Outcome{std::unique_ptr<InstanceLock>(new InstanceLock(kind, nullptr, nullptr))};
    const QString folder = directory.isEmpty() ? runtimeFolder() : directory;
    if (!QDir().mkpath(folder))
        return tl::unexpected(Error{
            ErrorCode::Io, QStringLiteral("cannot create the folder %1 for the instance lock").arg(folder)});
#ifdef Q_OS_UNIX
    // Someone else's folder could answer for us and send every start away.
    if (QFileInfo(folder).ownerId() != ::getuid())
        return tl::unexpected(
            Error{ErrorCode::Io,
                  QStringLiteral("the folder %1 for the instance lock belongs to another user").arg(folder)});
#endif
    const QString base = QDir(folder).filePath(*name);
    const QString socketPath = base + QStringLiteral(".sock");

    auto file = std::make_unique<QLockFile>(base + QStringLiteral(".lock"));
    // A `serve` runs for months: only a holder that died gives its lock up.
    file->setStaleLockTime(0);
    if (file->tryLock(0)) {
        // Ours now: a socket left there belongs to a process that died.
        QLocalServer::removeServer(socketPath);
        auto *server = new QLocalServer;
        server->setSocketOptions(QLocalServer::UserAccessOption);
        if (!server->listen(socketPath))
            // Still the only instance; a second one is refused without an answer from here.
            qWarning("quotawatch: cannot listen on %s: %s", qPrintable(socketPath),
                     qPrintable(server->errorString()));
        return Outcome{std::unique_ptr<InstanceLock>(new InstanceLock(kind, std::move(file), server))};
    }
    if (file->error() != QLockFile::LockFailedError)
        return tl::unexpected(Error{ErrorCode::Io, QStringLiteral("cannot create the instance lock %1")
                                                       .arg(QDir::toNativeSeparators(file->fileName()))});

    Holder holder;
    qint64 pid = 0;
    QString host;
    QString app;
    if (file->getLockInfo(&pid, &host, &app))
        holder.pid = pid;
    QLocalSocket socket;
    const QDeadlineTimer connectBy(kConnectWithinMs);
    for (;;) {
        socket.connectToServer(socketPath);
        if (socket.waitForConnected(int(std::max<qint64>(connectBy.remainingTime(), 1))))
            break;
        if (connectBy.hasExpired())
            return Outcome{holder};
        socket.abort();
        QThread::msleep(50);
    }
    socket.write(QByteArray("hello " + word(kind) + ' ' +
                            QByteArray::number(QCoreApplication::applicationPid()) + '\n'));
    socket.flush();
    const QDeadlineTimer answerBy(kAnswerWithinMs);
    while (!socket.canReadLine() && !answerBy.hasExpired() && socket.state() == QLocalSocket::ConnectedState)
        socket.waitForReadyRead(int(std::max<qint64>(answerBy.remainingTime(), 1)));
    if (!socket.canReadLine())
        return Outcome{holder};
    const QList<QByteArray> words = socket.readLine(kMaxLine).trimmed().split(' ');
    holder.kind = kindOf(words.value(0));
    if (const qint64 theirs = words.value(1).toLongLong(); theirs > 0)
        holder.pid = theirs;
    holder.raised = kind == Kind::Desktop && holder.kind == Kind::Desktop;
    return Outcome{holder};
}

QString InstanceLock::kindName(Kind kind)
{
    return kind == Kind::Desktop ? QCoreApplication::translate("InstanceLock", "The QuotaWatch desktop app")
                                 : QCoreApplication::translate("InstanceLock", "“quotawatch serve”");
}

QString InstanceLock::refusal(const DatabaseUrl &url, const Holder &holder)
{
    QString who = holder.kind ? kindName(*holder.kind)
                              : QCoreApplication::translate("InstanceLock", "Another QuotaWatch");
    if (holder.pid > 0)
        who = QCoreApplication::translate("InstanceLock", "%1 (PID %2)").arg(who).arg(holder.pid);
    if (url.backend == DatabaseUrl::Backend::Postgres)
        return QCoreApplication::translate("InstanceLock",
                                           "%1 already runs for the database %2 in this account, and one "
                                           "desktop app per database is enough. Stop it first, or bring "
                                           "its window up from the tray.")
            .arg(who, url.redacted());
    return QCoreApplication::translate(
               "InstanceLock",
               "%1 already uses the database %2: two programs on one SQLite file would check every key "
               "twice and send every alert twice. Stop it first, or share the keys through PostgreSQL "
               "(team mode: every instance on one PostgreSQL database with the same master key).")
        .arg(who, QDir::toNativeSeparators(url.path));
}

InstanceLock::InstanceLock(Kind kind, std::unique_ptr<QLockFile> file, QLocalServer *server)
    : m_kind(kind)
    , m_file(std::move(file))
    , m_server(server)
{
    if (m_server) {
        m_server->setParent(this);
        connect(m_server, &QLocalServer::newConnection, this, &InstanceLock::onConnection);
    }
}

InstanceLock::~InstanceLock()
{
    // The socket first: whoever finds the lock free must not find a server still listening.
    if (m_server)
        m_server->close();
}

void InstanceLock::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kIdleClientMs, socket, [socket] { socket->abort(); });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > kMaxLine)
                    socket->abort();
                return;
            }
            const QList<QByteArray> words = socket->readLine(kMaxLine).trimmed().split(' ');
            socket->write(QByteArray(word(m_kind) + ' ' +
                                     QByteArray::number(QCoreApplication::applicationPid()) + '\n'));
            socket->flush();
            socket->disconnectFromServer();
            if (words.value(0) == "hello" && kindOf(words.value(1)) == Kind::Desktop &&
                m_kind == Kind::Desktop)
                emit raiseRequested();
        });
    }
}

} // namespace qw
