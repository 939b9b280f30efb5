/*
 * pj_runtime.h - the one public header of protojit's C runtime.
 *
 * Every exported symbol starts with pj_. Functions return 0 or a negative
 * errno value (-EINVAL, -ENOMEM, ...) and put results in out-parameters,
 * unless a comment says otherwise. Nothing here knows about Python: the
 * interpreter reaches these functions through protojit/native.py (ctypes)
 * and native code calls them directly.
 *
 * One section per service; each service lives in its own .c file in runtime_c.
 */
#ifndef PJ_RUNTIME_H
#define PJ_RUNTIME_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- core (core.c) ------------------------------------------------------ */

/* The runtime's ABI version; native.py refuses a library with another one. */
int pj_abi_version(void);

/* ---- block cache (arena.c) ---------------------------------------------- */

/* A page-block allocator: alloc(ctx, size) returns a block or NULL, free(ctx,
 * ptr, size) gives it back (the layout of CPython's PyObjectArenaAllocator). */
typedef struct pj_block_allocator {
    void *ctx;
    void *(*alloc)(void *ctx, size_t size);
    void (*free)(void *ctx, void *ptr, size_t size);
} pj_block_allocator;

#define PJ_ARENA_CACHE_SLOTS 8                    /* freed blocks kept at most */
#define PJ_ARENA_CACHE_BYTES (4u * 1024 * 1024)   /* their total size at most */

/* *out = an allocator that keeps freed blocks for reuse by a request of the
 * same size and passes everything else to *under. One cache per process:
 * wrapping the cache itself returns it again; wrapping another allocator
 * after the first is -EEXIST. */
int pj_arena_cache_wrap(const pj_block_allocator *under, pj_block_allocator *out);
/* Requests served from the cache, requests passed on, bytes held now. */
int pj_arena_cache_stats(size_t *out_hits, size_t *out_misses, size_t *out_cached_bytes);

/* ---- threads and locks (thread.c, lock.c) ------------------------------- */

/* A runtime thread's body: fn(arg). */
typedef void (*pj_thread_fn)(void *arg);

int pj_thread_start(pj_thread_fn fn, void *arg, size_t stack_size, int detached,
                    unsigned long *out_ident);          /* -EINVAL -EAGAIN -ENOMEM */
int pj_thread_join(unsigned long ident);                /* blocks; -EDEADLK -ESRCH */
int pj_thread_tryjoin(unsigned long ident);             /* -EBUSY while it runs; -ESRCH */
int pj_thread_detach(unsigned long ident);              /* -ESRCH */
unsigned long pj_thread_ident(void);                    /* pthread_self(); cannot fail */
long pj_thread_native_id(void);                         /* gettid(); cannot fail */
int pj_thread_live_count(long *out_count);              /* threads whose fn has not returned */
int pj_thread_is_runtime(void);                         /* 1 in a pj_thread_start thread */

/* Largest timeout (seconds) a lock accepts; equals CPython's _thread.TIMEOUT_MAX. */
#define PJ_LOCK_TIMEOUT_MAX 9223372036.0

/* A lock any thread may release (CPython's _thread.lock); opaque. Timeouts are
 * in seconds, < 0 for none; acquire returns 0, -EBUSY (non-blocking, held),
 * -ETIMEDOUT, -EINVAL (NaN) or -EOVERFLOW (above PJ_LOCK_TIMEOUT_MAX). */
typedef struct pj_lock pj_lock;
int pj_lock_new(pj_lock **out);
void pj_lock_free(pj_lock *l);
int pj_lock_acquire(pj_lock *l, int blocking, double timeout);
int pj_lock_release(pj_lock *l);                        /* -EPERM if not locked */
int pj_lock_locked(pj_lock *l, int *out_locked);

/* A recursive lock: owner thread + depth. Release by a non-owner: -EPERM. */
typedef struct pj_rlock pj_rlock;
int pj_rlock_new(pj_rlock **out);
void pj_rlock_free(pj_rlock *r);
int pj_rlock_acquire(pj_rlock *r, int blocking, double timeout);
int pj_rlock_acquire_n(pj_rlock *r, size_t count, int blocking, double timeout);
int pj_rlock_release(pj_rlock *r);
int pj_rlock_release_all(pj_rlock *r, size_t *out_count);
int pj_rlock_state(pj_rlock *r, unsigned long *out_owner, size_t *out_count);
int pj_lock_live_count(long *out_count);                /* locks of both kinds not yet freed */

/* ---- environment (env.c) ------------------------------------------------ */

/* The C environ, under one lock. Copy-out calls fill buf (capacity cap, NUL
 * terminated) and set *out_len to the length; -ERANGE means buf is too small
 * and *out_len is the length needed (without the NUL). -ENOENT: not there. */
int pj_getenv(const char *name, char *buf, size_t cap, size_t *out_len);
int pj_setenv(const char *name, const char *value, int overwrite);  /* -EINVAL: bad name */
int pj_unsetenv(const char *name);
int pj_environ_count(size_t *out_count);
int pj_environ_entry(size_t i, char *buf, size_t cap, size_t *out_len);
/* All of environ at once as "NAME=value\0" entries; *out_len counts the NULs. */
int pj_environ_snapshot(char *buf, size_t cap, size_t *out_len);

