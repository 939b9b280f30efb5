/*
 * socket.c - BSD sockets for protojit: thin, checked wrappers over the
 * system calls, plus poll()-based timeouts and name resolution.
 *
 * Conventions (see the "sockets" section of pj_runtime.h):
 *  - Every function returns 0 or a negative errno; results go to out-parameters.
 *  - Addresses cross the boundary as raw sockaddr bytes (pointer + length);
 *    pj_sockaddr_from_ip/_unix build them and pj_sockaddr_describe takes them apart.
 *  - A timeout is a double in seconds: < 0 blocks, 0 never waits, > 0 waits
 *    at most that long in total (the deadline survives partial sends).
 *  - A signal that interrupts a wait or transfer returns -EINTR before anything
 *    moved (pj_sock_sendall: *sent says how much went; it also returns -EINTR
 *    when a blocking send() that a signal cut short moved part of the data). The caller runs its
 *    signal handlers and calls again with the time left, as CPython does
 *    (PEP 475); a blocking connect() is the exception: it keeps waiting.
 *    Only a descriptor in non-blocking mode can time out; the caller
 *    (lib/_socket.py) keeps O_NONBLOCK set whenever its timeout is >= 0, as
 *    CPython does. A wait that runs out returns PJ_SOCK_TIMEOUT, which is not
 *    an errno, so callers can tell it apart from the kernel's ETIMEDOUT.
 *  - Resolver failures return PJ_SOCK_GAIERROR / PJ_SOCK_HERROR with the
 *    resolver's own code in an out-parameter (for gai_strerror / hstrerror).
 * Nothing here holds global state, so every function is thread-safe.
 */
#define _GNU_SOURCE
#include "pj_runtime.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

_Static_assert(sizeof(((struct pj_addrinfo *)0)->addr) >= sizeof(struct sockaddr_storage),
               "pj_addrinfo.addr must hold any sockaddr");

/* ---- deadlines and waiting ---------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Deadline for a timeout (< 0: none). */
static double deadline_for(double timeout)
{
    return timeout < 0 ? -1.0 : now_seconds() + timeout;
}

/* Wait until fd is ready for `events` or the deadline passes.
 * Returns 0 when ready, PJ_SOCK_TIMEOUT when the time ran out, -errno on error.
 * A signal returns -EINTR (the caller decides whether to call again). */
static int wait_ready(int fd, short events, double deadline)
{
    for (;;) {
        int ms = -1;
        if (deadline >= 0) {
            double left = deadline - now_seconds();
            if (left <= 0)
                return PJ_SOCK_TIMEOUT;
            double msd = left * 1000.0 + 0.999; /* round up: never wake before the deadline */
            ms = msd > 2147483647.0 ? 2147483647 : (int)msd;
        }
        struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
        int n = poll(&p, 1, ms);
        if (n > 0)
            return 0;   /* ready, or an error/hangup the next call will report */
        if (n == 0) {
            if (deadline >= 0 && now_seconds() >= deadline)
                return PJ_SOCK_TIMEOUT;
            continue;   /* woke up early (rounding): wait for the rest */
        }
        return -errno;  /* -EINTR included */
    }
}

static int would_block(int err)
{
    return err == EAGAIN || err == EWOULDBLOCK;
}

/* Whether a call that failed with err waits for fd and goes again, as CPython's sock_call
 * does: only on a socket with a timeout (> 0; its fd is non-blocking). A blocking socket's
 * EAGAIN comes from MSG_DONTWAIT or SO_SNDTIMEO/SO_RCVTIMEO and is the caller's error;
 * a non-blocking socket's (timeout 0) too. */
static int wait_again(int err, double timeout)
{
    return would_block(err) && timeout > 0;
}

/* ---- descriptors --------------------------------------------------------- */

/* Create a socket (close-on-exec). *fd receives the descriptor. */
int pj_sock_open(int family, int type, int proto, int *fd)
{
    if (fd == NULL)
        return -EINVAL;
    int s = socket(family, type | SOCK_CLOEXEC, proto);
    if (s < 0)
        return -errno;
    *fd = s;
    return 0;
}

/* Close fd. EINTR counts as closed (Linux always releases the descriptor). */
int pj_sock_close(int fd)
{
    if (close(fd) < 0 && errno != EINTR)
        return -errno;
    return 0;
}

