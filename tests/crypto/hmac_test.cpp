#include "core/crypto/hmac.h"
#include "tests/crypto/rfcbytes.h"

#include <gtest/gtest.h>

using qw::Hmac;

using qw::test::ascending;
using qw::test::repeated;

namespace {

struct Rfc4231Case
{
    const char *name;
    QByteArray key;
    QByteArray data;
    QByteArray expectedHex; // the RFC's HMAC-SHA-256 value (case 5: truncated to 128 bits)
};

} // namespace

// The test cases of RFC 4231, section 4, for HMAC-SHA-256.
TEST(Hmac, MatchesTheRfc4231TestVectors)
{
    const Rfc4231Case cases[] = {
        {"case 1", repeated(0x0b, 20), QByteArrayLiteral("Hi There"),
         QByteArrayLiteral("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")},
        {"case 2", QByteArrayLiteral("Jefe"), QByteArrayLiteral("what do ya want for nothing?"),
         QByteArrayLiteral("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")},
        {"case 3", repeated(0xaa, 20), repeated(0xdd, 50),
         QByteArrayLiteral("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")},
        {"case 4", ascending(0x01, 0x19), repeated(0xcd, 50),
         QByteArrayLiteral("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")},
        {"case 5", repeated(0x0c, 20), QByteArrayLiteral("Test With Truncation"),
         QByteArrayLiteral("a3b6167473100ee06e0c796c2955552b")},
        {"case 6", repeated(0xaa, 131),
         QByteArrayLiteral("Test Using Larger Than Block-Size Key - Hash Key First"),
         QByteArrayLiteral("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")},
        {"case 7", repeated(0xaa, 131),
         QByteArrayLiteral("This is a test using a larger than block-size key and a larger than block-size "
                           "data. The key needs to be hashed before being used by the HMAC algorithm."),
         QByteArrayLiteral("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")},
    };
    for (const Rfc4231Case &c : cases) {
        SCOPED_TRACE(c.name);
        const qw::Result<QByteArray> mac = Hmac::sha256(c.key, c.data);
        ASSERT_TRUE(mac) << mac.error().message.toStdString();
        EXPECT_EQ(mac->size(), Hmac::Sha256Size);
        EXPECT_EQ(mac->toHex().left(c.expectedHex.size()), c.expectedHex);
    }
}

// Feishu signs an empty message, and nothing forbids an empty key: both must give the real
// HMAC, not an error (EVP_MAC_init reads a null key as "no key given").
TEST(Hmac, AcceptsAnEmptyKeyAndAnEmptyMessage)
{
    const qw::Result<QByteArray> empty = Hmac::sha256({}, {});
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->toHex(),
              QByteArrayLiteral("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"));

    const qw::Result<QByteArray> noMessage = Hmac::sha256(QByteArrayLiteral("key"), {});
    ASSERT_TRUE(noMessage);
    EXPECT_EQ(noMessage->toHex(),
              QByteArrayLiteral("5d5d139563c95b5967b9bd9a8c9b233a9dedb45072794cd232dc1b74832607d0"));
}
