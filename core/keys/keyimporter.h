// Reads keys from a CSV file with a header row: name, platform, secret, and optionally
// base_url, threshold, interval, options ("k=v;k=v"). Every row is validated before anything
// is returned; the first bad row is reported with its line number.
#pragma once

#include "core/keys/pendingkey.h"
#include "core/result.h"

#include <QByteArrayView>
#include <vector>

namespace qw {

class KeyValidator;

class KeyImporter final
{
public:
    explicit KeyImporter(const KeyValidator &validator)
        : m_validator(validator)
    {}

    [[nodiscard]] Result<std::vector<PendingKey>> parse(QByteArrayView csvUtf8) const;

private:
    const KeyValidator &m_validator;
};

} // namespace qw
