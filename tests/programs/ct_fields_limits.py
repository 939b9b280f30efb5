"""ctypes details CPython's ctypes tests check: None stored in a pointer field is NULL;
a field's offset and size are read-only; an array type larger than the address space is
OverflowError("array too large"); in_dll of a missing symbol is ValueError; a callback's
result type must be a simple type (TypeError when the callback is made)."""
import sys
from ctypes import CDLL, CFUNCTYPE, POINTER, Structure, c_char, c_double, c_int


def attempt(label, f, *args):
    try:
        result = f(*args)
    except Exception as e:     # noqa: BLE001 - printed
        print(label, "->", type(e).__name__, str(e).split(":")[-1].strip() if "symbol" in str(e) else e)
    else:
        print(label, "->", "ok" if not isinstance(result, (int, str)) else result)


class S(Structure):
    _fields_ = [("x", c_int), ("p", POINTER(c_int))]


s = S()
s.x = 12345678
s.p = POINTER(c_int)(c_int(5))
print(bool(s.p), s.p.contents.value)
s.p = None
print(s.x, bool(s.p))
print(S.p.offset, S.p.size, S.x.offset, S.x.size)


def set_attr(obj, name, value):
    setattr(obj, name, value)


attempt("offset", set_attr, S.x, "offset", 92)
attempt("size", set_attr, S.x, "size", 92)
attempt("array too large", lambda: c_char * sys.maxsize * 2)
attempt("int array too large", lambda: c_int * (2 ** 62))
attempt("largest char array type", lambda: (c_char * (sys.maxsize // 2)).__name__)
attempt("in_dll missing", c_int.in_dll, CDLL(None), "_xxx_yyy_pj")
attempt("getattr missing", getattr, CDLL(None), "_xxx_yyy_pj")
attempt("pointer result", CFUNCTYPE(POINTER(c_double)), lambda: None)
attempt("object result", CFUNCTYPE(object), lambda: None)
attempt("int result", lambda: CFUNCTYPE(c_int)(lambda: 7)())
