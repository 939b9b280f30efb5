/*
 * thread.c - runtime threads for protojit: start, join, detach, identity and
 * a registry (count) of live runtime threads.
 *
 * A runtime thread runs a plain C function `void fn(void *arg)`. From the
 * interpreter, fn is a ctypes callback that takes the GIL itself while it
 * runs guest code; from native code it is any compiled function. Threads are
 * identified by their pthread_t, which on Linux/glibc is an unsigned long and
 * equals what pthread_self() (and so CPython's _thread.get_ident()) returns.
 *
 * Conventions (pj_runtime.h): 0 or a negative errno, results in
 * out-parameters, globals only under a lock, no printing.
 */
#define _GNU_SOURCE
#include "pj_runtime.h"
#include "pj_internal.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

_Static_assert(sizeof(pthread_t) <= sizeof(unsigned long),
               "thread identities are passed around as unsigned long");

/* What the trampoline needs; owned by the new thread once it started. */
typedef struct start_info {
    pj_thread_fn fn;
    void *arg;
} start_info;

/* Live runtime threads: started, and their fn has not returned yet. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static long registry_live = 0;

/* Joinable runtime threads not yet joined or detached (under registry_lock). Joining or
 * detaching an identity that is not a live pthread_t is undefined behaviour in glibc
 * (it reads the thread descriptor at that address), so join/tryjoin/detach look the
 * identity up here first and answer -ESRCH for one they do not know. */
static unsigned long *joinable = NULL;
static size_t joinable_len = 0, joinable_cap = 0;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

/* Set in each runtime thread, so that a fork() child knows whether the one
 * thread it keeps is a runtime thread (and will leave the registry later). */
static __thread int is_runtime_thread = 0;

static void registry_add(long delta)
{
    pj_mutex_lock(&registry_lock);
    registry_live += delta;
    pj_mutex_unlock(&registry_lock);
}

/* In a fork() child only the forking thread survives: the registry counts it
 * alone, and the mutex may have been held by a thread that no longer exists. */
static void atfork_child(void)
{
    pthread_mutex_init(&registry_lock, NULL);
    registry_live = is_runtime_thread ? 1 : 0;
    joinable_len = 0;       /* the other threads do not exist in the child */
}

/* Make room for one more joinable identity; -ENOMEM. Caller holds registry_lock. */
static int joinable_reserve(void)
{
    unsigned long *grown;
    size_t cap;

    if (joinable_len < joinable_cap)
        return 0;
    cap = joinable_cap ? joinable_cap * 2 : 16;
    if (cap < joinable_cap || cap > (size_t)-1 / sizeof *joinable)
        return -ENOMEM;
    grown = realloc(joinable, cap * sizeof *joinable);
    if (grown == NULL)
        return -ENOMEM;
    joinable = grown;
    joinable_cap = cap;
    return 0;
}

/* Index of ident among the joinable threads, or -1. Caller holds registry_lock. */
static long joinable_find(unsigned long ident)
{
    for (size_t i = 0; i < joinable_len; i++)
        if (joinable[i] == ident)
            return (long)i;
    return -1;
}

/* Forget entry i (order does not matter). Caller holds registry_lock. */
static void joinable_remove(long i)
{
    joinable[i] = joinable[--joinable_len];
}

static void install_atfork(void)
{
    /* If this fails the registry is merely unreliable in fork children. */
    (void)pthread_atfork(NULL, NULL, atfork_child);
}

static void *trampoline(void *p)
{
    start_info info = *(start_info *)p;
    free(p);
    is_runtime_thread = 1;
    info.fn(info.arg);
    is_runtime_thread = 0;
    registry_add(-1);
    return NULL;
}

/* Start a thread that runs fn(arg). stack_size 0 means the default, else it
 * must be at least PTHREAD_STACK_MIN (-EINVAL otherwise). detached != 0 starts
 * it detached (never join it then); otherwise the caller must eventually
 * pj_thread_join (or pj_thread_tryjoin until it succeeds) or pj_thread_detach
 * it. On success *out_ident is the new thread's identity (== pthread_self()
 * inside it) and the registry counts it until fn returns. The caller keeps
 * whatever arg points to alive until fn has returned. Errors: -EINVAL,
 * -EAGAIN (no resources), -ENOMEM; then no thread was started. */
