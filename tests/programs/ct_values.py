# ctypes simple types: value wrapping, reprs, sizes, pointers, cast, addressof.
import ctypes
from ctypes import *

ints = [c_byte, c_ubyte, c_short, c_ushort, c_int, c_uint, c_long, c_ulong,
        c_longlong, c_ulonglong, c_size_t, c_ssize_t]
for t in ints:
    print(t.__name__, sizeof(t), alignment(t), t(-1).value, t(256).value, t(2 ** 63).value,
          t(2 ** 70 + 5).value, t(True).value)
print(c_ubyte(256).value, c_byte(128).value, c_ushort(-1).value, c_uint(-1).value)
print(c_int8 is c_byte, c_uint64 is c_ulong, c_size_t is c_ulong, c_longlong is c_long)
print(c_int(5), c_int(), c_uint(7), c_double(1.5), c_double(3), c_float(1.1), c_float(0.5))
print(c_bool(3), c_bool(0), c_bool([]), c_bool("x"), c_char(b"a"), c_char(65), c_char())
print(c_wchar("z"), c_wchar(), c_void_p(), c_void_p(0), c_void_p(1234), c_char_p(), c_wchar_p())
print(c_char_p(b"text").value, c_wchar_p("wide \u00e9").value, c_void_p(-1).value)
for t in (c_bool, c_char, c_wchar, c_float, c_double, c_char_p, c_wchar_p, c_void_p):
    print(t.__name__, sizeof(t), alignment(t))
print(bool(c_int(0)), bool(c_int(3)), bool(c_double(0.0)), bool(c_char_p()), bool(c_void_p(8)))
v = c_int(10)
v.value = 2 ** 32 + 7
print(v.value, v)
f = c_float()
f.value = 1 / 3
print(f.value)
d = c_double(1e308)
d.value *= 10
print(d.value)
print(type(c_int).__name__, type(c_int * 2).__name__, type(POINTER(c_int)).__name__)
print(c_int.__mro__[1].__name__, (c_int * 2).__name__, POINTER(c_double).__name__)
print((c_int * 2) is (c_int * 2), POINTER(c_int) is POINTER(c_int), POINTER(None) is c_void_p)

# pointers
x = c_int(42)
p = pointer(x)
print(p.contents, p[0], bool(p), addressof(p.contents) == addressof(x))
p[0] = 43
print(x.value)
p.contents = c_int(99)
print(p[0], x.value)
null = POINTER(c_int)()
print(bool(null))
try:
    null.contents
except ValueError as e:
    print("ValueError:", e)
pp = pointer(p)
print(pp[0][0], type(pp).__name__)

# cast and addressof
arr = (c_int * 4)(1, 2, 3, 0x01020304)
bp = cast(arr, POINTER(c_ubyte))
print([bp[i] for i in range(16)][12:], bp[0:4])
vp = cast(arr, c_void_p)
print(vp.value == addressof(arr), cast(vp, POINTER(c_int))[2])
print(cast(0, c_void_p), cast(None, POINTER(c_int)).__class__.__name__)
s = create_string_buffer(b"hello")
print(cast(s, c_char_p).value, string_at(addressof(s), 3), c_char_p(addressof(s)).value)
print(byref(x).__class__.__name__, c_int.from_param(5), c_double.from_param(3), c_char.from_param(b"x"))
print(c_int.from_address(addressof(arr)).value, (c_int * 2).from_address(addressof(arr))[1])
y = c_int.from_buffer_copy(b"\xff\xff\xff\xff")
print(y.value, c_uint.from_buffer_copy(b"\xff\xff\xff\xff\x00", 1).value)
