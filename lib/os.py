"""The guest `os` module: the host's `os` module itself, one os in the process, with a
live process environment and protojit's process functions.

Under protojit (the program's own run, hostmods.serving()) importing os gives the
host's os module object, the one every host library and protojit itself hold
(shutil, pathlib, tempfile, subprocess internals): `sys.modules['os']`,
`shutil.os`, `pathlib.os` and the guest's `os` are one module, its classes
(stat_result, DirEntry, ...) CPython's, so pickles round-trip. This module puts
protojit's versions of these CPython names into it (dir() stays CPython's):

- `environ` / `environb` (`_Environ`): live mappings over the real C environment,
  read and written through protojit's C runtime (protojit/runtime/cenv.py over
  runtime_c/env.c, one lock for every access). A read sees what C code set (a
  ctypes `setenv`); a write is seen by C code and by every child process.
  CPython keeps a dict copy instead; the visible API is CPython's. The host os's
  own getenv, getenvb and get_exec_path read them (module globals).
- `putenv`, `unsetenv`: over the live environment, through the runtime's lock.
- The process functions of lib/_pjspawn.py (`posix_spawn`, `posix_spawnp`,
  `waitpid`, `pipe`, `pipe2`, `kill`, `waitstatus_to_exitcode`, `fork`, ...),
  loaded on the first call of one of them (`fork`: CPython's, the background
  compiler quiet across it).

Elsewhere (this file loaded by path under plain CPython, the unit tests) it is a
module of its own holding the same names over the host os.
"""
from protojit.hostmods import host_import as _host_import, serving as _serving
from protojit.runtime import cenv as _cenv, cstack as _cstack

_host_os = _host_import("os")

# The process functions of lib/_pjspawn.py, imported on first use: most programs that
# import os never start a process.
_SPAWN_NAMES = frozenset({
    "POSIX_SPAWN_OPEN", "POSIX_SPAWN_CLOSE", "POSIX_SPAWN_DUP2",
    "posix_spawn", "posix_spawnp", "waitpid", "waitstatus_to_exitcode",
    "pipe", "pipe2", "kill", "fork",
})
_SPAWN_CALLS = sorted(_name for _name in _SPAWN_NAMES if not _name.isupper())


_spawn_lock = _host_import("_thread").allocate_lock()


def _spawn_module(into):
    """Import lib/_pjspawn.py and put its functions into the namespace `into`. (Under a
    lock: threads making their first process call at once saw the module half-imported --
    "partially initialized module '_pjspawn'"; the guest importer does not make a second
    importer wait for the first as CPython's module locks do.)"""
    with _spawn_lock:
        import _pjspawn
        for exported in _pjspawn.__all__:
            into[exported] = getattr(_pjspawn, exported)
    return _pjspawn


def _first_call(name, into):
    """A stand-in for _pjspawn's `name` until its first call loads the real ones."""
    def call(*args, **kwargs):
        return getattr(_spawn_module(into), name)(*args, **kwargs)
    call.__name__ = call.__qualname__ = name
    call.__module__ = "os"
    return call


environ = _cenv.Environ(_cenv.encode_str, _cenv.decode_str)
environb = _cenv.Environ(_cenv.check_bytes, bytes)
_Environ = type(environ)
putenv = _cenv.putenv
unsetenv = _cenv.unsetenv

if _serving():
    # The program's os: the host module, with protojit's names in it.
    _ns = vars(_host_os)
    _ns.update(environ=environ, environb=environb, _Environ=_Environ, putenv=putenv,
               unsetenv=unsetenv)
    for _name in _SPAWN_CALLS:
        _ns[_name] = _first_call(_name, _ns)
    for _name in ("system", "execv", "execve"):     # (the other exec* functions call these)
        _ns[_name] = _cstack.with_child_limits(getattr(_host_os, _name))
    import sys as _sys                     # the guest sys: its module table
    _sys.modules["os"] = _host_os          # (the importer returns what the table holds)
    _sys.modules.setdefault("os.path", _host_os.path)
    del _ns, _name, _sys
else:
    # A module of its own over the host os (plain CPython: the unit tests).
    globals().update({_name: _value for _name, _value in vars(_host_os).items()
                      if not (_name.startswith("__") and _name.endswith("__"))
                      and _name not in ("environ", "environb", "_Environ", "putenv", "unsetenv")
                      and _name not in _SPAWN_NAMES})
    __all__ = list(_host_os.__all__)
    __all__ += sorted(_name for _name in _SPAWN_NAMES if _name not in __all__)

    def __getattr__(name):
        if name in _SPAWN_NAMES:
            _spawn_module(globals())
            if name in globals():
                return globals()[name]
        raise AttributeError(f"module 'os' has no attribute '{name}'")

    def __dir__():
        return sorted(set(globals()) | _SPAWN_NAMES)

    def getenv(key, default=None):
        """The value of the environment variable `key` (a str), or `default`."""
        return environ.get(key, default)

    def getenvb(key, default=None):
        """The value of the environment variable `key` (bytes), or `default`."""
        return environb.get(key, default)

    def get_exec_path(env=None):
        """The folders searched for a program: PATH of `env`, default the live environment."""
        return _host_os.get_exec_path(environ if env is None else env)
