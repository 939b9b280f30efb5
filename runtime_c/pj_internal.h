/*
 * pj_internal.h - what the runtime's C files share and Python never sees.
 *
 * pj_runtime.h is the contract with ctypes and native code; this header is for
 * the runtime's own .c files only: mutex helpers that check their result, and the
 * environment lock that env.c and spawn.c share. The functions declared here
 * are hidden (not exported from the shared library).
 */
#ifndef PJ_INTERNAL_H
#define PJ_INTERNAL_H

#include <pthread.h>
#include <stdlib.h>

#define PJ_HIDDEN __attribute__((visibility("hidden")))

/* Lock/unlock a mutex of the runtime. They are default mutexes initialised by the
 * runtime itself, so a failure (EINVAL, EAGAIN, EPERM) means corrupted memory or a
 * lock/unlock mismatch in the runtime: a bug with no error path that could recover,
 * hence abort() (pj_runtime.h conventions: abort only for a bug of the runtime). */
static inline void pj_mutex_lock(pthread_mutex_t *m)
{
    if (pthread_mutex_lock(m) != 0)
        abort();
}

static inline void pj_mutex_unlock(pthread_mutex_t *m)
{
    if (pthread_mutex_unlock(m) != 0)
        abort();
}

/* env.c's lock over the C `environ`: every read or change of the environment by
 * the runtime holds it (spawn.c across a posix_spawn that passes `environ`). */
PJ_HIDDEN void pj_env_lock(void);
PJ_HIDDEN void pj_env_unlock(void);

#endif /* PJ_INTERNAL_H */
