#include "core/crypto/fernet.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QString>
#include <cstdlib>
#include <gtest/gtest.h>
#include <limits>
#include <optional>

using qw::ErrorCode;
using qw::Fernet;

namespace {

// The key of the official vectors; any fixed valid key would do for the other tests.
const QByteArray kVectorKey("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=");
const QByteArray kOtherKey("k1q6bUBTE_3bJ3q0MSzqI3jWJ4HDKUGSPy91jB1GmdM=");

QJsonArray loadVectors(const QString &name)
{
    QFile file(QStringLiteral(QW_TEST_DATA_DIR "/fernet/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "cannot open " << file.fileName().toStdString();
        return {};
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray()) {
        ADD_FAILURE() << "cannot parse " << file.fileName().toStdString() << ": "
                      << error.errorString().toStdString();
        return {};
    }
    return document.array();
}

qint64 secondsOf(const QJsonValue &rfc3339)
{
    const QDateTime time = QDateTime::fromString(rfc3339.toString(), Qt::ISODate);
    EXPECT_TRUE(time.isValid()) << rfc3339.toString().toStdString();
    return time.toSecsSinceEpoch();
}

QByteArray ivOf(const QJsonValue &list)
{
    QByteArray iv;
    for (const QJsonValue &byte : list.toArray())
        iv.append(char(byte.toInt()));
    return iv;
}

QByteArray bytesOf(const QJsonValue &value)
{
    return value.toString().toUtf8();
}

// For the fixed keys of this file, which are known to be valid; a refusal is a broken build.
Fernet fernetFor(const QByteArray &key)
{
    auto fernet = Fernet::fromKey(key);
    if (!fernet) {
        ADD_FAILURE() << "key refused: " << fernet.error().message.toStdString();
        std::abort();
    }
    return std::move(*fernet);
}

QByteArray decodeToken(const QByteArray &token)
{
    return QByteArray::fromBase64(token, QByteArray::Base64UrlEncoding);
}

QByteArray encodeToken(const QByteArray &raw)
{
    return raw.toBase64(QByteArray::Base64UrlEncoding);
}

} // namespace

// --- Official spec vectors -------------------------------------------------------------------

TEST(FernetVectors, GenerateMatchesExactly)
{
    const QJsonArray cases = loadVectors(QStringLiteral("generate.json"));
    ASSERT_GT(cases.size(), 0);
    int index = 0;
    for (const QJsonValue &value : cases) {
        const QJsonObject c = value.toObject();
        SCOPED_TRACE(QStringLiteral("generate.json case %1 (src \"%2\")")
                         .arg(index++)
                         .arg(c.value(QStringLiteral("src")).toString())
                         .toStdString());
        auto fernet = Fernet::fromKey(bytesOf(c.value(QStringLiteral("secret"))));
        ASSERT_TRUE(fernet.has_value()) << fernet.error().message.toStdString();
        const auto token =
            fernet->encrypt(bytesOf(c.value(QStringLiteral("src"))),
                            secondsOf(c.value(QStringLiteral("now"))), ivOf(c.value(QStringLiteral("iv"))));
        ASSERT_TRUE(token.has_value()) << token.error().message.toStdString();
        EXPECT_EQ(*token, bytesOf(c.value(QStringLiteral("token"))));
    }
}

TEST(FernetVectors, VerifyDecryptsToSource)
{
    const QJsonArray cases = loadVectors(QStringLiteral("verify.json"));
    ASSERT_GT(cases.size(), 0);
    int index = 0;
    for (const QJsonValue &value : cases) {
        const QJsonObject c = value.toObject();
        SCOPED_TRACE(QStringLiteral("verify.json case %1 (src \"%2\")")
                         .arg(index++)
                         .arg(c.value(QStringLiteral("src")).toString())
                         .toStdString());
        auto fernet = Fernet::fromKey(bytesOf(c.value(QStringLiteral("secret"))));
        ASSERT_TRUE(fernet.has_value()) << fernet.error().message.toStdString();
        const auto plaintext = fernet->decrypt(bytesOf(c.value(QStringLiteral("token"))),
                                               c.value(QStringLiteral("ttl_sec")).toInteger(),
                                               secondsOf(c.value(QStringLiteral("now"))));
        ASSERT_TRUE(plaintext.has_value()) << plaintext.error().message.toStdString();
        EXPECT_EQ(plaintext->view(), QByteArrayView(bytesOf(c.value(QStringLiteral("src")))));
    }
}

TEST(FernetVectors, InvalidAreRefused)
{
    const QJsonArray cases = loadVectors(QStringLiteral("invalid.json"));
    ASSERT_GT(cases.size(), 0);
    for (const QJsonValue &value : cases) {
        const QJsonObject c = value.toObject();
        SCOPED_TRACE(c.value(QStringLiteral("desc")).toString().toStdString());
        auto fernet = Fernet::fromKey(bytesOf(c.value(QStringLiteral("secret"))));
        ASSERT_TRUE(fernet.has_value()) << fernet.error().message.toStdString();
        const auto plaintext = fernet->decrypt(bytesOf(c.value(QStringLiteral("token"))),
                                               c.value(QStringLiteral("ttl_sec")).toInteger(),
                                               secondsOf(c.value(QStringLiteral("now"))));
        ASSERT_FALSE(plaintext.has_value());
        EXPECT_EQ(plaintext.error().code, ErrorCode::Crypto);
        EXPECT_FALSE(plaintext.error().message.isEmpty());
    }
}

// --- Round trips -------------------------------------------------------------------------------

class FernetRoundTrip : public ::testing::TestWithParam<int>
{
};

TEST_P(FernetRoundTrip, DecryptsToTheSameBytes)
{
    const Fernet fernet = fernetFor(kVectorKey);
    QByteArray plaintext;
    for (int i = 0; i < GetParam(); ++i)
        plaintext.append(char((i * 37 + 11) & 0xff)); // every byte value, zeros included
    const auto token = fernet.encrypt(plaintext);
    ASSERT_TRUE(token.has_value()) << token.error().message.toStdString();
    // version + timestamp + iv + whole blocks (always at least one, for the padding) + mac
    const QByteArray raw = decodeToken(*token);
    EXPECT_EQ(raw.size(), 1 + 8 + 16 + (plaintext.size() / 16 + 1) * 16 + 32);
    EXPECT_EQ(quint8(raw.at(0)), 0x80);
    const auto decrypted = fernet.decrypt(*token);
    ASSERT_TRUE(decrypted.has_value()) << decrypted.error().message.toStdString();
    EXPECT_EQ(decrypted->view(), QByteArrayView(plaintext));
}

INSTANTIATE_TEST_SUITE_P(Sizes, FernetRoundTrip, ::testing::Values(0, 1, 15, 16, 17, 1000));

TEST(Fernet, TokenIsPaddedUrlSafeBase64)
{
    const Fernet fernet = fernetFor(kVectorKey);
    for (int length = 0; length < 8; ++length) {
        const auto token = fernet.encrypt(QByteArray(length, 'x'));
        ASSERT_TRUE(token.has_value());
        EXPECT_EQ(token->size() % 4, 0) << "Python's Fernet needs '=' padding";
        EXPECT_FALSE(token->contains('+'));
        EXPECT_FALSE(token->contains('/'));
    }
}

TEST(Fernet, RandomIvDiffersBetweenEncryptions)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const auto first = fernet.encrypt("same plaintext");
    const auto second = fernet.encrypt("same plaintext");
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(second.has_value());
    EXPECT_NE(*first, *second);
    EXPECT_NE(decodeToken(*first).mid(9, 16), decodeToken(*second).mid(9, 16));
}

