"""The guest `ctypes` package: CPython 3.11's ctypes namespace, name for name.

The implementation is lib/ctypes/_impl.py (over lib/ctypes/_native.py and
protojit/ffi.py); this module binds CPython's names to it, public and private
(`_CFuncPtr`, `_pointer_type_cache`, `_check_size`, `_memmove_addr`, ...), so that
dir(ctypes) is CPython's and no helper of the implementation shows in it. Under
protojit it is the process's `ctypes` (protojit.hostmods.SHARED): host libraries
that import ctypes (numpy.ctypeslib, ndarray.ctypes, multiprocessing.sharedctypes)
get this module and its classes.

`PyDLL`, `pydll` and `pythonapi` call the CPython C API through the host's ctypes (simple
argument and result types). Not supported, named on use: big-endian structures and unions
(`BigEndianStructure`, `BigEndianUnion`: a subclass raises NotImplementedError),
`PYFUNCTYPE`.
"""
import os as _os
import sys as _sys
import types as _types
from struct import calcsize as _calcsize

from ._impl import (  # noqa: F401 - the public names
    ARRAY, ArgumentError, Array, CDLL, CFUNCTYPE, DEFAULT_MODE, LibraryLoader, POINTER,
    RTLD_GLOBAL, RTLD_LOCAL, SetPointerType, Structure, Union, addressof, alignment, byref,
    c_bool, c_buffer, c_byte, c_char, c_char_p, c_double, c_float, c_int, c_int16, c_int32,
    c_int64, c_int8, c_long, c_longdouble, c_longlong, c_short, c_size_t, c_ssize_t, c_ubyte,
    c_uint, c_uint16, c_uint32, c_uint64, c_uint8, c_ulong, c_ulonglong, c_ushort, c_void_p,
    c_voidp, c_wchar, c_wchar_p, cast, cdll, create_string_buffer, create_unicode_buffer,
    get_errno, memmove, memset, pointer, py_object, resize, set_errno, sizeof, string_at,
    wstring_at, _Pointer, _SimpleCData, _CFuncPtr, _c_functype_cache, _pointer_type_cache,
    FUNCFLAG_CDECL as _FUNCFLAG_CDECL, FUNCFLAG_PYTHONAPI as _FUNCFLAG_PYTHONAPI,
    FUNCFLAG_USE_ERRNO as _FUNCFLAG_USE_ERRNO, FUNCFLAG_USE_LASTERROR as _FUNCFLAG_USE_LASTERROR,
    __version__ as _ctypes_version, cast as _cast, string_at as _string_at,
    wstring_at as _wstring_at,
)
from ._impl import __version__  # noqa: F401
from . import _native as _native_layer

_dlopen = _native_layer.dlopen
# CPython's addresses of its C helpers; here those of the C library's memmove/memset (what
# CPython's memmove/memset call) and, for the helpers that have no C half here, 0.
_memmove_addr = _native_layer.dlsym(_native_layer.dlopen(None, RTLD_GLOBAL), "memmove")
_memset_addr = _native_layer.dlsym(_native_layer.dlopen(None, RTLD_GLOBAL), "memset")
_cast_addr = _string_at_addr = _wstring_at_addr = 0


def _check_size(typ, typecode=None):
    # Check if sizeof(ctypes_type) against struct.calcsize.  This
    # should protect somewhat against a misconfigured libffi.
    if typecode is None:
        # Most _type_ codes are the same as used in struct
        typecode = typ._type_
    actual, required = sizeof(typ), _calcsize(typecode)
    if actual != required:
        raise SystemError("sizeof(%s) wrong: %d instead of %d" %
                          (typ, actual, required))


def _reset_cache():
    _pointer_type_cache.clear()
    _c_functype_cache.clear()
    _pointer_type_cache[None] = c_void_p


class PyDLL(CDLL):
    """A library of the CPython C API kind: its functions run holding the GIL and raise
    the Python error they set. protojit runs on CPython, whose C API is the host's: the
    functions are the host ctypes' (through _impl._CApiFunction), with argtypes and restype of
    this module's simple types and py_object."""

    def __init__(self, name, mode=DEFAULT_MODE, handle=None, use_errno=False,
                 use_last_error=False, winmode=None):
        from ._native import host_ctypes
        self._host = host_ctypes.PyDLL(name, mode, handle, use_errno, use_last_error, winmode)
        self._name = self._host._name
        self._handle = self._host._handle

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        func = self.__getitem__(name)
        setattr(self, name, func)
        return func

    def __getitem__(self, name_or_ordinal):
        from ._impl import _CApiFunction
        return _CApiFunction(self._host[name_or_ordinal], name_or_ordinal)


def PYFUNCTYPE(restype, *argtypes):
    from ._impl import _unsupported
    raise _unsupported("PYFUNCTYPE (the CPython C API)")


pydll = LibraryLoader(PyDLL)
pythonapi = PyDLL(None)

from ._endian import BigEndianStructure, LittleEndianStructure  # noqa: E402
from ._endian import BigEndianUnion, LittleEndianUnion  # noqa: E402



def __dir__():
    return sorted(set(globals()) - {"__dir__", "__pj_guest__"})


del _native_layer
_impl = _sys.modules.get(__name__ + "._impl")   # (imports set it; CPython's has no _impl)
del _impl
globals().pop("_impl", None)
globals().pop("_native", None)
