"""The guest `ctypes` implementation: CPython 3.11's ctypes API over protojit's own FFI.

lib/ctypes/__init__.py exposes it under CPython's names (and only those).

In: guest programs (load a library, describe C types, call C functions, pass
callbacks). Out: CPython's values, reprs and exceptions. Below: lib/ctypes/_native.py
(dlopen/dlsym of runtime_c/dl.c, raw memory, and the llvmlite call stubs and
callback thunks of protojit/ffi.py); no foreign call goes through the host ctypes.

Every ctypes object (`_CData`) is a view on memory: `_b_buf` (a buffer), `_b_off`
(where the object starts in it), `_b_addr` (its address), `_b_base_` (the object
whose memory this is, kept alive) and `_objects` (Python objects the memory points
into, kept alive). Types carry `_size_` and `_align_`; simple types a `_type_` code.

A call first tries the function's call plan (`_update_plan` builds it whenever
argtypes/restype/errcheck change; protojit/ffi.py runs it in host code for plain
values and ctypes objects of the declared types). Otherwise `_call_slow` lowers each
argument to (C type code, raw value) -- an int, a float or an address -- with the
rules of CPython's from_param and default conversions, calls the signature's stub
and converts the raw result. Both paths accept the same arguments and give the same
results; the slow one also raises CPython's errors.

Structures, unions and long doubles passed or returned by value cross as their bytes:
protojit/ffi.py lays them out by the C ABI (`_aggregate` describes a structure type to
it). Not supported (an error that names the feature): bit fields, arrays returned by
value, big-endian structures, the CPython C API (pythonapi, PyDLL; py_object is
supported), Windows calling conventions. A Python float passed
without argtypes is refused as in CPython ("Don't know how to convert parameter").
"""
import math as _math
import operator as _operator
import struct as _struct
import sys as _sys

from . import _native
from protojit._pjentry import give_buffer as _give_buffer

# The ctypes package (lib/ctypes/__init__.py) re-exports CPython's names from here; what is
# defined here is ctypes' own (classes, functions: their __module__, pickling by name).
__name__ = "ctypes"

__version__ = "1.1.0"

__all__ = [
    "ArgumentError", "Array", "CDLL", "CFUNCTYPE", "DEFAULT_MODE", "LibraryLoader",
    "POINTER", "RTLD_GLOBAL", "RTLD_LOCAL", "SetPointerType", "Structure", "Union",
    "addressof", "alignment", "byref", "c_bool", "c_buffer", "c_byte", "c_char",
    "c_char_p", "c_double", "c_float", "c_int", "c_int16", "c_int32", "c_int64",
    "c_int8", "c_long", "c_longdouble", "c_longlong", "c_short", "c_size_t", "c_ssize_t", "c_ubyte",
    "c_uint", "c_uint16", "c_uint32", "c_uint64", "c_uint8", "c_ulong", "c_ulonglong",
    "c_ushort", "c_void_p", "c_voidp", "py_object", "c_wchar", "c_wchar_p", "cast", "cdll",
    "create_string_buffer", "create_unicode_buffer", "memmove", "memset", "pointer",
    "resize", "sizeof", "string_at", "wstring_at", "ARRAY", "LittleEndianStructure",
    "LittleEndianUnion", "get_errno", "set_errno",
]

RTLD_LOCAL = _native.RTLD_LOCAL
RTLD_GLOBAL = _native.RTLD_GLOBAL
DEFAULT_MODE = RTLD_LOCAL
FUNCFLAG_CDECL = 0x1
FUNCFLAG_PYTHONAPI = 0x4
FUNCFLAG_USE_ERRNO = 0x8
FUNCFLAG_USE_LASTERROR = 0x10


class ArgumentError(Exception):
    """A foreign function argument could not be converted."""


def _unsupported(feature):
    return NotImplementedError(f"protojit's ctypes does not support {feature}")


# ---- metaclasses and the common base --------------------------------------------------

class _CDataType(type):
    """What every ctypes type can do: `T * n`, from_address, from_buffer_copy, in_dll."""

    def __mul__(cls, length):
        return _array_type(cls, length)

    __rmul__ = __mul__

    def from_address(cls, address):
        return cls._at(_native.window(address, cls._size_), 0, None)

    def from_buffer(cls, source, offset=0):
        view = memoryview(source)
        if view.readonly:
            raise TypeError("underlying buffer is not writable")
        if not view.c_contiguous:
            raise TypeError("underlying buffer is not C contiguous")
        if offset < 0:
            raise ValueError("offset cannot be negative")
        if view.nbytes < cls._size_ + offset:
            raise ValueError(f"Buffer size too small ({view.nbytes} instead of at least "
                             f"{cls._size_ + offset} bytes)")
        obj = cls._at(_native.buffer_window(source, view.nbytes), offset, None)
        obj._objects = {id(source): source}
        return obj

    def from_buffer_copy(cls, source, offset=0):
        data = memoryview(source).cast("B")
        if offset < 0:
            raise ValueError("offset cannot be negative")
        if len(data) < cls._size_ + offset:
            raise ValueError(f"Buffer size too small ({len(data)} instead of at least "
                             f"{cls._size_ + offset} bytes)")
        obj = cls.__new__(cls)
        _native.write(obj._b_buf, obj._b_off, data[offset:offset + cls._size_])
        return obj

    def in_dll(cls, dll, name):
        try:
            address = _native.dlsym(dll._handle, name)
        except AttributeError as e:      # CPython's in_dll says ValueError (a function lookup
            raise ValueError(*e.args) from None    # on the library, AttributeError)
        return cls.from_address(address)


_new_object = _native.new_object
_object_at = _native.object_at


class _CData:
    """Common base of all ctypes instances (see the module docstring for the fields).
    Its instances export their memory as a buffer (memoryview(), bytearray(), numpy.frombuffer
    and struct.unpack_from take them): _give_buffer below fills the class's buffer slots
    (runtime_c/capi/pjbuf.c, over _pj_buffer_info), which every ctypes class inherits."""

    # The memory protocol in slots: vars() of a ctypes object is the program's own
    # attributes only, as in CPython (its __dict__ is what pickling saves).
    __slots__ = ("_b_buf", "_b_off", "_b_addr", "_b_base_", "_objects", "__dict__", "__weakref__")

    def __hash__(self):
        raise TypeError("unhashable type")
    _size_ = None
    _align_ = None

    def __new__(cls, *args, **kwargs):
        size = cls._size_
        if size is None:
            raise TypeError("abstract class")
        return _new_object(cls, size)

    @classmethod
    def _at(cls, buf, off, base):
        """An instance of `cls` on existing memory (`buf` from `off`), keeping `base` alive."""
        return _object_at(cls, buf, off, base)

    def _keep(self, key, value):
        if value is not None:
            if self._objects is None:
                self._objects = {}
            self._objects[key] = value

    def _raw_bytes(self):
        return _native.read(self._b_buf, self._b_off, type(self)._size_)

    def _pj_buffer_info(self):
        """(memory, offset, size, format, itemsize, shape) of the buffer the object exports
        (runtime_c/capi/pjbuf.c)."""
        cls = type(self)
        layout = _buffer_layouts.get(cls)
        if layout is None:
            layout = _buffer_layouts[cls] = _buffer_layout(cls)
        return (self._b_buf, self._b_off, cls._size_) + layout

    def __reduce__(self):
        # CPython's: (_ctypes._unpickle, (type, (__dict__, the memory's bytes))); the host's
        # _unpickle only calls type.__new__ and __setstate__, so the pickle is CPython's.
        if _contains_pointer(type(self)):
            raise ValueError("ctypes objects containing pointers cannot be pickled")
        return _native.unpickle, (type(self), (self.__dict__, bytes(self._raw_bytes())))

    def __setstate__(self, *state):
        if len(state) != 2:
            raise TypeError(f"__setstate__ expected 2 arguments, got {len(state)}")
        attributes, data = state
        if not isinstance(attributes, dict):
            raise TypeError(f"__setstate__() argument 1 must be dict, not {type(attributes).__name__}")
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'")
        size = type(self)._size_
        _native.write(self._b_buf, self._b_off, bytes(data[:size]))
        self.__dict__.update(attributes)

    def __ctypes_from_outparam__(self):
        return self


# Before any subclass: subclasses copy the slots when they are made. No base class is added
# (numpy.ctypeslib walks a ctypes type's __mro__).
_give_buffer(_CData)

# type -> (format, itemsize, shape) of its objects' buffers
_buffer_layouts = {}


def _buffer_layout(cls):
    """What CPython's ctypes object of type `cls` exports (PEP 3118 format, item size,
    shape): read off the host's ctypes object of the same C type (_host_type)."""
    view = memoryview(_host_type(cls)())
    return view.format, view.itemsize, view.shape


def _host_type(cls):
    """The host ctypes type laid out as guest ctypes type `cls` (for its buffer format)."""
    hc = _native._hc
    if issubclass(cls, _SimpleCData):
        return _host_simple_types()[cls._type_]
    if issubclass(cls, Array):
        return _host_type(cls._type_) * cls._length_
    if issubclass(cls, _Pointer):
        target = cls.__dict__.get("_type_")
        return hc.POINTER(_host_type(target)) if isinstance(target, type) else hc.c_void_p
    if issubclass(cls, _CFuncPtr):
        return hc.CFUNCTYPE(None)
    if issubclass(cls, (Structure, Union)):
        base = cls.__mro__[1]
        if base in (Structure, Union):
            host_base = hc.Union if issubclass(cls, Union) else hc.Structure
        else:
            host_base = _host_type(base)
        ns = {"_fields_": [(f[0], _host_type(f[1])) + tuple(f[2:])
                           for f in cls.__dict__.get("_fields_", ())]}
        if "_pack_" in cls.__dict__:
            ns["_pack_"] = cls.__dict__["_pack_"]
        return type(cls.__name__, (host_base,), ns)
    raise TypeError(f"no buffer layout for {cls.__name__}")


