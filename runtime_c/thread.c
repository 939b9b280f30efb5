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
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

/* Set in each runtime thread, so that a fork() child knows whether the one
 * thread it keeps is a runtime thread (and will leave the registry later). */
static __thread int is_runtime_thread = 0;

static void registry_add(long delta)
{
    pthread_mutex_lock(&registry_lock);
    registry_live += delta;
    pthread_mutex_unlock(&registry_lock);
}

/* In a fork() child only the forking thread survives: the registry counts it
 * alone, and the mutex may have been held by a thread that no longer exists. */
static void atfork_child(void)
{
    pthread_mutex_init(&registry_lock, NULL);
    registry_live = is_runtime_thread ? 1 : 0;
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

    /* Count it before it can possibly finish, so the count never dips. */
    registry_add(1);
    rc = pthread_create(&tid, &attr, trampoline, info);
    if (rc != 0) {
        registry_add(-1);
        goto error_attr;
    }
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
 * Returns 0, -EDEADLK (joining oneself), -EINVAL (not joinable) or -ESRCH.
 * Blocks: call it without the GIL. */
int pj_thread_join(unsigned long ident)
{
    int rc;
    do {
        rc = pthread_join((pthread_t)ident, NULL);
    } while (rc == EINTR);
    return -rc;
}

/* Like pj_thread_join, but never blocks: -EBUSY while the thread still runs. */
int pj_thread_tryjoin(unsigned long ident)
{
    return -pthread_tryjoin_np((pthread_t)ident, NULL);
}

/* Detach a joinable thread: its resources go away when it ends. 0 or -errno. */
int pj_thread_detach(unsigned long ident)
{
    return -pthread_detach((pthread_t)ident);
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
    pthread_mutex_lock(&registry_lock);
    *out_count = registry_live;
    pthread_mutex_unlock(&registry_lock);
    return 0;
}

/* Whether the calling thread was started by pj_thread_start (1) or not (0). */
int pj_thread_is_runtime(void)
{
    return is_runtime_thread;
}
