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


def _declare(l: ctypes.CDLL) -> None:
    """Declare argtypes/restype for every pj_* function (one section per service)."""
    c = ctypes
    l.pj_abi_version.argtypes = []
    l.pj_abi_version.restype = c.c_int
    # ---- threads and locks
    # ---- environment
    # ---- dynamic loading
    # ---- hashes
    # ---- sockets
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
    # ---- sqlite bridge
