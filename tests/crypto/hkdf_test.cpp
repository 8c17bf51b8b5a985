#include "core/crypto/hkdf.h"
#include "tests/crypto/rfcbytes.h"

#include <gtest/gtest.h>

using qw::Hkdf;

using qw::test::ascending;
using qw::test::repeated;

namespace {

struct Rfc5869Case
{
    const char *name;
    QByteArray inputKey;
    QByteArray salt;
    QByteArray info;
    qsizetype length;
    QByteArray expectedHex; // the RFC's OKM
};

} // namespace

// The SHA-256 test cases of RFC 5869, appendix A (cases 1 to 3).
TEST(Hkdf, MatchesTheRfc5869TestVectors)
{
    const Rfc5869Case cases[] = {
        {"case 1", repeated(0x0b, 22), ascending(0x00, 0x0c), ascending(0xf0, 0xf9), 42,
         QByteArrayLiteral(
             "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")},
        {"case 2", ascending(0x00, 0x4f), ascending(0x60, 0xaf), ascending(0xb0, 0xff), 82,
         QByteArrayLiteral("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                           "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                           "cc30c58179ec3e87c14c01d5c1f3434f1d87")},
        {"case 3", repeated(0x0b, 22), QByteArray(), QByteArray(), 42,
         QByteArrayLiteral(
             "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")},
    };
    for (const Rfc5869Case &test : cases) {
        auto okm = Hkdf::sha256(test.inputKey, test.salt, test.info, test.length);
        ASSERT_TRUE(okm.has_value()) << test.name;
        EXPECT_EQ(QByteArray(okm->data(), okm->size()).toHex(), test.expectedHex) << test.name;
    }
}

TEST(Hkdf, DifferentInfoGivesUnrelatedKeys)
{
    const QByteArray key = repeated(0x42, 32);
    auto first = Hkdf::sha256(key, {}, "quotawatch destination binding v1", 32);
    auto second = Hkdf::sha256(key, {}, "quotawatch destination binding v2", 32);
    ASSERT_TRUE(first && second);
    EXPECT_NE(first->view(), second->view());
    EXPECT_EQ(first->size(), 32);
}

TEST(Hkdf, RefusesLengthsTheRfcDoesNotAllow)
{
    for (qsizetype length : {qsizetype(0), qsizetype(-1), Hkdf::kMaxLength + 1}) {
        auto okm = Hkdf::sha256("key", {}, {}, length);
        ASSERT_FALSE(okm.has_value()) << length;
        EXPECT_EQ(okm.error().code, qw::ErrorCode::InvalidInput);
    }
    EXPECT_TRUE(Hkdf::sha256("key", {}, {}, Hkdf::kMaxLength).has_value());
}
