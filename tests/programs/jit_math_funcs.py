# math functions in compiled code, their values and CPython's error messages.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles calc, grow, logs, root, rounding
# expect auto: compiles calc, grow, logs, root
import math
from math import sqrt, floor


def calc(x):
    return math.sin(x) + math.cos(x) * math.exp(-x) + sqrt(abs(x)) + math.atan(x)


def rounding(x):
    return floor(x), math.ceil(x), math.trunc(x), math.fabs(x)


def logs(x):
    return math.log(x) + math.log10(x) + math.log2(x)


s = 0.0
for i in range(1200):
    s += calc(i * 0.01)
print(round(s, 6), repr(calc(0.5)))
for v in (2.5, -2.5, 0.0, -0.5, 7.0, 1e15):
    print(rounding(v))
for i in range(1, 1100):
    logs(i)
print(logs(10.0), logs(1))
for bad in (0, -1.0):
    try:
        logs(bad)
    except ValueError as e:
        print("ValueError:", e)


def root(x):
    return math.sqrt(x)


for i in range(1100):
    root(i)
try:
    root(-1)
except ValueError as e:
    print("ValueError:", e)


def grow(x):
    return math.exp(x)


for i in range(1100):
    grow(i * 0.1)
try:
    grow(1000)
except OverflowError as e:
    print("OverflowError:", e)
for v in (float("inf"), float("nan")):
    try:
        print(rounding(v))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
print(math.isnan(float("nan")), math.pi, math.hypot(3, 4), math.pow(2, 10))
