#include "core/crypto/securewipe.h"

#include <algorithm>
#include <gtest/gtest.h>

using qw::secureWipe;

namespace {

bool allZero(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

} // namespace

TEST(SecureWipe, ZeroesAByteArrayAndKeepsItsSize)
{
    QByteArray secret("sk-live-0123456789");
    secret.detach();
    const char *before = secret.constData();
    secureWipe(secret);
    EXPECT_EQ(secret.constData(), before); // wiped in place, not swapped for a fresh buffer
    EXPECT_EQ(secret.size(), 18);
    EXPECT_TRUE(allZero(secret));
}

TEST(SecureWipe, ZeroesTheTailLeftBehindByAChop)
{
    QByteArray secret("visible-and-hidden");
    secret.detach();
    secret.chop(7); // "-hidden" stays in the allocation beyond size()
    secureWipe(secret);
    // Growing within the capacity shows the old bytes again (resize does not initialise them).
    const char *before = secret.constData();
    secret.resize(18);
    ASSERT_EQ(secret.constData(), before);
    EXPECT_TRUE(allZero(secret));
}

TEST(SecureWipe, ZeroesAString)
{
    QString secret = QStringLiteral("密钥-sk-0123");
    secret.detach();
    const QChar *before = secret.constData();
    const qsizetype size = secret.size();
    secureWipe(secret);
    EXPECT_EQ(secret.constData(), before);
    EXPECT_EQ(secret.size(), size);
    EXPECT_TRUE(std::all_of(secret.cbegin(), secret.cend(), [](QChar c) { return c.unicode() == 0; }));
}

// Writing through a shared buffer would either blank another owner's value or, by detaching,
// wipe only a copy; a shared value is left alone for its other owner to wipe.
TEST(SecureWipe, LeavesASharedBufferToItsOtherOwner)
{
    const QByteArray original("still needed");
    QByteArray sharer = original;
    secureWipe(sharer);
    EXPECT_EQ(original, QByteArray("still needed"));
    EXPECT_EQ(sharer.constData(), original.constData()); // not detached either

    static const char raw[] = "not ours";
    QByteArray wrapped = QByteArray::fromRawData(raw, sizeof(raw) - 1);
    secureWipe(wrapped);
    EXPECT_EQ(QByteArrayView(raw), QByteArrayView("not ours"));

    QString literal = QStringLiteral("read-only data");
    secureWipe(literal);
    EXPECT_EQ(literal, QStringLiteral("read-only data"));
}

TEST(SecureWipe, EmptyAndNullValuesAreFine)
{
    QByteArray null;
    secureWipe(null);
    EXPECT_TRUE(null.isNull());
    QString empty(QLatin1String(""));
    secureWipe(empty);
    EXPECT_TRUE(empty.isEmpty());
}
