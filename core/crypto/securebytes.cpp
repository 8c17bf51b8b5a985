#include "core/crypto/securebytes.h"

#include <openssl/crypto.h>
#include <utility>

namespace qw {

SecureBytes::SecureBytes(QByteArray &&bytes)
    : m_bytes(std::move(bytes))
{
    // If the array was shared (implicit sharing) or wrapped raw data, detaching gives us a
    // private buffer, so wipe() later clears the only copy we are responsible for and never
    // scribbles over memory another QByteArray still uses.
    m_bytes.detach();
    // A moved-from QByteArray is already empty in Qt 6; clearing states the contract.
    bytes.clear();
}

SecureBytes SecureBytes::copyOf(QByteArrayView bytes)
{
    // QByteArray(const char *, qsizetype) always allocates a fresh, unshared buffer.
    return SecureBytes(QByteArray(bytes.data(), bytes.size()));
}

SecureBytes::SecureBytes(SecureBytes &&other) noexcept
    : m_bytes(std::move(other.m_bytes))
{
    // QByteArray's move constructor leaves the source null; make that explicit so a
    // moved-from SecureBytes is guaranteed empty.
    other.m_bytes = QByteArray();
}

SecureBytes &SecureBytes::operator=(SecureBytes &&other) noexcept
{
    if (this != &other) {
        wipe();
        // QByteArray's move assignment swaps; after wipe() ours is null, so `other` ends empty.
        m_bytes.swap(other.m_bytes);
        other.m_bytes = QByteArray();
    }
    return *this;
}

SecureBytes::~SecureBytes()
{
    wipe();
}

void SecureBytes::wipe()
{
    auto &d = m_bytes.data_ptr();
    // Only a buffer we own alone may be cleansed; the constructor detached it and we never
    // hand out a sharing copy, so this holds unless memory is corrupt.
    if (d.data() != nullptr && !d.needsDetach()) {
        // Cleanse the whole allocation, not just size(): bytes beyond size() (after a chop or
        // resize) and before data() can still hold earlier contents.
        char *begin = d.data() - d.freeSpaceAtBegin();
        const qsizetype length = d.freeSpaceAtBegin() + d.size + d.freeSpaceAtEnd();
        OPENSSL_cleanse(begin, static_cast<size_t>(length));
    }
    m_bytes = QByteArray();
}

} // namespace qw
