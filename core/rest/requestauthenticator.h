// Who a request comes from: the account a bearer token (a login's JWT or a personal access
// token) stands for. An interface, so the server and its tests need not know how tokens work.
#pragma once

#include "core/model/user.h"
#include "core/result.h"

#include <QByteArray>

namespace qw::rest {

class RequestAuthenticator
{
public:
    virtual ~RequestAuthenticator() = default;
    // The account `token` (the text after "Bearer ") signs in as; Unauthorized otherwise, with a
    // message that names no part of the token.
    [[nodiscard]] virtual Result<User> authenticate(const QByteArray &token) = 0;
};

} // namespace qw::rest
