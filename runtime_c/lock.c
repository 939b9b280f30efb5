/*
 * lock.c - locks for protojit's runtime: a plain lock (any thread may release
 * it, like CPython's _thread.lock) and a recursive lock (owner + count).
 *
 * Both are a mutex plus a condition variable on CLOCK_MONOTONIC, so timed
 * acquires do not jump with the wall clock. The mutex is only ever held for a
 * few instructions, never while waiting; so pj_lock_release and non-blocking
 * acquires may be called with the GIL held, while a blocking acquire must be
 * called without it (ctypes releases it for CDLL calls).
 *
 * A count of the locks alive (made and not yet freed, both kinds) lets tests
 * check that nothing leaks; it is the only global, under its own mutex.
 *
 * Conventions (pj_runtime.h): 0 or a negative errno, results in
 * out-parameters, no printing.
 */
#define _GNU_SOURCE
#include "pj_runtime.h"
#include "pj_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct pj_lock {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int locked;
    unsigned gen;        /* fork_gen when made */
};

struct pj_rlock {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t owner;     /* meaningful only while count > 0 */
    size_t count;        /* recursion depth; 0: unlocked */
    unsigned gen;        /* fork_gen when made */
};

/* Forks this process has come out of as the child. A lock made before the last fork may
 * record waiters in its condition variable that are threads of the parent: glibc's
 * pthread_cond_destroy waits for them to leave, for ever in the child (a guest fork()
 * child hung freeing the locks threading's _after_fork replaces). Such a lock is freed
 * without destroying its mutex and condition variable. */
static unsigned fork_gen = 0;
static pthread_once_t lock_atfork_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;

static void lock_atfork_child(void)
{
    fork_gen++;
    pthread_mutex_init(&live_lock, NULL);   /* (may have been held by another thread) */
}

static void lock_install_atfork(void)
{
    (void)pthread_atfork(NULL, NULL, lock_atfork_child);
}

/* Locks of both kinds made and not yet freed. */
static long live_locks = 0;

static void live_add(long delta)
{
    pj_mutex_lock(&live_lock);
    live_locks += delta;
    pj_mutex_unlock(&live_lock);
}

/* *out_count := number of pj_lock and pj_rlock objects made and not yet freed. */
int pj_lock_live_count(long *out_count)
{
    if (out_count == NULL)
        return -EINVAL;
    pj_mutex_lock(&live_lock);
    *out_count = live_locks;
    pj_mutex_unlock(&live_lock);
    return 0;
}

/* Init a mutex + a condvar that waits on CLOCK_MONOTONIC; unwinds on error. */
static int sync_init(pthread_mutex_t *mu, pthread_cond_t *cv)
{
    pthread_condattr_t ca;
    int rc;

    rc = pthread_mutex_init(mu, NULL);
    if (rc != 0)
        return -rc;
    rc = pthread_condattr_init(&ca);
    if (rc != 0)
        goto error_mutex;
    rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    if (rc == 0)
        rc = pthread_cond_init(cv, &ca);
    pthread_condattr_destroy(&ca);
    if (rc != 0)
        goto error_mutex;
    return 0;

error_mutex:
    pthread_mutex_destroy(mu);
    return -rc;
}

/* Validate a timeout (seconds, < 0: none) and turn it into an absolute
 * CLOCK_MONOTONIC deadline. *out_forever := 1 when there is none. */
static int make_deadline(double timeout, struct timespec *out, int *out_forever)
{
    struct timespec now;
    time_t whole;
    double frac;

    if (timeout != timeout)         /* NaN */
        return -EINVAL;
    if (timeout < 0) {
        *out_forever = 1;
        return 0;
    }
    if (timeout > PJ_LOCK_TIMEOUT_MAX)
        return -EOVERFLOW;
    *out_forever = 0;
    if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
        return -errno;
    whole = (time_t)timeout;        /* in range: timeout <= PJ_LOCK_TIMEOUT_MAX */
    frac = timeout - (double)whole;
    out->tv_sec = now.tv_sec + whole;
    out->tv_nsec = now.tv_nsec + (long)(frac * 1e9);
    if (out->tv_nsec >= 1000000000L) {
        out->tv_sec += 1;
        out->tv_nsec -= 1000000000L;
    }
    return 0;
}