/* Duplicate fd (close-on-exec) into *newfd. */
int pj_sock_dup(int fd, int *newfd)
{
    if (newfd == NULL)
        return -EINVAL;
    int d = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (d < 0)
        return -errno;
    *newfd = d;
    return 0;
}

/* Set (on != 0) or clear O_NONBLOCK on fd. */
int pj_sock_set_nonblocking(int fd, int on)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        return -errno;
    int want = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    if (want != flags && fcntl(fd, F_SETFL, want) < 0)
        return -errno;
    return 0;
}

/* Create a connected pair of sockets (close-on-exec) into fds[0], fds[1]. */
int pj_sock_socketpair(int family, int type, int proto, int *fds)
{
    if (fds == NULL)
        return -EINVAL;
    if (socketpair(family, type | SOCK_CLOEXEC, proto, fds) < 0)
        return -errno;
    return 0;
}

/* ---- connection setup ---------------------------------------------------- */

int pj_sock_bind(int fd, const void *addr, size_t addrlen)
{
    if (addr == NULL || addrlen > sizeof(struct sockaddr_storage))
        return -EINVAL;
    if (bind(fd, (const struct sockaddr *)addr, (socklen_t)addrlen) < 0)
        return -errno;
    return 0;
}

int pj_sock_listen(int fd, int backlog)
{
    if (listen(fd, backlog < 0 ? 0 : backlog) < 0)
        return -errno;
    return 0;
}

/* Accept a connection, waiting as `timeout` says. *newfd gets the new socket
 * (close-on-exec, blocking); the peer address goes to addr with *addrlen
 * (in: capacity, out: length). */
int pj_sock_accept(int fd, double timeout, int *newfd, void *addr, size_t *addrlen)
{
    if (newfd == NULL || addr == NULL || addrlen == NULL)
        return -EINVAL;
    double deadline = deadline_for(timeout);
    for (;;) {
        socklen_t len = *addrlen > sizeof(struct sockaddr_storage)
                            ? (socklen_t)sizeof(struct sockaddr_storage) : (socklen_t)*addrlen;
        int s = accept4(fd, (struct sockaddr *)addr, &len, SOCK_CLOEXEC);
        if (s >= 0) {
            *newfd = s;
            *addrlen = len;
            return 0;
        }
        if (errno == EINTR)
            return -EINTR;
        if (!wait_again(errno, timeout))
            return -errno;
        int rc = wait_ready(fd, POLLIN, deadline);
        if (rc != 0)
            return rc;
    }
}

/* The pending error of a socket whose non-blocking connect finished. */
static int pending_error(int fd)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        return -errno;
    return -err;
}

/* Connect fd to addr. With timeout 0 a connection in progress returns
 * -EINPROGRESS; with a timeout > 0 it waits that long (PJ_SOCK_TIMEOUT);
 * a blocking connect interrupted by a signal waits for the outcome. */
int pj_sock_connect(int fd, const void *addr, size_t addrlen, double timeout)
{
    if (addr == NULL || addrlen > sizeof(struct sockaddr_storage))
        return -EINVAL;
    double deadline = deadline_for(timeout);
    if (connect(fd, (const struct sockaddr *)addr, (socklen_t)addrlen) == 0)
        return 0;
    int err = errno;
    if (err == EINTR || (err == EINPROGRESS && timeout != 0)) {
        /* connect() cannot be restarted: wait for it to finish, then ask how. */
        int rc;
        do {
            rc = wait_ready(fd, POLLOUT, err == EINTR ? -1.0 : deadline);
        } while (rc == -EINTR);
        if (rc != 0)
            return rc;
        return pending_error(fd);
    }
    return -err;
}

/* Shut down part of a full-duplex connection (how: SHUT_RD, SHUT_WR, SHUT_RDWR). */
int pj_sock_shutdown(int fd, int how)
{
    if (shutdown(fd, how) < 0)
        return -errno;
    return 0;
}

/* ---- data transfer ------------------------------------------------------- */

/* Send up to len bytes of buf; *sent gets how many went. */
int pj_sock_send(int fd, const void *buf, size_t len, int flags, double timeout, size_t *sent)
{
    return pj_sock_sendto(fd, buf, len, flags, NULL, 0, timeout, sent);
}

/* Send all len bytes of buf within `timeout` in total. *sent gets how many
 * went, also when an error or the timeout stops it part-way. */
