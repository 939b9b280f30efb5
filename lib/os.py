"""The guest `os` module: the host `os`, with a live process environment.

Everything of the host `os` is re-exported unchanged (os.path, stat, files,
fds, ...), except:

- `environ` / `environb`: live mappings over the real C environment, read and
  written through protojit's C runtime (runtime_c/env.c, which serialises
  every access with one lock). A read sees what C code set (a ctypes
  `setenv`); a write is seen by C code and by every child process. CPython
  keeps a dict copy instead; the visible API (KeyError, TypeError messages,
  `copy()`, `|`, repr `environ({...})`) is CPython's.
- `getenv`, `getenvb`, `putenv`, `unsetenv`, `get_exec_path`: over the live
  environment.
- The process functions of lib/_pjspawn.py (`posix_spawn`, `posix_spawnp`,
  `waitpid`, `pipe`, `pipe2`, `kill`, `waitstatus_to_exitcode`, `fork`, ...),
  loaded on first use: protojit cannot fork.

Guest writes are mirrored into the host's os.environ copy, so host libraries
that the guest calls (shutil.which, tempfile, ...) see them too.
This module is the bottom layer of the environment: the only guest code that
touches protojit.native for it.
"""
from protojit import native as _native
from protojit.hostmods import host_import as _host_import

_ctypes = _host_import("ctypes")      # the host's: lib/ctypes is the guest's own

_host_os = _host_import("os")
_MutableMapping = _host_import("collections.abc").MutableMapping

# The process functions of lib/_pjspawn.py, imported on first use (module __getattr__):
# most programs that import os never start a process.
_SPAWN_NAMES = frozenset({
    "POSIX_SPAWN_OPEN", "POSIX_SPAWN_CLOSE", "POSIX_SPAWN_DUP2",
    "posix_spawn", "posix_spawnp", "waitpid", "waitstatus_to_exitcode",
    "pipe", "pipe2", "kill", "fork",
})

# Everything public of the host os (and its useful private helpers such as _exit).
globals().update({_name: _value for _name, _value in vars(_host_os).items()
                  if not (_name.startswith("__") and _name.endswith("__"))
                  and _name not in ("environ", "environb", "_Environ")
                  and _name not in _SPAWN_NAMES})

import sys as _sys                     # noqa: E402 - the guest sys
_sys.modules.setdefault("os.path", path)  # noqa: F821 - re-exported from the host above

__all__ = list(_host_os.__all__)
__all__ += sorted(_name for _name in _SPAWN_NAMES if _name not in __all__)


