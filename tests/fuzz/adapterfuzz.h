// Feeds arbitrary bytes to an adapter as provider replies, the way libFuzzer drives a parse
// function: the first byte picks the HTTP status, the rest is the body of every reply the
// adapter's conversation asks for. Whatever the bytes, the adapter must end with a reading or a
// classified error, without crashing, hanging or asking for requests forever.
#pragma once

#include <cstddef>
#include <cstdint>

namespace qw::fuzz {

// Runs `platform`'s adapter over `data`; aborts (a finding) when the conversation breaks a rule.
void runAdapter(const char *platform, const std::uint8_t *data, std::size_t size);

} // namespace qw::fuzz
