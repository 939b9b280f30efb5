/*
 * spawn.c - process spawning and reaping for protojit's runtime.
 *
 * Wraps posix_spawn(3)/posix_spawnp(3) (glibc runs them through a
 * CLONE_VFORK child, so an exec failure such as a missing program comes back
 * as the error number of the call, never as a half-started child), waitpid,
 * pipe2, kill and close. The guest modules lib/_pjspawn.py and
 * lib/subprocess.py reach these through protojit/native.py.
 *
 * Conventions (pj_runtime.h): 0 or a negative errno, results in
 * out-parameters, no globals, no printing.
 */
#define _GNU_SOURCE
#include "pj_runtime.h"
#include "pj_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
#define PJ_HAVE_ADDCHDIR 1
#endif
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
#define PJ_HAVE_ADDCLOSEFROM 1
#endif

/* Fill a sigset_t from a 64-bit mask: bit (n - 1) stands for signal n. */
static int mask_to_sigset(uint64_t mask, sigset_t *set)
{
    if (sigemptyset(set) != 0)
        return -errno;
    for (int sig = 1; sig <= 64; sig++) {
        if (!(mask & ((uint64_t)1 << (sig - 1))))
            continue;
        if (sigaddset(set, sig) != 0)
            return -errno;          /* not a valid signal on this system */
    }
    return 0;
}

/* Add the C library's reserved signals to `set` with raw bit operations
 * (sigaddset refuses them). glibc's posix_spawn child sets each of them
 * (SIGCANCEL, SIGSETXID: __SIGRTMIN .. SIGRTMIN - 1) to SIG_IGN before the
 * exec, and an ignored disposition survives the exec; listing them in the
 * "set to default" set gives the program the dispositions a fork+exec child
 * has. All signals stay blocked in the spawn child until just before the exec,
 * so the default action cannot fire in between. */
static int add_reserved_signals(sigset_t *set)
{
#if defined(__GLIBC__) && defined(__SIGRTMIN)
    const size_t word_bits = 8 * sizeof(set->__val[0]);
    int last = SIGRTMIN - 1;

    for (int sig = __SIGRTMIN; sig <= last; sig++) {
        size_t bit = (size_t)(sig - 1);
        if (bit / word_bits >= sizeof(set->__val) / sizeof(set->__val[0]))
            return -EINVAL;
        set->__val[bit / word_bits] |= 1UL << (bit % word_bits);
    }
    return 0;
#else
    (void)set;
    return 0;                       /* no reserved signals to reset */
#endif
}

/* Append one pj_spawn_action to a glibc file-actions object. */
static int add_action(posix_spawn_file_actions_t *fa, const pj_spawn_action *a)
{
    switch (a->kind) {
    case PJ_SPAWN_OPEN:
        if (a->path == NULL || a->fd < 0)
            return -EINVAL;
        return -posix_spawn_file_actions_addopen(fa, a->fd, a->path, a->oflag,
                                                 (mode_t)a->mode);
    case PJ_SPAWN_CLOSE:
        if (a->fd < 0)
            return -EINVAL;
        return -posix_spawn_file_actions_addclose(fa, a->fd);
    case PJ_SPAWN_DUP2:
        if (a->fd < 0 || a->newfd < 0)
            return -EINVAL;
        return -posix_spawn_file_actions_adddup2(fa, a->fd, a->newfd);
    case PJ_SPAWN_CLOSEFROM:
#ifdef PJ_HAVE_ADDCLOSEFROM
        if (a->fd < 0)
            return -EINVAL;
        return -posix_spawn_file_actions_addclosefrom_np(fa, a->fd);
#else
        return -ENOSYS;
#endif
    case PJ_SPAWN_CHDIR:
#ifdef PJ_HAVE_ADDCHDIR
        if (a->path == NULL)
            return -EINVAL;
        return -posix_spawn_file_actions_addchdir_np(fa, a->path);
#else
        return -ENOSYS;
#endif
    default:
        return -EINVAL;
    }
}

