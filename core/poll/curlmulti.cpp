#include "core/poll/curlmulti.h"

#include "core/poll/curlglobal.h"

#include <QSocketNotifier>
#include <QTimer>
#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace qw {

// The notifiers curl asked for on one socket; made when first needed, reused as the socket goes
// from writing the request to reading the answer.
struct CurlMulti::Watch
{
    QSocketNotifier *read = nullptr;  // child of the CurlMulti
    QSocketNotifier *write = nullptr; // child of the CurlMulti
};

CurlMulti::CurlMulti(Finished finished, QObject *parent)
    : QObject(parent)
    , m_finished(std::move(finished))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { act(CURL_SOCKET_TIMEOUT, 0); });
    if (!curlGlobalReady())
        return;
    m_multi = curl_multi_init();
    if (!m_multi)
        return;
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::onSocket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::onTimer);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
}

CurlMulti::~CurlMulti()
{
    // Closing the cached connections calls onSocket(CURL_POLL_REMOVE) for each: this object is
    // still whole here.
    if (m_multi)
        curl_multi_cleanup(m_multi);
    m_watches.clear(); // their notifiers are children, deleted with this
}

bool CurlMulti::add(CURL *easy)
{
    return m_multi && curl_multi_add_handle(m_multi, easy) == CURLM_OK;
}

void CurlMulti::remove(CURL *easy)
{
    if (m_multi)
        curl_multi_remove_handle(m_multi, easy);
}

int CurlMulti::onSocket(CURL *, curl_socket_t socket, int what, void *self, void *)
{
    static_cast<CurlMulti *>(self)->watch(socket, what);
    return 0;
}

int CurlMulti::onTimer(CURLM *, long timeoutMs, void *self)
{
    // Never act from inside curl: a timeout of 0 means "on the next turn".
    QTimer *timer = static_cast<CurlMulti *>(self)->m_timer;
    if (timeoutMs < 0)
        timer->stop();
    else
        timer->start(int(std::min<long>(timeoutMs, std::numeric_limits<int>::max())));
    return 0;
}

void CurlMulti::watch(curl_socket_t socket, int what)
{
    // A notifier that stops is disabled at once and deleted later: this may run inside its
    // own activated() signal, and a socket closed here may come back with the same number
    // before the event loop turns.
    const auto retire = [](QSocketNotifier *&notifier) {
        if (!notifier)
            return;
        notifier->setEnabled(false);
        notifier->deleteLater();
        notifier = nullptr;
    };
    if (what == CURL_POLL_REMOVE) {
        if (const auto it = m_watches.find(socket); it != m_watches.end()) {
            retire(it->second->read);
            retire(it->second->write);
            m_watches.erase(it);
        }
        return;
    }
    std::unique_ptr<Watch> &watch = m_watches[socket];
    if (!watch)
        watch = std::make_unique<Watch>();
    const auto follow = [this, socket](QSocketNotifier *&notifier, QSocketNotifier::Type type, bool wanted) {
        if (!wanted) {
            if (notifier)
                notifier->setEnabled(false);
            return;
        }
        if (!notifier) {
            notifier = new QSocketNotifier(qintptr(socket), type, this);
            const int events = type == QSocketNotifier::Read ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
            connect(notifier, &QSocketNotifier::activated, this,
                    [this, socket, events] { act(socket, events); });
        }
        notifier->setEnabled(true);
    };
    follow(watch->read, QSocketNotifier::Read, (what & CURL_POLL_IN) != 0);
    follow(watch->write, QSocketNotifier::Write, (what & CURL_POLL_OUT) != 0);
}

void CurlMulti::act(curl_socket_t socket, int events)
{
    if (!m_multi)
        return;
    int running = 0;
    curl_multi_socket_action(m_multi, socket, events, &running);
    reportFinished();
}

void CurlMulti::reportFinished()
{
    // Collected first: what curl_multi_info_read returns does not survive a remove, and the
    // owner removes (and may add) handles as it hears of them.
    std::vector<std::pair<CURL *, CURLcode>> ended;
    int left = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &left)) {
        if (message->msg == CURLMSG_DONE)
            ended.emplace_back(message->easy_handle, message->data.result);
    }
    for (const auto &[easy, result] : ended)
        m_finished(easy, result);
}

} // namespace qw
