# Object code keeps floats unboxed across operations (types.K_NUM, lowerobj.fast_numeric):
# chains of float operations whose intermediate values escape in the middle (appended to a
# list, stored as an attribute and a global, passed to a call, returned), NaN, inf and -0.0
# through the unboxed paths (comparisons, truth, negation, pow), a float division by zero
# and a float overflow in the middle of a chain (CPython's exception and traceback line),
# and identity: a NaN appended to a list is found in it again (`in` tries `is` first).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles chain, escapes, specials, negs, powers, divide_chain, nan_identity, energy
# run auto: --object-code --jit-threshold 5
# expect auto: compiles chain, negs, powers
import traceback

LAST = None


class Box:
    pass


def keep(v):
    return v


def chain(xs, k):
    s = 0.0
    for x in xs:
        d = x * k + 1.5
        e = d * d - x / 3.0
        s += e - d * 0.25
    return s


def escapes(xs, box):
    global LAST
    out = []
    acc = 1.0
    for x in xs:
        y = x * 2.5 - acc
        out.append(y)              # escapes into a list, then goes on unboxed
        z = y * y + 0.5
        box.z = z                  # into an attribute
        LAST = z - 1.0             # into a global
        w = keep(z * 0.5) + y      # into a call, and back
        acc = acc * 0.5 + w / 8.0
        out.append(acc)
    return out, acc


def specials(vals):
    out = []
    for a in vals:
        b = a * 1.0
        c = b - 0.0
        out.append((repr(c), c == c, c != c, c < 1.0, c >= 1.0, c > -1.0, bool(c)))
        if c:
            out.append("true")
        else:
            out.append("false")
        if not c:
            out.append("not")
        d = c * -1.0
        out.append(repr(d))
        out.append(repr(0.0 * c))
        out.append(repr(c + -0.0))
    return out


def negs(vals):
    out = []
    for a in vals:
        b = a + 0.0
        out.append(repr(-b))
        out.append(repr(-(b * 2.0)))
    return out


def powers(pairs):
    out = []
    for x, y in pairs:
        a = x * 1.0
        b = y * 1.0
        out.append(repr(a ** b))
    return out


def divide_chain(xs, d):
    total = 0.0
    for x in xs:
        q = x * 2.0
        r = q / d
        total = total + r * 0.5
        d = d - 1.0
    return total


def nan_identity(x):
    y = x * 2.0
    lst = [1.0]
    lst.append(y)
    found = y in lst
    return found, lst.count(y), lst.index(y)


def energy(bodies, pairs):
    e = 0.0
    for ((x1, y1, z1), m1), ((x2, y2, z2), m2) in pairs:
        dx = x1 - x2
        dy = y1 - y2
        dz = z1 - z2
        e -= (m1 * m2) / ((dx * dx + dy * dy + dz * dz) ** 0.5)
    for (x, y, z), m in bodies:
        e += m * (x * x + y * y + z * z) / 2.
    return e


xs = [0.5, -1.25, 3.0, 2, -7, 1e10, 0.1] * 5
for _ in range(8):
    chain(xs, 0.5)
    negs([1.5, -0.0])
    powers([(2.0, 3.0)])
print(chain(xs, 1.5), chain(xs, -0.75))
box = Box()
print(escapes(xs, box), box.z, LAST)
inf = float("inf")
nan = float("nan")
vals = [0.0, -0.0, 1.0, -2.5, inf, -inf, nan, 1e308, 5e-324]
for item in specials(vals):
    print(item)
print(negs(vals + [3, -4, 0]))
print(powers([(2.0, 3.0), (2.0, -1.5), (9.0, 0.5), (1e10, -2.0), (0.5, 1000.0), (2.0, 1e-300),
              (1.0, nan), (nan, 0.0), (inf, -1.0), (-inf, 3.0), (2.0, -inf), (4.0, 0.25),
              (-8.0, 3.0), (-8.0, 2.0), (0.0, 0.0), (0.0, 2.0), (-0.0, 3.0)]))
for pair in [(0.0, -1.0), (10.0, 1000.0), (-8.0, 1.0 / 3.0), (-0.0, -2.0)]:
    try:
        print(powers([pair]))
    except (ZeroDivisionError, OverflowError) as e:
        print(type(e).__name__, e)
print(divide_chain([1.0, 2.0, 3.0], 5.0))
try:
    print(divide_chain([1.0, 2.0, 3.0], 2.0))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
    tb = traceback.extract_tb(e.__traceback__)
    print([(f.name, f.lineno) for f in tb])
print(nan_identity(nan), nan_identity(1.5))
bodies = [((0.0, 0.0, 0.0), 39.47), ((4.84, -1.16, -0.10), 0.037), ((8.34, 4.12, -0.4), 0.011)]
pairs = [(bodies[0], bodies[1]), (bodies[0], bodies[2]), (bodies[1], bodies[2])]
print(energy(bodies, pairs))