TEST(Fernet, EncryptUsesTheCurrentTime)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const auto token = fernet.encrypt("now");
    const qint64 after = QDateTime::currentSecsSinceEpoch();
    ASSERT_TRUE(token.has_value());
    const QByteArray raw = decodeToken(*token);
    qint64 stamp = 0;
    for (int i = 1; i <= 8; ++i)
        stamp = (stamp << 8) | quint8(raw.at(i));
    EXPECT_GE(stamp, before);
    EXPECT_LE(stamp, after);
}

TEST(Fernet, DeterministicEncryptRefusesABadIv)
{
    const Fernet fernet = fernetFor(kVectorKey);
    EXPECT_FALSE(fernet.encrypt("x", 0, QByteArray(15, '\0')).has_value());
    EXPECT_FALSE(fernet.encrypt("x", 0, QByteArray(17, '\0')).has_value());
    EXPECT_TRUE(fernet.encrypt("x", 0, QByteArray(16, '\0')).has_value());
}

TEST(Fernet, TamperingWithAnyByteIsDetected)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const qint64 now = 1'700'000'000;
    const auto token = fernet.encrypt("tamper-evident secret", now, QByteArray(16, '\x5a'));
    ASSERT_TRUE(token.has_value());
    ASSERT_TRUE(fernet.decrypt(*token, std::nullopt, now).has_value());
    const QByteArray raw = decodeToken(*token);
    for (qsizetype i = 0; i < raw.size(); ++i) {
        for (const char bit : {char(0x01), char(0x80)}) {
            SCOPED_TRACE(testing::Message() << "byte " << i << " xor " << int(quint8(bit)));
            QByteArray changed = raw;
            changed[i] = char(changed.at(i) ^ bit);
            const auto result = fernet.decrypt(encodeToken(changed), std::nullopt, now);
            ASSERT_FALSE(result.has_value());
            EXPECT_EQ(result.error().code, ErrorCode::Crypto);
        }
    }
}