/* ---- dynamic loading (dl.c) --------------------------------------------- */

/* dlopen/dlsym/dlclose; failures return -ENOENT (-EINVAL for bad arguments)
 * and keep the message for pj_dlerror, per thread. flags are <dlfcn.h> RTLD_*
 * and must include RTLD_LAZY or RTLD_NOW; pj_dlsym's handle NULL = RTLD_DEFAULT. */
int pj_dlopen(const char *path, int flags, void **out_handle);
int pj_dlsym(void *handle, const char *name, void **out_addr);
int pj_dlclose(void *handle);
int pj_dlerror(char *buf, size_t cap, size_t *out_len);

/* ---- hashes (hash_md5.c, hash_sha1.c, hash_sha2.c) ---------------------- */

/* MD5 (RFC 1321), SHA-1 and SHA-224/256/384/512 (FIPS 180-4), HMAC (RFC 2104)
 * and PBKDF2-HMAC (RFC 8018). Two layers:
 *  - per algorithm: pj_md5_*, pj_sha1_*, pj_sha256_* ... on the typed contexts
 *    below (stack-allocatable; their fields are private to the .c files);
 *  - generic (hash_sha2.c): an algorithm id and an opaque caller-allocated
 *    context of pj_hash_ctx_size() bytes, aligned to 8 (malloc'd memory is).
 * Every context is a plain value: copying it with memcpy forks the hash.
 * Lengths are counted in bytes, 64-bit (MD5, SHA-1, SHA-256) or 128-bit
 * (SHA-512), so any sequence of updates is accepted. No function keeps a
 * pointer to the caller's data after it returns; none allocates. */

/* Algorithm ids of the generic layer (0 is never valid). */
#define PJ_HASH_MD5    1  /* 16-byte digest, 64-byte block */
#define PJ_HASH_SHA1   2  /* 20-byte digest, 64-byte block */
#define PJ_HASH_SHA224 3  /* 28-byte digest, 64-byte block */
#define PJ_HASH_SHA256 4  /* 32-byte digest, 64-byte block */
#define PJ_HASH_SHA384 5  /* 48-byte digest, 128-byte block */
#define PJ_HASH_SHA512 6  /* 64-byte digest, 128-byte block */
#define PJ_HASH_MAX_DIGEST 64
#define PJ_HASH_MAX_BLOCK 128

typedef struct pj_md5_ctx {
    uint32_t state[4];
    uint64_t nbytes;        /* bytes fed so far (MD5 keeps the length mod 2^64 bits) */
    uint8_t buf[64];        /* partial block: nbytes % 64 bytes are used */
} pj_md5_ctx;

typedef struct pj_sha1_ctx {
    uint32_t state[5];
    uint64_t nbytes;
    uint8_t buf[64];
} pj_sha1_ctx;

typedef struct pj_sha256_ctx {  /* SHA-256 and SHA-224 */
    uint32_t state[8];
    uint64_t nbytes;
    uint8_t buf[64];
} pj_sha256_ctx;

typedef struct pj_sha512_ctx {  /* SHA-512 and SHA-384 */
    uint64_t state[8];
    uint64_t nbytes_lo, nbytes_hi;  /* 128-bit byte count */
    uint8_t buf[128];
} pj_sha512_ctx;

/* Per-algorithm layer. init resets ctx; update feeds len bytes of data (data
 * may be NULL only when len is 0); final writes the digest (16, 20, 28, 32,
 * 48 or 64 bytes) to out and leaves ctx finished: init it again before reuse.
 * They cannot fail. */
void pj_md5_init(pj_md5_ctx *ctx);
void pj_md5_update(pj_md5_ctx *ctx, const uint8_t *data, size_t len);
void pj_md5_final(pj_md5_ctx *ctx, uint8_t out[16]);
void pj_sha1_init(pj_sha1_ctx *ctx);
void pj_sha1_update(pj_sha1_ctx *ctx, const uint8_t *data, size_t len);
void pj_sha1_final(pj_sha1_ctx *ctx, uint8_t out[20]);
void pj_sha224_init(pj_sha256_ctx *ctx);
void pj_sha256_init(pj_sha256_ctx *ctx);
void pj_sha256_update(pj_sha256_ctx *ctx, const uint8_t *data, size_t len);
void pj_sha224_final(pj_sha256_ctx *ctx, uint8_t out[28]);
void pj_sha256_final(pj_sha256_ctx *ctx, uint8_t out[32]);
void pj_sha384_init(pj_sha512_ctx *ctx);
void pj_sha512_init(pj_sha512_ctx *ctx);
void pj_sha512_update(pj_sha512_ctx *ctx, const uint8_t *data, size_t len);
void pj_sha384_final(pj_sha512_ctx *ctx, uint8_t out[48]);
void pj_sha512_final(pj_sha512_ctx *ctx, uint8_t out[64]);

