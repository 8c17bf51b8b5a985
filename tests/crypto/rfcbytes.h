// The byte strings the RFC test vectors are built from (RFC 4231, RFC 5869): runs of one byte
// and ascending sequences.
#pragma once

#include <QByteArray>

namespace qw::test {

inline QByteArray repeated(int byte, int count)
{
    return QByteArray(count, char(byte));
}

inline QByteArray ascending(int first, int last)
{
    QByteArray out;
    for (int b = first; b <= last; ++b)
        out.append(char(b));
    return out;
}

} // namespace qw::test
