// The operations core/rest/openapi.json documents whose routes are still being written on other
// branches (auth: register, login, me; keys, platforms, /metrics). The only place a documented
// operation may lack a route: openapi_test fails for any other gap and for an entry here that is
// routed by now, and serve_e2e_test expects 404 from an entry here instead of its real answer.
// Whoever merges the endpoints empties this list.
#pragma once

#include <QStringList>

namespace qw::test {

inline const QStringList kNotYetRouted{
    QStringLiteral("GET /api/platforms"),
    QStringLiteral("GET /api/keys"),
    QStringLiteral("POST /api/keys"),
    QStringLiteral("POST /api/keys/test"),
    QStringLiteral("GET /api/keys/{id}"),
    QStringLiteral("PATCH /api/keys/{id}"),
    QStringLiteral("DELETE /api/keys/{id}"),
    QStringLiteral("POST /api/keys/{id}/trigger-check"),
    QStringLiteral("GET /api/keys/{id}/balance-history"),
    QStringLiteral("GET /metrics"),
};

} // namespace qw::test
