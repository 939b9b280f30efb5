# A callback that raises: CPython prints "Exception ignored on calling ctypes callback
# function" with the callback's frames, and the C caller goes on.
import ctypes

libc = ctypes.CDLL(None)
CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
calls = []


def check(a, b):
    if a == 3 or b == 3:
        raise ValueError(f"refusing {a} and {b}")


def compare(pa, pb):
    a, b = pa[0], pb[0]
    calls.append((a, b))
    if len(calls) == 1:
        check(3, b)
    return (a > b) - (a < b)


values = (ctypes.c_int * 5)(5, 1, 4, 2, 3)
libc.qsort.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t, CMP]
libc.qsort.restype = None
libc.qsort(values, len(values), ctypes.sizeof(ctypes.c_int), CMP(compare))
# (what a failed call returned to C is unspecified: the order is not compared)
print(sorted(values) == [1, 2, 3, 4, 5], len(calls) > 0)
