// The process exit codes every front end uses (the command line, `serve` and the desktop), as
// documented in the README, and the one mapping from an error's kind to its code.
#pragma once

#include "core/result.h"

namespace qw {

enum ExitCode : int
{
    kExitOk = 0,
    kExitCheckFailed = 1, // a check or test ran and did not succeed
    kExitUsage = 2,       // bad flag, bad value, unknown id, unreadable or invalid file
    kExitMasterKey = 3,   // no master key, or one that does not fit the database
    kExitDatabase = 4,    // the database cannot be opened, read or written
};

[[nodiscard]] constexpr ExitCode exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
    case ErrorCode::NotFound:
    case ErrorCode::Io:
    case ErrorCode::Conflict:
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden:
        return kExitUsage;
    case ErrorCode::MasterKeyUnavailable:
    case ErrorCode::MasterKeyMismatch:
    case ErrorCode::Crypto:
        return kExitMasterKey;
    case ErrorCode::Database:
    case ErrorCode::DatabaseUnavailable:
    case ErrorCode::SchemaTooNew:
        return kExitDatabase;
    }
    return kExitUsage;
}

} // namespace qw
