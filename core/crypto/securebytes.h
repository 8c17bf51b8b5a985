// A byte buffer for secrets that is wiped with OPENSSL_cleanse when it goes away, and that can
// be moved but not copied, so a plaintext key exists in exactly one place for as long as needed.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace qw {

class SecureBytes final
{
public:
    SecureBytes() = default;
    // Takes over `bytes`; the caller's array is left empty. The data is detached first, so no
    // other QByteArray shares (and keeps) the plaintext.
    explicit SecureBytes(QByteArray &&bytes);
    static SecureBytes copyOf(QByteArrayView bytes);
    SecureBytes(SecureBytes &&other) noexcept;
    SecureBytes &operator=(SecureBytes &&other) noexcept;
    SecureBytes(const SecureBytes &) = delete;
    SecureBytes &operator=(const SecureBytes &) = delete;
    ~SecureBytes();

    [[nodiscard]] QByteArrayView view() const { return QByteArrayView(m_bytes); }
    [[nodiscard]] const char *data() const { return m_bytes.constData(); }
    [[nodiscard]] qsizetype size() const { return m_bytes.size(); }
    [[nodiscard]] bool isEmpty() const { return m_bytes.isEmpty(); }
    void wipe();

private:
    QByteArray m_bytes;
};

} // namespace qw
