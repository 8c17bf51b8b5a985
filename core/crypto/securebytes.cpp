#include "core/crypto/securebytes.h"

#include "core/crypto/securewipe.h"

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
    // The constructor detached the buffer and we never hand out a sharing copy, so the whole
    // allocation (tail after a chop included) is ours to cleanse.
    secureWipe(m_bytes);
    m_bytes = QByteArray();
}

} // namespace qw
