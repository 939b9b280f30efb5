# Foreign calls and callbacks from several threads at once.
import threading
from ctypes import CDLL, CFUNCTYPE, POINTER, c_int, c_size_t, c_void_p, sizeof

libc = CDLL("libc.so.6")
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
