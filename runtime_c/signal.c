/* signal.c - the pending-signal flag that native code polls.
 *
 * The host's C signal handlers only record a signal; its Python handlers run
 * when the main thread next checks (PyErr_CheckSignals). Native code runs
 * without going back to the host's eval loop, so the runtime puts its own C
 * handler in front of the host's for each signal that has one
 * (pj_signal_chain): it sets pj_signal_pending and every registered module
 * limit (pj_signal_register_limit) and calls the host's handler. Native code
 * compares with its module's limit at every loop back-edge and recursive call
 * and calls pj_signal_poll when it is cut; in the main thread that runs
 * the Python handlers through host functions handed over by pj_signal_setup
 * (this file includes no Python header: they are plain function pointers).
 */
#include "pj_runtime.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NSIG
#define NSIG 65
#endif

/* Polled by native code (one load and a rarely taken branch). */
volatile int pj_signal_pending = 0;
/* Every compiled module's own depth limit (pj_runtime.h), registered once each: chunks
 * that are never freed or moved, so the signal handler can walk them while another
 * thread registers (the count is published after the entry). */
#define LIMIT_CHUNK 1024
#define LIMIT_CHUNKS 4096
static volatile int64_t **limit_chunks[LIMIT_CHUNKS];
static size_t n_limits = 0;
static pthread_mutex_t limits_lock = PTHREAD_MUTEX_INITIALIZER;

static void set_limits(int64_t value)
{
    size_t n = __atomic_load_n(&n_limits, __ATOMIC_ACQUIRE);
    for (size_t i = 0; i < n; i++)
        __atomic_store_n(limit_chunks[i / LIMIT_CHUNK][i % LIMIT_CHUNK], value, __ATOMIC_RELAXED);
}

int pj_signal_register_limit(volatile int64_t *limit)
{
    size_t n;
    volatile int64_t **chunk;

    if (limit == NULL)
        return -EINVAL;
    pthread_mutex_lock(&limits_lock);
    n = n_limits;
    if (n / LIMIT_CHUNK >= LIMIT_CHUNKS) {
        pthread_mutex_unlock(&limits_lock);
        return -ENOSPC;
    }
    chunk = limit_chunks[n / LIMIT_CHUNK];
    if (chunk == NULL) {
        chunk = calloc(LIMIT_CHUNK, sizeof *chunk);
        if (chunk == NULL) {
            pthread_mutex_unlock(&limits_lock);
            return -ENOMEM;
        }
        __atomic_store_n(&limit_chunks[n / LIMIT_CHUNK], chunk, __ATOMIC_RELEASE);
    }
    chunk[n % LIMIT_CHUNK] = limit;
    __atomic_store_n(&n_limits, n + 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&limits_lock);
    /* a signal that came before the handler could see this limit */
    if (__atomic_load_n(&pj_signal_pending, __ATOMIC_SEQ_CST))
        __atomic_store_n(limit, -1, __ATOMIC_SEQ_CST);
    return 0;
}

/* The flag and the limits back to "nothing pending", before the handlers run: a
 * signal arriving meanwhile is handled by this poll's PyErr_CheckSignals all the same,
 * and what it leaves set costs one more poll (the limits' slow path always polls). */
static void clear_pending(void)
{
    set_limits(PJ_NATIVE_MAX_DEPTH);
    __atomic_store_n(&pj_signal_pending, 0, __ATOMIC_SEQ_CST);
}

static struct sigaction chained[NSIG];    /* the handler ours calls, per signal */
static pthread_t main_thread;
static int have_main = 0;

static int (*host_ensure)(void);                  /* PyGILState_Ensure */
static void (*host_release)(int);                 /* PyGILState_Release */
static int (*host_check)(void);                   /* PyErr_CheckSignals */
static void (*host_fetch)(void **, void **, void **);   /* PyErr_Fetch */
static void *raised[3];                           /* what a handler raised (owned refs) */
static int has_raised = 0;

/* A worker thread that sees the flag leaves it to the main thread; once it has
 * seen it this often (the main thread was not in native code, so the host
 * handled the signal), it clears it, so that its loops stop taking the slow path. */
#define WORKER_POLLS_BEFORE_CLEAR 65536
static volatile unsigned worker_polls = 0;

static void on_signal(int sig, siginfo_t *info, void *ctx)
{
    int saved = errno;
    const struct sigaction *old;

    __atomic_store_n(&pj_signal_pending, 1, __ATOMIC_SEQ_CST);
    set_limits(-1);
    if (sig > 0 && sig < NSIG) {
        old = &chained[sig];
        if (old->sa_flags & SA_SIGINFO) {
            if (old->sa_sigaction != NULL)
                old->sa_sigaction(sig, info, ctx);
        } else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN
                   && old->sa_handler != NULL) {
            old->sa_handler(sig);
        }
    }
    errno = saved;
}

