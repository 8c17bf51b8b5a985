#include "core/keys/keycsvimport.h"

#include "core/keys/keyimporter.h"
#include "core/keys/keyservice.h"
#include "core/keys/keyvalidator.h"

namespace qw {

Result<KeyImportReport> KeyCsvImport::run(KeyService &keys, const PlatformRegistry &platforms,
                                          QByteArrayView csvUtf8)
{
    const KeyValidator validator(platforms);
    auto rows = KeyImporter(validator).parseRows(csvUtf8);
    if (!rows)
        return tl::unexpected(rows.error());
    KeyImportReport report;
    std::vector<PendingKey> pending;
    for (ImportRow &row : *rows) {
        if (row.key)
            pending.push_back(std::move(*row.key));
        else
            report.skipped.push_back({row.line, row.problem});
    }
    if (pending.empty())
        return report;
    auto ids = keys.addAll(pending);
    if (!ids)
        return tl::unexpected(ids.error());
    report.imported = std::move(*ids);
    return report;
}

} // namespace qw