_host_simple = {}


def _host_simple_types():
    if not _host_simple:
        hc = _native._hc
        for name in ("c_byte", "c_ubyte", "c_short", "c_ushort", "c_int", "c_uint", "c_long",
                     "c_ulong", "c_longlong", "c_ulonglong", "c_float", "c_double", "c_longdouble",
                     "c_char", "c_wchar", "c_char_p", "c_wchar_p", "c_void_p", "c_bool", "py_object"):
            t = getattr(hc, name)
            _host_simple.setdefault(t._type_, t)
    return _host_simple


def _contains_pointer(cls):
    """CPython's TYPEFLAG_ISPOINTER | TYPEFLAG_HASPOINTER: a pointer, a pointer-like simple
    type (c_char_p, c_wchar_p, c_void_p, py_object), a function pointer, or an array or
    structure holding one."""
    if issubclass(cls, (_Pointer, _CFuncPtr)):
        return True
    if issubclass(cls, _SimpleCData):
        return getattr(cls, "_type_", None) in ("z", "Z", "P", "O")
    if issubclass(cls, Array):
        item = getattr(cls, "_type_", None)
        return isinstance(item, type) and _contains_pointer(item)
    for field in getattr(cls, "_fields_", None) or ():
        if isinstance(field, tuple) and len(field) >= 2 and isinstance(field[1], type) \
                and _contains_pointer(field[1]):
            return True
    return False


# As CPython's (a type's __mro__[-2] is _ctypes._CData: numpy's npy_ctypes_check reads it).
_CData.__module__ = "_ctypes"


# ---- simple types -------------------------------------------------------------------------

_INT_CODES = {"b": (8, True), "B": (8, False), "h": (16, True), "H": (16, False),
              "i": (32, True), "I": (32, False), "l": (64, True), "L": (64, False),
              "q": (64, True), "Q": (64, False)}
# type code -> (size, struct format of the stored value)
_LAYOUT = {"b": (1, "b"), "B": (1, "B"), "h": (2, "h"), "H": (2, "H"), "i": (4, "i"),
           "I": (4, "I"), "l": (8, "q"), "L": (8, "Q"), "q": (8, "q"), "Q": (8, "Q"),
           "f": (4, "f"), "d": (8, "d"), "?": (1, "B"), "c": (1, "B"), "u": (4, "I"),
           "z": (8, "Q"), "Z": (8, "Q"), "P": (8, "Q"), "g": (16, "16s"), "O": (8, "Q")}
_STRUCTS = {code: _struct.Struct("=" + fmt) for code, (_size, fmt) in _LAYOUT.items()}


def _float_to_longdouble(value):
    """The 16 bytes of C `long double` (x86-64: the x87 80-bit extended format, little
    endian, 6 bytes of padding) holding the double `value` (exactly: it has more bits)."""
    sign = 0x8000 if _math.copysign(1.0, value) < 0 else 0
    if value != value:
        exponent, mantissa = 0x7FFF, 0xC000000000000000
    elif value in (_math.inf, -_math.inf):
        exponent, mantissa = 0x7FFF, 0x8000000000000000
    elif value == 0:
        exponent, mantissa = 0, 0
    else:
        m, e = _math.frexp(abs(value))          # value = m * 2**e, 0.5 <= m < 1
        exponent, mantissa = e - 1 + 16383, int(m * 2.0 ** 64)
    return mantissa.to_bytes(8, "little") + (sign | exponent).to_bytes(2, "little") + bytes(6)


def _longdouble_to_float(raw):
    """The double C's conversion gives for the `long double` in `raw` (16 bytes)."""
    mantissa = int.from_bytes(raw[:8], "little")
    top = int.from_bytes(raw[8:10], "little")
    sign = -1.0 if top & 0x8000 else 1.0
    exponent = top & 0x7FFF
    if exponent == 0x7FFF:
        return sign * _math.inf if (mantissa << 1) & 0xFFFFFFFFFFFFFFFF == 0 else _math.nan
    try:
        # float(mantissa) rounds the 64-bit mantissa to 53 bits (to nearest even), as C does.
        return sign * _math.ldexp(float(mantissa), (exponent or 1) - 16383 - 63)
    except OverflowError:
        return sign * _math.inf


def _wrap_int(value, bits, signed):
    value &= (1 << bits) - 1
    if signed and value >> (bits - 1):
        value -= 1 << bits
    return value


def _typename(value):
    return type(value).__name__


def _expected(cls, obj) -> TypeError:
    """CPython's from_param error; a byref() object is named by what it points to."""
    if type(obj).__name__ == "CArgObject" and hasattr(obj, "_obj"):
        what = "pointer to " + (type(obj._obj).__name__ if obj._obj is not None else "???")
    else:
        what = _typename(obj)
    return TypeError(f"expected {cls.__name__} instance instead of {what}")


def _to_int(value, code):
    bits, signed = _INT_CODES[code]
    return _wrap_int(_operator.index(value), bits, signed)


def _to_float(value):
    if isinstance(value, float):
        return value
    if hasattr(type(value), "__float__") or hasattr(type(value), "__index__"):
        return float(value)
    raise TypeError(f"must be real number, not {_typename(value)}")


def _pack_float(pack, buf, off, value):
    """Store a float as C float/double; out of a C float's range it becomes +-inf, as in C."""
    try:
        pack(buf, off, value)
    except OverflowError:
        pack(buf, off, float("inf") if value > 0 else float("-inf"))


def _to_char(value):
    if isinstance(value, (bytes, bytearray)) and len(value) == 1:
        return value[0]
    if isinstance(value, int) and 0 <= value < 256:
        return value
    raise TypeError("one character bytes, bytearray or integer expected")


def _to_wchar(value):
    if not isinstance(value, str):
        raise TypeError(f"unicode string expected instead of {_typename(value)} instance")
    if len(value) != 1:
        raise TypeError("one character unicode string expected")
    return ord(value)


def _wchar_buffer(text):
    """A bytes object holding `text` as NUL-terminated wchar_t (UTF-32) characters."""
    return text.encode("utf-32-le", "surrogatepass") + b"\0\0\0\0"


def _store_simple(code, buf, off, value):
    """Convert `value` for C type `code`, store it; return an object to keep alive (or None)."""
    keep = None
    if code in _INT_CODES:
        raw = _to_int(value, code)
    elif code == "f" or code == "d":
        _pack_float(_STRUCTS[code].pack_into, buf, off, _to_float(value))
        return None
    elif code == "g":
        raw = _float_to_longdouble(_to_float(value))
    elif code == "?":
        raw = 1 if value else 0
    elif code == "c":
        raw = _to_char(value)
    elif code == "u":
        raw = _to_wchar(value)
    elif code == "z":
        if value is None:
            raw = 0
        elif isinstance(value, bytes):
            raw = _native.bytes_address(value)
            keep = value
        elif isinstance(value, int):
            raw = value & 0xFFFFFFFFFFFFFFFF
        else:
            raise TypeError(f"bytes or integer address expected instead of {_typename(value)} instance")
    elif code == "Z":
        if value is None:
            raw = 0
        elif isinstance(value, str):
            keep = _wchar_buffer(value)
            raw = _native.bytes_address(keep)
        elif isinstance(value, int):
            raw = value & 0xFFFFFFFFFFFFFFFF
        else:
            raise TypeError(f"unicode string or integer address expected instead of "
                            f"{_typename(value)} instance")
    elif code == "P":
        if value is None:
            raw = 0
        elif isinstance(value, int):
            raw = value & 0xFFFFFFFFFFFFFFFF
        else:
            raise TypeError("cannot be converted to pointer")
    elif code == "O":   # the object's address; the ctypes object keeps the object alive
        raw = id(value)
        keep = value
    else:
        raise _unsupported(f"the C type code {code!r}")
    _STRUCTS[code].pack_into(buf, off, raw)
    return keep


def _value_of(code, raw):
    """The Python value of C type `code` whose stored (raw) value is `raw`."""
    if code == "?":
        return bool(raw)
    if code == "c":
        return bytes((raw & 0xFF,))
    if code == "u":
        return chr(raw)
    if code == "z":
        return None if raw == 0 else _native.string_at(raw)
    if code == "Z":
        return None if raw == 0 else _native.wstring_at(raw)
    if code == "P":
        return None if raw == 0 else raw
    if code == "g":
        return _longdouble_to_float(raw)
    if code == "O":
        return _native.object_at_address(raw)
    return raw


_NO_VALUE = object()


def _value_loader(code):
    """load(buf, off) -> the Python value of a C `code` stored at buf[off:] (one per type)."""
    unpack = _STRUCTS[code].unpack_from
    if code in _INT_CODES or code == "f" or code == "d":
        return lambda buf, off: unpack(buf, off)[0]
    return lambda buf, off: _value_of(code, unpack(buf, off)[0])


def _value_storer(code):
    """store(buf, off, value) -> keep-alive: convert and store a C `code` (one per type)."""
    pack = _STRUCTS[code].pack_into
    if code in _INT_CODES:
        bits, signed = _INT_CODES[code]
        mask = (1 << bits) - 1
        half = 1 << (bits - 1)
        index = _operator.index
        if signed:
            def store_signed(buf, off, value):
                pack(buf, off, ((index(value) + half) & mask) - half)
            return store_signed

        def store_unsigned(buf, off, value):
            pack(buf, off, index(value) & mask)
        return store_unsigned
    if code == "d" or code == "f":
        def store_float(buf, off, value):
            _pack_float(pack, buf, off, value if type(value) is float else _to_float(value))
        return store_float
    return lambda buf, off, value: _store_simple(code, buf, off, value)


