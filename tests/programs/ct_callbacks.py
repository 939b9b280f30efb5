# CFUNCTYPE callbacks: libc qsort and bsearch call back into Python, also from threads.
import ctypes
from ctypes import (CDLL, CFUNCTYPE, POINTER, Structure, c_double, c_int, c_void_p,
                    c_char_p, c_size_t, cast, sizeof)

libc = CDLL("libc.so.6")
libc.qsort.restype = None

CMPFUNC = CFUNCTYPE(c_int, POINTER(c_int), POINTER(c_int))
print(CMPFUNC is CFUNCTYPE(c_int, POINTER(c_int), POINTER(c_int)), CMPFUNC.__name__)

calls = []


def py_cmp(a, b):
    calls.append(1)
    return a[0] - b[0]


cmp = CMPFUNC(py_cmp)
values = (c_int * 10)(5, 1, 7, 33, 99, -4, 0, 12, 7, -100)
libc.qsort(values, len(values), sizeof(c_int), cmp)
print(list(values), len(calls) > 0)

# descending, through argtypes declared on qsort
libc.qsort.argtypes = [c_void_p, c_size_t, c_size_t, CMPFUNC]
libc.qsort(values, len(values), sizeof(c_int), CMPFUNC(lambda a, b: b.contents.value - a.contents.value))
print(list(values))

# doubles, with a comparator over void pointers
DCMP = CFUNCTYPE(c_int, c_void_p, c_void_p)


def dcmp(pa, pb):
    a = cast(pa, POINTER(c_double))[0]
    b = cast(pb, POINTER(c_double))[0]
    return (a > b) - (a < b)


doubles = (c_double * 6)(3.5, -1.25, 2.0, 10.0, 0.0, 2.5)
try:
    libc.qsort(doubles, 6, sizeof(c_double), DCMP(dcmp))
except ctypes.ArgumentError as e:
    print("ArgumentError:", e)
libc.qsort.argtypes = None
libc.qsort(doubles, 6, sizeof(c_double), DCMP(dcmp))
print(list(doubles))

# structures, sorted by a key field
class Item(Structure):
    _fields_ = [("key", c_int), ("name", c_char_p)]


items = (Item * 4)(Item(3, b"three"), Item(1, b"one"), Item(4, b"four"), Item(2, b"two"))
ICMP = CFUNCTYPE(c_int, POINTER(Item), POINTER(Item))
libc.qsort(items, 4, sizeof(Item), ICMP(lambda a, b: a[0].key - b[0].key))
print([(it.key, it.name) for it in items])

# bsearch returns a pointer into the array (or NULL)
libc.bsearch.restype = POINTER(c_int)
libc.bsearch.argtypes = [POINTER(c_int), c_void_p, c_size_t, c_size_t, CMPFUNC]
ordered = (c_int * 6)(1, 3, 5, 7, 9, 11)
key = c_int(7)
hit = libc.bsearch(ctypes.byref(key), ordered, 6, sizeof(c_int), cmp)
print(bool(hit), hit.contents.value, ctypes.addressof(hit.contents) - ctypes.addressof(ordered))
key.value = 4
print(bool(libc.bsearch(ctypes.byref(key), ordered, 6, sizeof(c_int), cmp)))

# a callback called from Python goes through its C pointer too
ADD = CFUNCTYPE(c_int, c_int, c_int)
add = ADD(lambda x, y: x + y)
print(add(2, 40), add(2 ** 31 - 1, 1))
HALF = CFUNCTYPE(c_double, c_double)
print(HALF(lambda x: x / 2)(5.0))
VOID = CFUNCTYPE(None, c_char_p)
seen = []
VOID(seen.append)(b"bytes in")
print(seen)
# the function pointer round-trips through an integer address
addr = cast(add, c_void_p).value
print(ADD(addr)(20, 22))


# ---- foreign calls and callbacks from several threads at once
import threading
libc.qsort.argtypes = [c_void_p, c_size_t, c_size_t, CFUNCTYPE(c_int, POINTER(c_int), POINTER(c_int))]
libc.qsort.restype = None
CMP = CFUNCTYPE(c_int, POINTER(c_int), POINTER(c_int))
ascending = CMP(lambda a, b: a[0] - b[0])
descending = CMP(lambda a, b: b[0] - a[0])
results = {}


def work(index):
    data = (c_int * 40)(*[(index * 7919 + i * 104729) % 997 for i in range(40)])
    libc.qsort(data, len(data), sizeof(c_int), ascending if index % 2 else descending)
    total = sum(libc.abs(-v) for v in data)
    results[index] = (list(data) == sorted(data, reverse=not index % 2), total)


threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for index in sorted(results):
    print(index, results[index])
