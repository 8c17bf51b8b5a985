// Accounts for the REST tests, made through the core as an administrator would (not by open
// registration, which closes after the first account) with a personal access token, so these
// tests do not depend on the login endpoint.
#pragma once

#include "core/session/session.h"

#include <QByteArray>
#include <gtest/gtest.h>

namespace qw::test {

struct TestAccount
{
    qint64 id = 0;
    QByteArray token; // a personal access token, for "Authorization: Bearer"
};

// Adds `username` (or, when it exists, uses it) and creates a token for it.
inline TestAccount makeAccount(Session &session, const QString &username)
{
    TestAccount account;
    auto existing = session.accounts().findByName(username);
    if (existing) {
        account.id = existing->id;
    } else {
        auto user = session.accounts().addUser(username, QStringLiteral("correct horse battery"), false);
        EXPECT_TRUE(user) << (user ? "" : user.error().message.toStdString());
        if (!user)
            return account;
        account.id = user->id;
    }
    auto token = session.accounts().createToken(account.id, QStringLiteral("tests"));
    EXPECT_TRUE(token) << (token ? "" : token.error().message.toStdString());
    if (token)
        account.token = token->token.toUtf8();
    return account;
}

} // namespace qw::test