# The codes CPython gives byte-swapped variants (__ctype_le__/__ctype_be__).
_SWAPPABLE = frozenset("hHiIlLqQfd?")


class PyCSimpleType(_CDataType):
    """Metaclass of the simple types: checks `_type_`, sets size and alignment."""

    def __new__(mcls, name, bases, namespace):
        cls = super().__new__(mcls, name, bases, namespace)
        code = getattr(cls, "_type_", None)
        if not any(isinstance(b, PyCSimpleType) for b in bases):
            return cls          # _SimpleCData itself
        if code is None:
            raise AttributeError("class must define a '_type_' attribute")
        if not isinstance(code, str):
            raise TypeError("class must define a '_type_' string attribute")
        if code not in _LAYOUT:
            raise ValueError(f"class must define a '_type_' attribute which must be\n"
                             f"a single character string containing one of "
                             f"'cbBhHiIlLdfuzZqQPXOv?g'.")
        cls._size_ = cls._align_ = _LAYOUT[code][0]
        cls._load_ = staticmethod(_value_loader(code))
        cls._store_ = staticmethod(_value_storer(code))
        if code in _SWAPPABLE and "__ctype_le__" not in namespace:
            # CPython: the native (little-endian) type is its own __ctype_le__; numpy's
            # ctypeslib reads it. (__ctype_be__, a byte-swapped type, is not supported.)
            cls.__ctype_le__ = cls
        return cls

    def from_param(cls, obj):
        code, raw, keep = _lower_simple(cls, obj)
        return CArgObject(code if code != "l" else "l", raw, keep)


PyCSimpleType.__module__ = "_ctypes"


def _lower_simple(cls, obj, arg=True):
    """(code, raw value, keep-alive) of `obj` passed where C type `cls` is expected.
    `arg`: an argument (from_param): an int is no c_char_p/c_wchar_p (CPython says
    "wrong type"; as an address it would crash); False for a callback's result, which
    converts as the type's constructor does."""
    code = cls._type_
    if code == "O":     # py_object: the object's address, the object kept alive
        if isinstance(obj, cls):
            return "P", _STRUCTS["O"].unpack_from(obj._b_buf, obj._b_off)[0], obj
        return "P", id(obj), obj
    if isinstance(obj, cls):
        return code, _STRUCTS[code].unpack_from(obj._b_buf, obj._b_off)[0], obj
    if code in _INT_CODES:
        if isinstance(obj, int):
            bits, signed = _INT_CODES[code]
            return code, _wrap_int(obj, bits, signed), None
    elif code == "d" or code == "f":
        if isinstance(obj, (int, float)):
            return code, float(obj), None
    elif code == "g":   # its 16 bytes (protojit/ffi.py passes them by the C ABI)
        if isinstance(obj, (int, float)):
            return code, _float_to_longdouble(float(obj)), None
    elif code == "z":
        if obj is None:
            return code, 0, None
        if isinstance(obj, bytes):
            return code, _native.bytes_address(obj), obj
        if isinstance(obj, int) and not arg:
            return code, obj & 0xFFFFFFFFFFFFFFFF, None
        return _lower_char_pointer(code, c_char, obj)
    elif code == "Z":
        if obj is None:
            return code, 0, None
        if isinstance(obj, str):
            buf = _wchar_buffer(obj)
            return code, _native.bytes_address(buf), buf
        if isinstance(obj, int) and not arg:
            return code, obj & 0xFFFFFFFFFFFFFFFF, None
        return _lower_char_pointer(code, c_wchar, obj)
    elif code == "P":
        return _lower_void_p(obj)
    elif code == "?":
        return code, 1 if obj else 0, None
    elif code == "c":
        if isinstance(obj, (bytes, bytearray, int)):
            if not arg:
                return code, _to_char(obj), None
            try:
                return code, _to_char(obj), None
            except TypeError:
                pass   # an argument: CPython's from_param says "wrong type"
    elif code == "u":
        if isinstance(obj, str):
            if not arg:
                return code, _to_wchar(obj), None
            try:
                return code, _to_wchar(obj), None
            except TypeError:
                pass
    if hasattr(obj, "_as_parameter_"):
        return _lower_simple(cls, obj._as_parameter_, arg)
    raise TypeError("wrong type")


def _lower_char_pointer(code, elem, obj):
    """c_char_p / c_wchar_p arguments: also arrays of and pointers to the character type."""
    if isinstance(obj, Array) and type(obj)._type_ is elem:
        return code, obj._b_addr, obj
    if isinstance(obj, _Pointer) and type(obj)._type_ is elem:
        return code, _STRUCTS["P"].unpack_from(obj._b_buf, obj._b_off)[0], obj
    if isinstance(obj, CArgObject) and obj._tag == code:
        return code, obj._raw, obj
    if hasattr(obj, "_as_parameter_"):
        return _lower_simple(c_char_p if code == "z" else c_wchar_p, obj._as_parameter_)
    raise TypeError("wrong type")


def _lower_void_p(obj):
    if obj is None:
        return "P", 0, None
    if isinstance(obj, int):
        return "P", obj & 0xFFFFFFFFFFFFFFFF, None
    if isinstance(obj, bytes):
        return "P", _native.bytes_address(obj), obj
    if isinstance(obj, str):
        buf = _wchar_buffer(obj)
        return "P", _native.bytes_address(buf), buf
    if isinstance(obj, CArgObject) and obj._tag == "P":
        return "P", obj._raw, obj
    if isinstance(obj, (_Pointer, _CFuncPtr)):
        return "P", _STRUCTS["P"].unpack_from(obj._b_buf, obj._b_off)[0], obj
    if isinstance(obj, Array):
        return "P", obj._b_addr, obj
    if isinstance(obj, _SimpleCData) and obj._type_ in "zZP":
        return "P", _STRUCTS["P"].unpack_from(obj._b_buf, obj._b_off)[0], obj
    if hasattr(obj, "_as_parameter_"):
        return _lower_void_p(obj._as_parameter_)
    raise TypeError("wrong type")


class _SimpleCData(_CData, metaclass=PyCSimpleType):
    """Base of c_int, c_double, c_char_p, ...: one C value with a `.value`."""

    def __init__(self, value=_NO_VALUE):
        if value is not _NO_VALUE:
            self.value = value

    # Reads and writes the C value through the type's _load_/_store_, integer and
    # floating types inline (protojit/ctypesprims.py SimpleValue: host code, CPython's rules).
    value = _native.SimpleValue()

    def __bool__(self):
        return any(self._raw_bytes())

    def __repr__(self):
        cls = type(self)
        if cls.__bases__[0] is not _SimpleCData:
            return f"<{cls.__name__} object at {id(self):#x}>"
        if cls._type_ in "zZ":
            raw = _STRUCTS["P"].unpack_from(self._b_buf, self._b_off)[0]
            return f"{cls.__name__}({raw if raw else None})"
        return f"{cls.__name__}({self.value!r})"

    @classmethod
    def _from_raw(cls, raw):
        """The Python result for a raw C value of this type (value, or instance for subclasses)."""
        if cls.__bases__[0] is _SimpleCData:
            return _value_of(cls._type_, raw)
        obj = cls.__new__(cls)
        _STRUCTS[cls._type_].pack_into(obj._b_buf, 0, raw)
        return obj


_SimpleCData.__module__ = "_ctypes"


class c_short(_SimpleCData):
    _type_ = "h"


class c_ushort(_SimpleCData):
    _type_ = "H"


class c_long(_SimpleCData):
    _type_ = "l"


class c_ulong(_SimpleCData):
    _type_ = "L"


class c_int(_SimpleCData):
    _type_ = "i"


class c_uint(_SimpleCData):
    _type_ = "I"


class c_float(_SimpleCData):
    _type_ = "f"


class c_double(_SimpleCData):
    _type_ = "d"


class c_longdouble(_SimpleCData):
    """C long double: stored in its own format; read and written as a Python float (as in
    CPython); passed and returned as its 16 bytes (protojit/ffi.py: x86_fp80)."""
    _type_ = "g"


class c_byte(_SimpleCData):
    _type_ = "b"


class py_object(_SimpleCData):
    """A Python object (C PyObject *): `value` is the object itself."""
    _type_ = "O"

    def __repr__(self):
        try:
            return super().__repr__()
        except ValueError:
            return f"{type(self).__name__}(<NULL>)"


class c_ubyte(_SimpleCData):
    _type_ = "B"


class c_char(_SimpleCData):
    _type_ = "c"


class c_char_p(_SimpleCData):
    _type_ = "z"


class c_void_p(_SimpleCData):
    _type_ = "P"


class c_bool(_SimpleCData):
    _type_ = "?"


class c_wchar_p(_SimpleCData):
    _type_ = "Z"


class c_wchar(_SimpleCData):
    _type_ = "u"


# LP64: long and long long have one size, so they are one type (as in CPython).
c_longlong = c_long
c_ulonglong = c_ulong
c_voidp = c_void_p
c_int8 = c_byte
c_uint8 = c_ubyte
c_int16 = c_short
c_uint16 = c_ushort
c_int32 = c_int
c_uint32 = c_uint
c_int64 = c_long
c_uint64 = c_ulong
c_size_t = c_ulong
c_ssize_t = c_long


# ---- argument objects (byref and from_param results) ------------------------------------

class CArgObject:
    """A converted argument: C type code `_tag`, raw value `_raw`, `_obj` kept alive."""
    __slots__ = ("_tag", "_raw", "_obj")

    def __init__(self, tag, raw, obj):
        self._tag = tag
        self._raw = raw
        self._obj = obj

    def __repr__(self):
        tag, raw = self._tag, self._raw
        if tag in "PzZ":
            return f"<cparam '{tag}' ({raw:#x})>"
        if tag == "c":
            return f"<cparam '{tag}' ({chr(raw)!r})>"
        if tag == "?":
            return f"<cparam '{tag}' at {id(self):#x}>"
        return f"<cparam '{tag}' ({raw!r})>"


