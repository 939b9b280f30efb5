# A frame kept by a callee (sys._getframe(1) saved) and read after its function returned
# reports the line of that function's last statement (its return), as CPython's does,
# also when a store on the line before released an object (object code set the line on
# that release's path only), at every tier.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles k1, k2, k3, k4
import sys

saved = []


class D:
    def __del__(self):
        pass


def grab():
    saved.append(sys._getframe(1))
    return 1


def k1(n):
    t = grab()
    a, b = t, n
    return a + b


def k2(n):
    x = D()
    t = grab()
    x = t
    return x


def k3(n):
    t = grab()
    s = 0
    for i in range(n):
        s += i
    return s + t


def k4(n):
    t = grab()
    if n > 2:
        u = n * 2
    else:
        u = n
    return u + t


for _ in range(3):
    for k in (k1, k2, k3, k4):
        print(k.__name__, k(5), saved[-1].f_lineno)
    saved.clear()
