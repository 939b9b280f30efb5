"""Access to the *host* standard library from guest lib modules, and the names that are
one module in the process.

Guest modules in lib/ shadow host modules of the same name (lib/os.py is the
guest's `os`). When such a module needs the host original it asks for it
explicitly:

    from protojit.hostmods import host_import
    _host_os = host_import("os")

Under protojit `protojit` is not on the guest path, so this import is served
by the host (a foreign module) and `host_import` returns the host module.
Under plain CPython (unit tests of lib/ modules) it does the same.

One module per name. The lib/ modules in SHARED are the process's module of their
name while a program runs, as in CPython where there is one: host code that imports
them (logging's `import threading`, asyncio's `import socket`) or finds them by name
(pickle's find_class, mock.patch, importlib.import_module) gets the guest's module.
`serve(importer)` (the runner, before the program starts) takes the host's copies out
of sys.modules (kept aside: `host_import` still returns them, and host modules that
bound them at protojit's start-up keep them) and puts a finder first on
sys.meta_path that answers a host import of such a name with the guest module,
imported by the program's importer. `share` makes a guest module the name's module
when the guest imports it itself; `release` (the runner, at the very end) gives the
names back to the host's copies for the host's own finalization.

ctypes (and _ctypes, ctypes.util) is one of them: numpy's ndarray.ctypes and ctypeslib,
multiprocessing.sharedctypes get the program's ctypes classes; protojit's own modules
bound the host's ctypes at start-up, and engine modules imported later see the host's
(_ENGINE below). os is one module another way: lib/os.py hands the guest the host's os
module itself, with protojit's environ and process functions put into it.

A few host modules need the host's own C types from one of these (HOST_VIEW: `ssl`
subclasses socket.socket, and its C half accepts only a real `_socket.socket`): they
are imported seeing the host's copies of those names; what guest code hands them
converts (ssl takes a guest socket's descriptor, as it does any socket's).
"""
import importlib
import importlib.abc
import importlib.machinery
import sys
import threading

# lib/ modules that are the process's module of their name while a program runs (only
# those whose host original no host part of protojit needs to look up by that name).
SHARED = frozenset({"datetime", "subprocess", "threading", "_thread", "socket", "_socket",
                    "hashlib", "_hashlib", "sqlite3", "sqlite3.dbapi2", "ctypes", "ctypes.util",
                    "_ctypes"})

# host module -> the SHARED names it is imported without (it needs the host's C types)
HOST_VIEW = {"ssl": ("socket", "_socket"),
             # numpy's C module takes the host datetime's C API capsule (PyDateTime_IMPORT)
             "numpy._core._multiarray_umath": ("datetime",),
             "numpy.core._multiarray_umath": ("datetime",)}

_originals: dict = {}       # name -> the host's module that a guest one replaced
_served = []                # [the program's importer] while serve() is in effect
_local = threading.local()  # .host_view: depth of _host_view() in this thread


def _is_guest(module) -> bool:
    return getattr(module, "__pj_guest__", False)


class _HostView:
    """While active, sys.modules holds the host's copies (or nothing) under `names`, and the
    finder stands aside in this thread; on exit the guest modules are back, and any host
    copy imported meanwhile is kept aside as that name's original."""

    def __init__(self, names):
        self.names = names

    def __enter__(self):
        self.saved = {}
        for name in self.names:
            current = sys.modules.get(name)
            if current is not None and not _is_guest(current):
                continue
            self.saved[name] = current
            original = _originals.get(name)
            if original is not None:
                sys.modules[name] = original
            else:
                sys.modules.pop(name, None)
        _local.host_view = getattr(_local, "host_view", 0) + 1
        return self

    def __exit__(self, *exc):
        _local.host_view -= 1
        for name, current in self.saved.items():
            loaded = sys.modules.get(name)
            if loaded is not None and not _is_guest(loaded):
                _originals.setdefault(name, loaded)
            if current is None:
                if _served:
                    sys.modules.pop(name, None)     # the finder serves it when asked
                elif loaded is None and name in _originals:
                    sys.modules[name] = _originals[name]
            else:
                sys.modules[name] = current
        return False


