// A libcurl multi handle driven by this thread's Qt event loop: curl says which sockets to
// watch and when to wake it (CURLMOPT_SOCKETFUNCTION / CURLMOPT_TIMERFUNCTION), QSocketNotifiers
// and one QTimer do the watching, and every transfer that ends is reported once. No thread of
// its own, no polling: an idle multi costs nothing.
#pragma once

#include <QObject>
#include <curl/curl.h>
#include <functional>
#include <memory>
#include <unordered_map>

class QTimer;

namespace qw {

class CurlMulti final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlMulti)

public:
    // Called for each easy handle that ended (completely, or with an error), after curl is done
    // with it for this turn and outside any curl callback, so it may remove the handle, set it up
    // again and add it back, or add others.
    using Finished = std::function<void(CURL *easy, CURLcode result)>;

    explicit CurlMulti(Finished finished, QObject *parent = nullptr);
    // The owner removes its easy handles first; what is left of the connection cache closes here.
    ~CurlMulti() override;

    // Starts the transfer on the next turn of the event loop. False when curl refuses the
    // handle (out of memory, or already added).
    [[nodiscard]] bool add(CURL *easy);
    // Stops a transfer at once, without reporting it. Not from inside a curl callback.
    void remove(CURL *easy);

    // Whether curl_global_init and curl_multi_init worked; without them nothing is sent.
    [[nodiscard]] bool isValid() const { return m_multi != nullptr; }

private:
    struct Watch;

    static int onSocket(CURL *easy, curl_socket_t socket, int what, void *self, void *socketData);
    static int onTimer(CURLM *multi, long timeoutMs, void *self);
    // Follows what curl wants to hear about `socket`: reading, writing, both, or nothing more.
    void watch(curl_socket_t socket, int what);
    // Tells curl what happened on `socket` (or that its timer ran out), then reports what ended.
    void act(curl_socket_t socket, int events);
    void reportFinished();

    Finished m_finished;
    CURLM *m_multi = nullptr;
    QTimer *m_timer = nullptr; // child of this
    std::unordered_map<curl_socket_t, std::unique_ptr<Watch>> m_watches;
};

} // namespace qw
