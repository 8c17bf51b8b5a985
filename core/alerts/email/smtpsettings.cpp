#include "core/alerts/email/smtpsettings.h"

namespace qw {

QString toString(SmtpSecurity security)
{
    switch (security) {
    case SmtpSecurity::None:
        return QStringLiteral("none");
    case SmtpSecurity::StartTls:
        return QStringLiteral("starttls");
    case SmtpSecurity::Tls:
        return QStringLiteral("tls");
    }
    return QStringLiteral("starttls");
}

std::optional<SmtpSecurity> smtpSecurityFromString(QStringView text)
{
    for (const SmtpSecurity security : {SmtpSecurity::None, SmtpSecurity::StartTls, SmtpSecurity::Tls}) {
        if (text.compare(toString(security), Qt::CaseInsensitive) == 0)
            return security;
    }
    return std::nullopt;
}

} // namespace qw
