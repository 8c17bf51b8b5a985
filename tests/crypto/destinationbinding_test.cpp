// The destination binding: only the master key's holder makes one, it fits exactly the row it
// was made for, and any change to what decides where a secret goes breaks it.
#include "core/crypto/destinationbinding.h"
#include "core/crypto/hkdf.h"
#include "core/crypto/hmac.h"
#include "core/crypto/vault.h"

#include <QJsonArray>
#include <cstdlib>
#include <functional>
#include <gtest/gtest.h>

using namespace qw;

namespace {

const QByteArray kKeyText = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

Vault vaultOf(const QByteArray &key)
{
    auto fernet = Fernet::fromKey(key);
    if (!fernet) {
        ADD_FAILURE() << fernet.error().message.toStdString();
        std::abort();
    }
    return Vault(std::move(*fernet));
}

ApiKey sampleKey()
{
    ApiKey key;
    key.id = 7;
    key.userId = 1;
    key.name = QStringLiteral("prod");
    key.platform = QStringLiteral("openrouter");
    key.baseUrl = QStringLiteral("https://openrouter.ai/api/v1");
    key.secretEnc = "gAAAAABsample-token";
    key.options =
        QJsonObject{{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QStringLiteral("2")}};
    return key;
}

Channel sampleChannel()
{
    Channel channel;
    channel.userId = 1;
    channel.kind = ChannelKind::Email;
    channel.name = QStringLiteral("mail");
    channel.settings = QJsonObject{{QStringLiteral("host"), QStringLiteral("smtp.example.com")},
                                   {QStringLiteral("port"), 587},
                                   {QStringLiteral("security"), QStringLiteral("starttls")},
                                   {QStringLiteral("to"), QJsonArray{QStringLiteral("a@example.com")}}};
    channel.secretsEnc = "gAAAAABchannel-token";
    return channel;
}

} // namespace

TEST(VaultBinding, VerifiesOnlyWhatItMadeUnderTheSameMasterKey)
{
    const Vault vault = vaultOf(kKeyText);
    auto binding = vault.bindingOf("destination");
    ASSERT_TRUE(binding) << binding.error().message.toStdString();
    EXPECT_EQ(QByteArray::fromBase64(*binding).size(), Hmac::Sha256Size);
    EXPECT_EQ(*vault.bindingOf("destination"), *binding) << "deterministic";
    EXPECT_TRUE(vault.verifyBinding("destination", *binding));
    EXPECT_TRUE(vaultOf(kKeyText).verifyBinding("destination", *binding)) << "same key, another process";

    EXPECT_FALSE(vault.verifyBinding("destinatioN", *binding));
    EXPECT_FALSE(vault.verifyBinding("destination", QByteArray()));
    EXPECT_FALSE(vault.verifyBinding("destination", "not base64 !!"));
    EXPECT_FALSE(vault.verifyBinding("destination", binding->left(20)));
    QByteArray flipped = QByteArray::fromBase64(*binding);
    flipped[5] = char(flipped[5] ^ 1);
    EXPECT_FALSE(vault.verifyBinding("destination", flipped.toBase64()));

    const Vault other = vaultOf(Fernet::generateKey().view().toByteArray());
    EXPECT_FALSE(other.verifyBinding("destination", *binding));
}

// Not the master key (nor either of its Fernet halves) used as the HMAC key directly: the
// binding key is HKDF of the whole key under its own info string.
TEST(VaultBinding, UsesAKeyDerivedWithHkdf)
{
    const Vault vault = vaultOf(kKeyText);
    const QByteArray raw = QByteArray::fromBase64(kKeyText, QByteArray::Base64UrlEncoding);
    auto derived = Hkdf::sha256(raw, {}, Vault::kBindingInfo, Hmac::Sha256Size);
    ASSERT_TRUE(derived);
    auto expected = Hmac::sha256(derived->view(), "destination");
    ASSERT_TRUE(expected);
    EXPECT_EQ(*vault.bindingOf("destination"), expected->toBase64());
    EXPECT_NE(*vault.bindingOf("destination"), Hmac::sha256(raw, "destination")->toBase64());
}

