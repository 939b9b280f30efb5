# Object code keeps ints unboxed (int64) across operations (types.K_NUM): loops whose
# values overflow int64 in the middle and go on as exact big ints (with list appends
# before and after the overflow), negative overflow, products, floor division and modulo
# with negative operands, INT64_MIN // -1 and -INT64_MIN (each overflows int64), true
# division of ints beyond 2**53, bools and int subclasses (never the int fast path), and
# an int ZeroDivisionError in the middle of a chain (CPython's message and line).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles grow, shrink, products, divmods, edges, truediv, flags, subclass, zero_chain, collatz
# run auto: --object-code --jit-threshold 5
# expect auto: compiles grow, divmods
import traceback


class MyInt(int):
    def __add__(self, other):
        return "MyInt.add"

    def __mul__(self, other):
        return MyInt(int(self) * 3)


def grow(n, k):
    x = 1
    xs = []
    for i in range(n):
        xs.append(x)
        x = x * k + i
        xs.append(x - 1)
        if x > 10 ** 40:
            x = x // 10 ** 30
    return xs


def shrink(n):
    x = -1
    out = []
    for i in range(n):
        x = x * 7 - i
        out.append(x)
    return out


def products(vals):
    out = []
    for a in vals:
        for b in vals:
            c = a * b
            d = c + a - b
            out.append((c, d, c - d))
    return out


def divmods(vals):
    out = []
    for a in vals:
        for b in vals:
            if b:
                q = a // b
                r = a % b
                out.append((q, r, q * b + r == a))
    return out


def edges(m):
    a = m - 1            # INT64_MIN when m = -(2**63) + 1
    b = a // -1
    c = -a
    d = a * -1
    e = a - 1
    f = a + a
    return [a, b, c, d, e, f, a % -1, a & -1, a | 1, a ^ -1, ~a]


def truediv(vals):
    out = []
    for a in vals:
        for b in vals:
            if b:
                out.append(a / b)
    return out


def flags(vals):
    out = []
    for a in vals:
        t = a > 0
        u = a < 5
        out.append((t + u, t & u, t | u, t ^ u, t * 3, -t, t == 1, t < u))
    return out


def subclass(vals):
    out = []
    for a in vals:
        out.append(a + 1)
        out.append(a * 2)
        out.append(a - 1)
    return out


def zero_chain(xs, d):
    total = 0
    for x in xs:
        q = x * 3
        total = total + q // d
        d = d - 1
    return total


def collatz(n):
    steps = 0
    best = None
    while n != 1:
        if n % 2:
            n = 3 * n + 1
        else:
            n = n // 2
        steps += 1
        if best is None or n > best:
            best = n
    return steps, best


for _ in range(8):
    grow(30, 3)
    divmods([5, -3, 2 ** 62])
print(grow(60, 3)[-4:], len(grow(60, 3)))
print(grow(40, 1000003)[-2:])
print(shrink(40)[-2:])
vals = [0, 1, -1, 3, -7, 2 ** 30, -(2 ** 31), 2 ** 62, -(2 ** 62), 2 ** 63 - 1, -(2 ** 63), 2 ** 64]
print(products(vals))
print(divmods(vals))
print(edges(-(2 ** 63) + 1))
print(edges(5))
print(truediv([1, -3, 2 ** 53, 2 ** 53 + 1, 2 ** 60, -(2 ** 63), 7]))
print(flags([-2, 0, 3, 9]))
print(subclass([1, MyInt(4), True, False, 2 ** 70]))
print(zero_chain([1, 2, 3], 5))
try:
    print(zero_chain([1, 2, 3], 2))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
    print([(f.name, f.lineno) for f in traceback.extract_tb(e.__traceback__)])
print(collatz(27), collatz(97), collatz(2 ** 64 + 1))
