# Object code: a class hierarchy with overriding, a call site that sees 1, 2, then 5
# receiver types, an attribute added after compilation, a class attribute and a method
# replaced after compilation, a global rebound after compilation.
#
# What the native tier does with it (tests/test_programs.py checks the trace):
# run jit: --object-code
# expect jit: compiles area_sum, describe, Shape.scaled, Square.area, Circle.area, bump_all, weighted
# run auto: --object-code
# expect auto: compiles area_sum
PI = 3


class Shape:
    kind = "shape"

    def __init__(self, size):
        self.size = size

    def area(self):
        return 0

    def scaled(self, k):
        return self.area() * k


class Square(Shape):
    kind = "square"

    def area(self):
        return self.size * self.size


class Circle(Shape):
    def area(self):
        return PI * self.size * self.size


class Tri(Square):
    def area(self):
        return super_area(self) // 2


def super_area(s):
    return s.size * s.size


class Hex(Shape):
    kind = "hex"


class Odd:
    kind = "odd"

    def area(self):
        return -1

    def scaled(self, k):
        return -k


def area_sum(shapes):
    total = 0
    for s in shapes:
        total += s.area()
    return total


def describe(shapes):
    out = []
    for s in shapes:
        out.append(f"{s.kind}:{s.scaled(2)}")
    return ",".join(out)


def bump_all(shapes):
    out = []
    for s in shapes:
        s.size += 1
        out.append(getattr(s, "extra", None))
    return out


def weighted(shapes):
    return area_sum(shapes) * WEIGHT


WEIGHT = 2
one = [Square(i) for i in range(5)]
two = one + [Circle(i) for i in range(5)]
five = two + [Tri(4), Hex(2), Odd()]
for rnd in range(1200):
    a = area_sum(one)
b = area_sum(two)
c = area_sum(five)
print(a, b, c)
for rnd in range(3):
    print(describe(one), describe(five))
print(weighted(two))
# attribute added to instances after compilation
for s in one:
    s.extra = s.size * 10
print(bump_all(one), bump_all(two[:3]))
# class attribute and method replaced after compilation
Square.kind = "SQ"
Square.area = lambda self: 1000
print(area_sum(one), describe(one[:2]))
Shape.scaled = lambda self, k: "patched"
print(describe(five))
# global rebound after compilation (ints, then a float, then a string)
PI = 4
print(area_sum(two))
PI = 0.5
print(area_sum(two))
WEIGHT = "w"
try:
    print(weighted(two))
except TypeError as e:
    print("TypeError", e)
del Square.area
print(area_sum(one))