/* Wait on cv (mu held) until woken, or past the deadline: 0 or -ETIMEDOUT.
 * Spurious wake-ups return 0; callers re-check their predicate. */
static int wait_until(pthread_cond_t *cv, pthread_mutex_t *mu, const struct timespec *deadline,
                      int forever)
{
    int rc;
    if (forever)
        rc = pthread_cond_wait(cv, mu);
    else
        rc = pthread_cond_timedwait(cv, mu, deadline);
    return rc == ETIMEDOUT ? -ETIMEDOUT : 0;   /* EINTR is not returned; treat as wake-up */
}

/* Create an unlocked lock; *out is owned by the caller (pj_lock_free).
 * 0, -ENOMEM, or the error of the pthread init calls. */
int pj_lock_new(pj_lock **out)
{
    pj_lock *l;
    int rc;

    if (out == NULL)
        return -EINVAL;
    l = malloc(sizeof *l);
    if (l == NULL)
        return -ENOMEM;
    rc = sync_init(&l->mu, &l->cv);
    if (rc != 0) {
        free(l);
        return rc;
    }
    l->locked = 0;
    pthread_once(&lock_atfork_once, lock_install_atfork);
    l->gen = fork_gen;
    live_add(1);
    *out = l;
    return 0;
}

/* Free a lock made by pj_lock_new; NULL is ignored. No thread may wait on it. */
void pj_lock_free(pj_lock *l)
{
    if (l == NULL)
        return;
    if (l->gen == fork_gen) {
        pthread_cond_destroy(&l->cv);
        pthread_mutex_destroy(&l->mu);
    }
    free(l);
    live_add(-1);
}

/* Acquire: blocking == 0 tries once (-EBUSY if held); else waits, at most
 * timeout seconds when timeout >= 0 (-ETIMEDOUT), forever when < 0.
 * -EINVAL for NaN, -EOVERFLOW above PJ_LOCK_TIMEOUT_MAX. 0: acquired. */
int pj_lock_acquire(pj_lock *l, int blocking, double timeout)
{
    struct timespec deadline;
    int forever = 1, rc = 0;

    if (l == NULL)
        return -EINVAL;
    if (blocking && (rc = make_deadline(timeout, &deadline, &forever)) != 0)
        return rc;
    pj_mutex_lock(&l->mu);
    if (!blocking) {
        rc = l->locked ? -EBUSY : 0;
    } else {
        while (l->locked && rc == 0)
            rc = wait_until(&l->cv, &l->mu, &deadline, forever);
        if (l->locked)
            rc = -ETIMEDOUT;
        else
            rc = 0;    /* got it, even if the deadline passed at the same time */
    }
    if (rc == 0)
        l->locked = 1;
    pj_mutex_unlock(&l->mu);
    return rc;
}

/* Release a held lock (any thread may): 0, or -EPERM if it was not locked. */
int pj_lock_release(pj_lock *l)
{
    int rc = 0;

    if (l == NULL)
        return -EINVAL;
    pj_mutex_lock(&l->mu);
    if (!l->locked) {
        rc = -EPERM;
    } else {
        l->locked = 0;
        pthread_cond_signal(&l->cv);
    }
    pj_mutex_unlock(&l->mu);
    return rc;
}

/* *out_locked := 1 if the lock is held, else 0 (a snapshot). */
int pj_lock_locked(pj_lock *l, int *out_locked)
{
    if (l == NULL || out_locked == NULL)
        return -EINVAL;
    pj_mutex_lock(&l->mu);
    *out_locked = l->locked;
    pj_mutex_unlock(&l->mu);
    return 0;
}

