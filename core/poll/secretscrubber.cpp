#include "core/poll/secretscrubber.h"

#include "core/crypto/securewipe.h"

#include <QChar>
#include <algorithm>
#include <cstring>
#include <openssl/crypto.h>
#include <vector>

namespace qw {

namespace {

static_assert(SecretScrubber::kMinRun == sizeof(quint64), "windows are compared as 64-bit words");

quint64 window(const char *at)
{
    quint64 value = 0;
    std::memcpy(&value, at, sizeof value);
    return value;
}

// The secret's windows of kMinRun bytes, sorted for binary search. They are pieces of the
// secret, so they are wiped when the scan is done.
class Windows
{
public:
    explicit Windows(QByteArrayView secret)
    {
        if (secret.size() < SecretScrubber::kMinRun)
            return;
        m_windows.reserve(std::size_t(secret.size() - SecretScrubber::kMinRun + 1));
        for (qsizetype i = 0; i + SecretScrubber::kMinRun <= secret.size(); ++i)
            m_windows.push_back(window(secret.data() + i));
        std::sort(m_windows.begin(), m_windows.end());
    }
    ~Windows()
    {
        if (!m_windows.empty())
            OPENSSL_cleanse(m_windows.data(), m_windows.size() * sizeof(quint64));
    }
    Windows(const Windows &) = delete;
    Windows &operator=(const Windows &) = delete;

    [[nodiscard]] bool contains(const char *at) const
    {
        return std::binary_search(m_windows.begin(), m_windows.end(), window(at));
    }

private:
    std::vector<quint64> m_windows;
};

// Which bytes of `text` belong to a run of the secret (every window of kMinRun that is also one
// of the secret's), or to a whole occurrence of a secret shorter than that.
std::vector<bool> covered(QByteArrayView secret, QByteArrayView text)
{
    std::vector<bool> marks;
    const qsizetype shortest = std::min(secret.size(), SecretScrubber::kMinRun);
    if (secret.size() < SecretScrubber::kMinSecret || text.size() < shortest)
        return marks;
    const auto mark = [&](qsizetype from, qsizetype length) {
        if (marks.empty())
            marks.assign(std::size_t(text.size()), false);
        std::fill_n(marks.begin() + from, length, true);
    };
    if (secret.size() < SecretScrubber::kMinRun) {
        for (qsizetype at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.size()))
            mark(at, secret.size());
        return marks;
    }
    const Windows windows(secret);
    for (qsizetype i = 0; i + SecretScrubber::kMinRun <= text.size(); ++i) {
        if (windows.contains(text.data() + i))
            mark(i, SecretScrubber::kMinRun);
    }
    return marks;
}

} // namespace

SecretScrubber::SecretScrubber(QByteArrayView secret, const QString &replacement)
    : m_secret(secret)
    , m_replacement(replacement.toUtf8())
{
    const bool breaksJson = std::any_of(m_replacement.cbegin(), m_replacement.cend(), [](char c) {
        return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
    if (m_replacement.isEmpty() || breaksJson || !covered(m_secret, m_replacement).empty())
        m_replacement = QString(QChar(0x2026)).toUtf8();
}

bool SecretScrubber::finds(QByteArrayView text) const
{
    return !covered(m_secret, text).empty();
}

bool SecretScrubber::scrub(QByteArray &text, Numbers numbers) const
{
    const std::vector<bool> marks = covered(m_secret, text);
    if (marks.empty())
        return false;
    const auto isNumeric = [](char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    };
    QByteArray scrubbed;
    scrubbed.reserve(text.size());
    bool removed = false;
    for (qsizetype i = 0; i < text.size();) {
        if (!marks[std::size_t(i)]) {
            scrubbed += text.at(i++);
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && marks[std::size_t(end)])
            ++end;
        const QByteArrayView run(text.constData() + i, end - i);
        if (numbers == Numbers::Spare && std::all_of(run.begin(), run.end(), isNumeric)) {
            scrubbed += run;
        } else {
            scrubbed += m_replacement;
            removed = true;
        }
        i = end;
    }
    if (!removed)
        return false;
    secureWipe(text);
    text = std::move(scrubbed);
    return true;
}

bool SecretScrubber::scrub(QString &text) const
{
    QByteArray utf8 = text.toUtf8();
    if (!scrub(utf8))
        return false;
    secureWipe(text);
    text = QString::fromUtf8(utf8);
    return true;
}

} // namespace qw
