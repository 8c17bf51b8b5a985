// The SQLite files on disk: the folder QuotaWatch creates for the database is 0700, the database
// and its -wal and -shm are 0600 even under a permissive umask, files left readable by others
// are tightened on open, and a removed key's encrypted secret is overwritten in the file
// (secure_delete) instead of lingering in free space. SQLite only: on PostgreSQL the server owns
// the files.
#include "core/crypto/fernet.h"
#include "core/crypto/vault.h"
#include "core/secrets/privatefiles.h"
#include "core/storage/apikeyrepository.h"
#include "core/storage/database.h"
#include "core/storage/userrepository.h"
#include "tests/support/backendtest.h"
#include "tests/support/scopedumask.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#ifdef Q_OS_UNIX
#include <sys/stat.h>

using qw::test::ScopedUmask;
#endif

using namespace qw;

namespace {

std::unique_ptr<Database> openSqlite(const QString &path, const QString &connection)
{
    DatabaseUrl url;
    url.path = path;
    auto db = Database::open(url, connection);
    EXPECT_TRUE(db) << (db ? std::string() : db.error().message.toStdString());
    return db ? std::move(*db) : nullptr;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Moves everything in the write-ahead log into the database file and empties the log, so that
// the bytes on disk are the database file's alone.
void checkpoint(Database &db)
{
    auto query = db.run(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    ASSERT_TRUE(query) << query.error().message.toStdString();
    ASSERT_TRUE(query->next());
    EXPECT_EQ(query->value(0).toInt(), 0) << "the checkpoint was blocked";
}

class SqliteFiles : public ::testing::Test
{
protected:
    void SetUp() override
    {
#ifndef Q_OS_UNIX
        GTEST_SKIP() << "file modes are a Unix matter; on Windows the user's profile ACL applies";
#endif
        if (test::currentBackend() != QLatin1String("sqlite"))
            GTEST_SKIP() << "SQLite files only; the storage.sqlite run covers them";
        ASSERT_TRUE(m_dir.isValid());
    }

    [[nodiscard]] QString path(const QString &relative) const
    {
        return m_dir.filePath(relative);
    }

    QTemporaryDir m_dir;
};

} // namespace

#ifdef Q_OS_UNIX

TEST_F(SqliteFiles, AFreshDatabaseIsPrivateUnderAPermissiveUmask)
{
    const ScopedUmask umask(022);
    const QString file = path(QStringLiteral("data/QuotaWatch/quotawatch.db"));
    auto db = openSqlite(file, QStringLiteral("fresh"));
    ASSERT_NE(db, nullptr);
    // The migrations wrote: SQLite has made its write-ahead log and shared-memory index.
    ASSERT_TRUE(QFile::exists(file + QStringLiteral("-wal")));
    ASSERT_TRUE(QFile::exists(file + QStringLiteral("-shm")));

    EXPECT_EQ(PrivateFiles::mode(path(QStringLiteral("data"))), 0700);
    EXPECT_EQ(PrivateFiles::mode(path(QStringLiteral("data/QuotaWatch"))), 0700);
    EXPECT_EQ(PrivateFiles::mode(file), 0600);
    // SQLite gives the files it creates next to the database the database file's mode.
    EXPECT_EQ(PrivateFiles::mode(file + QStringLiteral("-wal")), 0600);
    EXPECT_EQ(PrivateFiles::mode(file + QStringLiteral("-shm")), 0600);
}

TEST_F(SqliteFiles, WithoutTheFileMadeFirstSqliteWouldShareItUnderThatUmask)
{
    // The control for the test above: SQLite left to itself creates all three files 0644 under
    // umask 022, so it is the database file made 0600 beforehand that keeps them private.
    const ScopedUmask umask(022);
    const QString file = path(QStringLiteral("plain.db"));
    {
        QSqlDatabase sqlite = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain"));
        sqlite.setDatabaseName(file);
        ASSERT_TRUE(sqlite.open());
        QSqlQuery query(sqlite);
        ASSERT_TRUE(query.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
        ASSERT_TRUE(query.exec(QStringLiteral("CREATE TABLE t(x)")));
        EXPECT_EQ(PrivateFiles::mode(file), 0644);
        EXPECT_EQ(PrivateFiles::mode(file + QStringLiteral("-wal")), 0644);
        EXPECT_EQ(PrivateFiles::mode(file + QStringLiteral("-shm")), 0644);
        query.finish();
        sqlite.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("plain"));
}

TEST_F(SqliteFiles, AFolderTheUserMadeIsLeftAlone)
{
    const ScopedUmask umask(022);
    const QString shared = path(QStringLiteral("shared"));
    ASSERT_TRUE(QDir().mkdir(shared));
    ASSERT_EQ(::chmod(QFile::encodeName(shared).constData(), 0755), 0);

    auto db = openSqlite(shared + QStringLiteral("/quotawatch.db"), QStringLiteral("shared"));
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(PrivateFiles::mode(shared), 0755);
    EXPECT_EQ(PrivateFiles::mode(shared + QStringLiteral("/quotawatch.db")), 0600);
}

TEST_F(SqliteFiles, FilesReadableByOthersAreTightenedOnOpen)
{
    const QString file = path(QStringLiteral("old.db"));
    // The first connection stays open, so the -wal and -shm files stay on disk as they would
    // after a crash or while another QuotaWatch process runs.
    auto first = openSqlite(file, QStringLiteral("first"));
    ASSERT_NE(first, nullptr);
    const QStringList files = {file, file + QStringLiteral("-wal"), file + QStringLiteral("-shm")};
    for (const QString &each : files) {
        ASSERT_EQ(::chmod(QFile::encodeName(each).constData(), 0644), 0) << each.toStdString();
        ASSERT_EQ(PrivateFiles::mode(each), 0644);
    }

    auto second = openSqlite(file, QStringLiteral("second"));
    ASSERT_NE(second, nullptr);
    for (const QString &each : files)
        EXPECT_EQ(PrivateFiles::mode(each), 0600) << each.toStdString();
    // Both connections still work on the tightened files.
    EXPECT_TRUE(first->run(QStringLiteral("SELECT count(*) FROM api_keys")));
    EXPECT_TRUE(second->run(QStringLiteral("SELECT count(*) FROM api_keys")));
}

TEST_F(SqliteFiles, AFileThatIsNotADatabaseIsStillRefusedAndNotRecreated)
{
    const QString file = path(QStringLiteral("notes.txt"));
    {
        QFile notes(file);
        ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
        notes.write(QByteArray(4096, 'x'));
    }
    DatabaseUrl url;
    url.path = file;
    auto db = Database::open(url, QStringLiteral("notes"));
    ASSERT_FALSE(db);
    EXPECT_TRUE(db.error().message.contains(QStringLiteral("not a usable QuotaWatch database")))
        << db.error().message.toStdString();
    EXPECT_EQ(contents(file), QByteArray(4096, 'x'));
}

#endif // Q_OS_UNIX

// A removed key's Fernet token: with secure_delete on (Database::open sets it) its bytes are gone
// from the file after a checkpoint; with it off they stay in the freed space, which is what the
// last test shows so that the others cannot pass by not looking. SQLite's default is off, but
// some builds (Debian's libsqlite3, compiled with SQLITE_SECURE_DELETE) have it on by default:
// there these tests pass without the pragma too; with Qt's bundled SQLite they do not.
class SecureDelete : public SqliteFiles
{
protected:
    void SetUp() override
    {
        SqliteFiles::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_db = openSqlite(path(QStringLiteral("keys.db")), QStringLiteral("keys"));
        ASSERT_NE(m_db, nullptr);
        auto owner = UserRepository(*m_db).ensureOwner();
        ASSERT_TRUE(owner);
        m_owner = *owner;
        auto fernet = Fernet::fromKey(Fernet::generateKey().view());
        ASSERT_TRUE(fernet);
        auto token = Vault(std::move(*fernet)).encrypt("sk-secure-delete-test-0123456789abcdef");
        ASSERT_TRUE(token);
        m_token = *token;
    }

    // Stores a key holding m_token next to another key, checks the token reached the file, then
    // removes the key and checkpoints. Returns the database and log files' bytes afterwards.
    QByteArray storeAndRemove()
    {
        ApiKeyRepository keys(*m_db);
        ApiKey key;
        key.userId = m_owner;
        key.name = QStringLiteral("to remove");
        key.platform = QStringLiteral("deepseek");
        key.secretEnc = m_token;
        key.secretHint = QStringLiteral("sk-…cdef");
        ApiKey other = key;
        other.name = QStringLiteral("to keep");
        other.secretEnc = QByteArrayLiteral("gAAAAAB-another-token");
        auto id = keys.insert(key);
        EXPECT_TRUE(id);
        EXPECT_TRUE(keys.insert(other));
        checkpoint(*m_db);
        const QString file = path(QStringLiteral("keys.db"));
        EXPECT_TRUE(contents(file).contains(m_token)) << "the token never reached the file";

        auto removed = keys.remove(id.value_or(0));
        EXPECT_TRUE(removed && *removed);
        checkpoint(*m_db);
        return contents(file) + contents(file + QStringLiteral("-wal"));
    }

    std::unique_ptr<Database> m_db;
    qint64 m_owner = 0;
    QByteArray m_token;
};

TEST_F(SecureDelete, IsOnForEveryConnection)
{
    auto setting = m_db->run(QStringLiteral("PRAGMA secure_delete"));
    ASSERT_TRUE(setting && setting->next());
    EXPECT_EQ(setting->value(0).toInt(), 1);
}

TEST_F(SecureDelete, ARemovedKeysTokenIsNotLeftInTheFile)
{
    const QByteArray onDisk = storeAndRemove();
    EXPECT_FALSE(onDisk.isEmpty());
    EXPECT_FALSE(onDisk.contains(m_token));
    // Nor a recognisable part of it (the token's ciphertext, past the common header).
    EXPECT_FALSE(onDisk.contains(m_token.mid(m_token.size() / 2, 24)));
    EXPECT_TRUE(onDisk.contains(QByteArrayLiteral("gAAAAAB-another-token")));
}

TEST_F(SecureDelete, WithoutItTheTokenWouldLingerInFreeSpace)
{
    ASSERT_TRUE(m_db->run(QStringLiteral("PRAGMA secure_delete=OFF")));
    const QByteArray onDisk = storeAndRemove();
    EXPECT_TRUE(onDisk.contains(m_token.mid(m_token.size() / 2, 24)));
}
