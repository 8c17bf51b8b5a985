#include "core/rest/router.h"

namespace qw::rest {

namespace {

QStringList splitPath(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

bool isCapture(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}

} // namespace

void Router::add(Method method, const QString &pattern, Access access, Handler handler)
{
    m_routes.push_back(Route{method, pattern, splitPath(pattern), access, std::move(handler)});
}

std::vector<Router::RouteInfo> Router::routes() const
{
    std::vector<RouteInfo> infos;
    infos.reserve(m_routes.size());
    for (const Route &route : m_routes)
        infos.push_back(RouteInfo{route.method, route.pattern, route.access});
    return infos;
}

bool Router::matches(const Route &route, const QStringList &segments, QHash<QString, QString> *arguments)
{
    if (route.segments.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments[i];
        if (isCapture(expected)) {
            if (arguments)
                arguments->insert(expected.mid(1, expected.size() - 2), segments[i]);
        } else if (expected != segments[i]) {
            return false;
        }
    }
    return true;
}

Router::Match Router::match(Method method, const QString &path) const
{
    const QStringList segments = splitPath(path);
    Match result;
    for (const Route &route : m_routes) {
        if (!matches(route, segments, nullptr))
            continue;
        if (route.method == method) {
            result.route = &route;
            result.allowed.clear();
            (void)matches(route, segments, &result.arguments);
            return result;
        }
        result.allowed.append(route.method);
    }
    return result;
}

QByteArray Router::methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Post:
        return "POST";
    case Method::Head:
        return "HEAD";
    case Method::Options:
        return "OPTIONS";
    case Method::Patch:
        return "PATCH";
    case Method::Connect:
        return "CONNECT";
    case Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

} // namespace qw::rest