/* Translate pj_spawn_attrs into a glibc attributes object. */
static int set_attrs(posix_spawnattr_t *at, const pj_spawn_attrs *attrs)
{
    short flags = 0;
    sigset_t set;
    int rc;

    if (attrs->flags & ~(PJ_SPAWN_F_SETSID | PJ_SPAWN_F_SETPGROUP | PJ_SPAWN_F_SETSIGMASK |
                         PJ_SPAWN_F_SETSIGDEF | PJ_SPAWN_F_RESETIDS | PJ_SPAWN_F_DFL_RESERVED))
        return -EINVAL;
    if (attrs->flags & PJ_SPAWN_F_SETSID) {
#ifdef POSIX_SPAWN_SETSID
        flags |= POSIX_SPAWN_SETSID;
#else
        return -ENOSYS;
#endif
    }
    if (attrs->flags & PJ_SPAWN_F_SETPGROUP) {
        if (attrs->pgroup < 0)
            return -EINVAL;
        flags |= POSIX_SPAWN_SETPGROUP;
        if ((rc = posix_spawnattr_setpgroup(at, attrs->pgroup)) != 0)
            return -rc;
    }
    if (attrs->flags & PJ_SPAWN_F_SETSIGMASK) {
        flags |= POSIX_SPAWN_SETSIGMASK;
        if ((rc = mask_to_sigset(attrs->sigmask, &set)) != 0)
            return rc;
        if ((rc = posix_spawnattr_setsigmask(at, &set)) != 0)
            return -rc;
    }
    if (attrs->flags & (PJ_SPAWN_F_SETSIGDEF | PJ_SPAWN_F_DFL_RESERVED)) {
        flags |= POSIX_SPAWN_SETSIGDEF;
        if ((rc = mask_to_sigset((attrs->flags & PJ_SPAWN_F_SETSIGDEF) ? attrs->sigdef : 0,
                                 &set)) != 0)
            return rc;
        if ((attrs->flags & PJ_SPAWN_F_DFL_RESERVED) && (rc = add_reserved_signals(&set)) != 0)
            return rc;
        if ((rc = posix_spawnattr_setsigdefault(at, &set)) != 0)
            return -rc;
    }
    if (attrs->flags & PJ_SPAWN_F_RESETIDS)
        flags |= POSIX_SPAWN_RESETIDS;
    if ((rc = posix_spawnattr_setflags(at, flags)) != 0)
        return -rc;
    return 0;
}

int pj_spawn(const char *path, char *const argv[], char *const envp[], int search_path,
             const pj_spawn_action *actions, size_t n_actions,
             const pj_spawn_attrs *attrs, pid_t *out_pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    pid_t pid = -1;
    int rc;

    if (path == NULL || argv == NULL || out_pid == NULL || (n_actions > 0 && actions == NULL))
        return -EINVAL;
    if ((rc = posix_spawn_file_actions_init(&fa)) != 0)
        return -rc;
    if ((rc = posix_spawnattr_init(&at)) != 0) {
        rc = -rc;
        goto error_fa;
    }
    for (size_t i = 0; i < n_actions; i++) {
        if ((rc = add_action(&fa, &actions[i])) != 0)
            goto error_at;
    }
    if (attrs != NULL && (rc = set_attrs(&at, attrs)) != 0)
        goto error_at;

    /* The child inherits `environ`: hold env.c's lock until posix_spawn returns, so a
     * pj_setenv in another thread cannot free or move the array the child is reading
     * (glibc's posix_spawn returns once the child has exec'd or failed). */
    if (envp == NULL)
        pj_env_lock();
    if (search_path)
        rc = posix_spawnp(&pid, path, &fa, &at, argv, envp != NULL ? envp : environ);
    else
        rc = posix_spawn(&pid, path, &fa, &at, argv, envp != NULL ? envp : environ);
    if (envp == NULL)
        pj_env_unlock();
    rc = -rc;
    if (rc == 0)
        *out_pid = pid;

error_at:
    posix_spawnattr_destroy(&at);
error_fa:
    posix_spawn_file_actions_destroy(&fa);
    return rc;
}

int pj_wait_decode(int status, int *out_code)
{
    if (out_code == NULL)
        return -EINVAL;
    if (WIFEXITED(status)) {
        *out_code = WEXITSTATUS(status);
        return 0;
    }
    if (WIFSIGNALED(status)) {
        *out_code = -WTERMSIG(status);
        return 0;
    }
    return -EINVAL;
}

int pj_waitpid(pid_t pid, int options, pid_t *out_pid, int *out_status, int *out_code)
{
    pid_t got;
    int status = 0;

    if (out_pid == NULL || out_status == NULL || out_code == NULL)
        return -EINVAL;
    got = waitpid(pid, &status, options);
    if (got < 0)
        return -errno;   /* -EINTR: a signal arrived; the caller runs handlers, calls again */
    *out_pid = got;
    *out_status = status;
    if (got == 0 || pj_wait_decode(status, out_code) != 0)
        *out_code = PJ_WAIT_NO_CODE;
    return 0;
}

int pj_pipe(int flags, int *out_fds)
{
    int fds[2];

    if (out_fds == NULL || (flags & ~(O_CLOEXEC | O_NONBLOCK)) != 0)
        return -EINVAL;
    if (pipe2(fds, flags) != 0)
        return -errno;
    out_fds[0] = fds[0];
    out_fds[1] = fds[1];
    return 0;
}

int pj_kill(pid_t pid, int sig)
{
    if (kill(pid, sig) != 0)
        return -errno;
    return 0;
}

int pj_close(int fd)
{
    if (fd < 0)
        return -EBADF;
    /* Linux releases the descriptor even when close() reports EINTR, so a
     * retry could close a descriptor another thread just opened. */
    if (close(fd) != 0 && errno != EINTR)
        return -errno;
    return 0;
}