CArgObject.__module__ = "builtins"


# byref(obj, offset=0): a CArgObject ('P', address of obj + offset) keeping obj alive;
# made by protojit/ctypesprims.py (host code: out-parameters make it a hot path).
byref = _native.make_byref(CArgObject, _CData)


def addressof(obj):
    """The address of the memory of ctypes instance `obj`."""
    if not isinstance(obj, _CData):
        raise TypeError("invalid type")
    return obj._b_addr


def sizeof(obj_or_type):
    """Size in bytes of a ctypes type or instance."""
    cls = obj_or_type if isinstance(obj_or_type, type) else type(obj_or_type)
    size = getattr(cls, "_size_", None) if isinstance(cls, _CDataType) else None
    if size is None:
        raise TypeError("this type has no size")
    return size


def alignment(obj_or_type):
    """Alignment requirement in bytes of a ctypes type or instance."""
    cls = obj_or_type if isinstance(obj_or_type, type) else type(obj_or_type)
    align = getattr(cls, "_align_", None) if isinstance(cls, _CDataType) else None
    if align is None:
        raise TypeError("no alignment info")
    return align


# ---- how values of any ctypes type are read and written inside other objects ---------------

def _is_plain_simple(cls):
    return isinstance(cls, PyCSimpleType) and cls.__bases__[0] is _SimpleCData


def _getter(cls):
    """get(buf, off, owner) -> the Python value of a `cls` stored at buf[off:]."""
    if _is_plain_simple(cls):
        load = cls._load_
        return lambda buf, off, owner: load(buf, off)
    if isinstance(cls, PyCArrayType) and cls._type_ in (c_char, c_wchar):
        return lambda buf, off, owner: cls._at(buf, off, owner).value
    return lambda buf, off, owner: cls._at(buf, off, owner)


def _setter(cls):
    """set(buf, off, value) -> keep-alive; stores `value` as a `cls` at buf[off:]."""
    if _is_plain_simple(cls) or isinstance(cls, PyCSimpleType):
        store = cls._store_

        def set_simple(buf, off, value):
            if isinstance(value, cls):
                _native.write(buf, off, value._raw_bytes())
                return value._objects
            return store(buf, off, value)
        return set_simple

    def set_other(buf, off, value):
        if isinstance(value, cls):
            _native.write(buf, off, value._raw_bytes())
            return value._objects if value._objects is not None else value
        target = cls._at(buf, off, None)
        if isinstance(cls, PyCArrayType):
            if cls._type_ is c_char and isinstance(value, bytes):
                target.value = value
                return None
            if cls._type_ is c_wchar and isinstance(value, str):
                target.value = value
                return None
            if isinstance(value, tuple):
                _init_from_tuple(cls, target, value)
                return target._objects
        elif isinstance(cls, (PyCStructType, UnionType)) and isinstance(value, tuple):
            _init_from_tuple(cls, target, value)
            return target._objects
        elif isinstance(cls, PyCPointerType):
            if value is None:              # NULL, as CPython's _PyCData_set
                _STRUCTS["P"].pack_into(buf, off, 0)
                return None
            if isinstance(value, Array) and value._type_ is cls._type_:
                _STRUCTS["P"].pack_into(buf, off, value._b_addr)
                return value
        raise TypeError(f"expected {cls.__name__} instance, got {_typename(value)}")
    return set_other


def _init_from_tuple(cls, target, value):
    """A structure/array field set from a tuple: the type is called with its items; an
    error becomes CPython's RuntimeError("(Type) ExcName: message")."""
    try:
        target.__init__(*value)
    except Exception as e:    # noqa: BLE001 - re-raised as CPython's RuntimeError
        raise RuntimeError(f"({cls.__name__}) {type(e).__name__}: {e}") from None


# ---- arrays -------------------------------------------------------------------------------

class PyCArrayType(_CDataType):
    """Metaclass of array types: `_type_` (element type) and `_length_` give the size."""

    def __new__(mcls, name, bases, namespace):
        cls = super().__new__(mcls, name, bases, namespace)
        if "_length_" not in namespace and "_type_" not in namespace and bases == (_CData,):
            return cls
        # CPython's checks, in its order and words.
        try:
            length = cls._length_
        except AttributeError:
            raise AttributeError("class must define a '_length_' attribute") from None
        if not isinstance(length, int):
            raise TypeError("The '_length_' attribute must be an integer")
        if length < 0:
            raise ValueError("The '_length_' attribute must not be negative")
        if length > _sys.maxsize:
            raise OverflowError("The '_length_' attribute is too large")
        length = int(length)
        try:
            elem = cls._type_
        except AttributeError:
            raise AttributeError("class must define a '_type_' attribute") from None
        if not isinstance(elem, _CDataType) or getattr(elem, "_size_", None) is None:
            raise TypeError("_type_ must have storage info")
        if elem._size_ and length > _sys.maxsize // elem._size_:
            raise OverflowError("array too large")
        cls._size_ = elem._size_ * length
        cls._align_ = elem._align_
        cls._get_ = staticmethod(_getter(elem))
        cls._set_ = staticmethod(_setter(elem))
        return cls

    def from_param(cls, obj):
        if isinstance(obj, cls):
            return obj
        if isinstance(obj, CArgObject) and isinstance(obj._obj, cls._type_):
            return obj   # byref() of an element: CPython checks it against the array's item type
        raise _expected(cls, obj)


PyCArrayType.__module__ = "_ctypes"

_array_types = {}


# Functions here that CPython writes in Python (Lib/ctypes/__init__.py): a type they make
# belongs to 'ctypes'.
_PYTHON_LEVEL = frozenset({"create_string_buffer", "create_unicode_buffer", "c_buffer", "ARRAY"})


def _caller_module() -> str:
    """The __module__ CPython gives a type that _ctypes makes (an array or pointer type):
    type() names the module of the innermost Python frame, the code that asked for it
    (this module stands for C code: its frames are passed, but for _PYTHON_LEVEL's)."""
    here = globals()
    f = _sys._getframe(1)
    while f is not None and f.f_globals is here:
        if f.f_code.co_name in _PYTHON_LEVEL:
            return "ctypes"
        f = f.f_back
    return f.f_globals.get("__name__", "builtins") if f is not None else "builtins"


def _array_type(elem, length):
    if not isinstance(length, int):
        raise TypeError(f"can't multiply sequence by non-int of type '{_typename(length)}'")
    if length < 0:
        raise ValueError(f"Array length must be >= 0, not {length}")
    key = (elem, length)
    cls = _array_types.get(key)
    if cls is None:
        cls = PyCArrayType(f"{elem.__name__}_Array_{length}", (Array,),
                           {"_type_": elem, "_length_": length, "__module__": _caller_module()})
        _array_types[key] = cls
    return cls


class Array(_CData, metaclass=PyCArrayType):
    """A fixed-length C array: `(c_int * 3)(1, 2, 3)`; items and slices read C values."""

    def __delitem__(self, index):
        raise TypeError("Array does not support item deletion")

    def __init__(self, *args):
        if len(args) > type(self)._length_:
            raise IndexError("invalid index")
        for i, value in enumerate(args):
            self[i] = value

    def __len__(self):
        return type(self)._length_

    def _index(self, index):
        n = type(self)._length_
        if index < 0:
            index += n
        if index < 0 or index >= n:
            raise IndexError("invalid index")
        return index

    def __getitem__(self, index):
        cls = type(self)
        if isinstance(index, slice):
            items = [cls._get_(self._b_buf, self._b_off + i * cls._type_._size_, self)
                     for i in range(*index.indices(cls._length_))]
            if cls._type_ is c_char:
                return b"".join(items)
            if cls._type_ is c_wchar:
                return "".join(items)
            return items
        i = self._index(_operator.index(index))
        return cls._get_(self._b_buf, self._b_off + i * cls._type_._size_, self)

    def __setitem__(self, index, value):
        cls = type(self)
        if isinstance(index, slice):
            positions = range(*index.indices(cls._length_))
            if len(value) != len(positions):
                raise ValueError("Can only assign sequence of same size")
            for i, item in zip(positions, value):
                self[i] = item
            return
        i = self._index(_operator.index(index))
        keep = cls._set_(self._b_buf, self._b_off + i * cls._type_._size_, value)
        self._keep(str(i), keep)

    def __iter__(self):
        for i in range(type(self)._length_):
            yield self[i]

    # c_char arrays: .value (bytes up to the first NUL) and .raw (all bytes)
    # c_wchar arrays: .value (str up to the first NUL)
    @property
    def value(self):
        elem = type(self)._type_
        if elem is c_char:
            raw = self._raw_bytes()
            end = raw.find(b"\0")
            return raw if end < 0 else raw[:end]
        if elem is c_wchar:
            text = self._raw_bytes().decode("utf-32-le", "surrogatepass")
            end = text.find("\0")
            return text if end < 0 else text[:end]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute 'value'")

    @value.setter
    def value(self, value):
        cls = type(self)
        if cls._type_ is c_char:
            if not isinstance(value, bytes):
                raise TypeError(f"bytes expected instead of {_typename(value)} instance")
            if len(value) > cls._length_:
                raise ValueError("byte string too long")
            data = value + b"\0" if len(value) < cls._length_ else value
            _native.write(self._b_buf, self._b_off, data)
        elif cls._type_ is c_wchar:
            if not isinstance(value, str):
                raise TypeError(f"unicode string expected instead of {_typename(value)} instance")
            if len(value) > cls._length_:
                raise ValueError("string too long")
            data = value.encode("utf-32-le", "surrogatepass")
            if len(value) < cls._length_:
                data += b"\0\0\0\0"
            _native.write(self._b_buf, self._b_off, data)
        else:
            raise AttributeError(f"'{cls.__name__}' object has no attribute 'value'")

    @property
    def raw(self):
        if type(self)._type_ is not c_char:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'raw'")
        return self._raw_bytes()

    @raw.setter
    def raw(self, value):
        cls = type(self)
        if cls._type_ is not c_char:
            raise AttributeError(f"'{cls.__name__}' object has no attribute 'raw'")
        data = memoryview(value).cast("B")
        if len(data) > cls._length_:
            raise ValueError("byte string too long")
        _native.write(self._b_buf, self._b_off, data)


