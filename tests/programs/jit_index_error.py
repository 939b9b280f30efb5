# Index errors from compiled array code carry numpy's message; negative indices wrap.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles get, put
# expect auto: compiles get, put
import numpy as np


def get(a, i):
    return a[i]


def put(a, i, v):
    a[i] = v
    return 0


a = np.arange(10, dtype=np.int64)
for k in range(1200):
    get(a, k % 10)
    get(a, -(k % 10) - 1)
print(get(a, 3), get(a, -1), get(a, -10))
for bad in (10, -11, 100):
    try:
        get(a, bad)
    except IndexError as e:
        print("IndexError:", e)
m = np.zeros((3, 4))
for k in range(1100):
    put(m[0], k % 4, k)
print(m.tolist())
try:
    put(a, 12, 5)
except IndexError as e:
    print("IndexError:", e)
print(a.tolist())
