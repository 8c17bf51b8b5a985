// InstanceLock: one desktop per user and database, and one process of any kind per SQLite file,
// decided by a real lock file and answered over a real local socket. The holder runs on its own
// thread with its own event loop, as it would in its own process: the asking side blocks.
#include "core/session/instancelock.h"
#include "tests/support/waitfor.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QThread>
#include <atomic>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace qw;

namespace {

DatabaseUrl sqliteAt(const QString &path)
{
    DatabaseUrl url;
    url.backend = DatabaseUrl::Backend::Sqlite;
    url.path = path;
    return url;
}

DatabaseUrl postgres()
{
    DatabaseUrl url;
    url.backend = DatabaseUrl::Backend::Postgres;
    url.host = QStringLiteral("db.example");
    url.user = QStringLiteral("watcher");
    url.databaseName = QStringLiteral("quotawatch");
    return url;
}

// Holds the lock on a thread of its own, answering on that thread's event loop.
class HolderThread final : public QThread
{
public:
    HolderThread(DatabaseUrl url, InstanceLock::Kind kind, QString folder)
        : m_url(std::move(url))
        , m_kind(kind)
        , m_folder(std::move(folder))
    {}
    ~HolderThread() override
    {
        quit();
        wait();
    }

    // Starts the thread and waits until it holds the lock; false when it could not take it.
    bool hold()
    {
        start();
        m_ready.acquire();
        return m_held;
    }

    std::atomic<int> raised{0};

protected:
    void run() override
    {
        auto acquired = InstanceLock::acquire(m_url, m_kind, m_folder);
        std::unique_ptr<InstanceLock> lock;
        if (acquired && std::holds_alternative<std::unique_ptr<InstanceLock>>(*acquired))
            lock = std::move(std::get<std::unique_ptr<InstanceLock>>(*acquired));
        m_held = lock && lock->holdsLock();
        if (lock)
            QObject::connect(
                lock.get(), &InstanceLock::raiseRequested, lock.get(), [this] { ++raised; },
                Qt::DirectConnection);
        m_ready.release();
        exec();
    }

private:
    DatabaseUrl m_url;
    InstanceLock::Kind m_kind;
    QString m_folder;
    QSemaphore m_ready;
    bool m_held = false;
};

class InstanceLockTest : public ::testing::Test
{
protected:
    QTemporaryDir m_dir;
    QString folder() const { return m_dir.filePath(QStringLiteral("run")); }
    DatabaseUrl db() const { return sqliteAt(m_dir.filePath(QStringLiteral("keys.db"))); }

    InstanceLock::Outcome acquire(const DatabaseUrl &url, InstanceLock::Kind kind)
    {
        auto acquired = InstanceLock::acquire(url, kind, folder());
        EXPECT_TRUE(acquired) << (acquired ? "" : acquired.error().message.toStdString());
        return acquired ? std::move(*acquired) : InstanceLock::Outcome{InstanceLock::Holder{}};
    }
};

} // namespace

TEST_F(InstanceLockTest, ASecondDesktopAsksTheFirstToRaiseItsWindowAndLearnsItsPid)
{
    HolderThread first(db(), InstanceLock::Kind::Desktop, folder());
    ASSERT_TRUE(first.hold());
    const auto second = acquire(db(), InstanceLock::Kind::Desktop);
    const auto *holder = std::get_if<InstanceLock::Holder>(&second);
    ASSERT_NE(holder, nullptr) << "a second desktop got the lock too";
    EXPECT_EQ(holder->kind, InstanceLock::Kind::Desktop);
    EXPECT_EQ(holder->pid, QCoreApplication::applicationPid());
    EXPECT_TRUE(holder->raised);
    EXPECT_TRUE(test::waitFor([&] { return first.raised.load() == 1; }, 3000));
}

TEST_F(InstanceLockTest, ServeAndTheDesktopRefuseEachOtherOnOneSqliteFileWithoutRaisingAnything)
{
    {
        HolderThread desktop(db(), InstanceLock::Kind::Desktop, folder());
        ASSERT_TRUE(desktop.hold());
        const auto serve = acquire(db(), InstanceLock::Kind::Serve);
        const auto *holder = std::get_if<InstanceLock::Holder>(&serve);
        ASSERT_NE(holder, nullptr);
        EXPECT_EQ(holder->kind, InstanceLock::Kind::Desktop);
        EXPECT_FALSE(holder->raised);
        const QString message = InstanceLock::refusal(db(), *holder);
        EXPECT_TRUE(message.contains(QStringLiteral("desktop app"))) << message.toStdString();
        EXPECT_TRUE(message.contains(QString::number(QCoreApplication::applicationPid())));
        EXPECT_TRUE(message.contains(db().path));
        EXPECT_TRUE(message.contains(QStringLiteral("Stop it")));
        EXPECT_TRUE(message.contains(QStringLiteral("PostgreSQL")));
        EXPECT_FALSE(message.contains(u'\n')) << "one line for the command line";
        QThread::msleep(200);
        EXPECT_EQ(desktop.raised.load(), 0);
    }
    HolderThread serve(db(), InstanceLock::Kind::Serve, folder());
    ASSERT_TRUE(serve.hold()) << "the desktop's lock outlived it";
    for (const auto kind : {InstanceLock::Kind::Desktop, InstanceLock::Kind::Serve}) {
        const auto other = acquire(db(), kind);
        const auto *holder = std::get_if<InstanceLock::Holder>(&other);
        ASSERT_NE(holder, nullptr);
        EXPECT_EQ(holder->kind, InstanceLock::Kind::Serve);
        EXPECT_FALSE(holder->raised);
        EXPECT_TRUE(InstanceLock::refusal(db(), *holder).contains(QStringLiteral("quotawatch serve")));
    }
}

