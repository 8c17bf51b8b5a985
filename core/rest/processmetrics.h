// The standard process_* figures every Prometheus exporter reports (memory, CPU time, start time,
// open files), read from /proc/self on Linux; elsewhere what the C library offers, the rest
// left out.
#pragma once

#include <optional>

namespace qw::rest {

struct ProcessMetrics
{
    std::optional<double> residentMemoryBytes;
    std::optional<double> cpuSeconds;
    std::optional<double> startTimeSeconds; // since the Unix epoch
    std::optional<double> openFds;

    [[nodiscard]] static ProcessMetrics read();
};

} // namespace qw::rest
