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

A few lib/ modules (SHARED) are also the host's module of their name once a guest
program imports them (`share`, called by the guest importer): host code that finds
them by name -- pickle's find_class, mock.patch, importlib -- gets the guest's module,
as in CPython where there is one module per name. `host_import` still returns the
host's original.
"""
import importlib
import sys

# lib/ modules that replace the host's in sys.modules once the guest program imports
# them (only those whose host original no host part of protojit needs by that name).
SHARED = frozenset({"datetime", "subprocess"})

_originals: dict = {}       # name -> the host's module that a guest one replaced


def host_import(name: str):
    """Return the host CPython module `name` (never a guest lib/ module)."""
    module = _originals.get(name)
    if module is not None:
        return module
    current = sys.modules.get(name)
    if current is not None and getattr(current, "__pj_guest__", False):
        # the guest's module holds the name: import the host's beside it
        del sys.modules[name]
        try:
            module = importlib.import_module(name)
        finally:
            sys.modules[name] = current
        _originals[name] = module
        return module
    return importlib.import_module(name)


def share(name: str, module) -> None:
    """Make guest lib/ module `module` the process's module `name` (see SHARED)."""
    current = sys.modules.get(name)
    if current is not None and not getattr(current, "__pj_guest__", False):
        _originals.setdefault(name, current)
    sys.modules[name] = module


def unshare(name: str) -> None:
    """Give the name back to the host's original (the guest module failed to import)."""
    original = _originals.get(name)
    if original is not None and name not in sys.modules:
        sys.modules[name] = original
