#include "core/analytics/downsampling.h"

#include <cmath>

namespace qw {

std::vector<BalancePoint> Downsampling::lttb(std::span<const BalancePoint> points, std::size_t threshold)
{
    if (threshold < 3 || points.size() <= threshold)
        return {points.begin(), points.end()};

    std::vector<BalancePoint> sampled;
    sampled.reserve(threshold);
    sampled.push_back(points.front());
    // The points between first and last fall into threshold - 2 buckets.
    const double bucketSize = double(points.size() - 2) / double(threshold - 2);
    std::size_t previous = 0;
    for (std::size_t bucket = 0; bucket < threshold - 2; ++bucket) {
        const auto start = std::size_t(std::floor(double(bucket) * bucketSize)) + 1;
        const auto end =
            std::min(std::size_t(std::floor(double(bucket + 1) * bucketSize)) + 1, points.size() - 1);
        // The average of the next bucket is the third corner of the triangle.
        const auto nextStart = end;
        const auto nextEnd =
            std::min(std::size_t(std::floor(double(bucket + 2) * bucketSize)) + 1, points.size());
        double averageX = 0;
        double averageY = 0;
        for (std::size_t i = nextStart; i < nextEnd; ++i) {
            averageX += double(points[i].atMs);
            averageY += double(points[i].remainingMicros);
        }
        const double count = double(std::max<std::size_t>(1, nextEnd - nextStart));
        averageX /= count;
        averageY /= count;

        const double ax = double(points[previous].atMs);
        const double ay = double(points[previous].remainingMicros);
        double largestArea = -1;
        std::size_t chosen = start;
        for (std::size_t i = start; i < end; ++i) {
            const double area = std::fabs((ax - averageX) * (double(points[i].remainingMicros) - ay) -
                                          (ax - double(points[i].atMs)) * (averageY - ay));
            if (area > largestArea) {
                largestArea = area;
                chosen = i;
            }
        }
        sampled.push_back(points[chosen]);
        previous = chosen;
    }
    sampled.push_back(points.back());
    return sampled;
}

} // namespace qw