/* Instruction-set acceleration (today: SHA-1 and SHA-256/224 with the x86 SHA
 * extensions, when the CPU has them). mode 1 allows it (the default), 0
 * forces the portable C code (tests use this to cover both), -1 only asks.
 * *out_active (may be NULL) = 1 if hashing now uses the instructions.
 * -EINVAL for another mode. Safe from any thread. */
int pj_hash_accel(int mode, int *out_active);

/* Generic layer. *out_digest_size and *out_block_size (either may be NULL)
 * get the sizes of algorithm alg. -EINVAL for an unknown alg. */
int pj_hash_info(int alg, size_t *out_digest_size, size_t *out_block_size);

/* *out_size = bytes the caller must allocate for a context of alg (today the
 * same for every alg). -EINVAL for an unknown alg. */
int pj_hash_ctx_size(int alg, size_t *out_size);

/* Start a hash of alg in ctx (ctx_len bytes, 8-aligned, owned by the caller).
 * -EINVAL: unknown alg, NULL or misaligned ctx; -ENOBUFS: ctx_len too small. */
int pj_hash_init(int alg, void *ctx, size_t ctx_len);

/* Feed len bytes to a context started by pj_hash_init.
 * -EINVAL: ctx was not started, or data is NULL with len > 0. */
int pj_hash_update(void *ctx, const void *data, size_t len);

/* Copy the started context src into dst (dst_len bytes, 8-aligned): dst then
 * continues independently from the same state (a memcpy of the context is
 * the same thing). -EINVAL: src not started, dst NULL or misaligned;
 * -ENOBUFS: dst_len too small. */
int pj_hash_copy(const void *src, void *dst, size_t dst_len);

/* Write the digest of everything fed so far to out (out_len >= digest size;
 * exactly the digest size is written). ctx is NOT changed, so more updates
 * may follow. -EINVAL: ctx not started or out NULL; -ENOBUFS: out too short. */
int pj_hash_final(const void *ctx, uint8_t *out, size_t out_len);

/* One-shot digest of data into out (out_len >= digest size). Errors as above. */
int pj_hash_digest(int alg, const void *data, size_t len, uint8_t *out, size_t out_len);

/* HMAC-alg (RFC 2104) of msg under key into out (out_len >= digest size).
 * -EINVAL: unknown alg or a NULL pointer with a non-zero length. */
int pj_hmac(int alg, const void *key, size_t key_len, const void *msg, size_t msg_len,
            uint8_t *out, size_t out_len);

/* PBKDF2 (RFC 8018 section 5.2) with HMAC-alg as PRF: derive dklen bytes into
 * out from password and salt with the given iteration count. CPU-bound; the
 * caller should not hold a lock others need. -EINVAL: unknown alg, NULL
 * pointer with a non-zero length, iterations < 1 or dklen < 1;
 * -EOVERFLOW: dklen > (2^32 - 1) * digest size (the RFC's limit). */
int pj_pbkdf2_hmac(int alg, const void *password, size_t plen, const void *salt, size_t slen,
                   uint64_t iterations, uint8_t *out, size_t dklen);

/* ---- sockets (socket.c) ------------------------------------------------- */

/* Sockets are plain int descriptors. Addresses cross the boundary as raw
 * sockaddr bytes (pointer + length, at most PJ_SOCKADDR_MAX bytes); build them
 * with pj_sockaddr_from_ip / pj_sockaddr_from_unix and read them back with
 * pj_sockaddr_describe. A timeout is a double in seconds: < 0 blocks, 0 never
 * waits, > 0 waits (with poll) at most that long in total; only a descriptor
 * in non-blocking mode (pj_sock_set_nonblocking) times out. A signal during a
 * wait or transfer returns -EINTR (sendall: *sent is what went); call again
 * with the time left after running signal handlers (a blocking connect keeps
 * waiting instead). */
#define PJ_SOCKADDR_MAX 128
/* Returned when a timeout runs out (not an errno: the kernel's ETIMEDOUT differs). */
#define PJ_SOCK_TIMEOUT (-100001)
/* Returned by pj_getaddrinfo on a resolver error; the EAI_* code is in *gai_code. */
#define PJ_SOCK_GAIERROR (-100002)
/* Returned by pj_gethostbyaddr on a lookup failure; h_errno is in *herr. */
#define PJ_SOCK_HERROR (-100003)

/* One getaddrinfo result (fixed size, so a caller can pass an array). */
struct pj_addrinfo {
    int family;
    int socktype;
    int protocol;
    int addrlen;                           /* bytes used in addr */
    char canonname[256];                   /* NUL-terminated, truncated, "" if none */
    unsigned char addr[PJ_SOCKADDR_MAX];   /* sockaddr bytes */
};

