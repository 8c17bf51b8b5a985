// Overwrites plaintext secrets held in Qt strings with OPENSSL_cleanse (which the compiler may not
// optimise away, unlike memset), for buffers that cannot be a SecureBytes.
#pragma once

#include <QByteArray>
#include <QString>

namespace qw {

// Zeroes every byte of the array's allocation (also the spare room before and after its
// contents, which may hold earlier contents after a chop or resize); size() is unchanged, so
// callers that are done with the value clear() it afterwards. A buffer shared with another
// QByteArray (or raw data it does not own) is left as it is: writing through data() would
// detach and wipe only a fresh copy, and the other owner wipes the shared one itself.
void secureWipe(QByteArray &bytes);
// The same for a QString's UTF-16 buffer.
void secureWipe(QString &text);

} // namespace qw
