#include "ui/dialogs/settings/channelspage.h"

#include "core/alerts/channelconfig.h"
#include "core/session/session.h"
#include "ui/dialogs/channeleditordialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace qw::ui::settings {

ChannelsPage::ChannelsPage(Session &session, QWidget *parent)
    : SettingsPage(parent)
    , m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    m_channelsIntro = hintLabel(this);
    layout->addWidget(m_channelsIntro);

    auto *row = new QHBoxLayout;
    m_channels = new QTreeWidget(this);
    m_channels->setObjectName(QStringLiteral("channelList"));
    m_channels->setColumnCount(4);
    m_channels->setRootIsDecorated(false);
    m_channels->setUniformRowHeights(true);
    m_channels->setAllColumnsShowFocus(true);
    m_channels->setSelectionMode(QAbstractItemView::SingleSelection);
    m_channels->header()->setStretchLastSection(true);
    m_channels->header()->setSectionResizeMode(QHeaderView::Interactive);
    row->addWidget(m_channels, 1);

    auto *buttons = new QVBoxLayout;
    m_addChannel = new QPushButton(this);
    m_addChannel->setObjectName(QStringLiteral("addChannel"));
    m_editChannel = new QPushButton(this);
    m_editChannel->setObjectName(QStringLiteral("editChannel"));
    m_testChannel = new QPushButton(this);
    m_testChannel->setObjectName(QStringLiteral("testChannel"));
    m_removeChannel = new QPushButton(this);
    m_removeChannel->setObjectName(QStringLiteral("removeChannel"));
    for (QPushButton *button : {m_addChannel, m_editChannel, m_testChannel, m_removeChannel}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    row->addLayout(buttons);
    layout->addLayout(row, 1);

    m_channelStatus = new QLabel(this);
    m_channelStatus->setObjectName(QStringLiteral("channelStatus"));
    m_channelStatus->setWordWrap(true);
    m_channelStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_channelStatus->hide();
    layout->addWidget(m_channelStatus);

    connect(m_addChannel, &QPushButton::clicked, this, &ChannelsPage::addChannel);
    connect(m_editChannel, &QPushButton::clicked, this, &ChannelsPage::editChannel);
    connect(m_testChannel, &QPushButton::clicked, this, &ChannelsPage::testChannel);
    connect(m_removeChannel, &QPushButton::clicked, this, &ChannelsPage::removeChannel);
    connect(m_channels, &QTreeWidget::itemSelectionChanged, this, &ChannelsPage::updateChannelButtons);
    connect(m_channels, &QTreeWidget::itemDoubleClicked, this, &ChannelsPage::editChannel);
    connect(m_channels, &QTreeWidget::itemChanged, this, &ChannelsPage::channelItemChanged);

    retranslateUi();
}

ChannelsPage::~ChannelsPage() = default;

QString ChannelsPage::title() const
{
    return tr("Channels");
}

void ChannelsPage::retranslateUi()
{
    m_channelsIntro->setText(tr("Where alerts are sent. Changes on this page are saved right away. "
                                "Untick a channel to pause it."));
    m_channels->setHeaderLabels({tr("Name"), tr("Kind"), tr("Target"), tr("Alerts")});
    m_addChannel->setText(tr("A&dd…"));
    m_editChannel->setText(tr("&Edit…"));
    m_testChannel->setText(tr("Send &test"));
    m_removeChannel->setText(tr("&Remove"));
    // The kinds and events in the list are words of the language shown.
    reloadChannels();
}

