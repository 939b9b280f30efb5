"""Host-speed memory primitives behind the guest ctypes (lib/ctypes/_native.py).

In: calls from lib/ctypes/_native.py only (guest code reaches them through it).
Out: ctypes objects on memory (host `c_char` arrays, zeroed, freed by the host GC
with their owner, or windows over foreign memory at an address), the `value`
descriptor of simple types, `byref`, and C strings read from an address.

Why host code: lib/ modules run under protojit's tier-0 interpreter, and every
ctypes object is made here, every out-parameter goes through `byref` and every
c_char_p value through `string_at`; the guest interpreter would spend most of
their cost on a handful of stores (as threadprims.py does for locks). The object
protocol (`_b_buf`, `_b_off`, `_b_addr`) is what protojit/ffi.py's call plans read;
this module imports nothing of protojit, and makes no foreign call itself: the
string readers are given their libc functions by the guest layer.
"""
from __future__ import annotations

import ctypes as _host_ctypes
import math
import operator
import struct

_INT_WIDTHS = {"b": (8, True), "B": (8, False), "h": (16, True), "H": (16, False),
               "i": (32, True), "I": (32, False), "l": (64, True), "L": (64, False),
               "q": (64, True), "Q": (64, False)}

_char_arrays: dict[int, type] = {}


def _char_array(size: int):
    cls = _char_arrays.get(size)
    if cls is None:
        cls = _char_arrays[size] = _host_ctypes.c_char * (size if size > 0 else 1)
    return cls


def new_object(cls, size: int):
    """A new instance of ctypes class `cls` (created without __init__) on `size` zeroed bytes.

    The object protocol the call plans of protojit/ffi.py read: `_b_buf` (the memory: a host c_char array,
    freed with its last owner), `_b_off` (0), `_b_addr` (its address), `_b_base_` (None)
    and `_objects` (None). Host code because every ctypes object is made here: the
    guest interpreter would spend most of a small object's cost on these five stores."""
    obj = object.__new__(cls)
    buf = _char_array(size)()
    obj._b_buf = buf
    obj._b_off = 0
    obj._b_addr = _host_ctypes.addressof(buf)
    obj._b_base_ = None
    obj._objects = None
    return obj


def object_at(cls, buf, off: int, base):
    """An instance of `cls` on existing memory (`buf` from `off`) that keeps `base` alive."""
    obj = object.__new__(cls)
    obj._b_buf = buf
    obj._b_off = off
    obj._b_addr = _host_ctypes.addressof(buf) + off
    obj._b_base_ = base
    obj._objects = None
    return obj


_VALUE_FORMATS = {"b": "b", "B": "B", "h": "h", "H": "H", "i": "i", "I": "I", "l": "q", "L": "Q",
                  "q": "q", "Q": "Q", "f": "f", "d": "d"}
_VALUE_STRUCTS = {code: struct.Struct("=" + fmt) for code, fmt in _VALUE_FORMATS.items()}


def _float_value(value):
    if type(value) is float:
        return value
    if hasattr(type(value), "__float__") or hasattr(type(value), "__index__"):
        return float(value)
    raise TypeError(f"must be real number, not {type(value).__name__}")


class SimpleValue:
    """The `value` attribute of simple ctypes objects (a data descriptor, host code).

    Integer and floating types are read and written here, with CPython's conversions:
    an integer is taken with operator.index and wrapped to the C width, a float is
    anything with __float__ or __index__. Other types call the class's `_load_` and
    `_store_` (the guest's own conversions); `_store_` returns what the object must
    keep alive, stored in `_objects`."""

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        code = type(obj)._type_
        packer = _VALUE_STRUCTS.get(code)
        if packer is None:
            return type(obj)._load_(obj._b_buf, obj._b_off)
        return packer.unpack_from(obj._b_buf, obj._b_off)[0]

    def __set__(self, obj, value):
        code = type(obj)._type_
        packer = _VALUE_STRUCTS.get(code)
        if packer is None:
            obj._objects = type(obj)._store_(obj._b_buf, obj._b_off, value)
            return
        widths = _INT_WIDTHS.get(code)
        if widths is None:
            value = _float_value(value)
            try:
                packer.pack_into(obj._b_buf, obj._b_off, value)
            except OverflowError:       # out of float's range: C's conversion gives +-inf
                packer.pack_into(obj._b_buf, obj._b_off, math.copysign(math.inf, value))
        else:
            bits, signed = widths
            raw = operator.index(value) & ((1 << bits) - 1)
            if signed and raw >> (bits - 1):
                raw -= 1 << bits
            packer.pack_into(obj._b_buf, obj._b_off, raw)
        obj._objects = None

    def __delete__(self, obj):
        raise TypeError("can't delete attribute")


def make_byref(arg_class: type, data_class: type):
    """The `byref(obj, offset=0)` of a ctypes layer whose argument objects are `arg_class`
    (slots `_tag`, `_raw`, `_obj`) and whose objects derive from `data_class`.

    Host code because programs call byref for every out-parameter; the rule is CPython's:
    a ctypes instance, else TypeError naming the type."""
    def byref(obj, offset=0):
        if not isinstance(obj, data_class):
            raise TypeError(f"byref() argument must be a ctypes instance, not '{type(obj).__name__}'")
        arg = object.__new__(arg_class)
        arg._tag = "P"
        arg._raw = obj._b_addr + operator.index(offset)
        arg._obj = obj
        return arg
    byref.__doc__ = "A light pointer to `obj` (plus `offset` bytes), only for passing as an argument."
    return byref


def object_at_address(address: int):
    """The Python object at `address` (a py_object's stored PyObject *); ValueError if NULL.

    The host's py_object reads it over an 8-byte cell holding the address (a typed
    buffer: no foreign call)."""
    cell = _host_ctypes.c_uint64(address)
    return _host_ctypes.py_object.from_buffer(cell).value


def window(address: int, size: int):
    """A buffer over `size` bytes of foreign memory at `address` (owns nothing)."""
    return _char_array(size).from_address(address)


def make_string_readers(libc_function):
    """(string_at, wstring_at) reading C strings; `libc_function(name, restype, argcodes)`
    gives (address, invoker) of strlen/wcslen (a call stub, lib/ctypes/_native.py), looked
    up at the first string of unknown length."""
    found = {}

    def length(name, address):
        entry = found.get(name)
        if entry is None:
            entry = found[name] = libc_function(name, "Q", "P")
        fn, call = entry
        return call(fn, address)

    def string_at(address: int, size: int = -1) -> bytes:
        """`size` bytes at `address`, or up to the first NUL (libc strlen, through a stub)."""
        if size < 0:
            size = length("strlen", address)
        if size == 0:
            return b""
        return _char_array(size).from_address(address).raw

    def wstring_at(address: int, size: int = -1) -> str:
        """`size` wchar_t (UTF-32) characters at `address`, or up to the first NUL one."""
        if size < 0:
            size = length("wcslen", address)
        if size == 0:
            return ""
        return _char_array(4 * size).from_address(address).raw.decode("utf-32-le", "surrogatepass")

    return string_at, wstring_at
