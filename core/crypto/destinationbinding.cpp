#include "core/crypto/destinationbinding.h"

#include "core/crypto/vault.h"

#include <QJsonArray>
#include <QtEndian>
#include <algorithm>
#include <cmath>

namespace qw {

namespace {

// Every field is its length (4 bytes, big-endian) and its bytes: no separator a value could
// contain, so two different rows never encode alike.
void appendField(QByteArray &out, QByteArrayView field)
{
    char length[4];
    qToBigEndian(quint32(field.size()), length);
    out.append(length, 4);
    out.append(field);
}

void appendText(QByteArray &out, const QString &text)
{
    appendField(out, text.toUtf8());
}

void appendNumber(QByteArray &out, qint64 number)
{
    appendField(out, QByteArray::number(number));
}

// A JSON value with its type, objects with their members sorted by name: the same value gives
// the same bytes however it was written or read back (a port stored as 587 reads back as 587.0).
void appendJson(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        out.append('n');
        return;
    case QJsonValue::Bool:
        out.append('b');
        out.append(value.toBool() ? '1' : '0');
        return;
    case QJsonValue::Double: {
        out.append('d');
        const double number = value.toDouble();
        constexpr double kExactIntegers = 9007199254740992.0; // 2^53
        if (std::isfinite(number) && std::trunc(number) == number && std::abs(number) < kExactIntegers)
            appendNumber(out, qint64(number));
        else
            appendField(out, QByteArray::number(number, 'g', 17));
        return;
    }
    case QJsonValue::String:
        out.append('s');
        appendText(out, value.toString());
        return;
    case QJsonValue::Array: {
        out.append('a');
        const QJsonArray array = value.toArray();
        appendNumber(out, array.size());
        for (const QJsonValue &item : array)
            appendJson(out, item);
        return;
    }
    case QJsonValue::Object: {
        out.append('o');
        const QJsonObject object = value.toObject();
        QStringList names = object.keys();
        std::sort(names.begin(), names.end());
        appendNumber(out, names.size());
        for (const QString &name : std::as_const(names)) {
            appendText(out, name);
            appendJson(out, object.value(name));
        }
        return;
    }
    case QJsonValue::Undefined:
        out.append('u');
        return;
    }
}

} // namespace

QByteArray DestinationBinding::canonical(const ApiKey &key)
{
    QByteArray out;
    appendField(out, "api_key");
    appendNumber(out, key.userId);
    appendText(out, key.platform);
    appendText(out, key.baseUrl);
    appendJson(out, key.options);
    appendField(out, key.secretEnc);
    // The sealed options are request headers: they go where the secret goes.
    appendField(out, key.secretOptionsEnc);
    return out;
}

QByteArray DestinationBinding::canonical(const Channel &channel)
{
    QByteArray out;
    appendField(out, "channel");
    appendNumber(out, channel.userId);
    appendText(out, toString(channel.kind));
    appendJson(out, channel.settings);
    appendField(out, channel.secretsEnc);
    return out;
}

Result<void> DestinationBinding::bind(ApiKey &key, const Vault &vault)
{
    auto binding = vault.bindingOf(canonical(key));
    if (!binding)
        return tl::unexpected(binding.error());
    key.binding = *binding;
    return {};
}

Result<void> DestinationBinding::bind(Channel &channel, const Vault &vault)
{
    auto binding = vault.bindingOf(canonical(channel));
    if (!binding)
        return tl::unexpected(binding.error());
    channel.binding = *binding;
    return {};
}

bool DestinationBinding::holds(const ApiKey &key, const Vault &vault)
{
    return vault.verifyBinding(canonical(key), key.binding);
}

bool DestinationBinding::holds(const Channel &channel, const Vault &vault)
{
    return vault.verifyBinding(canonical(channel), channel.binding);
}

QString DestinationBinding::keyFailure()
{
    return QStringLiteral("this key's destination was changed outside QuotaWatch; open it and enter its "
                          "secret again. Nothing was sent.");
}

Error DestinationBinding::channelFailure(const Channel &channel)
{
    return Error{ErrorCode::Crypto,
                 QStringLiteral("the destination of channel “%1” was changed outside QuotaWatch; nothing was "
                                "sent. Open it and enter its secrets again.")
                     .arg(channel.name)};
}

} // namespace qw