Array.__module__ = "_ctypes"


def create_string_buffer(init, size=None):
    """A mutable c_char array: from bytes (plus a NUL) or of `init` zero bytes."""
    if isinstance(init, bytes):
        if size is None:
            size = len(init) + 1
        _sys.audit("ctypes.create_string_buffer", init, size)
        buf = (c_char * size)()
        buf.value = init
        return buf
    if isinstance(init, int):
        _sys.audit("ctypes.create_string_buffer", None, init)
        return (c_char * init)()
    raise TypeError(init)


c_buffer = create_string_buffer


def create_unicode_buffer(init, size=None):
    """A mutable c_wchar array: from str (plus a NUL) or of `init` zero characters."""
    if isinstance(init, str):
        if size is None:
            size = len(init) + 1
        buf = (c_wchar * size)()
        buf.value = init
        return buf
    if isinstance(init, int):
        return (c_wchar * init)()
    raise TypeError(init)


def resize(obj, size):
    raise _unsupported("resize()")


# ---- pointers -----------------------------------------------------------------------------

class PyCPointerType(_CDataType):
    """Metaclass of pointer types: `_type_` is the pointed-to type."""

    def __new__(mcls, name, bases, namespace):
        cls = super().__new__(mcls, name, bases, namespace)
        cls._size_ = cls._align_ = 8
        if "_type_" in namespace:
            target = namespace["_type_"]
            if not isinstance(target, _CDataType) or getattr(target, "_size_", None) is None:
                raise TypeError("_type_ must have storage info")
        return cls

    def from_param(cls, obj):
        code, raw, keep = _lower_pointer(cls, obj)
        if isinstance(obj, cls):
            return obj
        return CArgObject(code, raw, keep)

    def set_type(cls, target):
        # CPython's checks first; then the part protojit lacks (completing a type).
        if cls is _Pointer:
            raise TypeError("abstract class")
        if not isinstance(target, type):
            raise TypeError("_type_ must be a type")
        if not isinstance(target, _CDataType) or getattr(target, "_size_", None) is None:
            raise TypeError("_type_ must have storage info")
        type.__setattr__(cls, "_type_", target)


PyCPointerType.__module__ = "_ctypes"


def _lower_pointer(cls, obj):
    if obj is None:
        return "P", 0, None
    target = cls._type_
    if isinstance(obj, cls):
        return "P", _STRUCTS["P"].unpack_from(obj._b_buf, obj._b_off)[0], obj
    if isinstance(obj, target):
        return "P", obj._b_addr, obj
    if isinstance(obj, Array) and issubclass(type(obj)._type_, target):
        return "P", obj._b_addr, obj
    if isinstance(obj, CArgObject) and obj._tag == "P" and isinstance(obj._obj, target):
        return "P", obj._raw, obj
    if isinstance(obj, _Pointer) and type(obj)._type_ is target:
        return "P", _STRUCTS["P"].unpack_from(obj._b_buf, obj._b_off)[0], obj
    if hasattr(obj, "_as_parameter_"):
        return _lower_pointer(cls, obj._as_parameter_)
    raise _expected(cls, obj)


class _Pointer(_CData, metaclass=PyCPointerType):
    """A C pointer to `_type_`: `.contents`, `p[i]`, truth is non-NULL."""

    def __new__(cls, *args, **kwargs):
        # A pointer type gets its target from its own _type_ (POINTER(T), or a class body
        # that sets it), not from a base pointer class: CPython's stgdict rule.
        if "_type_" not in cls.__dict__:
            raise TypeError("Cannot create instance: has no _type_")
        return _CData.__new__(cls)

    def __delitem__(self, index):
        raise TypeError("Pointer does not support item deletion")

    def __init__(self, *args):
        if args:
            self.contents = args[0]

    def _address(self):
        return _STRUCTS["P"].unpack_from(self._b_buf, self._b_off)[0]

    @property
    def contents(self):
        addr = self._address()
        if addr == 0:
            raise ValueError("NULL pointer access")
        target = type(self)._type_
        return target._at(_native.window(addr, target._size_), 0, self)

    @contents.setter
    def contents(self, value):
        target = type(self)._type_
        if not isinstance(value, _CData):
            raise TypeError(f"expected {target.__name__} instead of {_typename(value)}")
        _STRUCTS["P"].pack_into(self._b_buf, self._b_off, value._b_addr)
        self._keep("1", value)

    def __bool__(self):
        return self._address() != 0

    def _element(self, index):
        addr = self._address()
        if addr == 0:
            raise ValueError("NULL pointer access")
        target = type(self)._type_
        return _native.window(addr + index * target._size_, target._size_)

    def __getitem__(self, index):
        target = type(self)._type_
        if isinstance(index, slice):
            if index.stop is None:
                raise ValueError("slice stop is required")
            return [self[i] for i in range(*index.indices(index.stop))]
        return _getter(target)(self._element(_operator.index(index)), 0, self)

    def __setitem__(self, index, value):
        target = type(self)._type_
        _setter(target)(self._element(_operator.index(index)), 0, value)


_Pointer.__module__ = "_ctypes"

_pointer_type_cache = {}


def POINTER(cls):
    """The (cached) pointer type to ctypes type `cls`; POINTER(None) is c_void_p."""
    if cls is None:
        return c_void_p
    found = _pointer_type_cache.get(cls)
    if found is not None:
        return found
    if isinstance(cls, str):
        # An incomplete pointer type, completed later by SetPointerType (cached by id
        # until then, as CPython does).
        ptr = PyCPointerType(f"LP_{cls}", (_Pointer,), {"__module__": _caller_module()})
        _pointer_type_cache[id(ptr)] = ptr
        return ptr
    if not isinstance(cls, type):
        raise TypeError("must be a ctypes type")
    if not isinstance(cls, _CDataType):
        raise TypeError("_type_ must have storage info")
    ptr = PyCPointerType(f"LP_{cls.__name__}", (_Pointer,),
                         {"_type_": cls, "__module__": _caller_module()})
    _pointer_type_cache[cls] = ptr
    return ptr


def pointer(obj):
    """A new pointer instance pointing to ctypes instance `obj`."""
    if not isinstance(obj, _CData):
        raise TypeError("_type_ must have storage info")
    return POINTER(type(obj))(obj)


def SetPointerType(pointer, cls):
    """Complete the incomplete pointer type `pointer` (from POINTER(name)) to point to `cls`."""
    if _pointer_type_cache.get(cls, None) is not None:
        raise RuntimeError("This type already exists in the cache")
    if id(pointer) not in _pointer_type_cache:
        raise RuntimeError("What's this???")
    pointer.set_type(cls)
    _pointer_type_cache[cls] = pointer
    del _pointer_type_cache[id(pointer)]


# ---- structures and unions ------------------------------------------------------------------

def _text_field_setter(ftype):
    """A c_char/c_wchar array field takes only bytes/str, as CPython's "s"/"U" setfuncs:
    up to the first NUL, plus a NUL if there is room; longer is ValueError."""
    length = ftype._length_
    if ftype._type_ is c_char:
        def set_bytes(buf, off, value):
            if not isinstance(value, bytes):
                raise TypeError(f"expected bytes, {_typename(value)} found")
            data = value.split(b"\0", 1)[0]
            if len(data) > length:
                raise ValueError(f"bytes too long ({len(data)}, maximum length {length})")
            _native.write(buf, off, data + b"\0" if len(data) < length else data)
            return None
        return set_bytes

    def set_str(buf, off, value):
        if not isinstance(value, str):
            raise TypeError(f"unicode string expected instead of {_typename(value)} instance")
        if len(value) > length:
            raise ValueError(f"string too long ({len(value)}, maximum length {length})")
        _native.write(buf, off, _wchar_buffer(value)[:4 * length])
        return None
    return set_str


class CField:
    """Descriptor of one structure/union field: reads and writes it in the instance's memory."""
    __slots__ = ("name", "type", "_offset", "_size", "_get", "_set", "_index")

    def __init__(self, name, ftype, offset, index):
        self.name = name
        self.type = ftype
        self._offset = offset
        self._size = ftype._size_
        self._index = index
        self._get = _getter(ftype)
        self._set = _setter(ftype)
        if isinstance(ftype, PyCArrayType) and ftype._type_ in (c_char, c_wchar):
            self._set = _text_field_setter(ftype)

    # Read-only, as CPython's CField members.
    offset = property(lambda self: self._offset)
    size = property(lambda self: self._size)

    @offset.setter
    def offset(self, value):
        raise AttributeError("attribute 'offset' of '_ctypes.CField' objects is not writable")

    @size.setter
    def size(self, value):
        raise AttributeError("attribute 'size' of '_ctypes.CField' objects is not writable")

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return self._get(obj._b_buf, obj._b_off + self._offset, obj)

    def __set__(self, obj, value):
        obj._keep(str(self._index), self._set(obj._b_buf, obj._b_off + self._offset, value))

    def __delete__(self, obj):
        raise TypeError("can't delete attribute")

    def __repr__(self):
        return f"<Field type={self.type.__name__}, ofs={self.offset}, size={self.size}>"


CField.__module__ = "_ctypes"


def _round_up(value, align):
    return (value + align - 1) // align * align