int pj_thread_start(pj_thread_fn fn, void *arg, size_t stack_size, int detached,
                    unsigned long *out_ident)
{
    pthread_attr_t attr;
    pthread_t tid;
    start_info *info;
    int rc;

    if (fn == NULL || out_ident == NULL)
        return -EINVAL;
    if (stack_size != 0 && stack_size < (size_t)PTHREAD_STACK_MIN)
        return -EINVAL;
    pthread_once(&atfork_once, install_atfork);

    info = malloc(sizeof *info);
    if (info == NULL)
        return -ENOMEM;
    info->fn = fn;
    info->arg = arg;

    rc = pthread_attr_init(&attr);
    if (rc != 0)
        goto error_info;
    if (stack_size != 0 && (rc = pthread_attr_setstacksize(&attr, stack_size)) != 0)
        goto error_attr;
    rc = pthread_attr_setdetachstate(&attr, detached ? PTHREAD_CREATE_DETACHED
                                                     : PTHREAD_CREATE_JOINABLE);
    if (rc != 0)
        goto error_attr;

    /* Count it before it can possibly finish, so the count never dips; a joinable one is
     * known to join/detach before anyone can hold its identity. */
    pj_mutex_lock(&registry_lock);
    if (!detached && joinable_reserve() != 0) {
        pj_mutex_unlock(&registry_lock);
        rc = ENOMEM;
        goto error_attr;
    }
    registry_live++;
    rc = pthread_create(&tid, &attr, trampoline, info);
    if (rc != 0)
        registry_live--;
    else if (!detached)
        joinable[joinable_len++] = (unsigned long)tid;
    pj_mutex_unlock(&registry_lock);
    if (rc != 0)
        goto error_attr;
    pthread_attr_destroy(&attr);
    *out_ident = (unsigned long)tid;
    return 0;

error_attr:
    pthread_attr_destroy(&attr);
error_info:
    free(info);
    return -rc;
}

/* Wait for a joinable runtime thread to end and release its resources.
 * Returns 0, -EDEADLK (joining oneself) or -ESRCH (not a thread pj_thread_start
 * started joinable, or one already joined or detached).
 * Blocks: call it without the GIL. */
int pj_thread_join(unsigned long ident)
{
    long i;
    int rc;

    if (ident == (unsigned long)pthread_self())
        return -EDEADLK;
    /* Claim it: from here no other join, tryjoin or detach can reach this thread. */
    pj_mutex_lock(&registry_lock);
    i = joinable_find(ident);
    if (i >= 0)
        joinable_remove(i);
    pj_mutex_unlock(&registry_lock);
    if (i < 0)
        return -ESRCH;
    do {
        rc = pthread_join((pthread_t)ident, NULL);
    } while (rc == EINTR);
    return -rc;
}

/* Like pj_thread_join, but never blocks: -EBUSY while the thread still runs (it stays
 * joinable), -ESRCH for an identity pj_thread_join would refuse. */
int pj_thread_tryjoin(unsigned long ident)
{
    long i;
    int rc = ESRCH;

    pj_mutex_lock(&registry_lock);
    i = joinable_find(ident);
    if (i >= 0) {
        rc = pthread_tryjoin_np((pthread_t)ident, NULL);   /* never blocks */
        if (rc == 0)
            joinable_remove(i);
    }
    pj_mutex_unlock(&registry_lock);
    return -rc;
}

/* Detach a joinable thread: its resources go away when it ends. 0, or -ESRCH for an
 * identity pj_thread_join would refuse. */
int pj_thread_detach(unsigned long ident)
{
    long i;
    int rc = ESRCH;

    pj_mutex_lock(&registry_lock);
    i = joinable_find(ident);
    if (i >= 0) {
        joinable_remove(i);
        rc = pthread_detach((pthread_t)ident);
    }
    pj_mutex_unlock(&registry_lock);
    return -rc;
}

/* The calling thread's identity (pthread_self()); cannot fail. */
unsigned long pj_thread_ident(void)
{
    return (unsigned long)pthread_self();
}

/* The calling thread's kernel thread id (gettid()); cannot fail. */
long pj_thread_native_id(void)
{
    return (long)syscall(SYS_gettid);
}

/* *out_count := number of runtime threads whose fn has not returned yet. */
int pj_thread_live_count(long *out_count)
{
    if (out_count == NULL)
        return -EINVAL;
    pj_mutex_lock(&registry_lock);
    *out_count = registry_live;
    pj_mutex_unlock(&registry_lock);
    return 0;
}

/* Whether the calling thread was started by pj_thread_start (1) or not (0). */
int pj_thread_is_runtime(void)
{
    return is_runtime_thread;
}
