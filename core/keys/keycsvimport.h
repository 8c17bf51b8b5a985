// The desktop's CSV import: the rows of a file in the format of `quotawatch keys import` that are
// valid are stored together (KeyService::addAll, all of them or none), the others are reported
// by line with the reason, so one bad row does not hold back the rest of a spreadsheet.
#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QString>
#include <vector>

namespace qw {

class KeyService;
class PlatformRegistry;

struct KeyImportReport
{
    struct Skipped
    {
        int line = 0;
        QString reason; // English like the CLI's; never a value that could be the row's secret
    };
    std::vector<qint64> imported; // ids of the stored keys, in file order
    std::vector<Skipped> skipped;
};

class KeyCsvImport final
{
public:
    // Fails when the file as a whole cannot be read as keys, or storing fails (then nothing is
    // stored).
    [[nodiscard]] static Result<KeyImportReport> run(KeyService &keys, const PlatformRegistry &platforms,
                                                     QByteArrayView csvUtf8);
};

} // namespace qw