class _StructLayout(_CDataType):
    """Shared part of PyCStructType and UnionType: `_fields_` -> descriptors and size."""
    _is_union = False

    def __new__(mcls, name, bases, namespace):
        cls = super().__new__(mcls, name, bases, namespace)
        if namespace.get("_abstract_"):
            return cls
        base = bases[0] if bases else None
        cls._size_ = getattr(base, "_size_", 0) or 0
        cls._align_ = getattr(base, "_align_", 1) or 1
        type.__setattr__(cls, "_final_", False)
        if "_fields_" in namespace:
            cls._layout(namespace["_fields_"])
        return cls

    def __setattr__(cls, name, value):
        if name == "_fields_":
            if cls.__dict__.get("_final_", False):
                raise AttributeError("_fields_ is final")
            cls._layout(value)
            return
        type.__setattr__(cls, name, value)

    def _layout(cls, fields):
        if not isinstance(fields, (list, tuple)):
            raise TypeError("_fields_ must be a sequence of pairs")
        pack = cls.__dict__.get("_pack_", 0)
        if pack is not None and (not isinstance(pack, int) or not 0 <= pack <= 0x7FFFFFFF):
            raise ValueError("_pack_ must be a non-negative integer")   # (a C int, as CPython)
        base = cls.__bases__[0]
        inherited = list(getattr(base, "_all_fields_", ()))
        offset = getattr(base, "_size_", 0) or 0
        if cls._is_union:
            offset = 0
        max_align = getattr(base, "_align_", 1) or 1
        size = offset
        names = [name for name, _ in inherited]
        for index, item in enumerate(fields):
            if not isinstance(item, tuple) or len(item) < 2:
                raise TypeError("'_fields_' must be a sequence of (name, C type) pairs")
            if len(item) > 2:
                raise _unsupported("bit fields")
            fname, ftype = item
            if not isinstance(fname, str):
                raise TypeError("'_fields_' must be a sequence of (name, C type) pairs")
            if not isinstance(ftype, _CDataType) or getattr(ftype, "_size_", None) is None:
                raise TypeError(f"second item in _fields_ tuple (index {index}) must be a C type")
            align = ftype._align_
            if pack:
                align = min(align, pack)
            if cls._is_union:
                field_offset = 0
                size = max(size, ftype._size_)
            else:
                field_offset = _round_up(offset, align)
                offset = field_offset + ftype._size_
                size = offset
            max_align = max(max_align, align)
            if isinstance(ftype, _StructLayout):
                # A type used as a field is final (CPython's DICTFLAG_FINAL).
                type.__setattr__(ftype, "_final_", True)
            type.__setattr__(cls, fname, CField(fname, ftype, field_offset, len(names)))
            names.append(fname)
            inherited.append((fname, ftype))
        if cls.__dict__.get("_final_", False):    # marked above: one of its own fields
            raise AttributeError("Structure or union cannot contain itself")
        for anonymous in cls.__dict__.get("_anonymous_", ()):
            outer = cls.__dict__.get(anonymous)
            if not isinstance(outer, CField):
                raise AttributeError(f"'{anonymous}' is specified in _anonymous_ but not in _fields_")
            for inner_name, _inner_type in getattr(outer.type, "_all_fields_", ()):
                inner = getattr(outer.type, inner_name)
                type.__setattr__(cls, inner_name, CField(inner_name, inner.type,
                                                         outer.offset + inner.offset, outer._index))
        type.__setattr__(cls, "_fields_", fields)
        type.__setattr__(cls, "_all_fields_", tuple(inherited))
        type.__setattr__(cls, "_size_", _round_up(size, max_align))
        type.__setattr__(cls, "_align_", max_align)
        type.__setattr__(cls, "_final_", True)

    def from_param(cls, obj):
        if isinstance(obj, cls):
            return obj
        raise _expected(cls, obj)


class PyCStructType(_StructLayout):
    """Metaclass of Structure subclasses (C struct layout, natural alignment or _pack_)."""


class UnionType(_StructLayout):
    """Metaclass of Union subclasses (every field at offset 0)."""
    _is_union = True


PyCStructType.__module__ = UnionType.__module__ = "_ctypes"


# Structure's and Union's own __new__/__init__ (no shared base class between them and
# _CData: CPython's Structure.__mro__ is (Structure, _CData, object)).
def _struct_new(cls, *args, **kwargs):
    if not cls.__dict__.get("_final_", True):
        type.__setattr__(cls, "_final_", True)
    return _CData.__new__(cls)


def _struct_init(self, *args, **kwargs):
    fields = getattr(type(self), "_all_fields_", ())
    if len(args) > len(fields):
        raise TypeError("too many initializers")
    for (name, _ftype), value in zip(fields, args):
        setattr(self, name, value)
    for name, value in kwargs.items():
        if any(name == fname for fname, _ in fields[:len(args)]):
            raise TypeError(f"duplicate values for field {name!r}")
        setattr(self, name, value)


class Structure(_CData, metaclass=PyCStructType):
    """Base of C structs: subclass it with `_fields_ = [(name, ctype), ...]`."""
    _abstract_ = True
    __new__ = _struct_new
    __init__ = _struct_init


class Union(_CData, metaclass=UnionType):
    """Base of C unions: like Structure, every field at offset 0."""
    _abstract_ = True
    __new__ = _struct_new
    __init__ = _struct_init


Structure.__module__ = Union.__module__ = "_ctypes"
Structure._abstract_ = Union._abstract_ = False
type.__setattr__(Structure, "_size_", None)
type.__setattr__(Union, "_size_", None)


def _aggregate(cls):
    """The protojit/ffi.py Aggregate of structure or union type `cls` (made once per type):
    what the C ABI needs to pass it by value."""
    found = cls.__dict__.get("_pj_aggregate_")
    if found is None:
        fields = []
        if cls._size_ <= 16:    # (larger ones go in memory whatever their fields)
            _flat_fields(cls, 0, fields)
        found = _native.Aggregate.of(cls._size_, cls._align_, fields)
        type.__setattr__(cls, "_pj_aggregate_", found)
    return found


def _flat_fields(ftype, offset, out):
    """Append (offset, code) for each scalar of a field of type `ftype` at `offset`."""
    if isinstance(ftype, _StructLayout):
        for name, _t in ftype._all_fields_:
            field = ftype.__dict__.get(name) or getattr(ftype, name)
            _flat_fields(field.type, offset + field.offset, out)
    elif isinstance(ftype, PyCArrayType):
        elem = ftype._type_
        for i in range(ftype._length_):
            _flat_fields(elem, offset + i * elem._size_, out)
    elif isinstance(ftype, PyCSimpleType) and ftype._type_ != "O":
        out.append((offset, ftype._type_))
    else:                   # pointers, function pointers, py_object
        out.append((offset, "P"))


# ---- function pointers ------------------------------------------------------------------------

def _lowerer(cls):
    """lower(obj) -> (code, raw, keep) for an argument declared as `cls` in argtypes.

    The built-in from_param of simple and pointer types is inlined; a from_param that
    a program defines (in any class of the MRO) is called, and its result converted."""
    custom = not isinstance(cls, type) or any("from_param" in k.__dict__ for k in cls.__mro__)
    if not custom and isinstance(cls, PyCSimpleType):
        return lambda obj: _lower_simple(cls, obj)
    if not custom and isinstance(cls, PyCPointerType):
        return lambda obj: _lower_pointer(cls, obj)
    return lambda obj: _lower_any(cls.from_param(obj))


def _lower_any(obj):
    """(code, raw, keep) of an argument without a declared type (CPython's default conversions)."""
    if obj is None:
        return "P", 0, None
    if isinstance(obj, int):
        if obj < -(1 << 63) or obj >= (1 << 64):
            raise OverflowError("int too long to convert")
        return "i", _wrap_int(obj, 32, True), None
    if isinstance(obj, bytes):
        return "z", _native.bytes_address(obj), obj
    if isinstance(obj, str):
        buf = _wchar_buffer(obj)
        return "Z", _native.bytes_address(buf), buf
    if isinstance(obj, CArgObject):
        return obj._tag, obj._raw, obj
    if isinstance(obj, _SimpleCData):
        code = type(obj)._type_
        if code == "O":
            return "P", _STRUCTS["O"].unpack_from(obj._b_buf, obj._b_off)[0], obj
        return code, _STRUCTS[code].unpack_from(obj._b_buf, obj._b_off)[0], obj
    if isinstance(obj, (_Pointer, _CFuncPtr)):
        return "P", _STRUCTS["P"].unpack_from(obj._b_buf, obj._b_off)[0], obj
    if isinstance(obj, Array):
        return "P", obj._b_addr, obj
    if isinstance(obj, (Structure, Union)):     # by value: its bytes, passed by the C ABI
        return _aggregate(type(obj)), obj._raw_bytes(), obj
    if hasattr(obj, "_as_parameter_"):
        return _lower_any(obj._as_parameter_)
    raise TypeError("Don't know how to convert parameter")


def _result_converter(restype):
    """(code, convert(raw) -> Python result) for a function's restype."""
    if restype is None:
        return "v", None
    if isinstance(restype, PyCSimpleType):
        if restype._type_ == "O":
            return "P", restype._from_raw
        if restype._type_ in "fd" or restype._type_ in _INT_CODES:
            if restype.__bases__[0] is _SimpleCData:
                return restype._type_, None
        return restype._type_, restype._from_raw
    if isinstance(restype, (PyCPointerType, PyCFuncPtrType)):
        def to_pointer(raw):
            obj = restype.__new__(restype)
            _STRUCTS["P"].pack_into(obj._b_buf, 0, raw)
            return obj
        return "P", to_pointer
    if isinstance(restype, _StructLayout):      # its bytes come back (protojit/ffi.py)
        return _aggregate(restype), restype.from_buffer_copy
    if isinstance(restype, _CDataType):
        raise _unsupported("returning an array by value")
    return "i", restype        # a plain callable receives the C int


