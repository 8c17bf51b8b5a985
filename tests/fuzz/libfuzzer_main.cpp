// libFuzzer entry point for one platform, chosen at build time (QW_FUZZ_PLATFORM).
#include "tests/fuzz/adapterfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    qw::fuzz::runAdapter(QW_FUZZ_PLATFORM, data, size);
    return 0;
}
