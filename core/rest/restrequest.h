// One HTTP request as a controller sees it: copied out of Qt's request so that a handler that
// answers later (a check in flight) can keep what it needs, with the path's {arguments} and, on
// a route that needs it, the account that signed in.
#pragma once

#include "core/model/user.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>
#include <optional>

namespace qw::rest {

using Method = QHttpServerRequest::Method;

struct RestRequest
{
    Method method = Method::Unknown;
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;
    QHash<QString, QString> pathArguments; // "{id}" in the route's pattern -> "id"
    std::optional<User> user;              // set on routes that need a signed-in account

    // The header's value (names compare case-insensitively, as HTTP says); empty when absent.
    [[nodiscard]] QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    // The path argument `name` as a positive id; nullopt when it is not one.
    [[nodiscard]] std::optional<qint64> idArgument(const QString &name = QStringLiteral("id")) const
    {
        bool ok = false;
        const qint64 id = pathArguments.value(name).toLongLong(&ok);
        if (!ok || id <= 0)
            return std::nullopt;
        return id;
    }
};

} // namespace qw::rest
