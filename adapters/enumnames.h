// Tables of the stored spelling of an enumeration's values ({value, "name"} pairs), read both
// ways from one table so that the two directions cannot disagree.
#pragma once

#include <QLatin1String>
#include <QString>
#include <QStringView>
#include <array>
#include <optional>
#include <utility>

namespace qw {

template<typename Enum, std::size_t N>
[[nodiscard]] QString nameOf(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[candidate, name] : names) {
        if (candidate == value)
            return QLatin1String(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
[[nodiscard]] std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &names,
                                          QStringView text)
{
    for (const auto &[value, name] : names) {
        if (text == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

} // namespace qw
