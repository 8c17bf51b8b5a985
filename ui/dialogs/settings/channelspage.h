// Settings, "Channels": where alerts are sent. Unlike the other pages, each add, edit, removal,
// test or switch is done at once, as the page says.
#pragma once

#include "core/model/channel.h"
#include "core/result.h"
#include "ui/dialogs/settings/settingspage.h"

#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace qw {
class Session;
}

namespace qw::ui {} // namespace qw::ui

namespace qw::ui::settings {

class ChannelsPage final : public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelsPage)

public:
    explicit ChannelsPage(Session &session, QWidget *parent = nullptr);
    ~ChannelsPage() override;

    [[nodiscard]] QString title() const override;

signals:
    // A test send finished (`message` is what the page shows).
    void channelTestFinished(bool ok, const QString &message);
    // Channels were added, edited, switched on or off, or removed.
    void channelsChanged();

protected:
    void retranslateUi() override;

private:
    void reloadChannels();
    [[nodiscard]] qint64 selectedChannelId() const;
    void updateChannelButtons();
    void addChannel();
    void editChannel();
    void testChannel();
    void finishTest(const QString &name, const Result<void> &result);
    void removeChannel();
    void channelItemChanged(QTreeWidgetItem *item, int column);
    void showChannelStatus(const QString &text, bool error);

    // The only places that reach the stored channels.
    [[nodiscard]] Result<std::vector<Channel>> readChannels() const;
    [[nodiscard]] Result<std::optional<Channel>> readChannel(qint64 id) const;
    [[nodiscard]] Result<void> deleteChannel(qint64 id);
    [[nodiscard]] Result<void> switchChannel(qint64 id, bool enabled);

    Session &m_session;
    bool m_channelTestRunning = false;
    bool m_reloadingChannels = false;

    QLabel *m_channelsIntro = nullptr;
    QTreeWidget *m_channels = nullptr;
    QPushButton *m_addChannel = nullptr;
    QPushButton *m_editChannel = nullptr;
    QPushButton *m_testChannel = nullptr;
    QPushButton *m_removeChannel = nullptr;
    QLabel *m_channelStatus = nullptr;
};

} // namespace qw::ui::settings
