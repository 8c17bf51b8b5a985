#include "core/poll/inflater.h"

#include <zlib.h>

namespace qw {

namespace {

// 15: the largest window; +32: zlib detects the gzip or the zlib header by itself, so a server
// that labels one as the other still works.
constexpr int kWindowBits = 15 + 32;
constexpr qsizetype kBlock = 16 * 1024;

} // namespace

Inflater::Inflater()
    : m_stream(std::make_unique<z_stream_s>())
{
    *m_stream = z_stream_s{};
    m_valid = inflateInit2(m_stream.get(), kWindowBits) == Z_OK;
}

Inflater::~Inflater()
{
    if (m_valid)
        inflateEnd(m_stream.get());
}

bool Inflater::supports(QByteArrayView contentEncoding)
{
    const QByteArrayView name = contentEncoding.trimmed();
    return name.compare("gzip", Qt::CaseInsensitive) == 0 ||
           name.compare("x-gzip", Qt::CaseInsensitive) == 0 ||
           name.compare("deflate", Qt::CaseInsensitive) == 0;
}

Inflater::Outcome Inflater::inflate(QByteArrayView input, QByteArray &out, qint64 maxSize)
{
    if (!m_valid)
        return Outcome::Corrupt;
    z_stream_s &stream = *m_stream;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
    stream.avail_in = uInt(input.size());
    char block[kBlock];
    for (;;) {
        if (m_ended) {
            if (stream.avail_in == 0)
                return Outcome::Ok;
            // gzip allows several members one after the other; anything else is damage.
            if (inflateReset(&stream) != Z_OK)
                return Outcome::Corrupt;
            m_ended = false;
        }
        stream.next_out = reinterpret_cast<Bytef *>(block);
        stream.avail_out = uInt(kBlock);
        const int status = ::inflate(&stream, Z_NO_FLUSH);
        const qsizetype produced = kBlock - qsizetype(stream.avail_out);
        if (out.size() + produced > maxSize) {
            out.append(block, qsizetype(maxSize - out.size()));
            return Outcome::TooLarge;
        }
        out.append(block, produced);
        if (status == Z_STREAM_END) {
            m_ended = true;
            continue;
        }
        if (status == Z_BUF_ERROR) // nothing more to do until more input arrives
            return Outcome::Ok;
        if (status != Z_OK)
            return Outcome::Corrupt;
        if (stream.avail_in == 0 && stream.avail_out != 0)
            return Outcome::Ok;
    }
}

} // namespace qw
