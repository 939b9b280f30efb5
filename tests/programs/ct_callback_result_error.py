"""A ctypes callback whose result cannot be converted to its restype goes to
sys.unraisablehook with "Exception ignored on converting result of ctypes callback function"
and the callback as object (a callback that raises keeps "on calling")."""
import sys
from ctypes import *
def func():
    return ("tuple",)
seen = []
sys.unraisablehook = lambda u: seen.append((type(u.exc_value).__name__, u.err_msg, u.object is func))
cb = CFUNCTYPE(c_int)(func)
cb()
def raises():
    raise ValueError("x")
CFUNCTYPE(c_int)(raises)()
print(seen)
