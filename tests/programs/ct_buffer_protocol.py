"""Guest ctypes objects export their memory as a buffer, as CPython's do (issue 19 item
4): memoryview() with CPython's format, itemsize, shape and writability for simple types,
arrays (of arrays, of structures), structures, unions, pointers; bytes(), bytearray(),
struct.unpack_from, from_buffer over another ctypes object; writes through the view;
the __module__ of array and pointer types (the module that asked for them)."""
import ctypes
import struct


class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_short), ("tag", ctypes.c_char)]


class Point3(Point):
    _fields_ = [("z", ctypes.c_double)]


class Packed(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("a", ctypes.c_byte), ("b", ctypes.c_int)]


class Either(ctypes.Union):
    _fields_ = [("i", ctypes.c_int), ("d", ctypes.c_double)]


def show(obj):
    m = memoryview(obj)
    print(type(obj).__name__, m.format, m.itemsize, m.shape, m.ndim, m.nbytes, m.readonly,
          m.c_contiguous, bytes(m) == bytes(obj))


for obj in (ctypes.c_int(7), ctypes.c_double(1.5), ctypes.c_char(b"x"), ctypes.c_bool(True),
            ctypes.c_uint8(200), ctypes.c_longlong(-1), ctypes.c_float(0.25), ctypes.c_void_p(16),
            (ctypes.c_int * 4)(1, 2, 3, 4), (ctypes.c_double * 2 * 3)(), ctypes.create_string_buffer(b"hi", 5),
            Point(1, 2, b"p"), Point3(1, 2, b"q", 2.5), Packed(1, 2), Either(5), (Point * 2)(),
            ctypes.pointer(ctypes.c_int(3))):
    show(obj)

p = Point(0x01020304, 5, b"z")
print(bytes(p).hex(), bytearray(p).hex(), struct.unpack_from("<ih", p))
arr = (ctypes.c_int * 4)(10, 20, 30, 40)
m = memoryview(arr)
ints = m.cast("B").cast("i")
print(ints[1], m.tobytes().hex(), list(m.cast("B")[:8]), ints.tolist())
ints[2] = 99
print(list(arr), arr[2])
raw = memoryview(p).cast("B")
raw[0] = 0xFF
print(hex(p.x), bytes(raw[:4]).hex())
copy = Point.from_buffer(arr)
print(copy.x, copy.y)
copy.x = 12345
print(arr[0])
print(Point.from_buffer_copy(p).x == p.x, bytearray(ctypes.c_short(-2)))
with memoryview(ctypes.c_int(1)) as view:
    print(view.format, view.cast("B").tolist())

A = ctypes.c_int * 3
P = ctypes.POINTER(Point)
print(A.__module__, P.__module__, (ctypes.c_char * 7).__module__, A.__name__, P.__name__)
print(ctypes.c_int.__module__, Point.__module__, ctypes.POINTER(ctypes.c_int).__module__, (ctypes.c_char * 5).__module__)