# Result and argument codes a call plan converts itself (see _CFuncPtr._update_plan).
_PLAN_CODES = frozenset("bBhHiIlLqQfdzP?")
_NONE_ONLY = frozenset((type(None),))


_DEFAULT_KINDS = []


def _default_kinds():
    """The DefaultKinds of this module (see protojit/ffi.py), made once."""
    if not _DEFAULT_KINDS:
        _DEFAULT_KINDS.append(_native.DefaultKinds(CArgObject, _SimpleCData, (Array,),
                                                   (_Pointer, _CFuncPtr)))
    return _DEFAULT_KINDS[0]


def _plan_kind(t):
    """The ArgKind (protojit/ffi.py) a call plan uses for argtype `t`, or None if it has none.

    It must accept exactly what this module's own conversion of `t` accepts (or less:
    anything else takes the full path); a from_param defined by the program disables it."""
    if not isinstance(t, type) or any("from_param" in k.__dict__ for k in t.__mro__):
        return None
    if _is_plain_simple(t):
        code = t._type_
        if code in _INT_CODES or code in "fd":
            return _native.ArgKind(code, extras=((t, _native.STORED),))
        if code == "z":
            return _native.ArgKind(code, extras=((t, _native.STORED),),
                                   array_elems=frozenset((c_char,)))
        if code == "P":
            return _native.ArgKind(code, extras=((c_void_p, _native.STORED),
                                                 (c_char_p, _native.STORED),
                                                 (c_wchar_p, _native.STORED)),
                                   array_elems=None, pointer_base=_Pointer,
                                   byref_class=CArgObject, byref_targets=None)
        return None
    if isinstance(t, PyCPointerType):
        target = t._type_
        return _native.ArgKind("P", extras=((t, _native.STORED), (target, _native.ADDRESS)),
                               array_elems=frozenset((target,)), byref_class=CArgObject,
                               byref_targets=frozenset((target,)), plain=_NONE_ONLY)
    if isinstance(t, PyCFuncPtrType):
        return _native.ArgKind("P", extras=((t, _native.STORED),), plain=frozenset())
    if isinstance(t, PyCArrayType):
        return _native.ArgKind("P", extras=((t, _native.ADDRESS),), plain=frozenset())
    return None


# CPython's CTYPES_MAX_ARGCOUNT: the most arguments a foreign call or prototype takes.
_MAX_ARGCOUNT = 1024


class PyCFuncPtrType(_CDataType):
    """Metaclass of function pointer types (CFUNCTYPE prototypes and CDLL's _FuncPtr)."""

    def __new__(mcls, name, bases, namespace):
        argtypes = namespace.get("_argtypes_")
        if argtypes is not None and len(argtypes) > _MAX_ARGCOUNT:
            raise ArgumentError(f"_argtypes_ has too many arguments ({len(argtypes)}), "
                                f"maximum is {_MAX_ARGCOUNT}")
        cls = super().__new__(mcls, name, bases, namespace)
        cls._size_ = cls._align_ = 8
        return cls

    def from_param(cls, obj):
        # CPython's generic from_param: an instance of the type only (None and ints too
        # are "wrong": a function pointer argument is never a bare address)
        if isinstance(obj, cls):
            return obj
        raise _expected(cls, obj)


PyCFuncPtrType.__module__ = "_ctypes"


def _report_callback_error(func, exc, message="Exception ignored on calling ctypes callback function"):
    """CPython's report of a callback that raised (sys.unraisablehook, with the guest
    frames of the callback in the traceback)."""
    from protojit.runtime import tracebacks
    from protojit.runtime.unraisable import write_unraisable
    state = tracebacks.engine_state(exc)
    entries = state.get(tracebacks.FRAMES_KEY) if state is not None else None
    if entries:   # the trampoline here is C code in CPython: no frame of it
        entries[:] = [e for e in entries if e[0] != __file__]
    exc.__traceback__ = None   # (host frames: this trampoline's own, through tier 0)
    if _sys.unraisablehook is _sys.__unraisablehook__:
        err = _sys.stderr
        if err is not None:   # the default hook's output, with the guest frames
            err.write(f"{message}: {func!r}\n" + tracebacks.format_exception(exc))
            err.flush()
        return
    tracebacks.hand_to_host(exc)
    write_unraisable(exc, func, message)


class _CFuncPtr(_CData, metaclass=PyCFuncPtrType):
    """A C function pointer: a foreign function, an address, or a callback to Python."""
    _flags_ = FUNCFLAG_CDECL
    _restype_ = c_int
    _argtypes_ = None

    def __init__(self, *args):
        cls = type(self)
        self._pj_plan = None
        self._restype = cls._restype_
        self._rconv = _result_converter(cls._restype_)
        self._argtypes = None
        self._lowerers = None
        self._errcheck = None
        self._callback = None
        self._name = None
        if cls._argtypes_ is not None:
            self.argtypes = cls._argtypes_
        if not args:
            return
        if len(args) != 1:
            raise TypeError("argument must be callable or integer function address")
        arg = args[0]
        if isinstance(arg, int):
            self._set_address(arg)
        elif isinstance(arg, tuple) and len(arg) >= 2:
            name, dll = arg[0], arg[1]
            if isinstance(name, int):
                raise _unsupported("looking functions up by ordinal")
            self._set_address(_native.dlsym(dll._handle, name))
            self._name = name
            self._keep("0", dll)
        elif callable(arg):
            self._make_callback(arg)
        else:
            raise TypeError("argument must be callable or integer function address")

    def _set_address(self, address):
        _STRUCTS["P"].pack_into(self._b_buf, self._b_off, address & 0xFFFFFFFFFFFFFFFF)
        self._update_plan()

    def _update_plan(self):
        """Rebuild the host-side call plan (the fast path of __call__) after a change.

        Only plain argument and result types get a plan (ints, floats, char and void
        pointers); the plan returns SLOW for any other argument value, so every
        conversion it does not know is still done by `_call_slow`."""
        self._pj_plan = None
        if not hasattr(self, "_errcheck"):
            return
        fnaddr = self._address()
        if fnaddr == 0 or type(self)._flags_ & FUNCFLAG_USE_ERRNO:
            return
        restype = self._restype
        convert = None
        if restype is None:
            rcode = "v"
        elif _is_plain_simple(restype) and restype._type_ in _PLAN_CODES:
            rcode = restype._type_
            if rcode in "z?P":
                convert = restype._from_raw
        elif isinstance(restype, (PyCPointerType, PyCFuncPtrType)):
            rcode, convert = self._rconv
        else:
            return
        kinds = None
        if self._argtypes is not None:
            kinds = []
            for t in self._argtypes:
                kind = _plan_kind(t)
                if kind is None:
                    return
                kinds.append(kind)
        self._pj_plan = _native.CallPlan(fnaddr, rcode, kinds, convert, self._errcheck,
                                         _default_kinds())

    def _address(self):
        return _STRUCTS["P"].unpack_from(self._b_buf, self._b_off)[0]

    def _make_callback(self, func):
        cls = type(self)
        argtypes = tuple(cls._argtypes_ or ())
        restype = cls._restype_
        incoming = []
        codes = []
        for t in argtypes:
            if isinstance(t, PyCSimpleType):
                incoming.append(t._from_raw)
                codes.append("P" if t._type_ == "O" else t._type_)
            elif isinstance(t, (PyCPointerType, PyCFuncPtrType)):
                incoming.append(_result_converter(t)[1])
                codes.append("P")
            elif isinstance(t, _StructLayout):   # a copy, made from the bytes C passed
                incoming.append(t.from_buffer_copy)
                codes.append(_aggregate(t))
            else:
                raise _unsupported(f"callback arguments of type {t.__name__}")
        if restype is None:
            rcode, store = "v", None
        elif isinstance(restype, PyCSimpleType):
            rcode = "P" if restype._type_ == "O" else restype._type_
            store = lambda value: _lower_simple(restype, value, False)[1:]
        else:
            # CPython takes only simple types (with a setfunc) as a callback's result.
            raise TypeError("invalid result type for callback function")
        def target(*raw):
            try:
                args = [conv(value) for conv, value in zip(incoming, raw)]
                result = func(*args)
                if store is None:
                    return None
            except Exception as exc:
                _report_callback_error(func, exc)
                return None if store is None else (0, None)
            try:
                return store(result)
            except Exception as exc:
                _report_callback_error(
                    func, exc, "Exception ignored on converting result of ctypes callback function")
                return 0, None

        # The target returns (raw result, object to keep alive): a py_object result must
        # outlive the callback's return (the C caller reads it), as in CPython.
        self._callback = _native.callback(rcode, codes, target,
                                          lambda info: _report_callback_error(func, info[1]),
                                          keep_result=store is not None)
        self._set_address(self._callback.address)
        self._keep("0", func)

    # -- the attributes a program sets
    @property
    def restype(self):
        return self._restype

    @restype.setter
    def restype(self, value):
        if value is not None and not isinstance(value, _CDataType) and not callable(value):
            raise TypeError("restype must be a type, a callable, or None")
        self._rconv = _result_converter(value)
        self._restype = value
        self._update_plan()

    @restype.deleter
    def restype(self):
        self.restype = type(self)._restype_

    @property
    def argtypes(self):
        return self._argtypes

    @argtypes.setter
    def argtypes(self, value):
        if value is None:
            self._argtypes = None
            self._lowerers = None
            return
        if not isinstance(value, (list, tuple)):
            raise TypeError("_argtypes_ must be a sequence of types")
        if len(value) > _MAX_ARGCOUNT:
            raise ArgumentError(f"_argtypes_ has too many arguments ({len(value)}), "
                                f"maximum is {_MAX_ARGCOUNT}")
        lowerers = []
        for i, t in enumerate(value):
            if not hasattr(t, "from_param"):
                raise TypeError(f"item {i + 1} in _argtypes_ has no from_param method")
            lowerers.append(_lowerer(t))
        self._argtypes = value
        self._lowerers = lowerers
        self._update_plan()

    @argtypes.deleter
    def argtypes(self):
        self._argtypes = None
        self._lowerers = None
        self._update_plan()

    @property
    def errcheck(self):
        return self._errcheck

    @errcheck.setter
    def errcheck(self, value):
        if not callable(value):
            raise TypeError("the errcheck attribute must be callable")
        self._errcheck = value
        self._update_plan()

    @errcheck.deleter
    def errcheck(self):
        self._errcheck = None
        self._update_plan()

    def __bool__(self):
        return self._address() != 0

    def __repr__(self):
        return f"<{type(self).__name__} object at {id(self):#x}>"

    # The plan (a host function of protojit/ffi.py) first, else _call_slow. CPython
    # ignores keyword arguments of functions without paramflags; so does call_entry.
    __call__ = _native.call_entry

    def _call_slow(self, args):
        fnaddr = self._address()
        if fnaddr == 0:
            raise ValueError("NULL function pointer called")
        lowerers = self._lowerers
        nargs = len(args)
        if nargs > _MAX_ARGCOUNT:
            raise ArgumentError(f"too many arguments ({nargs}), maximum is {_MAX_ARGCOUNT}")
        codes = []
        raws = []
        keep = []
        if lowerers is not None:
            if nargs < len(lowerers):
                n = len(lowerers)
                raise TypeError(f"this function takes at least {n} argument{'s' if n != 1 else ''}"
                                f" ({nargs} given)")
        for i in range(nargs):
            arg = args[i]
            try:
                if lowerers is not None and i < len(lowerers):
                    code, raw, alive = lowerers[i](arg)
                else:
                    code, raw, alive = _lower_any(arg)
            except ArgumentError:
                raise
            except NotImplementedError:
                raise
            except Exception as exc:
                message = str(exc)
                if message == "Don't know how to convert parameter":
                    message = f"Don't know how to convert parameter {i + 1}"
                raise ArgumentError(f"argument {i + 1}: {type(exc).__name__}: {message}") from None
            codes.append(code)
            raws.append(raw)
            keep.append(alive)
        rcode, convert = self._rconv
        codes = tuple(codes)    # letters, and _ffi.Aggregate for structures by value
        if type(self)._flags_ & FUNCFLAG_USE_ERRNO:
            result = _native.errno_invoker(rcode, codes)(fnaddr, *raws)
        else:
            result = _native.invoker(rcode, codes)(fnaddr, *raws)
        if convert is not None:
            result = convert(result)
        if self._errcheck is not None:
            result = self._errcheck(result, self, args)
        return result

    # CPython exposes the name a function was looked up by as __name__.
    @property
    def __name__(self):
        return self._name

    @__name__.setter
    def __name__(self, value):
        self._name = value