int pj_sock_open(int family, int type, int proto, int *fd);
int pj_sock_close(int fd);
int pj_sock_dup(int fd, int *newfd);
int pj_sock_set_nonblocking(int fd, int on);
int pj_sock_socketpair(int family, int type, int proto, int *fds /* [2] */);
int pj_sock_bind(int fd, const void *addr, size_t addrlen);
int pj_sock_listen(int fd, int backlog);
int pj_sock_accept(int fd, double timeout, int *newfd, void *addr, size_t *addrlen);
int pj_sock_connect(int fd, const void *addr, size_t addrlen, double timeout);
int pj_sock_shutdown(int fd, int how);
int pj_sock_send(int fd, const void *buf, size_t len, int flags, double timeout, size_t *sent);
int pj_sock_sendall(int fd, const void *buf, size_t len, int flags, double timeout, size_t *sent);
int pj_sock_sendto(int fd, const void *buf, size_t len, int flags,
                   const void *addr, size_t addrlen, double timeout, size_t *sent);
int pj_sock_recv(int fd, void *buf, size_t len, int flags, double timeout, size_t *received);
int pj_sock_recvfrom(int fd, void *buf, size_t len, int flags, double timeout,
                     size_t *received, void *addr, size_t *addrlen);
/* One buffer of a scatter/gather list; the layout of struct iovec. */
typedef struct pj_iov {
    void *base;
    size_t len;
} pj_iov;
/* Largest ancillary-data buffer pj_sock_sendmsg/recvmsg accept (bytes). */
#define PJ_SOCK_CONTROL_MAX (1u << 20)
/* sendmsg(2): the nbufs buffers of bufs, then control[:controllen] (cmsghdr
 * records laid out by the caller) to addr (NULL: the connected peer). *sent
 * gets the count of bytes that went. Same timeout/-EINTR rules as send. */
int pj_sock_sendmsg(int fd, const pj_iov *bufs, size_t nbufs, const void *control,
                    size_t controllen, int flags, const void *addr, size_t addrlen,
                    double timeout, size_t *sent);
/* recvmsg(2) into the nbufs buffers of bufs. *controllen: in, the capacity of
 * control; out, the bytes of ancillary data received. *received gets the data
 * bytes, *msg_flags the message flags (MSG_TRUNC, MSG_CTRUNC, ...), and the
 * sender's address goes to addr with *addrlen (addr may be NULL). */
int pj_sock_recvmsg(int fd, const pj_iov *bufs, size_t nbufs, void *control,
                    size_t *controllen, int flags, double timeout, size_t *received,
                    int *msg_flags, void *addr, size_t *addrlen);
int pj_sock_setsockopt(int fd, int level, int option, const void *value, size_t len);
int pj_sock_getsockopt(int fd, int level, int option, void *value, size_t *len);
int pj_sock_getsockname(int fd, void *addr, size_t *addrlen);
int pj_sock_getpeername(int fd, void *addr, size_t *addrlen);
int pj_sockaddr_from_ip(int family, const char *host, int port, uint32_t flowinfo,
                        uint32_t scope_id, void *out, size_t cap, size_t *outlen);
int pj_sockaddr_from_unix(const char *path, size_t pathlen, void *out, size_t cap, size_t *outlen);
int pj_sockaddr_describe(const void *addr, size_t len, int *family, char *host, size_t hostcap,
                         size_t *hostlen, int *port, uint32_t *flowinfo, uint32_t *scope_id);
int pj_inet_pton(int family, const char *text, void *out, size_t cap, size_t *outlen);
int pj_inet_ntop(int family, const void *src, size_t len, char *buf, size_t cap);
int pj_inet_aton(const char *text, uint8_t *out /* [4] */);
int pj_getaddrinfo(const char *host, const char *service, int family, int type, int proto,
                   int flags, struct pj_addrinfo *out, size_t cap, size_t *count, int *gai_code);
int pj_gai_strerror(int code, char *buf, size_t cap);
int pj_hstrerror(int code, char *buf, size_t cap);
int pj_gethostname(char *buf, size_t cap);
int pj_gethostbyaddr(const void *ip, size_t iplen, int family, char *name, size_t namecap,
                     char *aliases, size_t aliascap, size_t *naliases,
                     void *addrs, size_t addrscap, size_t *naddrs, size_t *addrsize, int *herr);

/* ---- processes (spawn.c) ------------------------------------------------ */

/* Kinds of pj_spawn_action; OPEN/CLOSE/DUP2 equal CPython's os.POSIX_SPAWN_*. */
#define PJ_SPAWN_OPEN      0  /* open(path, oflag, mode) onto fd */
#define PJ_SPAWN_CLOSE     1  /* close(fd) */
#define PJ_SPAWN_DUP2      2  /* dup2(fd, newfd); fd == newfd clears FD_CLOEXEC */
#define PJ_SPAWN_CLOSEFROM 3  /* close every fd >= fd (-ENOSYS before glibc 2.34) */
#define PJ_SPAWN_CHDIR     4  /* chdir(path) (-ENOSYS before glibc 2.29) */