int pj_sock_sendall(int fd, const void *buf, size_t len, int flags, double timeout, size_t *sent)
{
    if (sent == NULL || (buf == NULL && len != 0))
        return -EINVAL;
    const char *p = buf;
    size_t done = 0;
    double deadline = deadline_for(timeout);
    *sent = 0;
    while (done < len) {
        ssize_t n = send(fd, p + done, len - done, flags | MSG_NOSIGNAL);
        if (n >= 0) {
            done += (size_t)n;
            *sent = done;
            /* A blocking send() that a signal interrupts after some bytes went returns
             * that count, not EINTR: hand back to the caller so the signal's handler
             * runs before the next send() blocks again (CPython checks for signals after
             * every partial send). A non-blocking socket's wait below sees EINTR itself. */
            if (done < len && timeout < 0)
                return -EINTR;
            continue;
        }
        if (errno == EINTR)
            return -EINTR;
        if (!wait_again(errno, timeout))
            return -errno;
        int rc = wait_ready(fd, POLLOUT, deadline);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Send len bytes of buf to addr (addr NULL: the connected peer). */
int pj_sock_sendto(int fd, const void *buf, size_t len, int flags,
                   const void *addr, size_t addrlen, double timeout, size_t *sent)
{
    if (sent == NULL || (buf == NULL && len != 0) || addrlen > sizeof(struct sockaddr_storage))
        return -EINVAL;
    double deadline = deadline_for(timeout);
    for (;;) {
        ssize_t n = sendto(fd, buf, len, flags | MSG_NOSIGNAL,
                           (const struct sockaddr *)addr, addr ? (socklen_t)addrlen : 0);
        if (n >= 0) {
            *sent = (size_t)n;
            return 0;
        }
        if (errno == EINTR)
            return -EINTR;
        if (!wait_again(errno, timeout))
            return -errno;
        int rc = wait_ready(fd, POLLOUT, deadline);
        if (rc != 0)
            return rc;
    }
}

/* Receive up to len bytes into buf; *received gets the count (0: peer closed). */
int pj_sock_recv(int fd, void *buf, size_t len, int flags, double timeout, size_t *received)
{
    return pj_sock_recvfrom(fd, buf, len, flags, timeout, received, NULL, NULL);
}

/* Receive up to len bytes into buf and the sender's address into addr with
 * *addrlen (in: capacity, out: length); addr may be NULL (then addrlen too). */
int pj_sock_recvfrom(int fd, void *buf, size_t len, int flags, double timeout,
                     size_t *received, void *addr, size_t *addrlen)
{
    if (received == NULL || (buf == NULL && len != 0) || (addr != NULL && addrlen == NULL))
        return -EINVAL;
    double deadline = deadline_for(timeout);
    for (;;) {
        socklen_t alen = 0;
        if (addr != NULL)
            alen = *addrlen > sizeof(struct sockaddr_storage)
                       ? (socklen_t)sizeof(struct sockaddr_storage) : (socklen_t)*addrlen;
        ssize_t n = recvfrom(fd, buf, len, flags, (struct sockaddr *)addr, addr ? &alen : NULL);
        if (n >= 0) {
            *received = (size_t)n;
            if (addr != NULL)
                *addrlen = alen;
            return 0;
        }
        if (errno == EINTR)
            return -EINTR;
        if (!wait_again(errno, timeout))
            return -errno;
        int rc = wait_ready(fd, POLLIN, deadline);
        if (rc != 0)
            return rc;
    }
}

/* ---- scatter/gather with ancillary data ---------------------------------- */

_Static_assert(sizeof(pj_iov) == sizeof(struct iovec) &&
               offsetof(pj_iov, base) == offsetof(struct iovec, iov_base) &&
               offsetof(pj_iov, len) == offsetof(struct iovec, iov_len),
               "pj_iov must have struct iovec's layout");

/* Check the common arguments of pj_sock_sendmsg / pj_sock_recvmsg. */
static int check_msg_args(const pj_iov *bufs, size_t nbufs, const void *control,
                          size_t controllen, size_t addrlen)
{
    if ((nbufs > 0 && bufs == NULL) || nbufs > IOV_MAX)
        return -EINVAL;
    if ((control == NULL && controllen != 0) || controllen > PJ_SOCK_CONTROL_MAX)
        return -EINVAL;
    if (addrlen > sizeof(struct sockaddr_storage))
        return -EINVAL;
    for (size_t i = 0; i < nbufs; i++) {
        if (bufs[i].base == NULL && bufs[i].len != 0)
            return -EINVAL;
    }
    return 0;
}

int pj_sock_sendmsg(int fd, const pj_iov *bufs, size_t nbufs, const void *control,
                    size_t controllen, int flags, const void *addr, size_t addrlen,
                    double timeout, size_t *sent)
{
    int rc;
    if (sent == NULL)
        return -EINVAL;
    if ((rc = check_msg_args(bufs, nbufs, control, controllen, addr ? addrlen : 0)) != 0)
        return rc;
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_name = (void *)addr;
    msg.msg_namelen = addr ? (socklen_t)addrlen : 0;
    msg.msg_iov = (struct iovec *)bufs;
    msg.msg_iovlen = nbufs;
    msg.msg_control = controllen ? (void *)control : NULL;
    msg.msg_controllen = controllen;
    double deadline = deadline_for(timeout);
    for (;;) {
        ssize_t n = sendmsg(fd, &msg, flags | MSG_NOSIGNAL);
        if (n >= 0) {
            *sent = (size_t)n;
            return 0;
        }
        if (errno == EINTR)
            return -EINTR;
        if (!wait_again(errno, timeout))
            return -errno;
        if ((rc = wait_ready(fd, POLLOUT, deadline)) != 0)
            return rc;
    }
}

int pj_sock_recvmsg(int fd, const pj_iov *bufs, size_t nbufs, void *control,
                    size_t *controllen, int flags, double timeout, size_t *received,
                    int *msg_flags, void *addr, size_t *addrlen)
{
    int rc;
    if (received == NULL || msg_flags == NULL || controllen == NULL ||
        (addr != NULL && addrlen == NULL))
        return -EINVAL;
    if ((rc = check_msg_args(bufs, nbufs, control, *controllen, 0)) != 0)
        return rc;
    double deadline = deadline_for(timeout);
    for (;;) {
        struct msghdr msg;
        memset(&msg, 0, sizeof msg);
        if (addr != NULL) {
            msg.msg_name = addr;
            msg.msg_namelen = *addrlen > sizeof(struct sockaddr_storage)
                                  ? (socklen_t)sizeof(struct sockaddr_storage)
                                  : (socklen_t)*addrlen;
        }
        msg.msg_iov = (struct iovec *)bufs;
        msg.msg_iovlen = nbufs;
        msg.msg_control = *controllen ? control : NULL;
        msg.msg_controllen = *controllen;
        ssize_t n = recvmsg(fd, &msg, flags);
        if (n >= 0) {
            *received = (size_t)n;
            *msg_flags = msg.msg_flags;
            *controllen = msg.msg_control ? msg.msg_controllen : 0;
            if (addr != NULL)
                *addrlen = msg.msg_namelen;
            return 0;
        }
        if (errno == EINTR)
            return -EINTR;
        if (!wait_again(errno, timeout))
            return -errno;
        if ((rc = wait_ready(fd, POLLIN, deadline)) != 0)
            return rc;
    }
}

/* ---- options and addresses of a socket ----------------------------------- */

int pj_sock_setsockopt(int fd, int level, int option, const void *value, size_t len)
{
    if ((value == NULL && len != 0) || len > 0x7fffffff)
        return -EINVAL;
    if (setsockopt(fd, level, option, value, (socklen_t)len) < 0)
        return -errno;
    return 0;
}

/* Read an option into value; *len is in: capacity, out: length. */
int pj_sock_getsockopt(int fd, int level, int option, void *value, size_t *len)
{
    if (value == NULL || len == NULL || *len > 0x7fffffff)
        return -EINVAL;
    socklen_t l = (socklen_t)*len;
    if (getsockopt(fd, level, option, value, &l) < 0)
        return -errno;
    *len = l;
    return 0;
}

int pj_sock_getsockname(int fd, void *addr, size_t *addrlen)
{
    if (addr == NULL || addrlen == NULL)
        return -EINVAL;
    socklen_t l = *addrlen > sizeof(struct sockaddr_storage)
                      ? (socklen_t)sizeof(struct sockaddr_storage) : (socklen_t)*addrlen;
    if (getsockname(fd, (struct sockaddr *)addr, &l) < 0)
        return -errno;
    *addrlen = l;
    return 0;
}

int pj_sock_getpeername(int fd, void *addr, size_t *addrlen)
{
    if (addr == NULL || addrlen == NULL)
        return -EINVAL;
    socklen_t l = *addrlen > sizeof(struct sockaddr_storage)
                      ? (socklen_t)sizeof(struct sockaddr_storage) : (socklen_t)*addrlen;
    if (getpeername(fd, (struct sockaddr *)addr, &l) < 0)
        return -errno;
    *addrlen = l;
    return 0;
}

/* ---- sockaddr building and parsing --------------------------------------- */

/* Build an AF_INET/AF_INET6 sockaddr from a numeric host ("1.2.3.4", "::1").
 * -EINVAL if host is not numeric for that family or port is out of range. */
int pj_sockaddr_from_ip(int family, const char *host, int port, uint32_t flowinfo,
                        uint32_t scope_id, void *out, size_t cap, size_t *outlen)
{
    if (host == NULL || out == NULL || outlen == NULL || port < 0 || port > 65535)
        return -EINVAL;
    if (family == AF_INET) {
        struct sockaddr_in sin;
        if (cap < sizeof sin)
            return -ENOSPC;
        memset(&sin, 0, sizeof sin);
        sin.sin_family = AF_INET;
        sin.sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, host, &sin.sin_addr) != 1)
            return -EINVAL;
        memcpy(out, &sin, sizeof sin);
        *outlen = sizeof sin;
        return 0;
    }
    if (family == AF_INET6) {
        struct sockaddr_in6 sin6;
        if (cap < sizeof sin6)
            return -ENOSPC;
        memset(&sin6, 0, sizeof sin6);
        sin6.sin6_family = AF_INET6;
        sin6.sin6_port = htons((uint16_t)port);
        sin6.sin6_flowinfo = htonl(flowinfo);
        sin6.sin6_scope_id = scope_id;
        if (inet_pton(AF_INET6, host, &sin6.sin6_addr) != 1)
            return -EINVAL;
        memcpy(out, &sin6, sizeof sin6);
        *outlen = sizeof sin6;
        return 0;
    }
    return -EAFNOSUPPORT;
}

