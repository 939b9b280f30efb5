/*
 * env.c - the process environment (the C `environ`) for protojit's runtime.
 *
 * The guest os.environ is a live view over these functions, so reads see what
 * C code set and writes reach C code and child processes. Every access here
 * holds one mutex, so a snapshot is consistent with respect to other pj_env
 * callers (code that calls setenv(3) directly is outside our control); spawn.c
 * holds it too (pj_env_lock, pj_internal.h) while a child gets `environ`.
 * Values are bytes; NUL ends a C string, so names and values cannot hold one.
 *
 * Conventions (pj_runtime.h): 0 or a negative errno, results in
 * out-parameters, globals only under a lock, no printing.
 */
#define _GNU_SOURCE
#include "pj_runtime.h"
#include "pj_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static pthread_mutex_t env_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

/* A fork() child may inherit env_lock held by a thread it does not have. */
static void atfork_child(void)
{
    pthread_mutex_init(&env_lock, NULL);
}

static void install_atfork(void)
{
    (void)pthread_atfork(NULL, NULL, atfork_child);
}

static void lock_env(void)
{
    pthread_once(&atfork_once, install_atfork);
    pj_mutex_lock(&env_lock);
}

static void unlock_env(void)
{
    pj_mutex_unlock(&env_lock);
}

/* The same lock for the runtime's other files (pj_internal.h): spawn.c. */
void pj_env_lock(void)
{
    lock_env();
}

void pj_env_unlock(void)
{
    unlock_env();
}

/* A valid variable name: non-empty, no '='. */
static int check_name(const char *name)
{
    if (name == NULL || name[0] == '\0' || strchr(name, '=') != NULL)
        return -EINVAL;
    return 0;
}

/* Copy len bytes of src into buf (capacity cap) and NUL-terminate it, or
 * return -ERANGE if cap < len + 1; *out_len := len either way. */
static int copy_out(const char *src, size_t len, char *buf, size_t cap, size_t *out_len)
{
    *out_len = len;
    if (buf == NULL || cap == 0 || len > cap - 1)
        return -ERANGE;
    memcpy(buf, src, len);
    buf[len] = '\0';
    return 0;
}

/* Read variable name. On 0, buf holds the value (NUL-terminated) and
 * *out_len its length. -ENOENT: not set. -ERANGE: buf (capacity cap) is too
 * small, and *out_len is the length needed minus the NUL; call again.
 * -EINVAL: bad name or NULL out_len. buf may be NULL when cap is 0. */
int pj_getenv(const char *name, char *buf, size_t cap, size_t *out_len)
{
    const char *value;
    int rc;

    if (out_len == NULL || check_name(name) != 0)
        return -EINVAL;
    lock_env();
    value = getenv(name);
    rc = value == NULL ? -ENOENT : copy_out(value, strlen(value), buf, cap, out_len);
    unlock_env();
    return rc;
}

/* setenv(name, value, overwrite): the strings are copied. -EINVAL for an
 * empty name or one containing '=', or a NULL value; -ENOMEM. */
int pj_setenv(const char *name, const char *value, int overwrite)
{
    int rc = 0;

    if (value == NULL || check_name(name) != 0)
        return -EINVAL;
    lock_env();
    if (setenv(name, value, overwrite) != 0)
        rc = -errno;
    unlock_env();
    return rc;
}

/* unsetenv(name); unsetting a missing variable succeeds. -EINVAL: bad name. */
int pj_unsetenv(const char *name)
{
    int rc = 0;

    if (check_name(name) != 0)
        return -EINVAL;
    lock_env();
    if (unsetenv(name) != 0)
        rc = -errno;
    unlock_env();
    return rc;
}

/* *out_count := number of entries in environ. */
int pj_environ_count(size_t *out_count)
{
    size_t n = 0;

    if (out_count == NULL)
        return -EINVAL;
    lock_env();
    if (environ != NULL)
        while (environ[n] != NULL)
            n++;
    unlock_env();
    *out_count = n;
    return 0;
}

/* Copy entry i of environ ("NAME=value") into buf like pj_getenv does.
 * -ENOENT: i is past the end. Indexes shift when variables change; for a
 * consistent view use pj_environ_snapshot. */
int pj_environ_entry(size_t i, char *buf, size_t cap, size_t *out_len)
{
    size_t n = 0;
    int rc = -ENOENT;

    if (out_len == NULL)
        return -EINVAL;
    lock_env();
    if (environ != NULL) {
        while (n < i && environ[n] != NULL)
            n++;
        if (n == i && environ[n] != NULL)
            rc = copy_out(environ[n], strlen(environ[n]), buf, cap, out_len);
    }
    unlock_env();
    return rc;
}

/* Copy the whole environ, atomically, into buf as "NAME=value\0" entries
 * back to back; *out_len := total bytes (every entry's NUL included).
 * -ERANGE: cap is too small, *out_len is what is needed (call again). */
int pj_environ_snapshot(char *buf, size_t cap, size_t *out_len)
{
    size_t total = 0, len;
    int rc = 0;

    if (out_len == NULL)
        return -EINVAL;
    lock_env();
    for (char **e = environ; e != NULL && *e != NULL; e++) {
        len = strlen(*e) + 1;
        if (total > (size_t)-1 - len) {
            rc = -EOVERFLOW;
            break;
        }
        total += len;
    }
    if (rc == 0 && (buf == NULL || cap < total))
        rc = -ERANGE;
    if (rc == 0) {
        char *p = buf;
        for (char **e = environ; e != NULL && *e != NULL; e++) {
            len = strlen(*e) + 1;
            memcpy(p, *e, len);
            p += len;
        }
    }
    unlock_env();
    *out_len = total;
    return rc;
}