TEST_F(InstanceLockTest, OtherDatabasesAndPostgresTeamModeAreNotBlocked)
{
    HolderThread desktop(db(), InstanceLock::Kind::Desktop, folder());
    ASSERT_TRUE(desktop.hold());
    const auto elsewhere =
        acquire(sqliteAt(m_dir.filePath(QStringLiteral("other.db"))), InstanceLock::Kind::Serve);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<InstanceLock>>(elsewhere));
    EXPECT_TRUE(std::get<std::unique_ptr<InstanceLock>>(elsewhere)->holdsLock());

    // PostgreSQL: any number of `serve`s (team mode) next to one desktop of this user.
    const auto serveA = acquire(postgres(), InstanceLock::Kind::Serve);
    const auto serveB = acquire(postgres(), InstanceLock::Kind::Serve);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<InstanceLock>>(serveA));
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<InstanceLock>>(serveB));
    EXPECT_FALSE(std::get<std::unique_ptr<InstanceLock>>(serveA)->holdsLock());
    EXPECT_FALSE(InstanceLock::lockName(postgres(), InstanceLock::Kind::Serve));
    HolderThread pgDesktop(postgres(), InstanceLock::Kind::Desktop, folder());
    ASSERT_TRUE(pgDesktop.hold());
    const auto secondPgDesktop = acquire(postgres(), InstanceLock::Kind::Desktop);
    const auto *holder = std::get_if<InstanceLock::Holder>(&secondPgDesktop);
    ASSERT_NE(holder, nullptr);
    EXPECT_TRUE(holder->raised);
}

TEST_F(InstanceLockTest, OneFileUnderTwoNamesIsOneDatabase)
{
    QFile(db().path).open(QIODevice::WriteOnly);
    ASSERT_TRUE(QFile::link(db().path, m_dir.filePath(QStringLiteral("alias.db"))));
    EXPECT_EQ(InstanceLock::lockName(db(), InstanceLock::Kind::Desktop),
              InstanceLock::lockName(sqliteAt(m_dir.filePath(QStringLiteral("alias.db"))),
                                     InstanceLock::Kind::Serve));
    EXPECT_EQ(InstanceLock::lockName(db(), InstanceLock::Kind::Serve),
              InstanceLock::lockName(sqliteAt(m_dir.path() + QStringLiteral("/run/../keys.db")),
                                     InstanceLock::Kind::Serve));
    EXPECT_NE(InstanceLock::lockName(db(), InstanceLock::Kind::Serve),
              InstanceLock::lockName(sqliteAt(m_dir.filePath(QStringLiteral("other.db"))),
                                     InstanceLock::Kind::Serve));
    EXPECT_FALSE(InstanceLock::lockName(sqliteAt(QStringLiteral(":memory:")), InstanceLock::Kind::Serve));
}

TEST_F(InstanceLockTest, TheLockOfAProcessThatDiedIsTakenOver)
{
    const auto name = InstanceLock::lockName(db(), InstanceLock::Kind::Serve);
    ASSERT_TRUE(name);
    ASSERT_TRUE(QDir().mkpath(folder()));
    const QString lockPath = QDir(folder()).filePath(*name + QStringLiteral(".lock"));
    // A child takes the lock and dies without letting go (as after kill -9).
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        QLockFile lock(lockPath);
        ::_exit(lock.tryLock(0) ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ASSERT_TRUE(QFile::exists(lockPath)) << "the dead child's lock file is gone already";

    const auto outcome = acquire(db(), InstanceLock::Kind::Serve);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<InstanceLock>>(outcome));
    EXPECT_TRUE(std::get<std::unique_ptr<InstanceLock>>(outcome)->holdsLock());
}

TEST_F(InstanceLockTest, AHolderThatDoesNotAnswerIsStillNamedByItsPid)
{
    const auto name = InstanceLock::lockName(db(), InstanceLock::Kind::Serve);
    ASSERT_TRUE(name);
    ASSERT_TRUE(QDir().mkpath(folder()));
    // Holds the lock file but never listens (a process stuck before its event loop).
    QLockFile silent(QDir(folder()).filePath(*name + QStringLiteral(".lock")));
    ASSERT_TRUE(silent.tryLock(0));
    const auto outcome = acquire(db(), InstanceLock::Kind::Desktop);
    const auto *holder = std::get_if<InstanceLock::Holder>(&outcome);
    ASSERT_NE(holder, nullptr);
    EXPECT_FALSE(holder->kind);
    EXPECT_EQ(holder->pid, QCoreApplication::applicationPid());
    EXPECT_FALSE(holder->raised) << "nobody was asked, so the start must not simply leave";
    EXPECT_TRUE(InstanceLock::refusal(db(), *holder).contains(QStringLiteral("Another QuotaWatch")));
}
