// Personal access tokens: shape, entropy, a stable hash that is not the token, and malformed
// tokens that hash to nothing.
#include "core/crypto/tokenhasher.h"

#include <QCryptographicHash>
#include <QStringList>
#include <gtest/gtest.h>

using qw::TokenHasher;

namespace {

TEST(TokenHasherTest, AFreshTokenIsPrefixedBase64UrlOf32BytesAndStoredAsItsSha256)
{
    auto fresh = TokenHasher::generate();
    ASSERT_TRUE(fresh);
    ASSERT_TRUE(fresh->token.startsWith(QLatin1String("qwp_")));
    const auto decoded = QByteArray::fromBase64Encoding(fresh->token.mid(4).toLatin1(),
                                                        QByteArray::Base64UrlEncoding |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded.decoded.size(), 32);
    EXPECT_EQ(fresh->hash,
              QString::fromLatin1(
                  QCryptographicHash::hash(fresh->token.toLatin1(), QCryptographicHash::Sha256).toHex()));
    EXPECT_EQ(TokenHasher::hashOf(fresh->token), fresh->hash);
    EXPECT_FALSE(fresh->hash.contains(fresh->token.mid(4)));
}

TEST(TokenHasherTest, TokensDiffer)
{
    auto a = TokenHasher::generate();
    auto b = TokenHasher::generate();
    ASSERT_TRUE(a && b);
    EXPECT_NE(a->token, b->token);
    EXPECT_NE(a->hash, b->hash);
    EXPECT_FALSE(TokenHasher::same(a->hash, b->hash));
    EXPECT_TRUE(TokenHasher::same(a->hash, a->hash));
}

TEST(TokenHasherTest, MalformedTokensHashToNothing)
{
    auto fresh = TokenHasher::generate();
    ASSERT_TRUE(fresh);
    const QStringList bad{QString(),
                          QStringLiteral("qwp_"),
                          fresh->token.mid(4),
                          QStringLiteral("xyz_") + fresh->token.mid(4),
                          fresh->token.chopped(2),
                          fresh->token + QStringLiteral("AA"),
                          QStringLiteral("qwp_!!!!")};
    for (const QString &token : bad)
        EXPECT_TRUE(TokenHasher::hashOf(token).isEmpty()) << token.toStdString();
    EXPECT_FALSE(TokenHasher::same(QString(), QString()));
}

} // namespace
