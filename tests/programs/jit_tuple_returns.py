# Tuples in compiled code: building, returning, unpacking, indexing.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles divmod_py, stats, swap
# run auto: --jit-threshold 10
# expect auto: compiles divmod_py, swap, stats@function from the loop at line 18
def divmod_py(a, b):
    return a // b, a % b


def swap(p):
    a, b = p
    return b, a


def stats(n):
    lo, hi, s = n, 0, 0
    for i in range(n):
        v = (i * 37) % n
        lo = min(lo, v)
        hi = max(hi, v)
        s += v
    return lo, hi, s, s / n


for i in range(1, 1200):
    divmod_py(i * 13, i)
    swap((i, -i))
print(divmod_py(17, 5), divmod_py(-17, 5), swap((1.5, 2)), swap((None, True)))
print(stats(1000))
print(stats(7))
t = (3, 4.5)
print(swap(t), swap(swap(t)) == t)
