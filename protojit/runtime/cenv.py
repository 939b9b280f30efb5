"""The C environment (runtime_c/env.c) for host-side callers: lib/os.py's live
os.environ, the debugger's PYTHONBREAKPOINT and help()'s PAGER/PATH/TERM.

In: names and values as bytes (str for `getenv_str`). Out: bytes, None for a
missing variable, or CPython's exceptions (ValueError for an embedded NUL or a
'=' in a name, OSError for the runtime's negative errno). Host code, so that a
guest `os.environ[...]` costs one guest call and a few host calls; every call
goes through the C runtime's lock (no Python-level state here).
"""
from __future__ import annotations

import ctypes
import errno
import os
import sys

from protojit import native

_FS_ENCODING = sys.getfilesystemencoding()
_FIRST_CAP = 256          # first buffer for one value; retried with the size env.c reports
_FIRST_SNAPSHOT = 8192    # first buffer for the whole environment


def _raise(rc: int):
    raise OSError(-rc, os.strerror(-rc))


def get(name: bytes) -> bytes | None:
    """The value of `name`, or None when it is not set (or cannot be a name)."""
    if not name or b"\0" in name or b"=" in name:
        return None
    lib = native.lib()
    size = ctypes.c_size_t(0)
    cap = _FIRST_CAP
    while True:
        buf = ctypes.create_string_buffer(cap)
        rc = lib.pj_getenv(name, buf, cap, ctypes.byref(size))
        if rc == 0:
            return buf.raw[:size.value]
        if rc == -errno.ENOENT:
            return None
        if rc != -errno.ERANGE:
            _raise(rc)
        cap = size.value + 1      # the value grew since: ask again with its size


def put(name: bytes, value: bytes) -> None:
    """setenv(name, value, overwrite=1) with CPython's checks (as os.putenv)."""
    if b"\0" in name or b"\0" in value:
        raise ValueError("embedded null byte")
    if b"=" in name:
        raise ValueError("illegal environment variable name")
    rc = native.lib().pj_setenv(name, value, 1)
    if rc < 0:
        _raise(rc)


def unset(name: bytes) -> None:
    """unsetenv(name); a missing variable is no error (as os.unsetenv)."""
    if b"\0" in name:
        raise ValueError("embedded null byte")
    rc = native.lib().pj_unsetenv(name)
    if rc < 0:
        _raise(rc)


def items() -> list[tuple[bytes, bytes]]:
    """Every (name, value) of the environment, read atomically, in environ order."""
    lib = native.lib()
    size = ctypes.c_size_t(0)
    cap = _FIRST_SNAPSHOT
    while True:
        buf = ctypes.create_string_buffer(cap)
        rc = lib.pj_environ_snapshot(buf, cap, ctypes.byref(size))
        if rc == 0:
            break
        if rc != -errno.ERANGE:
            _raise(rc)
        cap = size.value + 1
    out = []
    for entry in buf.raw[:size.value].split(b"\0")[:-1]:
        name, sep, value = entry.partition(b"=")
        if sep and name:
            out.append((name, value))
    return out


def names() -> list[bytes]:
    return [name for name, _value in items()]


# Key/value conversions of os.environ (str) and os.environb (bytes), CPython's TypeErrors.

def encode_str(value) -> bytes:
    if not isinstance(value, str):
        raise TypeError(f"str expected, not {type(value).__name__}")
    return value.encode(_FS_ENCODING, "surrogateescape")


def decode_str(value: bytes) -> str:
    return value.decode(_FS_ENCODING, "surrogateescape")


def check_bytes(value) -> bytes:
    if not isinstance(value, bytes):
        raise TypeError(f"bytes expected, not {type(value).__name__}")
    return value


def count() -> int:
    n = ctypes.c_size_t(0)
    rc = native.lib().pj_environ_count(ctypes.byref(n))
    if rc < 0:
        _raise(rc)
    return n.value


def getenv_str(name: str) -> str | None:
    """A variable as str (filesystem encoding, surrogateescape), or None. Falls back to
    the host's os.environ when the C runtime is not built."""
    try:
        value = get(os.fsencode(name))
    except native.RuntimeMissing:
        return os.environ.get(name)
    return None if value is None else value.decode(_FS_ENCODING, "surrogateescape")