/* Build an AF_UNIX sockaddr from path bytes (pathlen bytes, not NUL-terminated;
 * a leading NUL byte names Linux's abstract namespace). */
int pj_sockaddr_from_unix(const char *path, size_t pathlen, void *out, size_t cap, size_t *outlen)
{
    struct sockaddr_un sun;
    if ((path == NULL && pathlen != 0) || out == NULL || outlen == NULL)
        return -EINVAL;
    /* A file path needs room for its terminating NUL (counted in the length, as CPython
     * does); a Linux abstract name (a leading NUL) may fill sun_path. */
    size_t used = pathlen + ((pathlen == 0 || path[0] != '\0') ? 1 : 0);
    if (used > sizeof sun.sun_path)
        return -ENAMETOOLONG;
    size_t len = offsetof(struct sockaddr_un, sun_path) + pathlen;
    if (pathlen > 0 && path[0] != '\0')
        len += 1;
    if (cap < len)
        return -ENOSPC;
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    if (pathlen > 0)
        memcpy(sun.sun_path, path, pathlen);
    memcpy(out, &sun, len);
    *outlen = len;
    return 0;
}

/* Take apart a sockaddr of len bytes. *family gets its family. For
 * AF_INET/AF_INET6 host gets the numeric address (NUL-terminated) and *port,
 * *flowinfo, *scope_id the rest; for AF_UNIX host gets the path bytes
 * (*hostlen of them, a file path without its NUL). Other families: -EAFNOSUPPORT. */
