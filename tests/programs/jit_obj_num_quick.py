# Object code's quick numeric paths (lowerobj.quick_numeric): two float-tagged numbers, two
# float objects or two int-tagged numbers go straight to the float/int operation; every
# other mix (an int with a float, a big int, a float or int subclass, a bool, a str) takes
# the full dispatch. Operands change kind in the middle of hot loops; -0.0, nan and inf
# through the quick paths; int64 overflow of int-tagged numbers into big ints; the
# ZeroDivisionError messages of /, // and % with floats and ints; comparisons of each kind.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles mix, specials, overflow, divisions, compares, subclasses
# run auto: --object-code --jit-threshold 5
# expect auto: compiles mix@function from the loop at line 30, overflow, compares@function from the loop at line 91


class F(float):
    def __add__(self, other):
        return "F.add"

    def __mul__(self, other):
        return F(float(self) * 3)


class I(int):
    def __sub__(self, other):
        return "I.sub"


def mix(items):
    out = []
    for a, b in items:
        s = a - b
        p = a * b
        q = s * p           # tagged x tagged: float/float, int/int, or mixed
        r = q + 1.0
        out.append((s, p, q, r, type(q).__name__, type(r).__name__))
    return out


def specials(items):
    out = []
    for a, b in items:
        x = a * b
        y = x + x
        z = y - y
        out.append((repr(x), repr(y), repr(z), x == y, x < y, x != x))
    return out


def overflow(n, step):
    out = []
    a = 1
    b = step
    for _ in range(n):
        c = a * b       # int-tagged until it leaves int64, then an exact int
        d = c + c
        a = d - a
        out.append(a)
    return out


def divisions(pairs):
    out = []
    for a, b in pairs:
        try:
            s = a + b           # tagged numbers: s / t, s // t, s % t on the quick paths
            t = s - a - b + b
        except TypeError as e:
            out.append("TypeError: " + str(e))
            continue
        try:
            out.append(repr(s / t))
        except ZeroDivisionError as e:
            out.append("ZeroDivisionError: " + str(e))
        try:
            out.append(repr(s // t))
        except ZeroDivisionError as e:
            out.append("ZeroDivisionError: " + str(e))
        try:
            out.append(repr(s % t))
        except ZeroDivisionError as e:
            out.append("ZeroDivisionError: " + str(e))
        try:
            out.append(repr(a / b))
        except ZeroDivisionError as e:
            out.append("ZeroDivisionError: " + str(e))
    return out


def compares(items):
    out = []
    for a, b in items:
        s = a + b
        d = a - b
        out.append((s < d, s <= d, s == d, s != d, s > d, s >= d))
    return out


def subclasses(items):
    out = []
    for a, b in items:
        out.append(repr(a + b))
        out.append(repr(a * b))
        out.append(repr(a - b))
    return out


NAN = float("nan")
INF = float("inf")
print(mix([(1.5, 0.25), (3, 2), (1.5, 2), (2, 0.5), (10**20, 3), (True, 2.0), (2.0, 3.0),
           (-4, 7), (0.1, 0.2), (2**62, -2**62)]))
print(specials([(-0.0, 1.0), (0.0, -1.0), (NAN, 1.0), (INF, -1.0), (INF, 0.0), (1e308, 10.0),
                (-1e-320, 1e-10), (2.0, 3.0), (-0.0, -0.0)]))
print(overflow(70, 3)[-3:])
print(overflow(5, -(2**40)))
print(divisions([(1.0, 0.0), (1, 0), (-7, 2), (7, -2), (-7.5, 2.0), (7.5, -0.0), (0.0, 0.0),
                 (2**63 - 1, -1), (-2**63, -1), (5, 2.5), (3, "x")]))
print(compares([(1.0, 2.0), (1, 2), (NAN, 1.0), (1, 1.0), (-0.0, 0.0), (2**70, 1), (3, 3)]))
print(subclasses([(F(1.5), 2.0), (2.0, F(1.5)), (I(7), 2), (2, I(7)), (True, True),
                  (1.5, 2.5), (4, 5)]))
