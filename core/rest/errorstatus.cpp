#include "core/rest/errorstatus.h"

namespace qw::rest {

StatusCode ErrorStatus::of(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return StatusCode::UnprocessableEntity;
    case ErrorCode::NotFound:
        return StatusCode::NotFound;
    case ErrorCode::Conflict:
        return StatusCode::Conflict;
    case ErrorCode::Unauthorized:
        return StatusCode::Unauthorized;
    case ErrorCode::Forbidden:
        return StatusCode::Forbidden;
    // The server's own trouble, never the client's: 503 when it may pass (the database or the
    // master key is unavailable), 500 otherwise.
    case ErrorCode::Database:
    case ErrorCode::DatabaseUnavailable:
    case ErrorCode::MasterKeyUnavailable:
    case ErrorCode::MasterKeyMismatch:
        return StatusCode::ServiceUnavailable;
    case ErrorCode::SchemaTooNew:
    case ErrorCode::Crypto:
    case ErrorCode::Io:
        return StatusCode::InternalServerError;
    }
    return StatusCode::InternalServerError;
}

} // namespace qw::rest
