// EnvironmentMasterKey on real files: the variable wins, then QUOTAWATCH_MASTER_KEY_FILE, then
// the systemd credential; a key file others can read or that holds no key is refused with a
// message naming the file and never the key.
#include "core/crypto/fernet.h"
#include "core/secrets/environmentmasterkey.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace qw {
namespace {

class EnvironmentMasterKeyTest : public ::testing::Test
{
protected:
    // A file in the test folder with `content` and `permissions`.
    QString writeFile(const QString &name, const QByteArray &content,
                      QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        EXPECT_TRUE(QFile::setPermissions(path, permissions));
        return path;
    }

    static QByteArray newKey() { return Fernet::generateKey().view().toByteArray(); }

    QTemporaryDir m_dir;
    QProcessEnvironment m_env; // empty: nothing inherited from the test's own environment
};

TEST_F(EnvironmentMasterKeyTest, NothingSetMeansNoKeyAndTheKeychainIsUsed)
{
    const auto key = EnvironmentMasterKey::read(m_env);
    ASSERT_TRUE(key.has_value()) << key.error().message.toStdString();
    EXPECT_FALSE(key->has_value());
}

TEST_F(EnvironmentMasterKeyTest, TheVariableWinsOverTheFileAndTheCredential)
{
    const QByteArray inVariable = newKey();
    m_env.insert(QStringLiteral("QUOTAWATCH_MASTER_KEY"), QString::fromLatin1(inVariable));
    m_env.insert(QStringLiteral("QUOTAWATCH_MASTER_KEY_FILE"), writeFile(QStringLiteral("key"), newKey()));
    m_env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), m_dir.path());
    writeFile(QStringLiteral("master-key"), newKey());
    const auto key = EnvironmentMasterKey::read(m_env);
    ASSERT_TRUE(key.has_value());
    ASSERT_TRUE(key->has_value());
    EXPECT_EQ(**key, inVariable);
}

TEST_F(EnvironmentMasterKeyTest, AKeyFileIsReadWithoutItsTrailingNewline)
{
    const QByteArray inFile = newKey();
    m_env.insert(QStringLiteral("QUOTAWATCH_MASTER_KEY_FILE"),
                 writeFile(QStringLiteral("key"), inFile + "\n"));
    // The file named outright wins over a credential.
    m_env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), m_dir.path());
    writeFile(QStringLiteral("master-key"), newKey());
    const auto key = EnvironmentMasterKey::read(m_env);
    ASSERT_TRUE(key.has_value()) << key.error().message.toStdString();
    ASSERT_TRUE(key->has_value());
    EXPECT_EQ(**key, inFile);
}

TEST_F(EnvironmentMasterKeyTest, TheSystemdCredentialIsReadWhenNothingElseIsSet)
{
    const QByteArray inCredential = newKey();
    // As systemd makes it: read-only for the service's user.
    writeFile(QStringLiteral("master-key"), inCredential, QFileDevice::ReadOwner);
    m_env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), m_dir.path());
    const auto key = EnvironmentMasterKey::read(m_env);
    ASSERT_TRUE(key.has_value()) << key.error().message.toStdString();
    ASSERT_TRUE(key->has_value());
    EXPECT_EQ(**key, inCredential);
}

TEST_F(EnvironmentMasterKeyTest, ACredentialsDirectoryWithoutOurCredentialMeansNoKey)
{
    writeFile(QStringLiteral("tls-key"), "something else");
    m_env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), m_dir.path());
    const auto key = EnvironmentMasterKey::read(m_env);
    ASSERT_TRUE(key.has_value());
    EXPECT_FALSE(key->has_value());
}

TEST_F(EnvironmentMasterKeyTest, AWorldReadableKeyFileIsRefusedWithoutReadingIt)
{
    const QByteArray inFile = newKey();
    const QString path = writeFile(QStringLiteral("key"), inFile,
                                   QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                       QFileDevice::ReadOther);
    m_env.insert(QStringLiteral("QUOTAWATCH_MASTER_KEY_FILE"), path);
    const auto key = EnvironmentMasterKey::read(m_env);
    ASSERT_FALSE(key.has_value());
    EXPECT_EQ(key.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_TRUE(key.error().message.contains(path)) << key.error().message.toStdString();
    EXPECT_TRUE(key.error().message.contains(QStringLiteral("chmod 600")))
        << key.error().message.toStdString();
    EXPECT_FALSE(key.error().message.contains(QString::fromLatin1(inFile)));

    // Readable by the group only is the administrator's choice and works.
    ASSERT_TRUE(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
    const auto shared = EnvironmentMasterKey::read(m_env);
    ASSERT_TRUE(shared.has_value()) << shared.error().message.toStdString();
    EXPECT_EQ(**shared, inFile);
}

TEST_F(EnvironmentMasterKeyTest, AFileWithoutAFernetKeyIsRefusedNamingTheFileNotTheContent)
{
    const QByteArray notAKey = "sk-proj an API key, not a master key";
    m_env.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), m_dir.path());
    const QString path = writeFile(QStringLiteral("master-key"), notAKey);
    const auto key = EnvironmentMasterKey::read(m_env);
    ASSERT_FALSE(key.has_value());
    EXPECT_EQ(key.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_TRUE(key.error().message.contains(path)) << key.error().message.toStdString();
    EXPECT_TRUE(key.error().message.contains(QStringLiteral("credential")))
        << key.error().message.toStdString();
    EXPECT_FALSE(key.error().message.contains(QString::fromLatin1(notAKey)));
}

TEST_F(EnvironmentMasterKeyTest, AMissingKeyFileIsAnErrorNotAFallBackToTheKeychain)
{
    const QString path = m_dir.filePath(QStringLiteral("absent"));
    m_env.insert(QStringLiteral("QUOTAWATCH_MASTER_KEY_FILE"), path);
    const auto key = EnvironmentMasterKey::read(m_env);
    ASSERT_FALSE(key.has_value());
    EXPECT_EQ(key.error().code, ErrorCode::MasterKeyUnavailable);
    EXPECT_TRUE(key.error().message.contains(path));
    EXPECT_TRUE(key.error().message.contains(QStringLiteral("QUOTAWATCH_MASTER_KEY_FILE")));
}

} // namespace
} // namespace qw
