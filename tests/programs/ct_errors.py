# ctypes error paths: missing library/symbol, bad arguments, bad types.
import ctypes
from ctypes import *

libc = CDLL("libc.so.6")


def attempt(label, fn):
    try:
        result = fn()
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
    else:
        print(label, "=", result)


attempt("missing library", lambda: CDLL("libnope_protojit.so"))
attempt("missing via cdll", lambda: cdll.LoadLibrary("libnope_protojit.so.1"))
attempt("missing symbol", lambda: libc.no_such_function_here)
attempt("missing symbol item", lambda: libc["no_such_function_either"])
attempt("dunder", lambda: libc.__something__)
attempt("loader private", lambda: cdll._private)
try:
    CDLL(None).surely_not_a_symbol
except AttributeError as e:
    print("self symbol ->", str(e).split(": ", 1)[1])
attempt("float for strlen without argtypes", lambda: libc.strlen(1.5))
attempt("str without argtypes is a wchar_t *", lambda: libc.wcslen("wide"))
attempt("float without argtypes", lambda: libc.abs(2.5))
attempt("list", lambda: libc.abs([1]))
attempt("int too big", lambda: libc.abs(2 ** 64))
attempt("int too small", lambda: libc.abs(-2 ** 63 - 1))
attempt("int max ok", lambda: libc.abs(2 ** 64 - 1))
libc.strlen.argtypes = [c_char_p]
attempt("str for c_char_p", lambda: libc.strlen("text"))
attempt("int for c_char_p", lambda: libc.strlen(0) if False else "skipped")
attempt("too few", lambda: libc.strlen())
libc.abs.argtypes = [c_int]
attempt("wrong type for c_int", lambda: libc.abs("3"))
attempt("float for c_int", lambda: libc.abs(3.0))
attempt("None for c_int", lambda: libc.abs(None))
attempt("wrapped for c_int", lambda: libc.abs(2 ** 32 - 5))
attempt("second arg", lambda: libc.strtol(b"1", 2.5, 10))
libc.labs.argtypes = [POINTER(c_int)]
attempt("pointer wrong", lambda: libc.labs(5))
attempt("pointer wrong type", lambda: libc.labs(pointer(c_double(1))))
attempt("bad argtypes", lambda: setattr(libc.labs, "argtypes", [5]))
attempt("argtypes not seq", lambda: setattr(libc.labs, "argtypes", 5))
attempt("bad restype", lambda: setattr(libc.labs, "restype", 5))
attempt("bad errcheck", lambda: setattr(libc.labs, "errcheck", 5))
attempt("keyword args", lambda: libc.abs(x=1))
attempt("simple bad int", lambda: c_int("1"))
attempt("simple bad float", lambda: c_double("1.0"))
attempt("simple bad char", lambda: c_char(b"ab"))
attempt("simple bad char int", lambda: c_char(300))
attempt("simple bad wchar", lambda: c_wchar(b"a"))
attempt("simple bad wchar len", lambda: c_wchar("ab"))
attempt("simple bad char_p", lambda: c_char_p("str"))
attempt("simple bad wchar_p", lambda: c_wchar_p(b"b"))
attempt("simple bad void_p", lambda: c_void_p("x"))
attempt("sizeof int", lambda: sizeof(5))
attempt("sizeof class", lambda: sizeof(int))
attempt("alignment", lambda: alignment("x"))
attempt("addressof", lambda: addressof(5))
attempt("byref", lambda: byref(5))
attempt("pointer", lambda: pointer(5))
attempt("POINTER", lambda: POINTER(5))
attempt("cast target", lambda: cast(0, c_int))
attempt("cast source", lambda: cast(1.5, c_void_p))
attempt("negative array", lambda: c_int * -1)
attempt("array type float", lambda: c_int * 1.5)
attempt("hash", lambda: hash(c_int(1)))
attempt("bad field type", lambda: type("Bad", (Structure,), {"_fields_": [("a", int)]}))
attempt("bad CFUNCTYPE arg", lambda: CFUNCTYPE(c_int)(3.5))
attempt("null funcptr", lambda: bool(CFUNCTYPE(c_int)()))
attempt("from_buffer_copy small", lambda: c_int.from_buffer_copy(b"ab"))
attempt("contents type", lambda: setattr(pointer(c_int()), "contents", 5))
attempt("struct field", lambda: setattr(type("P", (Structure,), {"_fields_": [("x", c_int)]})(), "x", "s"))
P2 = type("P2", (Structure,), {"_fields_": [("x", c_int)]})
attempt("struct field struct", lambda: type("Q", (Structure,), {"_fields_": [("p", P2)]})(5))
