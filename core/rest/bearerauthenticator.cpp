#include "core/rest/bearerauthenticator.h"

#include "core/crypto/tokenhasher.h"
#include "core/session/session.h"

namespace qw::rest {

Result<User> BearerAuthenticator::authenticate(const QByteArray &token)
{
    const QString text = QString::fromLatin1(token);
    if (text.startsWith(QLatin1String(TokenHasher::kPrefix)))
        return m_session.accounts().authenticateToken(text);
    return fail(ErrorCode::Unauthorized, QStringLiteral("the access token is not valid"));
}

} // namespace qw::rest
