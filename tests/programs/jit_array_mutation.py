# Array stores in hot code, then a guard that would fail after a store: no repeated effects.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles fill, fill_then_overflow
# expect auto: compiles fill, fill_then_overflow
import numpy as np


def fill(a, x):
    for i in range(len(a)):
        a[i] = a[i] + x
    return a[0]


def fill_then_overflow(a, m):
    s = 1
    for i in range(len(a)):
        a[i] = i
        s = s * m
    return s


arr = np.zeros(10, dtype=np.int64)
for k in range(1200):
    fill(arr, 1)
print(arr.tolist())
b = np.zeros(8, dtype=np.int64)
for k in range(1100):
    fill_then_overflow(b, 2)
b[:] = 0
print(fill_then_overflow(b, 2 ** 20))
print(b.tolist())
f = np.ones(5)
for k in range(1100):
    fill(f, 0.5)
print(f.tolist())
