"""The one place that loads protojit's C runtime (runtime_c/ -> protojit/_pjrt*.so).

Everything else asks this module for the library: `lib()` returns the loaded
`ctypes.CDLL` with argument and result types declared, and `path()` its file
(native code resolves the same `pj_*` symbols by address).
"""
from __future__ import annotations

import ctypes
import glob
import os
import threading

ABI_VERSION = 1

_lock = threading.Lock()
_lib: ctypes.CDLL | None = None


class RuntimeMissing(ImportError):
    """The C runtime library was not built or not installed with the package."""


def path() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    found = sorted(glob.glob(os.path.join(here, "_pjrt*.so")))
    if not found:
        raise RuntimeMissing(
            f"protojit's C runtime is missing: no file {os.path.join(here, '_pjrt*.so')}; "
            "reinstall with `pip install -e .` (it compiles runtime_c/*.c)")
    return found[0]


def lib() -> ctypes.CDLL:
    """Load the runtime once (thread-safe) and return it."""
    global _lib
    if _lib is None:
        with _lock:
            if _lib is None:
                loaded = ctypes.CDLL(path(), mode=ctypes.RTLD_GLOBAL)
                _declare(loaded)
                version = loaded.pj_abi_version()
                if version != ABI_VERSION:
                    raise RuntimeMissing(
                        f"protojit's C runtime at {path()} has ABI {version}, expected {ABI_VERSION}; rebuild it")
                _lib = loaded
    return _lib


def check(rc: int, what: str = "") -> int:
    """Turn a negative errno result of a pj_* call into OSError (CPython's subclasses)."""
    if rc < 0:
        err = -rc
        raise OSError(err, os.strerror(err), *(() if not what else ()))
    return rc


# ---- block cache: runtime_c/arena.c
class BlockAllocator(ctypes.Structure):
    """pj_block_allocator, laid out as CPython's PyObjectArenaAllocator."""
    _fields_ = [("ctx", ctypes.c_void_p), ("alloc", ctypes.c_void_p), ("free", ctypes.c_void_p)]


_arena_cache_installed = False


def install_arena_cache() -> bool:
    """Put the runtime's block cache in front of the host's arena allocator.

    CPython 3.11 maps and unmaps a 16 KiB frame-stack chunk each time the
    stack crosses a chunk boundary; every guest call costs a few host frames,
    so guest recursion hovering at a boundary paid two system calls and page
    faults per call (runtime_c/arena.c). Idempotent; False where the host has
    no arena allocator API (not CPython).
    """
    global _arena_cache_installed
    if _arena_cache_installed:
        return True
    api = getattr(ctypes, "pythonapi", None)
    if api is None or not hasattr(api, "PyObject_SetArenaAllocator"):
        return False
    runtime = lib()                      # loads under _lock: outside our own use of it
    with _lock:
        if not _arena_cache_installed:
            current, cached = BlockAllocator(), BlockAllocator()
            api.PyObject_GetArenaAllocator.argtypes = [ctypes.POINTER(BlockAllocator)]
            api.PyObject_GetArenaAllocator.restype = None
            api.PyObject_SetArenaAllocator.argtypes = [ctypes.POINTER(BlockAllocator)]
            api.PyObject_SetArenaAllocator.restype = None
            api.PyObject_GetArenaAllocator(ctypes.byref(current))
            check(runtime.pj_arena_cache_wrap(ctypes.byref(current), ctypes.byref(cached)))
            api.PyObject_SetArenaAllocator(ctypes.byref(cached))
            _arena_cache_installed = True
    return True


def arena_cache_stats() -> tuple[int, int, int]:
    """(hits, misses, bytes held) of the block cache."""
    hits, misses, held = ctypes.c_size_t(), ctypes.c_size_t(), ctypes.c_size_t()
    check(lib().pj_arena_cache_stats(ctypes.byref(hits), ctypes.byref(misses), ctypes.byref(held)))
    return hits.value, misses.value, held.value


# ---- processes: structs of runtime_c/pj_runtime.h (pj_spawn_action, pj_spawn_attrs)
class SpawnAction(ctypes.Structure):
    """pj_spawn_action: one file action (kind is PJ_SPAWN_OPEN/CLOSE/DUP2/CLOSEFROM/CHDIR)."""
    _fields_ = [("kind", ctypes.c_int), ("fd", ctypes.c_int), ("newfd", ctypes.c_int),
                ("oflag", ctypes.c_int), ("mode", ctypes.c_uint), ("path", ctypes.c_char_p)]


