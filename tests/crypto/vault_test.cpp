#include "core/crypto/vault.h"

#include <QChar>
#include <QDateTime>
#include <QString>
#include <cstdlib>
#include <gtest/gtest.h>

using qw::ErrorCode;
using qw::Fernet;
using qw::Vault;

namespace {

const QString kEllipsis = QString(QChar(0x2026));

Vault vaultWithNewKey()
{
    auto fernet = Fernet::fromKey(Fernet::generateKey().view());
    if (!fernet) {
        ADD_FAILURE() << "generated key refused: " << fernet.error().message.toStdString();
        std::abort();
    }
    return Vault(std::move(*fernet));
}

QString hint(const char *secret)
{
    return Vault::hintFor(QByteArrayView(secret));
}

} // namespace

TEST(Vault, RoundTrip)
{
    const Vault vault = vaultWithNewKey();
    const QByteArray secret("sk-or-v1-0123456789abcdef0123456789abcdef");
    const auto token = vault.encrypt(secret);
    ASSERT_TRUE(token.has_value()) << token.error().message.toStdString();
    EXPECT_FALSE(token->contains(secret));
    const auto plaintext = vault.decrypt(*token);
    ASSERT_TRUE(plaintext.has_value()) << plaintext.error().message.toStdString();
    EXPECT_EQ(plaintext->view(), QByteArrayView(secret));
}

TEST(Vault, RoundTripOfAnEmptySecret)
{
    const Vault vault = vaultWithNewKey();
    const auto token = vault.encrypt(QByteArrayView());
    ASSERT_TRUE(token.has_value());
    const auto plaintext = vault.decrypt(*token);
    ASSERT_TRUE(plaintext.has_value());
    EXPECT_TRUE(plaintext->isEmpty());
}

TEST(Vault, TokenFromAnotherMasterKeyIsAMismatch)
{
    const Vault mine = vaultWithNewKey();
    const Vault theirs = vaultWithNewKey();
    const auto token = theirs.encrypt("their secret");
    ASSERT_TRUE(token.has_value());
    const auto result = mine.decrypt(*token);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::MasterKeyMismatch);
    EXPECT_TRUE(result.error().message.contains(QLatin1String("master key")));
    EXPECT_FALSE(result.error().message.contains(QLatin1String("their secret")));
}

TEST(Vault, GarbageIsAMismatch)
{
    const Vault vault = vaultWithNewKey();
    for (const char *garbage : {"", "not a token", "gAAAAA=="}) {
        SCOPED_TRACE(garbage);
        const auto result = vault.decrypt(QByteArrayView(garbage));
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().code, ErrorCode::MasterKeyMismatch);
    }
}

TEST(VaultHint, ProviderPrefixAndLastFour)
{
    EXPECT_EQ(hint("sk-or-v1-0123456789abcdefxyz1"),
              QStringLiteral("sk-or-v1-") + kEllipsis + QStringLiteral("xyz1"));
    EXPECT_EQ(hint("sk-ant-admin01-0123456789abcdefWXYZ"),
              QStringLiteral("sk-ant-admin01-") + kEllipsis + QStringLiteral("WXYZ"));
    EXPECT_EQ(hint("sk-ant-api03-0123456789abcdefWXYZ"),
              QStringLiteral("sk-ant-api03-") + kEllipsis + QStringLiteral("WXYZ"));
    EXPECT_EQ(hint("xai-0123456789abcdefghijklmn"),
              QStringLiteral("xai-") + kEllipsis + QStringLiteral("klmn"));
    EXPECT_EQ(hint("sk-proj-0123456789abcdef9876"),
              QStringLiteral("sk-proj-") + kEllipsis + QStringLiteral("9876"));
    EXPECT_EQ(hint("gsk_0123456789abcdefABCD"), QStringLiteral("gsk_") + kEllipsis + QStringLiteral("ABCD"));
}

TEST(VaultHint, NoPrefixShowsOnlyTheTail)
{
    EXPECT_EQ(hint("0123456789abcdef0123456789abcdef"), kEllipsis + QStringLiteral("cdef"));
    // A separator after the 12th character is part of the secret, not a provider prefix.
    EXPECT_EQ(hint("0123456789abcdef-0123456789"), kEllipsis + QStringLiteral("6789"));
}

