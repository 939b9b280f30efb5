"""c_longdouble as stored data: size and alignment, values in and out (x87 extended format
bytes), arrays, structure fields, pointers; bytes() of ctypes objects. (Calls that pass or
return a long double: ct_byvalue.py.)"""
import ctypes, math
from ctypes import *
print(sizeof(c_longdouble), alignment(c_longdouble), c_longdouble().value)
for v in (1.5, -2.25, 0.0, -0.0, 1e308, 5e-324, 2.2250738585072014e-308, float("inf"), float("-inf"), 3, 10**20, 1/3):
    x = c_longdouble(v)
    print(repr(v), x.value, repr(x))
print(math.isnan(c_longdouble(float("nan")).value))
print(bytes(c_longdouble(1.0))[:10].hex())
print(bytes(c_longdouble(-3.5))[:10].hex())
a = (c_longdouble * 3)(1.5, 2.5, 3.5)
print(list(a), sizeof(a))
class S(Structure):
    _fields_ = [("c", c_char), ("g", c_longdouble)]
s = S(b"x", 7.25)
print(sizeof(S), S.g.offset, s.g)
try: c_longdouble("x")
except TypeError as e: print(e)
p = pointer(c_longdouble(4.5)); print(p.contents.value, p[0])
print(bytes(S(b"y", -1.0))[:1], len(bytes(S())), bytes((c_int * 2)(1, 2)).hex(), bytes(c_short(-2)).hex())
for v in (1.5, 1e-310, -1e300):
    raw = bytes(c_longdouble(v))
    print(raw[:10].hex(), c_longdouble.from_buffer_copy(raw).value == v)
