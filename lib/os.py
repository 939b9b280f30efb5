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
The C environment is reached through protojit.runtime.cenv (host code over
runtime_c/env.c), so that one environ access is one guest call.
"""
from protojit.hostmods import host_import as _host_import
from protojit.runtime import cenv as _cenv

_host_os = _host_import("os")
_MutableMapping = _host_import("collections.abc").MutableMapping
_Mapping = _host_import("collections.abc").Mapping

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


# The C environment, through protojit's host-side accessor (one lock in runtime_c/env.c).
_c_get = _cenv.get
_c_put = _cenv.put
_c_unset = _cenv.unset
_c_items = _cenv.items
_c_names = _cenv.names
_c_count = _cenv.count


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
        name = self._encode(key)
        data = self._encode(value)
        _c_put(name, data)
        _mirror_to_host(name, data)

    def __delitem__(self, key):
        name = self._encode(key)
        present = _c_get(name) is not None
        _c_unset(name)
        _mirror_to_host(name, None)
        if not present:
            raise KeyError(key) from None

    def __contains__(self, key):
        return _c_get(self._encode(key)) is not None

    def get(self, key, default=None):
        value = _c_get(self._encode(key))
        return default if value is None else self._decode(value)

    def __iter__(self):
        # Over a snapshot of the names: the environment may change while the loop runs.
        return map(self._decode, _c_names())

    def __len__(self):
        return _c_count()

    def __repr__(self):
        decode = self._decode
        shown = ", ".join(f"{decode(name)!r}: {decode(value)!r}" for name, value in _c_items())
        return f"environ({{{shown}}})"

    def copy(self):
        decode = self._decode
        return {decode(name): decode(value) for name, value in _c_items()}

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]

    def __ior__(self, other):
        self.update(other)
        return self

    def __or__(self, other):
        if not isinstance(other, _Mapping):
            return NotImplemented
        merged = self.copy()
        merged.update(other)
        return merged

    def __ror__(self, other):
        if not isinstance(other, _Mapping):
            return NotImplemented
        merged = dict(other)
        merged.update(self.copy())
        return merged


environ = _Environ(_cenv.encode_str, _cenv.decode_str)
environb = _Environ(_cenv.check_bytes, bytes)



def getenv(key, default=None):
    """The value of the environment variable `key` (a str), or `default`."""
    return environ.get(key, default)


def getenvb(key, default=None):
    """The value of the environment variable `key` (bytes), or `default`."""
    return environb.get(key, default)


def putenv(name, value, /):
    """Set an environment variable (the live `environ` sees it at once)."""
    _c_put(fsencode(name), fsencode(value))   # noqa: F821 - host os.fsencode


def unsetenv(name, /):
    """Remove an environment variable (the live `environ` sees it at once)."""
    _c_unset(fsencode(name))                  # noqa: F821 - host os.fsencode


def get_exec_path(env=None):
    """The folders searched for a program: PATH of `env`, default the live environment."""
    return _host_os.get_exec_path(environ if env is None else env)
