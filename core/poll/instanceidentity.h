// Who this process is among the instances (desktops, `serve`) sharing one database: a readable
// name, unique per process, that leases and "last checked by" record, such as
// "serve@build-01:4711-3fa2". The random suffix keeps it unique when a pid is reused, on another
// host with the same name or after a restart.
#pragma once

#include <QString>

namespace qw {

class InstanceIdentity final
{
public:
    // "<role>@<host>:<pid>-<4 random hex digits>".
    [[nodiscard]] static InstanceIdentity create(const QString &role);
    // The role of this process: "desktop" under a GUI application, "serve" when `serve` is among
    // its arguments, otherwise "cli" (a one-shot command, which never leases keys).
    [[nodiscard]] static QString roleOfThisProcess();

    [[nodiscard]] const QString &name() const { return m_name; }

private:
    explicit InstanceIdentity(QString name)
        : m_name(std::move(name))
    {}

    QString m_name;
};

} // namespace qw
