# ctypes over libc (abs, strlen, strtol with an out pointer, getenv/setenv, errno) and
# libm (sqrt/pow/cos/... with restype and argtypes, float, out pointers).
import ctypes
import ctypes.util
from ctypes import CDLL, POINTER, byref, c_char_p, c_int, c_long, c_size_t, c_void_p

libc = CDLL(ctypes.util.find_library("c"))
print(ctypes.util.find_library("c"))

# default conversions: ints pass as C int, result is C int
print(libc.abs(-5), libc.abs(7), libc.abs(0))
print(libc.abs(2 ** 31), libc.abs(2 ** 40))          # wrapped to 32 bits like CPython
print(libc.strlen(b"hello"), libc.strlen(b""))
print(libc.atoi(b"  -42xyz"))
print(libc.toupper(ord("q")), chr(libc.toupper(ord("q"))))

# argtypes / restype
libc.strlen.argtypes = [c_char_p]
libc.strlen.restype = c_size_t
print(libc.strlen(b"protojit"), type(libc.strlen(b"x")).__name__)
print(libc.strlen.argtypes == (c_char_p,), libc.strlen.restype is c_size_t)

# strtol with an out pointer (char **endptr)
libc.strtol.argtypes = [c_char_p, POINTER(c_char_p), c_int]
libc.strtol.restype = c_long
end = c_char_p()
print(libc.strtol(b"123abc", byref(end), 10), end.value)
print(libc.strtol(b"-0x1fZ", byref(end), 16), end.value)
print(libc.strtol(b"777", None, 8))
print(libc.strtol(b"  9999999999999", byref(end), 10), end.value)

# the out pointer may be a POINTER instance too
endp = POINTER(c_char_p)(end)
print(libc.strtol(b"42 rest", endp, 10), endp.contents.value, end.value)

# getenv / setenv: restype c_char_p gives bytes or None
libc.getenv.restype = c_char_p
libc.getenv.argtypes = [c_char_p]
print(libc.getenv(b"PJ_CTYPES_SURELY_UNSET"))
print(libc.setenv(b"PJ_CTYPES_VAR", b"some value", 1))
print(libc.getenv(b"PJ_CTYPES_VAR"))
libc.setenv(b"PJ_CTYPES_VAR", b"other", 0)      # overwrite=0 keeps the old value
print(libc.getenv(b"PJ_CTYPES_VAR"))
print(libc.unsetenv(b"PJ_CTYPES_VAR"), libc.getenv(b"PJ_CTYPES_VAR"))

# c_void_p results are ints or None; errcheck sees result, function and args
libc.strchr.restype = c_void_p
libc.strchr.argtypes = [c_char_p, c_int]
s = ctypes.create_string_buffer(b"find the x here")
found = libc.strchr(s, ord("x"))
print(found - ctypes.addressof(s), libc.strchr(s, ord("Q")))
def check(result, func, args):
    print("errcheck", result, func is libc.abs, args)
    return result * 10
libc.abs.errcheck = check
print(libc.abs(-3))
del libc.abs.errcheck
print(libc.abs(-3))

# the same library through cdll and CDLL(None) (the process's own symbols)
me = CDLL(None)
print(me.abs(-11), ctypes.cdll.LoadLibrary("libc.so.6").abs(-12))
print(libc["abs"](-13), libc.abs.__name__, libc["labs"].__name__)
print(type(libc).__name__, type(libc.abs).__name__, libc.abs is libc.abs, libc["abs"] is libc["abs"])

# use_errno: C errno is swapped with ctypes' private copy around each call
ec = CDLL(ctypes.util.find_library("c"), use_errno=True)
print(ctypes.get_errno())
ec.strtol.restype = c_long
print(ec.strtol(b"99999999999999999999999", None, 10), ctypes.get_errno())
print(ec.close(-1), ctypes.get_errno())
print(ctypes.set_errno(0), ctypes.get_errno())
print(libc.close(-1), ctypes.get_errno())      # a function without use_errno leaves it alone
print(ctypes.ARRAY(c_int, 3).__name__, ctypes.LittleEndianStructure is ctypes.Structure)


# ---- libm
from ctypes import c_double, c_float

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