/* Create an unowned recursive lock; free it with pj_rlock_free. */
int pj_rlock_new(pj_rlock **out)
{
    pj_rlock *r;
    int rc;

    if (out == NULL)
        return -EINVAL;
    r = malloc(sizeof *r);
    if (r == NULL)
        return -ENOMEM;
    rc = sync_init(&r->mu, &r->cv);
    if (rc != 0) {
        free(r);
        return rc;
    }
    r->count = 0;
    pthread_once(&lock_atfork_once, lock_install_atfork);
    r->gen = fork_gen;
    live_add(1);
    *out = r;
    return 0;
}

/* Free a recursive lock; NULL is ignored. No thread may wait on it. */
void pj_rlock_free(pj_rlock *r)
{
    if (r == NULL)
        return;
    if (r->gen == fork_gen) {
        pthread_cond_destroy(&r->cv);
        pthread_mutex_destroy(&r->mu);
    }
    free(r);
    live_add(-1);
}

/* Acquire count levels at once (count >= 1): the owner just adds them;
 * otherwise as pj_lock_acquire. -EOVERFLOW if the depth would overflow. */
int pj_rlock_acquire_n(pj_rlock *r, size_t count, int blocking, double timeout)
{
    struct timespec deadline;
    pthread_t self = pthread_self();
    int forever = 1, rc = 0;

    if (r == NULL || count == 0)
        return -EINVAL;
    pj_mutex_lock(&r->mu);
    if (r->count > 0 && pthread_equal(r->owner, self)) {
        if (r->count > (size_t)-1 - count)
            rc = -EOVERFLOW;
        else
            r->count += count;
        pj_mutex_unlock(&r->mu);
        return rc;
    }
    if (!blocking) {
        rc = r->count > 0 ? -EBUSY : 0;
    } else {
        rc = make_deadline(timeout, &deadline, &forever);
        while (rc == 0 && r->count > 0)
            rc = wait_until(&r->cv, &r->mu, &deadline, forever);
        if (rc == -ETIMEDOUT && r->count == 0)
            rc = 0;
    }
    if (rc == 0) {
        r->owner = self;
        r->count = count;
    }
    pj_mutex_unlock(&r->mu);
    return rc;
}

/* Acquire one level; see pj_rlock_acquire_n. */
int pj_rlock_acquire(pj_rlock *r, int blocking, double timeout)
{
    return pj_rlock_acquire_n(r, 1, blocking, timeout);
}

/* Release one level; -EPERM unless the caller owns the lock. */
int pj_rlock_release(pj_rlock *r)
{
    int rc = 0;

    if (r == NULL)
        return -EINVAL;
    pj_mutex_lock(&r->mu);
    if (r->count == 0 || !pthread_equal(r->owner, pthread_self())) {
        rc = -EPERM;
    } else if (--r->count == 0) {
        pthread_cond_signal(&r->cv);
    }
    pj_mutex_unlock(&r->mu);
    return rc;
}

/* Release every level at once (for Condition.wait); *out_count := the depth
 * it had, to give back to pj_rlock_acquire_n. -EPERM unless the owner. */
int pj_rlock_release_all(pj_rlock *r, size_t *out_count)
{
    int rc = 0;

    if (r == NULL || out_count == NULL)
        return -EINVAL;
    pj_mutex_lock(&r->mu);
    if (r->count == 0 || !pthread_equal(r->owner, pthread_self())) {
        rc = -EPERM;
    } else {
        *out_count = r->count;
        r->count = 0;
        pthread_cond_signal(&r->cv);
    }
    pj_mutex_unlock(&r->mu);
    return rc;
}

/* Snapshot: *out_owner := owner identity (0 if unowned), *out_count := depth. */
int pj_rlock_state(pj_rlock *r, unsigned long *out_owner, size_t *out_count)
{
    if (r == NULL || out_owner == NULL || out_count == NULL)
        return -EINVAL;
    pj_mutex_lock(&r->mu);
    *out_count = r->count;
    *out_owner = r->count > 0 ? (unsigned long)r->owner : 0;
    pj_mutex_unlock(&r->mu);
    return 0;
}
