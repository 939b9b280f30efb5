# Object code: parameters left to their defaults (a mutable default shared across calls,
# a big-int default, None defaults tested with `is None` against unboxed floats), the
# defaults tuple replaced and removed after compilation (CPython's TypeError), and
# `is` between None and unboxed values.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles V.__init__, V.f, collect, pick, advance
# run auto: --object-code --jit-threshold 20
# expect auto: compiles V.f, collect


class V:
    def __init__(self, x, y=2.0, z=None):
        self.x = x
        self.y = y
        self.z = z

    def f(self, k=3, big=10**30):
        return self.x * k + big


def collect(a, into=[]):
    into.append(a)
    return len(into)


def pick(x=None, y=1.5, flag=False):
    if x is None:
        return y
    if flag is True:
        return -x
    return x


def advance(dt, n, bodies=[[0.0, 1.0], [2.0, 3.0]], scale=0.5):
    for _ in range(n):
        for b in bodies:
            b[0] += dt * b[1] * scale
    return bodies[0][0] + bodies[1][0]


total = 0
for i in range(60):
    v = V(i)
    total += v.f() + v.f(2) + collect(i)
    total += V(i, 1.0).y == 1.0
print(total, len(collect.__defaults__[0]))
print(pick(), pick(2.5), pick(None, 3.0), pick(4.0, 0.0, True), pick(1, 2, None))
print(round(advance(0.01, 30), 6), round(advance(0.02, 5, [[1.0, 1.0]] * 2), 6))

collect.__defaults__ = ([7, 7],)
print(collect(1), collect(2))
collect.__defaults__ = None
try:
    collect(3)
except TypeError as e:
    print("TypeError:", e)
V.f.__defaults__ = (1,)
try:
    print(V(2).f())
except TypeError as e:
    print("TypeError:", e)
V.f.__defaults__ = (1, -5)
print(V(2).f())
