# Calls between compiled object code with keyword arguments, defaults filled in, and
# both: each binds as CPython does, including a keyword naming a positional parameter,
# defaults evaluated once (a mutable default shared between calls), and CPython's
# TypeError for a missing, unexpected or repeated argument.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# expect jit: compiles make, Point.__init__, Point.moved, build, build_kw
# run auto: --jit-threshold 3


def make(a, b=2, c=None, acc=[]):
    acc.append(a)
    return [a, b, c, len(acc)]


class Point:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def moved(self, dx=1, dy=1):
        return Point(self.x + dx, self.y + dy)

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


def build(n):
    out = []
    for i in range(n):
        out.append(make(i))
        out.append(make(i, 5))
        out.append(make(i, 5, "c"))
    return out


def build_kw(n):
    out = []
    for i in range(n):
        out.append(make(i, c="kw"))
        out.append(make(b=i, a="a"))
        out.append(make(i, c=[i], b=-1))
        p = Point(i, y=i * 2)
        out.append(p.moved(dy=10))
        out.append(p.moved(2))
        out.append(Point(x=i))
    return out


def bad_calls(i):
    msgs = []
    try:
        make()
    except TypeError as e:
        msgs.append(str(e))
    try:
        make(i, d=1)
    except TypeError as e:
        msgs.append(str(e))
    try:
        make(i, a=1)
    except TypeError as e:
        msgs.append(str(e))
    try:
        Point(i).moved(1, 2, 3)
    except TypeError as e:
        msgs.append(str(e))
    return msgs


for n in range(1, 5):
    print(build(n)[-3:])
    print(build_kw(n)[-6:])
    print(bad_calls(n))
