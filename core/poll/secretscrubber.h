// Takes a key's secret out of what a provider sent back, before any adapter reads it: the whole
// secret and every run of 8 or more of its consecutive characters (a provider echoing
// "invalid key sk-abc...xyz1234" or a middle slice), so no part of the key long enough to
// matter reaches a message, the check history or a log, however the text is cut afterwards.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace qw {

class SecretScrubber final
{
public:
    // Runs this long or longer are removed; a shorter one may occur by chance in any text.
    static constexpr qsizetype kMinRun = 8;
    // Below this, a secret is too short to tell from chance and is left alone.
    static constexpr qsizetype kMinSecret = 4;

    // `secret` must outlive the scrubber. Each removed run becomes `replacement` (the key's hint,
    // such as "sk-…abcd"), or "…" when the hint would itself carry a run of the secret or a
    // character that could break the JSON it lands in.
    SecretScrubber(QByteArrayView secret, const QString &replacement);

    enum class Numbers
    {
        Scrub,
        // For a provider's answer: a run made only of characters of a number (digits, sign,
        // point, exponent) is left, since it cannot be told from an amount, and changing it
        // would change a balance ("quota": 12345678 against a key holding "0123456789").
        Spare,
    };

    // Replaces in place; true when anything was removed. A secret shorter than kMinRun is
    // removed only whole.
    bool scrub(QByteArray &text, Numbers numbers = Numbers::Scrub) const;
    bool scrub(QString &text) const;

    // Whether `text` holds the whole secret or a run of kMinRun of its characters.
    [[nodiscard]] bool finds(QByteArrayView text) const;

private:
    QByteArrayView m_secret;
    QByteArray m_replacement; // UTF-8
};

} // namespace qw
