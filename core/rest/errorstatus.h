// The one table from a core error to the HTTP status a client gets, so every controller answers
// the same failure the same way (DESIGN.md style rule 10).
#pragma once

#include "core/result.h"

#include <QHttpServerResponder>

namespace qw::rest {

using StatusCode = QHttpServerResponder::StatusCode;

class ErrorStatus final
{
public:
    [[nodiscard]] static StatusCode of(ErrorCode code);
};

} // namespace qw::rest