def __getattr__(name):
    if name in _SPAWN_NAMES:
        import _pjspawn
        for exported in _pjspawn.__all__:
            globals()[exported] = getattr(_pjspawn, exported)
        if name in globals():
            return globals()[name]
    raise AttributeError(f"module 'os' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | _SPAWN_NAMES)

_FS_ENCODING = _sys.getfilesystemencoding()
_FS_ERRORS = "surrogateescape"
_EINVAL = 22
_ERANGE = 34
_ENOENT = 2


# ---- the C environment (bytes in, bytes out) -------------------------------------------------


def _raise_errno(rc):
    raise OSError(-rc, _host_os.strerror(-rc))


def _c_get(name):
    """The value of `name` (bytes) in the C environment, or None when it is not set."""
    if not name or b"\0" in name or b"=" in name:
        return None
    lib = _native.lib()
    needed = _ctypes.c_size_t(0)
    cap = 256
    while True:
        buf = _ctypes.create_string_buffer(cap)
        rc = lib.pj_getenv(name, buf, cap, _ctypes.byref(needed))
        if rc == 0:
            return buf.raw[:needed.value]
        if rc == -_ENOENT:
            return None
        if rc != -_ERANGE:
            _raise_errno(rc)
        cap = needed.value + 1      # grew since the last try: ask again


def _c_set(name, value):
    if b"\0" in name or b"\0" in value:
        raise ValueError("embedded null byte")
    if b"=" in name:
        raise ValueError("illegal environment variable name")
    rc = _native.lib().pj_setenv(name, value, 1)
    if rc < 0:
        _raise_errno(rc)


def _c_unset(name):
    if b"\0" in name:
        raise ValueError("embedded null byte")
    rc = _native.lib().pj_unsetenv(name)
    if rc < 0:
        _raise_errno(rc)


def _c_items():
    """[(name, value), ...] of the whole C environment, read atomically."""
    lib = _native.lib()
    needed = _ctypes.c_size_t(0)
    cap = 4096
    while True:
        buf = _ctypes.create_string_buffer(cap)
        rc = lib.pj_environ_snapshot(buf, cap, _ctypes.byref(needed))
        if rc == 0:
            break
        if rc != -_ERANGE:
            _raise_errno(rc)
        cap = needed.value + 1
    items = []
    for entry in buf.raw[:needed.value].split(b"\0")[:-1]:
        name, sep, value = entry.partition(b"=")
        if sep and name:
            items.append((name, value))
    return items


def _c_count():
    count = _ctypes.c_size_t(0)
    rc = _native.lib().pj_environ_count(_ctypes.byref(count))
    if rc < 0:
        _raise_errno(rc)
    return count.value


# ---- environ / environb ----------------------------------------------------------------------


def _check_str(value):
    if not isinstance(value, str):
        raise TypeError(f"str expected, not {type(value).__name__}")
    return value


def _check_bytes(value):
    if not isinstance(value, bytes):
        raise TypeError(f"bytes expected, not {type(value).__name__}")
    return value


def _encode_str(value):
    return _check_str(value).encode(_FS_ENCODING, _FS_ERRORS)


def _decode_str(value):
    return value.decode(_FS_ENCODING, _FS_ERRORS)


def _identity(value):
    return value


def _mirror_to_host(name, value):
    """Keep the host's os.environ copy in step with a guest write (value None: removed)."""
    data = getattr(_host_os.environ, "_data", None)
    if data is None:
        return
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value


class _Environ(_MutableMapping):
    """A live view of the C environment. `encode` checks and converts a key or value
    to bytes (TypeError as CPython for the wrong type); `decode` converts back."""

    def __init__(self, encode, decode):
        self._encode = encode
        self._decode = decode

    def __getitem__(self, key):
        value = _c_get(self._encode(key))
        if value is None:
            raise KeyError(key) from None
        return self._decode(value)

    def __setitem__(self, key, value):
        name, data = self._encode(key), self._encode(value)
        _c_set(name, data)
        _mirror_to_host(name, data)

    def __delitem__(self, key):
        name = self._encode(key)
        present = _c_get(name) is not None
        _c_unset(name)
        _mirror_to_host(name, None)
        if not present:
            raise KeyError(key) from None

    def __iter__(self):
        # Over a snapshot of the names: the environment may change while the loop runs.
        for name, _value in _c_items():
            yield self._decode(name)

    def __len__(self):
        return _c_count()

    def __repr__(self):
        shown = ", ".join(f"{self._decode(name)!r}: {self._decode(value)!r}"
                          for name, value in _c_items())
        return f"environ({{{shown}}})"

    def copy(self):
        return {self._decode(name): self._decode(value) for name, value in _c_items()}

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]

    def __ior__(self, other):
        self.update(other)
        return self

    def __or__(self, other):
        if not isinstance(other, _host_import("collections.abc").Mapping):
            return NotImplemented
        merged = self.copy()
        merged.update(other)
        return merged

    def __ror__(self, other):
        if not isinstance(other, _host_import("collections.abc").Mapping):
            return NotImplemented
        merged = dict(other)
        merged.update(self.copy())
        return merged


environ = _Environ(_encode_str, _decode_str)
environb = _Environ(_check_bytes, _identity)


def getenv(key, default=None):
    """The value of the environment variable `key` (a str), or `default`."""
    return environ.get(key, default)


def getenvb(key, default=None):
    """The value of the environment variable `key` (bytes), or `default`."""
    return environb.get(key, default)


def putenv(name, value, /):
    """Set an environment variable (the live `environ` sees it at once)."""
    _c_set(fsencode(name), fsencode(value))   # noqa: F821 - host os.fsencode


def unsetenv(name, /):
    """Remove an environment variable (the live `environ` sees it at once)."""
    _c_unset(fsencode(name))                  # noqa: F821 - host os.fsencode


def get_exec_path(env=None):
    """The folders searched for a program: PATH of `env`, default the live environment."""
    return _host_os.get_exec_path(environ if env is None else env)
