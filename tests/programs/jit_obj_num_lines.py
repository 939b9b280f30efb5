# The guest frame's line around object code's inline int/float operations
# (lowerobj.obj_line_before: their inline paths do not set it, their generic paths do): a
# guest __sub__/__lt__ reached from a hot numeric loop reads its caller's line, between
# inline operations on other lines.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles loop, after
# run auto: --object-code --jit-threshold 5
import sys

SEEN = []


class V:
    def __init__(self, x):
        self.x = x

    def __sub__(self, other):
        SEEN.append(("sub", sys._getframe(1).f_lineno))
        return float(self.x) - other

    def __lt__(self, other):
        SEEN.append(("lt", sys._getframe(1).f_lineno))
        return False

    def __mul__(self, other):
        SEEN.append(("mul", sys._getframe(1).f_lineno))
        return float(self.x) * other


def loop(items):
    t = 0.0
    for a in items:
        d = a - 1.0
        e = d * 2.0
        if a < t:
            t = e
        t = t + 1.0
    return t


def after(items):
    # a guest __lt__ after inline operations on other lines, then inline ones again
    t = 0.0
    for a in items:
        d = a * 2.0
        e = d + t
        if a < e:
            t = t + 1.0
        t = t - 0.5
    return t


ITEMS = [1.5, 2.5, V(3), 4.5, -1.0]
print(loop(ITEMS))
print(SEEN)
SEEN.clear()
print(after([1.0, 2.0, V(5), 3.0]))
print(SEEN)
