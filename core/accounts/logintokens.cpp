#include "core/accounts/logintokens.h"

#include "core/accounts/accountservice.h"
#include "core/clock.h"
#include "core/crypto/securewipe.h"
#include "core/crypto/vault.h"
#include "core/storage/settingsrepository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <cstdlib>
#include <jwt.h>
#include <openssl/rand.h>

namespace qw {

namespace {

// Far above any token we issue; a longer one is refused before it is parsed.
constexpr qsizetype kMaxTokenBytes = 4096;

Error invalidToken()
{
    return Error{ErrorCode::Unauthorized, QStringLiteral("the access token is not valid")};
}

using JwtPointer = std::unique_ptr<jwt_t, decltype(&jwt_free)>;

// libjwt decodes whatever algorithm the token's header names; only HS256 is ours, so the header
// is read first and anything else ("none" above all) is refused before libjwt sees it.
bool headerNamesHs256(QByteArrayView token)
{
    const qsizetype dot = token.indexOf('.');
    if (dot <= 0)
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(token.first(dot).toByteArray(),
                                                        QByteArray::Base64UrlEncoding |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    QJsonParseError error{};
    const QJsonDocument header = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !header.isObject())
        return false;
    return header.object().value(QStringLiteral("alg")).toString() == QLatin1String("HS256");
}

} // namespace

LoginTokens::LoginTokens(SecureBytes secret, const Clock &clock, AccountService &accounts)
    : m_secret(std::move(secret))
    , m_clock(clock)
    , m_accounts(accounts)
{}

Result<std::unique_ptr<LoginTokens>> LoginTokens::load(Database &db, const Vault &vault, const Clock &clock,
                                                       AccountService &accounts)
{
    SettingsRepository settings(db);
    const QString key = QLatin1String(kSecretSetting);
    auto stored = settings.value(key);
    if (!stored)
        return tl::unexpected(stored.error());
    if (!*stored) {
        QByteArray fresh(kSecretBytes, Qt::Uninitialized);
        if (RAND_bytes(reinterpret_cast<unsigned char *>(fresh.data()), int(fresh.size())) != 1)
            return fail(ErrorCode::Crypto,
                        QStringLiteral("no signing secret for login tokens could be made"));
        auto encrypted = vault.encrypt(fresh);
        secureWipe(fresh);
        if (!encrypted)
            return tl::unexpected(encrypted.error());
        // Another process may have stored one meanwhile; whichever came first is everyone's.
        if (auto inserted = settings.insertIfAbsent(key, QString::fromLatin1(*encrypted)); !inserted)
            return tl::unexpected(inserted.error());
        stored = settings.value(key);
        if (!stored)
            return tl::unexpected(stored.error());
        if (!*stored)
            return fail(ErrorCode::Database,
                        QStringLiteral("the signing secret for login tokens was not stored"));
    }
    auto secret = vault.decrypt((*stored)->toLatin1());
    if (!secret)
        return tl::unexpected(secret.error());
    if (secret->size() != kSecretBytes)
        return fail(ErrorCode::Crypto,
                    QStringLiteral("the stored signing secret for login tokens is damaged"));
    return std::make_unique<LoginTokens>(std::move(*secret), clock, accounts);
}

Result<LoginTokens::Issued> LoginTokens::issue(const User &user, qint64 lifetimeSeconds) const
{
    if (lifetimeSeconds <= 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("a login token must live at least one second"));
    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0)
        return fail(ErrorCode::Crypto, QStringLiteral("no login token could be made"));
    JwtPointer jwt(raw, &jwt_free);
    const qint64 now = m_clock.nowUtc().toSecsSinceEpoch();
    const QByteArray subject = QByteArray::number(user.id);
    const bool built =
        jwt_add_grant(jwt.get(), "sub", subject.constData()) == 0 &&
        jwt_add_grant(jwt.get(), "iss", kIssuer) == 0 &&
        jwt_add_grant_int(jwt.get(), "iat", long(now)) == 0 &&
        jwt_add_grant_int(jwt.get(), "exp", long(now + lifetimeSeconds)) == 0 &&
        jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char *>(m_secret.data()),
                    int(m_secret.size())) == 0;
    if (!built)
        return fail(ErrorCode::Crypto, QStringLiteral("no login token could be made"));
    char *encoded = jwt_encode_str(jwt.get());
    if (!encoded)
        return fail(ErrorCode::Crypto, QStringLiteral("no login token could be signed"));
    Issued issued{QString::fromLatin1(encoded), lifetimeSeconds};
    std::free(encoded); // libjwt allocates with malloc unless told otherwise
    return issued;
}

Result<User> LoginTokens::verify(QByteArrayView token) const
{
    if (token.isEmpty() || token.size() > kMaxTokenBytes || !headerNamesHs256(token))
        return tl::unexpected(invalidToken());
    const QByteArray terminated = token.toByteArray(); // libjwt wants a C string
    jwt_t *raw = nullptr;
    if (jwt_decode(&raw, terminated.constData(), reinterpret_cast<const unsigned char *>(m_secret.data()),
                   int(m_secret.size())) != 0 ||
        !raw)
        return tl::unexpected(invalidToken());
    JwtPointer jwt(raw, &jwt_free);
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return tl::unexpected(invalidToken());

    const char *issuer = jwt_get_grant(jwt.get(), "iss");
    if (!issuer || qstrcmp(issuer, kIssuer) != 0)
        return tl::unexpected(invalidToken());
    errno = 0;
    const long expires = jwt_get_grant_int(jwt.get(), "exp");
    if (errno != 0)
        return tl::unexpected(invalidToken());
    errno = 0;
    (void)jwt_get_grant_int(jwt.get(), "iat");
    if (errno != 0)
        return tl::unexpected(invalidToken());
    if (m_clock.nowUtc().toSecsSinceEpoch() >= qint64(expires))
        return tl::unexpected(invalidToken());

    const char *subject = jwt_get_grant(jwt.get(), "sub");
    bool numeric = false;
    const qint64 userId = subject ? QByteArray(subject).toLongLong(&numeric) : 0;
    if (!numeric || userId <= 0)
        return tl::unexpected(invalidToken());
    auto user = m_accounts.find(userId);
    if (!user) {
        if (user.error().code == ErrorCode::NotFound)
            return tl::unexpected(invalidToken());
        return tl::unexpected(user.error());
    }
    return user;
}

} // namespace qw
