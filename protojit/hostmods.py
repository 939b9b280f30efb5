"""Access to the *host* standard library from guest lib modules.

Guest modules in lib/ shadow host modules of the same name (lib/os.py is the
guest's `os`). When such a module needs the host original it asks for it
explicitly:

    from protojit.hostmods import host_import
    _host_os = host_import("os")

Under protojit `protojit` is not on the guest path, so this import is served
by the host (a foreign module) and `host_import` returns the host module.
Under plain CPython (unit tests of lib/ modules) it does the same.
"""
import importlib


def host_import(name: str):
    """Return the host CPython module `name` (never a guest lib/ module)."""
    return importlib.import_module(name)
