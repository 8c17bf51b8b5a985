#include "ui/format/checkerrortext.h"

#include "core/model/snapshot.h"
#include "ui/format/displayformat.h"

namespace qw::ui {

QString CheckErrorText::sentence(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Ok:
        return tr("The check worked.");
    case CheckStatus::AuthError:
        return tr("The provider refused the key.");
    case CheckStatus::RateLimited:
        return tr("The provider asked to wait before the next check.");
    case CheckStatus::NetworkError:
        return tr("The provider could not be reached.");
    case CheckStatus::ProviderError:
        return tr("The provider answered with an error.");
    case CheckStatus::ParseError:
        return tr("The provider's answer could not be read.");
    case CheckStatus::Unsupported:
        return tr("This key cannot report a balance.");
    case CheckStatus::IntegrityError:
        return tr("The key's stored address was changed outside QuotaWatch; nothing was sent.");
    }
    return {};
}

QString CheckErrorText::describe(CheckStatus status, const QString &error)
{
    const QString detail = error.simplified();
    if (detail.isEmpty())
        return sentence(status);
    QString said = detail;
    said[0] = said.at(0).toUpper();
    // The messages of checks are English (the CLI and the API print them too) and already name
    // the trouble; a translation leads with the status in its own words, English adds nothing.
    //: %1 is the kind of failure ("Key refused"), %2 the check's own English message. English
    //: shows the message alone, as it already says what went wrong.
    // Not arg(): with "%2" alone it would put the status where the message belongs.
    QString text = tr("%2", "failed check");
    text.replace(QLatin1String("%1"), DisplayFormat::checkStatus(status));
    return text.replace(QLatin1String("%2"), said);
}

QString CheckErrorText::describe(const Snapshot &snapshot)
{
    return describe(snapshot.status, snapshot.error);
}

} // namespace qw::ui