class SpawnAttrs(ctypes.Structure):
    """pj_spawn_attrs: PJ_SPAWN_F_* flags, process group, 64-bit signal masks."""
    _fields_ = [("flags", ctypes.c_int), ("pgroup", ctypes.c_int),
                ("sigmask", ctypes.c_uint64), ("sigdef", ctypes.c_uint64)]
# ---- end processes structs


# ---- sockets: structs and codes of runtime_c/pj_runtime.h
SOCKADDR_MAX = 128          # PJ_SOCKADDR_MAX: bytes of the largest sockaddr
SOCK_TIMEOUT = -100001      # PJ_SOCK_TIMEOUT: a timeout ran out
SOCK_GAIERROR = -100002     # PJ_SOCK_GAIERROR: resolver error, EAI_* code in *gai_code
SOCK_HERROR = -100003       # PJ_SOCK_HERROR: reverse lookup error, h_errno in *herr


class AddrInfo(ctypes.Structure):
    """pj_addrinfo: one getaddrinfo result (sockaddr bytes in addr[:addrlen])."""
    _fields_ = [("family", ctypes.c_int), ("socktype", ctypes.c_int), ("protocol", ctypes.c_int),
                ("addrlen", ctypes.c_int), ("canonname", ctypes.c_char * 256),
                ("addr", ctypes.c_ubyte * SOCKADDR_MAX)]


class Iov(ctypes.Structure):
    """pj_iov: one buffer of a scatter/gather list (struct iovec's layout)."""
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


SOCK_CONTROL_MAX = 1 << 20  # PJ_SOCK_CONTROL_MAX: largest ancillary-data buffer
# ---- end sockets structs


# ---- hashes: algorithm ids of runtime_c/pj_runtime.h (PJ_HASH_*)
HASH_IDS = {"md5": 1, "sha1": 2, "sha224": 3, "sha256": 4, "sha384": 5, "sha512": 6}
HASH_MAX_DIGEST = 64        # PJ_HASH_MAX_DIGEST
HASH_MAX_BLOCK = 128        # PJ_HASH_MAX_BLOCK
# ---- end hashes