/* One file action, applied in the child in array order before the exec. */
typedef struct pj_spawn_action {
    int kind;           /* PJ_SPAWN_* */
    int fd;             /* OPEN: target fd; CLOSE: fd; DUP2: source fd; CLOSEFROM: lowest fd */
    int newfd;          /* DUP2 only: target fd */
    int oflag;          /* OPEN only: open(2) flags */
    unsigned int mode;  /* OPEN only: permission bits for O_CREAT */
    const char *path;   /* OPEN, CHDIR: NUL-terminated path; else NULL */
} pj_spawn_action;

/* Bits of pj_spawn_attrs.flags. */
#define PJ_SPAWN_F_SETSID     0x01  /* child starts a new session */
#define PJ_SPAWN_F_SETPGROUP  0x02  /* child joins process group pgroup (0: its own) */
#define PJ_SPAWN_F_SETSIGMASK 0x04  /* child's signal mask is sigmask */
#define PJ_SPAWN_F_SETSIGDEF  0x08  /* signals in sigdef get SIG_DFL in the child */
#define PJ_SPAWN_F_RESETIDS   0x10  /* effective ids := real ids */
#define PJ_SPAWN_F_DFL_RESERVED 0x20 /* libc-reserved signals (glibc: 32, 33) get SIG_DFL,
                                      * as after fork+exec (posix_spawn leaves them SIG_IGN) */

/* Spawn attributes; signal sets are 64-bit masks, bit (n - 1) = signal n. */
typedef struct pj_spawn_attrs {
    int flags;          /* PJ_SPAWN_F_* */
    pid_t pgroup;
    uint64_t sigmask;
    uint64_t sigdef;
} pj_spawn_attrs;

/* Value of *out_code from pj_waitpid when the child neither exited nor died. */
#define PJ_WAIT_NO_CODE (-2147483647 - 1)

/* Start a program. path is the program (searched in the C environ's PATH when
 * search_path != 0), argv and envp NULL-terminated arrays of C strings that
 * the caller owns (envp NULL: inherit the current C environ). actions (may be
 * NULL when n_actions is 0) and attrs (NULL: defaults) are read only during
 * the call. On success *out_pid is the child's pid, and the caller must reap
 * it with pj_waitpid. Errors: -EINVAL for bad arguments, -ENOSYS for an
 * action this libc lacks, or the exec's error (-ENOENT: no such program,
 * -EACCES, -ENOEXEC, ...), in which case no child is left behind. */
int pj_spawn(const char *path, char *const argv[], char *const envp[], int search_path,
             const pj_spawn_action *actions, size_t n_actions,
             const pj_spawn_attrs *attrs, pid_t *out_pid);

/* waitpid(pid, &status, options); -EINTR when a signal interrupts it (call
 * again after running signal handlers). *out_pid is the reaped
 * pid (0 with WNOHANG when no child changed state), *out_status the raw wait
 * status and *out_code the exit code, -signal number if a signal killed it,
 * else PJ_WAIT_NO_CODE. Returns 0 or -errno (-ECHILD: nothing to wait for). */
int pj_waitpid(pid_t pid, int options, pid_t *out_pid, int *out_status, int *out_code);

/* Decode a raw wait status: *out_code = exit code or -signal number.
 * Returns -EINVAL (and leaves *out_code alone) for a stopped/continued status. */
int pj_wait_decode(int status, int *out_code);

/* pipe2(out_fds, flags) with flags a subset of O_CLOEXEC | O_NONBLOCK;
 * out_fds[0] is the read end, out_fds[1] the write end; the caller closes both. */
int pj_pipe(int flags, int *out_fds);

/* kill(pid, sig): 0 or -errno (-ESRCH: no such process). */
int pj_kill(pid_t pid, int sig);

/* close(fd); the fd is released even on error. 0 or -errno (-EBADF). */
int pj_close(int fd);

/* ---- signals reaching native code (signal.c) ----------------------------- */

/* Set by the runtime's C handler (chained in front of the host's) together with
 * the module limits below, which native code compares with. */
extern volatile int pj_signal_pending;
/* Each compiled module holds a limit of its own (an i64 the code reaches pc-relative):
 * the deepest recursion level its code runs at (codegen/lower.py MAX_DEPTH) while no
 * signal is pending. The C handler sets every registered limit to -1, so that the
 * depth check of a recursive call (`level > limit`, one compare with memory, as a
 * compare with the constant would be) takes its rare branch, which polls, and loops
 * poll with `limit != MAX`: a poll costs nothing of its own. pj_signal_poll puts
 * them back. Registered limits must stay valid (modules are never unloaded).
 * 0, -EINVAL (NULL), -ENOSPC (4M modules), -ENOMEM. */
#define PJ_NATIVE_MAX_DEPTH 800
int pj_signal_register_limit(volatile int64_t *limit);
/* The main thread (the caller) and the host's PyGILState_Ensure/Release,
 * PyErr_CheckSignals and PyErr_Fetch, as plain function pointers. */
int pj_signal_setup(void *ensure, void *release, void *check, void *fetch);
/* Put the runtime's handler in front of sig's handler when that is a function;
 * *out_chained 1 when it is now, 0 for SIG_DFL/SIG_IGN. */
