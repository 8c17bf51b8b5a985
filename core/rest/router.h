// The table of routes: a method and a path pattern ("/api/keys/{id}") to a handler, and whether
// the route needs a signed-in caller. Answers "no such path" (404) apart from "not with this
// method" (405, with the methods that would do), which Qt's own router cannot.
#pragma once

#include "core/rest/restreply.h"
#include "core/rest/restrequest.h"

#include <QStringList>
#include <functional>
#include <vector>

namespace qw::rest {

enum class Access
{
    Public,        // anyone, signed in or not
    Authenticated, // a valid bearer token (a login's or a personal access token)
};

class Router final
{
public:
    using Handler = std::function<void(const RestRequest &request, RestReply reply)>;

    struct Route
    {
        Method method;
        QString pattern;      // as given to add(): "/api/keys/{id}"
        QStringList segments; // "{name}" segments capture
        Access access;
        Handler handler;
    };

    // What a route is without its handler, for the test that holds the table and the OpenAPI
    // document to each other.
    struct RouteInfo
    {
        Method method;
        QString pattern;
        Access access;
    };

    struct Match
    {
        const Route *route = nullptr;      // null: nothing at this path, or not this method
        QHash<QString, QString> arguments; // the captured {segments}
        QList<Method> allowed;             // non-empty: the path exists with these methods
    };

    void add(Method method, const QString &pattern, Access access, Handler handler);
    [[nodiscard]] Match match(Method method, const QString &path) const;
    // Every route, in the order they were added.
    [[nodiscard]] std::vector<RouteInfo> routes() const;

    // "GET", "POST", ...
    [[nodiscard]] static QByteArray methodName(Method method);

private:
    [[nodiscard]] static bool matches(const Route &route, const QStringList &segments,
                                      QHash<QString, QString> *arguments);

    std::vector<Route> m_routes;
};

} // namespace qw::rest
