# Hot loops calling C functions through ctypes: the native tier calls them directly.
# Changing argtypes/restype mid-run must behave exactly as CPython (tier 0 takes over).
import ctypes
import ctypes.util

libc = ctypes.CDLL(ctypes.util.find_library("c"))
libm = ctypes.CDLL(ctypes.util.find_library("m"))

abs_ = libc.abs
abs_.argtypes = [ctypes.c_int]
abs_.restype = ctypes.c_int
labs = libc.labs
labs.argtypes = [ctypes.c_long]
labs.restype = ctypes.c_long
sqrt = libm.sqrt
sqrt.argtypes = [ctypes.c_double]
sqrt.restype = ctypes.c_double
cos = libm.cos
cos.argtypes = [ctypes.c_double]
cos.restype = ctypes.c_double
pow_ = libm.pow
pow_.argtypes = [ctypes.c_double, ctypes.c_double]
pow_.restype = ctypes.c_double


def sum_abs(n):
    total = 0
    for i in range(n):
        total += abs_(i - n // 2)
    return total


def sum_labs(n):
    total = 0
    for i in range(n):
        total += labs(-i * 100003)
    return total


def wrap_abs(n):
    # c_int wraps Python ints to 32 bits, as ctypes does
    total = 0
    for i in range(n):
        total += abs_(i * 1000003 - 4000000000)
    return total


def sum_sqrt(n):
    total = 0.0
    for i in range(n):
        total += sqrt(i)            # an int argument for a c_double parameter
    return total


def sum_cos(n):
    total = 0.0
    x = 0.0
    for i in range(n):
        total += cos(x)
        x += 0.001
    return total


def sum_pow(n):
    total = 0.0
    for i in range(n):
        total += pow_(1.0001, float(i % 50))
    return total


def via_attribute(n):
    total = 0
    for i in range(n):
        total += libc.abs(-i) + libc.labs(i - 7)
    return total


def mixed(n):
    acc = 0.0
    for i in range(1, n):
        acc += sqrt(float(abs_(-i))) * cos(0.5) - pow_(2.0, -1.0)
    return acc


def run_all(n):
    print("abs", sum_abs(n))
    print("labs", sum_labs(n))
    print("wrap", wrap_abs(n))
    print("sqrt", repr(sum_sqrt(n)))
    print("cos", repr(sum_cos(n)))
    print("pow", repr(sum_pow(n)))
    print("attr", via_attribute(n))
    print("mixed", repr(mixed(n)))


for rnd in range(3):
    run_all(3000)

# argtypes/restype change mid-run: the compiled code must notice
abs_.restype = ctypes.c_ubyte            # the low byte of the C result
print("abs ubyte", sum_abs(3000))
abs_.restype = ctypes.c_int
abs_.argtypes = [ctypes.c_short]         # arguments wrap to 16 bits now
print("abs short", sum_abs(70000))
abs_.argtypes = [ctypes.c_int]
print("abs again", sum_abs(3000))
sqrtf = libm.sqrtf                       # single precision: arguments and result
sqrtf.argtypes = [ctypes.c_float]
sqrtf.restype = ctypes.c_float


def sum_sqrtf(n):
    total = 0.0
    for i in range(n):
        total += sqrtf(i * 1.1)
    return total


print("sqrtf", repr(sum_sqrtf(3000)), repr(sum_sqrtf(3000)))
cos.restype = None                       # void: every call returns None
try:
    sum_cos(10)
except TypeError as e:
    print("TypeError", e)
cos.restype = ctypes.c_double
print("cos again", repr(sum_cos(3000)))
abs_.errcheck = lambda result, func, args: result * 2
print("errcheck", sum_abs(3000))
del abs_.errcheck
abs_.argtypes = [ctypes.c_int]
print("after errcheck", sum_abs(3000))
libc.abs = libm.sqrt                     # rebinding the library attribute
try:
    print("rebound", via_attribute(10))
except ctypes.ArgumentError as e:
    print("ArgumentError", e)
# a float for a C int: ctypes' ArgumentError, raised by the same code at every tier
try:
    print(abs_(1.5))
except ctypes.ArgumentError as e:
    print("ArgumentError", e)


def bad_arg(n):
    total = 0
    for i in range(n):
        total += abs_(i / 2)
    return total


try:
    bad_arg(100)
except ctypes.ArgumentError as e:
    print("ArgumentError", e)


# one call with a long loop: at --tier auto the loop itself is compiled (a loop region)
hypot = libm.hypot
hypot.argtypes = [ctypes.c_double, ctypes.c_double]
hypot.restype = ctypes.c_double


def once(n):
    total = 0
    h = 0.0
    for i in range(n):
        total += labs(-i) + libc.labs(i)
        h += hypot(i, 1.0)
    return total, h


print("once", once(100000))

# a foreign function with an effect (rand's hidden state): every call happens exactly once
srand = libc.srand
srand.argtypes = [ctypes.c_uint]
srand.restype = None
rand = libc.rand
rand.argtypes = []
rand.restype = ctypes.c_int


def rand_floats(n):
    t = 0.0
    for i in range(n):
        t += rand() * 0.5
    return t


def rand_ints(n):
    t = 0
    for i in range(n):
        t += rand() % 7          # the += overflow guard after rand(): stays in tier 0
    return t


def reseed(n):
    for i in range(n):
        srand(i)
    return rand()


srand(7)
for rnd in range(3):
    print("rand", repr(rand_floats(2000)), rand_ints(2000), rand())
print("reseed", reseed(1000))
