"""The C environment (runtime_c/env.c) for host-side callers: the live os.environ /
os.environb (`Environ`, which lib/os.py puts in the process's one os module), the
debugger's PYTHONBREAKPOINT and help()'s PAGER/PATH/TERM.

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
from collections.abc import Mapping, MutableMapping

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


# -- os.environ / os.environb over the C environment ----------------------------------------

_host_environ = os.environ     # the host's copy, before lib/os.py replaces it (kept in step)


def _mirror_to_host(name: bytes, value) -> None:
    """Keep the host's os.environ copy in step with a write (value None: removed): host
    code that bound it before the live one replaced it still sees the change."""
    data = getattr(_host_environ, "_data", None)
    if data is None:
        return
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value


class Environ(MutableMapping):
    """A live view of the C environment: os.environ (str) and os.environb (bytes).
    `encode` checks and converts a key or value to bytes (TypeError as CPython for the
    wrong type); `decode` converts back. CPython keeps a dict copy instead; the visible
    API (KeyError, TypeError messages, `copy()`, `|`, repr `environ({...})`) is CPython's.
    Host code: host libraries and the engine read it as often as the guest does."""

    def __init__(self, encode, decode):
        self._encode = encode
        self._decode = decode

    def __getitem__(self, key):
        value = get(self._encode(key))
        if value is None:
            raise KeyError(key) from None
        return self._decode(value)

    def __setitem__(self, key, value):
        name = self._encode(key)
        data = self._encode(value)
        put(name, data)
        _mirror_to_host(name, data)

    def __delitem__(self, key):
        name = self._encode(key)
        present = get(name) is not None
        unset(name)
        _mirror_to_host(name, None)
        if not present:
            raise KeyError(key) from None

    def __contains__(self, key):
        return get(self._encode(key)) is not None

    def get(self, key, default=None):
        value = get(self._encode(key))
        return default if value is None else self._decode(value)

    def __iter__(self):
        # Over a snapshot of the names: the environment may change while the loop runs.
        return map(self._decode, names())

    def __len__(self):
        return count()

    def __repr__(self):
        decode = self._decode
        shown = ", ".join(f"{decode(name)!r}: {decode(value)!r}" for name, value in items())
        return f"environ({{{shown}}})"

    def copy(self):
        decode = self._decode
        return {decode(name): decode(value) for name, value in items()}

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]

    def __ior__(self, other):
        self.update(other)
        return self

    def __or__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        merged = self.copy()
        merged.update(other)
        return merged

    def __ror__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        merged = dict(other)
        merged.update(self.copy())
        return merged


# As CPython's: type(os.environ) is os._Environ
Environ.__name__ = Environ.__qualname__ = "_Environ"
Environ.__module__ = "os"


def putenv(name, value, /):
    """Change or add an environment variable."""
    put(os.fsencode(name), os.fsencode(value))


def unsetenv(name, /):
    """Delete an environment variable."""
    unset(os.fsencode(name))


putenv.__module__ = unsetenv.__module__ = "posix"   # (CPython's are posix built-ins)
