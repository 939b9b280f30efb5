"""One `ctypes` in the process: importlib and the host libraries that import it --
numpy's ndarray.ctypes and numpy.ctypeslib, multiprocessing.sharedctypes -- get the
program's module and its classes; ctypes objects pickle as CPython's (pointers refused);
vars() of a ctypes object is the program's attributes only; dir() lists CPython's names."""
import _ctypes, ctypes, ctypes.util, importlib, pickle, sys
import multiprocessing.sharedctypes
import numpy as np
import numpy.ctypeslib

print(importlib.import_module("ctypes") is ctypes, sys.modules["ctypes"] is ctypes,
      np.ctypeslib.ctypes is ctypes, multiprocessing.sharedctypes.ctypes is ctypes,
      importlib.import_module("ctypes.util") is ctypes.util)
print(_ctypes.Array is ctypes.Array, _ctypes.Structure is ctypes.Structure, _ctypes.CFuncPtr is ctypes._CFuncPtr)
print([k.__module__ + "." + k.__name__ for k in ctypes.c_int.__mro__],
      ctypes._CFuncPtr.__name__, ctypes.c_double.__ctype_le__ is ctypes.c_double)

a = np.arange(6.0)
p = a.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
print(type(p).__name__, isinstance(p, ctypes._Pointer), p[0], p[5])
p[1] = 10.5                       # through the pointer into the array's memory
print(a.tolist(), a.ctypes.shape_as(ctypes.c_long)[:], a.ctypes.strides_as(ctypes.c_long)[:])
arr = np.ctypeslib.as_ctypes(a)
print(type(arr).__name__, isinstance(arr, ctypes.Array), arr[1], len(arr))
arr[2] = -1.0
print(a[2])
print(np.ctypeslib.as_ctypes_type(np.int32) is ctypes.c_int32,
      np.ctypeslib.as_ctypes_type(np.float64) is ctypes.c_double)
print(np.dtype(ctypes.c_int16), np.dtype(ctypes.c_double * 3))


class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_double)]


print(np.dtype(Point))
libm = ctypes.CDLL(ctypes.util.find_library("m"))
libm.cos.restype = ctypes.c_double
libm.cos.argtypes = [ctypes.c_double]
print(libm.cos(0.0))

print(pickle.dumps(ctypes.c_int(7), 2))     # CPython's pickle: (_ctypes._unpickle, ...)
x = ctypes.c_int(5)
print(vars(x))
x.label = "five"
print(vars(x))
for obj in (x, Point(1, 2.5), ctypes.c_char(b"z"), ctypes.c_bool(True), ctypes.c_double(0.25)):
    again = pickle.loads(pickle.dumps(obj))
    print(type(again) is type(obj), bytes(again) == bytes(obj), vars(again))
for obj in (ctypes.c_char_p(b"a"), ctypes.pointer(ctypes.c_int(1)), ctypes.c_void_p(0),
            ctypes.py_object(1), (ctypes.c_char_p * 2)()):
    try:
        pickle.dumps(obj)
    except ValueError as exc:
        print("ValueError", exc)


class Holder(ctypes.Structure):
    _fields_ = [("p", ctypes.POINTER(ctypes.c_int))]


try:
    pickle.dumps(Holder())
except ValueError as exc:
    print("ValueError", exc)

shared = multiprocessing.sharedctypes.RawArray(ctypes.c_int, [4, 5, 6])
print(type(shared).__name__, shared[:], isinstance(shared, ctypes.Array))
print([n for n in dir(ctypes) if n.startswith("_") and not n.startswith("__")])
print(len(dir(ctypes)), sorted(set(ctypes.__all__) - set(dir(ctypes))) if hasattr(ctypes, "__all__") else None)
for name in ("BigEndianStructure", "PyDLL", "pythonapi", "pydll", "PYFUNCTYPE"):
    print(name, hasattr(ctypes, name))
