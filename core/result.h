// Errors as values: every fallible operation in core returns Result<T>, so no exception
// crosses the Qt event loop and every caller decides what the user is told.
#pragma once

#include <QString>
#include <tl/expected.hpp>

namespace qw {

enum class ErrorCode
{
    InvalidInput,         // the user gave something we cannot use (bad flag value, bad file row)
    NotFound,             // an id or entry that does not exist
    Database,             // the database could not be opened, read or written
    DatabaseUnavailable,  // the database answers but cannot take writes now (disk full, locked)
    SchemaTooNew,         // the database was written by a newer QuotaWatch
    MasterKeyUnavailable, // neither the keychain nor QUOTAWATCH_MASTER_KEY gave a master key
    MasterKeyMismatch,    // the master key cannot decrypt what this database holds
    Crypto,               // a token failed authentication or could not be produced
    Io,                   // a file or stream could not be read or written
    Conflict,             // the name is taken (an account with that user name exists)
    Unauthorized,         // wrong credentials; the message never says which part was wrong
    Forbidden,            // allowed for nobody in this situation (registration closed, not an admin)
};

struct Error
{
    ErrorCode code;
    QString message; // one sentence a user can act on; never contains a secret
};

template<typename T> using Result = tl::expected<T, Error>;

[[nodiscard]] inline tl::unexpected<Error> fail(ErrorCode code, QString message)
{
    return tl::unexpected<Error>(Error{code, std::move(message)});
}

} // namespace qw
