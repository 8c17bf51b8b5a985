#include "core/crypto/securebytes.h"

#include <gtest/gtest.h>
#include <utility>

using qw::SecureBytes;

TEST(SecureBytes, DefaultIsEmpty)
{
    const SecureBytes bytes;
    EXPECT_TRUE(bytes.isEmpty());
    EXPECT_EQ(bytes.size(), 0);
}

TEST(SecureBytes, TakesOverTheArrayAndLeavesTheSourceEmpty)
{
    QByteArray source("top secret");
    const SecureBytes bytes(std::move(source));
    EXPECT_TRUE(source.isEmpty()); // NOLINT(bugprone-use-after-move): the contract under test
    EXPECT_EQ(bytes.view(), QByteArrayView("top secret"));
    EXPECT_EQ(bytes.size(), 10);
}

TEST(SecureBytes, DetachesFromASharedArray)
{
    QByteArray original("shared secret");
    QByteArray sharer = original; // implicitly shared with `original`
    const SecureBytes bytes(std::move(sharer));
    // Our buffer must be a private copy: wiping it must never touch the other array's data.
    EXPECT_NE(bytes.data(), original.constData());
    EXPECT_EQ(bytes.view(), QByteArrayView("shared secret"));
    EXPECT_EQ(original, QByteArray("shared secret"));
}

TEST(SecureBytes, WipeOfADetachedCopyLeavesTheOriginalIntact)
{
    QByteArray original("still here");
    {
        QByteArray sharer = original;
        SecureBytes bytes(std::move(sharer));
        bytes.wipe();
        EXPECT_TRUE(bytes.isEmpty());
    }
    EXPECT_EQ(original, QByteArray("still here"));
}

TEST(SecureBytes, DetachesFromRawData)
{
    static const char raw[] = "raw secret";
    const SecureBytes bytes(QByteArray::fromRawData(raw, sizeof(raw) - 1));
    EXPECT_NE(bytes.data(), raw);
    EXPECT_EQ(bytes.view(), QByteArrayView("raw secret"));
}

TEST(SecureBytes, CopyOfCopies)
{
    const QByteArray source("copy me");
    const SecureBytes bytes = SecureBytes::copyOf(source);
    EXPECT_EQ(bytes.view(), QByteArrayView(source));
    EXPECT_NE(bytes.data(), source.constData());
    EXPECT_EQ(source, QByteArray("copy me"));
}

TEST(SecureBytes, CopyOfEmptyIsEmpty)
{
    EXPECT_TRUE(SecureBytes::copyOf(QByteArrayView()).isEmpty());
}

TEST(SecureBytes, MoveConstructionEmptiesTheSource)
{
    SecureBytes first = SecureBytes::copyOf("abc");
    const char *buffer = first.data();
    const SecureBytes second(std::move(first));
    EXPECT_TRUE(first.isEmpty()); // NOLINT(bugprone-use-after-move)
    EXPECT_EQ(first.size(), 0);   // NOLINT(bugprone-use-after-move)
    EXPECT_EQ(second.view(), QByteArrayView("abc"));
    // The buffer itself moves; no second copy of the plaintext is made.
    EXPECT_EQ(second.data(), buffer);
}

TEST(SecureBytes, MoveAssignmentReplacesAndEmptiesTheSource)
{
    SecureBytes target = SecureBytes::copyOf("old");
    SecureBytes source = SecureBytes::copyOf("new value");
    target = std::move(source);
    EXPECT_EQ(target.view(), QByteArrayView("new value"));
    EXPECT_TRUE(source.isEmpty()); // NOLINT(bugprone-use-after-move)
}

TEST(SecureBytes, SelfMoveAssignmentKeepsTheValue)
{
    SecureBytes bytes = SecureBytes::copyOf("self");
    SecureBytes &alias = bytes;
    bytes = std::move(alias);
    EXPECT_EQ(bytes.view(), QByteArrayView("self"));
}

TEST(SecureBytes, WipeEmpties)
{
    SecureBytes bytes = SecureBytes::copyOf("wipe me");
    bytes.wipe();
    EXPECT_TRUE(bytes.isEmpty());
    EXPECT_EQ(bytes.size(), 0);
    bytes.wipe(); // twice is harmless
    EXPECT_TRUE(bytes.isEmpty());
}

TEST(SecureBytes, WipeOfAnEmptyBufferIsHarmless)
{
    SecureBytes bytes;
    bytes.wipe();
    EXPECT_TRUE(bytes.isEmpty());
}

TEST(SecureBytes, KeepsBinaryDataWithZeros)
{
    const QByteArray binary("a\0b\0c", 5);
    const SecureBytes bytes = SecureBytes::copyOf(binary);
    EXPECT_EQ(bytes.size(), 5);
    EXPECT_EQ(bytes.view(), QByteArrayView(binary));
}
