// Inflates a gzip or zlib ("deflate") HTTP body as it arrives, never producing more than the
// caller allows: the HTTP client's answer cap then holds on what a compressed answer becomes,
// not on what crossed the wire.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <memory>

struct z_stream_s;

namespace qw {

class Inflater final
{
public:
    enum class Outcome
    {
        Ok,
        TooLarge, // the output would pass the limit; what is in `out` stops below it
        Corrupt,  // not gzip / zlib data, or damaged
    };

    // For a Content-Encoding of gzip, x-gzip or deflate (zlib format, as HTTP means it).
    Inflater();
    ~Inflater();
    Inflater(const Inflater &) = delete;
    Inflater &operator=(const Inflater &) = delete;

    // Whether QuotaWatch inflates answers of this Content-Encoding.
    [[nodiscard]] static bool supports(QByteArrayView contentEncoding);

    // Inflates `input` onto `out`, stopping as soon as `out` would grow past `maxSize`. Works a
    // fixed-size block at a time, so a bomb costs no more memory than the limit.
    [[nodiscard]] Outcome inflate(QByteArrayView input, QByteArray &out, qint64 maxSize);

    // Whether the data so far ends a complete stream (a body cut short does not).
    [[nodiscard]] bool atEnd() const { return m_ended; }

private:
    std::unique_ptr<z_stream_s> m_stream;
    bool m_valid = false;
    bool m_ended = false;
};

} // namespace qw
