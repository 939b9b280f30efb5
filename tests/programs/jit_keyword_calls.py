# Functions called with keyword arguments, f(*args) and f(**kw), from tier 0 and from host
# code (sorted's key is positional, functools.partial and dataclass-like factories pass
# keywords): they compile and run natively like positional calls, defaults filled in, and
# a call that does not bind gets CPython's TypeError.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles area, scale, Point.__init__, Point.norm2
# expect auto: compiles area, scale
import functools


def area(w, h=2):
    return w * h


def scale(x, factor=1.5, offset=0.0):
    return x * factor + offset


class Point:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def norm2(self, weight=1):
        return (self.x * self.x + self.y * self.y) * weight


def make_point(**kw):
    return Point(**kw)


def attempt(f, *args, **kwargs):
    try:
        return f(*args, **kwargs)
    except TypeError as e:
        return "TypeError: " + str(e)


total = 0
for i in range(2000):
    total += area(w=i) + area(i, h=3) + area(*(i, 4)) + area(**{"w": i, "h": 5})
print(total)
s = 0.0
for i in range(2000):
    s += scale(i, offset=1.0) + scale(x=i, factor=2) + scale(i)
print(s)
pts = [Point(x=i, y=-i) for i in range(50)] + [Point(i) for i in range(5)]
print(sum(p.norm2(weight=2) for p in pts), sum(p.norm2() for p in pts))
print(make_point(x=3, y=4).norm2(), make_point(x=7).norm2(weight=3))
half = functools.partial(scale, factor=0.5)
print([half(v) for v in range(5)], [half(v, offset=1) for v in range(3)])
print(attempt(area, h=3), attempt(area, 1, w=2), attempt(area, 1, 2, 3), attempt(area, 1, depth=2))
print(attempt(Point, y=1), attempt(Point, 1, 2, z=3), attempt(scale, 1, 2, factor=3))
print(attempt(area, **{"w": 2, "h": 3}), attempt(area, *[2], **{"h": 10}))
