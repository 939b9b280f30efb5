"""Guest `ctypes.util`: find_library(name) -> a library's file name (e.g. 'libm.so.6') or None.

Finding a library is a question about the system's configuration (the dynamic
linker's cache from `ldconfig -p`, then gcc's and ld's search paths), not a foreign
call. The spec is CPython's answer, so this delegates to the host's
`ctypes.util.find_library`: protojit then finds exactly the library the oracle finds,
with the same fallbacks, and no second copy of that platform logic can drift from it.
The host function runs its helper processes itself (never through a shell).
"""
from protojit.hostmods import host_import

__all__ = ["find_library"]

_host_util = host_import("ctypes.util")


def find_library(name):
    """The file name of library `name` ('m' -> 'libm.so.6'), or None if not found."""
    return _host_util.find_library(name)
