# Locals that start as Python scalars and become numpy scalars (t = 0.0; t += a[i]).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles fsum, isum, mean_and_first
# expect auto: compiles fsum, isum
import numpy as np


def fsum(a):
    t = 0.0
    for i in range(len(a)):
        t += a[i]
    return t


def isum(a):
    t = 0
    for v in a:
        t += v
    return t


def mean_and_first(a):
    s = 0.0
    first = 0.0
    for i in range(len(a)):
        s += a[i] * 0.5
        if i == 0:
            first = a[i]
    return s / len(a), first


f = np.arange(10, dtype=np.float64)
i = np.arange(10, dtype=np.int64)
for k in range(1200):
    fsum(f)
    isum(i)
print(fsum(f), repr(fsum(f)), repr(fsum(f[:0])), type(fsum(f[:0])).__name__)
print(isum(i), repr(isum(i)), repr(isum(i[:0])))
print(mean_and_first(f), repr(mean_and_first(f[:1])))
big = np.array([2 ** 62, 2 ** 62, 2 ** 62], dtype=np.int64)
with np.errstate(over="ignore"):
    print(repr(isum(big)))
print(repr(isum(np.arange(5000, dtype=np.int64))))
