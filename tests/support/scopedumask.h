// Sets the process umask for one test and puts the old one back, so that the modes of the files
// a test makes QuotaWatch create are decided by QuotaWatch and not by how the test runner
// happened to be started. Unix only.
#pragma once

#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <sys/stat.h>

namespace qw::test {

class ScopedUmask final
{
public:
    explicit ScopedUmask(mode_t mask)
        : m_previous(::umask(mask))
    {}
    ~ScopedUmask() { ::umask(m_previous); }
    ScopedUmask(const ScopedUmask &) = delete;
    ScopedUmask &operator=(const ScopedUmask &) = delete;

private:
    mode_t m_previous;
};

} // namespace qw::test
#endif
