# Object code through Python's protocols: __getattr__, __getattribute__, descriptors,
# properties, __slots__, guest __eq__/__hash__ objects as dict keys and set members.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles read_all, total_len, count_keys, members, set_all, Point.__eq__, Point.__hash__
# run auto: --object-code
# expect auto: compiles read_all
class Lazy:
    def __getattr__(self, name):
        return name.upper()


class Logged:
    def __init__(self):
        self.log = []
        self.x = 1
        self.foo = "f"

    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append(name)
        return object.__getattribute__(self, name)


class Doubler:
    def __get__(self, obj, owner):
        return 2 * obj.base if obj is not None else self

    def __set__(self, obj, value):
        obj.base = value // 2


class WithProps:
    twice = Doubler()

    def __init__(self, base):
        self.base = base

    @property
    def neg(self):
        return -self.base

    @neg.setter
    def neg(self, v):
        self.base = -v


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"P({self.x}, {self.y})"


def read_all(objs):
    out = []
    for o in objs:
        out.append((o.foo, o.x))
    return out


def total_len(seq):
    n = 0
    for s in seq:
        n += len(s) if s is not None else 0
    return n


def count_keys(points, d):
    for p in points:
        d[p] = d.get(p, 0) + 1
    return d


def members(points, probe):
    s = {points[0]}
    for p in points:
        s.add(p)
    return probe in s, len(s)


def set_all(objs, v):
    for o in objs:
        o.twice = v
        o.neg = v + 1
    r = []
    for o in objs:
        r.append((o.twice, o.neg, o.base))
    return r


lazy = Lazy()
lazy.x = 5
logged = Logged()
for i in range(1100):
    r = read_all([lazy, logged])
print(r, len(logged.log), logged.log[:3])
print(total_len(["ab", (1, 2, 3), None, {1: 2}]))
pts = [Point(i % 3, i % 2) for i in range(10)]
for i in range(3):
    d = count_keys(pts, {})
print(sorted(d.items(), key=lambda kv: (kv[0].x, kv[0].y)))
print(members(pts, Point(2, 1)), members(pts, Point(7, 7)))
wp = [WithProps(i) for i in range(3)]
print(set_all(wp, 10), set_all(wp, 7))
sl = Slotted(1, 2)
try:
    read_all([sl])
except AttributeError as e:
    print("AttributeError", e)
try:
    set_all([sl], 1)
except AttributeError as e:
    print("AttributeError", e)
