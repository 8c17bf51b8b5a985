// The authenticator the API runs with: a personal access token (`qwp_...`) is looked up by its
// hash; anything else must be a login's JWT, verified by the session's token signer.
#pragma once

#include "core/rest/requestauthenticator.h"

namespace qw {
class Session;
}

namespace qw::rest {

class BearerAuthenticator final : public RequestAuthenticator
{
public:
    explicit BearerAuthenticator(Session &session)
        : m_session(session)
    {}
    [[nodiscard]] Result<User> authenticate(const QByteArray &token) override;

private:
    Session &m_session;
};

} // namespace qw::rest