int pj_signal_chain(int sig, int *out_chained);
/* Native code's slow path: 0 carry on, 1 a Python handler raised (pj_signal_take). */
int pj_signal_poll(int64_t *err, int64_t n_err);
int pj_signal_take(void **out_type, void **out_value, void **out_tb);   /* -ENOENT: none */
/* End the process by sig's default action when pj_signal_exit_now runs (after the
 * host's finalization, registered with Py_AtExit): CPython's exit after an uncaught
 * KeyboardInterrupt. */
int pj_signal_exit_by(int sig);
void pj_signal_exit_now(void);

/* ---- sqlite bridge (sqlite.c) ------------------------------------------- */

/*
 * The system SQLite library, dlopen()ed on first use ("libsqlite3.so.0",
 * then "libsqlite3.so"); no SQLite headers are needed to build. Handles are
 * SQLite's own opaque types. Functions that wrap an SQLite call return its
 * result code (0 SQLITE_OK, 100 SQLITE_ROW, 101 SQLITE_DONE, others errors;
 * never negative); bridge failures are negative errno values: -ENOENT (the
 * library or a symbol is missing), -EINVAL (NULL handle or out-parameter,
 * negative length, embedded NUL in a name/path), -E2BIG (a length over
 * INT_MAX), -ENOMEM. Text is UTF-8 with an explicit byte length, blobs are
 * pointer + length. Pointers returned through out-parameters belong to SQLite
 * and are valid until the next call on the same statement or connection.
 */
struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_context;
struct sqlite3_value;
struct sqlite3_backup;
struct sqlite3_blob;

/* Fundamental datatypes (SQLite's SQLITE_INTEGER ... SQLITE_NULL), used in
 * the type arrays of pj_sqlite_bind_row / pj_sqlite_row / pj_sqlite_value /
 * pj_sqlite_result. The PJ_SQLITE_ERROR_* kinds only for pj_sqlite_result:
 * an error with a message, SQLITE_TOOBIG, SQLITE_NOMEM. */
#define PJ_SQLITE_INTEGER 1
#define PJ_SQLITE_FLOAT 2
#define PJ_SQLITE_TEXT 3
#define PJ_SQLITE_BLOB 4
#define PJ_SQLITE_NULL 5
#define PJ_SQLITE_ERROR_RESULT 6
#define PJ_SQLITE_ERROR_TOOBIG 7
#define PJ_SQLITE_ERROR_NOMEM 8

/* Load the library now: 0, or -ENOENT if it (or a needed symbol) is missing. */
int pj_sqlite_load(void);
/* The library's version string (static, owned by SQLite) and number. */
int pj_sqlite_libversion(const char **version, int *number);
/* sqlite3_threadsafe(): the compile-time threading mode (0, 1 or 2). */
int pj_sqlite_threadsafe(int *mode);
/* SQLite's English text for a result code (static) in *out. */
int pj_sqlite_errstr(int code, const char **out);
/* *out = sqlite3_complete(sql[0..len)): 1 if it ends a complete statement. */
int pj_sqlite_complete(const char *sql, int64_t len, int *out);

/* Open path[0..len) with SQLITE_OPEN_* flags. Returns SQLite's code; *db may
 * be non-NULL even on failure (for its error message): always pass it to
 * pj_sqlite_close. */
int pj_sqlite_open(const char *path, int64_t path_len, int flags, struct sqlite3 **db);
/* sqlite3_close_v2: the connection goes once its statements are finalized. */
int pj_sqlite_close(struct sqlite3 *db);
/* The connection's last error: message (owned by SQLite), primary and
 * extended result codes. */
int pj_sqlite_errmsg(struct sqlite3 *db, const char **msg, int *code, int *extended);
/* changes64, total_changes64, last_insert_rowid and get_autocommit at once. */
int pj_sqlite_counters(struct sqlite3 *db, int64_t *changes, int64_t *total_changes,
                       int64_t *last_rowid, int *autocommit);
/* *autocommit = sqlite3_get_autocommit(db) (1: no transaction open). */
int pj_sqlite_autocommit(struct sqlite3 *db, int *autocommit);
/* sqlite3_busy_timeout (negative ms means 0 = no waiting). */
int pj_sqlite_busy_timeout(struct sqlite3 *db, int ms);
/* sqlite3_interrupt: safe from any thread. */
int pj_sqlite_interrupt(struct sqlite3 *db);

/* Compile the first statement of sql[0..len); *tail = byte offset just
 * after it. Returns SQLite's code; *stmt is NULL for empty/comment-only SQL.
 * The caller finalizes *stmt. */
int pj_sqlite_prepare(struct sqlite3 *db, const char *sql, int64_t len,
                      struct sqlite3_stmt **stmt, int64_t *tail);
/* sqlite3_step: SQLITE_ROW, SQLITE_DONE or an error code. */
int pj_sqlite_step(struct sqlite3_stmt *stmt);
/* One step for statements run for their effect (executemany's loop): returns
 * sqlite3_step's code; on SQLITE_DONE *changes = sqlite3_changes64 of the
 * statement's connection and the statement is reset (bindings kept), ready to
 * run again; on SQLITE_ROW or an error *changes = 0 and nothing is reset. */