TEST(Fernet, TruncatedOrExtendedTokensAreRefused)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const auto token = fernet.encrypt("a secret");
    ASSERT_TRUE(token.has_value());
    const QByteArray raw = decodeToken(*token);
    for (qsizetype length = 0; length < raw.size(); ++length) {
        SCOPED_TRACE(testing::Message() << "length " << length);
        EXPECT_FALSE(fernet.decrypt(encodeToken(raw.first(length))).has_value());
    }
    EXPECT_FALSE(fernet.decrypt(encodeToken(raw + QByteArray(16, '\0'))).has_value());
    EXPECT_FALSE(fernet.decrypt(QByteArray()).has_value());
}

TEST(Fernet, WrongVersionIsRefusedEvenWithAValidMac)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const auto token = fernet.encrypt("x");
    ASSERT_TRUE(token.has_value());
    QByteArray raw = decodeToken(*token);
    raw[0] = char(0x81);
    // Re-sign with the real signing key (Qt's HMAC, independent of the code under test), so
    // only the version byte is wrong.
    const QByteArray signingKey = decodeToken(kVectorKey).first(16);
    const QByteArray body = raw.first(raw.size() - 32);
    raw = body + QMessageAuthenticationCode::hash(body, signingKey, QCryptographicHash::Sha256);
    const auto result = fernet.decrypt(encodeToken(raw));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::Crypto);
    // Control: the same re-signing with the right version byte is accepted.
    raw[0] = char(0x80);
    raw =
        raw.first(raw.size() - 32) +
        QMessageAuthenticationCode::hash(raw.first(raw.size() - 32), signingKey, QCryptographicHash::Sha256);
    EXPECT_TRUE(fernet.decrypt(encodeToken(raw)).has_value());
}

TEST(Fernet, WrongKeyIsRefused)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const Fernet other = fernetFor(kOtherKey);
    const auto token = fernet.encrypt("for the first key only");
    ASSERT_TRUE(token.has_value());
    const auto result = other.decrypt(*token);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::Crypto);
    EXPECT_FALSE(result.error().message.contains(QLatin1String("for the first key only")));
    EXPECT_FALSE(result.error().message.contains(QString::fromLatin1(kOtherKey)));
}

TEST(Fernet, TokenWithoutPaddingIsAccepted)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const auto token = fernet.encrypt("pad");
    ASSERT_TRUE(token.has_value());
    ASSERT_TRUE(token->endsWith('='));
    QByteArray unpadded = *token;
    while (unpadded.endsWith('='))
        unpadded.chop(1);
    const auto result = fernet.decrypt(unpadded);
    ASSERT_TRUE(result.has_value()) << result.error().message.toStdString();
    EXPECT_EQ(result->view(), QByteArrayView("pad"));
}

TEST(Fernet, TokenInStandardBase64IsRefused)
{
    const Fernet fernet = fernetFor(kVectorKey);
    // Find a token whose url-safe text has '-' or '_', then spell it with '+' and '/'.
    for (int attempt = 0; attempt < 200; ++attempt) {
        const auto token = fernet.encrypt("alphabet");
        ASSERT_TRUE(token.has_value());
        if (!token->contains('-') && !token->contains('_'))
            continue;
        QByteArray standard = *token;
        standard.replace('-', '+').replace('_', '/');
        EXPECT_FALSE(fernet.decrypt(standard).has_value());
        return;
    }
    FAIL() << "no token with '-' or '_' in 200 attempts";
}

TEST(Fernet, ExpiryIsEnforcedOnlyWithTtl)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const qint64 made = 1'600'000'000;
    const auto token = fernet.encrypt("aging", made, QByteArray(16, '\x01'));
    ASSERT_TRUE(token.has_value());
    EXPECT_TRUE(fernet.decrypt(*token, 10, made + 10).has_value());
    const auto expired = fernet.decrypt(*token, 10, made + 11);
    ASSERT_FALSE(expired.has_value());
    EXPECT_EQ(expired.error().code, ErrorCode::Crypto);
    // Without a ttl an old token stays valid (stored secrets never expire).
    EXPECT_TRUE(fernet.decrypt(*token, std::nullopt, made + 100'000'000).has_value());
}

