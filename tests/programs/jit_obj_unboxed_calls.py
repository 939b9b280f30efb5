# Where object code's tagged numbers meet calls and containers: math.sqrt/sin/cos of a
# number computed inline while the name is still math's function (a float, an int, a big
# int, a negative number or inf: CPython's ValueError; math.sqrt replaced by another
# function in the middle of the run, a local named sqrt), list items updated in place with
# unboxed results (v[0] -= dx * m, as nbody does), lists of the right length unpacked in a
# `for` target (and of the wrong length: CPython's ValueError), and float ** with a
# negative base and an integral exponent (and an overflow: OverflowError).
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles norms, trig, replaced, local_sqrt, update, unpack_lists, odd_powers
# run auto: --object-code --jit-threshold 5
# expect auto: compiles norms, update, unpack_lists
import math
from math import sqrt


def norms(points):
    out = []
    for x, y, z in points:
        n = sqrt(x * x + y * y + z * z)
        m = math.sqrt(x * 2 + 1)
        out.append(n + m)
    return out


def trig(vals):
    out = []
    for v in vals:
        out.append((math.sin(v), math.cos(v * 0.5), sqrt(v)))
    return out


def replaced(vals):
    out = []
    for v in vals:
        out.append(math.sqrt(v * 4))
    return out


def local_sqrt(vals, sqrt):
    out = []
    for v in vals:
        out.append(sqrt(v + 1))
    return out


def update(bodies, dt):
    for pos, vel, m in bodies:
        vel[0] -= pos[0] * m * dt
        vel[1] += pos[1] * m * dt
        pos[0] += dt * vel[0]
        pos[1] = pos[1] + dt * vel[1]
    return bodies


def unpack_lists(rows):
    total = 0.0
    for [a, b, c], w in rows:
        total += (a - b) * c * w
    return total


def odd_powers(pairs):
    out = []
    for x, y in pairs:
        out.append((x * 1.0) ** (y * 1.0))
    return out


pts = [(1.0, 2.0, 2.0), (3, 4, 12), (0.5, -0.25, 1e-3), (2 ** 60, 1, 0)]
for _ in range(8):
    norms(pts[:2])
    update([([1.0, 2.0], [0.5, -0.5], 3.0)], 0.01)
    unpack_lists([([1.0, 2.0, 3.0], 0.5)])
print(norms(pts))
for vals in ([0.0, 1.0, 2.5, 1e6, 7], [-1.0], [float("inf")], [float("nan")], [2 ** 70], [-3]):
    try:
        print(trig(vals))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(replaced([1.0, 2.25, 9]))
saved = math.sqrt
math.sqrt = lambda v: ("replaced", v)
print(replaced([1.0, 4]))
math.sqrt = saved
print(replaced([16.0]))
print(local_sqrt([1.0, 2.0, 3], abs), local_sqrt([3.0], str))
bodies = [([1.0, 2.0], [0.5, -0.5], 3.0), ([-1.5, 0.25], [0.0, 1.0], 0.5)]
for _ in range(3):
    update(bodies, 0.01)
print(bodies)
print(unpack_lists([([1.0, 2.0, 3.0], 0.5), ([4, 1, 2], 2), ((1.5, 0.5, 2.0), 1.0)]))
for bad in ([([1.0, 2.0], 1.0)], [([1.0, 2.0, 3.0, 4.0], 1.0)], [(5, 1.0)]):
    try:
        print(unpack_lists(bad))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(odd_powers([(-2.0, 3.0), (-2.0, 2.0), (-2.5, -3.0), (-0.5, 4.0), (2.0, 0.5)]))
for pair in [(-8.0, 1.0 / 3.0), (-1e200, 3.0), (-0.0, -1.0)]:
    try:
        print(odd_powers([pair]))
    except (ZeroDivisionError, OverflowError, ValueError) as e:
        print(type(e).__name__, e)
