// Text a provider chose (error messages, units, currency names) made safe to store and show:
// control characters and bidirectional overrides removed, length capped. Applied once, where a
// check's outcome leaves the adapter framework, so no adapter has to remember it.
#pragma once

#include "adapters/balancereading.h"

#include <QString>

namespace qw {

class ProviderText final
{
public:
    // A whole message: our own explanation around the provider's words, which replyparsing
    // already cuts to 200 characters; this bounds what any adapter can store.
    static constexpr qsizetype kMaxMessageLength = 500;
    static constexpr qsizetype kMaxUnitLength = 16;

    // C0, DEL and C1 controls removed (line breaks and tabs become a space), and the
    // bidirectional controls U+061C, U+200E, U+200F, U+202A–U+202E and U+2066–U+2069 that can
    // make text read differently from what it is.
    [[nodiscard]] static QString stripped(const QString &text);
    // stripped(), then at most `maxLength` characters (an ellipsis marks the cut; a surrogate
    // pair is never split).
    [[nodiscard]] static QString clean(const QString &text, qsizetype maxLength);
    // Every provider-chosen string of an outcome: the error message, the unit and each balance's unit.
    static void clean(CheckOutcome &outcome);
};

} // namespace qw
