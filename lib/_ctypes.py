"""The guest `_ctypes`: what CPython's C module of that name holds, from protojit's ctypes
(lib/ctypes/_impl.py). Under protojit it is the process's `_ctypes` (hostmods.SHARED),
so host code that tests classes against it (numpy's dtype from a ctypes array or
structure: issubclass(t, _ctypes.Array)) sees the program's ctypes classes.

Not supported, named on use: the CPython C API (PyObj_FromPtr, Py_INCREF, Py_DECREF) and
calling a function by its address through call_function/call_cdeclfunction.
"""
from ctypes._impl import (  # noqa: F401
    ArgumentError, Array, POINTER, RTLD_GLOBAL, RTLD_LOCAL, Structure, Union, _Pointer,
    _SimpleCData, _pointer_type_cache, __version__, addressof, alignment, byref,
    get_errno, pointer, resize, set_errno, sizeof, FUNCFLAG_CDECL, FUNCFLAG_PYTHONAPI,
    FUNCFLAG_USE_ERRNO, FUNCFLAG_USE_LASTERROR, _MAX_ARGCOUNT as CTYPES_MAX_ARGCOUNT,
    _CFuncPtr as CFuncPtr, _unsupported,
)
from ctypes import (  # noqa: F401
    _cast_addr, _memmove_addr, _memset_addr, _string_at_addr, _wstring_at_addr,
)
import ctypes._native as _native_layer

_unpickle = _native_layer.unpickle     # CPython's own: type.__new__, then __setstate__
dlopen = _native_layer.dlopen
dlsym = _native_layer.dlsym
dlclose = _native_layer.dlclose


def buffer_info(obj):
    """(format string, ndim, shape) of a ctypes type or instance -- CPython's; here only
    the parts the memory layout gives: format None for structures."""
    cls = obj if isinstance(obj, type) else type(obj)
    if getattr(cls, "_size_", None) is None:
        raise TypeError("not a ctypes type or object")
    shape = []
    item = cls
    while issubclass(item, Array):
        shape.append(item._length_)
        item = item._type_
    code = getattr(item, "_type_", None)
    return ("<" + code if isinstance(code, str) else None), len(shape), tuple(shape)


def _c_api(name):
    def refuse(*args):
        raise _unsupported(f"_ctypes.{name} (the CPython C API)")
    refuse.__name__ = refuse.__qualname__ = name
    return refuse


PyObj_FromPtr = _c_api("PyObj_FromPtr")
Py_INCREF = _c_api("Py_INCREF")
Py_DECREF = _c_api("Py_DECREF")
call_function = _c_api("call_function")
call_cdeclfunction = _c_api("call_cdeclfunction")


def __dir__():
    return sorted(set(globals()) - {"__dir__", "__pj_guest__", "__builtins__", "__cached__",
                                    "_native_layer", "_unsupported", "_c_api"})


del _c_api