TEST(DestinationBinding, EveryDestinationFieldOfAKeyIsBound)
{
    const Vault vault = vaultOf(kKeyText);
    ApiKey key = sampleKey();
    ASSERT_TRUE(DestinationBinding::bind(key, vault));
    EXPECT_TRUE(DestinationBinding::holds(key, vault));

    // What does not decide where the secret goes may change freely.
    ApiKey renamed = key;
    renamed.name = QStringLiteral("other");
    renamed.intervalS = 60;
    renamed.tags = QStringList{QStringLiteral("x")};
    renamed.id = 99;
    EXPECT_TRUE(DestinationBinding::holds(renamed, vault));

    const std::vector<std::pair<const char *, std::function<void(ApiKey &)>>> changes{
        {"base url", [](ApiKey &k) { k.baseUrl = QStringLiteral("http://127.0.0.1:9/api/v1"); }},
        {"base url emptied", [](ApiKey &k) { k.baseUrl.clear(); }},
        {"platform", [](ApiKey &k) { k.platform = QStringLiteral("deepseek"); }},
        {"option value", [](ApiKey &k) { k.options.insert(QStringLiteral("a"), QStringLiteral("3")); }},
        {"option added", [](ApiKey &k) { k.options.insert(QStringLiteral("c"), QStringLiteral("")); }},
        {"option removed", [](ApiKey &k) { k.options.remove(QStringLiteral("b")); }},
        {"secret token", [](ApiKey &k) { k.secretEnc = "gAAAAABother-token"; }},
        {"owner", [](ApiKey &k) { k.userId = 2; }},
        {"binding removed", [](ApiKey &k) { k.binding.clear(); }},
    };
    for (const auto &[what, change] : changes) {
        ApiKey changed = key;
        change(changed);
        EXPECT_FALSE(DestinationBinding::holds(changed, vault)) << what;
    }
}

// Length-prefixed fields: moving characters from one field to the next changes the encoding.
TEST(DestinationBinding, TheEncodingIsUnambiguous)
{
    ApiKey first = sampleKey();
    first.platform = QStringLiteral("ab");
    first.baseUrl = QStringLiteral("c");
    ApiKey second = sampleKey();
    second.platform = QStringLiteral("a");
    second.baseUrl = QStringLiteral("bc");
    EXPECT_NE(DestinationBinding::canonical(first), DestinationBinding::canonical(second));

    ApiKey nested = sampleKey();
    nested.options = QJsonObject{{QStringLiteral("a"), QStringLiteral("1b2")}};
    EXPECT_NE(DestinationBinding::canonical(nested), DestinationBinding::canonical(sampleKey()));

    // The order options were written in does not matter; their values' types do.
    ApiKey reordered = sampleKey();
    reordered.options =
        QJsonObject{{QStringLiteral("b"), QStringLiteral("2")}, {QStringLiteral("a"), QStringLiteral("1")}};
    EXPECT_EQ(DestinationBinding::canonical(reordered), DestinationBinding::canonical(sampleKey()));
    ApiKey typed = sampleKey();
    typed.options.insert(QStringLiteral("a"), 1);
    EXPECT_NE(DestinationBinding::canonical(typed), DestinationBinding::canonical(sampleKey()));
}

TEST(DestinationBinding, EveryDestinationFieldOfAChannelIsBound)
{
    const Vault vault = vaultOf(kKeyText);
    Channel channel = sampleChannel();
    ASSERT_TRUE(DestinationBinding::bind(channel, vault));
    EXPECT_TRUE(DestinationBinding::holds(channel, vault));

    // As stored and read back: the port comes back as a double.
    Channel reread = channel;
    reread.settings.insert(QStringLiteral("port"), 587.0);
    reread.name = QStringLiteral("renamed");
    reread.enabled = false;
    EXPECT_TRUE(DestinationBinding::holds(reread, vault));

    const std::vector<std::pair<const char *, std::function<void(Channel &)>>> changes{
        {"host", [](Channel &c) { c.settings.insert(QStringLiteral("host"), QStringLiteral("127.0.0.1")); }},
        {"port", [](Channel &c) { c.settings.insert(QStringLiteral("port"), 2525); }},
        {"security",
         [](Channel &c) { c.settings.insert(QStringLiteral("security"), QStringLiteral("none")); }},
        {"user", [](Channel &c) { c.settings.insert(QStringLiteral("user"), QStringLiteral("mallory")); }},
        {"recipient",
         [](Channel &c) {
             c.settings.insert(QStringLiteral("to"), QJsonArray{QStringLiteral("mallory@example.com")});
         }},
        {"kind", [](Channel &c) { c.kind = ChannelKind::Webhook; }},
        {"secrets token", [](Channel &c) { c.secretsEnc = "gAAAAABother"; }},
        {"owner", [](Channel &c) { c.userId = 3; }},
        {"binding removed", [](Channel &c) { c.binding.clear(); }},
    };
    for (const auto &[what, change] : changes) {
        Channel changed = channel;
        change(changed);
        EXPECT_FALSE(DestinationBinding::holds(changed, vault)) << what;
    }
}
