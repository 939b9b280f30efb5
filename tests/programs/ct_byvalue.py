"""Structures and unions passed and returned by value (the SysV x86-64 classification:
integer and SSE eightbytes, structures in memory, registers running out), long double
arguments and results, callbacks that take structures, py_object, and incomplete pointer
types completed by SetPointerType."""
import ctypes, ctypes.util, sys
from ctypes import *
import _ctypes_test

libc = CDLL(ctypes.util.find_library("c"))
libm = CDLL(ctypes.util.find_library("m"))
dll = CDLL(_ctypes_test.__file__)

# libc: results of two ints, two longs; an argument of one 4-byte structure
class div_t(Structure):
    _fields_ = [("quot", c_int), ("rem", c_int)]
class ldiv_t(Structure):
    _fields_ = [("quot", c_long), ("rem", c_long)]
libc.div.restype = div_t
libc.div.argtypes = [c_int, c_int]
r = libc.div(47, -5); print(type(r).__name__, r.quot, r.rem)
libc.ldiv.restype = ldiv_t
r = libc.ldiv(c_long(10**15 + 7), c_long(-1000)); print(r.quot, r.rem)
libc.lldiv.restype = ldiv_t
libc.lldiv.argtypes = [c_longlong, c_longlong]
print([(x.quot, x.rem) for x in (libc.lldiv(-7, 2), libc.lldiv(2**62, 3))])
class in_addr(Structure):
    _fields_ = [("s_addr", c_uint32)]
libc.inet_ntoa.restype = c_char_p
print(libc.inet_ntoa(in_addr(0x0100007F)), libc.inet_ntoa(in_addr(0xFFFFFFFF)))

# long double arguments and results (libm, _ctypes_test)
libm.sqrtl.restype = c_longdouble
libm.sqrtl.argtypes = [c_longdouble]
print(libm.sqrtl(2.0), libm.sqrtl(c_longdouble(6.25)), type(libm.sqrtl(4)).__name__)
libm.ldexpl.restype = c_longdouble
libm.ldexpl.argtypes = [c_longdouble, c_int]
print(libm.ldexpl(0.75, 10), libm.ldexpl(-1.5, -3))
e = c_int()
libm.frexpl.restype = c_longdouble
libm.frexpl.argtypes = [c_longdouble, POINTER(c_int)]
print(libm.frexpl(40.0, byref(e)), e.value)
f = dll._testfunc_D_bhilfD
f.argtypes = [c_byte, c_short, c_int, c_long, c_float, c_longdouble]
f.restype = c_longdouble
print(f(1, 2, 3, 4, 5.0, 6.0), f(-1, -2, -3, -4, -5.0, -6.0))
class LD(c_longdouble):
    pass
f.restype = LD
print(type(f(1, 2, 3, 4, 5.0, 6.0)).__name__, f(1, 2, 3, 4, 5.0, 6.0).value)

# _ctypes_test: small and large structure results, a structure argument beside a pointer
class S2H(Structure):
    _fields_ = [("x", c_short), ("y", c_short)]
dll.ret_2h_func.restype = S2H
dll.ret_2h_func.argtypes = [S2H]
s = dll.ret_2h_func(S2H(99, 88)); print(s.x, s.y)
class S8I(Structure):
    _fields_ = [(n, c_int) for n in "abcdefgh"]
dll.ret_8i_func.restype = S8I
dll.ret_8i_func.argtypes = [S8I]
s = dll.ret_8i_func(S8I(9, 8, 7, 6, 5, 4, 3, 2)); print([getattr(s, n) for n in "abcdefgh"])
class POINT(Structure):
    _fields_ = [("x", c_int), ("y", c_int)]
out = POINT()
print(dll._testfunc_byval(POINT(1, 2), byref(out)), out.x, out.y)
class Big(Structure):
    _fields_ = [("first", c_ulong), ("second", c_ulong), ("third", c_ulong)]
