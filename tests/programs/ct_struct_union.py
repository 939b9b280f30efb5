# Structure and Union: layout, nested structures, arrays inside, passing by pointer.
import ctypes
from ctypes import (CDLL, POINTER, Structure, Union, byref, c_char, c_double, c_int,
                    c_long, c_short, c_ubyte, c_uint, c_float, c_char_p, pointer, sizeof,
                    alignment, addressof, memmove)

libc = CDLL("libc.so.6")


class Point(Structure):
    _fields_ = [("x", c_int), ("y", c_int)]


class Rect(Structure):
    _fields_ = [("tl", Point), ("br", Point), ("tag", c_char * 8), ("weights", c_double * 3)]


print(sizeof(Point), alignment(Point), sizeof(Rect), alignment(Rect))
print(Point.x, Point.y, Rect.tag, Rect.weights)
r = Rect(Point(1, 2), Point(3, 4), b"box", (0.5, 1.5, 2.5))
print(r.tl.x, r.tl.y, r.br.x, r.br.y, r.tag, list(r.weights))
r.tl.x = 10                      # nested objects share the parent's memory
r.weights[1] = -1.0
print(r.tl.x, list(r.weights))
r.br = Point(7, 8)
print(r.br.x, r.br.y)
p = Point(y=5)
print(p.x, p.y)

# struct tm by pointer: gmtime_r fills it, timegm reads it
class tm(Structure):
    _fields_ = [("tm_sec", c_int), ("tm_min", c_int), ("tm_hour", c_int), ("tm_mday", c_int),
                ("tm_mon", c_int), ("tm_year", c_int), ("tm_wday", c_int), ("tm_yday", c_int),
                ("tm_isdst", c_int), ("tm_gmtoff", c_long), ("tm_zone", c_char_p)]


t = ctypes.c_long(1700000000)
out = tm()
libc.gmtime_r.restype = POINTER(tm)
res = libc.gmtime_r(byref(t), byref(out))
print(out.tm_year + 1900, out.tm_mon + 1, out.tm_mday, out.tm_hour, out.tm_min, out.tm_sec,
      out.tm_wday, out.tm_yday, out.tm_zone)
print(addressof(res.contents) == addressof(out))
out.tm_year = 100
out.tm_mon = 0
out.tm_mday = 2
out.tm_hour = out.tm_min = out.tm_sec = 0
libc.timegm.restype = c_long
print(libc.timegm(byref(out)), libc.timegm(pointer(out)))

# strftime writes into a buffer using the structure
buf = ctypes.create_string_buffer(64)
libc.strftime.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, POINTER(tm)]
n = libc.strftime(buf, 64, b"%Y-%m-%d %H:%M:%S", out)    # a structure where a pointer is expected
print(n, buf.value)

# unions
class Num(Union):
    _fields_ = [("i", c_uint), ("f", c_float), ("b", c_ubyte * 4)]


u = Num()
u.f = 1.0
print(sizeof(Num), alignment(Num), hex(u.i), list(u.b))
u.i = 0x40490FDB
print(round(u.f, 5), list(u.b))
libc.memset(byref(u), 0, sizeof(u))
print(u.i, u.f)
libc.memcpy(byref(u), b"\x01\x02\x03\x04", 4)
print(hex(u.i), Num.i, Num.b)

# structure copies, inheritance, _pack_
class Base(Structure):
    _fields_ = [("a", c_int)]


class Derived(Base):
    _fields_ = [("b", c_char), ("c", c_short)]


d = Derived(1, b"x", 3)
print(sizeof(Derived), Derived.b, Derived.c, d.a, d.b, d.c)


class Packed(Structure):
    _pack_ = 1
    _fields_ = [("c", c_char), ("d", c_double), ("s", c_short)]


print(sizeof(Packed), alignment(Packed), Packed.d, Packed.s)
a = Point(1, 2)
b = Point()
memmove(byref(b), byref(a), sizeof(Point))
a.x = 100
print(b.x, b.y)
c = Point.from_buffer_copy(bytes(range(8)))
print(hex(c.x), hex(c.y))
pts = (Point * 3)((1, 2), (3, 4), Point(5, 6))
print([(q.x, q.y) for q in pts])
pp = POINTER(Point)(pts[1])
print(pp.contents.x, pp[0].y)
try:
    Point(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, x=2)
except TypeError as e:
    print("TypeError:", e)
try:
    Point._fields_ = [("z", c_int)]
except AttributeError as e:
    print("AttributeError:", e)

# from_buffer shares a bytearray's memory; _anonymous_ promotes the inner fields
ba = bytearray(b"\x01\x00\x00\x00\x02\x00\x00\x00")
shared = c_int.from_buffer(ba, 4)
shared.value = 9
print(bytes(ba), list((c_int * 2).from_buffer(ba)))
for bad in (lambda: c_int.from_buffer(b"abcd"), lambda: c_int.from_buffer(ba, 6)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class Pair(Structure):          # (not Point: CPython leaves Point odd after the failed _fields_ above)
    _fields_ = [("x", c_int), ("y", c_int)]


class Outer(Structure):
    _anonymous_ = ("inner",)
    _fields_ = [("tag", c_char), ("inner", Pair)]


o = Outer(b"t", Pair(5, 6))
print(o.x, o.y, o.inner.x, Outer.x, Outer.y)
o.y = 60
print(o.inner.y)
