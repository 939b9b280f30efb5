# ctypes over libm: restype/argtypes for doubles and floats.
import ctypes
import ctypes.util
from ctypes import CDLL, POINTER, byref, c_double, c_float, c_int

libm = CDLL(ctypes.util.find_library("m"))
print(ctypes.util.find_library("m"))

for name in ("sqrt", "cos", "sin", "exp", "log", "fabs", "floor"):
    fn = getattr(libm, name)
    fn.restype = c_double
    fn.argtypes = [c_double]
print(libm.sqrt(2.0), libm.sqrt(16), libm.sqrt(-1.0))
print(libm.cos(0.0), libm.cos(3.141592653589793), libm.sin(0.5))
print(libm.exp(1.0), libm.log(10.0), libm.fabs(-2.5), libm.floor(-2.5))

libm.pow.restype = c_double
libm.pow.argtypes = [c_double, c_double]
print(libm.pow(2.0, 10.0), libm.pow(2, 0.5), libm.pow(10, -2))

# without argtypes a Python float cannot be passed, but c_double can
libm.atan2.restype = c_double
print(libm.atan2(c_double(1.0), c_double(1.0)))
try:
    libm.atan2(1.0, 1.0)
except ctypes.ArgumentError as e:
    print("ArgumentError:", e)

# single precision
libm.sqrtf.restype = c_float
libm.sqrtf.argtypes = [c_float]
print(libm.sqrtf(2.0), libm.sqrtf(9))
libm.powf.restype = c_float
libm.powf.argtypes = [c_float, c_float]
print(libm.powf(1.5, 2))

# out pointers: frexp(double, int *) and modf(double, double *)
libm.frexp.restype = c_double
libm.frexp.argtypes = [c_double, POINTER(c_int)]
exp = c_int()
print(libm.frexp(48.0, byref(exp)), exp.value)
libm.modf.restype = c_double
libm.modf.argtypes = [c_double, POINTER(c_double)]
whole = c_double()
print(libm.modf(3.75, byref(whole)), whole.value, whole)
print(libm.modf(-2.5, ctypes.pointer(whole)), whole.value)

# restype int (the default) of a function returning int: ilogb
print(libm.ilogb(c_double(1024.0)))
# wrong argument type with argtypes
try:
    libm.sqrt("4")
except ctypes.ArgumentError as e:
    print("ArgumentError:", e)