def _declare(l: ctypes.CDLL) -> None:
    """Declare argtypes/restype for every pj_* function (one section per service)."""
    c = ctypes
    l.pj_abi_version.argtypes = []
    l.pj_abi_version.restype = c.c_int
    # ---- block cache
    l.pj_arena_cache_wrap.argtypes = [c.POINTER(BlockAllocator), c.POINTER(BlockAllocator)]
    l.pj_arena_cache_wrap.restype = c.c_int
    l.pj_arena_cache_stats.argtypes = [c.POINTER(c.c_size_t)] * 3
    l.pj_arena_cache_stats.restype = c.c_int
    # ---- threads and locks
    l.pj_thread_start.argtypes = [c.c_void_p, c.c_void_p, c.c_size_t, c.c_int, c.POINTER(c.c_ulong)]
    l.pj_thread_start.restype = c.c_int
    for name in ("pj_thread_join", "pj_thread_tryjoin", "pj_thread_detach"):
        getattr(l, name).argtypes = [c.c_ulong]
        getattr(l, name).restype = c.c_int
    l.pj_thread_ident.argtypes = []
    l.pj_thread_ident.restype = c.c_ulong
    l.pj_thread_native_id.argtypes = []
    l.pj_thread_native_id.restype = c.c_long
    l.pj_thread_live_count.argtypes = [c.POINTER(c.c_long)]
    l.pj_thread_live_count.restype = c.c_int
    l.pj_thread_is_runtime.argtypes = []
    l.pj_thread_is_runtime.restype = c.c_int
    for kind in ("lock", "rlock"):
        getattr(l, f"pj_{kind}_new").argtypes = [c.POINTER(c.c_void_p)]
        getattr(l, f"pj_{kind}_new").restype = c.c_int
        getattr(l, f"pj_{kind}_free").argtypes = [c.c_void_p]
        getattr(l, f"pj_{kind}_free").restype = None
        getattr(l, f"pj_{kind}_acquire").argtypes = [c.c_void_p, c.c_int, c.c_double]
        getattr(l, f"pj_{kind}_acquire").restype = c.c_int
        getattr(l, f"pj_{kind}_release").argtypes = [c.c_void_p]
        getattr(l, f"pj_{kind}_release").restype = c.c_int
    l.pj_lock_locked.argtypes = [c.c_void_p, c.POINTER(c.c_int)]
    l.pj_lock_locked.restype = c.c_int
    l.pj_rlock_acquire_n.argtypes = [c.c_void_p, c.c_size_t, c.c_int, c.c_double]
    l.pj_rlock_acquire_n.restype = c.c_int
    l.pj_rlock_release_all.argtypes = [c.c_void_p, c.POINTER(c.c_size_t)]
    l.pj_rlock_release_all.restype = c.c_int
    l.pj_rlock_state.argtypes = [c.c_void_p, c.POINTER(c.c_ulong), c.POINTER(c.c_size_t)]
    l.pj_rlock_state.restype = c.c_int
    l.pj_lock_live_count.argtypes = [c.POINTER(c.c_long)]
    l.pj_lock_live_count.restype = c.c_int
    # ---- environment
    l.pj_getenv.argtypes = [c.c_char_p, c.c_char_p, c.c_size_t, c.POINTER(c.c_size_t)]
    l.pj_getenv.restype = c.c_int
    l.pj_setenv.argtypes = [c.c_char_p, c.c_char_p, c.c_int]
    l.pj_setenv.restype = c.c_int
    l.pj_unsetenv.argtypes = [c.c_char_p]
    l.pj_unsetenv.restype = c.c_int
    l.pj_environ_count.argtypes = [c.POINTER(c.c_size_t)]
    l.pj_environ_count.restype = c.c_int
    l.pj_environ_entry.argtypes = [c.c_size_t, c.c_char_p, c.c_size_t, c.POINTER(c.c_size_t)]
    l.pj_environ_entry.restype = c.c_int
    l.pj_environ_snapshot.argtypes = [c.c_char_p, c.c_size_t, c.POINTER(c.c_size_t)]
    l.pj_environ_snapshot.restype = c.c_int
    # ---- dynamic loading
    l.pj_dlopen.argtypes = [c.c_char_p, c.c_int, c.POINTER(c.c_void_p)]
    l.pj_dlopen.restype = c.c_int
    l.pj_dlsym.argtypes = [c.c_void_p, c.c_char_p, c.POINTER(c.c_void_p)]
    l.pj_dlsym.restype = c.c_int
    l.pj_dlclose.argtypes = [c.c_void_p]
    l.pj_dlclose.restype = c.c_int
    l.pj_dlerror.argtypes = [c.c_char_p, c.c_size_t, c.POINTER(c.c_size_t)]
    l.pj_dlerror.restype = c.c_int
    # ---- hashes
    # Contexts are caller-allocated buffers of pj_hash_ctx_size() bytes (8-aligned);
    # data crosses as c_void_p (bytes, or a ctypes buffer over a writable object).
    sz, psz, u8p = c.c_size_t, c.POINTER(c.c_size_t), c.c_void_p
    for name, args in [
            ("pj_hash_info", [c.c_int, psz, psz]),
            ("pj_hash_accel", [c.c_int, c.POINTER(c.c_int)]),
            ("pj_hash_ctx_size", [c.c_int, psz]),
            ("pj_hash_init", [c.c_int, c.c_void_p, sz]),
            ("pj_hash_update", [c.c_void_p, c.c_void_p, sz]),
            ("pj_hash_copy", [c.c_void_p, c.c_void_p, sz]),
            ("pj_hash_final", [c.c_void_p, u8p, sz]),
            ("pj_hash_digest", [c.c_int, c.c_void_p, sz, u8p, sz]),
            ("pj_hmac", [c.c_int, c.c_void_p, sz, c.c_void_p, sz, u8p, sz]),
            ("pj_pbkdf2_hmac", [c.c_int, c.c_void_p, sz, c.c_void_p, sz, c.c_uint64, u8p, sz])]:
        fn = getattr(l, name)
        fn.argtypes = args
        fn.restype = c.c_int
    # ---- sockets
    vp, sz, i, d, u32 = c.c_void_p, c.c_size_t, c.c_int, c.c_double, c.c_uint32
    psz, pi, pu32 = c.POINTER(c.c_size_t), c.POINTER(c.c_int), c.POINTER(c.c_uint32)
    for name, args in (
            ("pj_sock_open", [i, i, i, pi]),
            ("pj_sock_close", [i]),
            ("pj_sock_dup", [i, pi]),
            ("pj_sock_set_nonblocking", [i, i]),
            ("pj_sock_socketpair", [i, i, i, pi]),
            ("pj_sock_bind", [i, vp, sz]),
            ("pj_sock_listen", [i, i]),
            ("pj_sock_accept", [i, d, pi, vp, psz]),
            ("pj_sock_connect", [i, vp, sz, d]),
            ("pj_sock_shutdown", [i, i]),
            ("pj_sock_send", [i, vp, sz, i, d, psz]),
            ("pj_sock_sendall", [i, vp, sz, i, d, psz]),
            ("pj_sock_sendto", [i, vp, sz, i, vp, sz, d, psz]),
            ("pj_sock_recv", [i, vp, sz, i, d, psz]),
            ("pj_sock_recvfrom", [i, vp, sz, i, d, psz, vp, psz]),
            ("pj_sock_sendmsg", [i, c.POINTER(Iov), sz, vp, sz, i, vp, sz, d, psz]),
            ("pj_sock_recvmsg", [i, c.POINTER(Iov), sz, vp, psz, i, d, psz, pi, vp, psz]),
            ("pj_sock_setsockopt", [i, i, i, vp, sz]),
            ("pj_sock_getsockopt", [i, i, i, vp, psz]),
            ("pj_sock_getsockname", [i, vp, psz]),
            ("pj_sock_getpeername", [i, vp, psz]),
            ("pj_sockaddr_from_ip", [i, c.c_char_p, i, u32, u32, vp, sz, psz]),
            ("pj_sockaddr_from_unix", [vp, sz, vp, sz, psz]),
            ("pj_sockaddr_describe", [vp, sz, pi, vp, sz, psz, pi, pu32, pu32]),
            ("pj_inet_pton", [i, c.c_char_p, vp, sz, psz]),
            ("pj_inet_ntop", [i, vp, sz, vp, sz]),
            ("pj_inet_aton", [c.c_char_p, vp]),
            ("pj_getaddrinfo", [c.c_char_p, c.c_char_p, i, i, i, i, c.POINTER(AddrInfo), sz, psz, pi]),
            ("pj_gai_strerror", [i, vp, sz]),
            ("pj_hstrerror", [i, vp, sz]),
            ("pj_gethostname", [vp, sz]),
            ("pj_gethostbyaddr", [vp, sz, i, vp, sz, vp, sz, psz, vp, sz, psz, psz, pi])):
        fn = getattr(l, name)
        fn.argtypes = args
        fn.restype = c.c_int
    # ---- processes
    l.pj_spawn.argtypes = [c.c_char_p, c.POINTER(c.c_char_p), c.POINTER(c.c_char_p), c.c_int,
                           c.POINTER(SpawnAction), c.c_size_t, c.POINTER(SpawnAttrs), c.POINTER(c.c_int)]
    l.pj_spawn.restype = c.c_int
    l.pj_waitpid.argtypes = [c.c_int, c.c_int, c.POINTER(c.c_int), c.POINTER(c.c_int), c.POINTER(c.c_int)]
    l.pj_waitpid.restype = c.c_int
    l.pj_wait_decode.argtypes = [c.c_int, c.POINTER(c.c_int)]
    l.pj_wait_decode.restype = c.c_int
    l.pj_pipe.argtypes = [c.c_int, c.POINTER(c.c_int)]
    l.pj_pipe.restype = c.c_int
    l.pj_kill.argtypes = [c.c_int, c.c_int]
    l.pj_kill.restype = c.c_int
    l.pj_close.argtypes = [c.c_int]
    l.pj_close.restype = c.c_int
    # ---- signals reaching native code
    l.pj_signal_setup.argtypes = [c.c_void_p] * 4
    l.pj_signal_setup.restype = c.c_int
    l.pj_signal_chain.argtypes = [c.c_int, c.POINTER(c.c_int)]
    l.pj_signal_chain.restype = c.c_int
    l.pj_signal_register_limit.argtypes = [c.c_void_p]
    l.pj_signal_register_limit.restype = c.c_int
    l.pj_signal_poll.argtypes = [c.POINTER(c.c_int64), c.c_int64]
    l.pj_signal_poll.restype = c.c_int
    l.pj_signal_take.argtypes = [c.POINTER(c.c_void_p)] * 3
    l.pj_signal_take.restype = c.c_int
    l.pj_signal_exit_by.argtypes = [c.c_int]
    l.pj_signal_exit_by.restype = c.c_int
    l.pj_signal_exit_now.argtypes = []
    l.pj_signal_exit_now.restype = None
    # ---- sqlite bridge
    # Handles (sqlite3*, sqlite3_stmt*, sqlite3_context*, sqlite3_value*) and
    # callback pointers cross as c_void_p; lengths are int64 (see pj_runtime.h).
    vp, i64, pi, pi64, pcc = c.c_void_p, c.c_int64, c.POINTER(c.c_int), c.POINTER(c.c_int64), c.POINTER(c.c_char_p)
    for name, args in [
            ("pj_sqlite_load", []),
            ("pj_sqlite_libversion", [c.POINTER(c.c_char_p), pi]),
            ("pj_sqlite_errstr", [c.c_int, pcc]),
            ("pj_sqlite_threadsafe", [pi]),
            ("pj_sqlite_complete", [c.c_char_p, i64, pi]),
            ("pj_sqlite_open", [c.c_char_p, i64, c.c_int, c.POINTER(vp)]),
            ("pj_sqlite_close", [vp]),
            ("pj_sqlite_errmsg", [vp, pcc, pi, pi]),
            ("pj_sqlite_counters", [vp, pi64, pi64, pi64, pi]),
            ("pj_sqlite_autocommit", [vp, pi]),
            ("pj_sqlite_busy_timeout", [vp, c.c_int]),
            ("pj_sqlite_interrupt", [vp]),
            ("pj_sqlite_prepare", [vp, c.c_char_p, i64, c.POINTER(vp), pi64]),
            ("pj_sqlite_step", [vp]),
            ("pj_sqlite_step_reset", [vp, pi64]),
            ("pj_sqlite_reset", [vp, c.c_int]),
            ("pj_sqlite_finalize", [vp]),
            ("pj_sqlite_stmt_info", [vp, pi, pi, pi]),
            ("pj_sqlite_param_name", [vp, c.c_int, pcc]),
            ("pj_sqlite_column_info", [vp, c.c_int, pcc, pcc]),
            ("pj_sqlite_bind_null", [vp, c.c_int]),
            ("pj_sqlite_bind_int64", [vp, c.c_int, i64]),
            ("pj_sqlite_bind_double", [vp, c.c_int, c.c_double]),
            ("pj_sqlite_bind_text", [vp, c.c_int, c.c_char_p, i64]),
            ("pj_sqlite_bind_blob", [vp, c.c_int, c.c_char_p, i64]),
            ("pj_sqlite_bind_row", [vp, c.c_int, pi, pi64, c.POINTER(c.c_double), c.POINTER(vp), pi64, pi]),
            ("pj_sqlite_row", [vp, c.c_int, pi, pi64, c.POINTER(c.c_double), c.POINTER(vp), pi64]),
            ("pj_sqlite_create_function", [vp, c.c_char_p, i64, c.c_int, c.c_int, vp, vp, vp, vp]),
            ("pj_sqlite_create_collation", [vp, c.c_char_p, i64, vp, vp]),
            ("pj_sqlite_backup_init", [vp, c.c_char_p, i64, vp, c.c_char_p, i64, c.POINTER(vp)]),
            ("pj_sqlite_backup_step", [vp, c.c_int, pi, pi]),
            ("pj_sqlite_backup_finish", [vp]),
            ("pj_sqlite_trace", [vp, c.c_uint, vp, vp]),
            ("pj_sqlite_expanded_sql", [vp, c.POINTER(vp), pi64]),
            ("pj_sqlite_free", [vp]),
            ("pj_sqlite_set_authorizer", [vp, vp, vp]),
            ("pj_sqlite_progress_handler", [vp, c.c_int, vp, vp]),
            ("pj_sqlite_limit", [vp, c.c_int, c.c_int, pi]),
            ("pj_sqlite_create_window_function", [vp, c.c_char_p, i64, c.c_int, c.c_int, vp,
                                                  vp, vp, vp, vp]),
            ("pj_sqlite_serialize", [vp, c.c_char_p, i64, c.POINTER(vp), pi64, pi]),
            ("pj_sqlite_deserialize", [vp, c.c_char_p, i64, vp, i64]),
            ("pj_sqlite_blob_open", [vp, c.c_char_p, i64, c.c_char_p, i64, c.c_char_p, i64, i64,
                                     c.c_int, c.POINTER(vp)]),
            ("pj_sqlite_blob_bytes", [vp, pi]),
            ("pj_sqlite_blob_read", [vp, vp, i64, i64]),
            ("pj_sqlite_blob_write", [vp, vp, i64, i64]),
            ("pj_sqlite_blob_close", [vp]),
            ("pj_sqlite_user_data", [vp, c.POINTER(vp)]),
            ("pj_sqlite_aggregate_context", [vp, c.c_int, c.POINTER(vp)]),
            ("pj_sqlite_value", [vp, pi, pi64, c.POINTER(c.c_double), c.POINTER(vp), pi64]),
            ("pj_sqlite_result", [vp, c.c_int, i64, c.c_double, vp, i64])]:
        fn = getattr(l, name)
        fn.argtypes = args
        fn.restype = c.c_int
