// RFC 6901 JSON pointers ("/data/balance_infos/0/total_balance"), which custom endpoint
// definitions use to say where their numbers are.
#pragma once

#include <QJsonValue>
#include <QStringView>

namespace qw {

class JsonPointer final
{
public:
    // True for "" (the whole document) and "/"-separated tokens with valid ~0 / ~1 escapes.
    [[nodiscard]] static bool isValid(QStringView pointer);
    // The value the pointer names, or Undefined when it names nothing (or is invalid).
    [[nodiscard]] static QJsonValue resolve(const QJsonValue &document, QStringView pointer);
};

} // namespace qw
