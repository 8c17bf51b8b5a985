// PrivateFiles on real files in a temporary folder: what it creates is owner-only whatever the
// umask, what exists is left alone except for the group and world bits restrictToOwner removes.
#include "core/secrets/privatefiles.h"
#include "tests/support/scopedumask.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#ifdef Q_OS_UNIX
#include <sys/stat.h>

using namespace qw;
using qw::test::ScopedUmask;

namespace {

void setMode(const QString &path, mode_t mode)
{
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), mode), 0) << path.toStdString();
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

class PrivateFilesTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    [[nodiscard]] QString path(const QString &relative) const { return m_dir.filePath(relative); }

    QTemporaryDir m_dir;
    // The widest umask a user may run with: what QuotaWatch creates must not depend on it.
    ScopedUmask m_umask{0};
};

} // namespace

TEST_F(PrivateFilesTest, MakeFolderCreatesEveryMissingLevelOwnerOnly)
{
    const QString deep = path(QStringLiteral("a/b/c"));
    ASSERT_TRUE(PrivateFiles::makeFolder(deep));
    for (const char *level : {"a", "a/b", "a/b/c"})
        EXPECT_EQ(PrivateFiles::mode(path(QLatin1String(level))), 0700) << level;
    // Again: nothing to do, no error.
    EXPECT_TRUE(PrivateFiles::makeFolder(deep));
}

TEST_F(PrivateFilesTest, MakeFolderLeavesExistingFoldersAlone)
{
    const QString mine = path(QStringLiteral("mine"));
    ASSERT_TRUE(QDir().mkdir(mine));
    setMode(mine, 0755);
    ASSERT_TRUE(PrivateFiles::makeFolder(mine + QStringLiteral("/QuotaWatch")));
    EXPECT_EQ(PrivateFiles::mode(mine), 0755);
    EXPECT_EQ(PrivateFiles::mode(mine + QStringLiteral("/QuotaWatch")), 0700);
}

TEST_F(PrivateFilesTest, MakeFolderRefusesAFileInTheWay)
{
    write(path(QStringLiteral("file")), "x");
    auto made = PrivateFiles::makeFolder(path(QStringLiteral("file")));
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, ErrorCode::Io);
    EXPECT_FALSE(PrivateFiles::makeFolder(path(QStringLiteral("file/below"))));
}

TEST_F(PrivateFilesTest, CreateFileIsOwnerOnlyAndNeverTouchesAnExistingFile)
{
    const QString fresh = path(QStringLiteral("fresh.db"));
    ASSERT_TRUE(PrivateFiles::createFile(fresh));
    EXPECT_EQ(PrivateFiles::mode(fresh), 0600);
    EXPECT_EQ(QFileInfo(fresh).size(), 0);

    const QString existing = path(QStringLiteral("existing.db"));
    write(existing, "data");
    setMode(existing, 0644);
    ASSERT_TRUE(PrivateFiles::createFile(existing));
    EXPECT_EQ(PrivateFiles::mode(existing), 0644) << "tightening is restrictToOwner's job";
    QFile file(existing);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("data"));
}

TEST_F(PrivateFilesTest, CreateFileInAMissingFolderSaysWhy)
{
    auto created = PrivateFiles::createFile(path(QStringLiteral("missing/x.db")));
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, ErrorCode::Io);
    EXPECT_TRUE(created.error().message.contains(QStringLiteral("x.db")));
}

TEST_F(PrivateFilesTest, RestrictToOwnerRemovesOnlyGroupAndWorldBits)
{
    const struct
    {
        mode_t before;
        int after;
    } cases[] = {{0664, 0600}, {0644, 0600}, {0666, 0600}, {0444, 0400}, {0600, 0600}, {0400, 0400}};
    for (const auto &each : cases) {
        const QString file = path(QStringLiteral("f%1").arg(each.before, 0, 8));
        write(file, "x");
        setMode(file, each.before);
        EXPECT_TRUE(PrivateFiles::restrictToOwner(file));
        EXPECT_EQ(PrivateFiles::mode(file), each.after) << std::oct << each.before;
    }
}

TEST_F(PrivateFilesTest, RestrictToOwnerAcceptsAMissingFileAndLeavesFoldersAlone)
{
    EXPECT_TRUE(PrivateFiles::restrictToOwner(path(QStringLiteral("absent-wal"))));
    EXPECT_EQ(PrivateFiles::mode(path(QStringLiteral("absent-wal"))), -1);
    const QString folder = path(QStringLiteral("folder"));
    ASSERT_TRUE(QDir().mkdir(folder));
    setMode(folder, 0755);
    EXPECT_TRUE(PrivateFiles::restrictToOwner(folder));
    EXPECT_EQ(PrivateFiles::mode(folder), 0755);
}

TEST_F(PrivateFilesTest, SavedSettingsAreOwnerOnlyFromTheFirstSaveOn)
{
    const QString file = path(QStringLiteral("config/QuotaWatch/QuotaWatch.conf"));
    {
        QSettings settings(file, QSettings::IniFormat);
        settings.setValue(QStringLiteral("database/url"), QStringLiteral("sqlite:///tmp/x.db"));
        ASSERT_TRUE(PrivateFiles::saveSettings(settings));
    }
    EXPECT_EQ(PrivateFiles::mode(path(QStringLiteral("config"))), 0700);
    EXPECT_EQ(PrivateFiles::mode(path(QStringLiteral("config/QuotaWatch"))), 0700);
    EXPECT_EQ(PrivateFiles::mode(file), 0600);

    // QSettings replaces the file on each save, and the new file keeps the old one's mode even
    // without the helper: there is no moment at which the settings are readable by others.
    {
        QSettings settings(file, QSettings::IniFormat);
        settings.setValue(QStringLiteral("rest/port"), 8765);
        settings.sync();
        EXPECT_EQ(PrivateFiles::mode(file), 0600);
        ASSERT_TRUE(PrivateFiles::saveSettings(settings));
    }
    EXPECT_EQ(PrivateFiles::mode(file), 0600);
    QSettings reread(file, QSettings::IniFormat);
    EXPECT_EQ(reread.value(QStringLiteral("database/url")).toString(), QStringLiteral("sqlite:///tmp/x.db"));
    EXPECT_EQ(reread.value(QStringLiteral("rest/port")).toInt(), 8765);
}

TEST_F(PrivateFilesTest, SavingSettingsTightensAFileLeftReadableByOthers)
{
    const QString file = path(QStringLiteral("old.conf"));
    write(file, "[General]\nlanguage=en\n");
    setMode(file, 0644);
    QSettings settings(file, QSettings::IniFormat);
    settings.setValue(QStringLiteral("language"), QStringLiteral("zh_CN"));
    ASSERT_TRUE(PrivateFiles::saveSettings(settings));
    EXPECT_EQ(PrivateFiles::mode(file), 0600);
    EXPECT_EQ(QSettings(file, QSettings::IniFormat).value(QStringLiteral("language")).toString(),
              QStringLiteral("zh_CN"));
}

TEST_F(PrivateFilesTest, SettingsThatCannotBeSavedSayWhere)
{
    // A folder where the file should be: QSettings cannot write it.
    const QString file = path(QStringLiteral("blocked.conf"));
    ASSERT_TRUE(QDir().mkdir(file));
    QSettings settings(file, QSettings::IniFormat);
    settings.setValue(QStringLiteral("language"), QStringLiteral("en"));
    auto saved = PrivateFiles::saveSettings(settings);
    ASSERT_FALSE(saved);
    EXPECT_TRUE(saved.error().message.contains(QStringLiteral("blocked.conf")));
}

#endif // Q_OS_UNIX
