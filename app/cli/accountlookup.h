// What the `user` and `token` commands share: an account named on the command line (or the
// local owner), with an error that says where to look names up, and a password read from
// standard input, never argv.
#pragma once

#include "core/model/user.h"
#include "core/result.h"

#include <QString>

namespace qw {
class Session;
}

namespace qw::cli {

class CliContext;

class AccountLookup final
{
public:
    // The account called `name`; empty `name`: the local owner (made when missing).
    [[nodiscard]] static Result<User> find(Session &session, const QString &name);
    // A password from standard input (prompted without echo on a terminal). The caller wipes it.
    [[nodiscard]] static Result<QString> readPassword(CliContext &context, const QString &username,
                                                      const QString &command);
};

} // namespace qw::cli
