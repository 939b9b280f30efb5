# 2-D numpy arrays in compiled code: shape, indexing, nested loops, row views.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles matmul, matsum, scale_rows, trace
# expect auto: compiles matmul, matsum, trace
import numpy as np


def matsum(m):
    s = 0.0
    rows, cols = m.shape
    for i in range(rows):
        for j in range(cols):
            s += m[i, j]
    return s


def trace(m):
    t = 0
    for i in range(min(m.shape[0], m.shape[1])):
        t += m[i, i]
    return t


def scale_rows(m, k):
    for i in range(m.shape[0]):
        row = m[i]
        for j in range(len(row)):
            row[j] = row[j] * k
    return m.shape[1]


def matmul(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in range(n):
        for j in range(m):
            s = 0.0
            for p in range(k):
                s += a[i, p] * b[p, j]
            c[i, j] = s
    return n * m


a = np.arange(12, dtype=np.float64).reshape(3, 4)
ia = np.arange(16, dtype=np.int64).reshape(4, 4)
for i in range(1100):
    matsum(a)
    trace(ia)
print(matsum(a), trace(ia), type(trace(ia)).__name__)
print(scale_rows(a, 2.0), a.tolist())
x = np.arange(6, dtype=np.float64).reshape(2, 3)
y = np.arange(6, dtype=np.float64).reshape(3, 2)
z = np.zeros((2, 2))
for i in range(1100):
    matmul(x, y, z)
print(z.tolist())
