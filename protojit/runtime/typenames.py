"""C-level names and immutability for guest lib classes that stand for CPython C types.

A type CPython writes in C has a dotted tp_name ("datetime.timedelta", "sqlite3.Row") that
the interpreter's own messages print: "unsupported operand type(s) for +:
'datetime.timedelta' and 'str'", "'sqlite3.Row' object has no attribute 'x'". A class
written in Python has tp_name == __name__ ("timedelta"), and __name__ must stay the short
name. `set_c_type_name` points the class's tp_name at the dotted name and leaves
__name__ (ht_name), __qualname__ and __module__ as they are. Assigning __name__ later
resets tp_name to it, as for any class.

`make_immutable` sets Py_TPFLAGS_IMMUTABLETYPE, as CPython's C types have it: assigning
a class attribute then raises "cannot set 'x' attribute of immutable type
'datetime.date'" (subclasses do not inherit the flag, as in CPython). Call it once the
module has finished setting up the class.

tp_name is the first field after PyObject_VAR_HEAD (CPython 3.11, 64-bit: offset 24) and
tp_flags the 22nd pointer-sized field; each write happens only when the field there
reads what the class says (its __name__, its __flags__), so a different layout leaves
the classes as they are rather than corrupting a type.
"""
import ctypes
import sys

_TP_NAME_OFFSET = 3 * ctypes.sizeof(ctypes.c_void_p)   # ob_refcnt, ob_type, ob_size
_TP_FLAGS_OFFSET = 21 * ctypes.sizeof(ctypes.c_void_p)  # ... tp_setattro, tp_as_buffer
_IMMUTABLETYPE = 1 << 8
_kept = []      # the name buffers live as long as the process (the types point at them)


def set_c_type_name(cls: type, dotted: str) -> None:
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11) or "." not in dotted:
        return
    field = ctypes.c_char_p.from_address(id(cls) + _TP_NAME_OFFSET)
    if field.value != cls.__name__.encode():
        return
    buf = ctypes.create_string_buffer(dotted.encode())
    _kept.append(buf)
    ctypes.c_void_p.from_address(id(cls) + _TP_NAME_OFFSET).value = ctypes.addressof(buf)


def make_immutable(cls: type) -> None:
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11):
        return
    flags = ctypes.c_ulong.from_address(id(cls) + _TP_FLAGS_OFFSET)
    if flags.value != cls.__flags__:
        return
    flags.value = flags.value | _IMMUTABLETYPE
