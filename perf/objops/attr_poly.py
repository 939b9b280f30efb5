"""Attribute reads at sites that see three classes (a base class's method called on
instances of its subclasses: the cache's other entries)."""
import sys


class Shape:
    def __init__(self, w):
        self.w = w
        self.h = w

    def area(self):
        return self.w * self.h


class A(Shape):
    pass


class B(Shape):
    pass


class C(Shape):
    pass


def run(shapes, n):
    t = 0
    for i in range(n):
        for s in shapes:
            t += s.w + s.h
    return t


print(run([A(1), B(2), C(3)], int(sys.argv[1])))