_CFuncPtr.__module__ = "_ctypes"
_CFuncPtr.__name__ = _CFuncPtr.__qualname__ = "CFuncPtr"      # CPython's _ctypes.CFuncPtr

_c_functype_cache = {}


def CFUNCTYPE(restype, *argtypes, use_errno=False, use_last_error=False):
    """A (cached) function pointer type: call it with a Python callable to get a callback."""
    flags = FUNCFLAG_CDECL
    if use_errno:
        flags |= FUNCFLAG_USE_ERRNO
    if use_last_error:
        flags |= FUNCFLAG_USE_LASTERROR
    key = (restype, argtypes, flags)
    cls = _c_functype_cache.get(key)
    if cls is None:
        cls = PyCFuncPtrType("CFunctionType", (_CFuncPtr,),
                             {"_argtypes_": argtypes, "_restype_": restype, "_flags_": flags,
                              "__qualname__": "CFUNCTYPE.<locals>.CFunctionType",
                              "__module__": "ctypes"})
        _c_functype_cache[key] = cls
    return cls


# ---- cast, memory functions ------------------------------------------------------------------

def cast(obj, typ):
    """`obj` (an address, pointer, array, byref, c_char_p, ...) seen as pointer type `typ`."""
    if not (isinstance(typ, (PyCPointerType, PyCFuncPtrType))
            or (isinstance(typ, PyCSimpleType) and typ._type_ in "zZP")):
        name = getattr(typ, "__name__", _typename(typ))
        raise TypeError(f"cast() argument 2 must be a pointer type, not {name}")
    try:
        _code, raw, keep = _lower_void_p(obj)
    except TypeError:
        raise ArgumentError("argument 1: TypeError: wrong type") from None
    result = typ.__new__(typ)
    if isinstance(typ, PyCFuncPtrType):
        _CFuncPtr.__init__(result)
    _STRUCTS["P"].pack_into(result._b_buf, 0, raw)
    if isinstance(obj, _CData):
        result._keep(str(id(obj)), obj)
    return result


def _address_arg(obj, position):
    try:
        return _lower_void_p(obj)[1]
    except TypeError:
        raise ArgumentError(f"argument {position}: TypeError: wrong type") from None


def memmove(dst, src, count):
    """Copy `count` bytes from `src` to `dst` (regions may overlap); returns dst's address."""
    return _native.memmove(_address_arg(dst, 1), _address_arg(src, 2), _operator.index(count))


def memset(dst, c, count):
    """Fill `count` bytes at `dst` with byte `c`; returns dst's address."""
    return _native.memset(_address_arg(dst, 1), _wrap_int(_operator.index(c), 32, True),
                          _operator.index(count))


def string_at(ptr, size=-1):
    """The bytes at address `ptr`: `size` of them, or up to the first NUL."""
    return _native.string_at(_address_arg(ptr, 1), size)


def wstring_at(ptr, size=-1):
    """The str of wchar_t at address `ptr`: `size` characters, or up to the first NUL."""
    return _native.wstring_at(_address_arg(ptr, 1), size)


# ---- libraries ---------------------------------------------------------------------------

class CDLL:
    """A loaded shared library; its functions are attributes (restype c_int by default)."""
    _func_flags_ = FUNCFLAG_CDECL
    _func_restype_ = c_int
    _name = "<uninitialized>"
    _handle = 0
    _FuncPtr = None

    def __init__(self, name, mode=DEFAULT_MODE, handle=None, use_errno=False,
                 use_last_error=False, winmode=None):
        if name is not None and not isinstance(name, str):
            import os
            name = os.fspath(name)
        self._name = name
        flags = self._func_flags_
        if use_errno:
            flags |= FUNCFLAG_USE_ERRNO
        if use_last_error:
            flags |= FUNCFLAG_USE_LASTERROR

        class _FuncPtr(_CFuncPtr):
            _flags_ = flags
            _restype_ = self._func_restype_
        self._FuncPtr = _FuncPtr
        self._handle = _native.dlopen(name, mode) if handle is None else handle

    def __repr__(self):
        return (f"<{type(self).__name__} '{self._name}', handle "
                f"{self._handle & (_sys.maxsize * 2 + 1):x} at {id(self) & (_sys.maxsize * 2 + 1):#x}>")

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        func = self.__getitem__(name)
        setattr(self, name, func)
        return func

    def __getitem__(self, name_or_ordinal):
        func = self._FuncPtr((name_or_ordinal, self))
        if not isinstance(name_or_ordinal, int):
            func.__name__ = name_or_ordinal
        return func


class LibraryLoader:
    """`cdll.libc` / `cdll.LoadLibrary(name)`: load libraries of one CDLL class."""

    def __init__(self, dlltype):
        self._dlltype = dlltype

    def __getattr__(self, name):
        if name[0] == "_":
            raise AttributeError(name)
        dll = self._dlltype(name)
        setattr(self, name, dll)
        return dll

    def __getitem__(self, name):
        return getattr(self, name)

    def LoadLibrary(self, name):
        return self._dlltype(name)


cdll = LibraryLoader(CDLL)


def get_errno():
    """This thread's ctypes-private errno: what the last use_errno call left in C errno."""
    return _native.get_errno()


def set_errno(value):
    """Set this thread's ctypes-private errno (given to C before use_errno calls); returns the old."""
    return _native.set_errno(_wrap_int(_operator.index(value), 32, True))


def ARRAY(typ, length):
    return typ * length


# ---- the CPython C API (lib/ctypes/__init__.py PyDLL) ----------------------------------

class _CApiFunction:
    """A function of a PyDLL: the host ctypes' function object, given the host types that
    stand for this module's simple types (by type code)."""

    def __init__(self, host_function, name):
        self._host = host_function
        self.__name__ = name
        self._argtypes = self._restype = None

    @staticmethod
    def _host_type(t, what):
        if t is None:
            return None
        code = getattr(t, "_type_", None)
        if not (isinstance(t, type) and issubclass(t, _SimpleCData) and isinstance(code, str)):
            raise _unsupported(f"{t!r} as the {what} of a C API function (simple types only)")
        return _native.host_simple_type(code)

    @property
    def argtypes(self):
        return self._argtypes

    @argtypes.setter
    def argtypes(self, types):
        self._host.argtypes = None if types is None else [self._host_type(t, "argtype")
                                                          for t in types]
        self._argtypes = None if types is None else tuple(types)

    @property
    def restype(self):
        return self._restype if self._restype is not None else c_int

    @restype.setter
    def restype(self, t):
        self._host.restype = self._host_type(t, "restype")
        self._restype = t

    def __call__(self, *args):
        return self._host(*[a.value if isinstance(a, _SimpleCData) else a for a in args])

    def __repr__(self):
        return f"<CFunctionType object at {id(self):#x}>"
