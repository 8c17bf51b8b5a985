#include "core/model/databaseurl.h"

#include <QDir>
#include <gtest/gtest.h>

using namespace qw;

TEST(DatabaseUrl, SqliteForms)
{
    auto url = DatabaseUrl::parse(QStringLiteral("sqlite:///var/lib/qw/data.db"));
    ASSERT_TRUE(url);
    EXPECT_EQ(url->backend, DatabaseUrl::Backend::Sqlite);
    EXPECT_EQ(url->path, QStringLiteral("/var/lib/qw/data.db"));

    auto plain = DatabaseUrl::parse(QStringLiteral("relative/data.db"));
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->backend, DatabaseUrl::Backend::Sqlite);
    EXPECT_EQ(plain->path, QDir::current().absoluteFilePath(QStringLiteral("relative/data.db")));
}

TEST(DatabaseUrl, PostgresForm)
{
    auto url =
        DatabaseUrl::parse(QStringLiteral("postgresql://qw:s%40cret@db.example:6543/quota?sslmode=require"));
    ASSERT_TRUE(url) << url.error().message.toStdString();
    EXPECT_EQ(url->backend, DatabaseUrl::Backend::Postgres);
    EXPECT_EQ(url->host, QStringLiteral("db.example"));
    EXPECT_EQ(url->port, 6543);
    EXPECT_EQ(url->user, QStringLiteral("qw"));
    EXPECT_EQ(url->password, QStringLiteral("s@cret"));
    EXPECT_EQ(url->databaseName, QStringLiteral("quota"));
    EXPECT_EQ(url->connectOptions, QStringLiteral("sslmode=require"));
    EXPECT_EQ(DatabaseUrl::parse(QStringLiteral("postgres://h/db"))->port, 5432);
}

TEST(DatabaseUrl, RedactedHidesPassword)
{
    auto url = DatabaseUrl::parse(QStringLiteral("postgresql://qw:hunter2@db:5432/quota"));
    ASSERT_TRUE(url);
    EXPECT_FALSE(url->redacted().contains(QStringLiteral("hunter2")));
    EXPECT_TRUE(url->redacted().contains(QStringLiteral("db")));
}

TEST(DatabaseUrl, MalformedUrlsAreRefusedWithAHint)
{
    for (const char *bad : {"", "   ", "mysql://u@h/db", "postgresql:///nodb", "postgresql://host",
                            "postgresql://host/", "postgresql://host:99999/db", "sqlite://"}) {
        auto url = DatabaseUrl::parse(QString::fromLatin1(bad));
        ASSERT_FALSE(url) << bad;
        EXPECT_EQ(url.error().code, ErrorCode::InvalidInput);
        EXPECT_TRUE(url.error().message.contains(QStringLiteral("postgresql://"))) << bad;
    }
}