b = Big(1, 2, 3)
dll._testfunc_large_struct_update_value.argtypes = (Big,)
dll._testfunc_large_struct_update_value.restype = None
dll._testfunc_large_struct_update_value(b); print(b.first, b.second, b.third)
class Floats(Structure):
    _fields_ = [("data", c_float * 2), ("more", c_float * 2)]
dll._testfunc_array_in_struct2a.restype = c_double
dll._testfunc_array_in_struct2a.argtypes = (Floats,)
print(round(dll._testfunc_array_in_struct2a(Floats((1.5, 2.5), (-3.0, 0.25))), 5))

# callbacks that take structures (C calls them; and calls through the pointer from Python)
got = []
CB = CFUNCTYPE(None, Big)
def take(s):
    got.append((s.first, s.second, s.third))
    s.first = 0      # a copy: the caller's structure is not changed
dll._testfunc_cbk_large_struct.argtypes = (Big, CB)
dll._testfunc_cbk_large_struct.restype = None
dll._testfunc_cbk_large_struct(Big(7, 8, 9), CB(take)); print(got)
class Mixed(Structure):
    _fields_ = [("i", c_int), ("f", c_float), ("d", c_double)]
class Three(Structure):
    _fields_ = [("a", c_float), ("b", c_float), ("c", c_float)]
class Chars(Structure):
    _fields_ = [("a", c_char), ("b", c_char), ("c", c_char)]
class Packed(Structure):
    _pack_ = 1
    _fields_ = [("c", c_char), ("d", c_double)]
class U(Union):
    _fields_ = [("i", c_long), ("d", c_double)]
def show(*args):
    print([(type(a).__name__, [getattr(a, n) for n, _ in a._fields_]) if isinstance(a, (Structure, Union))
           else a for a in args])
    return len(args)
proto = CFUNCTYPE(c_int, Mixed, c_double, Three, Chars, c_int, Packed, U, Big, POINT, POINT, POINT, c_long)
cb = proto(show)
print(cb(Mixed(1, 2.5, 3.25), 4.5, Three(1, 2, 3), Chars(b"x", b"y", b"z"), 5, Packed(b"p", 6.5),
         U(d=7.5), Big(1, 2, 3), POINT(1, 2), POINT(3, 4), POINT(5, 6), 99))
try:
    cb((1, 2), 4.5, Three(), Chars(), 5, Packed(), U(), Big(), POINT(), POINT(), POINT(), 99)
except ArgumentError as exc:
    print("ArgumentError", exc)

# long double in callbacks
for proto in (CFUNCTYPE(c_longdouble, c_longdouble), CFUNCTYPE(c_longdouble, c_byte, c_longdouble)):
    print(proto(lambda *a: a[-1] * 2)(*([-3] * (len(proto._argtypes_) - 1)), 3.25))

# py_object
po = CFUNCTYPE(py_object, py_object)(lambda o: [o, o])
print(po("x"), po(None), py_object((1, 2)), py_object(), py_object([3]).value)
try:
    py_object().value
except ValueError as exc:
    print("ValueError", exc)

# an incomplete pointer type, completed later
class Cell(Structure):
    pass
LP = POINTER("Cell")
print(LP.__name__)
SetPointerType(LP, Cell)
Cell._fields_ = [("value", c_int), ("next", LP)]
second = Cell(2, None)
first = Cell(1, pointer(second))
print(first.next.contents.value, POINTER(Cell) is LP, bool(second.next))
try:
    SetPointerType(LP, Cell)
except RuntimeError as exc:
    print("RuntimeError", exc)

# argument counts
try:
    CFUNCTYPE(c_int, *(c_int,) * 1025)
except ArgumentError as exc:
    print("ArgumentError", exc)
many = CFUNCTYPE(c_int, *(c_int,) * 1024)(lambda *a: sum(a))
print(many(*range(1024)))
try:
    many(*range(1025))
except ArgumentError as exc:
    print("ArgumentError", exc)
