"""pyperformance raytrace's Point and Vector operators: Point - Point and Point + Vector
(a guest __sub__/__add__ making a new instance per call) and a method call, per
iteration (binary operators on instances of guest classes: pjobj.c pj_binop_dunder)."""
import sys


class Vector(object):
    def __init__(self, initx, inity, initz):
        self.x = initx
        self.y = inity
        self.z = initz

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z


class Point(object):
    def __init__(self, initx, inity, initz):
        self.x = initx
        self.y = inity
        self.z = initz

    def __sub__(self, other):
        if isinstance(other, Point):
            return Vector(self.x - other.x, self.y - other.y, self.z - other.z)
        return Point(self.x - other.x, self.y - other.y, self.z - other.z)

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y, self.z + other.z)


def run(n):
    p = Point(1.0, 2.0, 3.0)
    q = Point(0.5, 0.25, 0.125)
    v = Vector(0.1, 0.2, 0.3)
    s = 0.0
    for i in range(n):
        cp = p - q
        s += cp.dot(v)
        r = q + v
        s += r.x
    return s


print(run(int(sys.argv[1])))
