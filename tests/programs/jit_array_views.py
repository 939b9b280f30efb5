# Strided views, transposes, read-only and non-native byte-order arrays in hot code.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles corner_sum, set_all, total
# expect auto: compiles corner_sum, set_all, total
import numpy as np


def total(a):
    t = 0.0
    for i in range(len(a)):
        t += a[i]
    return t


def corner_sum(m):
    s = 0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            s += m[i, j] * (i + 1)
    return s


def set_all(a, v):
    for i in range(len(a)):
        a[i] = v
    return len(a)


base = np.arange(20, dtype=np.float64)
for k in range(1200):
    total(base)
print(total(base), total(base[::2]), total(base[::-3]), total(base[5:9]))
m = np.arange(12, dtype=np.int64).reshape(3, 4)
for k in range(1100):
    corner_sum(m)
print(corner_sum(m), corner_sum(m.T), corner_sum(m[:, ::2]), corner_sum(m[::-1]))
be = np.arange(6, dtype=">f8")
print(total(be), total(be.astype(np.float64)))
ro = np.arange(5, dtype=np.float64)
ro.flags.writeable = False
print(total(ro))
w = np.zeros(10)
for k in range(1100):
    set_all(w[::3], 1.5)
print(w.tolist())
try:
    set_all(ro, 2.0)
except ValueError as e:
    print("ValueError:", e)
