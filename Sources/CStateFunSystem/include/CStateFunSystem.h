#ifndef C_STATEFUN_SYSTEM_H
#define C_STATEFUN_SYSTEM_H
// The platform seam's C side: headers Glibc's module map leaves out, and a few
// inline helpers for things Swift cannot express well (the packed, union-carrying
// `struct epoll_event`, and macro-valued flags).
#if defined(__linux__)
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// accept4 is declared only under _GNU_SOURCE; declare it here so the helper does not
// depend on how the system module was built.
extern int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags);

/// One readiness event in a layout Swift imports plainly (epoll_event is packed on x86_64).
typedef struct cstatefun_event {
    uint32_t events;
    uint64_t token;
} cstatefun_event;

static const uint32_t CSTATEFUN_EPOLLIN = EPOLLIN;
static const uint32_t CSTATEFUN_EPOLLOUT = EPOLLOUT;
static const uint32_t CSTATEFUN_EPOLLERR = EPOLLERR;
static const uint32_t CSTATEFUN_EPOLLHUP = EPOLLHUP;
static const uint32_t CSTATEFUN_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t CSTATEFUN_EPOLLEXCLUSIVE = EPOLLEXCLUSIVE;

/// Creates a close-on-exec epoll instance.
static inline int cstatefun_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

/// Adds, modifies or deletes `fd` with the given event mask and token.
static inline int cstatefun_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epfd, op, fd, &event);
}

static const int CSTATEFUN_EPOLL_CTL_ADD = EPOLL_CTL_ADD;
static const int CSTATEFUN_EPOLL_CTL_MOD = EPOLL_CTL_MOD;
static const int CSTATEFUN_EPOLL_CTL_DEL = EPOLL_CTL_DEL;

/// Waits for at most `max` (<= 256) events and copies them into `out`.
static inline int cstatefun_epoll_wait(int epfd, cstatefun_event *out, int max, int timeout_ms) {
    struct epoll_event events[256];
    if (max > 256) { max = 256; }
    int count = epoll_wait(epfd, events, max, timeout_ms);
    for (int i = 0; i < count; i++) {
        out[i].events = events[i].events;
        out[i].token = events[i].data.u64;
    }
    return count;
}

/// Creates a non-blocking, close-on-exec eventfd used to wake an event loop.
static inline int cstatefun_eventfd_create(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC (the flags are macros Swift sees as enum cases).
static inline int cstatefun_accept_nonblocking(int fd) {
    return accept4(fd, (struct sockaddr *)0, (socklen_t *)0, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

/// socket() for a non-blocking, close-on-exec stream socket.
static inline int cstatefun_stream_socket(int domain) {
    return socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
}

static const int CSTATEFUN_MSG_NOSIGNAL = MSG_NOSIGNAL;

#include <sys/prctl.h>
/// Names the calling thread (at most 15 bytes are kept), for ps/top/gdb.
static inline void cstatefun_set_thread_name(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }
#endif
#endif