/* Record the calling thread as the main thread and the host functions that run
 * the Python handlers. Any pointer NULL: pj_signal_poll never runs handlers. */
int pj_signal_setup(void *ensure, void *release, void *check, void *fetch)
{
    main_thread = pthread_self();
    have_main = 1;
    host_ensure = (int (*)(void))ensure;
    host_release = (void (*)(int))release;
    host_check = (int (*)(void))check;
    host_fetch = (void (*)(void **, void **, void **))fetch;
    return 0;
}

/* Put the runtime's handler in front of the current handler of `sig` when that
 * is a function (the host's), so native code sees the signal. Idempotent.
 * *out_chained: 1 when ours is in front now, 0 for SIG_DFL/SIG_IGN.
 * -EINVAL for a bad signal number, or sigaction's errno. */
int pj_signal_chain(int sig, int *out_chained)
{
    struct sigaction cur, ours;

    if (sig <= 0 || sig >= NSIG || out_chained == NULL)
        return -EINVAL;
    *out_chained = 0;
    if (sigaction(sig, NULL, &cur) != 0)
        return -errno;
    if (cur.sa_flags & SA_SIGINFO) {
        if (cur.sa_sigaction == on_signal) {
            *out_chained = 1;
            return 0;
        }
    } else if (cur.sa_handler == SIG_DFL || cur.sa_handler == SIG_IGN) {
        return 0;
    }
    /* ours is not installed for `sig` now (the host replaced it, or never was):
     * updating `chained` cannot race with on_signal for this signal */
    chained[sig] = cur;
    memset(&ours, 0, sizeof ours);
    ours.sa_sigaction = on_signal;
    ours.sa_mask = cur.sa_mask;
    ours.sa_flags = (cur.sa_flags | SA_SIGINFO) & ~SA_RESETHAND;
    if (sigaction(sig, &ours, NULL) != 0)
        return -errno;
    *out_chained = 1;
    return 0;
}

/* Called by native code when pj_signal_pending is set. err/n_err: the calling
 * unit's error record, kept intact across the handlers (they may run native
 * code on this thread). 0: carry on. 1: a Python handler raised; the exception
 * waits in pj_signal_take until the native call has returned. Other threads
 * than the main one return 0 at once: the host delivers signals to the main
 * thread only. */
int pj_signal_poll(int64_t *err, int64_t n_err)
{
    int64_t saved[64];
    int gil, rc;

    if (!have_main || !pthread_equal(pthread_self(), main_thread)) {
        if (++worker_polls >= WORKER_POLLS_BEFORE_CLEAR) {
            worker_polls = 0;
            clear_pending();
        }
        return 0;
    }
    clear_pending();
    worker_polls = 0;
    if (host_check == NULL || host_ensure == NULL || host_release == NULL || host_fetch == NULL)
        return 0;
    if (n_err < 0 || n_err > 64 || (n_err > 0 && err == NULL))
        n_err = 0;
    if (n_err > 0)
        memcpy(saved, err, (size_t)n_err * sizeof *err);
    gil = host_ensure();
    rc = host_check();
    if (rc != 0 && !has_raised) {
        host_fetch(&raised[0], &raised[1], &raised[2]);
        has_raised = 1;
    } else if (rc != 0) {
        rc = 0;     /* cannot happen: the first exception is still waiting */
    }
    host_release(gil);
    if (n_err > 0)
        memcpy(err, saved, (size_t)n_err * sizeof *err);
    return rc != 0;
}

/* Hand over what a handler raised (owned references, as PyErr_Fetch gives them:
 * the caller passes them to PyErr_Restore). 0, or -ENOENT when nothing waits. */
int pj_signal_take(void **out_type, void **out_value, void **out_tb)
{
    if (out_type == NULL || out_value == NULL || out_tb == NULL)
        return -EINVAL;
    if (!has_raised)
        return -ENOENT;
    *out_type = raised[0];
    *out_value = raised[1];
    *out_tb = raised[2];
    raised[0] = raised[1] = raised[2] = NULL;
    has_raised = 0;
    return 0;
}

static volatile int exit_signal = 0;

/* Make the process end by `sig` (default action) once pj_signal_exit_now runs:
 * CPython ends by SIGINT after an uncaught KeyboardInterrupt, so that the parent
 * sees the same status as for an interrupted C program. -EINVAL for a bad sig. */
int pj_signal_exit_by(int sig)
{
    if (sig <= 0 || sig >= NSIG)
        return -EINVAL;
    exit_signal = sig;
    return 0;
}

/* Registered with the host's Py_AtExit: runs after interpreter finalization. */
void pj_signal_exit_now(void)
{
    struct sigaction dfl;
    int sig = exit_signal;

    if (sig == 0)
        return;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    if (sigaction(sig, &dfl, NULL) == 0) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        kill(getpid(), sig);
    }
}
