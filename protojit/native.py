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
    # ---- sqlite bridge
