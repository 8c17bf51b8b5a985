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

TEST(DatabaseUrl, RemotePostgresDefaultsToVerifyFull)
{
    auto remote = DatabaseUrl::parse(QStringLiteral("postgresql://qw@db.example:5432/quota"));
    ASSERT_TRUE(remote);
    EXPECT_FALSE(remote->isLocal());
    EXPECT_EQ(remote->effectiveConnectOptions(), QStringLiteral("sslmode=verify-full"));

    auto withOther = DatabaseUrl::parse(QStringLiteral("postgresql://qw@10.0.0.5/quota?connect_timeout=3"));
    ASSERT_TRUE(withOther);
    EXPECT_EQ(withOther->effectiveConnectOptions(), QStringLiteral("connect_timeout=3;sslmode=verify-full"));

    auto chosen = DatabaseUrl::parse(QStringLiteral("postgresql://qw@db.example/quota?sslmode=disable"));
    ASSERT_TRUE(chosen);
    EXPECT_EQ(chosen->effectiveConnectOptions(), QStringLiteral("sslmode=disable"))
        << "the URL's own choice stands";
}

TEST(DatabaseUrl, LocalPostgresKeepsLibpqDefaults)
{
    for (const char *text : {"postgresql://qw@localhost/quota", "postgresql://qw@127.0.0.1/quota",
                             "postgresql://qw@127.8.9.1:6000/quota", "postgresql://qw@[::1]/quota",
                             "postgresql://qw@remote.example/quota?host=/var/run/postgresql"}) {
        auto url = DatabaseUrl::parse(QString::fromLatin1(text));
        ASSERT_TRUE(url) << text;
        EXPECT_TRUE(url->isLocal()) << text;
        EXPECT_FALSE(url->effectiveConnectOptions().contains(QStringLiteral("sslmode"))) << text;
    }
    // A host= option that points elsewhere decides, not the URL's host.
    auto redirected = DatabaseUrl::parse(QStringLiteral("postgresql://qw@localhost/quota?host=db.example"));
    ASSERT_TRUE(redirected);
    EXPECT_FALSE(redirected->isLocal());
}
