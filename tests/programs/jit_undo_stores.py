# Array stores followed by a failing guard: the stores are undone before tier 0
# re-runs the call, so each element is incremented exactly once.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles bump2d, bump_then_grow, once
# expect auto: compiles bump2d, bump_then_grow
import numpy as np


def bump_then_grow(a, m):
    s = 1
    for i in range(len(a)):
        a[i] += 1
        s = s * m
    return s


def bump2d(m, k):
    t = 1
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            m[i, j] = m[i, j] + 0.5
            t = t * k
    return t


def once(a, n):
    x = 1
    for i in range(n):
        a[i % len(a)] += 1
        x = x * 3
    return x


a = np.zeros(8, dtype=np.int64)
for k in range(1100):
    bump_then_grow(a, 1)
print(a.tolist())
print(bump_then_grow(a, 2 ** 20))
print(a.tolist())
m = np.zeros((3, 3))
for k in range(1100):
    bump2d(m, 1)
print(bump2d(m, 2 ** 9))
print(m.tolist())
b = np.zeros(4, dtype=np.int64)
print(once(b, 3000) % 1000003, b.tolist())
