// Personal access tokens: 32 random bytes shown once as "qwp_" + base64url, stored only as their
// SHA-256. A token has full entropy, so unlike a password it needs no slow hash.
#pragma once

#include "core/result.h"

#include <QString>

namespace qw {

class TokenHasher final
{
public:
    struct Fresh
    {
        QString token; // shown to its owner once, never stored
        QString hash;  // what is stored and looked up
    };

    static constexpr auto kPrefix = "qwp_";

    [[nodiscard]] static Result<Fresh> generate();
    // The stored form of `token` (lower-case hex SHA-256), or an empty string when it is not
    // shaped like one of ours; so a malformed token is never looked up.
    [[nodiscard]] static QString hashOf(const QString &token);
    // Constant-time comparison of two stored forms.
    [[nodiscard]] static bool same(const QString &a, const QString &b);
};

} // namespace qw
