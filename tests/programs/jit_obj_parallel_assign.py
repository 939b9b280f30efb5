# Object code's parallel assignment `t1, t2 = e1, e2` (swaps, fib's `a, b = b, a + b`)
# builds no tuple: all the values first, then the targets left to right, as CPython. Each
# way that could differ: a subscript target whose index a former target rebinds
# (`i, xs[i] = 1, 5`), a __setitem__ that prints (the order of stores), a nested target
# taking a list, a store that raises half-way (the first target stays assigned),
# attributes swapped, negative indexes; and unpacking a tuple, list or str of the wrong
# length, which still unpacks an object (CPython's ValueError messages).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles swap, perm, order, nested, fails, attrs, fib, wrong_len
# run auto: --jit-threshold 2
class P:
    def __init__(self):
        self.x, self.y = 1, 2

class Loud(list):
    def __setitem__(self, i, v):
        print("set", i, v)
        list.__setitem__(self, i, v)

def swap(a, b):
    a, b = b, a
    return a, b

def perm(idx, i, j):
    idx[i], idx[-j] = idx[-j], idx[i]
    return idx

def order(xs):
    i = 0
    i, xs[i] = 1, 5
    return i, xs

def nested(a, b, c):
    (a, b), c = [c, a], b
    return a, b, c

def fails(xs):
    try:
        xs[0], xs[9] = xs[1], xs[0]
    except IndexError as e:
        return "IndexError", str(e), xs
    return xs

def attrs(p):
    p.x, p.y = p.y, p.x
    return p.x, p.y

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

def wrong_len(t):
    try:
        a, b = t
    except ValueError as e:
        return str(e)
    return a, b

for k in range(3):
    print(swap(1, "x"), perm([0, 1, 2, 3], 1, 1), order([0, 0]), nested(1, 2, 3), fails([7, 8]))
    print(attrs(P()), fib(100), perm(Loud([1, 2, 3]), 0, 1), wrong_len((1, 2, 3)), wrong_len([1]), wrong_len("ab"))
