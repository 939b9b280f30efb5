# ctypes arrays: indexing, slicing, nested arrays, char buffers, memmove/memset/string_at.
import ctypes
from ctypes import *

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
