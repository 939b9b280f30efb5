# Native code and builtins or math functions the program replaces: builtins.abs, max,
# len, range and int, math.sqrt, math.floor and math.pi, each replaced after the code
# using it compiled (the next call sees the replacement, as in CPython) and put back;
# one replaced before the first compile; `from math import sqrt` of a replaced sqrt.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles mag, clamp, count_to, roots, circle, floors
import builtins
import math


def mag(x, y):
    return abs(x) + abs(y) + max(x, y)


def clamp(x):
    return int(min(max(x, 0.0), 1.0) * 10)


def count_to(n):
    t = 0
    for i in range(n):
        t += i
    return t


def roots(x):
    return math.sqrt(x) + math.floor(x)


def circle(r):
    return math.pi * r * r


def floors(x):
    return sqrt(x)


def show():
    print(mag(-3, 4), clamp(0.45), count_to(5), roots(9.5), circle(2.0))


show()
show()
saved = {name: getattr(builtins, name) for name in ("abs", "max", "range", "int")}
builtins.abs = lambda v: 100
show()
builtins.max = lambda a, b: -1
builtins.range = lambda n: [7, 7]
builtins.int = lambda v: "int!"
show()
for name, f in saved.items():
    setattr(builtins, name, f)
show()

math_saved = math.sqrt, math.floor, math.pi
math.sqrt = lambda v: 1000.0
show()
math.floor = lambda v: 0.5
math.pi = 3.0
show()
from math import sqrt   # the replacement, bound before floors ever compiles
print(floors(4.0))
math.sqrt, math.floor, math.pi = math_saved
show()
print(floors(4.0))
from math import sqrt
print(floors(4.0))


def lengths(items):
    return len(items) * 2


print(lengths([1, 2, 3]))
builtins.len = lambda v: 50
print(lengths([1, 2, 3]))
del builtins.len
try:
    print(lengths([1, 2, 3]))
except NameError as e:
    print("NameError:", e)
