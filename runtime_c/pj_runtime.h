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

/* ---- threads and locks (thread.c, lock.c) ------------------------------- */

/* ---- environment (env.c) ------------------------------------------------ */

/* ---- dynamic loading (dl.c) --------------------------------------------- */

/* ---- hashes (hash_md5.c, hash_sha1.c, hash_sha2.c) ---------------------- */

/* ---- sockets (socket.c) ------------------------------------------------- */

/* ---- processes (spawn.c) ------------------------------------------------ */

/* ---- sqlite bridge (sqlite.c) ------------------------------------------- */

#endif /* PJ_RUNTIME_H */