// Only a known provider prefix is shown: a separator early in a random key is part of the
// secret, and guessing a prefix from it used to show up to 8 leading characters of the key.
TEST(VaultHint, UnknownPrefixesStayHidden)
{
    EXPECT_EQ(hint("a1b2c3d4-0123456789abcdefWXYZ"), kEllipsis + QStringLiteral("WXYZ"));
    EXPECT_EQ(hint("Xy7_0123456789abcdefWXYZ"), kEllipsis + QStringLiteral("WXYZ"));
    EXPECT_EQ(hint("abcdefghijk-0123456789abcdefWXYZ"), kEllipsis + QStringLiteral("WXYZ"));
    // A known prefix further in is not a prefix.
    EXPECT_EQ(hint("zzsk-or-v1-0123456789abcdefWXYZ"), kEllipsis + QStringLiteral("WXYZ"));
}

TEST(VaultHint, PrefixOnlyWhenEnoughStaysHidden)
{
    // "sk-" + 8 hidden + 4 shown: exactly enough.
    EXPECT_EQ(hint("sk-12345678WXYZ"), QStringLiteral("sk-") + kEllipsis + QStringLiteral("WXYZ"));
    // "sk-" + 7 hidden + 4 shown: the prefix would give away too much.
    EXPECT_EQ(hint("sk-1234567WXYZ"), kEllipsis + QStringLiteral("WXYZ"));
}

TEST(VaultHint, ShortSecretsShowLess)
{
    EXPECT_EQ(hint(""), kEllipsis);
    EXPECT_EQ(hint("abc"), kEllipsis);
    EXPECT_EQ(hint("abcde"), kEllipsis);
    EXPECT_EQ(hint("abcdef"), kEllipsis + QStringLiteral("ef"));
    EXPECT_EQ(hint("sk-abcdefgh"), kEllipsis + QStringLiteral("gh"));    // 11 characters
    EXPECT_EQ(hint("abcdefghijkl"), kEllipsis + QStringLiteral("ijkl")); // 12 characters
}

// Whatever the secret, the hint is (a known provider prefix or nothing) + "…" +
// (at most 4 characters of the tail), and the hidden middle is never shorter than 8 characters
// when a prefix is shown.
TEST(VaultHint, NeverRevealsTheMiddle)
{
    const QByteArray alphabet("abcdefghijklmnopqrstuvwxyz0123456789-_");
    for (int length = 0; length <= 60; ++length) {
        for (int seed = 0; seed < 40; ++seed) {
            QByteArray secret;
            for (int i = 0; i < length; ++i)
                secret.append(alphabet.at((i * 7 + seed * 13 + (i * i * seed) % 11) % alphabet.size()));
            SCOPED_TRACE(secret.toStdString());
            const QString text = Vault::hintFor(secret);
            const qsizetype mark = text.indexOf(kEllipsis);
            ASSERT_GE(mark, 0);
            ASSERT_EQ(text.count(kEllipsis), 1);
            const QByteArray prefix = text.left(mark).toUtf8();
            const QByteArray tail = text.mid(mark + 1).toUtf8();

            EXPECT_LE(tail.size(), 4);
            EXPECT_TRUE(secret.endsWith(tail));
            if (length < 12) {
                EXPECT_LE(tail.size(), 2);
            }
            if (length < 6) {
                EXPECT_TRUE(tail.isEmpty());
            }

            EXPECT_TRUE(secret.startsWith(prefix));
            if (!prefix.isEmpty()) {
                EXPECT_TRUE(Vault::knownHintPrefixes().contains(QString::fromUtf8(prefix)));
                EXPECT_GE(length - prefix.size() - tail.size(), 8);
            }
        }
    }
}

// Secrets at rest were stored at some time by some machine: neither their age nor another
// machine's clock running ahead may make them unreadable.
TEST(Vault, DecryptsStoredSecretsWhateverTheirTimestamp)
{
    const qw::SecureBytes key = qw::Fernet::generateKey();
    auto fernet = qw::Fernet::fromKey(key.view());
    ASSERT_TRUE(fernet);
    const qw::Vault vault(*qw::Fernet::fromKey(key.view()));
    const QByteArray iv(16, '\x07');
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (qint64 stamp : {qint64(0), now - 10LL * 365 * 86400, now + 3600, now + 5LL * 365 * 86400}) {
        auto token = fernet->encrypt("sk-secret", stamp, iv);
        ASSERT_TRUE(token);
        // Plain Fernet refuses the future-dated ones...
        if (stamp > now + 60) {
            EXPECT_FALSE(fernet->decrypt(*token));
        }
        // ...the vault reads them all.
        auto plain = vault.decrypt(*token);
        ASSERT_TRUE(plain) << stamp;
        EXPECT_EQ(plain->view(), QByteArrayView("sk-secret"));
    }
}
