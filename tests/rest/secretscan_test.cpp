// The secret scan the end-to-end tests run over responses and logs: it must find a secret in the
// encodings a leak takes, wherever it sits, and stay quiet on text without it.
#include "tests/support/secretscan.h"

#include <QUrl>
#include <gtest/gtest.h>

namespace qw::test {
namespace {

const QByteArray kSecret = "sk-live-4f9a2b7c1d3e5f60";
const QByteArray kPassword = "correct horse/battery+staple";

TEST(SecretScan, FindsASecretAsIsAndPercentOrFormEncodedAndInAJsonString)
{
    EXPECT_FALSE(findSecrets({kSecret}, "token=" + kSecret + "&x=1").isEmpty());
    EXPECT_FALSE(findSecrets({kPassword}, "password=" + QUrl::toPercentEncoding(QString::fromUtf8(kPassword)))
                     .isEmpty());
    EXPECT_FALSE(findSecrets({kPassword}, "password=correct+horse%2Fbattery%2Bstaple").isEmpty());
    EXPECT_FALSE(findSecrets({"say \"hi\" now"}, R"({"detail":"say \"hi\" now"})").isEmpty());
}

TEST(SecretScan, FindsASecretBase64EncodedAtAnyOffsetInEitherAlphabet)
{
    for (const QByteArray &prefix : {QByteArray(), QByteArray("u"), QByteArray("us"), QByteArray("user:")}) {
        SCOPED_TRACE(prefix.toStdString());
        const QByteArray basic = "Authorization: Basic " + QByteArray(prefix + kPassword).toBase64();
        EXPECT_FALSE(findSecrets({kPassword}, basic).isEmpty());
        const QByteArray urlSafe =
            QByteArray(prefix + kPassword + "\xff\xfe").toBase64(QByteArray::Base64UrlEncoding);
        EXPECT_FALSE(findSecrets({kPassword}, urlSafe).isEmpty());
    }
}

TEST(SecretScan, NamesTheSecretByItsPlaceNotItsTextAndIsQuietWithoutIt)
{
    const QStringList findings = findSecrets({"unrelated-secret", kSecret}, "log: key " + kSecret);
    ASSERT_EQ(findings.size(), 1);
    EXPECT_TRUE(findings.first().startsWith(QLatin1String("secret #1 (plain)")));
    EXPECT_FALSE(findings.first().contains(QString::fromLatin1(kSecret)));
    EXPECT_TRUE(findSecrets({kSecret, kPassword}, R"({"hint":"…5f60","status":"ok"})").isEmpty());
    EXPECT_TRUE(holdsNoSecret({kSecret}, "nothing here", QStringLiteral("a body")));
    EXPECT_FALSE(holdsNoSecret({kSecret}, kSecret.toBase64(), QStringLiteral("a body")));
    // Too short to tell from chance: refused rather than passed.
    EXPECT_FALSE(findSecrets({"abc"}, "xyz").isEmpty());
}

} // namespace
} // namespace qw::test
