"""ctypes.pythonapi and PyDLL: CPython C API functions with this module's simple types
and py_object as argtypes/restype, an error set by the C function raised as CPython's."""
import ctypes

print(type(ctypes.pythonapi).__name__, ctypes.pythonapi._name, isinstance(ctypes.pythonapi, ctypes.CDLL))
from_long = ctypes.pythonapi.PyLong_FromLong
from_long.argtypes = (ctypes.c_long,)
from_long.restype = ctypes.py_object
print(from_long(41) + 1, from_long(ctypes.c_long(-7)), from_long.restype is ctypes.py_object,
      from_long.argtypes == (ctypes.c_long,))
size = ctypes.pythonapi.PyObject_Size
size.argtypes = (ctypes.py_object,)
size.restype = ctypes.c_ssize_t
print(size([1, 2, 3]), size("four"), size({}))
set_string = ctypes.pythonapi.PyErr_SetString
set_string.argtypes = (ctypes.py_object, ctypes.c_char_p)
try:
    set_string(ValueError, b"set by the C API")
except ValueError as exc:
    print("ValueError", exc)
try:
    size(5)
except TypeError as exc:
    print("TypeError", exc)
