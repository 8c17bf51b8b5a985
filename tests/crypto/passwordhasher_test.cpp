// Password hashing: scrypt against RFC 7914's vectors, salted hashes that verify only the right
// password, stored strings that are garbled or tampered with failing cleanly, and the cost.
#include "core/crypto/passwordhasher.h"

#include <QElapsedTimer>
#include <QStringList>
#include <gtest/gtest.h>

using qw::PasswordHasher;
using qw::ScryptParameters;

namespace {

// Cheap parameters for the tests that are about the format, not the cost.
const ScryptParameters kFast{1024, 8, 1};

TEST(PasswordHasherTest, ScryptMatchesRfc7914Vectors)
{
    auto second = PasswordHasher::scrypt("password", "NaCl", ScryptParameters{1024, 8, 16}, 64);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->toHex(),
              QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                         "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"));
    // Empty password and salt: the RFC's first vector.
    auto first = PasswordHasher::scrypt("", "", ScryptParameters{16, 1, 1}, 64);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->toHex(), QByteArray("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                                         "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"));
}

TEST(PasswordHasherTest, AHashVerifiesItsPasswordAndNoOther)
{
    auto stored = PasswordHasher::hash("correct horse", kFast);
    ASSERT_TRUE(stored);
    EXPECT_TRUE(stored->startsWith(QLatin1String("scrypt$1024$8$1$")));
    EXPECT_FALSE(stored->contains(QLatin1String("correct horse")));
    EXPECT_TRUE(PasswordHasher::verify("correct horse", *stored));
    EXPECT_FALSE(PasswordHasher::verify("correct horsE", *stored));
    EXPECT_FALSE(PasswordHasher::verify("", *stored));
}

TEST(PasswordHasherTest, TwoHashesOfOnePasswordDifferBySalt)
{
    auto a = PasswordHasher::hash("same password", kFast);
    auto b = PasswordHasher::hash("same password", kFast);
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b);
    EXPECT_NE(a->split(QLatin1Char('$')).at(4), b->split(QLatin1Char('$')).at(4));
    EXPECT_TRUE(PasswordHasher::verify("same password", *a));
    EXPECT_TRUE(PasswordHasher::verify("same password", *b));
}

TEST(PasswordHasherTest, TamperedOrGarbledStoredStringsNeverMatch)
{
    auto stored = PasswordHasher::hash("secret password", kFast);
    ASSERT_TRUE(stored);
    const QStringList parts = stored->split(QLatin1Char('$'));
    ASSERT_EQ(parts.size(), 6);

    auto with = [&](int index, const QString &value) {
        QStringList changed = parts;
        changed[index] = value;
        return changed.join(QLatin1Char('$'));
    };
    QString flipped = parts[5];
    flipped[0] = flipped[0] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');

    const QStringList bad{
        QString(),
        QStringLiteral("garbage"),
        QStringLiteral("$$$$$"),
        with(0, QStringLiteral("bcrypt")),
        with(1, QStringLiteral("1000")),          // not a power of two
        with(1, QStringLiteral("1099511627776")), // 2^40: would take all memory
        with(1, QStringLiteral("-1024")),
        with(2, QStringLiteral("0")),
        with(3, QStringLiteral("x")),
        with(4, QStringLiteral("!!not base64!!")),
        with(4, QString()),
        with(5, QString()),
        with(5, QStringLiteral("AAAA")), // too short to be a hash
        with(5, flipped),
        with(4, parts[5]), // salt and hash swapped
        *stored + QStringLiteral("$extra"),
    };
    for (const QString &candidate : bad)
        EXPECT_FALSE(PasswordHasher::verify("secret password", candidate)) << candidate.toStdString();
    EXPECT_TRUE(PasswordHasher::verify("secret password", *stored));
}

TEST(PasswordHasherTest, UnusableParametersAreAnErrorNotACrash)
{
    EXPECT_FALSE(PasswordHasher::hash("password", ScryptParameters{1000, 8, 1}));
    EXPECT_FALSE(PasswordHasher::hash("password", ScryptParameters{1024, 0, 1}));
    EXPECT_FALSE(PasswordHasher::scrypt("password", "salt", ScryptParameters{1024, 8, 1}, 0));
}

// The default cost is meant for interactive sign-in: slow enough to hurt guessing, fast enough
// for a login on a small server. Generous bounds: the machine is shared.
TEST(PasswordHasherTest, TheDefaultCostSuitsInteractiveLogin)
{
    QElapsedTimer timer;
    timer.start();
    auto stored = PasswordHasher::hash("interactive");
    const qint64 elapsed = timer.elapsed();
    ASSERT_TRUE(stored);
    EXPECT_TRUE(stored->startsWith(QLatin1String("scrypt$32768$8$1$")));
    EXPECT_GE(elapsed, 10);
    EXPECT_LE(elapsed, 2000);
    std::cout << "scrypt N=2^15 r=8 p=1: " << elapsed << " ms\n";
}

} // namespace
