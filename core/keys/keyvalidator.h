// Checks a KeyDraft against the platform registry and the limits of the data model.
#pragma once

#include "core/keys/keydraft.h"
#include "core/model/apikey.h"
#include "core/result.h"

#include <QByteArrayView>
#include <optional>

namespace qw {

class PlatformRegistry;

class KeyValidator final
{
public:
    explicit KeyValidator(const PlatformRegistry &platforms)
        : m_platforms(platforms)
    {}

    // Everything but the secret and the owner; messages name the field and what would work.
    // `field`, when given, is set to the draft's field that was refused ("name", "platform",
    // "base_url", "threshold", "tags", "interval", "options"), for front ends that point at it.
    [[nodiscard]] Result<ApiKey> validate(const KeyDraft &draft, QString *field = nullptr) const;

    // "2d", "48h", "90s", "30m", "2h30m", "1d12h" or a plain number of seconds, in seconds; nullopt
    // when the text is none of these. No limits: each setting checks its own range.
    [[nodiscard]] static std::optional<qint64> parseDuration(const QString &text);
    // parseDuration() within the model's limits for a key's check interval.
    [[nodiscard]] static Result<int> parseInterval(const QString &text);
    // The shortest form parseInterval() reads back: "90s", "30m", "2h".
    [[nodiscard]] static QString formatInterval(int seconds);
    // Empty secrets and secrets with line breaks or control characters are refused.
    [[nodiscard]] static std::optional<QString> checkSecret(QByteArrayView secret);
    // A stored key as the draft that validates back to it: where an edit starts from.
    [[nodiscard]] static KeyDraft draftOf(const ApiKey &key);
    // "k=v" pairs into a JSON object of strings; keys must be unique and non-empty.
    [[nodiscard]] static Result<QJsonObject> parseOptions(const QStringList &pairs);

private:
    const PlatformRegistry &m_platforms;
};

} // namespace qw
