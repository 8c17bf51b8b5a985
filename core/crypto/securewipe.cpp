#include "core/crypto/securewipe.h"

#include <openssl/crypto.h>
#include <type_traits>

namespace qw {

namespace {

// QByteArray and QString share QArrayDataPointer; only a buffer we own alone is cleansed.
template<typename Data> void cleanseAllocation(Data &d)
{
    if (d.data() == nullptr || d.needsDetach())
        return;
    using Unit = std::remove_pointer_t<decltype(d.data())>;
    Unit *begin = d.data() - d.freeSpaceAtBegin();
    const qsizetype units = d.freeSpaceAtBegin() + d.size + d.freeSpaceAtEnd();
    OPENSSL_cleanse(begin, static_cast<size_t>(units) * sizeof(Unit));
}

} // namespace

void secureWipe(QByteArray &bytes)
{
    cleanseAllocation(bytes.data_ptr());
}

void secureWipe(QString &text)
{
    cleanseAllocation(text.data_ptr());
}

} // namespace qw