TEST(Fernet, FarFutureTimestampIsAlwaysRefused)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const qint64 now = 1'600'000'000;
    const auto skewOk = fernet.encrypt("soon", now + 60, QByteArray(16, '\x02'));
    const auto skewBad = fernet.encrypt("later", now + 61, QByteArray(16, '\x02'));
    ASSERT_TRUE(skewOk.has_value());
    ASSERT_TRUE(skewBad.has_value());
    EXPECT_TRUE(fernet.decrypt(*skewOk, std::nullopt, now).has_value());
    EXPECT_FALSE(fernet.decrypt(*skewBad, std::nullopt, now).has_value());
    EXPECT_FALSE(fernet.decrypt(*skewBad, 1000, now).has_value());
    // A timestamp with the top bit set must not wrap around into the past.
    const auto huge = fernet.encrypt("huge", std::numeric_limits<qint64>::max(), QByteArray(16, '\x02'));
    ASSERT_TRUE(huge.has_value());
    EXPECT_FALSE(fernet.decrypt(*huge, 10, now).has_value());
}

TEST(Fernet, DefaultClockAcceptsAFreshToken)
{
    const Fernet fernet = fernetFor(kVectorKey);
    const auto token = fernet.encrypt("fresh");
    ASSERT_TRUE(token.has_value());
    const auto result = fernet.decrypt(*token, 60);
    ASSERT_TRUE(result.has_value()) << result.error().message.toStdString();
    EXPECT_EQ(result->view(), QByteArrayView("fresh"));
}

// --- Keys ----------------------------------------------------------------------------------------

TEST(FernetKey, GeneratedKeyIs44CharactersOf32Bytes)
{
    const qw::SecureBytes key = Fernet::generateKey();
    ASSERT_EQ(key.size(), 44);
    EXPECT_TRUE(key.view().endsWith('='));
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray(key.data(), key.size()),
                                                        QByteArray::Base64UrlEncoding |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    ASSERT_EQ(decoded.decodingStatus, QByteArray::Base64DecodingStatus::Ok);
    EXPECT_EQ(decoded.decoded.size(), 32);
    EXPECT_TRUE(Fernet::fromKey(key.view()).has_value());
}

TEST(FernetKey, GeneratedKeysDiffer)
{
    const qw::SecureBytes first = Fernet::generateKey();
    const qw::SecureBytes second = Fernet::generateKey();
    EXPECT_NE(first.view(), second.view());
}

TEST(FernetKey, KeyWithoutPaddingIsAccepted)
{
    QByteArray unpadded = kVectorKey;
    unpadded.chop(1);
    auto fernet = Fernet::fromKey(unpadded);
    ASSERT_TRUE(fernet.has_value()) << fernet.error().message.toStdString();
    // Same key: a token from the padded form decrypts with the unpadded one.
    const auto token = fernetFor(kVectorKey).encrypt("same key");
    ASSERT_TRUE(token.has_value());
    EXPECT_TRUE(fernet->decrypt(*token).has_value());
}

TEST(FernetKey, BadKeysAreRefused)
{
    const QByteArray thirtyOne = QByteArray(31, 'k').toBase64(QByteArray::Base64UrlEncoding);
    const QByteArray thirtyThree = QByteArray(33, 'k').toBase64(QByteArray::Base64UrlEncoding);
    const QByteArray sixteen = QByteArray(16, 'k').toBase64(QByteArray::Base64UrlEncoding);
    const QByteArray standardAlphabet = QByteArray(kVectorKey).replace('-', '+').replace('_', '/');
    const QByteArray badCases[] = {
        QByteArray(),
        QByteArray("not a key"),
        QByteArray("%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%="),
        thirtyOne,
        thirtyThree,
        sixteen,
        kVectorKey + "AAAA",
        kVectorKey.left(40),
        standardAlphabet,
        QByteArray(" ") + kVectorKey,
    };
    for (const QByteArray &key : badCases) {
        SCOPED_TRACE(key.toStdString());
        const auto result = Fernet::fromKey(key);
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().code, ErrorCode::Crypto);
        if (!key.isEmpty()) {
            EXPECT_FALSE(result.error().message.contains(QString::fromLatin1(key)));
        }
    }
}