int pj_sockaddr_describe(const void *addr, size_t len, int *family, char *host, size_t hostcap,
                         size_t *hostlen, int *port, uint32_t *flowinfo, uint32_t *scope_id)
{
    if (addr == NULL || family == NULL || host == NULL || hostlen == NULL || port == NULL
        || flowinfo == NULL || scope_id == NULL || hostcap == 0)
        return -EINVAL;
    sa_family_t fam;
    if (len < sizeof fam)
        return -EINVAL;
    memcpy(&fam, addr, sizeof fam);   /* addr may be unaligned */
    *family = fam;
    *port = 0;
    *flowinfo = 0;
    *scope_id = 0;
    if (fam == AF_INET) {
        struct sockaddr_in sin;
        if (len < sizeof sin)
            return -EINVAL;
        memcpy(&sin, addr, sizeof sin);
        if (inet_ntop(AF_INET, &sin.sin_addr, host, (socklen_t)(hostcap > 0x7fffffff ? 0x7fffffff : hostcap)) == NULL)
            return -errno;
        *hostlen = strlen(host);
        *port = ntohs(sin.sin_port);
        return 0;
    }
    if (fam == AF_INET6) {
        struct sockaddr_in6 sin6;
        if (len < sizeof sin6)
            return -EINVAL;
        memcpy(&sin6, addr, sizeof sin6);
        if (inet_ntop(AF_INET6, &sin6.sin6_addr, host, (socklen_t)(hostcap > 0x7fffffff ? 0x7fffffff : hostcap)) == NULL)
            return -errno;
        *hostlen = strlen(host);
        *port = ntohs(sin6.sin6_port);
        *flowinfo = ntohl(sin6.sin6_flowinfo);
        *scope_id = sin6.sin6_scope_id;
        return 0;
    }
    if (fam == AF_UNIX) {
        size_t off = offsetof(struct sockaddr_un, sun_path);
        size_t n = len > off ? len - off : 0;
        const char *path = (const char *)addr + off;
        if (n > sizeof(((struct sockaddr_un *)0)->sun_path))
            n = sizeof(((struct sockaddr_un *)0)->sun_path);
        if (n > 0 && path[0] != '\0') {
            const char *nul = memchr(path, '\0', n);   /* a file path ends at its NUL */
            if (nul != NULL)
                n = (size_t)(nul - path);
        }
        if (n > hostcap)
            return -ENOSPC;
        memcpy(host, path, n);
        if (n < hostcap)
            host[n] = '\0';
        *hostlen = n;
        return 0;
    }
    return -EAFNOSUPPORT;
}

