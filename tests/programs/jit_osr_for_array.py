# Long for loops over arrays and ranges in functions called once (OSR).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles dot, prefix, total
# expect auto: compiles dot@function from the loop at line 11, total@loop at line 18, prefix@function from the loop at line 25
import numpy as np


def dot(a, b):
    s = 0.0
    for i in range(len(a)):
        s += a[i] * b[i]
    return s


def total(a):
    t = 0
    for v in a:
        t += v
    return t


def prefix(a, out):
    run = 0.0
    for i in range(len(a)):
        run += a[i]
        out[i] = run
    return run


x = np.arange(5000, dtype=np.float64)
y = np.ones(5000)
print(dot(x, y))
iv = np.arange(4000, dtype=np.int64)
print(total(iv), type(total(iv)).__name__)
o = np.zeros(5000)
print(prefix(x, o), o[:5].tolist(), o[-1])
