// One e-mail address as users type it ("Name <addr>", "addr"): its parts, and the address in
// the form that goes on the wire (ASCII local part, IDNA domain).
#pragma once

#include <QByteArray>
#include <QString>
#include <tl/expected.hpp>

namespace qw {

class Mailbox final
{
public:
    // "Name <addr>", "\"Name\" <addr>", "<addr>" or "addr".
    [[nodiscard]] static Mailbox parse(const QString &text);

    // The address of `mailbox` as it goes on the wire: the local part as is (ASCII only), the
    // domain in its ASCII (IDNA) form. Fails with a sentence naming `what` ("the sender address").
    [[nodiscard]] static tl::expected<QByteArray, QString> wireAddress(const QString &mailbox,
                                                                       const QString &what);

    QString name;
    QString address;
};

} // namespace qw
