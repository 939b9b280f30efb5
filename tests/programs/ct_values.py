# ctypes simple types (value wrapping, reprs, sizes, pointers, cast, addressof) and arrays
# (indexing, slicing, nested arrays, char buffers, memmove/memset/string_at).
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


# ---- arrays
libc = CDLL("libc.so.6")
IntArr = c_int * 5
a = IntArr(1, 2, 3)
print(len(a), list(a), a[0], a[-1], a[1:4], a[::-2], IntArr.__name__, sizeof(a), sizeof(IntArr))
a[3] = 2 ** 33 + 1
a[-1] = -7
print(list(a))
a[0:2] = [10, 20]
print(list(a), [v * 2 for v in a], sum(a), 20 in a)
for bad in (5, -6):
    try:
        a[bad]
    except IndexError as e:
        print("IndexError:", e)
try:
    IntArr(1, 2, 3, 4, 5, 6)
except IndexError as e:
    print("IndexError:", e)
try:
    a[0:2] = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a[0] = "x"
except TypeError as e:
    print("TypeError:", e)

grid = ((c_double * 3) * 2)()
grid[1][2] = 5.5
grid[0] = (c_double * 3)(1, 2, 3)
print([list(row) for row in grid], sizeof(grid), type(grid).__name__)

# char buffers
buf = create_string_buffer(b"abc", 8)
print(buf.value, buf.raw, len(buf), buf[0], buf[1:3], type(buf).__name__)
buf.value = b"xy"
print(buf.raw)
buf.raw = b"12345678"
print(buf.value, buf[:])
try:
    buf.value = b"too long for it"
except ValueError as e:
    print("ValueError:", e)
print(create_string_buffer(3).raw, sizeof(create_string_buffer(b"four")))
try:
    create_string_buffer("str")
except TypeError as e:
    print("TypeError:", e)
w = create_unicode_buffer("h\u00e9!")
print(w.value, len(w), sizeof(w), w[1], w[0:2])

# libc writes into arrays
libc.memset(a, 0, sizeof(a))
print(list(a))
out = create_string_buffer(32)
libc.snprintf(out, 32, b"%d-%s-%x", 42, b"ok", 255)
print(out.value)
libc.strcpy(out, b"copied")
libc.strcat(out, b"!")
print(out.value, libc.strlen(out))
src = (c_ubyte * 6)(*range(1, 7))
dst = (c_ubyte * 6)()
print(memmove(dst, src, 6) == addressof(dst), list(dst))
memmove(addressof(dst) + 2, dst, 3)          # overlapping, like memmove(3)
print(list(dst))
print(memset(dst, 0xAB, 2) == addressof(dst), list(dst))
print(string_at(out), string_at(out, 3), string_at(addressof(out) + 2, 2))
print(wstring_at(w), wstring_at(w, 1))
shorts = (c_short * 4)(-1, 2, -3, 4)
print(string_at(shorts, 8))
print(list((c_int * 3).from_buffer_copy(bytes([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]))))
bs = (c_bool * 3)(1, 0, 7)
print(list(bs), (c_char * 3)(b"a", b"b", b"c").value, (c_wchar * 2)("a", "b").value)
print(c_float(1e300).value, c_float(-1e300).value, c_float(3.4028235e38).value)
fa = (c_float * 2)()
fa[0] = -1e300
print(fa[0], fa[1])