void ChannelsPage::reloadChannels()
{
    const qint64 selected = selectedChannelId();
    m_reloadingChannels = true;
    m_channels->clear();
    auto channels = readChannels();
    if (!channels) {
        showChannelStatus(tr("The channels cannot be read: %1").arg(channels.error().message), true);
        m_reloadingChannels = false;
        updateChannelButtons();
        return;
    }
    const QStringList kindNames = {tr("E-mail"),   tr("Webhook"),       tr("Slack"),    tr("Discord"),
                                   tr("Telegram"), tr("Feishu / Lark"), tr("DingTalk"), tr("WeCom")};
    const QMap<QString, QString> eventNames = {
        {toString(AlertKind::LowBalance), tr("low balance")},
        {toString(AlertKind::KeyFailing), tr("key failing")},
        {toString(AlertKind::Recovered), tr("recovered")},
        {toString(AlertKind::TopUp), tr("top-up")},
        {toString(AlertKind::ForecastEmpty), tr("running dry soon")},
        {toString(AlertKind::SpendSpike), tr("spending spike")},
    };
    for (const Channel &channel : *channels) {
        QStringList events;
        const QJsonArray array = channel.settings.value(QLatin1String("events")).toArray();
        for (const QJsonValue &event : array)
            events << eventNames.value(event.toString(), event.toString());
        auto *item = new QTreeWidgetItem(m_channels);
        item->setText(0, channel.name);
        item->setText(1, kindNames.value(int(channel.kind)));
        item->setText(2, ChannelConfig::summary(channel));
        item->setText(3, events.isEmpty() ? tr("all") : events.join(tr(", ")));
        item->setData(0, Qt::UserRole, channel.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, channel.enabled ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(0, tr("Ticked: alerts are sent through this channel."));
        if (channel.id == selected)
            m_channels->setCurrentItem(item);
    }
    for (int column = 0; column < 3; ++column)
        m_channels->resizeColumnToContents(column);
    m_reloadingChannels = false;
    updateChannelButtons();
}

qint64 ChannelsPage::selectedChannelId() const
{
    const QList<QTreeWidgetItem *> items = m_channels->selectedItems();
    return items.isEmpty() ? 0 : items.constFirst()->data(0, Qt::UserRole).toLongLong();
}

void ChannelsPage::updateChannelButtons()
{
    const bool selected = selectedChannelId() != 0;
    m_editChannel->setEnabled(selected);
    m_testChannel->setEnabled(selected && !m_channelTestRunning);
    m_removeChannel->setEnabled(selected);
}

void ChannelsPage::addChannel()
{
    auto *editor = new ChannelEditorDialog(m_session, 0, this);
    connect(editor, &QDialog::finished, editor, &QObject::deleteLater);
    connect(editor, &ChannelEditorDialog::channelSaved, this, [this](qint64 id) {
        reloadChannels();
        for (int i = 0; i < m_channels->topLevelItemCount(); ++i) {
            if (m_channels->topLevelItem(i)->data(0, Qt::UserRole).toLongLong() == id)
                m_channels->setCurrentItem(m_channels->topLevelItem(i));
        }
        emit channelsChanged();
    });
    editor->open();
}

void ChannelsPage::editChannel()
{
    const qint64 id = selectedChannelId();
    if (id == 0)
        return;
    auto *editor = new ChannelEditorDialog(m_session, id, this);
    connect(editor, &QDialog::finished, editor, &QObject::deleteLater);
    connect(editor, &ChannelEditorDialog::channelSaved, this, [this] {
        reloadChannels();
        emit channelsChanged();
    });
    editor->open();
}

void ChannelsPage::testChannel()
{
    const qint64 id = selectedChannelId();
    if (id == 0 || m_channelTestRunning)
        return;
    auto found = readChannel(id);
    if (!found || !*found) {
        const QString message = found ? tr("This channel no longer exists.")
                                      : tr("The channel cannot be read: %1").arg(found.error().message);
        showChannelStatus(message, true);
        emit channelTestFinished(false, message);
        return;
    }
    const Channel channel = **found;
    m_channelTestRunning = true;
    updateChannelButtons();
    showChannelStatus(tr("Sending a test message through “%1”…").arg(channel.name), false);
    // The session's sender outlives this page: a reply after the dialog closed goes nowhere.
    m_session.channels().sendTest(
        channel, [self = QPointer<ChannelsPage>(this), name = channel.name](Result<void> result) {
            if (!self)
                return;
            self->finishTest(name, result);
        });
}

void ChannelsPage::finishTest(const QString &name, const Result<void> &result)
{
    m_channelTestRunning = false;
    updateChannelButtons();
    const QString message =
        result ? tr("A test message was sent through “%1”. Check that it arrived.").arg(name)
               : tr("The test message through “%1” was not sent: %2").arg(name, result.error().message);
    showChannelStatus(message, !result);
    emit channelTestFinished(result.has_value(), message);
}

void ChannelsPage::removeChannel()
{
    const QList<QTreeWidgetItem *> items = m_channels->selectedItems();
    if (items.isEmpty())
        return;
    const qint64 id = items.constFirst()->data(0, Qt::UserRole).toLongLong();
    const QString name = items.constFirst()->text(0);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Channel"),
                                tr("Remove the channel “%1”? Alerts waiting to be sent through it are "
                                   "dropped.")
                                    .arg(name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeChannelQuestion"));
    box->button(QMessageBox::Yes)->setText(tr("&Remove"));
    box->button(QMessageBox::Cancel)->setText(tr("Cancel"));
    box->setDefaultButton(QMessageBox::Cancel);
    // Not WA_DeleteOnClose: Qt 6.4's QMessageBox only hides itself when a button is clicked.
    connect(box, &QMessageBox::finished, box, &QObject::deleteLater);
    connect(box, &QMessageBox::finished, this, [this, id, name](int result) {
        if (result != QMessageBox::Yes)
            return;
        auto removed = deleteChannel(id);
        if (!removed) {
            showChannelStatus(tr("“%1” could not be removed: %2").arg(name, removed.error().message), true);
            return;
        }
        showChannelStatus(tr("Removed “%1”.").arg(name), false);
        reloadChannels();
        emit channelsChanged();
    });
    box->open();
}

void ChannelsPage::channelItemChanged(QTreeWidgetItem *item, int column)
{
    if (m_reloadingChannels || column != 0)
        return;
    const qint64 id = item->data(0, Qt::UserRole).toLongLong();
    const bool enabled = item->checkState(0) == Qt::Checked;
    if (auto changed = switchChannel(id, enabled); !changed) {
        showChannelStatus(tr("“%1” could not be switched: %2").arg(item->text(0), changed.error().message),
                          true);
        m_reloadingChannels = true;
        item->setCheckState(0, enabled ? Qt::Unchecked : Qt::Checked);
        m_reloadingChannels = false;
        return;
    }
    showChannelStatus(enabled
                          ? tr("“%1” sends alerts again.").arg(item->text(0))
                          : tr("“%1” is paused: it sends no alerts until ticked again.").arg(item->text(0)),
                      false);
    emit channelsChanged();
}

void ChannelsPage::showChannelStatus(const QString &text, bool error)
{
    showStatus(m_channelStatus, text, error);
}

Result<std::vector<Channel>> ChannelsPage::readChannels() const
{
    return m_session.channels().list();
}

Result<std::optional<Channel>> ChannelsPage::readChannel(qint64 id) const
{
    auto channel = m_session.channels().get(id);
    if (!channel && channel.error().code == ErrorCode::NotFound)
        return std::optional<Channel>();
    if (!channel)
        return tl::unexpected(channel.error());
    return std::optional<Channel>(std::move(*channel));
}

Result<void> ChannelsPage::deleteChannel(qint64 id)
{
    auto removed = m_session.channels().remove(id);
    if (!removed)
        return tl::unexpected(removed.error());
    return {};
}

Result<void> ChannelsPage::switchChannel(qint64 id, bool enabled)
{
    return m_session.channels().setEnabled(id, enabled);
}

} // namespace qw::ui::settings
