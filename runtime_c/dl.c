/*
 * dl.c - dynamic loading (dlopen/dlsym/dlclose) for protojit's runtime.
 *
 * dlerror(3) state is per thread and read-once; here each pj_dl* call that
 * fails stores its message in a per-thread buffer, so pj_dlerror can return
 * it later from the same thread however many times it is asked.
 *
 * Conventions (pj_runtime.h): 0 or a negative errno, results in
 * out-parameters, no globals (the message buffer is thread-local), no printing.
 */
#define _GNU_SOURCE
#include "pj_runtime.h"

#include <dlfcn.h>
#include <errno.h>
#include <string.h>

#define MESSAGE_CAP 1024

static __thread char last_error[MESSAGE_CAP];

/* Keep dlerror()'s message (or fallback) as this thread's last error. */
static void keep_error(const char *fallback)
{
    const char *msg = dlerror();
    if (msg == NULL)
        msg = fallback;
    strncpy(last_error, msg, MESSAGE_CAP - 1);
    last_error[MESSAGE_CAP - 1] = '\0';
}

/* dlopen(path, flags); path NULL opens the main program. flags are the
 * RTLD_* values of <dlfcn.h> and must include RTLD_LAZY or RTLD_NOW
 * (-EINVAL). On 0, *out_handle is to be closed with pj_dlclose. On failure
 * -ENOENT (message in pj_dlerror). */
int pj_dlopen(const char *path, int flags, void **out_handle)
{
    void *h;

    if (out_handle == NULL || (flags & (RTLD_LAZY | RTLD_NOW)) == 0)
        return -EINVAL;
    (void)dlerror();
    h = dlopen(path, flags);
    if (h == NULL) {
        keep_error("dlopen failed");
        return -ENOENT;
    }
    *out_handle = h;
    return 0;
}

/* Look up symbol name in handle (from pj_dlopen; NULL means RTLD_DEFAULT,
 * the global scope). On 0, *out_addr is its address (which may be NULL for
 * an absolute symbol). -ENOENT when missing (message in pj_dlerror). */
int pj_dlsym(void *handle, const char *name, void **out_addr)
{
    const char *msg;
    void *addr;

    if (name == NULL || out_addr == NULL)
        return -EINVAL;
    (void)dlerror();
    addr = dlsym(handle == NULL ? RTLD_DEFAULT : handle, name);
    msg = dlerror();
    if (msg != NULL) {
        strncpy(last_error, msg, MESSAGE_CAP - 1);
        last_error[MESSAGE_CAP - 1] = '\0';
        return -ENOENT;
    }
    *out_addr = addr;
    return 0;
}

/* dlclose(handle); the handle is invalid afterwards. -EINVAL on failure. */
int pj_dlclose(void *handle)
{
    if (handle == NULL)
        return -EINVAL;
    (void)dlerror();
    if (dlclose(handle) != 0) {
        keep_error("dlclose failed");
        return -EINVAL;
    }
    return 0;
}

/* Copy this thread's last pj_dl* error message into buf (capacity cap, NUL
 * terminated, truncated to fit); *out_len := its full length. Returns 0, or
 * -ENOENT if no call failed yet in this thread. */
int pj_dlerror(char *buf, size_t cap, size_t *out_len)
{
    size_t len = strlen(last_error);

    if (out_len == NULL)
        return -EINVAL;
    *out_len = len;
    if (len == 0)
        return -ENOENT;
    if (buf != NULL && cap > 0) {
        size_t n = len < cap - 1 ? len : cap - 1;
        memcpy(buf, last_error, n);
        buf[n] = '\0';
    }
    return 0;
}
