#include "core/rest/bearerauthenticator.h"

#include "core/crypto/tokenhasher.h"
#include "core/session/session.h"

namespace qw::rest {

Result<User> BearerAuthenticator::authenticate(const QByteArray &token)
{
    const QString text = QString::fromLatin1(token);
    if (text.startsWith(QLatin1String(TokenHasher::kPrefix)))
        return m_session.accounts().authenticateToken(text);
    auto tokens = m_session.loginTokens();
    if (!tokens)
        return tl::unexpected(tokens.error());
    return (*tokens)->verify(token);
}

} // namespace qw::rest