int pj_sqlite_step_reset(struct sqlite3_stmt *stmt, int64_t *changes);
/* sqlite3_reset (its code reports the last step's error), then
 * sqlite3_clear_bindings if clear_bindings is non-zero. */
int pj_sqlite_reset(struct sqlite3_stmt *stmt, int clear_bindings);
/* sqlite3_finalize (NULL is a no-op). */
int pj_sqlite_finalize(struct sqlite3_stmt *stmt);
/* Number of parameters, number of result columns, sqlite3_stmt_readonly. */
int pj_sqlite_stmt_info(struct sqlite3_stmt *stmt, int *nparams, int *ncolumns, int *readonly);
/* Name of parameter index (1-based) with its prefix (":x"), NULL for "?". */
int pj_sqlite_param_name(struct sqlite3_stmt *stmt, int index, const char **name);
/* Name and declared type (NULL if none) of result column col (0-based). */
int pj_sqlite_column_info(struct sqlite3_stmt *stmt, int col, const char **name,
                          const char **decltype_);
/* Bind one parameter (1-based index); text/blob are copied (TRANSIENT). */
int pj_sqlite_bind_null(struct sqlite3_stmt *stmt, int index);
int pj_sqlite_bind_int64(struct sqlite3_stmt *stmt, int index, int64_t value);
int pj_sqlite_bind_double(struct sqlite3_stmt *stmt, int index, double value);
int pj_sqlite_bind_text(struct sqlite3_stmt *stmt, int index, const char *utf8, int64_t len);
int pj_sqlite_bind_blob(struct sqlite3_stmt *stmt, int index, const void *data, int64_t len);
/* Bind parameters 1..n in one call: types[i] picks ints[i], doubles[i] or
 * ptrs[i]/lens[i]. On failure returns the code and *failed = the 1-based
 * index that failed. */
int pj_sqlite_bind_row(struct sqlite3_stmt *stmt, int n, const int *types, const int64_t *ints,
                       const double *doubles, const void *const *ptrs, const int64_t *lens,
                       int *failed);
/* Read columns 0..n-1 of the current row: types[i], and ints[i], doubles[i]
 * or ptrs[i]/lens[i] (owned by SQLite, valid until the next step/reset). */
int pj_sqlite_row(struct sqlite3_stmt *stmt, int n, int *types, int64_t *ints, double *doubles,
                  const void **ptrs, int64_t *lens);

/* sqlite3_create_function_v2 with UTF-8 text: a scalar (func) or aggregate
 * (step + final) named name[0..len), nargs -1..127, flags may add
 * SQLITE_DETERMINISTIC; app is returned by pj_sqlite_user_data. Callbacks
 * may be NULL to delete the function. */
int pj_sqlite_create_function(struct sqlite3 *db, const char *name, int64_t name_len, int nargs,
                              int flags, void *app,
                              void (*func)(struct sqlite3_context *, int, struct sqlite3_value **),
                              void (*step)(struct sqlite3_context *, int, struct sqlite3_value **),
                              void (*final)(struct sqlite3_context *));
/* sqlite3_create_collation_v2 with UTF-8 text: cmp(app, len_a, a, len_b, b)
 * orders two strings (negative, 0, positive); a NULL cmp deletes the
 * collation. Returns SQLite's code, or -EINVAL for an embedded NUL. */
int pj_sqlite_create_collation(struct sqlite3 *db, const char *name, int64_t name_len, void *app,
                               int (*cmp)(void *, int, const void *, int, const void *));
/* Online backup (sqlite.org/c3ref/backup_finish.html): init copies database
 * src_name of src into dest_name of dest; on failure *out is NULL and the
 * result is the code of dest's error (its message: pj_sqlite_errmsg(dest)).
 * step copies up to pages pages (< 0: all) and returns SQLITE_OK (more to
 * do), SQLITE_DONE, SQLITE_BUSY/LOCKED (retry later) or an error, with the
 * pages *remaining and the source's *pagecount. finish frees the backup and
 * returns the copy's overall code. */
int pj_sqlite_backup_init(struct sqlite3 *dest, const char *dest_name, int64_t dest_len,
                          struct sqlite3 *src, const char *src_name, int64_t src_len,
                          struct sqlite3_backup **out);
int pj_sqlite_backup_step(struct sqlite3_backup *backup, int pages, int *remaining,
                          int *pagecount);
int pj_sqlite_backup_finish(struct sqlite3_backup *backup);
/* sqlite3_trace_v2: callback(event, app, P, X) for the events in mask
 * (SQLITE_TRACE_STMT = 1: P is the statement, X its SQL text); a NULL
 * callback stops tracing. Returns SQLite's code. */
int pj_sqlite_trace(struct sqlite3 *db, unsigned mask,
                    int (*callback)(unsigned, void *, void *, void *), void *app);
/* sqlite3_expanded_sql: *out = the statement's SQL with bound values inlined
 * (*len bytes, NUL-terminated), to be released with pj_sqlite_free;
 * -ENOMEM if SQLite could not build it. */
