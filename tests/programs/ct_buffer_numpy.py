"""numpy over guest ctypes objects' buffers (issue 19 item 4): numpy.frombuffer of ctypes
arrays and structures (shared memory: writes go both ways), numpy.asarray /
numpy.ctypeslib.as_array of ctypes arrays (the buffer's format and shape make the dtype),
structures read through a structured dtype; and the buffer comes with no class in the
ctypes types' __mro__ (numpy.ctypeslib.as_ctypes_type walks it)."""
import ctypes
import numpy as np
import numpy.ctypeslib


class Pair(ctypes.Structure):
    _fields_ = [("a", ctypes.c_int32), ("b", ctypes.c_double)]


arr = (ctypes.c_int32 * 5)(1, 2, 3, 4, 5)
view = np.frombuffer(arr, dtype=np.int32)
print(view.tolist(), view.dtype, view.flags.writeable, view.base is not None)
arr[0] = 100
print(view[0])
view[4] = -7                     # numpy writes into the ctypes object's memory
print(list(arr))

grid = ((ctypes.c_double * 3) * 2)()
g = np.asarray(grid)
print(g.shape, g.dtype)
g[1, 2] = 2.5
print(grid[1][2], np.ctypeslib.as_array(grid).sum())

floats = (ctypes.c_double * 4)(0.5, 1.5, 2.5, 3.5)
print(np.ctypeslib.as_array(floats).tolist(), np.frombuffer(floats).mean())

# (np.asarray of a structure warns from numpy's C code: the warning's file and line are
# the innermost host frame's, which under protojit is the interpreter's: not compared here)
pair_dtype = np.dtype([("a", np.int32), ("b", np.float64)], align=True)
p = Pair(7, 1.25)
s = np.frombuffer(p, dtype=pair_dtype)
print(s.dtype.names, s["a"], s["b"], s.shape, memoryview(p).format)
pairs = (Pair * 3)()
pairs[1].a = 9
print(np.frombuffer(pairs, dtype=pair_dtype)["a"].tolist(), np.frombuffer(pairs, dtype=np.uint8).size)

print(np.frombuffer(ctypes.c_int64(-2), dtype=np.int64)[0],
      np.frombuffer(ctypes.create_string_buffer(b"abc"), dtype=np.uint8).tolist())

print([k.__name__ for k in type(arr).__mro__], [k.__name__ for k in Pair.__mro__])
print(np.ctypeslib.as_ctypes_type(np.float64) is ctypes.c_double,
      np.ctypeslib.as_ctypes_type(np.dtype([("a", np.int32), ("b", np.float64)])).__name__)
back = np.ctypeslib.as_ctypes(np.arange(4, dtype=np.int32))
print(type(back).__name__, list(back), np.frombuffer(back, dtype=np.int32).tolist())
