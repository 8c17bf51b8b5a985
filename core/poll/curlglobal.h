// libcurl's process-wide setup, shared by everything that talks through libcurl (the HTTP client
// of the checks and webhooks, the SMTP transport).
#pragma once

namespace qw {

// Runs curl_global_init exactly once, whichever thread asks first, and says whether it worked.
// It is never undone: curl's global state lives until the process ends.
[[nodiscard]] bool curlGlobalReady();

} // namespace qw