int pj_sqlite_expanded_sql(struct sqlite3_stmt *stmt, char **out, int64_t *len);
/* sqlite3_free on memory SQLite handed out (NULL is a no-op). */
int pj_sqlite_free(void *p);
/* sqlite3_set_authorizer: callback(app, action, arg1, arg2, dbname, source)
 * returns SQLITE_OK, SQLITE_DENY (1) or SQLITE_IGNORE (2) while statements
 * compile; a NULL callback removes it. Returns SQLite's code. */
int pj_sqlite_set_authorizer(struct sqlite3 *db,
                             int (*callback)(void *, int, const char *, const char *,
                                             const char *, const char *),
                             void *app);
/* sqlite3_progress_handler: callback(app) every n virtual-machine steps; a
 * non-zero return interrupts the statement. NULL or n < 1 removes it. */
int pj_sqlite_progress_handler(struct sqlite3 *db, int n, int (*callback)(void *), void *app);
/* sqlite3_limit: *old = category's limit before the call; new_value < 0 only
 * reads it. -EINVAL: unknown category (SQLite answers -1). */
int pj_sqlite_limit(struct sqlite3 *db, int category, int new_value, int *old);
/* sqlite3_create_window_function with UTF-8 text: an aggregate window
 * function (step, final, value, inverse; all NULL deletes it). nargs is passed
 * to SQLite unchecked (it answers SQLITE_MISUSE). -ENOSYS before SQLite 3.25. */
int pj_sqlite_create_window_function(struct sqlite3 *db, const char *name, int64_t name_len,
                                     int nargs, int flags, void *app,
                                     void (*step)(struct sqlite3_context *, int,
                                                  struct sqlite3_value **),
                                     void (*final)(struct sqlite3_context *),
                                     void (*value)(struct sqlite3_context *),
                                     void (*inverse)(struct sqlite3_context *, int,
                                                     struct sqlite3_value **));
/* Incremental blob I/O (sqlite.org/c3ref/blob_open.html). open: the value in
 * column of row (rowid) of table in database dbname, for writing if writable;
 * returns SQLite's code (*out NULL on failure, message in pj_sqlite_errmsg).
 * read/write n bytes at offset (never changing the blob's size); SQLite's
 * code, -EINVAL for negative sizes, -E2BIG over INT_MAX. close frees it. */
int pj_sqlite_blob_open(struct sqlite3 *db, const char *dbname, int64_t dbname_len,
                        const char *table, int64_t table_len, const char *column,
                        int64_t column_len, int64_t row, int writable, struct sqlite3_blob **out);
int pj_sqlite_blob_bytes(struct sqlite3_blob *blob, int *size);
int pj_sqlite_blob_read(struct sqlite3_blob *blob, void *buf, int64_t n, int64_t offset);
int pj_sqlite_blob_write(struct sqlite3_blob *blob, const void *data, int64_t n, int64_t offset);
int pj_sqlite_blob_close(struct sqlite3_blob *blob);
/* sqlite3_serialize: *out and *size = the bytes of database name of db; *owned = 1
 * when *out is a copy the caller frees with pj_sqlite_free, 0 when it is the
 * database's own memory (valid until the next call on db). -ENOENT: SQLite
 * could not serialize it (no such database, or an empty one); -ENOSYS
 * before SQLite 3.23. */
int pj_sqlite_serialize(struct sqlite3 *db, const char *name, int64_t name_len, void **out,
                        int64_t *size, int *owned);
/* sqlite3_deserialize: database name of db becomes an in-memory, resizable
 * copy of data[0..size). Returns SQLite's code; -ENOMEM if the copy (made with
 * sqlite3_malloc64; SQLite owns it) fails, as it does for size 0; -ENOSYS
 * before SQLite 3.23. */
int pj_sqlite_deserialize(struct sqlite3 *db, const char *name, int64_t name_len,
                          const void *data, int64_t size);
/* Inside a callback: the app pointer given at creation. */
int pj_sqlite_user_data(struct sqlite3_context *ctx, void **app);
/* sqlite3_aggregate_context: nbytes zeroed bytes, per aggregate invocation;
 * nbytes 0 returns NULL if step never allocated it. */
int pj_sqlite_aggregate_context(struct sqlite3_context *ctx, int nbytes, void **out);
/* Read one callback argument: its type and value (text/blob owned by SQLite). */
int pj_sqlite_value(struct sqlite3_value *value, int *type, int64_t *i, double *d,
                    const void **ptr, int64_t *len);
/* Set a callback's result: type picks i, d or ptr/len (copied); with
 * PJ_SQLITE_ERROR_RESULT, ptr/len is the UTF-8 error message;
 * PJ_SQLITE_ERROR_TOOBIG / _NOMEM report SQLite's own errors (no message). */
int pj_sqlite_result(struct sqlite3_context *ctx, int type, int64_t i, double d,
                     const void *ptr, int64_t len);

#endif /* PJ_RUNTIME_H */
