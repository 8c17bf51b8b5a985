// Secrets never exist in plain text outside the moment they are used: not in the database (file,
// WAL or shared memory; any column of any table), not in any file the command left behind, not
// in anything it printed. And they are really there, encrypted: the tokens open with the master
// key and give back exactly what went in.
#include "tests/cli/clitest.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlRecord>
#include <map>

namespace qw::test {
namespace {

// Distinctive enough that a match can only be the secret itself.
const QByteArray kAddedSecret = "sk-or-v1-PLAINTEXTCANARY1234567890";
const QByteArray kImportedSecret = "sk-ant-admin01-PLAINTEXTCANARY0987654321";
const QByteArray kImportedRelaySecret = "sk-relay-PLAINTEXTCANARY5555";
const QByteArray kCanaryCore = "PLAINTEXTCANARY";

class CliSecrets : public CliTest
{
protected:
    // Every file below `folder` that contains `needle`.
    static QStringList filesContaining(const QString &folder, const QByteArray &needle)
    {
        QStringList found;
        QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
                found << file.fileName();
        }
        return found;
    }

    // SQLite: the database file and its WAL, shared-memory and journal files, byte for byte.
    void expectNotInSqliteFiles(const QByteArray &needle)
    {
        int read = 0;
        for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
            QFile file(sqlitePath() + u8(suffix));
            if (!file.exists())
                continue;
            ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << file.fileName().toStdString();
            EXPECT_FALSE(file.readAll().contains(needle))
                << needle.toStdString() << " in " << file.fileName().toStdString();
            ++read;
        }
        EXPECT_GE(read, 1) << "no database file at " << sqlitePath().toStdString();
    }

    // Every value of every column of every table, as the database gives it back.
    void expectNotInAnyColumn(const QByteArray &needle)
    {
        const QStringList tables = db().handle().tables();
        for (const char *table : {"api_keys", "settings", "users", "snapshots"})
            EXPECT_TRUE(tables.contains(u8(table))) << table;
        for (const QString &table : tables) {
            auto query = db().run(QStringLiteral("SELECT * FROM ") + table);
            ASSERT_TRUE(query.has_value()) << query.error().message.toStdString();
            while (query->next()) {
                const QSqlRecord record = query->record();
                for (int i = 0; i < record.count(); ++i) {
                    EXPECT_FALSE(query->value(i).toString().toUtf8().contains(needle))
                        << table.toStdString() << "." << record.fieldName(i).toStdString();
                }
            }
        }
    }
};

TEST_F(CliSecrets, StoredOnlyEncryptedAndNeverPrinted)
{
    // The secret arrives as a user would pipe it: with a trailing newline.
    ASSERT_GT(addKey(QStringLiteral("Added"), QStringLiteral("openrouter"), kAddedSecret + "\n"), 0);
    const QString csv =
        writeFile(QStringLiteral("keys.csv"), "name,platform,secret,base_url\n"
                                              "Imported,anthropic-admin," +
                                                  kImportedSecret +
                                                  ",\n"
                                                  "Relay,newapi,\"" +
                                                  kImportedRelaySecret + "\",https://relay.example.com\n");
    ASSERT_TRUE(succeeded(runDb(cmd({"keys", "import"}) << csv)));
    // The file is the user's; the test created it, so it is not part of the scan below.
    ASSERT_TRUE(QFile::remove(csv));

    // Everything that prints keys, in both forms, plus the failures that name a key.
    EXPECT_TRUE(succeeded(runDb(cmd({"keys", "list"}))));
    EXPECT_EQ(listJson().size(), 3);
    EXPECT_EQ(runDb(cmd({"keys", "remove", "999"})).exitCode, kExitUsage);
    EXPECT_EQ(runDb(cmd({"keys", "add", "--name", "Again", "--platform", "openrouter"}), kAddedSecret,
                    {{kMasterKeyVar, QString::fromLatin1(newMasterKey())}})
                  .exitCode,
              kExitMasterKey);

    const QByteArrayList secrets{kAddedSecret, kImportedSecret, kImportedRelaySecret, kCanaryCore};
    for (const QByteArray &output : m_outputs) {
        for (const QByteArray &secret : secrets)
            EXPECT_FALSE(output.contains(secret)) << secret.toStdString() << " printed:\n"
                                                  << output.toStdString();
    }

    // On disk, before the test's own connection exists, then again with it open (SQLite keeps
    // the WAL while a connection is open).
    if (!isPostgres()) {
        for (const QByteArray &secret : secrets)
            expectNotInSqliteFiles(secret);
    }
    for (const QByteArray &secret : secrets)
        expectNotInAnyColumn(secret);
    if (!isPostgres()) {
        for (const QByteArray &secret : secrets) {
            expectNotInSqliteFiles(secret);
            EXPECT_EQ(filesContaining(QFileInfo(sqlitePath()).absolutePath(), secret), QStringList());
        }
    }
    // Nor in anything else the commands wrote: settings, caches, the default data folder.
    for (const QByteArray &secret : secrets)
        EXPECT_EQ(filesContaining(m_home.path(), secret), QStringList()) << secret.toStdString();

    // Stored, not dropped: each token opens with the master key and gives the exact secret back.
    const std::vector<ApiKey> keys = storedKeys();
    ASSERT_EQ(keys.size(), 3u);
    const std::map<QString, QByteArray> expected{{QStringLiteral("Added"), kAddedSecret},
                                                 {QStringLiteral("Imported"), kImportedSecret},
                                                 {QStringLiteral("Relay"), kImportedRelaySecret}};
    for (const ApiKey &key : keys) {
        SCOPED_TRACE(key.name.toStdString());
        EXPECT_TRUE(key.secretEnc.startsWith("gAAAAA")) << key.secretEnc.toStdString(); // Fernet version 0x80
        EXPECT_EQ(decrypt(m_masterKey, key.secretEnc), expected.at(key.name));
        EXPECT_EQ(decrypt(newMasterKey(), key.secretEnc), std::nullopt);
        EXPECT_FALSE(key.secretHint.toUtf8().contains(kCanaryCore)) << key.secretHint.toStdString();
    }
}

// The secret is read from standard input only: given in argv (visible to other users) it is
// refused, through the real executable, and nothing is stored.
TEST_F(CliSecrets, NeverTakenFromTheCommandLine)
{
    const QString secret = QString::fromLatin1(kAddedSecret);
    const QStringList add = cmd({"--db"})
                            << dbUrl() << cmd({"keys", "add", "--name", "Argv", "--platform", "openrouter"});
    EXPECT_TRUE(failedWith(runBinary(add + QStringList{secret}), kExitUsage,
                           {QStringLiteral("unexpected argument")}));
    EXPECT_TRUE(failedWith(runBinary(add + QStringList{QStringLiteral("--secret"), secret}), kExitUsage,
                           {QStringLiteral("secret")}));
    EXPECT_TRUE(failedWith(runBinary(add + QStringList{QStringLiteral("--secret=") + secret}), kExitUsage,
                           {QStringLiteral("secret")}));
    EXPECT_EQ(keyCount(), 0);
}

} // namespace
} // namespace qw::test