def host_import(name: str):
    """Return the host CPython module `name` (never a guest lib/ module)."""
    module = _originals.get(name)
    if module is not None:
        return module
    current = sys.modules.get(name)
    if current is not None and not _is_guest(current):
        return current
    if name in SHARED or any(_is_guest(sys.modules.get(n)) for n in SHARED) or _served:
        # the host's module, importing the host's copies of the shared names
        with _HostView(SHARED):
            return importlib.import_module(name)
    return importlib.import_module(name)


def serving() -> bool:
    """True while serve() is in effect: a program's run, its lib/ modules the process's."""
    return bool(_served)


def share(name: str, module) -> None:
    """Make guest lib/ module `module` the process's module `name` (see SHARED)."""
    current = sys.modules.get(name)
    if current is not None and not _is_guest(current):
        _originals.setdefault(name, current)
    sys.modules[name] = module


def unshare(name: str) -> None:
    """Give the name back to the host's original (the guest module failed to import)."""
    original = _originals.get(name)
    if original is not None and name not in sys.modules and not _served:
        sys.modules[name] = original


class _SharedLoader(importlib.abc.Loader):
    """Loads a SHARED name for host code: the program's importer runs the guest module."""

    def __init__(self, importer):
        self.importer = importer

    def create_module(self, spec):
        modules = self.importer.modules
        held = modules.get(spec.name)
        if held is not None:
            # The program holds the name's module, which someone took out of sys.modules
            # (test.support's import_fresh_module): a fresh copy, as CPython's import
            # makes one; the program's own imports keep the module they hold.
            del modules[spec.name]
            try:
                module = self.importer.load(spec.name)
            finally:
                modules[spec.name] = held
        else:
            module = self.importer.load(spec.name)
        self.spec, self.loader = module.__spec__, module.__loader__
        sys.modules[spec.name] = module     # (the guest importer shares it on first import)
        return module

    def exec_module(self, module):
        # the guest importer ran it; importlib set its own spec and loader on it
        module.__spec__, module.__loader__ = self.spec, self.loader


class _HostViewLoader(importlib.abc.Loader):
    """Runs a HOST_VIEW module's loader with the host's copies of the names it needs."""

    def __init__(self, loader, names):
        self.loader = loader
        self.names = names

    def create_module(self, spec):
        with _HostView(self.names):
            return self.loader.create_module(spec)

    def exec_module(self, module):
        module.__spec__.loader = module.__loader__ = self.loader
        with _HostView(self.names):
            self.loader.exec_module(module)


# The engine's own packages: a module of theirs first imported while the program runs
# (the native tier loads llvmlite at its first compile) is imported seeing the host's
# copies of every SHARED name, as it would have at protojit's start.
_ENGINE = ("protojit", "codegen", "llvmlite")


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if not _served or getattr(_local, "host_view", 0):
            return None
        if name in SHARED:
            return importlib.machinery.ModuleSpec(name, _SharedLoader(_served[0]))
        names = SHARED if name.partition(".")[0] in _ENGINE else HOST_VIEW.get(name)
        if names is None:
            return None
        spec = None
        with _HostView(()):     # (the finder stands aside: the other finders find it)
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                if finder is not self and find is not None:
                    spec = find(name, path, target)
                    if spec is not None:
                        break
        if spec is not None and spec.loader is not None:
            spec.loader = _HostViewLoader(spec.loader, names)
        return spec


_finder = _Finder()


def serve(importer) -> None:
    """From now on the SHARED names are the program's modules (see the module docstring)."""
    for name in SHARED:
        current = sys.modules.get(name)
        if current is not None and not _is_guest(current):
            _originals.setdefault(name, current)
            del sys.modules[name]
    _served[:] = [importer]
    if _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)


def release() -> None:
    """The names go back to the host's copies (CPython's finalization calls
    sys.modules['threading']._shutdown: the host's, for the host's own threads)."""
    _served.clear()
    if _finder in sys.meta_path:
        sys.meta_path.remove(_finder)
    for name in SHARED:
        original = _originals.get(name)
        if original is not None:
            sys.modules[name] = original