/* ---- text <-> binary addresses ------------------------------------------ */

/* inet_pton: text address of `family` into out (cap >= 4 or 16); *outlen gets
 * 4 or 16. -EINVAL if the text is not an address, -EAFNOSUPPORT for other families. */
int pj_inet_pton(int family, const char *text, void *out, size_t cap, size_t *outlen)
{
    if (text == NULL || out == NULL || outlen == NULL)
        return -EINVAL;
    size_t need = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
    if (need == 0)
        return -EAFNOSUPPORT;
    if (cap < need)
        return -ENOSPC;
    unsigned char tmp[16];
    if (inet_pton(family, text, tmp) != 1)
        return -EINVAL;
    memcpy(out, tmp, need);
    *outlen = need;
    return 0;
}

/* inet_ntop: len bytes (4 or 16, as family says) into NUL-terminated text in buf. */
int pj_inet_ntop(int family, const void *src, size_t len, char *buf, size_t cap)
{
    if (src == NULL || buf == NULL)
        return -EINVAL;
    size_t need = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
    if (need == 0)
        return -EAFNOSUPPORT;
    if (len != need)
        return -EINVAL;
    if (inet_ntop(family, src, buf, (socklen_t)(cap > 0x7fffffff ? 0x7fffffff : cap)) == NULL)
        return -errno;
    return 0;
}

/* inet_aton: the classic (also "127.1" and hex/octal parts) IPv4 parser into
 * out[4] (network order). -EINVAL if text is not an address. */
int pj_inet_aton(const char *text, uint8_t *out)
{
    struct in_addr a;
    if (text == NULL || out == NULL)
        return -EINVAL;
    if (inet_aton(text, &a) == 0)
        return -EINVAL;
    memcpy(out, &a, 4);
    return 0;
}

/* ---- name resolution ----------------------------------------------------- */

/* getaddrinfo(host, service) with hints family/type/proto/flags; host or service
 * may be NULL. Up to cap records go to out; *count gets the total number of
 * results, which may be more than cap (call again with a larger buffer).
 * A resolver error returns PJ_SOCK_GAIERROR with the EAI_* code in *gai_code
 * (EAI_SYSTEM is returned as -errno instead); otherwise *gai_code is 0. */
int pj_getaddrinfo(const char *host, const char *service, int family, int type, int proto,
                   int flags, struct pj_addrinfo *out, size_t cap, size_t *count, int *gai_code)
{
    if (count == NULL || gai_code == NULL || (out == NULL && cap != 0))
        return -EINVAL;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = type;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    *gai_code = 0;
    *count = 0;
    int rc = getaddrinfo(host, service, &hints, &res);
    if (rc != 0) {
        if (rc == EAI_SYSTEM)
            return errno ? -errno : -EIO;
        *gai_code = rc;
        return PJ_SOCK_GAIERROR;
    }
    size_t n = 0;
    for (struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next, n++) {
        if (n >= cap)
            continue;
        struct pj_addrinfo *r = &out[n];
        memset(r, 0, sizeof *r);
        r->family = ai->ai_family;
        r->socktype = ai->ai_socktype;
        r->protocol = ai->ai_protocol;
        if (ai->ai_canonname != NULL) {
            size_t cl = strlen(ai->ai_canonname);
            if (cl >= sizeof r->canonname)
                cl = sizeof r->canonname - 1;
            memcpy(r->canonname, ai->ai_canonname, cl);
        }
        size_t al = ai->ai_addrlen;
        if (al > sizeof r->addr)
            al = sizeof r->addr;
        if (ai->ai_addr != NULL)
            memcpy(r->addr, ai->ai_addr, al);
        r->addrlen = (int)al;
    }
    freeaddrinfo(res);
    *count = n;
    return 0;
}

/* gai_strerror(code) copied NUL-terminated into buf (truncated to cap). */
int pj_gai_strerror(int code, char *buf, size_t cap)
{
    if (buf == NULL || cap == 0)
        return -EINVAL;
    const char *msg = gai_strerror(code);
    size_t n = strlen(msg);
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, msg, n);
    buf[n] = '\0';
    return 0;
}

/* hstrerror(code) copied NUL-terminated into buf (truncated to cap). */
int pj_hstrerror(int code, char *buf, size_t cap)
{
    if (buf == NULL || cap == 0)
        return -EINVAL;
    const char *msg = hstrerror(code);
    size_t n = strlen(msg);
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, msg, n);
    buf[n] = '\0';
    return 0;
}

/* Host name of this machine, NUL-terminated, into buf. */
int pj_gethostname(char *buf, size_t cap)
{
    if (buf == NULL || cap == 0)
        return -EINVAL;
    if (gethostname(buf, cap) < 0)
        return -errno;
    buf[cap - 1] = '\0';
    return 0;
}

/* Append the NUL-terminated string s to buf[*used..cap). */
static int append_str(char *buf, size_t cap, size_t *used, const char *s)
{
    size_t n = strlen(s) + 1;
    if (n > cap - *used)
        return -ENOSPC;
    memcpy(buf + *used, s, n);
    *used += n;
    return 0;
}

/* Reverse lookup of a binary address (4 bytes for AF_INET, 16 for AF_INET6).
 * name gets the official name (NUL-terminated); aliases gets *naliases
 * NUL-terminated names back to back; addrs gets *naddrs binary addresses of
 * *addrsize bytes each. A lookup failure returns PJ_SOCK_HERROR with h_errno
 * in *herr; buffers that are too small return -ENOSPC. */
int pj_gethostbyaddr(const void *ip, size_t iplen, int family,
                     char *name, size_t namecap,
                     char *aliases, size_t aliascap, size_t *naliases,
                     void *addrs, size_t addrscap, size_t *naddrs, size_t *addrsize, int *herr)
{
    if (ip == NULL || name == NULL || namecap == 0 || aliases == NULL || naliases == NULL
        || addrs == NULL || naddrs == NULL || addrsize == NULL || herr == NULL)
        return -EINVAL;
    *herr = 0;
    *naliases = 0;
    *naddrs = 0;
    struct hostent he, *result = NULL;
    char work[16384];
    int rc = gethostbyaddr_r(ip, (socklen_t)iplen, family, &he, work, sizeof work, &result, herr);
    if (rc == ERANGE)
        return -ENOSPC;
    if (result == NULL) {
        if (*herr == 0)
            *herr = HOST_NOT_FOUND;
        return PJ_SOCK_HERROR;
    }
    size_t n = strlen(he.h_name);
    if (n >= namecap)
        return -ENOSPC;
    memcpy(name, he.h_name, n + 1);
    size_t used = 0;
    for (char **a = he.h_aliases; a != NULL && *a != NULL; a++) {
        if (append_str(aliases, aliascap, &used, *a) < 0)
            return -ENOSPC;
        (*naliases)++;
    }
    size_t sz = he.h_length > 0 ? (size_t)he.h_length : 0;
    size_t at = 0;
    for (char **a = he.h_addr_list; a != NULL && *a != NULL; a++) {
        if (sz > addrscap - at)
            return -ENOSPC;
        memcpy((char *)addrs + at, *a, sz);
        at += sz;
        (*naddrs)++;
    }
    *addrsize = sz;
    return 0;
}
